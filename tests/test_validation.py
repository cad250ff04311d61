"""The content model: every class of bad input gets a clear `path:line: field: message`."""

from pathlib import Path

import pytest

from casebook.corpus import load_corpus
from casebook.model import ValidationContext
from casebook.problems import ContentError
from casebook.reading import parse_text
from casebook.taxonomy import load_taxonomy
from casebook.validation import validate_document
from helpers import TAXONOMY, case_text

CONTEXT = ValidationContext(load_taxonomy(TAXONOMY), frozenset({"real-world-test"}))


def problems(text: str, slug: str = "a-case") -> list[str]:
    case, found = validate_document(parse_text(text, f"cases/{slug}.md"), slug, CONTEXT)
    assert (case is None) == bool(found)
    return [str(p) for p in found]


def test_a_valid_case_has_no_problem():
    assert problems(case_text()) == []


def test_unknown_field_suggests_the_known_one():
    text = case_text().replace("sectors:", "sector:")
    assert "cases/a-case.md:11: sector: is not a known field (did you mean 'sectors'?)" in problems(text)
    assert "cases/a-case.md:1: sectors: is required" in problems(text)


@pytest.mark.parametrize(
    "field, value, expected",
    [
        ("purposes", ["advocasy"], "purposes[0]: 'advocasy' is not a known purpose (did you mean 'advocacy'?)"),
        ("sectors", ["Health"], "sectors[0]: 'Health' is not a known sector (did you mean 'health'?)"),
        ("regions", ["subsaharan-africa"], "regions[0]: 'subsaharan-africa' is not a known region (did you mean 'sub-saharan-africa'?)"),
        ("countries", ["UK"], "countries[0]: 'UK' is not an ISO 3166-1 alpha-2 country code (did you mean 'GB', United Kingdom?)"),
        ("countries", ["ke"], "countries[0]: 'ke' is not an ISO 3166-1 alpha-2 country code (did you mean 'KE', Kenya?)"),
        ("scale", "global", "scale: 'global' is not one of project, strategic"),
        ("status", "finished", "status: 'finished' is not one of planned, active, completed, discontinued"),
        ("lessons", ["real-world"], "lessons[0]: 'real-world' is not a lesson page (content/lessons/real-world.md) (did you mean 'real-world-test'?)"),
        ("resources", [{"amount": 1000, "currency": "dollars"}], "resources[0].currency: 'dollars' is not an ISO 4217 currency code"),
        ("resources", [{"amount": 1000, "currency": "usd"}], "resources[0].currency: 'usd' is not an ISO 4217 currency code (did you mean 'USD'?)"),
        ("start", "2003-02-30", "start: '2003-02-30' is not a real date in the form YYYY-MM-DD"),
        ("last_report", "2003", "last_report: '2003' is not a date in the form YYYY-MM-DD"),
        ("source", {"document": "A/58/227", "url": "javascript:alert(1)"}, "source.url: 'javascript:alert(1)' is not an http:// or https:// address"),
        ("source", {"document": "A/58/227", "url": "https://example.org/?q=\"x\""}, "source.url: 'https://example.org/?q=\"x\"' contains '\"', which must be percent-encoded in an address"),
        ("title", 2003, "title: should be text, not the number 2003 (put it in quotes)"),
        ("sectors", "health", "sectors: should be a list (one '- item' per line), not 'health'"),
        ("purposes", [], "purposes: needs at least 1 item"),
        ("partners", [{"name": "Acme", "type": "business"}], "partners: needs at least 2 items"),
        ("partners", [{"name": "Acme", "type": "bussiness"}, {"name": "UNICEF", "type": "un-entity"}], "partners[0].type: 'bussiness' is not a known partner type (did you mean 'business'?)"),
        ("summary", "One.\n\nTwo.", "summary: must be one paragraph (no blank line)"),
        ("title", "x" * 201, "title: is longer than the 200 characters allowed"),
        ("resources", [{"amount": 1e300, "currency": "USD"}], "resources[0].amount: must be a number between 0 and 10^15"),
        ("resources", [{"amount": 1000, "currency": "USD", "kind": "pledge"}], "resources[0].kind: 'pledge' is not one of committed, goal"),
        ("involved", [{"name": "Locals", "type": "comunity", "role": "will take part"}], "involved[0].type: 'comunity' is not a known partner type (did you mean 'community'?)"),
        ("involved", [{"name": "Locals", "type": "community"}], "involved[0].role: is required"),
        ("involved", [{"name": "Locals", "type": "community", "roles": "x"}], "involved[0].roles: is not a known field (did you mean 'role'?)"),
    ],
)
def test_bad_value_is_named_with_its_field(field, value, expected):
    assert any(p.endswith(expected) for p in problems(case_text(**{field: value}))), problems(case_text(**{field: value}))


def test_norway_is_a_country_not_false():
    assert problems(case_text(countries=["NO"])) == []
    assert problems(case_text().replace("- KE", "- NO")) == []


def test_end_before_start():
    assert problems(case_text(start=2003, end="2001-06-30"))[0].endswith("end: 2001-06-30 is before start 2003")
    assert problems(case_text(start="2003-06", end=2003)) == []


def test_a_case_needs_a_place():
    assert problems(case_text(countries=None)) == [
        "cases/a-case.md:1: countries: a case needs at least one of 'countries' or 'regions' (use 'global' for worldwide)"
    ]


def test_someone_involved_is_not_also_a_partner():
    found = problems(case_text(involved=[{"name": "unicef", "type": "un-entity", "role": "advises"}]))
    assert found == [
        "cases/a-case.md:17: involved[0].name: 'unicef' is a partner already: list the partners in partners, "
        "and in involved only those the source does not name partners"
    ]


def test_a_sum_is_committed_unless_it_says_it_is_a_goal():
    assert problems(case_text(resources=[{"amount": 450000, "currency": "USD", "kind": "goal"}, {"amount": 1, "currency": "USD"}])) == []


def test_duplicates_are_reported():
    assert problems(case_text(sectors=["health", "health"]))[0].endswith("sectors[1]: 'health' is listed twice")


def test_bad_file_name():
    assert problems(case_text(), slug="My_Case") == [
        "cases/My_Case.md:1: file name: 'My_Case.md' must be lowercase letters, digits and single hyphens (for example 'my-case.md')"
    ]


def test_every_problem_of_every_file_at_once(tmp_path: Path):
    (tmp_path / "taxonomy.yml").write_bytes(TAXONOMY.read_bytes())
    (tmp_path / "one.md").write_text(case_text(purposes=["advocasy"], sectors=["helth"]), "utf-8")
    (tmp_path / "two.md").write_text("no front matter\n", "utf-8")
    (tmp_path / "three.md").write_bytes(b"---\ntitle: \xff\n---\n")
    (tmp_path / "_template.md").write_text("not a case", "utf-8")
    with pytest.raises(ContentError) as raised:
        load_corpus(tmp_path, base=tmp_path)
    assert [str(p) for p in raised.value.problems] == [
        "one.md:10: purposes[0]: 'advocasy' is not a known purpose (did you mean 'advocacy'?)",
        "one.md:12: sectors[0]: 'helth' is not a known sector (did you mean 'health'?)",
        "three.md:2: file: is not UTF-8 text (byte 0xff at offset 11); save it as UTF-8",
        "two.md:1: front matter: is missing: the file must start with a '---' line, the YAML fields, and another '---' line",
    ]
    assert str(raised.value).endswith("4 problems in 3 files.")
