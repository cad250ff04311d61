"""Where the cases are, drawn: shading by number, the world map's shapes, and the views of it.

The shapes are Natural Earth's countries at 1:110m (public domain), projected once by
scripts/world_map.py into data/world-110m.json. The site draws them as inline SVG, at build time:
no script, no tile server, no other host, and they print. The shapes are written once per build,
into one file that locator maps and packs refer to (`<use xlink:href>`); only the map of every case
draws them inline, with a link on each country that has cases.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
import json
import math

LEVELS = 5
"""Shades of a count, lightest (1) to darkest (LEVELS); no case has no shade."""


@dataclass(frozen=True)
class Shape:
    name: str
    d: str
    """Its SVG path, in the map's coordinates."""
    box: tuple[float, float, float, float]


@dataclass(frozen=True)
class World:
    width: float
    height: float
    countries: dict[str, Shape]
    source: str


@cache
def world() -> World:
    data = json.loads(resources.files("casebook").joinpath("data", "world-110m.json").read_text("utf-8"))
    shapes = {code: Shape(c["name"], c["d"], tuple(c["box"])) for code, c in data["countries"].items()}
    return World(data["width"], data["height"], shapes, data["source"])


@dataclass(frozen=True)
class Shading:
    """Which shade a count gets: the same steps for a map and its legend, and for the coverage matrices."""

    bounds: tuple[int, ...]
    """The smallest count of each step, from the first."""
    top: int
    """The largest count."""

    @classmethod
    def of(cls, counts: list[int]) -> Shading:
        """Steps that fit the counts: one per count while they are few (1, 2, 3...), growing
        geometrically up to the largest, so that larger is darker and every step has a shade."""
        top = max([n for n in counts if n > 0], default=1)
        if top <= LEVELS:
            return cls(tuple(range(1, top + 1)), top)
        bounds = [1]
        for step in range(1, LEVELS):
            bound = max(bounds[-1] + 1, round(math.exp(math.log(top) * step / LEVELS)))
            if bound > top:
                break
            bounds.append(bound)
        return cls(tuple(bounds), top)

    def level(self, n: int) -> int:
        """The shade of a count: 0 for none; otherwise up to LEVELS, the darkest, for the largest
        counts. With fewer steps than shades, the steps take the darkest ones (two: 4 and 5)."""
        if n <= 0:
            return 0
        return LEVELS - len(self.bounds) + sum(1 for bound in self.bounds if n >= bound)

    def legend(self) -> list[tuple[int, str]]:
        """(shade, '4–9') for each step, as the legend shows it."""
        out = []
        for i, low in enumerate(self.bounds):
            high = self.bounds[i + 1] - 1 if i + 1 < len(self.bounds) else self.top
            out.append((self.level(low), str(low) if high == low else f"{low}–{high}"))
        return out


def sprite() -> str:
    """Every country's shape, once, as an SVG file that maps refer to: `#land` is all of them, `#c-KE` one."""
    w = world()
    paths = "".join(f'<path id="c-{code}" d="{shape.d}"/>' for code, shape in w.countries.items())
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w.width:g} {w.height:g}">'
        f"<!-- {w.source} -->"
        f'<g id="land">{paths}</g></svg>\n'
    )


def view_box(codes: list[str], margin: float = 0.25, least: tuple[float, float] = (160, 90)) -> str:
    """The part of the map that shows `codes` with some of their surroundings, never smaller than
    `least` (so that a small country is seen where it is), within the map."""
    w = world()
    boxes = [w.countries[c].box for c in codes if c in w.countries]
    # The zoom follows the larger shapes: a region's far-off islets would show the whole world.
    large = [b for b in boxes if b[2] - b[0] >= 6 or b[3] - b[1] >= 6]
    boxes = large or boxes
    if not boxes:
        return f"0 0 {w.width:g} {w.height:g}"
    x0, y0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
    x1, y1 = max(b[2] for b in boxes), max(b[3] for b in boxes)
    width = max((x1 - x0) * (1 + 2 * margin), least[0])
    height = max((y1 - y0) * (1 + 2 * margin), least[1], width * 9 / 16)
    width = max(width, height * 16 / 9)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    left = min(max(cx - width / 2, 0), max(w.width - width, 0))
    top = min(max(cy - height / 2, 0), max(w.height - height, 0))
    return f"{left:.1f} {top:.1f} {min(width, w.width):.1f} {min(height, w.height):.1f}"


def drawn(code: str) -> bool:
    """Is the country on the map? Some small ones are not, at 1:110m."""
    return code in world().countries
