#!/usr/bin/env python3
"""Benchmark Casebook against plain Material sites built from the same pages, and its search in Chromium.

For each N (default 1,000 and 10,000) it generates N synthetic, valid cases and times, in the
same run (absolute times on shared machines are noisy, ratios less so), the median of three
builds taken in turns:

- casebook: the Casebook site in English alone (plugin on, cases in cases/, lean nav, its Pagefind
            search index), to compare with a plain English Material site;
- languages: the Casebook site as shipped, its interface in the UN's six languages (no case
            translated: every language's pages list the English cases, and its search merges the
            English index into its own);
- floor:    a plain Material site with the same case pages in docs/, a nav of the home page and
            Material's own search;
- tags:     what a user would otherwise do, a plain Material site with its default nav and
            Material's tags plugin with a tags index (only at N <= 1,000: it grows with N squared);
- check:    `casebook check` of the N cases.

At every N it then measures finding a case, in Chromium against a plain static server without
compression: the bytes downloaded from opening `/catalogue/?q=WORD` to its first results, and
the time from typing a query on the loaded catalogue to its results (the first query loads the
index), in the six-language site's English catalogue and its French one (which merges the English
index into its own). At the largest N, Lighthouse (mobile) rates its home, catalogue,
a case page and the Arabic catalogue against a
server that compresses text, as static hosts do (it installs Lighthouse 12.2.3 with npm into
scripts/lighthouse/ on first use).

Last (it edits the sites' files), it measures the preview that scripts/serve runs (`mkdocs serve
--dirty`) on the six-language site: seconds from saving a file to seeing it served, for a case's
text (beside the floor's plain page), a purpose added to a case (until its purpose's page lists
it), a new case and its removal (until its purpose's page shows it), and the search index with
the new words; and one build's peak memory, all its processes at once (Pagefind included).

Targets: casebook/floor <= 1.5 at every N (the search index included); languages/casebook <= 1.3
and languages/floor <= 1.5 at every N; the preview: a case's text <= 1 s at 1,000 and <= 2 s at
10,000, a front matter change, a new or removed case <= 2 s at 1,000 and <= 5 s at 10,000, search
<= 10 s; a build's memory <= 2 GiB at 10,000; every page's HTML (the catalogue's, and the
heaviest, printed briefings apart) <= 300 KB and <= 1 MB downloaded to the first results at every N; query to results <= 300 ms (the median
of topic words, and the first query); Lighthouse
performance >= 90; tags/casebook >= 4 at 1,000; floor/check >= 10 at the largest N; related
cases near-linear (time per case at the largest N at most twice that at the smallest); the
pictures (map, locators, shading, charts, the packs' maps; timed as the build draws them) at most
2% of Casebook's build at the largest N; the slowest validation of a hostile file under a second
(the test suite may not time it).

    python scripts/bench.py                  # 1,000 and 10,000 cases
    python scripts/bench.py --cases 200      # a quick look
    python scripts/bench.py --no-lighthouse  # without Lighthouse (no npm needed)
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import http.server
import io
import json
import os
from pathlib import Path
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
from urllib.parse import urlencode
import urllib.request

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
GENERIC = WORDS[:1] + ["development", "project", "support", "programme", "local", "government", "private", "sector", "business", "report", "community"]
"""The words that real case studies use everywhere; the other WORDS are topics, each in a minority of cases."""


def vocabulary(rng: random.Random, size: int = 4000) -> tuple[list[str], list[float]]:
    """Words by rank with cumulative weights 1/rank (Zipf's law, as in real text): the generic words
    first, the topics spread from rank 100 to 600, made-up words in between and after."""
    syllables = ["ka", "lo", "mi", "ne", "ru", "ta", "vo", "sen", "dar", "pel", "tor", "qui", "ban", "fel", "gor"]
    made_up = sorted({"".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))) for _ in range(size * 2)} - set(WORDS))
    rng.shuffle(made_up)
    words = GENERIC + made_up[: size - len(WORDS)]
    topics = [w for w in WORDS if w not in GENERIC]
    for i, topic in enumerate(topics):
        words.insert(100 + i * 500 // len(topics), topic)
    cumulative, total = [], 0.0
    for rank in range(1, len(words) + 1):
        total += 1 / rank
        cumulative.append(total)
    return words, cumulative


def synthetic_cases(n: int, seed: int = 2003) -> list[tuple[str, dict, str]]:
    """N valid cases as (slug, front matter, ~400-word body); the same N and seed give the same cases.

    Their text follows Zipf's law over a vocabulary of 4,000 words, so that a query word is in some
    cases and not in others, as in real text (`search_timing` reports how many)."""
    rng = random.Random(seed)
    taxonomy = load_taxonomy(ROOT / "cases" / "taxonomy.yml")
    countries = sorted(m49())
    words, cumulative = vocabulary(rng)

    def text(k: int) -> str:
        return " ".join(rng.choices(words, cum_weights=cumulative, k=k))

    partner_pool = [(f"Partner {i:03d} {rng.choice(WORDS).title()}", rng.choice(list(taxonomy.partner_types))) for i in range(300)]
    cases = []
    for i in range(n):
        partners = rng.sample(partner_pool, rng.randint(2, 4))
        meta = {
            "title": f"Case {i:05d}: {text(4).capitalize()}",
            "summary": text(40).capitalize() + ".",
            "partners": [{"name": name, "type": kind} for name, kind in partners],
            "purposes": rng.sample(list(taxonomy.purposes), rng.randint(1, 2)),
            "sectors": rng.sample(list(taxonomy.sectors), rng.randint(1, 3)),
            "scale": rng.choice(["project", "strategic"]),
            "countries": rng.sample(countries, rng.randint(1, 2)),
            "status": rng.choice(["active", "completed"]),
            "start": rng.randint(1995, 2003),
            "source": {"document": "Synthetic", "paragraphs": [rng.randint(1, 90)]},
        }
        paragraphs = [text(80).capitalize() + "." for _ in range(5)]
        body = "## Context\n\n" + "\n\n".join(paragraphs) + "\n"
        cases.append((f"case-{i:05d}", meta, body))
    return cases


def _front_matter(meta: dict) -> str:
    return "---\n" + yaml.safe_dump(meta, sort_keys=False, allow_unicode=True) + "---\n\n"


LANGUAGES_LINE = "      languages: [ar, zh, en, fr, ru, es]\n"
"""The line of the bundled mkdocs.yml that turns on the five other languages."""


def make_casebook_site(folder: Path, cases, *, languages: bool) -> None:
    """The bundled site with these cases besides its own (which its pages link to): in the six
    languages as shipped, or in English alone."""
    shutil.copytree(ROOT / "content", folder / "content")
    shutil.copytree(ROOT / "overrides", folder / "overrides")
    shutil.copytree(ROOT / "cases", folder / "cases", ignore=shutil.ignore_patterns("_*"))
    for slug, meta, body in cases:
        (folder / "cases" / f"{slug}.md").write_text(_front_matter(meta) + body, "utf-8")
    config = (ROOT / "mkdocs.yml").read_text("utf-8")
    if LANGUAGES_LINE not in config:
        raise SystemExit(f"mkdocs.yml no longer has the line {LANGUAGES_LINE.strip()!r}: update LANGUAGES_LINE in {__file__}")
    (folder / "mkdocs.yml").write_text(config if languages else config.replace(LANGUAGES_LINE, ""), "utf-8")


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


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


class _Compressing(_Quiet):
    """Gzip for text, as static hosts serve it (Pagefind's own files are compressed already)."""

    TEXT = (".html", ".css", ".js", ".json", ".svg", ".xml", ".wasm", "/")

    def send_head(self):  # the documented hook of SimpleHTTPRequestHandler that opens the file
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not self.path.split("?")[0].endswith(self.TEXT) or not os.path.isfile(path):
            return super().send_head()
        with open(path, "rb") as f:
            body = gzip.compress(f.read(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):  # a page closed before its file came
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(site_dir: Path, handler: type = _Quiet):
    server = _Server(("127.0.0.1", 0), functools.partial(handler, directory=str(site_dir)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"]
QUERIES = ["water", "children", "energy training", "health", "school", "rights", "access", "learning dialogue"]
"""Topics of the synthetic cases, each in 5-45 % of them; the first query loads the index."""
EVERYWHERE = "development"
"""A word in every synthetic case: the most a query can match, reported apart."""


def chromium() -> str:
    path = os.environ.get("CASEBOOK_CHROMIUM") or shutil.which("chromium")
    if not path:
        raise SystemExit("Chromium is needed (scripts/test installs Debian's 'chromium'), or pass --no-browser")
    return path


SEARCHED = {"search": "", "search_fr": "fr/"}
"""The catalogues whose search is measured: English, and French, which merges the English index into its own."""


def search_timing(site_dir: Path, prefix: str = "") -> dict[str, float]:
    """Bytes to the first results of /catalogue/?q=WORD, and milliseconds from typing to results, in
    the catalogue of the language at `prefix` (`fr/`: its own index, with the English one merged in)."""
    from playwright.sync_api import sync_playwright

    shown = "document.getElementById('casebook-finder').getAttribute('data-shown')"
    answered = "document.getElementById('casebook-finder').getAttribute('data-answered')"
    with serve(site_dir) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        finished: list = []

        def keep(request) -> None:  # a function of ours: Playwright marks its handlers
            finished.append(request)

        page.on("requestfinished", keep)
        page.goto(f"{url}{prefix}catalogue/?q=water")
        page.wait_for_function(f"{answered} === '?q=water'")
        page.remove_listener("requestfinished", keep)
        # Sizes asked once the results are shown, while the page is open to answer.
        downloaded = sum(r.sizes()[k] for r in finished for k in ("responseBodySize", "responseHeadersSize"))
        context.close()
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto(f"{url}{prefix}catalogue/")
        page.wait_for_load_state("networkidle")
        # Each query typed as a quick reader types it (a key every 100 ms, 120 words a minute, into
        # a field they clicked), timed from its last keystroke to its first results on screen.
        page.evaluate("""() => {
            const q = document.getElementById("casebook-q");
            q.addEventListener("input", () => { window.lastKey = performance.now(); });
        }""")
        times = []
        for text in QUERIES + [EVERYWHERE]:
            wanted = "?" + urlencode({"q": text})
            page.click("#casebook-q", click_count=3)
            page.keyboard.press("Backspace")
            page.wait_for_function(f"{shown} === ''")
            page.keyboard.type(text, delay=100)
            page.wait_for_function(f"{answered} === {json.dumps(wanted)}")
            times.append(page.evaluate("performance.now() - window.lastKey"))
        matches = {}
        for query in QUERIES + [EVERYWHERE]:
            page.goto(f"{url}{prefix}catalogue/?q={query}")
            page.wait_for_function(f"{shown} === '?q=' + {json.dumps(query)}.replace(/ /g, '+')")
            matches[query] = int(page.locator("#casebook-result").get_attribute("data-count") or 0)
        browser.close()
    everywhere = times.pop()
    total = matches[EVERYWHERE]
    if os.environ.get("BENCH_VERBOSE"):
        print("  query to results (ms):", " ".join(f"{q} ({matches[q] * 100 // max(total, 1)} %) {t:.0f}" for q, t in zip(QUERIES, times, strict=True)))
    return {"bytes": downloaded, "first_ms": times[0], "median_ms": statistics.median(times[1:]), "worst_ms": max(times), "everywhere_ms": everywhere}


LIGHTHOUSE = ROOT / "scripts" / "lighthouse"


def lighthouse_scores(site_dir: Path, paths: dict[str, str]) -> dict[str, float]:
    """Lighthouse's mobile performance score (0-100) of each page, against a compressing server."""
    binary = LIGHTHOUSE / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--prefix", str(LIGHTHOUSE)], check=True, stdout=subprocess.DEVNULL)
    scores = {}
    with serve(site_dir, _Compressing) as url, tempfile.TemporaryDirectory() as folder:
        for name, path in paths.items():
            report = Path(folder) / f"{name}.json"
            subprocess.run(
                [str(binary), url + path, "--only-categories=performance", "--output=json", f"--output-path={report}", "--quiet",
                 f"--chrome-flags=--headless {' '.join(CHROMIUM_ARGS)}"],
                check=True, env={**os.environ, "CHROME_PATH": chromium()},
            )  # fmt: skip
            scores[name] = json.loads(report.read_text("utf-8"))["categories"]["performance"]["score"] * 100
    return scores


def hostile_validation_worst() -> tuple[float, str]:
    """The slowest validation, in seconds, among hostile files made to be slow."""
    from casebook.model import ValidationContext
    from casebook.validation import validate_file

    context = ValidationContext(load_taxonomy(ROOT / "cases" / "taxonomy.yml"), frozenset())
    hostile = {
        "alias bomb": "---\na: &a ["
        + ", ".join(["x"] * 9)
        + "]\n"
        + "".join(f"{c}: &{c} [" + ", ".join([f"*{p}"] * 9) + "]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True))
        + "---\n",
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


def pictures_timing(work: Path, n: int) -> float:
    """Seconds that the pictures take in a build, drawn as the build draws them: the world's shapes
    read once, the sprite file, the map page, the coverage shading, the home page's charts, every
    country's and region's locator, and the list of countries that each term's briefing pack maps."""
    from casebook import maps
    from casebook.corpus import load_corpus
    from casebook.index import PAGE_FACETS, coverage
    from casebook.render.authored import widget
    from casebook.render.jinja import render
    from casebook.render.listings import map_html
    from casebook.render.site import Renderer, SiteOptions
    from casebook.urls import Urls

    site = work / f"casebook-{n}"
    renderer = Renderer(load_corpus(site / "cases", lessons_dir=site / "content" / "lessons"), Urls(), SiteOptions())
    common = renderer.common  # what every page needs anyway, maps.world() aside
    matrices = [coverage(renderer.index, "purposes", "regions"), coverage(renderer.index, "sectors", "purposes")]
    maps.world.cache_clear()
    start = time.perf_counter()
    maps.world()
    maps.sprite()
    map_html(renderer)
    for matrix in matrices:
        maps.Shading.of(list(matrix.counts.values()))
    widget(renderer, "charts", "")
    for facet in ("countries", "regions"):
        for term in renderer.index.terms(facet):
            codes = [term.id] if facet == "countries" and maps.drawn(term.id) else renderer.region_countries.get(term.id, []) if facet == "regions" else []
            render("locator.html", renderer.urls.term(facet, term.id), codes=codes, label=term.label, **common)
    for facet in PAGE_FACETS:
        for term in renderer.index.terms(facet.name):
            sorted({code for case in term.cases for code in case.meta.countries}, key=lambda c: renderer.index.label("countries", c))
    return time.perf_counter() - start


def _tree_rss_mib(root_pid: int) -> float:
    """The memory in use by a process and all its descendants, in MiB (Linux's /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as f:
                fields = f.read().rsplit(b")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry.name))
            rss[int(entry.name)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            continue
    total, todo = 0, [root_pid]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo += children.get(pid, [])
    return total / 2**20


def peak_tree_memory(command: list[str], cwd: Path) -> tuple[float, float]:
    """Wall time and the peak of the memory that a command and all its processes use at once (the
    second process, Pagefind), sampled every 50 ms."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0.0
    while process.poll() is None:
        peak = max(peak, _tree_rss_mib(process.pid))
        time.sleep(0.05)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed in {cwd}:\n{process.stderr.read().decode()}")  # type: ignore[union-attr]
    return time.perf_counter() - start, peak


class _Served:
    """`mkdocs serve --dirty` of a site, as scripts/serve runs it, read over HTTP."""

    def __init__(self, folder: Path, strict: bool):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        self.base = f"http://127.0.0.1:{port}/"
        command = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}"] + (["--strict"] if strict else [])
        self.log = folder / "serve.log"
        with self.log.open("w") as log:
            self.process = subprocess.Popen(command, cwd=folder, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.base + path, timeout=600) as response:
                return response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as e:
            return e.code, ""
        except (urllib.error.URLError, ConnectionError):
            return 0, ""

    def until(self, test, seconds: float = 600) -> float:
        """Seconds until `test()` holds, asked every 20 ms."""
        start = time.perf_counter()
        while not test():
            if time.perf_counter() - start > seconds or self.process.poll() is not None:
                raise SystemExit(f"the preview did not show the edit in {seconds} s:\n{self.log.read_text('utf-8')[-2000:]}")
            time.sleep(0.02)
        return time.perf_counter() - start

    def close(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=60)


def _with(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), "utf-8")


def _term_list(served: _Served, url: str) -> str:
    """A term page's first page, as served. Cases sort by title, those in the page's language first
    (index.py): case 00002 and the new case ("Aaaa: a new case") are on it. The first page counts
    the cases, so it changes with every new or removed case (index.in_pages keeps the others)."""
    return served.get(url)[1]


def preview_timing(casebook: Path, floor: Path) -> dict[str, float]:
    """Seconds from saving a file to seeing it served, in previews (`mkdocs serve --dirty`, as
    scripts/serve runs it) of the Casebook site as shipped and of the floor's plain Material site:
    a case's text (both); a purpose added to a case, until its term page lists it; a new case,
    until its purpose's page lists it; the case removed, until its page is gone and its purpose's
    page no longer lists it; the search index with the new words. The files edited are put back,
    so that a site can be timed again."""
    found: dict[str, float] = {}
    edited = [floor / "docs" / "cases" / "case-00001.md", *(casebook / "cases" / f"case-0000{i}.md" for i in (1, 2))]
    originals = {path: path.read_bytes() for path in edited}
    try:
        _time_preview(floor, casebook, found)
    finally:
        for path, data in originals.items():
            path.write_bytes(data)
        (casebook / "cases" / "case-zzzzz.md").unlink(missing_ok=True)
    return found


def _time_preview(floor: Path, casebook: Path, found: dict[str, float]) -> None:
    served = _Served(floor, strict=False)
    try:
        served.until(lambda: served.get("")[0] == 200)
        time.sleep(2)
        page = floor / "docs" / "cases" / "case-00001.md"
        _with(page, "## Context", "## Context\n\nFloorword")
        found["floor_body"] = served.until(lambda: "Floorword" in served.get("cases/case-00001/")[1])
    finally:
        served.close()
    served = _Served(casebook, strict=True)
    cases = casebook / "cases"
    try:
        served.until(lambda: served.get("catalogue/")[0] == 200)
        served.until(lambda: served.get("pagefind/pagefind-entry.json")[0] == 200)  # the first build's search index
        time.sleep(2)
        entry = served.get("pagefind/pagefind-entry.json")[1]
        _with(cases / "case-00001.md", "## Context", "## Context\n\nQuokkaword")
        found["body"] = served.until(lambda: "Quokkaword" in served.get("cases/case-00001/")[1])
        found["search"] = found["body"] + served.until(lambda: served.get("pagefind/pagefind-entry.json")[1] not in ("", entry))
        time.sleep(1)
        text = (cases / "case-00002.md").read_text("utf-8")
        meta = yaml.safe_load(text.split("---\n")[1])
        known = [entry["id"] for entry in yaml.safe_load((cases / "taxonomy.yml").read_text("utf-8"))["purposes"]]
        purpose = next(p for p in known if p not in meta["purposes"])
        title = meta["title"]
        _with(cases / "case-00002.md", "purposes:\n", f"purposes:\n- {purpose}\n")
        listed = functools.partial(_term_list, served, f"purposes/{purpose}/")
        found["front_matter"] = served.until(lambda: title in listed())
        time.sleep(1)
        new = text.replace(title, "Aaaa: a new case").replace(f"- {purpose}\n", "")
        new = new.replace("purposes:\n", f"purposes:\n- {purpose}\n")
        (cases / "case-zzzzz.md").write_text(new, "utf-8")
        found["new_case"] = served.until(lambda: served.get("cases/case-zzzzz/")[0] == 200 and "a new case" in listed())
        time.sleep(1)
        (cases / "case-zzzzz.md").unlink()
        found["removed_case"] = served.until(lambda: served.get("cases/case-zzzzz/")[0] == 404 and "a new case" not in listed())
    finally:
        served.close()


def bench(n: int, work: Path, with_tags: bool, repeat: int, in_place: bool = False, browser: bool = True, preview: bool = True) -> dict[str, tuple[float, float]]:
    cases = synthetic_cases(n)
    results = {}
    build = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q"]
    sites: dict[str, bool | None] = {"floor": False, "casebook": None, "languages": None}
    if with_tags:
        sites["tags"] = True
    for name, tags in sites.items():
        folder = work / f"{name}-{n}"
        if tags is None:
            make_casebook_site(folder, cases, languages=name == "languages")
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
        print(
            f"  {name:9} {results[name][0]:7.2f} s  {results[name][1]:7.0f} MiB peak  {size_mib(work / f'{name}-{n}' / 'out'):8.1f} MiB site{spread}",
            flush=True,
        )
    results["check"] = run([sys.executable, "-m", "casebook.cli", "check"], work / f"casebook-{n}")
    print(f"  {'check':9} {results['check'][0]:7.2f} s  {results['check'][1]:7.0f} MiB peak", flush=True)
    out = work / f"casebook-{n}" / "out"
    results["catalogue_kb"] = ((out / "catalogue" / "index.html").stat().st_size / 1000, 0.0)
    # Every page of the site as shipped but the printed briefings, which a reader asks for.
    shipped = work / f"languages-{n}" / "out"
    heaviest = max((p for p in shipped.rglob("*.html") if p.name != "briefing.html"), key=lambda p: p.stat().st_size)
    results["heaviest_kb"] = (heaviest.stat().st_size / 1000, 0.0)
    print(f"  heaviest page {heaviest.relative_to(shipped)}: {results['heaviest_kb'][0]:.0f} KB", flush=True)
    floor_index = (work / f"floor-{n}" / "out" / "search" / "search_index.json").stat().st_size / 2**20
    print(
        f"  catalogue page {results['catalogue_kb'][0]:.0f} KB; search index {size_mib(out / 'pagefind'):.1f} MiB in "
        f"{sum(1 for _ in (out / 'pagefind').rglob('*'))} files (the floor's: {floor_index:.1f} MiB in one)",
        flush=True,
    )
    if browser:  # in the site as shipped, in six languages: in English, and in French
        for key, prefix in SEARCHED.items():
            results[key] = search_timing(work / f"languages-{n}" / "out", prefix)  # type: ignore[assignment]
            found = results[key]
            print(
                f"  opening /{prefix}catalogue/?q=water to its results: {found['bytes'] / 1e6:.2f} MB; query to results: first "
                f"{found['first_ms']:.0f} ms, then median {found['median_ms']:.0f} ms, worst {found['worst_ms']:.0f} ms; "
                f"a word in every case: {found['everywhere_ms']:.0f} ms",
                flush=True,
            )
    results["related"] = (related_timing(work, n), 0.0)
    print(f"  related cases of every case: {results['related'][0]:.2f} s", flush=True)
    results["pictures"] = (pictures_timing(work, n), 0.0)
    print(f"  the pictures: {results['pictures'][0]:.2f} s", flush=True)
    if preview:  # last: it edits the sites' files
        results["tree"] = peak_tree_memory(build + ["-d", "out-memory"], work / f"languages-{n}")
        print(f"  six languages, one build: {results['tree'][0]:.2f} s, {results['tree'][1]:.0f} MiB at most in all its processes at once", flush=True)
        results["preview"] = preview_timing(work / f"languages-{n}", work / f"floor-{n}")  # type: ignore[assignment]
        p = results["preview"]
        print(
            f"  preview, from saving to served: a case's text {p['body']:.2f} s (the floor's page {p['floor_body']:.2f} s); a purpose added "
            f"{p['front_matter']:.2f} s; a new case {p['new_case']:.2f} s; the case removed {p['removed_case']:.2f} s; "
            f"the search index with the new words {p['search']:.2f} s",
            flush=True,
        )
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, nargs="+", default=[1000, 10000], help="numbers of cases (default: 1000 10000)")
    parser.add_argument("--repeat", type=int, default=3, help="builds of the floor and of Casebook per N, in turns; the median counts (default: 3)")
    parser.add_argument("--in-place", action="store_true", help="rebuild over the previous build's folder, as `mkdocs build` run twice does")
    parser.add_argument("--keep", action="store_true", help="keep the generated sites (their folder is printed)")
    parser.add_argument("--no-browser", action="store_true", help="skip the measures in Chromium (search, Lighthouse)")
    parser.add_argument("--no-lighthouse", action="store_true", help="skip Lighthouse")
    parser.add_argument("--no-preview", action="store_true", help="skip the preview's measures (mkdocs serve --dirty) and the build's memory")
    parser.add_argument(
        "--work",
        type=Path,
        default=ROOT / "bench-output",
        help="where the sites are built (default: bench-output/ in the project, on its disk as a site/ folder would be)",
    )
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="casebook-bench-", dir=args.work))
    all_results = {}
    scores = None
    try:
        for n in args.cases:
            print(f"{n:,} cases:", flush=True)
            all_results[n] = bench(
                n, work, with_tags=n <= 1000, repeat=args.repeat, in_place=args.in_place, browser=not args.no_browser, preview=not args.no_preview
            )
        smallest, largest = min(args.cases), max(args.cases)
        if not (args.no_browser or args.no_lighthouse):
            pages = {"home": "", "catalogue": "catalogue/", "case": "cases/case-00001/", "Arabic catalogue": "ar/catalogue/"}
            scores = lighthouse_scores(work / f"languages-{largest}" / "out", pages)
        worst = hostile_validation_worst()
    finally:
        if args.keep:
            print(f"sites kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    print("\ntargets:")
    ok = True

    def report(label: str, value: float, target: str, passed: bool) -> None:
        nonlocal ok
        ok &= passed
        print(f"  {label:58} {value:8.2f}  [{target}] {'ok' if passed else 'MISSED'}")

    for n, r in all_results.items():
        ratio = r["casebook"][0] / r["floor"][0]
        report(f"casebook / floor (with its search) at {n:,}", ratio, "<= 1.5", ratio <= 1.5)
        languages = r["languages"][0] / r["casebook"][0]
        report(f"six languages / English alone at {n:,}", languages, "<= 1.3", languages <= 1.3)
        as_shipped = r["languages"][0] / r["floor"][0]
        report(f"six languages (as shipped) / floor at {n:,}", as_shipped, "<= 1.5", as_shipped <= 1.5)
        if "preview" in r:
            p, big = r["preview"], n >= 10000
            report(f"preview: a case's text, saved to served, at {n:,} (s)", p["body"], "<= 2" if big else "<= 1", p["body"] <= (2 if big else 1))  # type: ignore[index]
            report(f"preview: a case's text / the floor's page at {n:,}", p["body"] / p["floor_body"], "(ratio)", True)  # type: ignore[index]
            for key, what in (("front_matter", "a purpose added"), ("new_case", "a new case"), ("removed_case", "a case removed")):
                report(f"preview: {what}, saved to every page served, at {n:,} (s)", p[key], "<= 5" if big else "<= 2", p[key] <= (5 if big else 2))  # type: ignore[index]
            report(f"preview: search finds the new words at {n:,} (s)", p["search"], "<= 10", p["search"] <= 10)  # type: ignore[index]
        if "tree" in r and n >= 10000:
            report(f"peak memory of a build, all processes, at {n:,} (MiB)", r["tree"][1], "<= 2048", r["tree"][1] <= 2048)
        if "tags" in r:
            report(f"material+tags / casebook at {n:,}", r["tags"][0] / r["casebook"][0], ">= 4 at 1,000", n < 1000 or r["tags"][0] / r["casebook"][0] >= 4)
        if n == largest:
            report(f"floor build / casebook check at {n:,}", r["floor"][0] / r["check"][0], ">= 10", r["floor"][0] / r["check"][0] >= 10)
        if n == largest:
            share = 100 * r["pictures"][0] / r["casebook"][0]
            report(f"the pictures' share of the build at {n:,} (%)", share, "<= 2", share <= 2)
        report(f"catalogue HTML at {n:,} (KB)", r["catalogue_kb"][0], "<= 300", r["catalogue_kb"][0] <= 300)
        report(f"heaviest page, briefings apart, at {n:,} (KB)", r["heaviest_kb"][0], "<= 300", r["heaviest_kb"][0] <= 300)
        for key, prefix in SEARCHED.items():
            if key not in r:
                continue
            found, where = r[key], f"/{prefix}catalogue/"
            report(f"{where}?q=water to its first results at {n:,} (MB)", found["bytes"] / 1e6, "<= 1", found["bytes"] <= 1e6)  # type: ignore[index]
            report(f"{where}: query to results, median of {len(QUERIES) - 1}, {n:,} (ms)", found["median_ms"], "<= 300", found["median_ms"] <= 300)  # type: ignore[index]
            report(f"{where}: first query, loading the index, {n:,} (ms)", found["first_ms"], "<= 300", found["first_ms"] <= 300)  # type: ignore[index]
    if smallest != largest:
        growth = all_results[largest]["casebook"][0] / all_results[smallest]["casebook"][0]
        cases_growth = largest / smallest
        report(f"casebook {largest:,} / casebook {smallest:,}", growth, f"<= {cases_growth * 1.1:.1f}", growth <= cases_growth * 1.1)
        # Per case: constant for linear work, N times larger for quadratic work.
        per_case = (all_results[largest]["related"][0] / largest) / (all_results[smallest]["related"][0] / smallest)
        report(f"related cases, time per case {largest:,} / {smallest:,}", per_case, "<= 2", per_case <= 2)
    if scores is not None:
        for name, score in scores.items():
            report(f"Lighthouse mobile performance, {name}, at {largest:,}", score, ">= 90", score >= 90)
    report("slowest hostile file (ms)", worst[0] * 1000, "< 1,000", worst[0] < 1)
    print(f"  (slowest hostile file: {worst[1]})")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
