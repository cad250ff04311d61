"""The catalogue in a real browser: search and filters over the site's search index, the selection
in the address, the header's search box, and the plain list without JavaScript."""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode, urlsplit

from playwright.sync_api import Browser, Page, expect
import pytest

from casebook.corpus import load_corpus
from casebook.index import FacetIndex
from casebook.selection import Selection, select
from helpers import ROOT

INDEX = FacetIndex(load_corpus(ROOT / "cases", lessons_dir=ROOT / "content" / "lessons"))


def shown_titles(page: Page) -> list[str]:
    return page.locator("#casebook-catalogue > li > a").all_inner_texts()


def wait_for(page: Page, selection: str = "", *, counted: bool = False) -> None:
    """Until the catalogue shows `selection` (its address's query, as the catalogue writes it), and
    with `counted` the counts of its facets too."""
    page.locator(f"#casebook-finder[data-{'counted' if counted else 'shown'}='{selection}']").wait_for()


def show_all(page: Page) -> list[str]:
    more = page.locator("#casebook-more")
    while more.is_visible():
        count = page.locator("#casebook-catalogue > li").count()
        more.click()
        page.wait_for_function(f"() => document.querySelectorAll('#casebook-catalogue > li').length > {count}")
        page.locator("#casebook-finder:not([aria-busy])").wait_for()
    return shown_titles(page)


def open_filter(page: Page, facet: str) -> None:
    toggle = page.locator("#casebook-filters-toggle")
    if toggle.is_visible() and toggle.get_attribute("aria-expanded") != "true":
        toggle.click()
    details = page.locator(f"details.casebook-filter[data-facet={facet}]")
    if details.get_attribute("open") is None:
        details.locator("summary").click()


def expected(**terms: str) -> list[str]:
    """The titles of the bundled cases whose front matter matches, by Casebook's own index."""
    selection = Selection({facet: tuple(value.split(",")) for facet, value in terms.items()})
    return [case.title for case in select(INDEX, selection)]


@pytest.mark.parametrize("terms", [
    {"purposes": "advocacy"},
    {"purposes": "advocacy", "regions": "asia"},
    {"sectors": "education,ict", "countries": "BR,IN"},
    {"regions": "africa"},
    {"partner_types": "ngo", "scale": "project"},
    {"partners": "unicef"},
    {"purposes": "advocacy,operational-delivery", "lessons": "test-of-the-real-world"},
    {"status": "completed"},
])  # fmt: skip
def test_facet_filters_from_the_address_give_exactly_the_matching_cases(desktop: Page, base_url: str, terms: dict[str, str]):
    query = urlencode(terms, safe=",")
    desktop.goto(f"{base_url}catalogue/?{query}")
    wait_for(desktop, "?" + query)
    titles = expected(**terms)
    assert titles, "a selection that matches nothing proves little"
    assert sorted(show_all(desktop)) == sorted(titles)
    assert desktop.locator("#casebook-result").get_attribute("data-count") == str(len(titles))
    assert desktop.locator("#casebook-result").inner_text() == f"{len(titles)} of 21 cases match."


def test_filters_narrow_and_restore_the_list_and_live_in_the_address(page: Page, base_url: str):
    page.goto(base_url + "catalogue/")
    wait_for(page)
    everything = shown_titles(page)
    assert len(everything) == 21
    expect(page.locator("#casebook-result")).to_have_text("21 cases.")

    open_filter(page, "purposes")
    page.check("input[name=purposes][value=advocacy]")
    wait_for(page, "?purposes=advocacy")
    assert sorted(shown_titles(page)) == sorted(expected(purposes="advocacy"))
    assert parse_qs(urlsplit(page.url).query) == {"purposes": ["advocacy"]}

    open_filter(page, "regions")
    page.check("input[name=regions][value=asia]")
    wait_for(page, "?purposes=advocacy&regions=asia")
    both = shown_titles(page)
    assert both == ["UNICEF, Levi Strauss & Co. and MTV Asia: the \"Speak Your Mind\" campaign"]
    expect(page.locator("#casebook-result")).to_have_text("1 of 21 cases match.")
    assert page.locator("#casebook-chips .casebook-chip").all_inner_texts() == ["Advocacy ×", "Asia ×"]

    page.reload()
    wait_for(page, "?purposes=advocacy&regions=asia")
    assert shown_titles(page) == both
    open_filter(page, "purposes")
    assert page.is_checked("input[name=purposes][value=advocacy]")

    page.click("#casebook-chips button[aria-label='Remove the filter Region: Asia']")
    wait_for(page, "?purposes=advocacy")
    assert parse_qs(urlsplit(page.url).query) == {"purposes": ["advocacy"]}

    page.click("#casebook-clear")
    wait_for(page, "")
    expect(page.locator("#casebook-result")).to_have_text("21 cases.")
    assert sorted(show_all(page)) == sorted(everything)
    assert urlsplit(page.url).query == ""


def test_counts_follow_the_query_and_combine_within_a_facet(desktop: Page, base_url: str):
    desktop.goto(base_url + "catalogue/?q=children")
    wait_for(desktop, "?q=children", counted=True)
    matching = int(desktop.locator("#casebook-result").get_attribute("data-count"))
    assert 0 < matching < 21
    counts = {}
    for label in desktop.locator("details[data-facet=purposes] label").all():
        value = label.locator("input").get_attribute("value")
        counts[value] = int(label.locator(".casebook-count").inner_text().strip("() \u00a0（）"))
    assert max(counts.values()) <= matching
    # Each purpose's count is what checking it gives, with the words still in force.
    chosen = [value for value, n in counts.items() if n][:2]
    desktop.check(f"input[name=purposes][value={chosen[0]}]")
    wait_for(desktop, f"?purposes={chosen[0]}&q=children")
    assert desktop.locator("#casebook-result").get_attribute("data-count") == str(counts[chosen[0]])
    # Terms of one facet combine with OR: the count can only grow.
    desktop.check(f"input[name=purposes][value={chosen[1]}]")
    wait_for(desktop, f"?purposes={chosen[0]},{chosen[1]}&q=children")
    assert int(desktop.locator("#casebook-result").get_attribute("data-count")) >= max(counts[chosen[0]], counts[chosen[1]])


def test_text_search_finds_a_case_by_partner_name_and_highlights_it(page: Page, base_url: str):
    page.goto(base_url + "catalogue/")
    wait_for(page)
    page.fill("#casebook-q", "petrochina")
    wait_for(page, "?q=petrochina")
    assert shown_titles(page) == ["UNDP, Shell and PetroChina: social impact assessment of the West-East Pipeline"]
    assert page.locator("#casebook-catalogue mark").first.inner_text().lower().startswith("petrochina")
    assert parse_qs(urlsplit(page.url).query) == {"q": ["petrochina"]}
    page.fill("#casebook-q", "zzzzqqq")
    wait_for(page, "?q=zzzzqqq")
    expect(page.locator("#casebook-none")).to_be_visible()
    assert page.locator("#casebook-result").get_attribute("data-count") == "0"


def test_a_word_only_in_the_body_of_three_cases_finds_exactly_those(big_page: Page, big_site_url: str):
    big_page.goto(big_site_url + "catalogue/?q=quetzalcoatl")
    wait_for(big_page, "?q=quetzalcoatl")
    assert sorted(shown_titles(big_page)) == ["Case 007", "Case 042", "Case 099"]
    assert big_page.locator("#casebook-result").inner_text() == "3 of 130 cases match."


def test_front_matter_stays_text_in_results_and_filters(big_page: Page, big_site_url: str):
    from conftest import HOSTILE

    big_page.goto(big_site_url + "catalogue/?q=onerror")
    wait_for(big_page, "?q=onerror", counted=True)
    assert shown_titles(big_page) == ["Case 000"]
    assert "<img" in big_page.locator("#casebook-catalogue .casebook-excerpt").inner_text()
    open_filter(big_page, "partners")
    assert big_page.locator("details[data-facet=partners] label", has_text=HOSTILE).count() == 1
    big_page.fill("#casebook-search-input", "onerror")
    expect(big_page.locator(".casebook-search__results li")).to_have_count(1)
    assert big_page.evaluate("window.pwned") is None
    assert big_page.locator("#casebook-catalogue img, .casebook-search__results img, .casebook-options img").count() == 0


def test_sorting_by_title_and_by_start_year(desktop: Page, base_url: str):
    desktop.goto(base_url + "catalogue/?sectors=education&sort=start")
    wait_for(desktop, "?sectors=education&sort=start")
    by_start = shown_titles(desktop)
    cases = {case.title: case for case in INDEX.cases}
    years = [int(str(cases[t].meta.start)[:4]) if cases[t].meta.start is not None else 0 for t in by_start]
    assert years == sorted(years, reverse=True)
    desktop.select_option("#casebook-sort", "title")
    wait_for(desktop, "?sectors=education")
    assert shown_titles(desktop) == expected(sectors="education")


def test_the_catalogue_works_with_the_keyboard_alone(desktop: Page, base_url: str):
    desktop.goto(base_url + "catalogue/")
    wait_for(desktop)
    target = "input[name=purposes][value=advocacy]"
    for _ in range(200):
        desktop.keyboard.press("Tab")
        if desktop.evaluate(f"document.activeElement.matches({target!r})"):
            break
    else:
        raise AssertionError("the advocacy filter cannot be reached with Tab")
    desktop.keyboard.press("Space")
    wait_for(desktop, "?purposes=advocacy")
    assert desktop.is_checked(target)
    desktop.keyboard.press("Space")
    wait_for(desktop, "")
    expect(desktop.locator("#casebook-result")).to_have_text("21 cases.")


def test_on_a_phone_results_come_first_and_filters_open_from_a_button(browser: Browser, base_url: str):
    from conftest import _open_page

    for page in _open_page(browser, base_url, "mobile"):
        page.goto(base_url + "catalogue/")
        wait_for(page)
        facets = page.locator("#casebook-facets")
        expect(facets).to_be_hidden()
        toggle = page.locator("#casebook-filters-toggle")
        assert toggle.get_attribute("aria-expanded") == "false"
        toggle.click()
        expect(facets).to_be_visible()
        assert toggle.get_attribute("aria-expanded") == "true"


def test_header_search_shows_results_as_you_type_and_opens_the_catalogue(desktop: Page, base_url: str):
    desktop.goto(base_url + "lessons/")
    desktop.fill("#casebook-search-input", "PetroChina")
    result = desktop.locator(".casebook-search__results li a", has_text="West-East Pipeline").first
    expect(result).to_be_visible()
    desktop.keyboard.press("ArrowDown")
    assert desktop.evaluate("document.activeElement.closest('.casebook-search__results') !== null")
    desktop.keyboard.press("Escape")
    expect(desktop.locator(".casebook-search__results")).to_be_hidden()
    desktop.locator("#casebook-search-input").press("Enter")
    wait_for(desktop, "?q=PetroChina")
    assert shown_titles(desktop) == ["UNDP, Shell and PetroChina: social impact assessment of the West-East Pipeline"]


def test_long_catalogue_shows_more_results_on_demand(big_page: Page, big_site_url: str):
    big_page.goto(big_site_url + "catalogue/")
    wait_for(big_page)
    expect(big_page.locator("#casebook-result")).to_have_text("130 cases.")
    assert 30 <= len(shown_titles(big_page)) <= 80  # the plain list's first page
    assert len(show_all(big_page)) == 130
    open_filter(big_page, "countries")
    big_page.check("input[name=countries][value=KE]")
    wait_for(big_page, "?countries=KE")
    expect(big_page.locator("#casebook-result")).to_have_text("65 of 130 cases match.")
    assert len(shown_titles(big_page)) == 20
    assert len(show_all(big_page)) == 65


def test_without_javascript_the_catalogue_is_a_plain_list_of_every_case_once(browser: Browser, big_site_url: str):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(big_site_url + "catalogue/")
    titles = []
    while True:
        titles += shown_titles(page)
        expect(page.locator("#casebook-controls")).to_be_hidden()
        following = page.locator(".casebook-pager a", has_text="Next")
        if not following.count():
            break
        following.click()
    assert titles == [f"Case {i:03d}" for i in range(130)]
    context.close()


def test_briefing_of_a_selection_opens_with_the_same_cases(page: Page, base_url: str):
    page.goto(base_url + "catalogue/?purposes=advocacy&regions=asia,latin-america-and-the-caribbean")
    wait_for(page, "?purposes=advocacy&regions=asia,latin-america-and-the-caribbean")
    shown = shown_titles(page)
    assert len(shown) == 2
    link = page.locator("#casebook-brief")
    assert link.get_attribute("href") == "../briefing/?purposes=advocacy&regions=asia,latin-america-and-the-caribbean"
    link.click()
    page.wait_for_selector("body[data-ready=true]")
    assert sorted(page.locator("section.case h2").all_inner_texts()) == sorted(shown)
    assert page.locator("#briefing-title").inner_text() == "Purposes: Advocacy; Regions: Asia or Latin America and the Caribbean"
    assert page.locator(".checklist li").count() == 11
    assert page.locator("#briefing-counts caption").all_inner_texts() == ["Purpose", "Sector", "Region"]
    page.emulate_media(media="print")
    assert page.evaluate("getComputedStyle(document.querySelector('section.case')).breakBefore") == "page"


def test_term_briefing_opens_without_any_network(page: Page, base_url: str):
    page.goto(base_url + "sectors/education/briefing.html")
    assert page.locator("section.case").count() == 5
    page.emulate_media(media="print")
    breaks = page.evaluate("Array.from(document.querySelectorAll('section.case')).map(s => getComputedStyle(s).breakBefore)")
    assert breaks == ["page"] * 5


PAGES = ["", "catalogue/?q=water", "catalogue/?purposes=advocacy", "cases/ikea-unicef-who-child-labour-uttar-pradesh/",
         "lessons/test-of-the-real-world/", "briefing/?sectors=education", "partners/unicef/"]  # fmt: skip


def test_no_page_downloads_the_corpus(desktop: Page, base_url: str):
    """Neither the exports nor any file over 1 MB, whatever the page: the search index comes in parts."""
    seen: list[tuple[str, int]] = []
    desktop.on("response", lambda response: seen.append((response.url, len(response.body()) if response.ok else 0)))
    for path in PAGES:
        desktop.goto(base_url + path)
        desktop.wait_for_load_state("networkidle")
    urls = [url for url, _ in seen]
    assert not [url for url in urls if url.endswith(("cases.json", "cases.csv", "search_index.json"))]
    assert [(url, size) for url, size in seen if size > 1_000_000] == []
    assert any("/pagefind/" in url for url in urls), "the search index was used"


QUERIES = ["schools", "children", "education", "Brazil", "Ikea", "UNICEF", "pipeline", "human rights", "judiciary", "training",
           "Global Compact", "foundation", "Indonesia", "Angola", "Norway", "youth", "internet", "energy", "Statoil", "bank",
           "Cisco", "least developed countries", "networking academies", "Itaú", "child labour", "dialogue", "West-East"]  # fmt: skip


def test_the_catalogue_and_casebook_brief_find_the_same_cases_for_the_same_words(desktop: Page, base_url: str):
    from casebook.render.site import Renderer, SiteOptions
    from casebook.urls import Urls

    renderer = Renderer(INDEX.corpus, Urls(), SiteOptions())
    differences, found = {}, 0
    for query in QUERIES:
        desktop.goto(f"{base_url}catalogue/?{urlencode({'q': query})}")
        wait_for(desktop, "?" + urlencode({"q": query}))
        site = sorted(show_all(desktop))
        brief = sorted(case.title for case in select(INDEX, Selection({}, query), renderer.searchable))
        found += bool(site)
        if site != brief:
            differences[query] = {"site only": sorted(set(site) - set(brief)), "brief only": sorted(set(brief) - set(site))}
    assert differences == {}
    assert len(QUERIES) >= 20 and found >= 20, "queries that find nothing prove little"
