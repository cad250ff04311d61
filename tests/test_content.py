"""The bundled content agrees with the report (A/58/227): every partnership, figure, lesson and link."""

from __future__ import annotations

import json
from pathlib import Path

from bs4 import BeautifulSoup
import pytest
import yaml

from helpers import ROOT, page_text

# Each partnership project of section III.F and strategic initiative of III.A to III.E, with the
# figures, dates, places and partners the report gives for it, as they must read on its page.
FACTS = {
    "itau-unicef-cenepec-education-brazil": ["Itau", "CENEPEC", "Brazil", "USD 2,500,000", "1994", "28,000", "1,500", "more than 30", "$264,000"],
    "ikea-unicef-who-child-labour-uttar-pradesh": ["Ikea", "World Health Organization", "Uttar Pradesh", "USD 450,000", "24,000", "6,000", "300 villages", "500 villages"],
    "unicef-levi-strauss-mtv-asia-speak-your-mind": ["Levi Strauss & Co.", "MTV Asia", "Speak Your Mind", "Asian Youth Charter", "USD 270,000"],
    "undp-apdip-cisco-networking-academies": ["Cisco Systems", "Kuala Lumpur", "1999", "3,370", "278", "83", "33 of the 49", "end of 2001", "majority of the world's least developed countries"],
    "undp-bp-indonesia-papua-diversified-growth": ["BP", "Government of Indonesia", "Kepala Burung", "Raja Ampat", "Tangguh", "Gag Island Nickel", "Indonesia"],
    "undp-shell-petrochina-west-east-pipeline": ["Shell", "PetroChina", "West-East Pipeline", "China", "universities", "local authorities"],
    "undp-chevrontexaco-angola-enterprise-programme": ["ChevronTexaco", "Angola Enterprise Programme", "Angola", "access to credit"],
    "undp-statoil-amnesty-venezuela-judiciary": ["Amnesty International", "Statoil", "Government of Venezuela", "judges and federal prosecutors"],
    "undp-pkn-orlen-plock": ["PKN Orlen", "Plock", "Poland", "over 80 municipalities", "Agenda 21"],
    "paperless-committee-hewlett-packard": ["Hewlett-Packard", "Mumbai Educational Trust", "2003", "25 laptop computers", "160 binders", "40,000 pages"],
    "statoil-ohchr-partnership-agreement": ["Statoil", "August 2000", "Stockholm", "May 2001", "NOK 1,000,000", "$137,000", "USD 50,000", "USD 180,000", "Azerbaijan", "Angola", "500,000 middle school students", "10,000 schools"],
    "basf-unido-unep-eco-efficiency-morocco": ["BASF", "UNIDO", "UNEP", "Morocco", "textile dye works", "National Cleaner Production Centres", "Johannesburg"],
    "wssd-partnerships-csd-registration": ["Over 200 partnerships", "May 2003", "Bali Guiding Principles", "56/76", "every two years", "partnership fair"],
    "financing-for-development-business-engagement": ["Monterrey", "March 2002", "Government of Norway", "Global Clearinghouse", "March 2003", "28 October 2003", "International Business Forum"],
    "ict-task-force": ["Economic and Social Council", "DOT Force", "Development Gateway Foundation", "ICANN", "five working groups"],
    "global-compact": ["July 2000", "nearly 50 corporate leaders", "more than 1,000 companies", "nine universal principles", "Nearly 30 per cent", "Project Partnership Forum"],
    "global-compact-policy-dialogues": ["Zones of Conflict (2001)", "Business and Sustainable Development (2002)", "HIV/AIDS in the Workplace (2003)", "Supply Chain Management and Partnerships (2003)", "over 100 companies"],
    "global-compact-learning-forum": ["Berlin", "200 participants", "Brazil"],
    "global-compact-country-networks": ["more than 50 countries", "June 2003"],
    "global-compact-least-developed-countries-initiative": ["World Summit on Sustainable Development", "90 per cent", "50 and 60 per cent", "UNIDO", "Policy Dialogues", "paragraphs 38 and 42–43"],
    "unfip-united-nations-foundation": ["United Nations Foundation", "USD 513,000,000", "253 projects", "31 May 2003", "March 2003", "European Foundation Centre", "Africare"],
}

LESSONS = [
    "no-single-model", "organizational-renewal", "test-of-the-real-world", "integrity-and-guidelines",
    "sharing-experience-through-focal-points", "partnerships-require-support", "good-business-sense",
    "centralization-versus-decentralization", "framework-provider-and-implementer", "experimentation-and-risk-taking",
]  # fmt: skip


def test_every_partnership_of_the_report_is_a_case():
    slugs = {p.stem for p in (ROOT / "cases").glob("*.md") if not p.name.startswith("_")}
    assert slugs == set(FACTS)


@pytest.mark.parametrize("slug", sorted(FACTS))
def test_case_page_states_the_reports_facts(bundled_site: Path, slug: str):
    text = page_text(bundled_site, f"cases/{slug}/index.html")
    missing = [fact for fact in FACTS[slug] if fact not in text]
    assert missing == []
    assert "A/58/227, paragraph" in text


def test_strategic_initiatives_are_marked_strategic(bundled_site: Path):
    data = json.loads((bundled_site / "cases.json").read_text("utf-8"))
    strategic = {c["slug"] for c in data["cases"] if c["scale"] == "strategic"}
    assert strategic == {
        "wssd-partnerships-csd-registration", "financing-for-development-business-engagement", "ict-task-force",
        "global-compact", "global-compact-policy-dialogues",
        "global-compact-country-networks", "global-compact-least-developed-countries-initiative", "unfip-united-nations-foundation",
    }  # fmt: skip


def test_lessons_and_cases_link_both_ways_and_say_whose_link_it_is(bundled_site: Path):
    """A lesson lists first the cases the report draws it from, then those the editors relate to it
    (Casebook's reading); each case links back, the editors' links marked as such."""
    data = json.loads((bundled_site / "cases.json").read_text("utf-8"))
    for lesson in LESSONS:
        soup = BeautifulSoup((bundled_site / f"lessons/{lesson}/index.html").read_text("utf-8"), "html.parser")
        lists = soup.select("ul.casebook-case-list")
        reports = {c["slug"] for c in data["cases"] if lesson in c["lessons"]}
        editors = {c["slug"] for c in data["cases"] if lesson in c["noted_lessons"]}
        if not reports | editors:  # the report states some lessons in general terms only
            assert soup.select_one(".casebook-empty-term") is not None, lesson
            continue
        shown = [{a["href"].split("/")[-2] for a in ul.select("a")} for ul in lists]
        assert shown == [s for s in (reports, editors) if s], lesson
        if editors:
            assert "Casebook's reading" in soup.select_one(".casebook-reading-intro").get_text()
        for slug in reports | editors:
            case = BeautifulSoup((bundled_site / f"cases/{slug}/index.html").read_text("utf-8"), "html.parser")
            link = next(li for li in case.select(".casebook-lessons li") if li.a["href"] == f"../../lessons/{lesson}/")
            assert ("Casebook's reading" in link.get_text()) == (slug in editors), (slug, lesson)


def test_characteristics_checklist_has_the_eleven_points(bundled_site: Path):
    soup = BeautifulSoup((bundled_site / "characteristics/index.html").read_text("utf-8"), "html.parser")
    items = soup.select("ol.casebook-checklist > li")
    assert len(items) == 11
    assert all(item.select_one("input[type=checkbox]") for item in items)
    assert "A wide range of partners from different stakeholder groups, with complementary competencies." in items[0].get_text()


def test_challenges_and_conclusion_have_pages(bundled_site: Path):
    challenges = sorted(p.parent.name for p in (bundled_site / "challenges").glob("*/index.html"))
    assert len(challenges) == 8
    assert "Partnership Office" in page_text(bundled_site, "conclusion/index.html")


def test_purpose_pages_carry_the_paragraph_14_definitions(bundled_site: Path):
    assert "through joint communications, product-licensing and cause-related or social-marketing" in page_text(bundled_site, "purposes/advocacy/index.html")
    taxonomy = yaml.safe_load((ROOT / "cases" / "taxonomy.yml").read_text("utf-8"))
    for vocabulary in ("sectors", "regions", "partner_types", "characteristics"):
        for term in taxonomy[vocabulary]:
            assert term["description"].strip().endswith("."), term["id"]


def test_home_page_counts_cases_by_purpose(bundled_site: Path):
    text = page_text(bundled_site, "index.html")
    data = json.loads((bundled_site / "cases.json").read_text("utf-8"))
    advocacy = sum("advocacy" in c["purposes"] for c in data["cases"])
    assert f"Advocacy {advocacy} cases" in text
    assert f"{data['count']} cases (13 partnership projects, 8 strategic partnerships)" in text


def test_every_country_and_partner_of_a_case_has_a_page(bundled_site: Path):
    data = json.loads((bundled_site / "cases.json").read_text("utf-8"))
    for case in data["cases"]:
        for code in case["countries"]:
            assert (bundled_site / "countries" / code.lower() / "index.html").is_file()
    assert "Cisco Systems" in page_text(bundled_site, "partners/cisco-systems/index.html")
    assert "Statoil and OHCHR" in page_text(bundled_site, "partners/statoil/index.html")


def test_the_global_compact_is_not_among_its_own_partners(bundled_site: Path):
    """The Global Compact (paragraphs 34 and 35) and the Global Compact Office (paragraph 93) are two bodies."""
    case = BeautifulSoup((bundled_site / "cases/global-compact/index.html").read_text("utf-8"), "html.parser")
    partners = [a.get_text() for a in case.select(".casebook-partners a")]
    assert not [name for name in partners if "Global Compact" in name]
    listed = [a["href"].split("/")[-2] for a in BeautifulSoup((bundled_site / "partners/global-compact/index.html").read_text("utf-8"), "html.parser").select(".casebook-case-list a")]
    assert "global-compact" not in listed and "global-compact-learning-forum" in listed
    assert "Initiative or network" in page_text(bundled_site, "partners/global-compact/index.html")


def test_lesson_titles_say_whose_words_they_are(bundled_site: Path):
    """Paragraphs 73 to 80 head their lessons; the titles of the lessons of paragraphs 64 to 71 are Casebook's."""
    assert "the report's own heading" in page_text(bundled_site, "lessons/partnerships-require-support/index.html")
    assert "This title is Casebook's wording" in page_text(bundled_site, "lessons/no-single-model/index.html")
    index = BeautifulSoup((bundled_site / "lessons/index.html").read_text("utf-8"), "html.parser")
    marked = [li.a.get_text() for li in index.select(".casebook-lesson-list > li") if "Casebook's title" in li.get_text()]
    assert len(marked) == 5 and "Sharing experience through focal points" in marked


def test_no_case_page_says_a_partnership_never_reported(bundled_site: Path):
    for slug in FACTS:
        text = page_text(bundled_site, f"cases/{slug}/index.html")
        assert "Reporting No report recorded in Casebook" in text and "Never reported" not in text, slug
        assert "a selective and illustrative presentation of trends" in text, slug
