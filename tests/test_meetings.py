"""Focal-point meetings: briefing packs, related cases, reporting status, stats."""

from __future__ import annotations

import json
import os
from pathlib import Path
import subprocess
import sys

from bs4 import BeautifulSoup
import pypdf
import pytest

from helpers import ROOT, Site, broken_links, commonmark, list_items, markdown_sections, table_rows, text_of


def casebook(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "casebook.cli", *args], cwd=cwd, capture_output=True, text=True, timeout=300)


def test_brief_contains_exactly_the_selected_cases(tmp_path: Path):
    out = tmp_path / "pack.html"
    result = casebook("brief", "--purposes", "advocacy,mobilizing-private-funds", "--regions", "asia,latin-america-and-the-caribbean", "--out", str(out))
    assert result.returncode == 0, result.stderr
    soup = BeautifulSoup(out.read_text("utf-8"), "html.parser")
    # Statoil's support in Azerbaijan puts it in Western Asia, hence in Asia.
    expected = ["itau-unicef-cenepec-education-brazil", "statoil-ohchr-partnership-agreement", "unicef-levi-strauss-mtv-asia-speak-your-mind"]
    assert [s["id"] for s in soup.select("section.case")] == [f"case-{slug}" for slug in expected]
    assert [a["href"] for a in soup.select("nav.contents a")][:3] == [f"#case-{slug}" for slug in expected]
    assert "Purposes: Advocacy or Mobilizing private funds; Regions: Asia or Latin America and the Caribbean" in soup.h1.get_text()
    assert len(soup.select("section.checklist li")) == 11
    assert "USD 2,500,000" in soup.select_one("#case-itau-unicef-cenepec-education-brazil").get_text()
    assert not soup.select("script, link, img, iframe"), "the pack loads nothing"
    css = soup.style.get_text()
    assert ".case, .summary-section, .checklist, .contents { break-before: page; }" in css and "@page" in css


def test_brief_text_query_and_markdown(tmp_path: Path):
    out = tmp_path / "pack.md"
    assert casebook("brief", "--partners", "Statoil", "--query", "judiciary", "--out", str(out)).returncode == 0
    sections = dict(markdown_sections(commonmark(out.read_text("utf-8"))))
    title = "UNDP, the Government of Venezuela, Amnesty International and Statoil: human rights training for the judiciary"
    assert [text_of(item) for item in list_items(sections["Contents"][0])] == [title]
    assert title in sections and not any("Statoil and OHCHR" in heading for heading in sections)
    checklist = [text_of(item) for item in list_items(sections["Characteristics of successful partnerships: a checklist"][0])]
    assert len(checklist) == 11 and checklist[0].startswith("[ ] Diverse, complementary partners.")


def _html_facts(section) -> list[tuple[str, int]]:
    """A printed pack's facts of a case: each row's heading, and how many items it lists (0: in a line)."""
    return [(row.th.get_text(), len(row.select("li"))) for row in section.select("table.facts tr")]


def test_markdown_pack_has_a_heading_per_case_and_an_item_per_fact(tmp_path: Path):
    html, md = tmp_path / "pack.html", tmp_path / "pack.md"
    for out in (html, md):
        assert casebook("brief", "--query", "Brazil", "--out", str(out)).returncode == 0
    printed = BeautifulSoup(html.read_text("utf-8"), "html.parser").select("section.case")
    tree = commonmark(md.read_text("utf-8"))
    assert [text_of(h) for h in tree.children if h.type == "heading" and h.tag == "h1"] == ['Casebook briefing: text “Brazil”']
    sections = markdown_sections(tree)
    titles = [case.h2.get_text() for case in printed]
    assert len(titles) == 2
    assert [heading for heading, _ in sections] == [
        "Contents", *titles, "The selection by purpose, sector and region", "Characteristics of successful partnerships: a checklist",
    ]
    assert [text_of(item) for item in list_items(sections[0][1][0])] == titles
    for case, (_, blocks) in zip(printed, sections[1:3], strict=True):
        summary, facts = blocks  # nothing else: no fact glued to the summary, no stray paragraph
        assert text_of(summary) == case.select_one("p.summary").get_text()
        items = list_items(facts)
        assert len(items) == len(_html_facts(case)) > 5
        for item, (heading, listed) in zip(items, _html_facts(case), strict=True):
            assert next(n.type for n in item.children[0].children[0].children if n.type != "text" or n.content) == "strong"
            assert text_of(item).startswith(f"{heading}:")
            nested = [child for child in item.children if child.type == "bullet_list"]
            assert len(list_items(nested[0])) == listed if listed else not nested
    itau = dict(markdown_sections(tree))["Itau, UNICEF and CENEPEC: improving primary education in Brazil"]
    partners = list_items(list_items(itau[1])[0].children[1])
    assert [text_of(p) for p in partners] == ["Itau (Business)", "UNICEF (United Nations entity)", "CENEPEC (Non-governmental organization)"]
    tables = [table_rows(block) for block in sections[3][1]]
    assert [rows[0] for rows in tables] == [["Purpose", "cases"], ["Sector", "cases"], ["Region", "cases"]]
    assert ["Education", "1"] in tables[1] and len(tables[1]) == 1 + 4


def test_brief_pdf_has_a_page_per_case(tmp_path: Path):
    out = tmp_path / "pack.pdf"
    result = casebook("brief", "--scale", "strategic", "--sectors", "ict", "--out", str(out))
    assert result.returncode == 0, result.stderr
    pdf = out.read_bytes()
    assert pdf.startswith(b"%PDF")
    pages = len(pypdf.PdfReader(out).pages)
    assert pages >= 5  # cover, contents, a page per case, the selection, the checklist
    text = "".join(page.extract_text() for page in pypdf.PdfReader(out).pages)
    assert "The United Nations Information and Communication Technology Task Force" in text


def test_brief_names_an_unknown_term(tmp_path: Path):
    result = casebook("brief", "--sectors", "helth", "--out", str(tmp_path / "x.html"))
    assert result.returncode == 1
    assert "--sectors: 'helth' is not a known sector (did you mean 'health'?)" in result.stderr
    assert not (tmp_path / "x.html").exists()


def test_term_pages_offer_their_briefing(bundled_site: Path):
    page = BeautifulSoup((bundled_site / "purposes/advocacy/index.html").read_text("utf-8"), "html.parser")
    link = page.find("a", string="briefing of these cases")["href"]
    briefing = BeautifulSoup((bundled_site / "purposes/advocacy" / link.replace("../../purposes/advocacy/", "")).read_text("utf-8"), "html.parser")
    listed = {a.get_text() for a in page.select(".casebook-case-list a")}
    assert {s.h2.get_text() for s in briefing.select("section.case")} == listed


def test_first_related_case_shares_a_purpose_and_a_sector(bundled_site: Path):
    data = {c["slug"]: c for c in json.loads((bundled_site / "cases.json").read_text("utf-8"))["cases"]}

    def alike(a: dict, b: dict) -> bool:
        return bool(set(a["purposes"]) & set(b["purposes"]) and set(a["sectors"]) & set(b["sectors"]))

    checked = 0
    for slug, case in data.items():
        page = BeautifulSoup((bundled_site / f"cases/{slug}/index.html").read_text("utf-8"), "html.parser")
        related = [a["href"].split("/")[-2] for a in page.select(".casebook-related-cases a")]
        assert 1 <= len(related) <= 5 and slug not in related
        if any(alike(case, other) for other_slug, other in data.items() if other_slug != slug):
            assert alike(case, data[related[0]]), slug
            checked += 1
    assert checked >= 18  # all but the cases alone in their sector (youth: the "Speak Your Mind" campaign)


def test_reporting_page_for_a_fixed_date(site: Site):
    config = site.root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("      contribute_page: contribute.md\n", "      contribute_page: contribute.md\n      today: '2003-08-18'\n"), "utf-8")
    site.add_case("fresh", title="Fresh", last_report="2002-09-01")
    site.add_case("due", title="Due", last_report="2001-05-01")
    site.add_case("late", title="Late", last_report="1999-08-17")
    site.add_case("silent", title="Silent")
    site.build()
    page = site.content("reporting/index.html")
    assert "as of 18 August 2003" in " ".join(page.get_text(" ").split())
    for status, titles in (("up-to-date", ["Fresh"]), ("report-due", ["Due"]), ("overdue", ["Late"]), ("none-recorded", ["Silent"])):
        table = page.find(id=status).find_next("table")
        assert [a.get_text() for a in table.select("tbody a")] == titles
    due = page.find(id="up-to-date").find_next("table").select("tbody time")[1]
    assert (due.get_text(), due["datetime"]) == ("1 September 2004", "2004-09-01"), "a date for people, and in ISO for machines"
    case = site.content("cases/due/index.html").select_one(".casebook-reporting").get_text(" ", strip=True)
    assert case == "Report due (last report 1 May 2001)"
    records = {c["slug"]: c["reporting_status"] for c in json.loads((site.out / "cases.json").read_text("utf-8"))["cases"]}
    assert records == {"fresh": "up-to-date", "due": "report-due", "late": "overdue", "silent": "none-recorded"}
    os.environ["CASEBOOK_TODAY"] = "2005-01-01"  # the environment overrides the option
    try:
        site.build()
    finally:
        del os.environ["CASEBOOK_TODAY"]
    assert json.loads((site.out / "cases.json").read_text("utf-8"))["cases"][0]["reporting_status"] == "report-due"


def test_the_reporting_page_lists_each_status_a_page_at_a_time(site: Site):
    """The reporting page weighs the same at any size of corpus: each status shows the first page of
    its list there, and the list goes on at pages of its own, in every language."""
    config = site.root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("      contribute_page: contribute.md\n", "      contribute_page: contribute.md\n      today: '2003-08-18'\n"), "utf-8")
    site.configure(languages=["en", "fr"])
    for i in range(100):
        site.add_case(f"case-{i:03d}", title=f"Case {i:03d}")
    site.add_case("late", title="Late", last_report="1999-08-17")
    site.build()
    page = site.content("reporting/index.html")
    first = [a.get_text() for a in page.find(id="none-recorded").find_next("table").select("tbody a")]
    assert 30 <= len(first) <= 80 and first[0] == "Case 000"
    count = page.find(id="none-recorded").find_next("p").get_text()
    assert count.startswith("Page 1 of ") and count.endswith(", by title.")
    pages = int(count.removeprefix("Page 1 of ").removesuffix(", by title."))
    assert [a.get_text() for a in page.find(id="overdue").find_next("table").select("tbody a")] == ["Late"]
    listed, second = first, None
    for number in range(2, pages + 1):
        further = site.html(f"reporting/none-recorded/page/{number}/index.html")
        second = second or further
        listed += [a.get_text() for a in further.select("article table tbody a")]
        assert further.select_one("article .casebook-count").get_text() == f"Page {number} of {pages}, by title."
    assert listed == [f"Case {i:03d}" for i in range(100)]
    assert second is not None and second.select_one("article h1").get_text() == "Reporting: No report recorded in Casebook, page 2"
    assert [(a.get_text(), a["href"]) for a in second.select(".casebook-pager a")][:2] == [("Previous", "../../../../reporting/#none-recorded"), ("1", "../../../../reporting/#none-recorded")]
    french = site.html("fr/reporting/none-recorded/page/2/index.html")
    assert french.select_one("article h1").get_text() == "Rapports\u00a0: Aucun rapport consigné dans Casebook, page 2"
    assert broken_links(site.out) == []


def test_reporting_cycle_is_configurable(site: Site):
    config = site.root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("      contribute_page: contribute.md\n", "      contribute_page: contribute.md\n      today: '2003-08-18'\n      reporting_cycle_years: 1\n"), "utf-8")
    site.add_case("fresh", title="Fresh", last_report="2002-09-01")
    site.build()
    assert json.loads((site.out / "cases.json").read_text("utf-8"))["cases"][0]["reporting_status"] == "up-to-date"
    site.add_case("fresh", title="Fresh", last_report="2002-06-01")
    site.build()
    assert json.loads((site.out / "cases.json").read_text("utf-8"))["cases"][0]["reporting_status"] == "report-due"


def test_bad_build_date_is_a_clear_error(site: Site):
    site.add_case("water")
    os.environ["CASEBOOK_TODAY"] = "18/08/2003"
    try:
        result = site.build(check=False)
    finally:
        del os.environ["CASEBOOK_TODAY"]
    assert result.returncode == 1
    assert "CASEBOOK_TODAY is '18/08/2003'; it must be an ISO date such as 2003-08-18" in result.stderr


def test_stats_for_a_meeting_agenda():
    result = casebook("stats")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("21 cases: 13 projects, 8 strategic; 10 lessons.")
    assert "Gaps, purposes × regions:" in out and "Gaps, sectors × purposes:" in out
    lines = out.splitlines()
    advocacy = next(line for line in lines if line.strip().startswith("Advocacy") and line.strip()[-1].isdigit())
    assert advocacy.split()[-1] == "4"


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_brief_is_escaped(site: Site, fmt: str):
    hostile = "<script>alert(1)</script> *x* | y"
    site.add_case("hostile", title=hostile, summary=hostile)
    out = site.root / f"pack.{fmt}"
    result = casebook("brief", "--out", str(out), cwd=site.root)
    assert result.returncode == 0, result.stderr
    text = out.read_text("utf-8")
    assert "<script>alert" not in text


HOSTILE_TITLES = [
    "# Not a heading *nor emphasis* [nor a link](https://example.org) | nor | a cell",
    "1. not a list\n## not a heading either",
    "- not an item > nor a quote ~~nor struck~~ &amp; nor an entity <b>nor HTML</b>",
    "=== ``code?`` \\ _under_ ![img](x.png)",
]


def test_markdown_pack_keeps_its_structure_whatever_the_front_matter_says(site: Site):
    for i, title in enumerate(HOSTILE_TITLES):
        site.add_case(f"hostile-{i}", title=title, summary=title, partners=[{"name": title, "type": "business"}, {"name": "UNICEF", "type": "un-entity"}])
    out = site.root / "pack.md"
    result = casebook("brief", "--out", str(out), "--site-url", "https://example.org/a b>c", cwd=site.root)
    assert result.returncode == 0, result.stderr
    tree = commonmark(out.read_text("utf-8"))
    seen = [" ".join(title.split()) for title in HOSTILE_TITLES]
    assert [block.type for block in tree.children[:3]] == ["heading", "paragraph", "heading"]
    assert tree.children[1].children[0].children[-1].type == "link"  # the site's address, one autolink
    sections = markdown_sections(tree)
    assert sorted(heading for heading, _ in sections[1:-2]) == sorted(seen)
    assert sorted(text_of(item) for item in list_items(sections[0][1][0])) == sorted(seen)
    for heading, blocks in sections[1:-2]:
        summary, facts = blocks
        assert summary.type == "paragraph" and text_of(summary) == heading
        assert {child.type for child in summary.children[0].children} == {"text"}, "no markup, links or HTML"
        partners = list_items(list_items(facts)[0].children[1])
        assert text_of(partners[0]) == f"{heading} (Business)"
    purposes = table_rows(sections[-2][1][0])
    assert all(len(row) == 2 for row in purposes)


def test_a_term_with_very_many_cases_links_to_the_browser_briefing(monkeypatch: pytest.MonkeyPatch):
    from casebook.corpus import load_corpus
    from casebook.render import site as site_module
    from casebook.render.terms import briefings
    from casebook.urls import Urls

    corpus = load_corpus(ROOT / "cases", lessons_dir=ROOT / "content" / "lessons")
    monkeypatch.setattr(site_module, "BRIEFING_LIMIT", 5)
    renderer = site_module.Renderer(corpus, Urls(), site_module.SiteOptions())
    big = renderer.index.term("purposes", "information-and-learning")  # 13 cases
    small = renderer.index.term("sectors", "energy")  # 2 cases
    assert renderer.term_briefing_url(big) == "briefing/index.html?purposes=information-and-learning"
    assert renderer.term_briefing_url(small) == "sectors/energy/briefing.html"
    written = {output.address for output in briefings(renderer)}
    assert "sectors/energy/briefing.html" in written and "purposes/information-and-learning/briefing.html" not in written


def test_a_preview_works_out_related_cases_again_as_a_clean_build_does(tmp_path: Path):
    """A preview works out again only the related cases that an edit can reach (related.py): after
    each of many edits (terms, titles, new and deleted cases, in terms large and small), every
    case's related cases are those that a clean build gives."""
    import random

    from casebook.corpus import Loader
    from casebook.index import FacetIndex
    from casebook.related import related_cases
    from helpers import TAXONOMY, case_text

    rng = random.Random(2003)
    purposes = ["policy-dialogue", "advocacy", "operational-delivery"]  # few, so that terms outgrow the candidates' cap
    sectors = ["education", "health", "ict", "environment"]
    countries = ["KE", "BR", "IN", "ZA", "FR", "CN", "MX"]
    partners = [f"Partner {i}" for i in range(12)]

    def write(slug: str) -> None:
        text = case_text(
            title=f"{rng.choice(['Water', 'Schools', 'Clinics', 'Roads'])} {slug}",
            purposes=rng.sample(purposes, rng.randint(1, 2)),
            sectors=rng.sample(sectors, rng.randint(1, 2)),
            countries=rng.sample(countries, rng.randint(1, 2)),
            partners=[{"name": name, "type": "business"} for name in rng.sample(partners, rng.randint(2, 3))],
        )
        (cases / f"{slug}.md").write_text(text, "utf-8")

    cases = tmp_path / "cases"
    cases.mkdir()
    slugs = [f"case-{i:03d}" for i in range(90)]
    for slug in slugs:
        write(slug)
    loader = Loader(cases, lessons_dir=None, lessons_src="lessons", taxonomy_path=TAXONOMY, base=tmp_path)
    earlier = related_cases(FacetIndex(loader.load()[0]))
    for step in range(40):
        slug = rng.choice(slugs)
        if step % 7 == 3:
            (cases / f"{slug}.md").unlink()
            slugs.remove(slug)
        elif step % 7 == 5:
            slug = f"new-{step:03d}"
            slugs.append(slug)
            write(slug)
        else:
            write(slug)
        if (cases / f"{slug}.md").exists():
            os.utime(cases / f"{slug}.md", ns=(step, step))  # a new stamp, however fast the edits come
        index = FacetIndex(loader.load()[0])
        worked_out, clean = related_cases(index, earlier=earlier), related_cases(index)
        assert worked_out.lists == clean.lists, f"after step {step} ({slug})"
        assert any(len(ring) > 14 for ring in clean.rings.values())  # the cap is reached: neighbours, not whole terms
        earlier = worked_out
