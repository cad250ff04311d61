"""Translations of cases: `cases/<slug>.<lang>.md` carries a case's title, summary and body in another
language; its facts stay in the case (`cases/<slug>.md`), in one place."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Annotated

from babel import Locale, UnknownLocaleError
from pydantic import AfterValidator, Field, ValidationError

from .languages import CODES, DEFAULT
from .model import Case, CaseMeta, Strict, one_paragraph
from .problems import Problem, suggest
from .reading import Document, read_document
from .taxonomy import OTHER_LANGUAGES
from .validation import problems_from

TRANSLATED = ("title", "summary")
"""What a translation says, besides its body; every other field is a fact of the case."""


class TranslationMeta(Strict):
    """The front matter of a translation: the case's title and summary in its language."""

    title: Annotated[str, Field(min_length=1, max_length=200)]
    """The case's title in the file's language."""
    summary: Annotated[str, Field(min_length=1, max_length=2000), AfterValidator(one_paragraph)]
    """The case's summary in the file's language: one paragraph."""


@dataclass(frozen=True)
class Translation:
    slug: str
    """The case it translates."""
    language: str
    path: str
    title: str
    summary: str
    body: str


def is_translation(path: Path) -> bool:
    """`x.fr.md` is a translation (or meant as one); `x.md` is a case."""
    return "." in path.stem


def split_name(path: Path) -> tuple[str, str]:
    """`cases/x.fr.md` -> ('x', 'fr')."""
    slug, _, code = path.stem.rpartition(".")
    return slug, code


def validate_translation(path: Path, display_path: str, slugs: Collection[str]) -> tuple[Translation | None, list[Problem]]:
    """A translation file: its language, its case, and only translated fields, every problem at once."""
    doc = read_document(path, display_path)
    slug, code = split_name(path)
    problems = list(doc.problems) + _name_problems(doc, slug, code, slugs)
    if doc.data is None:
        return None, problems
    facts = [key for key in doc.data if key not in TRANSLATED and key in CaseMeta.model_fields]
    for key in facts:
        problems.append(Problem(doc.path, doc.line_of((key,)), key, f"a translation gives only {' and '.join(TRANSLATED)} (and the text); '{key}' is a fact, which stays in cases/{slug}.md"))
    try:
        meta = TranslationMeta.model_validate({k: v for k, v in doc.data.items() if k not in facts})
    except ValidationError as e:
        problems.extend(problems_from(e, doc, TranslationMeta))
        return None, problems
    if problems:
        return None, problems
    return Translation(slug, code, doc.path, meta.title, meta.summary, doc.body), []


def _name_problems(doc: Document, slug: str, code: str, slugs: Collection[str]) -> list[Problem]:
    problems = []
    if code == DEFAULT:
        problems.append(Problem(doc.path, 1, "file name", f"cases are written in '{DEFAULT}': the case itself is {slug}.md"))
    elif code not in OTHER_LANGUAGES:
        problems.append(Problem(doc.path, 1, "file name", f"'{code}' is not a language of Casebook; use one of {', '.join(OTHER_LANGUAGES)}{_suggest_language(code)}"))
    if slug not in slugs:
        problems.append(Problem(doc.path, 1, "file name", f"there is no case cases/{slug}.md to translate{suggest(slug, slugs)}"))
    return problems


def _suggest_language(code: str) -> str:
    """' (did you mean 'fr'?)' for 'fra', 'FR', 'fr-CA' or 'french'."""
    try:
        found = Locale.parse(code.replace("-", "_")).language
    except (ValueError, UnknownLocaleError):
        found = {(Locale.parse(c).get_display_name("en") or c).casefold(): c for c in CODES}.get(code.casefold(), "")
    return f" (did you mean '{found}'?)" if found in OTHER_LANGUAGES else suggest(code, OTHER_LANGUAGES)


def translated(case: Case, translation: Translation) -> Case:
    """The case as readers of the translation's language see it: its words translated, its facts its own."""
    meta = case.meta.model_copy(update={"title": translation.title, "summary": translation.summary})
    return replace(case, meta=meta, body=translation.body, language=translation.language)
