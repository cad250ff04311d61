"""`casebook new`: write a new case file that passes `casebook check` as written.

Asks for what the content model requires and is missing, offering the known terms with their
descriptions (and, on a terminal, for a source, which may be left empty). A value that differs from
a known one only by its case is written as the model wants it ('ke' -> 'KE'), and said; a near miss
is taken only once confirmed. With `--no-input` (or when not on a terminal) nothing is asked, and a
missing required value or an unknown one is an error, for scripts.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
import re
import sys

import yaml

from .. import geography
from ..corpus import display_path, lesson_files
from ..model import SCALES, ValidationContext
from ..problems import format_problems, suggest
from ..project import find_project
from ..reading import parse_text
from ..render.markdown import escape_inline
from ..taxonomy import Taxonomy, load_taxonomy
from ..validation import validate_document

BODY = """\
## Context

What was the situation, and what did the partners set out to do?

## What each partner brought

- **{first}**: ...

## What came of it

Results, with the figures your source gives.

## Lessons

Which lessons learned does this case illustrate, and why?
"""


class Abort(Exception):
    """A value is missing or unknown and cannot be asked for."""


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "new",
        help="write a new case file from your answers (or from flags)",
        description="Write cases/<slug>.md with its front matter and a body outline. "
        "Asks for anything missing on a terminal; with --no-input, flags must say it all.",
    )
    parser.add_argument("--title")
    parser.add_argument("--slug", help="file name without .md (default: made from the title)")
    parser.add_argument("--summary")
    parser.add_argument("--partner", action="append", default=[], metavar="NAME:TYPE", help="a partner and its type; repeat for each")
    for name in ("purposes", "sectors", "countries", "regions"):
        parser.add_argument(f"--{name}", metavar="A,B", help=f"{name}, comma-separated")
    parser.add_argument("--scale", choices=SCALES)
    parser.add_argument("--source", metavar="DOCUMENT", help="the source document, e.g. A/58/227")
    parser.add_argument("--paragraphs", metavar="N,N", help="its paragraphs, comma-separated")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--interactive", action="store_true", default=None, help="ask for missing values even when not on a terminal")
    mode.add_argument("--no-input", dest="interactive", action="store_false", help="never ask; fail on a missing or unknown value")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    project = find_project(args.config)
    taxonomy = load_taxonomy(project.taxonomy, display_path(project.taxonomy, None))
    interactive = sys.stdin.isatty() if args.interactive is None else args.interactive
    asker = _Asker(interactive)
    try:
        meta, slug = _gather(args, taxonomy, asker)
    except (Abort, EOFError) as e:
        print(f"casebook new: {e or 'no answer'}", file=sys.stderr)
        return 1
    path = project.cases_dir / f"{slug}.md"
    if path.exists():
        print(f"casebook new: {display_path(path, None)} already exists; choose another --slug", file=sys.stderr)
        return 1
    text = "---\n" + yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=100) + "---\n\n" + BODY.format(first=escape_inline(meta["partners"][0]["name"]))
    context = ValidationContext(taxonomy, frozenset(p.stem for p in lesson_files(project.lessons_dir)))
    _, problems = validate_document(parse_text(text, display_path(path, None)), slug, context)
    if problems:
        print(format_problems(problems), file=sys.stderr)
        return 1
    path.write_text(text, "utf-8")
    for change in asker.changes:
        print(f"casebook new: {change}", file=sys.stderr)
    print(f"Wrote {display_path(path, None)}. Fill in its outline, then run: casebook check {display_path(path, None)}")
    return 0


class _Asker:
    def __init__(self, interactive: bool):
        self.interactive = interactive
        self.changes: list[str] = []
        """What was written otherwise than given, to be said."""

    def ask(self, question: str, *, required: bool = True) -> str:
        if not self.interactive:
            if not required:
                return ""
            raise Abort(f"{question.rstrip(': ')} is missing (give it as a flag, or run without --no-input)")
        while True:
            print(question, end="", file=sys.stderr, flush=True)
            answer = sys.stdin.readline()
            if not answer:
                raise EOFError("input ended before every question was answered")
            answer = answer.strip()
            if answer or not required:
                return answer

    def confirm(self, question: str) -> bool:
        if not self.interactive:
            return False
        print(f"{question} [y/N] ", end="", file=sys.stderr, flush=True)
        return sys.stdin.readline().strip().lower() in ("y", "yes")

    def show(self, text: str) -> None:
        if self.interactive:
            print(text, file=sys.stderr)


def _gather(args: argparse.Namespace, taxonomy: Taxonomy, asker: _Asker) -> tuple[dict, str]:
    title = args.title or asker.ask("Title (who, and what for): ")
    slug = args.slug or re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:80].strip("-")
    summary = args.summary or asker.ask("Summary (one paragraph: who did what, where, and what came of it): ")
    partners = [_partner(raw, taxonomy, asker) for raw in args.partner]
    while len(partners) < 2:
        if partners:
            asker.show("A case needs at least two partners.")
        _show_terms(asker, "Partner types", taxonomy.partner_types)
        partners.append(_partner(asker.ask(f"Partner {len(partners) + 1} as NAME:TYPE: "), taxonomy, asker))
    meta: dict = {"title": title, "summary": summary, "partners": partners}
    for name, noun in (("purposes", "purpose"), ("sectors", "sector")):
        raw = getattr(args, name)
        if raw is None:
            _show_terms(asker, name.capitalize(), taxonomy.vocabulary(name))
            raw = asker.ask(f"{name.capitalize()} (ids or numbers, comma-separated): ")
        meta[name] = [_term(item, list(taxonomy.vocabulary(name)), noun, asker) for item in _split(raw)]
    meta["scale"] = args.scale or _term(asker.ask("Scale (project or strategic): "), list(SCALES), "scale", asker)
    countries, regions = args.countries, args.regions
    if countries is None and regions is None:
        countries = asker.ask("Countries (ISO codes or names, comma-separated; empty for none): ", required=False)
        if not countries:
            _show_terms(asker, "Regions", taxonomy.regions)
            regions = asker.ask("Regions (ids, comma-separated; 'global' for worldwide): ")
    if countries:
        meta["countries"] = [_country(item, asker) for item in _split(countries)]
    if regions:
        meta["regions"] = [_term(item, list(taxonomy.regions), "region", asker) for item in _split(regions)]
    source = args.source if args.source is not None else asker.ask("Source document (e.g. A/58/227; empty for none): ", required=False)
    if source:
        meta["source"] = {"document": source}
        paragraphs = args.paragraphs if args.paragraphs is not None else asker.ask("Its paragraphs (comma-separated; empty for none): ", required=False)
        if paragraphs:
            meta["source"]["paragraphs"] = [_number(p) for p in _split(paragraphs)]
    return meta, slug


def _split(raw: str) -> list[str]:
    return [item.strip() for item in raw.split(",") if item.strip()]


def _number(raw: str) -> int:
    if not raw.isdigit():
        raise Abort(f"'{raw}' is not a paragraph number")
    return int(raw)


def _show_terms(asker: _Asker, heading: str, terms: dict) -> None:
    asker.show(f"{heading}:")
    for i, term in enumerate(terms.values(), 1):
        asker.show(f"  {i:2}. {term.id:32} {term.description}")


def _term(raw: str, known: list[str], noun: str, asker: _Asker) -> str:
    if raw.isdigit() and 1 <= int(raw) <= len(known):
        return known[int(raw) - 1]
    if raw in known:
        return raw
    same = [term for term in known if term.casefold() == raw.casefold()]
    if same:
        return _changed(raw, same[0], noun, asker)
    return _near_miss(raw, suggest(raw, known), noun, asker, lambda hint: hint.split("'")[1])


def _country(raw: str, asker: _Asker) -> str:
    if geography.is_country(raw):
        return raw
    if geography.is_country(raw.upper()):
        return _changed(raw, raw.upper(), "country code", asker)
    return _near_miss(raw, geography.country_hint(raw), "country code", asker, lambda _: geography.suggest_country(raw) or "")


def _changed(given: str, written: str, noun: str, asker: _Asker) -> str:
    asker.changes.append(f"wrote the {noun} '{written}' for '{given}'")
    return written


def _near_miss(raw: str, hint: str, noun: str, asker: _Asker, pick: Callable[[str], str]) -> str:
    if hint and asker.confirm(f"'{raw}' is not a known {noun}{hint}"):
        return pick(hint)
    raise Abort(f"'{raw}' is not a known {noun}{hint}")


def _partner(raw: str, taxonomy: Taxonomy, asker: _Asker) -> dict:
    name, sep, kind = raw.rpartition(":")
    if not sep or not name.strip():
        raise Abort(f"'{raw}' should be NAME:TYPE, e.g. 'UNICEF:un-entity'")
    return {"name": name.strip(), "type": _term(kind.strip(), list(taxonomy.partner_types), "partner type", asker)}
