"""The search index and the catalogue, read back from built sites: what is indexed, with which
filters and facts, and the plain paginated list that readers without JavaScript get."""

from __future__ import annotations

import json

from helpers import Site, broken_links, search_records

HOSTILE = '<script>alert("x")</script> & "quotes" | bar'


def test_index_holds_every_case_and_authored_page_and_no_listing(site: Site):
    site.add_case("water", results=["Two hundred schools have clean water."], lessons=["real-world-test"], start=2001)
    site.add_case("schools", title="Schools online", sectors=["education"], countries=["BR"], purposes=["advocacy"])
    site.build(env={"CASEBOOK_TODAY": "2003-08-01"})
    records = search_records(site.out)
    generated = {f"/{path}/" for path in ("catalogue", "purposes", "sectors", "regions", "countries", "partners", "map", "coverage", "reporting")}
    assert set(records) == {"/cases/water/", "/cases/schools/", "/", "/contribute/", "/lessons/", "/lessons/real-world-test/"} | generated
    # The generated pages by their titles alone, not the cases they list.
    assert records["/catalogue/"]["meta"]["title"] == "Catalogue" and "Schools online" not in records["/catalogue/"]["content"]
    assert records["/map/"]["filters"]["kind"] == ["page"]
    water = records["/cases/water/"]
    assert water["filters"] == {
        "kind": ["case"], "purposes": ["operational-delivery"], "sectors": ["health"],
        "regions": ["africa", "sub-saharan-africa"], "countries": ["KE"],
        "partners": ["acme-water|Acme Water", "unicef|UNICEF"], "partner_types": ["business", "un-entity"],
        "scale": ["project"], "lessons": ["real-world-test"], "language": ["en"],
    }  # fmt: skip
    assert water["meta"]["title"] == "Clean water for schools"
    assert water["meta"]["facts"] == "Project · Kenya"
    assert water["meta"]["summary"].startswith("A company and UNICEF")
    assert water["meta"]["url"] == "cases/water/"
    # The whole case is searchable (partners, results, body), not the titles of related cases or the theme's ¶.
    for text in ("Acme Water", "Two hundred schools", "What happened"):
        assert text in water["content"]
    assert "Schools online" not in water["content"] and "¶" not in water["content"]
    assert records["/lessons/real-world-test/"]["filters"] == {"kind": ["lesson"]}
    assert records["/contribute/"]["filters"] == {"kind": ["page"]}
    assert "Clean water" not in records["/lessons/real-world-test/"]["content"], "the cases listed under a lesson are not its text"


def test_plain_catalogue_lists_every_case_once_a_page_at_a_time(site: Site):
    for i in range(120):
        site.add_case(f"case-{i:03d}", title=f"Case {i:03d}")
    site.build()
    pages = ["catalogue/index.html", "catalogue/page/2/index.html", "catalogue/page/3/index.html"]
    listed = [[a.get_text() for a in site.content(page).select("#casebook-catalogue > li > a")] for page in pages]
    assert [title for titles in listed for title in titles] == [f"Case {i:03d}" for i in range(120)]
    assert all(30 <= len(titles) <= 80 for titles in listed[:-1]), [len(titles) for titles in listed]
    assert not (site.out / "catalogue" / "page" / "4").exists()
    second = site.content("catalogue/page/2/index.html")
    assert site.content("catalogue/index.html").select_one("#casebook-result").get_text() == "120 cases. Page 1 of 3, by title."
    assert second.select_one("#casebook-result").get_text() == "Page 2 of 3, by title."  # one more case changes the first page only
    assert [a.get_text() for a in second.select(".casebook-pager a")] == ["Previous", "1", "3", "Next"]
    assert site.html("catalogue/page/2/index.html").title.get_text().startswith("Catalogue, page 2")
    assert broken_links(site.out) == []
    # The first page carries the search app's settings, bounded by the vocabularies.
    first = site.html("catalogue/index.html")
    config = json.loads(first.select_one("#casebook-finder")["data-config"])
    assert config["total"] == 120 and config["index"] == "../pagefind/"
    assert [f["name"] for f in config["facets"]] == ["purposes", "sectors", "regions", "countries", "partners", "partner_types", "scale", "status", "lessons"]
    assert first.select_one("#casebook-controls").has_attr("hidden"), "without JavaScript the catalogue is a plain list"


def test_the_catalogue_lists_a_bounded_number_of_partners(site: Site):
    for i in range(40):
        partners = [{"name": f"Company {i:02d}", "type": "business"}, {"name": "UNICEF", "type": "un-entity"}]
        site.add_case(f"case-{i:02d}", title=f"Case {i:02d}", partners=partners)
    site.build()
    config = json.loads(site.html("catalogue/index.html").select_one("#casebook-finder")["data-config"])
    partners = next(f for f in config["facets"] if f["name"] == "partners")
    assert len(partners["terms"]) == 30
    assert partners["terms"][0] == ["unicef|UNICEF", "UNICEF", None, 40]


def test_search_records_and_settings_keep_front_matter_as_text(site: Site):
    site.add_case("hostile", title=HOSTILE, summary=HOSTILE, partners=[{"name": HOSTILE, "type": "business"}, {"name": "UNICEF", "type": "un-entity"}])
    site.build()
    record = search_records(site.out)["/cases/hostile/"]
    assert record["meta"]["title"] == HOSTILE and record["meta"]["summary"] == HOSTILE
    assert any(value.endswith("|" + HOSTILE) for value in record["filters"]["partners"])
    catalogue = site.html("catalogue/index.html")
    assert catalogue.select_one("#casebook-catalogue > li > a").get_text() == HOSTILE
    assert "<script>alert" not in str(catalogue.select_one("#casebook-finder"))
    config = json.loads(catalogue.select_one("#casebook-finder")["data-config"])
    partners = next(f for f in config["facets"] if f["name"] == "partners")
    assert [term[1] for term in partners["terms"]] == [HOSTILE, "UNICEF"]


def test_a_file_where_the_index_goes_is_refused(site: Site):
    site.add_case("water")
    (site.root / "content" / "pagefind").mkdir()
    (site.root / "content" / "pagefind" / "pagefind.js").write_text("// mine\n", "utf-8")
    result = site.build(check=False)
    assert result.returncode != 0
    assert "site/pagefind/ is written only by the search index, but content/pagefind/pagefind.js would write in it too" in result.stderr


def test_the_themes_whole_site_search_is_pointed_out(site: Site):
    site.add_case("water")
    config = site.root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("plugins:\n", "plugins:\n  - search\n"), "utf-8")
    result = site.build(check=False)
    assert result.returncode != 0
    assert "remove '- search' from plugins" in result.stderr
