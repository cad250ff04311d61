"""The JSON Schema of front matter: generated from the model, every bundled case fits it, bad input does not."""

from __future__ import annotations

import json
from pathlib import Path
import subprocess
import sys

import jsonschema
import pytest

from casebook.reading import parse_text, read_document
from helpers import ROOT, case_text


@pytest.fixture(scope="module")
def schema() -> dict:
    result = subprocess.run([sys.executable, "-m", "casebook.cli", "schema"], cwd=ROOT, capture_output=True, text=True, timeout=60, check=True)
    return json.loads(result.stdout)


def front_matter(text: str) -> dict:
    doc = parse_text(text, "x.md")
    assert doc.data is not None
    return doc.data


def test_schema_is_valid_json_schema_and_published_in_the_site(schema: dict, bundled_site: Path):
    jsonschema.Draft202012Validator.check_schema(schema)
    assert json.loads((bundled_site / "schema" / "case.schema.json").read_text("utf-8")) == schema
    assert schema["properties"]["purposes"]["items"]["enum"][0] == "policy-dialogue"
    assert "Former slugs of this case" in schema["properties"]["aliases"]["description"]


def test_every_bundled_case_fits_the_schema(schema: dict):
    validator = jsonschema.Draft202012Validator(schema)
    for path in sorted((ROOT / "cases").glob("[!_]*.md")):
        data = read_document(path).data
        assert list(validator.iter_errors(data)) == [], path.name


@pytest.mark.parametrize(
    "change",
    [
        {"sector": ["health"]},  # unknown field
        {"purposes": ["advocasy"]},  # unknown term
        {"sectors": []},
        {"countries": ["UK"]},
        {"countries": None, "regions": None},  # no place
        {"scale": "big"},
        {"partners": [{"name": "Acme", "type": "business"}]},  # too few partners
        {"partners": [{"name": "Acme", "type": "bussiness"}, {"name": "UNICEF", "type": "un-entity"}]},
        {"resources": [{"amount": 10, "currency": "dollars"}]},
        {"resources": [{"amount": -1, "currency": "USD"}]},
        {"start": "30 June 2001"},
        {"last_report": "2003"},
        {"source": {"document": "A/58/227", "url": "javascript:alert(1)"}},
        {"title": 2003},
        {"title": None},  # missing required
        {"aliases": ["Old Name"]},
        {"lessons": ["no-such-lesson"]},
    ],
)
def test_schema_rejects_each_class_of_bad_input(schema: dict, change: dict):
    validator = jsonschema.Draft202012Validator(schema)
    assert list(validator.iter_errors(front_matter(case_text()))) == []
    assert list(validator.iter_errors(front_matter(case_text(**change)))) != []
