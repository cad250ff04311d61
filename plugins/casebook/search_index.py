"""The site's search index, made by Pagefind.

Pagefind splits the index into chunks and a query fetches only those it needs, so that no
page downloads anything that grows with the corpus when it loads. One index serves the
catalogue, the header's search box and the catalogue's briefing, so that they find the same
cases for the same words.

Pagefind reads a search document per page, without the theme around it. A case's is made from
the corpus (Renderer.search_document: title, summary, partners, facts, body), with its search
record (templates/search_record.html: filters, sort keys and the facts a result shows); the
second process writes them while the site generator renders pages. An authored page's is its
content as the site generator made it. Pagefind indexes them all once the authored pages have
their content, before the theme renders the pages, while the site generator goes on; the index
is complete when the build is.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from html import escape
from pathlib import Path
import shutil
import subprocess

OUTPUT_DIR = "pagefind"
"""The index's folder in the site."""

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
    path: str
    """Where the page is in the site (`cases/x/index.html`): Pagefind takes its address from it."""
    content: str
    """The page's content HTML."""
    kind: str
    """`case`, `lesson` or `page`: the catalogue asks for cases only, the header's box for all."""
    title: str
    record: str = ""
    """More for the index to read (a case's search record); its own title then comes from there."""

    def html(self, language: str) -> str:
        record = self.record or f'<span data-pagefind-meta="title">{escape(self.title)}</span>'
        hidden = f'<div hidden data-pagefind-ignore><span data-pagefind-filter="kind">{self.kind}</span>{record}</div>'
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
"""Where the search documents wait for Pagefind, inside the site folder (on the disk the site is
written to, which may be much quicker than the system's temporary folder); removed once read."""


def write_documents(folder: Path, documents: Iterable[SearchDocument], language: str) -> None:
    made: set[Path] = set()
    for document in documents:
        path = folder / document.path
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        try:
            path.write_text(document.html(language), "utf-8")
        except OSError as e:  # the file's name, which a failed write does not always carry
            raise OSError(e.errno, e.strerror, str(path)) from None


class Indexing:
    """Pagefind indexing the search documents of `folder` in its own process, into `site_dir/pagefind`."""

    def __init__(self, folder: Path, site_dir: Path):
        self.output = site_dir / OUTPUT_DIR
        self._folder = folder
        self._process: subprocess.Popen[str] | None = None
        command = [
            _executable(), "--site", str(folder), "--output-path", str(self.output),
            "--exclude-selectors", THEME_NOISE, "--silent",
        ]  # fmt: skip
        try:
            self._process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        except OSError as e:
            self.abandon()
            raise SearchIndexError(f"cannot write {self.output}: {e.strerror or e}") from None

    def finish(self) -> None:
        process, self._process = self._process, None
        assert process is not None
        try:
            output, _ = process.communicate()
            if process.returncode != 0:
                reason = " ".join(output.split()) or f"Pagefind exited with code {process.returncode}"
                raise SearchIndexError(f"cannot write {self.output}: {reason}")
        finally:
            shutil.rmtree(self._folder, ignore_errors=True)

    def abandon(self) -> None:
        """Stop, and leave no documents behind; asked again, do nothing."""
        process, self._process = self._process, None
        if process is not None:
            if process.poll() is None:
                process.kill()
            process.communicate()
        shutil.rmtree(self._folder, ignore_errors=True)
