"""Key pages in a real browser: screenshots for review, accessibility (axe-core), no outside requests."""

from __future__ import annotations

import re

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page
import pytest

from helpers import ARTIFACTS

KEY_PAGES = {
    "home": "",
    "case": "cases/ikea-unicef-who-child-labour-uttar-pradesh/",
    "term": "purposes/advocacy/",
    "partner": "partners/unicef/",
    "catalogue": "catalogue/",
    "catalogue-search": "catalogue/?q=water&sectors=health",
    "coverage": "coverage/",
    "map": "map/",
    "country": "countries/br/",
    "lesson": "lessons/test-of-the-real-world/",
    "characteristics": "characteristics/",
    "reporting": "reporting/",
    "briefing": "purposes/advocacy/briefing.html",
}


@pytest.mark.parametrize("name", list(KEY_PAGES))
def test_key_page_renders_and_is_kept_as_a_screenshot(page: Page, base_url: str, name: str):
    response = page.goto(base_url + KEY_PAGES[name])
    assert response is not None and response.ok
    assert page.locator("h1").first.is_visible()
    width = page.viewport_size["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width, "the page scrolls sideways"
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=folder / f"{name}-{'mobile' if width < 600 else 'desktop'}.png", full_page=True)


@pytest.mark.parametrize("name", list(KEY_PAGES))
def test_key_page_has_no_serious_accessibility_violation(desktop: Page, base_url: str, name: str):
    desktop.goto(base_url + KEY_PAGES[name])
    assert serious_violations(desktop) == []


@pytest.mark.parametrize("name", ["home", "case", "term"])
def test_a_page_downloads_only_itself_and_the_site_assets(desktop: Page, base_url: str, name: str):
    """Nothing that grows with the cases: the theme fetches a sitemap.xml beside every
    `<link rel="alternate">` of a page, which for the site's feed would be the whole sitemap."""
    asked: list[str] = []
    desktop.on("request", lambda request: asked.append(request.url.removeprefix(base_url)))
    desktop.goto(base_url + KEY_PAGES[name])
    desktop.wait_for_load_state("networkidle")
    assert [url for url in asked if not url.startswith(("assets/", "stylesheets/"))] == [KEY_PAGES[name]]
    assert desktop.locator('link[type="application/atom+xml"]').get_attribute("rel") == "alternate feed"


def serious_violations(page: Page) -> list[str]:
    # axe once transitions have ended: colours mid-fade once failed its contrast check
    page.evaluate("() => Promise.all(document.getAnimations().map((a) => a.finished))")
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_catalogue_with_filters_open_is_accessible(page: Page, base_url: str):
    """At desktop and phone widths, with a query, a filter and every facet open."""
    page.goto(base_url + "catalogue/?q=children&purposes=advocacy")
    page.locator("#casebook-finder[data-counted='?purposes=advocacy&q=children']").wait_for()
    toggle = page.locator("#casebook-filters-toggle")
    if toggle.is_visible():
        toggle.click()
    closed = page.locator("details.casebook-filter:not([open]) > summary")
    while closed.count():
        closed.first.click()
    assert page.locator("#casebook-facets").is_visible()
    assert serious_violations(page) == []


@pytest.mark.parametrize("path", ["", "map/", "coverage/", "countries/in/", "catalogue/?q=children"])
def test_pictures_and_pages_are_accessible_in_the_dark_palette(browser, base_url: str, path: str):
    from conftest import _open_page

    for page in _open_page(browser, base_url, "desktop"):
        page.emulate_media(color_scheme="dark")
        page.goto(base_url + path)
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
        assert serious_violations(page) == []


def test_the_map_prints_in_distinct_greys(desktop: Page, base_url: str):
    desktop.goto(base_url + "map/")
    desktop.emulate_media(media="print")
    fills = desktop.evaluate("""() => [1, 2, 3, 4, 5].map((n) => {
        const swatch = document.createElement("span");
        swatch.className = "casebook-swatch casebook-shade-" + n;
        document.body.appendChild(swatch);
        return getComputedStyle(swatch).backgroundColor;
    })""")
    greys = [tuple(int(v) for v in re.findall(r"\d+", fill)[:3]) for fill in fills]
    assert all(r == g == b for r, g, b in greys), greys
    assert [r for r, _, _ in greys] == sorted({r for r, _, _ in greys}, reverse=True), "lighter to darker, each distinct"


def test_header_search_results_are_accessible(desktop: Page, base_url: str):
    desktop.goto(base_url)
    desktop.fill("#casebook-search-input", "Ikea")
    desktop.locator(".casebook-search__results li a").first.wait_for()
    assert serious_violations(desktop) == []


def test_briefing_pack_from_the_command_line_opens_with_no_network(browser, tmp_path):
    import subprocess
    import sys

    from helpers import ROOT

    pack = tmp_path / "pack.html"
    subprocess.run([sys.executable, "-m", "casebook.cli", "brief", "--sectors", "education", "--out", str(pack)], cwd=ROOT, check=True, capture_output=True)
    context = browser.new_context()
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(pack.as_uri())
    assert page.locator("section.case").count() == 5
    assert requests == [pack.as_uri()]
    context.close()


@pytest.mark.parametrize("path", ["", "cases/ikea-unicef-who-child-labour-uttar-pradesh/", "catalogue/?q=education", "lessons/"])
def test_with_the_deploy_settings_no_page_asks_another_host(browser, deployed_site_url: str, path: str):
    """The repository link and edit buttons stay links: no request to the code host's API (the page
    fixture fails on any request off the site's origin, and on console errors)."""
    from conftest import _open_page

    for page in _open_page(browser, deployed_site_url, "desktop"):
        page.goto(deployed_site_url + path)
        page.wait_for_load_state("networkidle")
        source = page.locator("a.md-source")
        assert source.count() >= 1 and source.first.get_attribute("href") == "https://github.com/example/casebook"
        assert page.locator("[data-md-component=source]").count() == 0
        page.fill("#casebook-search-input", "Ikea")
        page.locator(".casebook-search__results li a").first.wait_for()
        page.wait_for_load_state("networkidle")
