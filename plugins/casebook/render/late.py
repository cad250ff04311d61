"""What a build needs only once the site generator is rendering pages: the late slots of pages
(case facts; the whole content of facet pages, catalogue, coverage and reporting), the cases'
search documents, and the exports, term pages, feeds, briefings and redirects, written straight
into the site folder.

They are about half of Casebook's own work, and nothing the site generator does depends on
them, so where the system can fork they are rendered by a second process while the site
generator renders pages (`Forked`); otherwise, and under `mkdocs serve`, in the same process
(`InProcess`). Both write the same files.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import chain
import multiprocessing
from pathlib import Path
import queue
import sys

from ..processes import can_fork
from ..search_index import LANGUAGES_DIR, OUTPUT_DIR, SearchDocument, write_documents
from .shell import fill_shell
from .site import Asset, Renderer, Shell


class LateRenderingError(RuntimeError):
    pass


def failure(error: BaseException) -> str:
    """What went wrong, in one line: `cannot write PATH: reason` for a file that could not be written."""
    if isinstance(error, OSError):
        return f"cannot write {error.filename or 'a file of the site'}: {error.strerror or error}"
    return f"rendering the late outputs failed: {type(error).__name__}: {error} (with `parallel: false` in mkdocs.yml, the build shows where)"


class LateOutputs:
    """The late outputs of one build, from its Renderers (one per language, the default first) and
    their shells; the search documents go to `documents` (search_index.py), a folder per bundle."""

    def __init__(self, renderers: list[Renderer], shells: list[Shell], documents: Path, pages: list[SearchDocument]):
        self.renderers, self.renderer, self.shells = renderers, renderers[0], shells
        self.documents, self.pages = documents, pages
        """`pages`: the search documents of the authored pages, which the plugin makes; they are in
        the default language's bundle, which every language's pages search."""

    def late_slots(self) -> dict[str, str]:
        """Page source -> what its late slot shows."""
        return {src: html for renderer in self.renderers for src, html in renderer.late_html().items()}

    def write_search_documents(self) -> None:
        """Every case as written, with the authored pages, into the default language's bundle; each
        other language's translations and pages into theirs (search_index.py)."""
        default, others = self.renderer, self.renderers[1:]
        cases = (default.search_document(case, others) for case in default.index.cases)
        write_documents(self.documents / OUTPUT_DIR, chain(self.pages, default.section_documents(), cases), default.language.code)
        number = 0
        for renderer in others:
            translated = (renderer.search_document(case) for case in renderer.pages_of_cases())
            number = write_documents(self.documents / LANGUAGES_DIR, chain(renderer.section_documents(), translated), renderer.language.code, number)

    def files(self) -> Iterator[Asset]:
        """Rendered one at a time, as they are written."""
        return (Asset(output.path, output.render()) for renderer in self.renderers for output in renderer.outputs())

    @staticmethod
    def filled_contents(shell: Shell) -> list[tuple[str, str, str]]:
        """(url, title, content HTML) of each page made from a shell."""
        return [(page.url, page.title, page.content()) for page in shell.pages]

    def filled_pages(self, shell: Shell, shell_html: str, contents: list[tuple[str, str, str]]) -> list[Asset]:
        urls = self.renderer.urls
        shell_url = urls.of_source(shell.src_uri)
        return [Asset(urls.output_path(url), fill_shell(shell_html, shell_url, url=url, title=title, content=html)) for url, title, html in contents]


def write(site_dir: Path, assets: Iterable[Asset]) -> None:
    made: set[Path] = set()
    for asset in assets:
        path = site_dir / asset.uri
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        try:
            path.write_text(asset.content, "utf-8")
        except OSError as e:  # the file's name, which a failed write does not always carry
            raise OSError(e.errno, e.strerror, str(path)) from None


class InProcess:
    """Renders the late outputs when asked, in this process."""

    def __init__(self, outputs: LateOutputs, site_dir: Path):
        self.outputs, self.site_dir = outputs, site_dir
        self._slots: dict[str, str] | None = None
        self._shell_html: dict[str, str] = {}

    def late_slots(self) -> dict[str, str]:
        if self._slots is None:
            self._slots = self.outputs.late_slots()
        return self._slots

    def search_documents_written(self) -> None:
        """Write the search documents, in this process."""
        try:
            self.outputs.write_search_documents()
        except OSError as e:
            raise LateRenderingError(failure(e)) from None

    def shell_rendered(self, src_uri: str, html: str) -> None:
        self._shell_html[src_uri] = html

    def finish(self) -> None:
        try:
            write(self.site_dir, self.outputs.files())
            for shell in self.outputs.shells:
                contents = self.outputs.filled_contents(shell)
                write(self.site_dir, self.outputs.filled_pages(shell, self._shell_html[shell.src_uri], contents))
        except OSError as e:
            raise LateRenderingError(failure(e)) from None

    def abandon(self) -> None:
        pass


class Forked:
    """Renders the late outputs in a forked process, which inherits the Renderer as it stands.

    The worker writes the search documents first (the search index starts on them), sends the
    late slots (the site generator needs them for its pages), writes the files, renders each
    term page's content, and fills the shells as the site generator hands them over.
    """

    def __init__(self, outputs: LateOutputs, site_dir: Path):
        context = multiprocessing.get_context("fork")
        self._shells: multiprocessing.Queue = context.Queue()
        self._results: multiprocessing.Queue = context.Queue()
        self._documents_written = context.Event()
        self._process = context.Process(target=self._work, args=(outputs, site_dir), name="casebook-late", daemon=True)
        self._process.start()
        self._slots: dict[str, str] | None = None
        self._sent = 0
        self._expected = len(outputs.shells)

    def _work(self, outputs: LateOutputs, site_dir: Path) -> None:
        try:
            outputs.write_search_documents()  # first: the search index waits for them
            self._documents_written.set()
            self._results.put(("slots", outputs.late_slots()))
            write(site_dir, outputs.files())
            contents = {shell.src_uri: outputs.filled_contents(shell) for shell in outputs.shells}
            by_src = {shell.src_uri: shell for shell in outputs.shells}
            for _ in outputs.shells:
                src_uri, html = self._shells.get()
                write(site_dir, outputs.filled_pages(by_src[src_uri], html, contents[src_uri]))
            self._results.put(("done", None))
        except BaseException as e:
            self._results.put(("error", failure(e)))
            sys.exit(1)

    def _receive(self, expected: str) -> object:
        while True:
            try:
                kind, value = self._results.get(timeout=1)
            except queue.Empty:
                if self._process.is_alive():
                    continue
                try:  # it may have sent its last words as it ended
                    kind, value = self._results.get(timeout=1)
                except queue.Empty:
                    self.abandon()
                    raise LateRenderingError(f"the process rendering term pages, feeds and briefings stopped (exit code {self._process.exitcode})") from None
            if kind == "error":
                self.abandon()
                raise LateRenderingError(value)
            assert kind == expected, (kind, expected)
            return value

    def late_slots(self) -> dict[str, str]:
        if self._slots is None:
            self._slots = self._receive("slots")  # type: ignore[assignment]
        assert self._slots is not None
        return self._slots

    def search_documents_written(self) -> None:
        """Wait for the second process to have written the search documents (it does so first).

        Asked from a thread of the search index's: the failure itself reaches the build through
        late_slots() or finish()."""
        while not self._documents_written.wait(0.2):
            if not self._process.is_alive():
                raise LateRenderingError("the second process stopped before writing the search documents")

    def shell_rendered(self, src_uri: str, html: str) -> None:
        self._shells.put((src_uri, html))
        self._sent += 1

    def finish(self) -> None:
        if self._sent != self._expected:
            self.abandon()
            raise LateRenderingError(f"{self._expected - self._sent} term page shells were not rendered")
        self.late_slots()
        self._receive("done")
        self._process.join()

    def abandon(self) -> None:
        self._shells.cancel_join_thread()  # shells the worker never read must not hold this process at exit
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()


def start(outputs: LateOutputs, site_dir: Path, *, parallel: bool) -> InProcess | Forked:
    return Forked(outputs, site_dir) if parallel and can_fork() else InProcess(outputs, site_dir)
