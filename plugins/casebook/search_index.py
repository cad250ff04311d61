"""The site's search index, made by Pagefind.

Pagefind splits the index into chunks and a query fetches only those it needs, so that no
page downloads anything that grows with the corpus when it loads. The same index serves the
catalogue, the header's search box and the catalogue's briefing of a page, so that they find the
same cases for the same words.

Each case is indexed once, in its own language. The default language's bundle (OUTPUT_DIR)
holds every case as written and the authored pages; the other languages' bundle
(LANGUAGES_DIR) holds their case translations and their own pages, in an index per language
(Pagefind splits them by `lang`). Their pages search it and merge the first into it in the
browser (assets/search.js), leaving out the originals of the cases translated into theirs: a
case not translated is listed once, as written, not copied into each language.

Pagefind reads a search document per page, without the theme around it, made from the sources:
a case's from the corpus (Renderer.search_document: title, summary, partners, facts, body's
words) with its search record (templates/search_record.html: filters, sort keys and the facts a
result shows); an authored page's from its Markdown (page_document). The second process writes
them first thing, and Pagefind indexes them while the site generator renders the pages; the
index is complete when the build is.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
import hashlib
from html import escape
from pathlib import Path
import re
import shutil
import subprocess
import threading

from .matching import markdown_text

OUTPUT_DIR = "pagefind"
"""The default language's bundle, in the site: every case as written, and the authored pages."""

LANGUAGES_DIR = "pagefind-languages"
"""The other languages' bundle, in the site: their case translations and their own pages. Not
under OUTPUT_DIR: Pagefind would not merge a bundle into one whose address starts with its own."""


def bundles(languages: int) -> list[str]:
    """The search bundles of a site in so many languages."""
    return [OUTPUT_DIR, LANGUAGES_DIR] if languages > 1 else [OUTPUT_DIR]

ALL_CASES = "ǂcasesǂ"
"""A word in every case's search document. A search without words makes Pagefind fetch every part
of the index; a search for this word fetches one, so a listing by filters alone stays small. It
starts and ends with a letter that no reader types (U+01C2), so that no query of theirs finds it,
even as the beginning of a word."""

THEME_NOISE = ".headerlink"
"""What pages carry that no reader searches for (the ¶ of heading anchors)."""


class SearchIndexError(RuntimeError):
    pass


@dataclass(frozen=True)
class SearchDocument:
    url: str
    """The page's address in the site (`cases/x/`), which a result links to (meta `url`)."""
    content: str
    """The page's content HTML."""
    kind: str
    """`case`, `lesson` or `page`: the catalogue asks for cases only, the header's box for all."""
    title: str
    record: str = ""
    """More for the index to read (a case's search record); its own title then comes from there."""

    def html(self, language: str) -> str:
        record = self.record or f'<span data-pagefind-meta="title">{escape(self.title)}</span>'
        where = f'<span data-pagefind-meta="url">{escape(self.url)}</span><span data-pagefind-filter="kind">{self.kind}</span>'
        hidden = f"<div hidden data-pagefind-ignore>{where}{record}</div>"
        every = f"<p>{ALL_CASES}</p>" if self.kind == "case" else ""
        return f'<!doctype html>\n<html lang="{escape(language)}"><head><meta charset="utf-8"><title>{escape(self.title)}</title></head>\n<body><main data-pagefind-body>\n{self.content}\n{every}{hidden}</main></body></html>\n'


def _executable() -> str:
    try:
        from pagefind_bin import get_executable
    except ImportError:
        raise SearchIndexError("cannot build the search index: Pagefind is not installed (pip install 'pagefind[bin]')") from None
    try:
        return str(get_executable())
    except FileNotFoundError as e:
        raise SearchIndexError(f"cannot build the search index: Pagefind's program is missing ({e})") from None


DOCUMENTS_DIR = ".casebook-search"
"""Where the search documents wait for Pagefind, a folder per bundle, inside the site folder (on
the disk the site is written to, which may be much quicker than the system's temporary folder);
removed once read."""


def document_file(documents: Path, bundle: str, url: str) -> Path:
    """Where a page's search document waits: one folder per bundle, a file named after the page's
    address, so that a preview rewrites only the documents of what an edit touched. A folder per
    page (which Pagefind would take addresses from) costs as much again to write as the files
    themselves, so each document carries its page's address instead (meta `url`)."""
    return documents / bundle / f"{hashlib.blake2b(url.encode('utf-8'), digest_size=10).hexdigest()}.html"


class Indexing:
    """Pagefind indexing the search documents of `folder`, a process per bundle (`folder/<bundle>`
    into `site_dir/<bundle>`), side by side.

    They start once `ready` returns (the documents are written: see render/late.py), waiting for
    that in a thread of its own, so that the site generator goes on meanwhile."""

    def __init__(
        self, folder: Path, site_dir: Path, bundles: Sequence[str], ready: Callable[[], None] | None = None, *, keep: bool = False, into: Path | None = None
    ):
        """`keep`: leave the documents for the next build (a preview's); `into`: write the bundles
        there rather than into the site."""
        self.outputs = [(into or site_dir) / bundle for bundle in bundles]
        self._folder, self._keep = folder, keep
        self._processes: list[tuple[Path, subprocess.Popen[str]]] = []
        self._error: Exception | None = None
        self._stopped = False
        self._finishing = False
        self._lock = threading.Lock()
        """finish() and abandon(), asked from two threads, agree on who stops the processes."""
        executable = _executable()
        self._commands = [
            (output, [
                executable, "--site", str(folder / bundle), "--output-path", str(output),
                "--exclude-selectors", THEME_NOISE, "--silent",
            ])
            for bundle, output in zip(bundles, self.outputs, strict=True)
        ]  # fmt: skip
        self._thread = threading.Thread(target=self._start, args=(ready,), name="casebook-search-index", daemon=True)
        self._thread.start()

    def _start(self, ready: Callable[[], None] | None) -> None:
        output = self.outputs[0]
        try:
            if ready is not None:
                ready()
            for output, command in self._commands:
                if self._stopped:
                    return
                self._processes.append((output, subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)))
        except OSError as e:
            self._error = SearchIndexError(f"cannot write {output}: {e.strerror or e}")
        except Exception as e:  # the documents could not be written: reported by whoever wrote them
            self._error = e

    def finish(self) -> None:
        self._thread.join()
        with self._lock:
            if self._stopped:
                raise SearchIndexError("the search index was stopped")
            processes = list(self._processes)  # left in place meanwhile, for abandon() to stop from another thread
            self._finishing = True
        try:
            if self._error is not None:
                raise self._error
            assert len(processes) == len(self._commands)
            for output, process in processes:
                said, _ = process.communicate()
                if process.returncode != 0:
                    reason = " ".join(said.split()) or f"Pagefind exited with code {process.returncode}"
                    raise SearchIndexError(f"cannot write {output}: {reason}")
        finally:
            for _, process in processes:
                _stop(process)
            self._processes = []
            if not self._keep:
                shutil.rmtree(self._folder, ignore_errors=True)

    def abandon(self) -> None:
        """Stop, and leave no documents behind; asked again, do nothing. Asked from another thread
        while finish() waits for Pagefind (a preview's next edit), its processes are killed, and
        finish() ends with an error, which the one who abandoned expects."""
        self._stopped = True
        self._thread.join()
        with self._lock:
            finishing, processes = self._finishing, list(self._processes)
            if not finishing:
                self._processes = []
        for _, process in processes:
            if not finishing:
                _stop(process)
            elif process.poll() is None:
                process.kill()  # finish() reads what it said, and reaps it
        if not finishing and not self._keep:
            shutil.rmtree(self._folder, ignore_errors=True)


STAGING = ".casebook-search-next"
"""Where a preview's search index is made again, in the site folder, before it takes the old one's place."""


class Reindexing:
    """A preview's search index made again from its kept documents: Pagefind writes into a folder
    of the site's, which then takes each bundle's place whole, so that readers search the last
    index meanwhile, never a half-written one. Stopped when another edit comes: the next build
    makes it again, with that edit's documents too."""

    def __init__(self, documents: Path, site_dir: Path, bundles: Sequence[str]):
        self.documents, self.site_dir, self.bundles = documents, site_dir, list(bundles)
        self._indexing: Indexing | None = None
        self._stopped = threading.Event()

    def run(self) -> None:
        staging = self.site_dir / STAGING
        shutil.rmtree(staging, ignore_errors=True)
        try:
            self._indexing = Indexing(self.documents, self.site_dir, self.bundles, keep=True, into=staging)
            if self._stopped.is_set():  # stop() came before there was an index to abandon
                self._indexing.abandon()
                return
            self._indexing.finish()
            if self._stopped.is_set():
                return
            for bundle in self.bundles:
                old, target = self.site_dir / f"{STAGING}-{bundle}-old", self.site_dir / bundle
                if target.exists():
                    target.rename(old)
                (staging / bundle).rename(target)
                shutil.rmtree(old, ignore_errors=True)
        except SearchIndexError:
            if not self._stopped.is_set():
                raise
        finally:
            shutil.rmtree(staging, ignore_errors=True)

    def stop(self) -> None:
        self._stopped.set()
        if self._indexing is not None:
            self._indexing.abandon()


def _stop(process: subprocess.Popen[str]) -> None:
    """A Pagefind not waited for (its bundle is not wanted after all) killed, and its output read."""
    if process.returncode is None:
        process.kill()
        process.communicate()


def page_document(url: str, markdown: str, kind: str, title: str | None, summary: str = "") -> SearchDocument:
    """The search document of an authored page, from its Markdown: its title (given, or its first
    heading, or its file's name), its summary if it has one, and its words."""
    if title is None:
        heading = re.search(r"^#\s+(.+?)\s*#*\s*$", markdown, re.M)
        title = heading.group(1) if heading else url.rstrip("/").rsplit("/", 1)[-1].replace("-", " ").capitalize() or "Home"
    content = f"<h1>{escape(title)}</h1>\n" + (f"<p>{escape(summary)}</p>\n" if summary else "")
    content += f"<div>{escape(markdown_text(markdown))}</div>"
    return SearchDocument(url, content, kind, title)
