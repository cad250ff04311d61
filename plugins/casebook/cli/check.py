"""`casebook check`: the build's validation, without building, for people, GitHub and tools."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from ..corpus import case_files, count_valid, display_path, lesson_files, load_lessons, load_translations, translation_files
from ..languages import DEFAULT, catalogue_file, untranslated
from ..model import ValidationContext
from ..partners import REGISTRY_FILE, Likeness, PartnerDirectory, RegistryEntry, likenesses, load_registry
from ..problems import ContentError, Problem, format_problems
from ..project import find_project
from ..reading import read_yaml
from ..render.overrides import Misnamed, misnamed
from ..taxonomy import VOCABULARIES, Taxonomy, load_taxonomy
from ..translation import is_translation
from ..validation import slug_of


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "check",
        help="validate case and lesson files and report every problem",
        description="Validate case and lesson files against the content model and the vocabularies, and the site's "
        "templates in custom_dir/casebook/; exit 1 on any problem, or on a template there that replaces none of Casebook's.",
    )
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="case or lesson files or folders (default: all of them)")
    parser.add_argument(
        "--format", choices=("text", "github", "json"), default="text",
        help="text (path:line: field: message), github (Actions annotations) or json",
    )  # fmt: skip
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    project = find_project(args.config)
    try:
        taxonomy = load_taxonomy(project.taxonomy, display_path(project.taxonomy, None))
    except ContentError as e:
        return _report(e.problems, 0, 0, args.format)
    defaults = [project.cases_dir] + ([project.lessons_dir] if project.lessons_dir.is_dir() else [])
    paths, problems = _case_paths(args.paths or defaults, project.lessons_dir)
    lesson_dir = project.lessons_dir.resolve()
    in_lessons = {folder: folder.resolve() == lesson_dir for folder in {p.parent for p in paths}}
    lesson_paths = [p for p in paths if in_lessons[p.parent]]
    case_paths = [p for p in paths if not in_lessons[p.parent] and not is_translation(p)]
    translation_paths = [p for p in paths if not in_lessons[p.parent] and is_translation(p)]
    context = ValidationContext(taxonomy, frozenset(p.stem for p in lesson_files(project.lessons_dir)))
    lessons, found = load_lessons(lesson_paths, context)
    problems += found
    valid, found, uses = count_valid(case_paths, context)
    problems += found
    _, found = load_translations(translation_paths, {slug_of(p) for p in case_files(project.cases_dir)})
    problems += found
    registry: list[RegistryEntry] = []
    registry_path = project.cases_dir / REGISTRY_FILE
    if registry_path.is_file():
        try:
            registry = load_registry(registry_path, display_path(registry_path, None), taxonomy.partner_types)
        except ContentError as e:
            problems += e.problems
    suggestions = likenesses(uses, PartnerDirectory.build(registry, (name for name, *_ in uses)))
    missing = missing_translations(project.languages, taxonomy, project.taxonomy) if not args.paths else []
    unused = misnamed(project.custom_dir) if not args.paths else []
    return _report(problems, valid, len(lessons), args.format, suggestions, missing, unused)


def missing_translations(languages: tuple[str, ...], taxonomy: Taxonomy, taxonomy_file: Path) -> list[Problem]:
    """What the site's other languages show as written, for want of a translation: the interface's
    messages (locale/<code>/LC_MESSAGES/casebook.po) and the vocabulary's labels and descriptions."""
    found = []
    taxonomy_path = display_path(taxonomy_file, None)
    doc = read_yaml(taxonomy_file, taxonomy_path)
    for code in languages:
        if code == DEFAULT:
            continue
        messages = display_path(catalogue_file(code), None)
        for message, line in untranslated(code):
            found.append(Problem(messages, line, "msgstr", f"no translation into '{code}' of \"{message}\""))
        for name in VOCABULARIES:
            for i, term in enumerate(taxonomy.vocabulary(name).values()):
                for field, texts in (("labels", term.labels), ("descriptions", term.descriptions)):
                    if code not in texts:
                        line = doc.line_of((name, i, field))
                        found.append(Problem(taxonomy_path, line, f"{name}[{i}].{field}", f"'{term.id}' has no {field[:-1]} in '{code}'"))
    return found


def _report(
    problems: list[Problem], cases: int, lessons: int, style: str, suggestions: list[Likeness] | None = None, missing: list[Problem] | None = None,
    unused: list[Misnamed] | None = None,
) -> int:
    """Problems fail the check; suggestions (partners whose names look alike) and missing translations are only shown.

    A site's template that replaces none of Casebook's (`unused`) is a warning, as in the build; it
    fails the check too, as it fails `mkdocs build --strict`, which this project's builds all are."""
    problems, suggestions, missing, unused = sorted(problems), sorted(suggestions or [], key=lambda s: (s.path, s.line)), missing or [], unused or []
    failed = 1 if problems or unused else 0
    if style == "json":
        print(json.dumps({
            "ok": not failed,
            "checked": {"cases": cases, "lessons": lessons},
            "problems": [{"path": p.path, "line": p.line, "field": p.field, "message": p.message} for p in problems],
            "suggestions": [{"path": s.path, "line": s.line, "field": s.field, "message": str(s).split(": ", 2)[2]} for s in suggestions],
            "missing_translations": [{"path": p.path, "line": p.line, "field": p.field, "message": p.message} for p in missing],
            "unused_templates": [{"path": u.path, "message": u.message} for u in unused],
        }, ensure_ascii=False, indent=2))  # fmt: skip
        return failed
    if style == "github":
        for p in problems:
            print(github_annotation(p))
        for s in suggestions:
            print(github_annotation(Problem(s.path, s.line, s.field, str(s).split(": ", 2)[2]), level="notice"))
        for p in missing:
            print(github_annotation(p, level="notice"))
        for u in unused:
            print(f"::warning file={_property(u.path)}::{_data(str(u))}")
        print(_summary(problems, cases, lessons, len(unused)))
    else:
        for u in unused:
            print(u)
        print(format_problems(problems) if problems else _summary(problems, cases, lessons, len(unused)))
        if suggestions:
            print("Suggestions (not problems):")
            for s in suggestions:
                print(f"  {s}")
        if missing:
            print(f"Missing translations (not problems; shown as written until translated): {len(missing)}")
            for p in missing:
                print(f"  {p}")
    return failed


def _summary(problems: list[Problem], cases: int, lessons: int, unused: int = 0) -> str:
    if problems:
        return f"{_count(len(problems), 'problem')} in {_count(len({p.path for p in problems}), 'file')}."
    checked = f"{_count(cases, 'case')}{' and ' + _count(lessons, 'lesson') if lessons else ''} checked: no problems"
    return f"{checked}; {_count(unused, 'template')} of the site's replacing none of Casebook's." if unused else f"{checked}."


def github_annotation(problem: Problem, level: str = "error") -> str:
    """A GitHub Actions workflow command that shows the problem on its line of the pull request."""
    message = _data(problem.field + ": " + problem.message)
    return f"::{level} file={_property(problem.path)},line={problem.line},title={_property(problem.field)}::{message}"


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _case_paths(paths: list[Path], lessons_dir: Path) -> tuple[list[Path], list[Problem]]:
    found, problems = [], []
    for path in paths:
        if path.is_dir():
            found += case_files(path) + translation_files(path) if path.resolve() != lessons_dir.resolve() else lesson_files(path)
        elif path.is_file():
            found.append(path)
        else:
            problems.append(Problem(display_path(path, None), 1, "file", "does not exist"))
    return found, problems


