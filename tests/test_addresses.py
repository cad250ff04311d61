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
    ("briefing/index.html", "the briefing of a catalogue selection"),
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


def test_a_partner_keeps_its_name_and_a_registry_merges_its_spellings(site: Site):
    norway = [{"name": "Government of Norway", "type": "government"}, {"name": "UNICEF", "type": "un-entity"}]
    site.add_case("a-water", partners=norway)
    site.add_case("b-schools", title="Schools", partners=norway)
    site.build()
    assert site.content("partners/government-of-norway/index.html").h1.get_text(strip=True).startswith("Partner: Government of Norway")
    # A case that sorts first, with another spelling, does not rename the partner.
    site.add_case("0-aid", title="Aid", partners=[{"name": "GOVERNMENT OF NORWAY", "type": "government"}, {"name": "UNICEF", "type": "un-entity"}])
    site.build()
    assert site.content("partners/government-of-norway/index.html").h1.get_text(strip=True).startswith("Partner: Government of Norway")
    # The registry gathers spellings that no rule could.
    site.add_case("c-software", title="Software", partners=[{"name": "MICRO-SOFT", "type": "business"}, {"name": "UNICEF", "type": "un-entity"}])
    site.add_case("d-clouds", title="Clouds", partners=[{"name": "MICROSOFT CORPORATION", "type": "business"}, {"name": "UNICEF", "type": "un-entity"}])
    (site.cases / "partners.yml").write_text(
        "partners:\n  - name: Microsoft Corporation\n    type: business\n    spellings: [MICRO-SOFT]\n    website: https://www.microsoft.com\n", "utf-8")
    site.build()
    page = site.content("partners/microsoft-corporation/index.html")
    assert [a.get_text() for a in page.select(".casebook-case-list a")] == ["Clouds", "Software"]
    assert "Also written: MICRO-SOFT or MICROSOFT CORPORATION." in page.get_text(" ", strip=True)
    assert page.select_one(".casebook-partner-facts a")["href"] == "https://www.microsoft.com"
    assert not (site.out / "partners" / "micro-soft").exists()
    links = [a.get_text() for a in site.content("cases/c-software/index.html").select(".casebook-partners a")]
    assert links == ["Microsoft Corporation", "UNICEF"]


def test_a_bad_registry_is_reported_with_its_lines(site: Site):
    site.add_case("water")
    (site.cases / "partners.yml").write_text(
        "partners:\n  - name: Acme\n    type: bussiness\n  - name: Acme Water\n    spellings: [ACME]\n    colour: blue\n", "utf-8")
    result = site.check()
    assert result.returncode == 1
    assert "cases/partners.yml:3: partners[0].type: 'bussiness' is not a known partner type (did you mean 'business'?)" in result.stdout
    assert "cases/partners.yml:6: partners[1].colour: is not a known field" in result.stdout


def test_check_points_out_partners_whose_names_look_alike_without_failing(site: Site):
    site.add_case("software", partners=[{"name": "MICRO-SOFT", "type": "business"}, {"name": "UNICEF", "type": "un-entity"}])
    site.add_case("clouds", title="Clouds", partners=[{"name": "Microsoft Corporation", "type": "business"}, {"name": "UNICEF", "type": "un-entity"}])
    site.add_case("aid", title="Aid", partners=[{"name": "SWISS AGENCY FOR DEVELOPMENT AND COOP", "type": "government"},
                                                {"name": "Swiss Agency for Development and Cooperation", "type": "government"}])
    result = site.check()
    assert result.returncode == 0, result.stdout
    assert "Suggestions (not problems):" in result.stdout
    line = (site.cases / "software.md").read_text("utf-8").splitlines().index("- name: MICRO-SOFT") + 1
    assert f"cases/software.md:{line}: partners[0].name: 'MICRO-SOFT' looks like 'Microsoft Corporation' (cases/clouds.md)" in result.stdout
    assert "'SWISS AGENCY FOR DEVELOPMENT AND COOP' looks like 'Swiss Agency for Development and Cooperation'" in result.stdout
    (site.cases / "partners.yml").write_text("partners:\n  - name: Microsoft Corporation\n    spellings: [MICRO-SOFT]\n", "utf-8")
    assert "MICRO-SOFT" not in site.check().stdout
