"""Validate one case file against the content model, turning every failure into a Problem."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
import re
from typing import Any

from pydantic import BaseModel, ValidationError

from .geography import regions_of_country
from .model import Case, CaseMeta, Involved, Lesson, LessonMeta, Partner, Resource, Source, ValidationContext, period_bounds
from .problems import Problem, field_name, suggest
from .reading import Document, read_document
from .taxonomy import SLUG

FIELDS = tuple(CaseMeta.model_fields)
_LIST_FIELDS = ("partners", "involved", "purposes", "sectors", "countries", "regions", "lessons", "noted_lessons")


def validate_file(path: Path, display_path: str, context: ValidationContext) -> tuple[Case | None, list[Problem]]:
    return validate_document(read_document(path, display_path), slug_of(path), context)


def slug_of(path: Path) -> str:
    return path.stem


def _name_problems(doc: Document, slug: str) -> list[Problem]:
    if SLUG.match(slug):
        return []
    better = re.sub(r"[^a-z0-9]+", "-", slug.lower()).strip("-") or "my-case"
    return [Problem(doc.path, 1, "file name", f"'{slug}.md' must be lowercase letters, digits and single hyphens (for example '{better}.md')")]


def validate_lesson(path: Path, display_path: str, src_uri: str, context: ValidationContext) -> tuple[Lesson | None, list[Problem]]:
    """A lesson page: its front matter against the lesson model, its file name as its id."""
    doc = read_document(path, display_path)
    problems = doc.problems + _name_problems(doc, path.stem)
    if doc.data is None:
        return None, problems
    try:
        meta = LessonMeta.model_validate(doc.data, context=context)
    except ValidationError as e:
        return None, problems + problems_from(e, doc, LessonMeta)
    return (None, problems) if problems else (Lesson(path.stem, doc.path, src_uri, meta), [])


def validate_document(doc: Document, slug: str, context: ValidationContext) -> tuple[Case | None, list[Problem]]:
    problems = list(doc.problems) + _name_problems(doc, slug)
    if doc.data is None:
        return None, problems
    try:
        meta = CaseMeta.model_validate(doc.data, context=context)
    except ValidationError as e:
        problems.extend(problems_from(e, doc))
        return None, problems
    problems.extend(_cross_field_problems(meta, doc))
    if problems:
        return None, problems
    return Case(slug=slug, path=doc.path, meta=meta, body=doc.body, regions=all_regions(meta, context), lines=doc.lines), []


def all_regions(meta: CaseMeta, context: ValidationContext) -> tuple[str, ...]:
    """Listed regions, the M49 regions of the countries, and every region that contains one of them."""
    found = set(meta.regions)
    for country in meta.countries:
        found.update(regions_of_country(country))
    for region in list(found):
        found.update(context.taxonomy.region_ancestors(region))
    order = list(context.taxonomy.regions)
    return tuple(sorted(found, key=order.index))


def _cross_field_problems(meta: CaseMeta, doc: Document) -> list[Problem]:
    problems = []
    if not meta.countries and not meta.regions:
        problems.append(Problem(doc.path, doc.start_line, "countries", "a case needs at least one of 'countries' or 'regions' (use 'global' for worldwide)"))
    if meta.start is not None and meta.end is not None and period_bounds(meta.end)[1] < period_bounds(meta.start)[0]:
        problems.append(Problem(doc.path, doc.line_of(("end",)), "end", f"{meta.end} is before start {meta.start}"))
    for i, lesson in enumerate(meta.noted_lessons):
        if lesson in meta.lessons:
            problems.append(Problem(doc.path, doc.line_of(("noted_lessons", i)), f"noted_lessons[{i}]",
                                    f"'{lesson}' is in lessons already: a link is the source's or the editors', not both"))  # fmt: skip
    partner_names = {p.name.casefold() for p in meta.partners}
    for i, person in enumerate(meta.involved):
        if person.name.casefold() in partner_names:
            problems.append(Problem(doc.path, doc.line_of(("involved", i, "name")), f"involved[{i}].name",
                                    f"'{person.name}' is a partner already: list the partners in partners, and in involved only those the source does not name partners"))  # fmt: skip
    for name in _LIST_FIELDS:
        values = getattr(meta, name)
        named = name in ("partners", "involved")
        keys = [v.name.casefold() if named else v for v in values]
        for i, key in enumerate(keys):
            if key in keys[:i]:
                shown = values[i].name if named else values[i]
                problems.append(Problem(doc.path, doc.line_of((name, i)), f"{name}[{i}]", f"'{shown}' is listed twice"))
    return problems


def problems_from(error: ValidationError, doc: Document, model: type[BaseModel] = CaseMeta) -> list[Problem]:
    problems = []
    for err in error.errors(include_url=False):
        loc = tuple(err["loc"])
        # An unknown key is reported at the key; other errors at the value they concern.
        problems.append(Problem(doc.path, doc.line_of(loc), field_name(loc), _message(err, model)))
    return problems


def _message(err: Mapping[str, Any], model: type[BaseModel]) -> str:
    kind, ctx, value = err["type"], err.get("ctx") or {}, err.get("input")
    loc = err["loc"]
    if kind == "extra_forbidden":
        return f"is not a known field{suggest(loc[-1], _known_keys(loc, model))}"
    if kind == "missing":
        return "is required"
    if kind in ("string_type", "str_type"):
        return f"should be text, not {_describe(value)} (put it in quotes)"
    if kind == "list_type":
        return f"should be a list (one '- item' per line), not {_describe(value)}"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"should be a set of 'field: value' lines, not {_describe(value)}"
    if kind in ("int_type", "float_type", "int_parsing", "float_parsing"):
        return f"should be a number, not {_describe(value)}"
    if kind == "too_short":
        need = ctx.get("min_length")
        return f"needs at least {need} {'item' if need == 1 else 'items'}" if isinstance(value, list) else f"needs at least {need} characters"
    if kind == "too_long":
        return f"has more than the {ctx.get('max_length')} items allowed"
    if kind == "string_too_short":
        return "is empty"
    if kind == "string_too_long":
        return f"is longer than the {ctx.get('max_length')} characters allowed"
    if kind == "literal_error":
        expected = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        return f"'{value}' is not one of {', '.join(expected)}{suggest(value, expected)}"
    return err["msg"][0].lower() + err["msg"][1:] if err["msg"] else kind


def _known_keys(loc: tuple[Any, ...], model: type[BaseModel]) -> list[str]:
    parent = [p for p in loc[:-1] if isinstance(p, str)]
    kinds: dict[str, type[BaseModel]] = {"partners": Partner, "involved": Involved, "resources": Resource, "source": Source}
    nested = kinds.get(parent[-1] if parent else "", model)
    return list(nested.model_fields)


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"'{str(value).lower()}'"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a set of fields"
    text = str(value)
    return f"'{text}'" if len(text) <= 60 else f"'{text[:59]}…'"


def alias_problems(cases: list[Case]) -> list[Problem]:
    """An alias must not be another case's slug or alias: each old address redirects to one case."""
    owners = {case.slug: case.slug for case in cases}
    problems = []
    for case in cases:
        for i, alias in enumerate(case.meta.aliases):
            line = case.lines.get(("aliases", i), 1)
            if alias in owners:
                other = owners[alias]
                what = "the slug of" if alias == other else "already an alias of"
                problems.append(Problem(case.path, line, f"aliases[{i}]", f"'{alias}' is {what} cases/{other}.md"))
            else:
                owners[alias] = case.slug
    return problems
