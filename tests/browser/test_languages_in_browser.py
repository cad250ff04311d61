"""The six languages in a real browser: Arabic right to left and axe-clean, search in each language's
own index, the switcher keeping the page."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlencode

from playwright.sync_api import Browser, Page
import pytest
from test_pages import serious_violations

from casebook.languages import CODES, DEFAULT, LANGUAGES, messages
from conftest import _open_page
from helpers import ARTIFACTS, FRENCH_BODY_WORD, TRANSLATED_TITLE

ARABIC_PAGES = ["ar/", "ar/catalogue/", "ar/catalogue/?purposes=advocacy", "ar/purposes/advocacy/", "ar/cases/water/", "ar/map/", "ar/coverage/"]


@pytest.fixture(params=["desktop", "mobile"])
def page(request: pytest.FixtureRequest, browser: Browser, multilingual_site_url: str) -> Iterator[Page]:
    yield from _open_page(browser, multilingual_site_url, request.param)


@pytest.mark.parametrize("path", ARABIC_PAGES)
def test_arabic_pages_read_right_to_left_and_pass_axe(page: Page, multilingual_site_url: str, path: str):
    page.goto(multilingual_site_url + path)
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.documentElement.lang") == "ar"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    assert page.evaluate("getComputedStyle(document.documentElement).direction") == "rtl"
    # English inside (a case not translated, its summary) reads left to right, isolated.
    for direction in page.evaluate("Array.from(document.querySelectorAll('article [lang=en]'), el => getComputedStyle(el).direction)"):
        assert direction == "ltr"
    width = page.viewport_size["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width, "the page scrolls sideways"
    assert serious_violations(page) == []
    # Kept for a reader of Arabic to check by eye (test-artifacts/screenshots/).
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    name = path.strip("/").replace("/", "-").replace("?", "-").replace("=", "-")
    page.screenshot(path=folder / f"{name}-{'mobile' if width < 600 else 'desktop'}.png", full_page=True)


def test_each_language_searches_its_own_index_and_the_cases_as_written(page: Page, multilingual_site_url: str):
    french = messages("fr").gettext
    page.goto(f"{multilingual_site_url}fr/catalogue/?q={FRENCH_BODY_WORD}")
    page.locator(f"#casebook-finder[data-shown='?q={FRENCH_BODY_WORD}']").wait_for()  # the search index's answer, on screen
    assert page.locator("#casebook-result").get_attribute("data-count") == "1"
    assert page.locator("#casebook-catalogue > li > a").all_inner_texts() == [TRANSLATED_TITLE["fr"]]
    page.goto(f"{multilingual_site_url}catalogue/?q={FRENCH_BODY_WORD}")
    page.locator("#casebook-result[data-count='0']").wait_for()
    # By title: the cases in French first, then the others, each case once (not its original too).
    page.goto(f"{multilingual_site_url}fr/catalogue/?purposes=advocacy")
    page.locator("#casebook-finder[data-shown='?purposes=advocacy']").wait_for()  # the search index's answer, on screen
    assert page.locator("#casebook-result").get_attribute("data-count") == "2"
    titles = page.locator("#casebook-catalogue > li > a")
    assert titles.all_inner_texts() == [TRANSLATED_TITLE["fr"], "A plain English case"]
    plain = titles.nth(1)
    assert (plain.get_attribute("lang"), plain.get_attribute("hreflang")) == ("en", "en")
    assert plain.locator("xpath=following-sibling::span").inner_text() == french("(in %(language)s)") % {"language": "anglais"}
    assert page.locator(".casebook-key-facts").nth(1).inner_text().endswith("Afrique du Sud"), "its facts in French"


def test_another_language_finds_an_untranslated_case_by_its_words_and_by_the_names_it_knows(page: Page, multilingual_site_url: str):
    """Its text is indexed once, in its own language, and searched from every language's pages."""
    page.goto(f"{multilingual_site_url}fr/catalogue/?q=Afrique du Sud")  # ZA, as French readers name it
    page.locator("#casebook-result[data-count='1']").wait_for()
    page.goto(f"{multilingual_site_url}fr/catalogue/?q=happened")  # a word of the English text alone
    page.locator("#casebook-finder[data-shown='?q=happened']").wait_for()
    assert page.locator("#casebook-result").get_attribute("data-count") == "1"
    assert page.locator("#casebook-catalogue > li > a").all_inner_texts() == ["A plain English case"], "not the original of the translated case"
    page.goto(f"{multilingual_site_url}catalogue/?q=happened")
    page.locator("#casebook-result[data-count='2']").wait_for()


@pytest.mark.parametrize("code", [c for c in CODES if c != DEFAULT])
def test_an_untranslated_case_is_found_by_the_name_of_its_country_in_each_language(desktop_page: Page, multilingual_site_url: str, code: str):
    """South Africa as each language names it: the English index is searched with the page
    language's own word rules (Pagefind merges it into the language's index)."""
    page = desktop_page
    name = LANGUAGES[code].country_name("ZA")
    page.goto(f"{multilingual_site_url}{LANGUAGES[code].prefix}catalogue/?" + urlencode({"q": name}))
    page.locator("#casebook-finder[data-shown]").wait_for()
    page.wait_for_function("() => document.getElementById('casebook-finder').getAttribute('data-shown') !== ''")
    assert page.locator("#casebook-catalogue > li > a").all_inner_texts()[0] == "A plain English case", f"{name}: the best match"


def test_the_switcher_keeps_the_page(page: Page, multilingual_site_url: str):
    page.goto(multilingual_site_url + "purposes/advocacy/")
    page.locator(".casebook-languages button").click()
    page.locator('.casebook-languages a[hreflang="fr"]').click()
    page.wait_for_url(multilingual_site_url + "fr/purposes/advocacy/")
    assert page.evaluate("document.documentElement.lang") == "fr"
    page.locator(".casebook-languages button").click()
    page.locator('.casebook-languages a[hreflang="zh"]').click()
    page.wait_for_url(multilingual_site_url + "zh/purposes/advocacy/")


@pytest.fixture
def desktop_page(browser: Browser, multilingual_site_url: str) -> Iterator[Page]:
    yield from _open_page(browser, multilingual_site_url, "desktop")


def test_the_header_search_speaks_the_page_language(desktop_page: Page, multilingual_site_url: str):
    """At desktop width, where the header has its box (a phone's header links to the catalogue)."""
    page, russian = desktop_page, messages("ru")
    page.goto(multilingual_site_url + "ru/")
    page.locator("#casebook-search-input").fill(FRENCH_BODY_WORD)
    count = page.locator(".casebook-search__count")
    count.wait_for()
    assert count.inner_text() == russian.gettext("%(results)s:") % {"results": russian.ngettext("%(count)s result", "%(count)s results", 1) % {"count": 1}}
    assert page.locator(".casebook-search__kind").first.inner_text() == russian.gettext("Case")


def test_the_header_search_shows_an_english_result_left_to_right_in_an_arabic_page(desktop_page: Page, multilingual_site_url: str):
    page = desktop_page
    page.goto(multilingual_site_url + "ar/")
    page.locator("#casebook-search-input").fill("happened")  # a word of the English case alone
    title = page.locator(".casebook-search__title").first
    title.wait_for()
    assert title.inner_text() == "A plain English case"
    for part in (title, page.locator(".casebook-search__excerpt").first):
        assert part.evaluate("el => getComputedStyle(el).direction") == "ltr"
        assert part.evaluate("el => getComputedStyle(el).unicodeBidi") == "isolate"


def test_a_latin_name_amid_arabic_keeps_its_own_direction(desktop_page: Page, multilingual_site_url: str):
    """A partner's English name, set by the browser's scripts amid Arabic words (a chip, its label,
    the briefing's title), is isolated as the build isolates it (writing.isolate)."""
    page = desktop_page
    isolated = "\u2068Acme Water\u2069"
    page.goto(f"{multilingual_site_url}ar/catalogue/?partners=acme-water")
    page.locator("#casebook-finder[data-shown='?partners=acme-water']").wait_for()
    chip = page.locator("#casebook-chips button").first
    assert isolated in chip.inner_text()
    assert isolated in (chip.get_attribute("aria-label") or "")
    page.goto(f"{multilingual_site_url}ar/briefing/?partners=acme-water")
    page.locator("body[data-ready=true]").wait_for()
    assert isolated in page.locator("#briefing-title").inner_text()
    assert isolated in page.title()
    # In an English page, the same name is as it is.
    page.goto(f"{multilingual_site_url}briefing/?partners=acme-water")
    page.locator("body[data-ready=true]").wait_for()
    assert "\u2068" not in page.locator("#briefing-title").inner_text()


def test_the_catalogues_partners_are_in_the_pages_alphabetical_order(browser: Browser, tmp_path_factory: pytest.TempPathFactory):
    """Partners as frequent as each other, in the filter of the Chinese catalogue: by pinyin (阿 a
    before 中 zhong), as the build orders its lists, not by code point nor by the browser's language."""
    from test_catalogue import open_filter

    from conftest import served
    from helpers import make_site

    site = make_site(tmp_path_factory.mktemp("partners-order"))
    site.configure(languages=["zh", "en"])
    (site.cases / "partners.yml").write_text(
        "partners:\n  - name: PetroChina\n    type: business\n    names: {zh: 中国石油}\n  - name: Alibaba\n    type: business\n    names: {zh: 阿里巴巴}\n", "utf-8"
    )
    unicef = {"name": "UNICEF", "type": "un-entity"}
    site.add_case("oil", partners=[{"name": "PetroChina", "type": "business"}, unicef], purposes=["advocacy"], countries=["CN"])
    site.add_case("trade", title="Trade", partners=[{"name": "Alibaba", "type": "business"}, unicef], purposes=["advocacy"], countries=["CN"])
    site.build()
    with served(site.out) as url:
        for page in _open_page(browser, url, "desktop"):
            page.goto(url + "zh/catalogue/")
            page.locator("#casebook-facets:not([hidden])").wait_for()
            open_filter(page, "partners")
            labels = [text.strip() for text in page.locator("details[data-facet=partners] .casebook-options label").all_inner_texts()]
            names = [label.split("（")[0].strip() for label in labels]  # the count follows in Chinese brackets
            assert [name for name in names if name in ("阿里巴巴", "中国石油")] == ["阿里巴巴", "中国石油"], names
