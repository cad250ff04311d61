"""Load every case of a Casebook, validating all of them before anything is built."""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
import multiprocessing
import os
from pathlib import Path

from .model import Case, Lesson, ValidationContext
from .partners import REGISTRY_FILE, PartnerDirectory, RegistryEntry, load_registry
from .problems import ContentError, Problem
from .processes import can_fork
from .reading import Document, read_document
from .taxonomy import Taxonomy, load_taxonomy
from .translation import Translation, is_translation, translated, validate_translation
from .validation import alias_problems, slug_of, validate_document, validate_lesson

TAXONOMY_FILE = "taxonomy.yml"


@dataclass(frozen=True)
class Corpus:
    """The validated cases (sorted by slug), the vocabularies they use, the lessons they can name
    and who their partners are."""

    taxonomy: Taxonomy
    cases: tuple[Case, ...]
    lessons: dict[str, Lesson]
    partners: PartnerDirectory = field(default_factory=PartnerDirectory)
    translations: dict[str, dict[str, Translation]] = field(default_factory=dict)
    """Case slug -> language -> its translation (translation.py)."""

    def in_language(self, code: str) -> tuple[Case, ...]:
        """The cases as readers of `code` see them: translated where they are, as written elsewhere."""
        return tuple(translated(c, self.translations[c.slug][code]) if code in self.translations.get(c.slug, {}) else c for c in self.cases)

    def translated_slugs(self, code: str) -> frozenset[str]:
        return frozenset(slug for slug, by_language in self.translations.items() if code in by_language)


def case_files(cases_dir: Path) -> list[Path]:
    """The case files of a folder: `*.md`, except templates whose names start with '_' and translations."""
    return sorted(p for p in cases_dir.glob("*.md") if not p.name.startswith("_") and not is_translation(p))


def translation_files(cases_dir: Path) -> list[Path]:
    """The translations of cases in a folder: `<slug>.<language>.md`."""
    return sorted(p for p in cases_dir.glob("*.md") if not p.name.startswith("_") and is_translation(p))


def load_translations(paths: list[Path], slugs: set[str], base: Path | None = None) -> tuple[dict[str, dict[str, Translation]], list[Problem]]:
    """The translations, by case and language; `slugs` are the cases that have a file, valid or not."""
    found: dict[str, dict[str, Translation]] = {}
    problems: list[Problem] = []
    for path in paths:
        translation, trouble = validate_translation(path, display_path(path, base), slugs)
        problems += trouble
        if translation is not None:
            found.setdefault(translation.slug, {})[translation.language] = translation
    return found, problems


def lesson_files(lessons_dir: Path | None) -> list[Path]:
    """The lesson pages: `*.md` except the section's index page and templates."""
    if lessons_dir is None or not lessons_dir.is_dir():
        return []
    return sorted(p for p in lessons_dir.glob("*.md") if p.stem != "index" and not p.name.startswith("_"))


def load_lessons(
    paths: list[Path], context: ValidationContext, base: Path | None = None, src_prefix: str = "lessons"
) -> tuple[dict[str, Lesson], list[Problem]]:
    """Validate lesson pages; `src_prefix` is their folder inside the docs folder."""
    lessons, problems = {}, []
    for path in paths:
        lesson, found = validate_lesson(path, display_path(path, base), f"{src_prefix}/{path.name}", context)
        problems.extend(found)
        if lesson is not None:
            lessons[lesson.id] = lesson
    return lessons, problems


def display_path(path: Path, base: Path | None) -> str:
    """A path as people should see it: relative to `base` (the project folder) where possible."""
    try:
        relative = Path(os.path.relpath(path, base or Path.cwd())).as_posix()
    except ValueError:
        relative = ".."
    return path.resolve().as_posix() if relative.startswith("..") else relative


def load_corpus(
    cases_dir: Path,
    *,
    lessons_dir: Path | None = None,
    lessons_src: str = "lessons",
    taxonomy_path: Path | None = None,
    base: Path | None = None,
    parallel: bool = False,
) -> Corpus:
    """Load and validate the taxonomy and every case; raise ContentError with every problem found.

    With `parallel`, many case files are read by two processes (never in a process that runs threads)."""
    taxonomy_path = taxonomy_path or cases_dir / TAXONOMY_FILE
    taxonomy = load_taxonomy(taxonomy_path, display_path(taxonomy_path, base))
    # A case may name a lesson whose page has problems: those are reported at the lesson.
    lesson_ids = frozenset(p.stem for p in lesson_files(lessons_dir))
    context = ValidationContext(taxonomy, lesson_ids)
    lessons, problems = load_lessons(lesson_files(lessons_dir), context, base, lessons_src)
    registry: list[RegistryEntry] = []
    registry_path = cases_dir / REGISTRY_FILE
    if registry_path.is_file():
        try:
            registry = load_registry(registry_path, display_path(registry_path, base), taxonomy.partner_types)
        except ContentError as e:
            problems += e.problems
    files = case_files(cases_dir)
    cases, found = check_files(files, context, base, parallel=parallel)
    problems += found + alias_problems(cases)
    translations, found = load_translations(translation_files(cases_dir), {slug_of(p) for p in files}, base)
    problems += found
    if problems:
        raise ContentError(problems)
    directory = PartnerDirectory.build(registry, (p.name for case in cases for p in case.meta.partners))
    cases = [replace(case, partner_ids=tuple(directory.id_of(p.name) for p in case.meta.partners)) for case in cases]
    return Corpus(taxonomy, tuple(cases), lessons, directory, translations)


def check_files(paths: list[Path], context: ValidationContext, base: Path | None = None, *, parallel: bool = False) -> tuple[list[Case], list[Problem]]:
    """Validate the given case files (not a whole folder); for the command line and editors."""
    cases, problems = [], []
    for path, doc in zip(paths, read_documents(paths, _display_paths(paths, base), parallel=parallel), strict=True):
        case, found = validate_document(doc, slug_of(path), context)
        problems.extend(found)
        if case is not None:
            cases.append(case)
    return cases, problems


def _display_paths(paths: list[Path], base: Path | None) -> list[str]:
    """`display_path` of each file, with one relpath per folder: thousands of files share one."""
    folders: dict[Path, str] = {}
    shown = []
    for path in paths:
        folder = folders.get(path.parent)
        if folder is None:
            folder = folders[path.parent] = display_path(path.parent, base)
        shown.append(display_path(path, base) if folder.startswith("/") else path.name if folder == "." else f"{folder}/{path.name}")
    return shown


def read_documents(paths: list[Path], shown: list[str], *, parallel: bool = False) -> list[Document]:
    """Read and parse files; with `parallel` and PARALLEL_FROM files or more, a forked process reads half.

    Reading is three quarters of loading; parsed documents are plain data, quick to send back
    (validated cases are not: unpickling pydantic models costs more than validating them)."""
    if not parallel or len(paths) < PARALLEL_FROM or not can_fork():
        return _read_all(paths, shown)
    half = len(paths) // 2
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as pool:
        theirs = pool.submit(_read_all, paths[half:], shown[half:])
        mine = _read_all(paths[:half], shown[:half])
        return mine + theirs.result()


def _read_all(paths: list[Path], shown: list[str]) -> list[Document]:
    return [read_document(path, name) for path, name in zip(paths, shown, strict=True)]


_worker_state: tuple[ValidationContext, Path | None] | None = None
PARALLEL_FROM = 400
"""Below this many files, starting worker processes costs more than it saves."""


def _init_worker(context: ValidationContext, base: Path | None) -> None:
    global _worker_state
    _worker_state = (context, base)


PartnerUse = tuple[str, str, int, str]
"""A partner's name as a case spells it, where: (name, path, line, field)."""


def partner_uses(cases: list[Case]) -> list[PartnerUse]:
    return [(p.name, case.path, case.lines.get(("partners", i, "name"), 1), f"partners[{i}].name") for case in cases for i, p in enumerate(case.meta.partners)]


def _check_chunk(paths: list[Path]) -> tuple[int, list[Problem], list[PartnerUse]]:
    assert _worker_state is not None
    cases, problems = check_files(paths, *_worker_state)
    return len(cases), problems, partner_uses(cases)


def count_valid(paths: list[Path], context: ValidationContext, base: Path | None = None) -> tuple[int, list[Problem], list[PartnerUse]]:
    """How many files are valid cases, every problem, and how their partners are spelt: what
    `casebook check` needs, without the cases.

    Many files are validated in parallel processes (fork), as the verdicts are all that comes back."""
    workers = min(os.cpu_count() or 1, 8)
    if len(paths) < PARALLEL_FROM or not can_fork():
        cases, problems = check_files(paths, context, base)
        return len(cases), problems, partner_uses(cases)
    size = -(-len(paths) // (workers * 4))
    chunks = [paths[i : i + size] for i in range(0, len(paths), size)]
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"), initializer=_init_worker, initargs=(context, base)) as pool:
        results = list(pool.map(_check_chunk, chunks))
    return sum(n for n, _, _ in results), [p for _, found, _ in results for p in found], [u for _, _, uses in results for u in uses]
