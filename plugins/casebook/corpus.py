"""Load every case of a Casebook, validating all of them before anything is built."""

from __future__ import annotations

from dataclasses import dataclass
import os
from pathlib import Path

from .model import Case, ValidationContext
from .problems import ContentError, Problem
from .reading import read_document
from .taxonomy import Taxonomy, load_taxonomy
from .validation import validate_file

TAXONOMY_FILE = "taxonomy.yml"


@dataclass(frozen=True)
class Lesson:
    """A lesson page (`lessons/<id>.md` in the docs folder) that cases can name."""

    id: str
    title: str
    src_uri: str


@dataclass(frozen=True)
class Corpus:
    """The validated cases (sorted by slug), the vocabularies they use and the lessons they can name."""

    taxonomy: Taxonomy
    cases: tuple[Case, ...]
    lessons: dict[str, Lesson]


def case_files(cases_dir: Path) -> list[Path]:
    """The case files of a folder: `*.md`, except templates whose names start with '_'."""
    return sorted(p for p in cases_dir.glob("*.md") if not p.name.startswith("_"))


def load_lessons(lessons_dir: Path | None) -> dict[str, Lesson]:
    """The lesson pages, titled by their front matter `title` or their first heading."""
    if lessons_dir is None or not lessons_dir.is_dir():
        return {}
    lessons = {}
    for path in sorted(lessons_dir.glob("*.md")):
        if path.stem == "index" or path.name.startswith("_"):
            continue
        doc = read_document(path, require_front_matter=False)
        title = (doc.data or {}).get("title") if not doc.problems else None
        if not isinstance(title, str):
            title = next((line[2:].strip() for line in doc.body.splitlines() if line.startswith("# ")), path.stem.replace("-", " ").capitalize())
        lessons[path.stem] = Lesson(path.stem, title, f"lessons/{path.name}")
    return lessons


def display_path(path: Path, base: Path | None) -> str:
    """A path as people should see it: relative to `base` (the project folder) where possible."""
    try:
        relative = Path(os.path.relpath(path, base or Path.cwd())).as_posix()
    except ValueError:
        relative = ".."
    return path.resolve().as_posix() if relative.startswith("..") else relative


def load_corpus(cases_dir: Path, *, lessons_dir: Path | None = None, taxonomy_path: Path | None = None, base: Path | None = None) -> Corpus:
    """Load and validate the taxonomy and every case; raise ContentError with every problem found."""
    taxonomy_path = taxonomy_path or cases_dir / TAXONOMY_FILE
    taxonomy = load_taxonomy(taxonomy_path, display_path(taxonomy_path, base))
    lessons = load_lessons(lessons_dir)
    cases, problems = check_files(case_files(cases_dir), ValidationContext(taxonomy, frozenset(lessons)), base)
    if problems:
        raise ContentError(problems)
    return Corpus(taxonomy, tuple(cases), lessons)


def check_files(paths: list[Path], context: ValidationContext, base: Path | None = None) -> tuple[list[Case], list[Problem]]:
    """Validate the given case files (not a whole folder); for the command line and editors."""
    cases, problems = [], []
    for path in paths:
        case, found = validate_file(path, display_path(path, base), context)
        problems.extend(found)
        if case is not None:
            cases.append(case)
    return cases, problems
