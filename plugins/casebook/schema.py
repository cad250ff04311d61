"""A JSON Schema of case front matter, generated from the content model and the vocabularies.

Editors use it to validate and complete front matter as it is typed. It states what JSON Schema
can say (fields, types, vocabularies, patterns); `casebook check` remains the full judge (for
example of impossible dates, or an `end` before `start`).
"""

from __future__ import annotations

from collections.abc import Iterable
import json
from typing import Any

import pycountry

from .languages import DEFAULT
from .model import CaseMeta
from .taxonomy import OTHER_LANGUAGES, Taxonomy, Term
from .translation import TranslationMeta

SCHEMA_ID = "case.schema.json"
TRANSLATION_SCHEMA_ID = "case-translation.schema.json"
_YEAR_OR_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"


def case_schema(taxonomy: Taxonomy, lessons: list[str]) -> dict[str, Any]:
    schema = CaseMeta.model_json_schema(mode="validation")
    props, defs = schema["properties"], schema.get("$defs", {})
    vocabularies = {
        "purposes": list(taxonomy.purposes),
        "sectors": list(taxonomy.sectors),
        "regions": list(taxonomy.regions),
        "countries": sorted(c.alpha_2 for c in pycountry.countries),
        "lessons": sorted(lessons),
    }
    for name, values in vocabularies.items():
        props[name]["items"] = {"type": "string", "enum": values}
    for name in ("purposes", "sectors", "regions"):
        props[name]["items"]["x-labels"] = _labels(taxonomy.vocabulary(name).values())
    props["aliases"]["items"] = {"type": "string", "pattern": r"^[a-z0-9]+(-[a-z0-9]+)*$"}
    for name in ("start", "end"):
        props[name]["anyOf"] = [
            {"type": "integer", "minimum": 1900, "maximum": 2200},
            {"type": "string", "pattern": _YEAR_OR_DATE},
            {"type": "null"},
        ]
    props["last_report"]["anyOf"] = [{"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$", "format": "date"}, {"type": "null"}]
    defs["Partner"]["properties"]["type"]["enum"] = list(taxonomy.partner_types)
    defs["Partner"]["properties"]["type"]["x-labels"] = _labels(taxonomy.partner_types.values())
    defs["Involved"]["properties"]["type"]["enum"] = list(taxonomy.partner_types)
    defs["Involved"]["properties"]["type"]["x-labels"] = _labels(taxonomy.partner_types.values())
    defs["Resource"]["properties"]["currency"]["enum"] = sorted(c.alpha_3 for c in pycountry.currencies)
    defs["Resource"]["properties"]["amount"] = {**defs["Resource"]["properties"]["amount"], "minimum": 0, "maximum": 1e15}
    defs["Source"]["properties"]["url"]["anyOf"][0]["pattern"] = r"^https?://[^\s\"<>\\^`{|}]+$"
    schema["anyOf"] = [
        {"required": ["countries"], "properties": {"countries": {"minItems": 1}}},
        {"required": ["regions"], "properties": {"regions": {"minItems": 1}}},
    ]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Casebook case front matter",
        "description": "The YAML front matter of a case file, cases/<slug>.md.",
        **{k: v for k, v in schema.items() if k not in ("title", "description")},
    }


def _labels(terms: Iterable[Term]) -> dict[str, dict[str, str]]:
    """`x-labels`: each term's label in every language that has one (an annotation; editors may show it)."""
    return {term.id: {DEFAULT: term.label, **term.labels} for term in terms}


def case_schema_json(taxonomy: Taxonomy, lessons: list[str]) -> str:
    """The schema as the site publishes it and `casebook schema` prints it."""
    return json.dumps(case_schema(taxonomy, lessons), indent=2, ensure_ascii=False) + "\n"


def translation_schema() -> dict[str, Any]:
    schema = TranslationMeta.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": TRANSLATION_SCHEMA_ID,
        "title": "Casebook translation front matter",
        "description": (
            "The YAML front matter of a case's translation, cases/<slug>.<language>.md (language: "
            + ", ".join(OTHER_LANGUAGES) + "): the case's title and summary in that language; its facts stay in cases/<slug>.md."
        ),
        **{k: v for k, v in schema.items() if k not in ("title", "description")},
    }


def translation_schema_json() -> str:
    return json.dumps(translation_schema(), indent=2, ensure_ascii=False) + "\n"
