"""The `casebook` command: check cases without building the site."""

from __future__ import annotations

import argparse
from pathlib import Path
import sys

from .corpus import case_files, check_files, display_path, lesson_files, load_lessons
from .model import ValidationContext
from .problems import ContentError, Problem, format_problems
from .project import find_project
from .taxonomy import load_taxonomy


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="casebook", description="Casebook: partnership case studies and lessons learned.")
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="the site's mkdocs.yml (default: ./mkdocs.yml)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser("check", help="validate case files and report every problem", description="Validate case files against the content model and the vocabularies; exit 1 on any problem.")
    check.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="case files or folders (default: the cases folder)")
    check.set_defaults(run=_check)

    args = parser.parse_args(argv)
    return args.run(args)


def _check(args: argparse.Namespace) -> int:
    project = find_project(args.config)
    try:
        taxonomy = load_taxonomy(project.taxonomy, display_path(project.taxonomy, None))
    except ContentError as e:
        print(e, file=sys.stdout)
        return 1
    defaults = [project.cases_dir] + ([project.lessons_dir] if project.lessons_dir.is_dir() else [])
    paths, problems = _case_paths(args.paths or defaults, project.lessons_dir)
    lesson_dir = project.lessons_dir.resolve()
    lesson_paths = [p for p in paths if p.resolve().parent == lesson_dir]
    case_paths = [p for p in paths if p.resolve().parent != lesson_dir]
    context = ValidationContext(taxonomy, frozenset(p.stem for p in lesson_files(project.lessons_dir)))
    lessons, found = load_lessons(lesson_paths, context)
    problems += found
    cases, found = check_files(case_paths, context)
    problems += found
    if problems:
        print(format_problems(sorted(problems)))
        return 1
    print(f"{_count(len(cases), 'case')}{' and ' + _count(len(lessons), 'lesson') if lessons else ''} checked: no problems.")
    return 0


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _case_paths(paths: list[Path], lessons_dir: Path) -> tuple[list[Path], list[Problem]]:
    found, problems = [], []
    for path in paths:
        if path.is_dir():
            found += case_files(path) if path.resolve() != lessons_dir.resolve() else lesson_files(path)
        elif path.is_file():
            found.append(path)
        else:
            problems.append(Problem(display_path(path, None), 1, "file", "does not exist"))
    return found, problems


if __name__ == "__main__":
    sys.exit(main())
