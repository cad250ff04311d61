"""Load every case of a Casebook, validating all of them before anything is built."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
import multiprocessing
import os
from pathlib import Path
from typing import Any, TypeVar

from .model import Case, Lesson, ValidationContext
from .partners import REGISTRY_FILE, PartnerDirectory, RegistryEntry, load_registry
from .problems import ContentError, Problem
from .processes import can_fork
from .reading import Document, read_document
from .taxonomy import Taxonomy, load_taxonomy
from .translation import Translation, is_translation, translated, validate_translation
from .validation import alias_problems, slug_of, validate_document, validate_lesson

T = TypeVar("T")

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
    loader = Loader(cases_dir, lessons_dir=lessons_dir, lessons_src=lessons_src, taxonomy_path=taxonomy_path, base=base)
    return loader.load(parallel=parallel)[0]


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


@dataclass(frozen=True)
class Change:
    """What a load found changed since the last one (Loader)."""

    cases: frozenset[str]
    """The cases whose file or one of whose translations changed, appeared or went."""
    facts: bool
    """Whether anything that other pages show of a case changed: its front matter, its
    translations' titles and summaries, which cases there are, or the lessons."""


class Loader:
    """Loads a corpus again and again, as a preview does after each edit: only the files that
    changed are read and validated again; the rest are kept from the last load, as long as the
    vocabularies and the lessons' ids, which validation depends on, stay the same.

    It counts versions of each case, for the preview to tell what an edit touched (inputs.py):
    `content` changes with any edit of a case or its translations, `facts` with an edit of what
    other pages show of it."""

    def __init__(self, cases_dir: Path, *, lessons_dir: Path | None, lessons_src: str, taxonomy_path: Path | None, base: Path | None):
        self.cases_dir, self.lessons_dir, self.lessons_src, self.base = cases_dir, lessons_dir, lessons_src, base
        self.taxonomy_path = taxonomy_path or cases_dir / TAXONOMY_FILE
        self._context_key: object = None
        self._read: dict[Path, tuple[tuple[int, int], Case | Translation | None, list[Problem]]] = {}
        self.corpus: Corpus | None = None
        self._content: dict[str, int] = {}
        self._facts: dict[str, int] = {}
        self._counter = 0
        self._files: dict[Path, tuple[object, Any]] = {}

    def content_version(self, slug: str) -> int:
        return self._content[slug]

    def facts_version(self, slug: str) -> int:
        return self._facts[slug]

    def load(self, *, parallel: bool = False) -> tuple[Corpus, Change]:
        """The corpus as the files now are, and what changed; raise ContentError with every problem.
        With `parallel`, many files to read are read by two processes (read_documents)."""
        taxonomy = self._unless_unchanged(self.taxonomy_path, lambda: load_taxonomy(self.taxonomy_path, display_path(self.taxonomy_path, self.base)))
        lesson_paths = lesson_files(self.lessons_dir)
        # A case may name a lesson whose page has problems: those are reported at the lesson.
        context = ValidationContext(taxonomy, frozenset(p.stem for p in lesson_paths))
        key = (taxonomy, context.lessons)
        if key != self._context_key:
            self._read.clear()
            self._context_key = key
        lessons, problems = load_lessons(lesson_paths, context, self.base, self.lessons_src)
        registry: list[RegistryEntry] = []
        registry_path = self.cases_dir / REGISTRY_FILE
        if registry_path.is_file():
            try:
                registry = self._unless_unchanged(registry_path, lambda: load_registry(registry_path, display_path(registry_path, self.base), taxonomy.partner_types), taxonomy)
            except ContentError as e:
                problems += e.problems
        stamps, translation_stamps = self._scan()
        files = sorted(stamps)
        stale = [path for path in files if path not in self._read or self._read[path][0] != stamps[path]]
        for path, doc in zip(stale, read_documents(stale, _display_paths(stale, self.base), parallel=parallel), strict=True):
            self._read[path] = (stamps[path], *validate_document(doc, slug_of(path), context))
        cases: list[Case] = []
        for path in files:
            _, case, found = self._read[path]
            problems += found
            if isinstance(case, Case):
                cases.append(case)
        problems += alias_problems(cases)
        slugs = {slug_of(p) for p in files}
        translations: dict[str, dict[str, Translation]] = {}
        for path in sorted(translation_stamps):
            translation, found = self._translation(path, slugs, translation_stamps[path])
            problems += found
            if translation is not None:
                translations.setdefault(translation.slug, {})[translation.language] = translation
        live = stamps.keys() | translation_stamps.keys()
        for gone in [p for p in self._read if p not in live]:
            del self._read[gone]
        if problems:
            raise ContentError(problems)
        corpus, change = self._assemble(taxonomy, cases, lessons, registry, translations)
        self.corpus = corpus
        return corpus, change

    def count_from(self, corpus: Corpus) -> None:
        """The next load's changes are counted from `corpus` (a preview's last good build, which it
        serves again when an edit it loaded breaks the site)."""
        self.corpus = corpus

    def _unless_unchanged(self, path: Path, load: Callable[[], T], *depends: object) -> T:
        """What `load` makes of a file, kept while the file (its modification time and size) and
        what its reading `depends` on stay the same; a file with problems is read again each time."""
        try:
            stat = path.stat()
            key: object = (stat.st_mtime_ns, stat.st_size, *depends)
        except OSError:
            key = None
        kept = self._files.get(path)
        if key is not None and kept is not None and kept[0] == key:
            return kept[1]
        made = load()
        self._files[path] = (key, made)
        return made

    def _scan(self) -> tuple[dict[Path, tuple[int, int]], dict[Path, tuple[int, int]]]:
        """The case files and the translations (as case_files and translation_files find them), each
        with its modification time and size: one pass over the folder, as a preview makes at every edit."""
        cases: dict[Path, tuple[int, int]] = {}
        translations: dict[Path, tuple[int, int]] = {}
        if not self.cases_dir.is_dir():
            return cases, translations
        with os.scandir(self.cases_dir) as entries:
            for entry in entries:
                if not entry.name.endswith(".md") or entry.name.startswith("_") or not entry.is_file():
                    continue
                path, stat = self.cases_dir / entry.name, entry.stat()
                (translations if is_translation(path) else cases)[path] = (stat.st_mtime_ns, stat.st_size)
        return cases, translations

    def _translation(self, path: Path, slugs: set[str], stamp: tuple[int, int]) -> tuple[Translation | None, list[Problem]]:
        kept = self._read.get(path)
        if kept is not None and kept[0] == stamp and isinstance(kept[1], Translation) and kept[1].slug in slugs:
            return kept[1], kept[2]
        translation, problems = validate_translation(path, display_path(path, self.base), slugs)
        self._read[path] = (stamp, translation, problems)
        return translation, problems

    def _assemble(
        self, taxonomy: Taxonomy, cases: list[Case], lessons: dict[str, Lesson], registry: list[RegistryEntry], translations: dict[str, dict[str, Translation]]
    ) -> tuple[Corpus, Change]:
        before = self.corpus
        old = {c.slug: c for c in before.cases} if before else {}
        shown = {slug: {code: (t.title, t.summary) for code, t in by_language.items()} for slug, by_language in translations.items()}
        old_shown = {slug: {code: (t.title, t.summary) for code, t in by_language.items()} for slug, by_language in before.translations.items()} if before else {}
        changed, facts = set(), before is None or lessons != before.lessons or taxonomy != before.taxonomy or set(old) != {c.slug for c in cases}
        for case in cases:
            previous = old.get(case.slug)
            same_text = previous is not None and previous.body == case.body and before is not None and before.translations.get(case.slug) == translations.get(case.slug)
            same_facts = previous is not None and previous.meta == case.meta and old_shown.get(case.slug) == shown.get(case.slug)
            if previous is None or not (same_text and same_facts):
                changed.add(case.slug)
                self._counter += 1
                self._content[case.slug] = self._counter
                if not same_facts:
                    self._facts[case.slug] = self._counter
                    facts = True
        changed |= set(old) - {c.slug for c in cases}
        if before is not None and not facts and registry == before.partners.registry:
            # The same partners with the same names: each case keeps its partners' identities.
            directory = before.partners
            cases = [replace(case, partner_ids=old[case.slug].partner_ids) if case.slug in changed else old[case.slug] for case in cases]
        else:
            names = tuple(p.name for case in cases for p in case.meta.partners)
            named_before = tuple(p.name for case in before.cases for p in case.meta.partners) if before is not None else None
            # The same names in the same order, with the same registry: the same partners (PartnerDirectory.build).
            same = before is not None and registry == before.partners.registry and names == named_before
            directory = before.partners if before is not None and same else PartnerDirectory.build(registry, names)
            made = [replace(case, partner_ids=tuple(directory.id_of(p.name) for p in case.meta.partners)) for case in cases]
            # A case equal to the last build's is that same object: what was worked out from it can
            # be told kept by identity (related.py).
            cases = [old[case.slug] if old.get(case.slug) == case else case for case in made]
            facts = True
        return Corpus(taxonomy, tuple(cases), lessons, directory, translations), Change(frozenset(changed), facts)
