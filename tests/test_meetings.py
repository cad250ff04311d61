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

from helpers import ROOT, Site


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
    text = out.read_text("utf-8")
    assert "## UNDP, the Government of Venezuela, Amnesty International and Statoil: human rights training for the judiciary" in text
    assert "Statoil and OHCHR" not in text
    assert "- [ ] **Diverse, complementary partners.**" in text


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
