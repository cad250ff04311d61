"""The bundled content says what its source says: every paragraph it cites exists, and every quotation
in a case or a lesson is in the paragraphs that the file cites, word for word."""

from __future__ import annotations

from functools import cache
from pathlib import Path
import re

import pytest
import yaml

from casebook.corpus import load_corpus
from helpers import ROOT

REPORT = Path(__file__).parent / "data" / "A-58-227.md"
"""The text of A/58/227, as the United Nations published it (paragraphs numbered 1 to 93; the box
of characteristics after paragraph 80 is read with it)."""

QUOTATION = re.compile(r'"((?:[^"\n]|\n(?![ \t]*\n))+)"|“((?:[^”\n]|\n(?![ \t]*\n))+)”')
"""A quotation in straight or typographic quotes, across the line breaks of a paragraph but not past its end."""
NOTE_TITLE = re.compile(r'^\s*!!! \w+ "[^"\n]*"\s*$', re.M)
"""The title of an admonition, such as the editors' `!!! note "Casebook's note"`: not a quotation."""


@cache
def report() -> dict[int, str]:
    paragraphs: dict[int, list[str]] = {}
    current = None
    for line in REPORT.read_text("utf-8").splitlines():
        numbered = re.match(r"^(\d+)\. (.*)", line)
        if numbered:
            current = int(numbered.group(1))
            paragraphs[current] = [numbered.group(2)]
        elif line.startswith("## ") or line.startswith("### "):
            current = None  # a section heading ends a paragraph (the box after 80 has a smaller one)
        elif current is not None:
            paragraphs[current].append(line)
    return {n: normal(" ".join(lines)) for n, lines in paragraphs.items()}


def normal(text: str) -> str:
    """Whitespace, typographic quotes and Markdown emphasis aside."""
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"').replace("\\*", "")
    text = re.sub(r"[*_]", "", text)
    return " ".join(text.split())


CORPUS = load_corpus(ROOT / "cases", lessons_dir=ROOT / "content" / "lessons")
SOURCES = {case.path: (case.meta.source, [case.title, case.meta.summary, *case.meta.aims, *case.meta.results, case.body]) for case in CORPUS.cases}
SOURCES |= {
    lesson.path: (lesson.meta.source, [lesson.title, lesson.meta.summary, (ROOT / "content" / lesson.src_uri).read_text("utf-8").split("---", 2)[2]])
    for lesson in CORPUS.lessons.values()
}  # fmt: skip


def test_the_report_has_its_93_paragraphs():
    assert sorted(report()) == list(range(1, 94))
    assert "an art, not a science" in report()[80]


@pytest.mark.parametrize("path", sorted(SOURCES))
def test_every_cited_paragraph_exists(path: str):
    source, _ = SOURCES[path]
    assert source is not None and source.document == "A/58/227", path
    assert source.paragraphs and set(source.paragraphs) <= set(report()), path


NO_QUOTATION = {
    "content/index.md": "the home page cites paragraph 14 for the purposes that its widgets list, and quotes nothing itself",
}
"""Files that quote nothing, and why: any other file with no quotation fails, so that a quotation test
cannot pass on nothing."""


def quotations(texts: list[str]) -> list[str]:
    return [normal(a or b) for text in texts for a, b in QUOTATION.findall(NOTE_TITLE.sub("", text))]


@pytest.mark.parametrize("path", sorted(SOURCES))
def test_every_quotation_is_in_the_cited_paragraphs_word_for_word(path: str):
    source, texts = SOURCES[path]
    cited = " ".join(report()[n] for n in source.paragraphs if n in report())
    found = quotations(texts)
    assert found, f"{path} quotes nothing of the report: quote it, or list it in NO_QUOTATION with the reason"
    assert [q for q in found if q not in cited] == []


def test_the_files_listed_without_quotation_have_none():
    """The list of exceptions cannot outlive its reasons: a listed file that quotes the report is taken off it."""
    for path in NO_QUOTATION:
        assert (ROOT / path).is_file(), path
        assert quotations([(ROOT / path).read_text("utf-8")]) == [], path


CITATION = re.compile(r"^\*A/58/227, paragraphs? ([^*]+)\*$", re.M)
PAGES = sorted(p for p in (ROOT / "content").rglob("*.md") if CITATION.search(p.read_text("utf-8")))


def cited(line: str) -> set[int]:
    """'paragraphs 9–15', '89 and 90 (paragraph 28 in Casebook's note)', '64 to 80' -> the numbers."""
    numbers: set[int] = set()
    for first, last in re.findall(r"(\d+)(?:\s*(?:–|-|to)\s*(\d+))?", line):
        numbers.update(range(int(first), int(last or first) + 1))
    return numbers


def test_every_page_of_the_report_cites_itself():
    assert len(PAGES) >= 14


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_quotation_of_a_page_is_in_the_paragraphs_it_cites(page: Path):
    text = page.read_text("utf-8")
    numbers = cited(CITATION.search(text).group(1))
    assert numbers and numbers <= set(report())
    paragraphs = " ".join(report()[n] for n in sorted(numbers))
    found = quotations([text])
    listed = page.relative_to(ROOT).as_posix() in NO_QUOTATION
    assert bool(found) != listed, f"{page} quotes nothing of the report: quote it, or list it in NO_QUOTATION with the reason"
    assert [q for q in found if q not in paragraphs] == []


# Fields: what looks like data is held to the report as the prose is.

CASES = {case.slug: case for case in CORPUS.cases}

NAMES = {
    "itau-unicef-cenepec-education-brazil": ["Itau", "CENEPEC"],
    "ikea-unicef-who-child-labour-uttar-pradesh": ["Ikea", "Uttar Pradesh"],
    "unicef-levi-strauss-mtv-asia-speak-your-mind": ["Levi Strauss", "MTV Asia", "Speak Your Mind"],
    "undp-apdip-cisco-networking-academies": ["Cisco", "APDIP", "Asia-Pacific Development Information Programme"],
    "undp-bp-indonesia-papua-diversified-growth": ["British Petroleum", "Diversified Growth Strategy", "Papua"],
    "undp-shell-petrochina-west-east-pipeline": ["Shell", "PetroChina", "West-East Pipeline"],
    "undp-chevrontexaco-angola-enterprise-programme": ["Chevron", "Angola Enterprise Programme"],
    "undp-statoil-amnesty-venezuela-judiciary": ["Amnesty International", "Venezuela"],
    "undp-pkn-orlen-plock": ["PKN Orlen", "Plock"],
    "paperless-committee-hewlett-packard": ["Paperless Committee", "Hewlett-Packard", "Mumbai Educational Trust", "Committee on Non-Governmental Organizations"],
    "statoil-ohchr-partnership-agreement": ["Statoil"],
    "basf-unido-unep-eco-efficiency-morocco": ["BASF", "eco-efficiency"],
    "wssd-partnerships-csd-registration": ["World Summit on Sustainable Development", "Commission on Sustainable Development"],
    "financing-for-development-business-engagement": ["Financing for Development", "Monterrey"],
    "ict-task-force": ["Information and Communication Technology Task Force", "Task Force"],
    "global-compact": ["Global Compact"],
    "global-compact-policy-dialogues": ["Policy Dialogue"],
    "global-compact-learning-forum": ["Learning Forum"],
    "global-compact-country-networks": ["country outreach", "country-level networks"],
    "global-compact-least-developed-countries-initiative": ["least developed country initiative"],
    "unfip-united-nations-foundation": ["UNFIP", "United Nations Fund for International Partnerships", "United Nations Foundation"],
}  # fmt: skip
"""The names by which the report speaks of each case: the partnership's own, or its distinctive partners'."""

NAMED_BUT_NOT_DRAWN = {
    ("global-compact", "sharing-experience-through-focal-points"): "paragraph 69 names the Compact only as an organizer of one meeting",
    ("unfip-united-nations-foundation", "sharing-experience-through-focal-points"): "paragraph 69 names UNFIP only as an organizer of one meeting",
}
"""Where a lesson's paragraphs name a case without drawing the lesson from it: the case lists the lesson
neither as the report's (that would say the report draws it) nor as the editors' (the lesson page would
say the report does not name the case)."""


def lesson_paragraphs(lesson_id: str) -> str:
    return " ".join(report()[n] for n in CORPUS.lessons[lesson_id].meta.source.paragraphs).casefold()


def names_case(lesson_id: str, slug: str) -> bool:
    text = lesson_paragraphs(lesson_id)
    return any(normal(name).casefold() in text for name in NAMES[slug])


def test_every_case_has_the_names_the_report_gives_it():
    assert set(NAMES) == set(CASES)
    for slug, names in NAMES.items():
        cited = " ".join(report()[n] for n in CASES[slug].meta.source.paragraphs).casefold()
        assert all(name.casefold() in cited for name in names), slug


@pytest.mark.parametrize("slug", sorted(CASES))
def test_a_lesson_the_report_draws_from_a_case_names_it_in_its_own_paragraphs(slug: str):
    """`lessons` says that the report draws the lesson from the case: the lesson's paragraphs name it.
    `noted_lessons` says the report does not: their paragraphs do not name it."""
    meta = CASES[slug].meta
    assert [lesson for lesson in meta.lessons if not names_case(lesson, slug)] == []
    assert [lesson for lesson in meta.noted_lessons if names_case(lesson, slug)] == []
    assert [lesson for lesson in [*meta.lessons, *meta.noted_lessons] if (slug, lesson) in NAMED_BUT_NOT_DRAWN] == []


def test_the_report_draws_one_lesson_from_a_case_by_name():
    """Paragraph 77: "Recent experience in the context of the World Summit on Sustainable Development has
    shown how such advantages can be used"; no other lesson is drawn from a case that the report names."""
    drawn = {(case.slug, lesson) for case in CORPUS.cases for lesson in case.meta.lessons}
    assert drawn == {("wssd-partnerships-csd-registration", "framework-provider-and-implementer")}
    for slug, lesson in NAMED_BUT_NOT_DRAWN:
        assert names_case(lesson, slug), (slug, lesson)


FIGURE = re.compile(r"\d+(?:[.,]\d+)*")


def figures(text: str) -> set[str]:
    """The numbers a text gives, without thousands separators: '1,000' -> '1000'."""
    return {f.replace(",", "").rstrip(".") for f in FIGURE.findall(text)}


def amount_phrase(amount: int | float) -> str:
    """How the report writes a sum: '$2.5 million', '$450,000'."""
    if amount >= 1_000_000:
        return f"{amount / 1_000_000:g} million"
    return f"{amount:,.0f}" if amount == int(amount) else f"{amount:,}"


DERIVED = {
    ("unfip-united-nations-foundation", "start"): "paragraph 44: the cooperation 'entered its sixth year in March 2003', so it began in March 1998",
}
"""Figures of a field that the report implies without writing them, and how."""


@pytest.mark.parametrize("slug", sorted(CASES))
def test_every_figure_of_a_case_is_in_the_paragraphs_it_cites(slug: str):
    """Summary, aims, results, resources (and their notes), the roles of those involved, start and end."""
    meta = CASES[slug].meta
    cited = " ".join(report()[n] for n in meta.source.paragraphs).replace("\\$", "$")
    known = figures(cited)
    texts = [meta.summary, *meta.aims, *meta.results, *(r.note or "" for r in meta.resources), *(p.role for p in meta.involved)]
    assert sorted(f for text in texts for f in figures(text) if f not in known) == []
    assert [r.amount for r in meta.resources if amount_phrase(r.amount) not in cited] == []
    for field in ("start", "end"):
        value = getattr(meta, field)
        if value is not None and (slug, field) not in DERIVED:
            assert str(value)[:4] in known, (field, value)
    for (derived_slug, field), how in DERIVED.items():
        assert getattr(CASES[derived_slug].meta, field) is not None and str(getattr(CASES[derived_slug].meta, field))[:4] not in figures(
            " ".join(report()[n] for n in CASES[derived_slug].meta.source.paragraphs)
        ), how


@pytest.mark.parametrize("slug", sorted(CASES))
def test_the_roles_of_those_involved_are_the_reports_words(slug: str):
    meta = CASES[slug].meta
    cited = " ".join(report()[n] for n in meta.source.paragraphs)
    assert [p.role for p in meta.involved if normal(p.role) not in cited] == []
    partners = {p.name.casefold() for p in meta.partners}
    assert [p.name for p in meta.involved if p.name.casefold() in partners] == []


def test_involved_people_are_not_partners_where_the_report_says_so():
    """Paragraph 57 names UNDP and PKN Orlen as the partners; the representatives 'will investigate ways'.
    Paragraph 38 gives the employers' and labour groups' agreement as an outcome, not as a role."""
    plock = CASES["undp-pkn-orlen-plock"].meta
    assert [p.name for p in plock.partners] == ["UNDP", "PKN Orlen"]
    assert [p.name for p in plock.involved] == ["Representatives from civil society, business and municipal administrations"]
    dialogues = CASES["global-compact-policy-dialogues"].meta
    assert not [p.name for p in dialogues.partners if "employers" in p.name or "labour" in p.name]


def test_the_global_compact_is_not_its_own_partner_nor_its_office():
    """The Global Compact (a voluntary initiative and network, paragraphs 34 and 35) is not the Global
    Compact Office (paragraph 93): neither is filed under the other's name."""
    registry = yaml.safe_load((ROOT / "cases" / "partners.yml").read_text("utf-8"))["partners"]
    assert all("Global Compact Office" not in entry.get("spellings", []) for entry in registry)
    case = CASES["global-compact"]
    assert "global-compact" not in case.partner_ids
    assert [p.name for p in case.meta.partners if "Global Compact" in p.name] == []


def test_sums_aimed_at_are_not_money_committed():
    """Paragraphs 49 and 50 give goals ('focused on raising', 'focused on the goal of allocating'), and
    paragraph 61 a planned donation: none of them is money committed."""
    goals = {(slug, r.amount) for slug, case in CASES.items() for r in case.meta.resources if r.kind == "goal"}
    assert goals == {
        ("itau-unicef-cenepec-education-brazil", 2_500_000),
        ("ikea-unicef-who-child-labour-uttar-pradesh", 450_000),
        ("statoil-ohchr-partnership-agreement", 1_000_000),
    }


@pytest.mark.parametrize("slug", sorted(CASES))
def test_the_scale_of_a_case_follows_paragraphs_48_and_88(slug: str):
    """Strategic partnerships work "simultaneously on different types of activity" (paragraph 88): two
    purposes at least. The examples of section III.F are partnership projects (paragraph 48)."""
    meta = CASES[slug].meta
    if meta.scale == "strategic":
        assert len(meta.purposes) >= 2
    if set(meta.source.paragraphs) & set(range(49, 64)):
        assert meta.scale == "project"


HEADINGS = {normal(h) for h in re.findall(r"^#### \*\*(.+?)\*\*\s*$", REPORT.read_text("utf-8"), re.M)}
"""The report's headings of section IV: its "more specific lessons" (paragraphs 73 to 80) and the box."""


def test_a_lessons_title_is_the_reports_heading_exactly_when_it_says_so():
    assert "Partnerships require support" in HEADINGS
    for lesson in CORPUS.lessons.values():
        numbers = set(lesson.meta.source.paragraphs)
        if lesson.meta.title_source == "report":
            assert normal(lesson.title) in HEADINGS and numbers <= set(range(73, 81)), lesson.id
        else:
            assert normal(lesson.title) not in HEADINGS and numbers <= set(range(64, 72)), lesson.id
    assert sum(lesson.meta.title_source == "report" for lesson in CORPUS.lessons.values()) == 5


# The wording Casebook generates is held to the report like any content: every message of the
# interface that cites a paragraph of A/58/227 quotes it, word for word.

def catalogue_messages() -> list[str]:
    from babel.messages.pofile import read_po

    with (ROOT / "plugins" / "casebook" / "locale" / "casebook.pot").open("rb") as f:
        return [m.id if isinstance(m.id, str) else m.id[0] for m in read_po(f) if m.id]


CITING = re.compile(r"A/58/227[^)]*?paragraphs? \d+")


def cited_numbers(message: str) -> set[int]:
    return {int(n) for n in re.findall(r"paragraphs? (\d+)", message)}


GENERATED = [m for m in catalogue_messages() if CITING.search(m)]


def test_generated_wording_that_cites_the_report_is_found():
    from casebook.facts import CAVEATS
    from casebook.index import SCALES

    for message in [*(caveat for _, caveat in CAVEATS), *(description for _, description in SCALES.values())]:
        assert message in GENERATED
    assert any("paragraph 23" in m for m in GENERATED)
    assert not [m for m in catalogue_messages() if "Never reported" in m or "system-wide" in m]


@pytest.mark.parametrize("message", GENERATED, ids=lambda m: m[:40])
def test_generated_wording_quotes_the_paragraphs_it_cites_word_for_word(message: str):
    numbers = cited_numbers(message)
    assert numbers and numbers <= set(report())
    cited = " ".join(report()[n] for n in sorted(numbers))
    found = quotations([message])
    assert found, "a message that cites the report quotes it"
    assert [q for q in found if q not in cited] == []


def test_the_vocabularies_of_the_report_are_its_words():
    """The purposes are paragraph 14's definitions; the characteristics, the box after paragraph 80."""
    taxonomy = yaml.safe_load((ROOT / "cases" / "taxonomy.yml").read_text("utf-8"))
    for term in taxonomy["purposes"]:
        assert normal(term["description"]).rstrip(".") in report()[14], term["id"]
    for term in taxonomy["characteristics"]:
        assert normal(term["description"]).rstrip(".") in report()[80], term["id"]


STATED_BY = {
    "diverse-partners": "range of partners", "shared-vision": "interest", "participatory-approach": "participat",
    "clear-agreements": "responsibilit", "open-communication": "communicat", "different-resources": "resources",
    "shared-risk": "share risk", "flexibility": "flexib", "reporting-and-evaluation": "accountab",
    "intergovernmental-linkages": "intergovernmental", "local-linkages": "local",
}  # fmt: skip
"""The words by which a paragraph states a characteristic of successful partnerships."""


def test_a_lessons_own_characteristics_are_stated_in_its_own_paragraphs():
    """`characteristics` says the report ties the characteristic to the lesson: its paragraphs, without
    the box printed after paragraph 80, say it. The editors' `noted_characteristics` are shown as their reading."""
    box = report()[80].index("The development of effective partnerships is an art")
    assert set(STATED_BY) == {term["id"] for term in yaml.safe_load((ROOT / "cases" / "taxonomy.yml").read_text("utf-8"))["characteristics"]}
    for lesson in CORPUS.lessons.values():
        own = " ".join(report()[n][:box] if n == 80 else report()[n] for n in lesson.meta.source.paragraphs).casefold()
        assert [c for c in lesson.meta.characteristics if STATED_BY[c] not in own] == [], lesson.id
