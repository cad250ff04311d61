"""The controlled vocabularies (`cases/taxonomy.yml`): purposes, sectors, partner types, regions, characteristics."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
import re

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .geography import m49
from .languages import CODES, DEFAULT
from .problems import ContentError, Problem
from .reading import Document, read_yaml

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
VOCABULARIES = ("purposes", "sectors", "partner_types", "regions", "characteristics")
OTHER_LANGUAGES = tuple(code for code in CODES if code != DEFAULT)


class Term(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    id: str = Field(max_length=80)
    label: str = Field(min_length=1, max_length=120)
    description: str = Field(min_length=1, max_length=600)
    parent: str | None = None
    labels: dict[str, str] = Field(default_factory=dict)
    """The label in each other language, by its code (`fr: Plaidoyer`)."""
    descriptions: dict[str, str] = Field(default_factory=dict)
    """The description in each other language, by its code."""

    @field_validator("labels", "descriptions")
    @classmethod
    def _languages(cls, value: dict[str, str]) -> dict[str, str]:
        for code, text in value.items():
            if code not in OTHER_LANGUAGES:
                raise ValueError(f"'{code}' is not a language here; use one of: {', '.join(OTHER_LANGUAGES)}")
            if not text.strip():
                raise ValueError(f"the text in '{code}' is empty")
        return value

    def label_in(self, code: str) -> str:
        """Its label in a language; as written where that language has none (casebook check lists those)."""
        return self.labels.get(code, self.label)

    def description_in(self, code: str) -> str:
        return self.descriptions.get(code, self.description)

    @field_validator("id")
    @classmethod
    def _slug(cls, value: str) -> str:
        if not SLUG.match(value):
            raise ValueError("must be lowercase letters, digits and single hyphens")
        return value


class _TaxonomyFile(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    purposes: list[Term] = Field(min_length=1)
    sectors: list[Term] = Field(min_length=1)
    partner_types: list[Term] = Field(min_length=1)
    regions: list[Term] = Field(min_length=1)
    characteristics: list[Term] = Field(default_factory=list)


@dataclass(frozen=True)
class Taxonomy:
    """Each vocabulary as an ordered mapping of id -> Term (the file's order is the display order)."""

    purposes: dict[str, Term]
    sectors: dict[str, Term]
    partner_types: dict[str, Term]
    regions: dict[str, Term]
    characteristics: dict[str, Term]
    """The characteristics of successful partnerships (the box after paragraph 80), which lessons relate to."""

    def vocabulary(self, name: str) -> dict[str, Term]:
        return getattr(self, name)

    def region_ancestors(self, region: str) -> tuple[str, ...]:
        """The regions that contain `region`, nearest first."""
        found = []
        parent = self.regions[region].parent if region in self.regions else None
        while parent is not None and parent not in found:
            found.append(parent)
            parent = self.regions[parent].parent
        return tuple(found)


def load_taxonomy(path: Path, display_path: str | None = None) -> Taxonomy:
    """Read and check the taxonomy; raise ContentError listing every problem."""
    shown = display_path or str(path)
    doc = read_yaml(path, shown)
    if doc.problems:
        raise ContentError(doc.problems)
    return taxonomy_from_document(doc)


def taxonomy_from_document(doc: Document) -> Taxonomy:
    problems: list[Problem] = []
    try:
        parsed = _TaxonomyFile.model_validate(doc.data)
    except ValidationError as e:
        for err in e.errors():
            loc = tuple(err["loc"])
            field = ".".join(str(p) for p in loc) or "taxonomy"
            problems.append(Problem(doc.path, doc.line_of(loc), field, err["msg"]))
        raise ContentError(problems) from None
    vocabularies: dict[str, dict[str, Term]] = {}
    for name in VOCABULARIES:
        terms: dict[str, Term] = {}
        for i, term in enumerate(getattr(parsed, name)):
            if term.id in terms:
                problems.append(Problem(doc.path, doc.line_of((name, i, "id")), f"{name}.{i}.id", f"'{term.id}' is defined twice"))
            if term.parent is not None and name != "regions":
                problems.append(Problem(doc.path, doc.line_of((name, i, "parent")), f"{name}.{i}.parent", "only regions have parents"))
            terms[term.id] = term
        vocabularies[name] = terms
    regions = vocabularies["regions"]
    for i, term in enumerate(parsed.regions):
        if term.parent is not None and term.parent not in regions:
            problems.append(Problem(doc.path, doc.line_of(("regions", i, "parent")), f"regions.{i}.parent", f"'{term.parent}' is not a region here"))
    needed = sorted({r for pair in m49().values() for r in pair} - set(regions))
    if needed:
        problems.append(Problem(doc.path, doc.line_of(("regions",)), "regions", "the M49 regions " + ", ".join(needed) + " are missing"))
    if problems:
        raise ContentError(problems)
    return Taxonomy(**vocabularies)
