"""Material's navigation and content features, turned on as a site owner would, in each of the six
languages: tabs, path, footer, section index pages and the integrated table of contents show the
page's language and lead within it; instant loading keeps Casebook's scripts working from page to
page; tooltips and search highlighting work. Any page error or console error fails a test
(conftest's watched pages)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin

from playwright.sync_api import Browser, Page, expect
import pytest
from test_catalogue import open_filter

from casebook.languages import CODES, DEFAULT, language, messages
from conftest import _open_page, served
from helpers import make_site, translation

FEATURES = [
    "navigation.instant",
    "navigation.instant.progress",
    "navigation.tabs",
    "navigation.path",
    "navigation.indexes",
    "navigation.footer",
    "toc.integrate",
    "content.tooltips",
    "search.highlight",
]
NAV = """\
nav:
  - Home: index.md
  - Catalogue: catalogue/index.md
  - Finding:
      - purposes/index.md
      - Map: map/index.md
  - Coverage: coverage/index.md
  - Contribute: contribute.md
"""


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Six languages, every feature on, a section whose index page is the purposes; built once.
    Material's instant loading follows the links its sitemap lists, at site_url's host and port: the
    site is served first, and built for the address it is served at."""
    site = make_site(tmp_path_factory.mktemp("features"))
    site.configure(languages=list(CODES))
    site.add_case("water", purposes=["advocacy"], countries=["BR"])
    site.add_case("plain", title="A plain English case", purposes=["policy-dialogue"], countries=["ZA"])
    for code in CODES:
        if code != DEFAULT:
            (site.cases / f"water.{code}.md").write_text(translation(code), "utf-8")
    site.out.mkdir()
    with served(site.out) as url:
        config = site.root / "mkdocs.yml"
        text = config.read_text("utf-8").replace("  font: false\n", "  font: false\n  features: [" + ", ".join(FEATURES) + "]\n")
        config.write_text(f"site_url: {url}\n" + text + NAV, "utf-8")
        site.build()
        yield url


@pytest.fixture
def page(browser: Browser, site_url: str) -> Iterator[Page]:
    yield from _open_page(browser, site_url, "desktop")


def words(code: str):
    """The page titles of a language, as its navigation shows them."""
    _ = messages(code).gettext
    return {"home": _("Home") if code != DEFAULT else "Home", "catalogue": _("Catalogue"), "purposes": _("Purposes"), "map": _("Map"), "coverage": _("Coverage")}


def href(page: Page, selector: str) -> list[str]:
    """The addresses the links lead to, from the site's root."""
    return [urljoin(page.url, link).split("127.0.0.1", 1)[1].split("/", 1)[1] for link in page.locator(selector).evaluate_all("els => els.map(e => e.getAttribute('href'))")]


def texts(page: Page, selector: str) -> list[str]:
    return [" ".join(text.split()) for text in page.locator(selector).all_inner_texts()]


@pytest.mark.parametrize("code", CODES)
def test_tabs_path_and_footer_are_in_the_page_language_and_lead_within_it(page: Page, site_url: str, code: str):
    prefix, w = language(code).prefix, words(code)
    page.goto(site_url + prefix + "map/")
    assert texts(page, ".md-tabs__link") == [w["home"], w["catalogue"], "Finding", w["coverage"], "Contribute"]
    # The author's pages are written in English, and every language's navigation links to them.
    assert href(page, ".md-tabs__link") == [prefix, prefix + "catalogue/", prefix + "purposes/", prefix + "coverage/", "contribute/"]
    assert texts(page, ".md-tabs__item--active") == ["Finding"]
    assert texts(page, ".md-path__link") == [w["home"], "Finding"]
    assert href(page, ".md-path__link") == [prefix, prefix + "purposes/"]
    assert href(page, ".md-footer__link") == [prefix + "purposes/", prefix + "coverage/"]
    footer = texts(page, ".md-footer__link")
    assert w["purposes"] in footer[0] and w["coverage"] in footer[1]
    assert href(page, ".md-header__button.md-logo") == [prefix]


@pytest.mark.parametrize("code", CODES)
def test_the_sidebar_marks_the_page_and_its_section_leads_to_the_language_index_page(page: Page, site_url: str, code: str):
    """navigation.indexes and toc.integrate: the sidebar holds the page's language's navigation, the
    current page marked in it, and the section's title is the link to its index page."""
    prefix, w = language(code).prefix, words(code)
    page.goto(site_url + prefix + "map/")
    primary = ".md-sidebar--primary .md-nav--primary"
    assert texts(page, f"{primary} .md-nav__link--active") == [w["map"]]
    section = page.locator(f"{primary} .md-nav__item--section, {primary} .md-nav__item--nested").filter(has_text="Finding").first
    assert href(page, f"{primary} a.md-nav__link[href$='purposes/']") == [prefix + "purposes/"]
    assert section.locator("a.md-nav__link").first.get_attribute("href").endswith("purposes/")
    assert page.locator(".md-sidebar--secondary").count() == 0  # the table of contents is in the primary sidebar


@pytest.mark.parametrize("code", CODES)
def test_instant_navigation_keeps_the_catalogue_map_and_switcher_working(page: Page, site_url: str, code: str):
    prefix, w = language(code).prefix, words(code)
    page.goto(site_url + prefix)
    page.evaluate("window.loadedOnce = true")  # gone if a link loads a page whole
    page.locator(".md-tabs__link", has_text=w["catalogue"]).click()
    page.wait_for_url(site_url + prefix + "catalogue/")
    finder = page.locator("#casebook-finder[data-shown]")
    finder.wait_for()
    page.locator(".md-tabs__link", has_text="Finding").click()
    page.wait_for_url(site_url + prefix + "purposes/")
    page.locator(".md-sidebar--primary a.md-nav__link", has_text=w["map"]).click()
    page.wait_for_url(site_url + prefix + "map/")
    expect(page.locator("svg.casebook-world a")).to_have_count(2)
    # The switcher, in the header that instant loading keeps, leads to this page in each language.
    for other in CODES:
        # A function, not an expression: Playwright evaluates an expression with eval, which the site's policy refuses.
        page.wait_for_function(f"() => document.querySelector('.casebook-languages a[hreflang={other}]').href === {site_url + language(other).prefix + 'map/'!r}")
    page.go_back()
    page.go_back()
    page.wait_for_url(site_url + prefix + "catalogue/")
    assert page.evaluate("window.loadedOnce") is True
    finder.wait_for()
    # The filters and the search still work.
    open_filter(page, "purposes")
    page.locator(".casebook-filter[data-facet=purposes] input[value=advocacy]").check()
    page.locator("#casebook-finder[data-shown='?purposes=advocacy']").wait_for()
    assert page.locator("#casebook-catalogue > li").count() == 1
    page.locator("#casebook-q").fill("plain")
    page.locator("#casebook-finder[data-shown='?purposes=advocacy&q=plain']").wait_for()
    assert page.locator("#casebook-catalogue > li").count() == 0
    assert page.evaluate("window.loadedOnce") is True
    # The map's countries lead to their pages.
    page.locator(".md-tabs__link", has_text="Finding").click()
    page.locator(".md-sidebar--primary a.md-nav__link", has_text=w["map"]).click()
    page.wait_for_url(site_url + prefix + "map/")
    page.locator("svg.casebook-world a").first.click()
    page.wait_for_url(site_url + prefix + "countries/**")


@pytest.mark.parametrize("code", CODES)
def test_a_link_to_another_language_loads_that_language_whole(page: Page, site_url: str, code: str):
    """The header, `<html lang>` and `dir` are a language's: instant loading keeps them, so a page of
    another language (an author's page in English, or the switcher's) is loaded whole."""
    prefix = language(code).prefix
    other = "fr" if code != "fr" else "zh"
    page.goto(site_url + prefix + "catalogue/")
    page.locator(".casebook-languages button").click()
    page.locator(f".casebook-languages a[hreflang={other}]").click()
    page.wait_for_url(site_url + language(other).prefix + "catalogue/")
    assert page.evaluate("document.documentElement.lang") == other
    page.locator(".md-tabs__link", has_text="Contribute").click()
    page.wait_for_url(site_url + "contribute/")
    page.wait_for_function("() => document.documentElement.lang === 'en'")
    page.wait_for_load_state()
    assert page.evaluate("getComputedStyle(document.body).direction") == "ltr"


@pytest.mark.parametrize("code", CODES)
def test_search_highlights_the_words_in_the_page_it_opens_and_tooltips_show(page: Page, site_url: str, code: str):
    prefix = language(code).prefix
    page.goto(site_url + prefix + "catalogue/?q=Acme")
    page.locator("#casebook-finder[data-shown='?q=Acme']").wait_for()
    page.locator("#casebook-catalogue > li a").first.click()
    page.wait_for_url("**/cases/**")
    marks = page.locator("article mark[data-md-highlight]")
    marks.first.wait_for()
    assert set(marks.all_inner_texts()) == {"Acme"}
    page.locator(".md-header__button.md-logo").hover()
    page.locator(".md-tooltip--active").filter(has_text="Test casebook").wait_for()


def test_instant_loading_without_site_url_is_refused(tmp_path: Path):
    site = make_site(tmp_path)
    config = site.root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("  font: false\n", "  font: false\n  features: [navigation.instant]\n"), "utf-8")
    result = site.build(check=False)
    assert result.returncode != 0
    assert "'navigation.instant' needs site_url" in result.stderr

