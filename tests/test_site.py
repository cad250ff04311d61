"""Build small sites with `mkdocs build --strict` and read their pages back."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import pytest

from helpers import Site, broken_links, case_text, search_records

HOSTILE = '<script>alert("x")</script> & *bold* [link](http://evil.example)'


def test_case_page_has_facts_that_link_to_their_terms(site: Site):
    site.add_case("water", lessons=["real-world-test"], start=2001, end=2003, status="completed",
                  resources=[{"amount": 1500000, "currency": "USD", "note": "in kind"}], results=["40 schools"],
                  source={"document": "A/58/227", "paragraphs": [49, 50, 51, 55], "url": "https://example.org/a"})
    site.build()
    page = site.content("cases/water/index.html")
    assert page.h1.get_text(strip=True).startswith("Clean water for schools")
    facts = page.select_one("aside.casebook-facts")
    links = {a.get_text(): a["href"] for a in page.select("aside.casebook-facts a")}
    assert links["Acme Water"] == "../../partners/acme-water/"
    assert links["Operational delivery"] == "../../purposes/operational-delivery/"
    assert links["Health"] == "../../sectors/health/"
    assert links["Kenya"] == "../../countries/ke/"
    assert links["Sub-Saharan Africa"] == "../../regions/sub-saharan-africa/"
    assert links["Africa"] == "../../regions/africa/"
    assert links["The test of the real world"] == "../../lessons/real-world-test/"
    text = facts.get_text(" ", strip=True)
    assert page.select_one(".casebook-byline").get_text(" ", strip=True) == "Partners: Acme Water · UNICEF"
    assert "Partners Acme Water (Business) UNICEF (United Nations entity) Purposes" in text
    assert "2001 – 2003 (completed)" in text
    assert "USD 1,500,000 (in kind)" in text
    assert "paragraphs 49–51 and 55" in text
    for href in links.values():
        if not href.startswith("http"):
            assert (site.out / "cases/water" / href.split("#")[0] / "index.html").resolve().is_file(), href
    assert "What happened." in page.get_text()


def test_a_case_page_says_what_the_report_says_does_not_say_and_what_is_casebooks_reading(site: Site):
    """People involved apart from partners, sums aimed at apart from money committed, the report's own
    caveats where the results are, Casebook's classification marked, and only the reports it records."""
    site.add_case("plock", involved=[{"name": "Representatives from civil society", "type": "community", "role": "will investigate ways"}],
                  resources=[{"amount": 450000, "currency": "USD", "kind": "goal", "note": "to allocate"}, {"amount": 264000, "currency": "USD"}],
                  source={"document": "A/58/227", "paragraphs": [57]})
    site.add_case("elsewhere", title="Elsewhere", results=["A result."], source={"document": "Annual review 2004", "paragraphs": [57]})
    site.build()
    rows = {dt.get_text(strip=True): dt.find_next_sibling("dd") for dt in site.content("cases/plock/index.html").select("aside.casebook-facts dt")}
    assert [li.get_text(" ", strip=True) for li in rows["Partners"].select("li")] == ["Acme Water (Business)", "UNICEF (United Nations entity)"]
    assert rows["Involved, not named as partners"].get_text(" ", strip=True) == "Representatives from civil society (Community or other civil society: will investigate ways)"
    assert rows["Involved, not named as partners"].a is None
    assert rows["Resources"].get_text(" ", strip=True) == "USD 264,000"
    assert rows["Sums aimed at, not committed"].get_text(" ", strip=True) == "USD 450,000 (to allocate)"
    caveats = [li.get_text(" ", strip=True) for li in rows["The report's caveats"].select("li")]
    assert caveats[0].endswith("(A/58/227, paragraph 17).") and caveats[1].endswith("(A/58/227, paragraph 48).")
    assert caveats[2] == "The report states no results of this partnership."
    assert "are Casebook's classification" in rows["Casebook's reading"].get_text()
    assert rows["Reporting"].get_text(strip=True) == "No report recorded in Casebook"
    assert not (site.out / "partners" / "representatives-from-civil-society").exists()
    other = {dt.get_text(strip=True) for dt in site.content("cases/elsewhere/index.html").select("aside.casebook-facts dt")}
    assert "The report's caveats" not in other and "Involved, not named as partners" not in other
    reporting = site.content("reporting/index.html").get_text(" ", strip=True)
    assert "No report recorded in Casebook (2)" in reporting and "Never reported" not in reporting
    assert "does not mean that the partnership never reported" in reporting
    lesson = site.content("lessons/real-world-test/index.html").select_one(".casebook-title-source").get_text()
    assert lesson == "This title is Casebook's wording: the report states this lesson without a heading of its own."


def test_term_pages_list_their_cases_and_empty_terms_invite_a_contribution(site: Site):
    site.add_case("water")
    site.add_case("schools", title="Schools online", sectors=["education", "ict"], countries=["BR"])
    site.build()
    health = site.content("sectors/health/index.html")
    assert [a.get_text() for a in health.select(".casebook-case-list a")] == ["Clean water for schools"]
    assert "A company and UNICEF" in health.get_text()
    empty = site.content("sectors/youth/index.html")
    assert "No case yet." in empty.get_text()
    assert empty.select_one(".casebook-empty-term a")["href"] == "../../contribute/"
    assert [a.get_text() for a in site.content("partners/unicef/index.html").select(".casebook-case-list a")] == [
        "Clean water for schools", "Schools online"]
    assert [a.get_text() for a in site.content("countries/br/index.html").select(".casebook-case-list a")] == ["Schools online"]
    assert [a.get_text() for a in site.content("regions/americas/index.html").select(".casebook-case-list a")] == ["Schools online"]
    purposes = site.content("purposes/index.html").get_text(" ", strip=True)
    assert "Operational delivery 2 cases" in purposes
    assert "Advocacy 0 cases" in purposes
    regions = site.content("regions/index.html")
    africa = regions.find("a", string="Africa").find_parent("li")
    assert [a.get_text() for a in africa.select(":scope > ul a")] == ["Northern Africa", "Sub-Saharan Africa"]


def test_derived_regions_come_from_countries_and_listed_subregions(site: Site):
    site.add_case("kenya", countries=["KE"])
    site.add_case("pacific", countries=None, regions=["melanesia"], title="Pacific")
    site.build()
    assert site.content("regions/africa/index.html").select(".casebook-case-list a")[0].get_text() == "Clean water for schools"
    assert site.content("regions/oceania/index.html").select(".casebook-case-list a")[0].get_text() == "Pacific"


def test_coverage_counts_and_links_every_cell(site: Site):
    site.add_case("water")
    site.build()
    page = site.content("coverage/index.html")
    table = page.select("table.casebook-matrix")[0]
    cell = table.find("a", attrs={"aria-label": "1 case: Operational delivery, Africa"})
    url = urlsplit(cell["href"])
    assert url.path == "../catalogue/"
    assert parse_qs(url.query) == {"purposes": ["operational-delivery"], "regions": ["africa"]}
    gaps = table.select("td.casebook-gap")
    assert len(gaps) == 6 * 6 - 1
    assert "35 of 36 combinations have no case yet." in page.get_text()


def test_nav_lists_sections_not_cases(site: Site):
    for i in range(3):
        site.add_case(f"case-{i}", title=f"Case {i}")
    site.build()
    nav = site.html("index.html").select_one("nav.md-nav--primary").get_text(" ", strip=True)
    assert "Catalogue" in nav and "Purposes" in nav and "Coverage" in nav
    assert "Case 1" not in nav


def test_a_case_listed_in_the_nav_is_marked_current_on_its_own_page_only(site: Site):
    site.add_case("water")
    site.add_case("schools", title="Schools online")
    config = site.root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "nav:\n  - Home: index.md\n  - Water: cases/water.md\n", "utf-8")
    site.build()
    own = site.html("cases/water/index.html").select_one("nav.md-nav--primary")
    other = site.html("cases/schools/index.html").select_one("nav.md-nav--primary")
    assert own is not None and other is not None
    assert own.select_one(".md-nav__link--active") is not None
    assert other.select_one(".md-nav__link--active") is None
    assert [a["href"] for a in other.select("a.md-nav__link")] == ["../..", "../water/"]


def test_the_second_process_changes_nothing_in_the_site(site: Site):
    """Late outputs render in a forked process by default; in-process (as under `mkdocs serve`) gives
    the same bytes, as does another order of Python's sets (PYTHONHASHSEED)."""
    site.add_case("water", lessons=["real-world-test"], aliases=["old-water"], countries=["KE", "TZ"], last_report="2001-05-01")
    site.add_case("schools", title="Schools online", sectors=["education", "health"], countries=["BR"])
    site.add_case("energy", title="Solar power", sectors=["energy", "health"], countries=["KE"], purposes=["advocacy"])
    site.add_case("clinics", title="Clinics", sectors=["health"], countries=["TZ"])
    site.build(env={"PYTHONHASHSEED": "1", "CASEBOOK_TODAY": "2003-08-01"})
    forked = site.files()
    assert "partners/unicef/index.html" in forked and "purposes/advocacy/feed.xml" in forked
    assert "cases/old-water/index.html" in forked and "sectors/health/briefing.html" in forked
    forked_index = search_records(site.out)
    site.configure(parallel=False)
    site.build(env={"PYTHONHASHSEED": "2", "CASEBOOK_TODAY": "2003-08-01"})
    in_process = site.files()
    assert sorted(without_index(in_process)) == sorted(without_index(forked))
    assert [path for path in without_index(forked) if forked[path] != in_process[path]] == []
    # Pagefind names and orders some of its files differently from one run to the next: its
    # records are compared instead, and they are what the browser reads.
    assert search_records(site.out) == forked_index


def test_the_navigation_rendered_once_per_folder_is_the_themes_own(site: Site):
    """The theme's navigation, rendered once per folder of pages outside it (render/theme.py), gives
    the pages that rendering it for every page gives; a case listed in the nav included, and the
    pages of another language's navigation (each has its own active link)."""
    site.configure(languages=["en", "fr"])
    site.add_case("water", lessons=["real-world-test"])
    site.add_case("schools", title="Schools online")
    config = site.root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "nav:\n  - Home: index.md\n  - Water: cases/water.md\n  - Lessons: lessons/index.md\n", "utf-8")
    site.build(env={"CASEBOOK_TODAY": "2003-08-01"})
    cached = without_index(site.files())
    site.configure(cache_nav=False)
    site.build(env={"CASEBOOK_TODAY": "2003-08-01"})
    assert [path for path, data in without_index(site.files()).items() if cached.get(path) != data] == []


def without_index(files: dict[str, bytes]) -> dict[str, bytes]:
    return {path: data for path, data in files.items() if not path.startswith("pagefind/")}


def test_front_matter_is_escaped_everywhere(site: Site):
    site.add_case("hostile", title=HOSTILE, summary=HOSTILE, partners=[{"name": HOSTILE, "type": "business"}, {"name": "UNICEF", "type": "un-entity"}],
                  results=[HOSTILE])
    site.build()
    pages = list(site.out.rglob("*.html"))
    assert len(pages) >= 60
    for path in pages:
        html = path.read_text("utf-8")
        assert "<script>alert" not in html, path
        assert 'href="http://evil.example' not in html, path
    assert site.html("partners/script-alert-x-script-bold-link-http-evil-example/index.html").title.get_text() == f"Partner: {HOSTILE} - Test casebook"
    page = site.html("cases/hostile/index.html")
    assert page.title.get_text() == HOSTILE + " - Test casebook"
    assert page.select_one("article h1").get_text().startswith(HOSTILE)
    assert page.select_one(".casebook-summary").get_text() == HOSTILE
    assert not page.select("article script")
    assert "<script>" in (site.out / "cases.json").read_text("utf-8")  # JSON keeps the raw string


def test_bad_case_fails_the_build_with_every_problem_and_keeps_the_old_site(site: Site):
    site.add_case("water")
    site.build()
    before = {p.relative_to(site.out): p.read_bytes() for p in site.out.rglob("*") if p.is_file()}
    site.add_case("bad", case_text(purposes=["advocasy"]).replace("sectors:", "sector:"))
    result = site.build(check=False)
    assert result.returncode == 1
    output = result.stdout + result.stderr
    assert "cases/bad.md:10: purposes[0]: 'advocasy' is not a known purpose (did you mean 'advocacy'?)" in output
    assert "cases/bad.md:11: sector: is not a known field (did you mean 'sectors'?)" in output
    assert "Traceback" not in output
    after = {p.relative_to(site.out): p.read_bytes() for p in site.out.rglob("*") if p.is_file()}
    assert after == before


def test_cases_folder_needs_no_mkdocs_yml_edit(site: Site):
    site.build()
    assert not (site.out / "cases").exists()
    site.add_case("water")
    site.build()
    assert (site.out / "cases/water/index.html").is_file()


def test_term_pages_have_their_own_address_in_the_sitemap_and_canonical_link(site: Site):
    (site.root / "mkdocs.yml").write_text(site.root.joinpath("mkdocs.yml").read_text("utf-8").replace(
        "site_name: Test casebook\n", "site_name: Test casebook\nsite_url: https://casebook.example.org/\n"), "utf-8")
    site.add_case("water")
    site.build()
    sitemap = (site.out / "sitemap.xml").read_text("utf-8")
    assert "<loc>https://casebook.example.org/partners/unicef/</loc>" in sitemap
    assert "<loc>https://casebook.example.org/sectors/youth/</loc>" in sitemap
    assert "_shell" not in sitemap
    page = site.html("partners/unicef/index.html")
    assert page.find("link", rel="canonical")["href"] == "https://casebook.example.org/partners/unicef/"
    assert page.select_one("article h1").get_text() == "Partner: UNICEF"
    leftovers = [p for p in site.out.rglob("*") if "_shell" in p.as_posix() or (p.suffix == ".html" and "casebookshell" in p.read_text("utf-8"))]
    assert leftovers == []


def test_a_term_with_many_cases_lists_them_a_page_at_a_time(site: Site):
    """A term page weighs the same at any size of corpus: 30 to 80 cases to a page, by title, each
    page with its own address, title, sitemap entry and language switcher, without directory URLs
    too. A new case changes its own page and the first (which counts the cases), not the pages after
    it, which a preview would otherwise write again."""
    config = site.root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("site_name: Test casebook\n", "site_name: Test casebook\nsite_url: https://casebook.example.org/\n"), "utf-8")
    site.configure(languages=["en", "fr"])
    for i in range(120):
        site.add_case(f"case-{i:03d}", title=f"Case {i:03d}")
    site.build()
    pages = ["sectors/health/index.html", "sectors/health/page/2/index.html", "sectors/health/page/3/index.html"]
    listed = [[a.get_text() for a in site.content(page).select(".casebook-case-list > li > a")] for page in pages]
    assert [title for titles in listed for title in titles] == [f"Case {i:03d}" for i in range(120)]
    assert all(30 <= len(titles) <= 80 for titles in listed[:-1]), [len(titles) for titles in listed]
    assert not (site.out / "sectors/health/page/4").exists()
    first, second = site.content(pages[0]), site.html(pages[1])
    assert site.content(pages[0]).select_one(".casebook-count").get_text().startswith("120 cases. Page 1 of 3, by title. Open in the catalogue")
    assert first.select_one(".casebook-term-description") is not None
    assert second.select_one(".casebook-count").get_text() == "Page 2 of 3, by title."  # one more case changes the first page only
    assert second.select_one(".casebook-term-description") is None
    assert [(a.get_text(), a["href"]) for a in second.select(".casebook-pager a")] == [
        ("Previous", "../../../../sectors/health/"), ("1", "../../../../sectors/health/"),
        ("3", "../../../../sectors/health/page/3/"), ("Next", "../../../../sectors/health/page/3/")]
    assert second.title.get_text().startswith("Sector: Health, page 2")
    assert second.select_one("article h1").get_text() == "Sector: Health, page 2"
    assert second.find("link", rel="canonical")["href"] == "https://casebook.example.org/sectors/health/page/2/"
    assert second.select_one('.casebook-languages a[hreflang="fr"]')["href"] == "../../../../fr/sectors/health/page/2/"
    french = site.html("fr/sectors/health/page/2/index.html")
    assert french.select_one('.casebook-languages a[hreflang="en"]')["href"] == "../../../../../sectors/health/page/2/"
    assert french.select_one(".casebook-count").get_text() == "Page 2 sur 3, par titre."
    sitemap = (site.out / "sitemap.xml").read_text("utf-8")
    assert "<loc>https://casebook.example.org/sectors/health/page/3/</loc>" in sitemap and "_shell" not in sitemap
    assert broken_links(site.out) == []
    before = site.files()
    site.add_case("case-044a", title=f"{listed[1][0]}a")  # second on the second page
    site.build()
    after = site.files()
    assert listed[1][0] + "a" in site.content(pages[1]).get_text()
    assert site.content(pages[0]).select_one(".casebook-count").get_text().startswith("121 cases. Page 1 of 3")
    for later in ("sectors/health/page/3/index.html", "fr/sectors/health/page/3/index.html", "catalogue/page/3/index.html"):
        assert after[later] == before[later], later
    config.write_text(config.read_text("utf-8") + "use_directory_urls: false\n", "utf-8")
    site.build()
    second = site.html("sectors/health/page/2.html")
    assert second.select_one('.casebook-languages a[hreflang="fr"]')["href"] == "../../../fr/sectors/health/page/2.html"
    assert broken_links(site.out) == []


def test_the_partners_list_grows_a_page_at_a_time(site: Site):
    """Partners come from the cases, not from a vocabulary, so their list grows with the corpus:
    it is cut into pages as term pages are, by name, in every language."""
    site.configure(languages=["en", "fr"])
    for i in range(100):
        site.add_case(f"case-{i:03d}", title=f"Case {i:03d}", partners=[{"name": f"Company {i:03d}", "type": "business"}, {"name": "UNICEF", "type": "un-entity"}])
    site.build()
    first = site.content("partners/index.html")
    count = first.select_one(".casebook-count").get_text()
    assert count.startswith("Page 1 of ") and count.endswith(", by name.")
    pages = int(count.removeprefix("Page 1 of ").removesuffix(", by name."))
    listed = [[a.get_text() for a in first.select(".casebook-facet-list > li > a")]]
    for number in range(2, pages + 1):
        page = site.html(f"partners/page/{number}/index.html")
        assert page.select_one("article h1").get_text() == f"Partners, page {number}"
        assert page.select_one("article .casebook-count").get_text() == f"Page {number} of {pages}, by name."
        listed.append([a.get_text() for a in page.select("article .casebook-facet-list > li > a")])
    assert [name for names in listed for name in names] == [*(f"Company {i:03d}" for i in range(100)), "UNICEF"]
    assert all(30 <= len(names) <= 80 for names in listed[:-1]), [len(names) for names in listed]
    second = site.html("partners/page/2/index.html")
    assert [a.get_text() for a in second.select(".casebook-pager a")][:2] == ["Previous", "1"]
    assert second.select_one('.casebook-languages a[hreflang="fr"]')["href"] == "../../../fr/partners/page/2/"
    french = site.content("fr/partners/page/2/index.html")
    assert french.select_one(".casebook-count").get_text() == f"Page 2 sur {pages}, par nom."
    assert broken_links(site.out) == []


def test_a_term_page_is_its_shell_with_its_own_title_wherever_the_theme_writes_it(site: Site):
    """In the page's title, its heading, and the theme's feedback form, whose note quotes the title
    URL-encoded (partials/feedback.html)."""
    note = "<a href='https://feedback.example.org/?title={title}&url={url}'>Tell us</a>"
    analytics = {"provider": "google", "property": "G-TEST", "feedback": {"title": "Useful?", "ratings": [{"icon": "material/thumb-up", "name": "Yes", "data": 1, "note": note}]}}
    config = site.root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "extra:\n  analytics: " + json.dumps(analytics) + "\n", "utf-8")
    site.add_case("water", partners=[{"name": "Eau & Vie", "type": "ngo"}, {"name": "UNICEF", "type": "un-entity"}])
    site.build()
    page = site.html("partners/eau-vie/index.html")
    assert page.title.get_text().startswith("Partner: Eau & Vie")
    assert page.select_one("article h1").get_text() == "Partner: Eau & Vie"
    feedback = page.select_one(".md-feedback__note a")["href"]
    assert feedback == "https://feedback.example.org/?title=Partner%3A%20Eau%20%26amp%3B%20Vie&url=/partners/eau-vie/"
    assert "casebookshell" not in (site.out / "partners/eau-vie/index.html").read_text("utf-8")


def test_renamed_case_keeps_its_old_address(site: Site):
    site.add_case("clean-water", aliases=["water", "old-water"])
    site.build()
    for old in ("water", "old-water"):
        page = site.html(f"cases/{old}/index.html")
        assert page.find("meta", attrs={"http-equiv": "refresh"})["content"] == "0; url=../../cases/clean-water/"
        assert page.find("link", rel="canonical")["href"] == "../../cases/clean-water/"
        assert (site.out / f"cases/{old}" / "../../cases/clean-water/index.html").resolve().is_file()


def test_an_alias_cannot_take_another_cases_address(site: Site):
    site.add_case("water")
    site.add_case("schools", aliases=["water"])
    result = site.build(check=False)
    assert result.returncode == 1
    assert "cases/schools.md:17: aliases[0]: 'water' is the slug of cases/water.md" in result.stderr


def test_site_without_directory_urls_links_correctly(site: Site):
    config = site.root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "use_directory_urls: false\n", "utf-8")
    (site.root / "content" / "index.md").write_text("# Home\n\n<!-- casebook:purpose-counts -->\n<!-- casebook:recent-cases -->\n", "utf-8")
    site.add_case("water", lessons=["real-world-test"], aliases=["old-water"])
    site.add_case("schools", title="Schools online", sectors=["education"], countries=["BR"])
    site.build()
    assert (site.out / "cases" / "water.html").is_file()
    assert (site.out / "partners" / "unicef.html").is_file()
    assert broken_links(site.out) == []


@pytest.mark.parametrize("parallel", [True, False])
def test_a_full_disk_is_one_line_naming_the_file(site: Site, parallel: bool):
    """Files may not grow past 1.1 MB (as on a disk that fills up): the theme's files can be copied,
    but not the exports of 150 cases with many results."""
    import resource
    import subprocess
    import sys

    for i in range(150):
        site.add_case(f"case-{i:03d}", title=f"Case {i:03d}", results=[f"Result {n}: " + "an outcome of the partnership " * 15 for n in range(20)])
    site.configure(parallel=parallel)

    def small_files() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (1_100_000, 1_100_000))

    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=site.root, capture_output=True, text=True,
                            timeout=300, preexec_fn=small_files)  # fmt: skip
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR")]
    assert len(errors) == 1 and "Casebook: cannot write " in errors[0] and errors[0].endswith(": File too large"), result.stderr
    assert "Traceback" not in result.stderr


def test_a_plugin_that_removes_casebooks_markers_is_reported(site: Site):
    """A hook (as a minifier would) strips HTML comments before Casebook fills its markers: a warning, so --strict fails."""
    site.add_case("water")
    (site.root / "strip_comments.py").write_text(
        "import re\n"
        "from mkdocs.plugins import event_priority\n"
        "@event_priority(100)\n"
        "def on_page_content(html, page, config, files):\n"
        "    return re.sub(r'<!--.*?-->', '', html, flags=re.S)\n", "utf-8")
    config = site.root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "hooks:\n  - strip_comments.py\n", "utf-8")
    result = site.build(check=False)
    assert result.returncode == 1
    assert "cases/water.md: Casebook's marker <!-- casebook:content --> was removed before Casebook could fill it" in result.stderr
