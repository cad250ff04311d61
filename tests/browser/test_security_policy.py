"""The Content-Security-Policy in a real browser: every kind of page, loaded whole and reached by
the theme's instant loading, breaks no rule of its own policy, and its search, filters, map and
briefing still work. Any console error (a refused script logs one) or request to another host
fails a test too (conftest's watched pages)."""

from __future__ import annotations

from collections.abc import Iterator

from playwright.sync_api import Browser, Page, expect
import pytest
from test_catalogue import open_filter

from conftest import _open_page, served
from helpers import make_site

RECORD_VIOLATIONS = """
window.casebookViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.casebookViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`);
});
"""
PAGES = ["", "catalogue/", "cases/water/", "purposes/advocacy/", "map/", "coverage/", "reporting/", "briefing/?purposes=advocacy", "404.html", "contribute/"]
"""Home, catalogue, a case, a term page, the map, coverage, reporting, a briefing, the 404, an author's page."""


def build(tmp_path_factory: pytest.TempPathFactory, *, instant: bool) -> Iterator[str]:
    site = make_site(tmp_path_factory.mktemp("instant" if instant else "whole"))
    site.add_case("water", purposes=["advocacy"], countries=["BR"])
    site.add_case("plain", title="A plain case", purposes=["policy-dialogue"], countries=["ZA"])
    site.out.mkdir()
    with served(site.out) as url:
        if instant:  # instant loading follows the links its sitemap lists, at site_url's host and port
            config = site.root / "mkdocs.yml"
            text = config.read_text("utf-8").replace("  font: false\n", "  font: false\n  features: [navigation.instant, navigation.instant.progress]\n")
            config.write_text(f"site_url: {url}\n" + text, "utf-8")
        site.build()
        yield url


@pytest.fixture(scope="module")
def whole_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from build(tmp_path_factory, instant=False)


@pytest.fixture(scope="module")
def instant_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from build(tmp_path_factory, instant=True)


def watched(browser: Browser, url: str) -> Iterator[Page]:
    for page in _open_page(browser, url, "desktop"):
        page.add_init_script(RECORD_VIOLATIONS)
        yield page


@pytest.fixture
def whole(browser: Browser, whole_url: str) -> Iterator[Page]:
    yield from watched(browser, whole_url)


@pytest.fixture
def instant(browser: Browser, instant_url: str) -> Iterator[Page]:
    yield from watched(browser, instant_url)


def no_violations(page: Page) -> None:
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.casebookViolations") == [], page.url


def policy(page: Page) -> str:
    return page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")


def catalogue_works(page: Page) -> None:
    page.locator("#casebook-finder[data-shown]").wait_for()
    open_filter(page, "purposes")
    page.locator(".casebook-filter[data-facet=purposes] input[value=advocacy]").check()
    page.locator("#casebook-finder[data-shown='?purposes=advocacy']").wait_for()
    expect(page.locator("#casebook-catalogue > li")).to_have_count(1)
    page.locator("#casebook-q").fill("plain")
    page.locator("#casebook-finder[data-shown='?purposes=advocacy&q=plain']").wait_for()
    expect(page.locator("#casebook-catalogue > li")).to_have_count(0)


@pytest.mark.parametrize("path", PAGES)
def test_every_kind_of_page_keeps_its_policy(whole: Page, whole_url: str, path: str):
    whole.goto(whole_url + path)
    rules = policy(whole)
    assert "'unsafe-inline'" not in rules and "'unsafe-eval'" not in rules
    assert "script-src 'self' 'wasm-unsafe-eval'" in rules
    no_violations(whole)


def test_search_filters_map_and_briefing_work_under_the_policy(whole: Page, whole_url: str):
    page = whole
    page.goto(whole_url + "catalogue/")
    catalogue_works(page)
    page.locator("#casebook-search-input").fill("water")
    page.locator(".casebook-search__results li").first.wait_for()
    no_violations(page)
    page.goto(whole_url + "catalogue/?purposes=advocacy")
    page.locator("#casebook-brief").click()
    page.wait_for_selector("body[data-ready=true]")
    expect(page.locator("section.case h2")).to_have_count(1)
    no_violations(page)
    page.goto(whole_url + "map/")
    page.locator("svg.casebook-world a").first.click()
    page.wait_for_url(whole_url + "countries/**")
    no_violations(page)


def test_instant_loading_keeps_the_policy_and_the_pages_working(instant: Page, instant_url: str):
    page = instant
    page.goto(instant_url)
    page.evaluate("window.loadedOnce = true")

    def follow(text: str, url: str) -> None:
        page.locator(".md-sidebar--primary a.md-nav__link", has_text=text).first.click()
        page.wait_for_url(instant_url + url)
        page.locator('meta[http-equiv="Content-Security-Policy"]').first.wait_for(state="attached")

    follow("Catalogue", "catalogue/")
    catalogue_works(page)
    page.locator("#casebook-q").fill("")
    page.locator("#casebook-finder[data-shown='?purposes=advocacy']").wait_for()
    page.locator("#casebook-catalogue > li a").first.click()
    page.wait_for_url(instant_url + "cases/water/")
    page.locator("article a[href*='purposes/advocacy/']").first.click()
    page.wait_for_url(instant_url + "purposes/advocacy/")
    for text, url in [("Map", "map/"), ("Coverage", "coverage/"), ("Reporting", "reporting/"), ("Contribute", "contribute/")]:
        follow(text, url)
    follow("Map", "map/")
    expect(page.locator("svg.casebook-world a")).to_have_count(2)
    page.go_back()
    page.go_back()
    page.go_back()
    page.go_back()
    page.go_back()
    page.go_back()
    page.go_back()
    page.wait_for_url(instant_url + "catalogue/**")
    catalogue_works(page)
    assert page.evaluate("window.loadedOnce") is True  # no page was loaded whole
    no_violations(page)
    page.locator("#casebook-brief").click()  # a briefing is no theme page: it is loaded whole
    page.wait_for_selector("body[data-ready=true]")
    no_violations(page)
    page.goto(instant_url + "404.html")
    no_violations(page)

