#!/usr/bin/env python3
"""Benchmark Casebook's build against plain Material sites built from the same pages.

For each N (default 1,000 and 5,000) it generates N synthetic, valid cases and times, in the
same run (absolute times on shared machines are noisy, ratios less so), the median of three
builds taken in turns:

- casebook: the Casebook site (plugin on, cases in cases/, lean nav);
- floor:    a plain Material site with the same case pages in docs/ and a nav of the home page;
- tags:     what a user would otherwise do, a plain Material site with its default nav and
            Material's tags plugin with a tags index (only at N <= 1,000: it grows with N squared);
- check:    `casebook check` of the N cases.

Targets: casebook/floor <= 1.25 at every N; casebook(5,000)/casebook(1,000) <= 5.5;
tags/casebook >= 4 at 1,000; floor/check >= 10 at 5,000; related cases grow near-linearly
(their time per case at 5,000 at most twice that at 1,000; quadratic work would make it 5).

It also reports the size of the catalogue page and of the search index, the time the catalogue's
filter takes per keystroke in Chromium at the largest N (target: under 100 ms), and the slowest
validation of a hostile file (target: under a second), which the test suite may not time.

    python scripts/bench.py                # 1,000 and 5,000 cases
    python scripts/bench.py --cases 200    # a quick look
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from casebook.geography import m49  # noqa: E402
from casebook.taxonomy import load_taxonomy  # noqa: E402

WORDS = (
    "partnership company programme community school water energy training local government network "
    "results lessons support business private sector development resources project report capacity "
    "learning dialogue investment children health education rights environment technology access"
).split()


def synthetic_cases(n: int, seed: int = 2003) -> list[tuple[str, dict, str]]:
    """N valid cases as (slug, front matter, ~400-word body); the same N and seed give the same cases."""
    rng = random.Random(seed)
    taxonomy = load_taxonomy(ROOT / "cases" / "taxonomy.yml")
    countries = sorted(m49())
    partner_pool = [(f"Partner {i:03d} {rng.choice(WORDS).title()}", rng.choice(list(taxonomy.partner_types))) for i in range(300)]
    cases = []
    for i in range(n):
        partners = rng.sample(partner_pool, rng.randint(2, 4))
        meta = {
            "title": f"Case {i:05d}: {' '.join(rng.choices(WORDS, k=4)).capitalize()}",
            "summary": " ".join(rng.choices(WORDS, k=40)).capitalize() + ".",
            "partners": [{"name": name, "type": kind} for name, kind in partners],
            "purposes": rng.sample(list(taxonomy.purposes), rng.randint(1, 2)),
            "sectors": rng.sample(list(taxonomy.sectors), rng.randint(1, 3)),
            "scale": rng.choice(["project", "strategic"]),
            "countries": rng.sample(countries, rng.randint(1, 2)),
            "status": rng.choice(["active", "completed"]),
            "start": rng.randint(1995, 2003),
            "source": {"document": "Synthetic", "paragraphs": [rng.randint(1, 90)]},
        }
        paragraphs = [" ".join(rng.choices(WORDS, k=80)).capitalize() + "." for _ in range(5)]
        body = "## Context\n\n" + "\n\n".join(paragraphs) + "\n"
        cases.append((f"case-{i:05d}", meta, body))
    return cases


def _front_matter(meta: dict) -> str:
    return "---\n" + yaml.safe_dump(meta, sort_keys=False, allow_unicode=True) + "---\n\n"


def make_casebook_site(folder: Path, cases) -> None:
    shutil.copytree(ROOT / "content", folder / "content")
    shutil.copytree(ROOT / "overrides", folder / "overrides")
    (folder / "cases").mkdir()
    shutil.copy(ROOT / "cases" / "taxonomy.yml", folder / "cases")
    for slug, meta, body in cases:
        (folder / "cases" / f"{slug}.md").write_text(_front_matter(meta) + body, "utf-8")
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")


def make_plain_site(folder: Path, cases, *, tags: bool) -> None:
    docs = folder / "docs"
    (docs / "cases").mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n", "utf-8")
    for slug, meta, body in cases:
        head = _front_matter({"tags": meta["purposes"] + meta["sectors"] + meta["countries"]}) if tags else ""
        (docs / "cases" / f"{slug}.md").write_text(f"{head}# {meta['title']}\n\n{meta['summary']}\n\n{body}", "utf-8")
    config = {"site_name": "Bench", "theme": {"name": "material", "font": False}, "plugins": ["search"]}
    if tags:
        config["plugins"].append("tags")
        (docs / "tags.md").write_text("# Tags\n\n<!-- material/tags -->\n", "utf-8")
    else:
        config["nav"] = ["index.md"]
    (folder / "mkdocs.yml").write_text(yaml.safe_dump(config), "utf-8")


def run(command: list[str], cwd: Path) -> tuple[float, float]:
    """Wall time in seconds and peak memory in MiB of one command."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"{' '.join(command)} failed in {cwd}:\n{process.stderr.read().decode()}")
    return elapsed, usage.ru_maxrss / 1024


def size_mib(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 2**20


def filter_timing(site_dir: Path) -> tuple[float, float]:
    """Median and worst milliseconds per keystroke and per checkbox in the catalogue's filter, in Chromium."""
    import functools
    import http.server
    import shutil as sh
    import threading

    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site_dir)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    chromium = os.environ.get("CASEBOOK_CHROMIUM") or sh.which("chromium")
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"])
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/catalogue/")
            # Each step: change the input, let the handler run, force layout, as a keystroke would.
            times = page.evaluate("""() => {
                const q = document.getElementById("casebook-q");
                const out = [];
                for (const text of ["p", "pa", "par", "part", "partn", "partne", "partner", "partner 0", "partner 01", "partner 0", "", "w", "wa", "wat", "wate", "water", ""]) {
                    const t0 = performance.now();
                    q.value = text;
                    q.dispatchEvent(new Event("input", {bubbles: true}));
                    document.body.offsetHeight;
                    out.push(performance.now() - t0);
                }
                for (const box of Array.from(document.querySelectorAll("#casebook-filters input[type=checkbox]")).slice(0, 12)) {
                    const t0 = performance.now();
                    box.checked = !box.checked;
                    box.dispatchEvent(new Event("change", {bubbles: true}));
                    document.body.offsetHeight;
                    out.push(performance.now() - t0);
                }
                return out;
            }""")
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    if os.environ.get("BENCH_VERBOSE"):
        print("  filter steps (ms):", " ".join(f"{t:.0f}" for t in times))
    return statistics.median(times), max(times)


def hostile_validation_worst() -> tuple[float, str]:
    """The slowest validation, in seconds, among hostile files made to be slow."""
    from casebook.model import ValidationContext
    from casebook.validation import validate_file

    context = ValidationContext(load_taxonomy(ROOT / "cases" / "taxonomy.yml"), frozenset())
    hostile = {
        "alias bomb": "---\na: &a [" + ", ".join(["x"] * 9) + "]\n" + "".join(f"{c}: &{c} [" + ", ".join([f"*{p}"] * 9) + "]\n" for p, c in zip("abcdefgh", "bcdefghi")) + "---\n",
        "deep nesting": "---\ntitle: " + "[" * 20000 + "]" * 20000 + "\n---\n",
        "many keys": "---\n" + "".join(f"k{i}: {i}\n" for i in range(20000)) + "---\n",
        "long value": "---\ntitle: " + "x" * 60000 + "\n---\n",
        "1 MB body": "---\ntitle: x\n---\n" + ("lorem ipsum " * 85000)[:999000],
        "huge number": "---\nresources: [{amount: " + "9" * 50000 + ", currency: USD}]\n---\n",
        "many list items": "---\nsectors: [" + ", ".join(["health"] * 4000) + "]\n---\n",
    }
    worst = (0.0, "")
    with tempfile.TemporaryDirectory() as folder:
        for name, text in hostile.items():
            path = Path(folder) / "hostile.md"
            path.write_text(text, "utf-8")
            start = time.perf_counter()
            case, problems = validate_file(path, "hostile.md", context)
            elapsed = time.perf_counter() - start
            assert case is None and problems, name
            worst = max(worst, (elapsed, name))
    return worst


def related_timing(work: Path, n: int) -> float:
    """Seconds to compute every case's related cases, from the built site's own cases."""
    from casebook.corpus import load_corpus
    from casebook.index import FacetIndex
    from casebook.related import related_cases

    site = work / f"casebook-{n}"
    index = FacetIndex(load_corpus(site / "cases", lessons_dir=site / "content" / "lessons"))
    start = time.perf_counter()
    related_cases(index)
    return time.perf_counter() - start


def bench(n: int, work: Path, with_tags: bool, repeat: int, in_place: bool = False) -> dict[str, tuple[float, float]]:
    cases = synthetic_cases(n)
    results = {}
    build = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q"]
    sites = {"floor": False, "casebook": None}
    if with_tags:
        sites["tags"] = True
    for name, tags in sites.items():
        folder = work / f"{name}-{n}"
        if tags is None:
            make_casebook_site(folder, cases)
        else:
            make_plain_site(folder, cases, tags=tags)
    # Floor and Casebook in turns, `repeat` times each, and the median of each: a burst of load on
    # a shared machine then weighs on both, or on one sample only. Material+tags runs once (its
    # margin is wide, and it takes minutes). Each build writes a new folder, as in CI: rebuilding
    # over the last build adds the deletion of its files (about 3 times more for Casebook, whose
    # term pages, feeds and briefings are files), which this machine's disk makes slow and erratic.
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name in sites}
    for round_ in range(repeat):
        out = "out" if round_ == 0 or in_place else f"out-{round_}"
        for name in sites:
            if name == "tags" and round_:
                continue
            command = build + ["-d", out] if name != "tags" else [*build[:4], "-q", "-d", out]  # tags: not strict (its own notices)
            samples[name].append(run(command, work / f"{name}-{n}"))
    for name in sites:
        times = [t for t, _ in samples[name]]
        results[name] = (statistics.median(times), max(m for _, m in samples[name]))
        spread = f"  ({' '.join(f'{t:.2f}' for t in times)})" if len(times) > 1 else ""
        print(f"  {name:9} {results[name][0]:7.2f} s  {results[name][1]:7.0f} MiB peak  {size_mib(work / f'{name}-{n}' / 'out'):8.1f} MiB site{spread}", flush=True)
    results["check"] = run([sys.executable, "-m", "casebook.cli", "check"], work / f"casebook-{n}")
    print(f"  {'check':9} {results['check'][0]:7.2f} s  {results['check'][1]:7.0f} MiB peak", flush=True)
    out = work / f"casebook-{n}" / "out"
    catalogue = (out / "catalogue" / "index.html").stat().st_size / 2**20
    search = (out / "search" / "search_index.json").stat().st_size / 2**20
    print(f"  catalogue page {catalogue:.1f} MiB, search index {search:.1f} MiB", flush=True)
    results["related"] = (related_timing(work, n), 0.0)
    print(f"  related cases of every case: {results['related'][0]:.2f} s", flush=True)
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, nargs="+", default=[1000, 5000], help="numbers of cases (default: 1000 5000)")
    parser.add_argument("--repeat", type=int, default=3, help="builds of the floor and of Casebook per N, in turns; the median counts (default: 3)")
    parser.add_argument("--in-place", action="store_true", help="rebuild over the previous build's folder, as `mkdocs build` run twice does")
    parser.add_argument("--keep", action="store_true", help="keep the generated sites (their folder is printed)")
    parser.add_argument("--no-browser", action="store_true", help="skip the catalogue filter timing in Chromium")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="casebook-bench-"))
    all_results = {}
    try:
        for n in args.cases:
            print(f"{n:,} cases:", flush=True)
            all_results[n] = bench(n, work, with_tags=n <= 1000, repeat=args.repeat, in_place=args.in_place)
        largest = max(args.cases)
        timing = None if args.no_browser else filter_timing(work / f"casebook-{largest}" / "out")
        worst = hostile_validation_worst()
    finally:
        if args.keep:
            print(f"sites kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    print("\nratios (targets in brackets):")
    ok = True

    def report(label: str, value: float, target: str, passed: bool) -> None:
        nonlocal ok
        ok &= passed
        print(f"  {label:42} {value:6.2f}  [{target}] {'ok' if passed else 'MISSED'}")

    for n, r in all_results.items():
        report(f"casebook / floor at {n:,}", r["casebook"][0] / r["floor"][0], "<= 1.25", r["casebook"][0] / r["floor"][0] <= 1.25)
        if "tags" in r:
            report(f"material+tags / casebook at {n:,}", r["tags"][0] / r["casebook"][0], ">= 4 at 1,000", n < 1000 or r["tags"][0] / r["casebook"][0] >= 4)
        report(f"floor build / casebook check at {n:,}", r["floor"][0] / r["check"][0], ">= 10 at 5,000", n < 5000 or r["floor"][0] / r["check"][0] >= 10)
    if 1000 in all_results and 5000 in all_results:
        growth = all_results[5000]["casebook"][0] / all_results[1000]["casebook"][0]
        report("casebook 5,000 / casebook 1,000", growth, "<= 5.5", growth <= 5.5)
        # Per case: constant for linear work, 5 times larger for quadratic work.
        per_case = (all_results[5000]["related"][0] / 5000) / (all_results[1000]["related"][0] / 1000)
        report("related cases, time per case 5,000 / 1,000", per_case, "<= 2", per_case <= 2)
    print("\nabsolute (this machine, this run):")
    if timing is not None:
        median, slowest = timing
        passed = slowest < 100
        ok &= passed
        print(f"  catalogue filter at {largest:,} cases: median {median:.1f} ms, worst {slowest:.1f} ms per step  [< 100 ms] {'ok' if passed else 'MISSED'}")
    ok &= worst[0] < 1
    print(f"  slowest hostile file: {worst[0] * 1000:.0f} ms ({worst[1]})  [< 1,000 ms] {'ok' if worst[0] < 1 else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
