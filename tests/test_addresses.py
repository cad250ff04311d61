"""One registry of addresses: no author's file is lost, no two partners share a page, and the site
is the same whether its late outputs render in a second process or not."""

from __future__ import annotations

import pytest

from helpers import Site, search_records

LONG = "The International Federation of Partnership Organisations for Sustainable Development in Africa and "


@pytest.mark.parametrize("path, generated_by", [
    ("catalogue/index.md", "the catalogue"),
    ("purposes/advocacy/feed.xml", "the feed of purpose 'Advocacy'"),
    ("sectors/health/briefing.html", "the briefing of sector 'Health'"),
    ("cases.json", "the export cases.json"),
    ("briefing/cases/water.html", "the briefing block of cases/water.md"),
    ("cases/old-water/index.html", "the redirect from 'old-water' (cases/water.md)"),
    ("partners/unicef.md", "the page of partner 'UNICEF'"),
    ("feed.xml", "the site's feed"),
])  # fmt: skip
def test_an_authors_file_at_an_address_casebook_writes_is_an_error_naming_both(site: Site, path: str, generated_by: str):
    site.add_case("water", aliases=["old-water"])
    target = site.root / "content" / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("# Mine\n" if path.endswith(".md") else "mine\n", "utf-8")
    result = site.build(check=False)
    assert result.returncode == 1
    output = path[: -len(".md")] + "/index.html" if path.endswith(".md") and not path.endswith("index.md") else path.replace("index.md", "index.html")
    assert f"site/{output} would be written by both content/{path} and {generated_by}" in result.stderr
    assert "Traceback" not in result.stderr


def test_partners_whose_names_make_reserved_or_shortened_addresses_get_their_own(site: Site):
    partners = [{"name": "INDEX", "type": "business"}, {"name": LONG + "Asia", "type": "ngo"}, {"name": LONG + "Europe", "type": "ngo"}]
    site.add_case("water", partners=partners)
    site.build()
    index = site.content("partners/index.html")
    assert "INDEX" in index.get_text() and index.h1.get_text(strip=True).startswith("Partners")
    links = {a.get_text(): a["href"] for a in site.content("cases/water/index.html").select(".casebook-partners a")}
    assert links["INDEX"] == "../../partners/index-partner/"
    assert links[LONG + "Asia"] != links[LONG + "Europe"]
    for href in links.values():
        page = site.out / "cases" / "water" / href / "index.html"
        assert page.resolve().is_file(), href
    assert site.content("partners/index-partner/index.html").select_one(".casebook-case-list a").get_text() == "Clean water for schools"


def test_the_site_is_the_same_with_and_without_a_second_process_on_clashing_names(site: Site):
    partners = [{"name": "INDEX", "type": "business"}, {"name": LONG + "Asia", "type": "ngo"}, {"name": LONG + "Europe", "type": "ngo"}]
    site.add_case("water", partners=partners, aliases=["old-water"])
    site.add_case("schools", title="Schools", partners=[{"name": "Index", "type": "business"}, {"name": "UNICEF", "type": "un-entity"}])
    site.build(env={"CASEBOOK_TODAY": "2003-08-01"})
    forked, index = site.files(), search_records(site.out)
    site.configure(parallel=False)
    site.build(env={"CASEBOOK_TODAY": "2003-08-01"})
    in_process = site.files()
    assert {p for p in in_process if not p.startswith("pagefind/")} == {p for p in forked if not p.startswith("pagefind/")}
    assert [p for p in forked if not p.startswith("pagefind/") and forked[p] != in_process[p]] == []
    assert search_records(site.out) == index
