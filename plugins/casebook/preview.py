"""A preview's memory from one build to the next (`mkdocs serve`): what the last good build was
made of, so that the next one renders again only the outputs whose inputs an edit changed, and
what shows in the served pages while an edit leaves the content with problems.

The last good build is kept whole: its corpus, renderers and registry, its inputs' fingerprints
(inputs.py), and the HTML of its shells, which a build that does not render them again still fills. When the site itself changes (settings, vocabularies,
partner registry, templates, messages, the theme's overrides, the build's date), nothing is
kept: the next build is a whole one.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
import hashlib
import json
from pathlib import Path
import shutil
import tempfile

from markupsafe import Markup

from . import inputs
from .addresses import Addresses
from .corpus import Change, Corpus, Loader
from .languages import language, language_of
from .registry import Frame, Kind, Output, Registry
from .render.authored import AuthoredPage
from .render.jinja import CompiledOnce
from .search_index import document_file


@dataclass(frozen=True)
class Plan:
    """What one build of a preview renders: all of it, or only the outputs at `wanted`."""

    whole: bool
    wanted: frozenset[str]
    removed: tuple[Output, ...]
    """The last build's outputs that this one no longer has: their files go."""
    shells: frozenset[str] = frozenset()
    """Kept shells that must be rendered again (their pages are wanted too): see Preview.stale_shells."""


@dataclass
class Preview:
    loader: Loader | None = None
    site: Hashable = None
    """The fingerprint of the site itself (site_fingerprint) in the last good build."""
    corpus: Corpus | None = None
    renderers: list = field(default_factory=list)
    registry: Registry | None = None
    prints: dict[str, int] = field(default_factory=dict)
    users: dict[str, set[str]] = field(default_factory=dict)
    """Input -> the addresses of the outputs made from it."""
    items: dict[str, dict[tuple, Markup]] = field(default_factory=dict)
    """Language -> the rows of listings rendered so far (Renderer.rows)."""
    frames: dict[str, str] = field(default_factory=dict)
    """A shell's source -> its HTML in the last build that rendered it."""
    problems: list[str] = field(default_factory=list)
    """What the last edit broke, a line each (`path:line: field: message`, or two sources that
    want one address); shown in every page until it is mended."""
    documents: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="casebook-search-")))
    """The search documents, kept from one build to the next: only those an edit touched are written."""
    compiled: CompiledOnce = field(default_factory=CompiledOnce)
    """The theme's templates as Jinja compiled them: the site generator makes a new theme
    environment for each build, which would otherwise compile Material's templates again."""
    sitemap: tuple | None = None
    """What the last build's sitemap was made of (the site generator's, the pages of each shell,
    the pages of each language), and Casebook's sitemap with its gzip."""
    written: set[str] = field(default_factory=set)
    """The files the site generator wrote in the last build (the author's pages and files among them)."""
    authored: tuple = ()
    """Which pages the author had in the last build, and their markers."""
    addresses: Addresses | None = None
    """The addresses the last good build claimed (addresses.py)."""
    dates_key: Hashable = None
    dates: dict = field(default_factory=dict)

    def plan(self, registry: Registry, prints: dict[str, int], site: Hashable, changed: Iterable[str] | None = None) -> Plan:
        """Which outputs to render again: all after a change of the site; otherwise those that are
        new, that name other inputs than they did, or one of whose inputs' fingerprints changed.
        When only the `changed` inputs can have changed (the same registry), only their users are looked at."""
        if site != self.site or self.registry is None:
            return Plan(True, frozenset(registry.outputs), ())
        if changed is not None and registry is self.registry:
            wanted = {address for name in changed if prints.get(name) != self.prints.get(name) for address in self.users.get(name, ())}
        else:
            moved = self.moved(prints)
            earlier = self.registry.outputs
            wanted = {
                address for address, output in registry.outputs.items()
                # An output taken over from the last registry (registry.Units) is one that nothing moved.
                if (before := earlier.get(address)) is not output
                and (before is None or before.inputs != output.inputs or not moved.isdisjoint(output.inputs))
            }  # fmt: skip
        shells = self.stale_shells(registry)
        wanted.update(output.address for src_uri in shells for output in registry.framed(src_uri))
        removed = tuple(output for address, output in self.registry.outputs.items() if address not in registry.outputs)
        return Plan(False, frozenset(wanted), removed, shells)

    def stale_shells(self, registry: Registry) -> frozenset[str]:
        """The kept shells whose language switcher now links elsewhere: the same shell came or went
        in another language (a list in French gained its first further page, and English's shell of
        further pages must now link to French's)."""
        assert self.registry is not None
        if registry.frames.keys() == self.registry.frames.keys():
            return frozenset()

        def path(frame: Frame) -> str:  # its address within its language
            return frame.url.removeprefix(language(language_of(frame.url)).prefix)

        def languages(frames: dict[str, Frame]) -> dict[str, set[str]]:
            found: dict[str, set[str]] = {}
            for frame in frames.values():
                found.setdefault(path(frame), set()).add(language_of(frame.url))
            return found

        before, now = languages(self.registry.frames), languages(registry.frames)
        return frozenset(src for src, frame in registry.frames.items() if src in self.registry.frames and before[path(frame)] != now[path(frame)])

    def moved(self, prints: dict[str, int]) -> frozenset[str]:
        """The inputs whose fingerprints are not the last good build's (gone ones too)."""
        return frozenset({name for name, value in prints.items() if self.prints.get(name) != value} | (self.prints.keys() - prints.keys()))

    def fingerprints(self, renderers: list, registry: Registry | None, change: Change | None, authored: Iterable[AuthoredPage]) -> dict[str, int]:
        """Every input's fingerprint in this build (inputs.py); with the last build's registry, only
        cases' texts and the author's pages can have changed, and only theirs are worked out again."""
        assert self.loader is not None
        documents = {page.src_uri: hash(page.markdown) for page in authored}
        if registry is not self.registry or not self.prints:
            return inputs.fingerprints(renderers, self.loader.content_version, self.loader.facts_version, documents)
        prints, options = dict(self.prints), renderers[0].options
        for slug in change.cases if change else ():
            prints[inputs.case(slug)] = inputs.case_fingerprint(self.loader.content_version(slug), options.dates.get(slug), options.edit_urls.get(slug))
        for src_uri, version in documents.items():
            prints[inputs.document(src_uri)] = hash(version)
        return prints

    def keep(self, corpus: Corpus, renderers: list, registry: Registry, prints: dict[str, int], site: Hashable) -> None:
        """The build succeeded: it is the last good one."""
        if registry is not self.registry:
            earlier = self.registry.outputs if self.registry is not None and site == self.site else {}
            if not earlier:
                self.users = {}
            # Only the outputs that are new, gone, or name other inputs change who uses what.
            for address, output in earlier.items():
                after = registry.outputs.get(address)
                if after is None or after.inputs != output.inputs:
                    for name in output.inputs:
                        self.users[name].discard(address)
            for address, output in registry.outputs.items():
                before = earlier.get(address)
                if before is None or before.inputs != output.inputs:
                    for name in output.inputs:
                        self.users.setdefault(name, set()).add(address)
        self.corpus, self.renderers, self.registry, self.prints, self.site = corpus, renderers, registry, prints, site


def site_fingerprint(files: Iterable[Path], *values: Hashable) -> str:
    """A fingerprint of the site itself: the contents of `files` (settings, vocabularies, templates,
    messages...) and `values` (the build's date, the lessons there are)."""
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(set(files)):
        digest.update(str(path).encode("utf-8"))
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"\0missing")
    digest.update(repr(values).encode("utf-8"))
    return digest.hexdigest()


def files_under(*folders: Path) -> list[Path]:
    return [path for folder in folders if folder.is_dir() for path in folder.rglob("*") if path.is_file()]


def remove(outputs: Iterable[Output], site_dir: Path, documents: Path) -> None:
    """The files of outputs that the site no longer has: a deleted case's pages, its search document."""
    for output in outputs:
        if output.kind is Kind.SEARCH:
            document_file(documents, output.bundle, output.url).unlink(missing_ok=True)
        elif output.kind is not Kind.PART:
            path = site_dir / output.address
            path.unlink(missing_ok=True)
            prune(path.parent, site_dir)


def remove_files(paths: Iterable[str], site_dir: Path) -> None:
    """Files of the site that its last build wrote and this one does not (an author's deleted page)."""
    for name in paths:
        path = site_dir / name
        path.unlink(missing_ok=True)
        prune(path.parent, site_dir)


def empty(site_dir: Path) -> None:
    """Empty the site folder, as MkDocs does before a clean build."""
    if site_dir.is_dir():
        for entry in site_dir.iterdir():
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()


def prune(folder: Path, site_dir: Path) -> None:
    """Remove `folder` and its parents up to the site's, while they are empty."""
    while folder != site_dir and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


PROBLEMS_SCRIPT = Path(__file__).parent / "assets" / "problems.js"


def problems_script(problems: list[str]) -> str:
    """A script, added to the one that every page loads, that shows the problems over the page,
    as Hugo and Vite show theirs, until an edit mends them."""
    return f"\nwindow.casebookProblems = {json.dumps(problems, ensure_ascii=True)};\n" + PROBLEMS_SCRIPT.read_text("utf-8")
