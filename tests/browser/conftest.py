"""A real browser (Debian's Chromium, driven by Playwright) on the bundled site, served on loopback.

Every page a test opens is watched: a console error or a request to any other origin fails the test.
"""

from __future__ import annotations

from collections.abc import Iterator
import contextlib
import functools
import http.server
import os
from pathlib import Path
import shutil
import threading

from playwright.sync_api import Browser, Page, sync_playwright
import pytest

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HOSTILE = '<img src=x onerror="window.pwned=1"> & <b>Onerror</b> "partner"'
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "mobile": {"width": 390, "height": 844}}


def chromium_path() -> str:
    path = os.environ.get("CASEBOOK_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        pytest.fail("Chromium is not installed: scripts/test installs Debian's 'chromium' package (or set CASEBOOK_CHROMIUM)")
    return path


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def served(folder: Path) -> Iterator[str]:
    """A built site on loopback, as a static host serves it: its address."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def base_url(bundled_site: Path) -> Iterator[str]:
    with served(bundled_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _open_page(browser: Browser, base_url: str, viewport: str) -> Iterator[Page]:
    context = browser.new_context(viewport=VIEWPORTS[viewport], is_mobile=viewport == "mobile", has_touch=viewport == "mobile")
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda message: problems.append(f"console {message.type}: {message.text}") if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))

    def guard(route):
        if route.request.url.startswith(base_url) or route.request.url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            problems.append(f"request to another origin: {route.request.url}")
            route.abort()

    page.route("**/*", guard)
    yield page
    context.close()
    assert problems == [], "\n".join(problems)


@pytest.fixture(params=list(VIEWPORTS))
def page(request: pytest.FixtureRequest, browser: Browser, base_url: str) -> Iterator[Page]:
    """A page at desktop and at mobile width."""
    yield from _open_page(browser, base_url, request.param)


@pytest.fixture
def desktop(browser: Browser, base_url: str) -> Iterator[Page]:
    yield from _open_page(browser, base_url, "desktop")


@pytest.fixture(scope="session")
def big_site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A site of 130 generated cases: more than the catalogue shows at once; three have a rare word
    in their body, and the first has markup in its summary and a partner's name."""
    from helpers import MKDOCS_YML, TAXONOMY, Site, case_text

    root = tmp_path_factory.mktemp("big")
    site = Site(root)
    (root / "cases").mkdir()
    shutil.copy(TAXONOMY, root / "cases" / "taxonomy.yml")
    (root / "content").mkdir()
    (root / "content" / "index.md").write_text("# Home\n", "utf-8")
    (root / "mkdocs.yml").write_text(MKDOCS_YML.replace("      contribute_page: contribute.md\n", "      {}\n"), "utf-8")
    for i in range(130):
        text = case_text(title=f"Case {i:03d}", countries=["KE" if i % 2 else "BR"])
        if i in (7, 42, 99):  # a word found in these bodies only
            text += "\nThe Quetzalcoatl programme.\n"
        if i == 0:  # front matter that must stay text wherever the browser writes it
            text = case_text(title=f"Case {i:03d}", countries=["BR"], summary=HOSTILE,
                             partners=[{"name": HOSTILE, "type": "business"}, {"name": "UNICEF", "type": "un-entity"}])
        (root / "cases" / f"case-{i:03d}.md").write_text(text, "utf-8")
    site.build()
    with served(site.out) as url:
        yield url


@pytest.fixture
def big_page(browser: Browser, big_site_url: str) -> Iterator[Page]:
    yield from _open_page(browser, big_site_url, "desktop")


DEPLOYED = {
    "CASEBOOK_SITE_URL": "https://casebook.example.org/",
    "CASEBOOK_REPO_URL": "https://github.com/example/casebook",
    "CASEBOOK_EDIT_URI": "edit/main/content/",
}
"""What the deploy workflow sets (.github/workflows)."""


@pytest.fixture(scope="session")
def deployed_site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The project's own site built with the deploy workflow's settings."""
    import subprocess
    import sys

    from helpers import ROOT

    out = tmp_path_factory.mktemp("deployed") / "site"
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)], cwd=ROOT,
                            capture_output=True, text=True, timeout=600, env={**os.environ, **DEPLOYED})  # fmt: skip
    assert result.returncode == 0, result.stderr
    with served(out) as url:
        yield url


@pytest.fixture(scope="session")
def multilingual_site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Six languages; the case 'water' translated into each other language, 'plain' into none (its
    title comes first in every alphabet's order)."""
    from casebook.languages import CODES, DEFAULT
    from helpers import ROOT, translation
    from helpers import make_site as make_tiny_site

    site = make_tiny_site(tmp_path_factory.mktemp("multilingual"))
    site.configure(languages=list(CODES))
    # The project's own look, which its accessibility fixes live in (content/stylesheets/site.css).
    (site.root / "content" / "stylesheets").mkdir()
    shutil.copy(ROOT / "content" / "stylesheets" / "site.css", site.root / "content" / "stylesheets" / "site.css")
    config = site.root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "extra_css:\n  - stylesheets/site.css\n", "utf-8")
    site.add_case("water", purposes=["advocacy"], countries=["BR"])
    site.add_case("plain", title="A plain English case", purposes=["advocacy"], countries=["ZA"])
    for code in CODES:
        if code != DEFAULT:
            (site.cases / f"water.{code}.md").write_text(translation(code), "utf-8")
    site.build()
    with served(site.out) as url:
        yield url
