"""The catalogue in a real browser: filters narrow and restore the list, the URL carries the state."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import Page, expect


def shown_titles(page: Page) -> list[str]:
    return page.locator("#casebook-catalogue > li:not([hidden]) > a").all_inner_texts()


def open_filter(page: Page, facet: str) -> None:
    details = page.locator("details.casebook-filter", has=page.locator(f"input[name={facet}]"))
    if details.get_attribute("open") is None:
        details.locator("summary").click()


def test_filters_narrow_and_restore_the_list_and_live_in_the_url(page: Page, base_url: str):
    page.goto(base_url + "catalogue/")
    everything = shown_titles(page)
    assert len(everything) == 21
    expect(page.locator("#casebook-result")).to_have_text("21 cases.")

    open_filter(page, "purposes")
    page.check("input[name=purposes][value=advocacy]")
    advocacy = shown_titles(page)
    assert 0 < len(advocacy) < len(everything)
    assert "UNICEF, Levi Strauss & Co. and MTV Asia: the \"Speak Your Mind\" campaign" in advocacy
    assert parse_qs(urlsplit(page.url).query) == {"purposes": ["advocacy"]}

    open_filter(page, "regions")
    page.check("input[name=regions][value=asia]")
    both = shown_titles(page)
    assert both == ["UNICEF, Levi Strauss & Co. and MTV Asia: the \"Speak Your Mind\" campaign"]
    assert parse_qs(urlsplit(page.url).query) == {"purposes": ["advocacy"], "regions": ["asia"]}
    expect(page.locator("#casebook-result")).to_have_text("1 of 21 cases match.")

    page.reload()
    assert shown_titles(page) == both
    assert page.is_checked("input[name=purposes][value=advocacy]")

    page.click("#casebook-clear")
    expect(page.locator("#casebook-result")).to_have_text("21 cases.")
    assert shown_titles(page) == everything
    assert urlsplit(page.url).query == ""


def test_shared_address_with_several_terms_restores_the_view(page: Page, base_url: str):
    page.goto(base_url + "catalogue/?sectors=education,ict&countries=BR&countries=IN")
    assert shown_titles(page) == [
        "Ikea, UNICEF and WHO: preventing child labour in Uttar Pradesh",
        "Itau, UNICEF and CENEPEC: improving primary education in Brazil",
    ]
    assert page.is_checked("input[name=sectors][value=ict]")


def test_text_filter_finds_a_case_by_partner_name(page: Page, base_url: str):
    page.goto(base_url + "catalogue/")
    page.fill("#casebook-q", "petrochina")
    assert shown_titles(page) == ["UNDP, Shell and PetroChina: social impact assessment of the West-East Pipeline"]
    assert parse_qs(urlsplit(page.url).query) == {"q": ["petrochina"]}
    page.fill("#casebook-q", "zzzz")
    expect(page.locator("#casebook-none")).to_be_visible()


def test_catalogue_filters_work_with_the_keyboard_alone(desktop: Page, base_url: str):
    desktop.goto(base_url + "catalogue/")
    target = "input[name=purposes][value=advocacy]"
    for _ in range(200):
        desktop.keyboard.press("Tab")
        if desktop.evaluate(f"document.activeElement.matches({target!r})"):
            break
    else:
        raise AssertionError("the advocacy filter cannot be reached with Tab")
    desktop.keyboard.press("Space")
    assert desktop.is_checked(target)
    expect(desktop.locator("#casebook-result")).to_contain_text("of 21 cases match")
    desktop.keyboard.press("Space")
    expect(desktop.locator("#casebook-result")).to_have_text("21 cases.")


def test_material_search_finds_a_case_by_partner_name(desktop: Page, base_url: str):
    desktop.goto(base_url)
    desktop.click("input.md-search__input", force=True)
    desktop.keyboard.type("PetroChina")
    result = desktop.locator(".md-search-result__item", has_text="West-East Pipeline").first
    expect(result).to_be_visible(timeout=15_000)


def test_long_catalogue_shows_a_page_of_matches_at_a_time(big_page: Page, big_site_url: str):
    big_page.goto(big_site_url + "catalogue/")
    expect(big_page.locator("#casebook-result")).to_have_text("130 cases.")
    assert len(shown_titles(big_page)) == 100
    expect(big_page.locator("#casebook-more")).to_have_text("Show 30 more of 30")
    big_page.click("#casebook-more")
    assert len(shown_titles(big_page)) == 130
    expect(big_page.locator("#casebook-more")).to_be_hidden()
    open_filter(big_page, "countries")
    big_page.check("input[name=countries][value=KE]")
    expect(big_page.locator("#casebook-result")).to_have_text("65 of 130 cases match.")
    assert len(shown_titles(big_page)) == 65


def test_briefing_of_a_filter_opens_with_the_same_cases(page: Page, base_url: str):
    page.goto(base_url + "catalogue/?purposes=advocacy&regions=asia,latin-america-and-the-caribbean")
    expected = shown_titles(page)
    assert len(expected) == 2
    link = page.locator("#casebook-brief")
    assert link.get_attribute("href") == "../briefing/?purposes=advocacy&regions=asia,latin-america-and-the-caribbean"
    link.click()
    page.wait_for_selector("body[data-ready=true]")
    assert sorted(page.locator("section.case h2").all_inner_texts()) == sorted(expected)
    assert page.locator("#briefing-title").inner_text() == "Purposes: Advocacy; Regions: Asia, Latin America and the Caribbean"
    assert page.locator(".checklist li").count() == 11
    page.emulate_media(media="print")
    assert page.evaluate("getComputedStyle(document.querySelector('section.case')).breakBefore") == "page"


def test_term_briefing_opens_without_any_network(page: Page, base_url: str):
    page.goto(base_url + "sectors/education/briefing.html")
    assert page.locator("section.case").count() == 5
    page.emulate_media(media="print")
    breaks = page.evaluate("Array.from(document.querySelectorAll('section.case')).map(s => getComputedStyle(s).breakBefore)")
    assert breaks == ["page"] * 5
