#!/usr/bin/env python3
"""Make plugins/casebook/data/world-110m.json, the country shapes that Casebook's maps are drawn from.

Source: Natural Earth's 1:110m countries (public domain, https://www.naturalearthdata.com/), as
TopoJSON in the npm package world-atlas 2.0.2 (ISC licence, Mike Bostock). Each country is projected
once here (Equal Earth, an equal-area projection), its coordinates rounded, and written as an SVG
path keyed by its ISO 3166-1 alpha-2 code, so that a build needs no geometry at all:

    npm install --prefix /tmp/atlas world-atlas@2.0.2
    python scripts/world_map.py /tmp/atlas/node_modules/world-atlas/countries-110m.json
"""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "plugins" / "casebook" / "data" / "world-110m.json"
WIDTH = 1000.0
# Natural Earth features without an ISO numeric code, by name.
UNCODED = {"Kosovo": "XK", "N. Cyprus": None, "Somaliland": None}
LEFT_OUT = {"AQ"}
"""Antarctica: no partnership there, and a fifth of the map."""
SOUTH = -58.0
"""The map's southern edge (Tierra del Fuego)."""

A1, A2, A3, A4 = 1.340264, -0.081106, 0.000893, 0.003796
M = math.sqrt(3) / 2


def equal_earth(lon: float, lat: float) -> tuple[float, float]:
    """Šavrič, Patterson and Jenny's Equal Earth projection (2018), unit sphere."""
    lam, phi = math.radians(lon), math.radians(lat)
    theta = math.asin(M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = lam * math.cos(theta) / (M * (A1 + 3 * A2 * t2 + t6 * (7 * A3 + 9 * A4 * t2)))
    y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2))
    return x, y


def arcs_of(topology: dict) -> list[list[tuple[float, float]]]:
    """Decode the quantized, delta-encoded arcs to longitude and latitude."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        decoded.append(points)
    return decoded


def ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("topojson", type=Path, help="world-atlas's countries-110m.json")
    args = parser.parse_args()
    topology = json.loads(args.topojson.read_text("utf-8"))
    arcs = arcs_of(topology)
    x_max = equal_earth(180, 0)[0]
    y_max = equal_earth(0, 90)[1]
    scale = WIDTH / (2 * x_max)
    height = round((y_max - equal_earth(0, SOUTH)[1]) * scale, 1)

    def point(lon: float, lat: float) -> tuple[float, float]:
        x, y = equal_earth(lon, lat)
        return round((x + x_max) * scale, 1), round((y_max - y) * scale, 1)

    countries = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        name = geometry["properties"]["name"]
        code = None
        if "id" in geometry:
            country = pycountry.countries.get(numeric=geometry["id"])
            code = country.alpha_2 if country else None
        elif name in UNCODED:
            code = UNCODED[name]
        if code is None or code in LEFT_OUT or geometry["type"] not in ("Polygon", "MultiPolygon"):
            continue
        polygons = [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry["arcs"]
        parts, xs, ys = [], [], []
        for polygon in polygons:
            for indexes in polygon:
                # A ring that crosses the antimeridian (Fiji, Russia) is drawn as the pieces either side.
                pieces: list[list[tuple[float, float]]] = [[]]
                for lon, lat in ring(indexes, arcs):
                    p = point(lon, lat)
                    if pieces[-1] and abs(p[0] - pieces[-1][-1][0]) > WIDTH / 2:
                        pieces.append([])
                    if not pieces[-1] or p != pieces[-1][-1]:
                        pieces[-1].append(p)
                for projected in pieces:
                    if len(projected) < 3:
                        continue
                    xs += [p[0] for p in projected]
                    ys += [p[1] for p in projected]
                    parts.append("M" + "L".join(f"{x:g},{y:g}" for x, y in projected) + "Z")
        countries[code] = {"name": name, "d": "".join(parts), "box": [min(xs), min(ys), max(xs), max(ys)]}
    document = {
        "source": "Natural Earth 1:110m Admin 0 countries (public domain, naturalearthdata.com), "
        "from the npm package world-atlas 2.0.2 (ISC licence); projected by scripts/world_map.py (Equal Earth)",
        "width": WIDTH,
        "height": height,
        "countries": dict(sorted(countries.items())),
    }
    OUT.write_text(json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n", "utf-8")
    print(f"Wrote {OUT.relative_to(ROOT)}: {len(countries)} countries, {OUT.stat().st_size / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
