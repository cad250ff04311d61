"""Property tests: whatever a file contains, the validator returns a case or clear problems, never raises.

(Its speed on hostile files is measured by scripts/bench.py, not asserted here: no timing in tests.)
"""

from __future__ import annotations

from pathlib import Path
import re
import tempfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
import yaml

from casebook.model import ValidationContext
from casebook.reading import parse_text
from casebook.taxonomy import load_taxonomy
from casebook.validation import FIELDS, validate_document, validate_file
from helpers import TAXONOMY, case_text

CONTEXT = ValidationContext(load_taxonomy(TAXONOMY), frozenset({"test-of-the-real-world"}))
PROBLEM_LINE = re.compile(r"^[^\n]+:[1-9][0-9]*: [^\n:]+: [^\n]+$")
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def assert_case_or_problems(text: str) -> None:
    doc = parse_text(text, "cases/fuzz.md")
    case, problems = validate_document(doc, "fuzz", CONTEXT)
    assert (case is None) == bool(problems)
    for problem in problems:
        assert PROBLEM_LINE.match(str(problem)), str(problem)
        assert problem.line <= max(1, text.count("\n") + 2)


scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=40))
json_like = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4), max_leaves=20)
keys = st.sampled_from(FIELDS) | st.text(min_size=1, max_size=12)


@SETTINGS
@given(st.text(max_size=2000))
def test_any_text_gives_a_case_or_problems(text: str):
    assert_case_or_problems(text)


@SETTINGS
@given(st.text(max_size=1500))
def test_any_front_matter_text_gives_a_case_or_problems(front_matter: str):
    assert_case_or_problems(f"---\n{front_matter}\n---\nbody\n")


@SETTINGS
@given(st.dictionaries(keys, json_like, max_size=12))
def test_any_structure_gives_a_case_or_problems(data: dict):
    assert_case_or_problems("---\n" + yaml.safe_dump(data, allow_unicode=True) + "---\n")


@SETTINGS
@given(st.sampled_from(FIELDS), json_like)
def test_any_value_in_a_valid_case_gives_a_case_or_problems(field: str, value: object):
    assert_case_or_problems(case_text(**{field: value if value is not None else "x"}))


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=3000))
def test_any_bytes_give_a_case_or_problems(raw: bytes):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.md"
        path.write_bytes(b"---\ntitle: x\n" + raw)
        case, problems = validate_file(path, "cases/fuzz.md", CONTEXT)
        assert (case is None) == bool(problems)
        assert all(PROBLEM_LINE.match(str(p)) for p in problems)


def test_known_hostile_documents():
    bomb = "---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n---\n"
    deep = "---\ntitle: " + "[" * 5000 + "]" * 5000 + "\n---\n"
    wide = "---\n" + "".join(f"k{i}: {i}\n" for i in range(6000)) + "---\n"
    for text in (bomb, deep, wide, "---\n" + "\t" * 100 + "\n---\n", "---\n- a\n- b\n---\n", "---\n'\n---\n", "\ufeff---\ntitle: x\n---\n"):
        assert_case_or_problems(text)


def test_control_characters_are_refused_at_their_field(tmp_path):
    from casebook.model import ValidationContext
    from casebook.taxonomy import load_taxonomy
    from casebook.validation import validate_file
    from helpers import TAXONOMY, case_text

    context = ValidationContext(load_taxonomy(TAXONOMY), frozenset())
    escaped = tmp_path / "escaped.md"
    escaped.write_text(case_text(title="Water\vschools", partners=[{"name": "ACME\u0085", "type": "business"}, {"name": "UNICEF\ufffe", "type": "un-entity"}]), "utf-8")
    case, problems = validate_file(escaped, "escaped.md", context)
    assert case is None
    lines = escaped.read_text("utf-8").splitlines()
    names = [i for i, line in enumerate(lines, 1) if "name:" in line]
    line = {"Water": 2, "ACME": names[0], "UNICEF": names[1]}
    assert sorted(str(p) for p in problems) == [
        f"escaped.md:{line['Water']}: title: contains the control character U+000B",
        f"escaped.md:{line['ACME']}: partners[0].name: contains the control character U+0085",
        f"escaped.md:{line['UNICEF']}: partners[1].name: contains the noncharacter U+FFFE",
    ]
    raw = tmp_path / "raw.md"
    raw.write_text("---\ntitle: Water\x0bschools\nsummary: A\x1b[31m red one\n---\n", "utf-8")
    _, problems = validate_file(raw, "raw.md", context)
    assert sorted(str(p) for p in problems) == ["raw.md:2: title: contains the control character U+000B", "raw.md:3: summary: contains the control character U+001B"]
