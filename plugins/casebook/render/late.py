"""Casebook's share of a build: rendering the registry's outputs (registry.py) while the site
generator renders its pages around them.

The site generator frames pages with the theme; everything else is rendered here: the content
of every page (filled at its marker once the theme has framed it), the parts of the author's
pages, the search documents, the files written as they are, and the pages framed by shells.
None of the site generator's work depends on it until it fills a page, so where the system can
fork this work goes to a second process (`Forked`), which starts as soon as the registry is
known; otherwise, and always under `mkdocs serve`, it is done in this process when asked
(`InProcess`). Both write the same files. This is the only place that says what the second
process does.

The order, in both: the search documents first (the search index starts on them), then the
pages' contents (the site generator waits for them), then the files, then each shell's pages as
the site generator hands over the shell. With a second process, the files and the shells' pages
are one list that both processes take from, an output at a time: the second process from the
start, this one once the site generator has rendered its pages (it would otherwise wait for the
second process, idle, for about a third of the build).
"""

from __future__ import annotations

from collections.abc import Callable, Collection
import gc
import multiprocessing
import os
from pathlib import Path
import queue
import sys
import threading

from ..processes import can_fork
from ..registry import Kind, Output, Registry
from ..search_index import Reindexing, document_file
from .policy import Policy
from .shell import fill_shell


class LateRenderingError(RuntimeError):
    pass


def failure(error: BaseException) -> str:
    """What went wrong, in one line: `cannot write PATH: reason` for a file that could not be written."""
    if isinstance(error, OSError):
        return f"cannot write {error.filename or 'a file of the site'}: {error.strerror or error}"
    return f"rendering the late outputs failed: {type(error).__name__}: {error} (with `parallel: false` in mkdocs.yml, the build shows where)"


Contents = dict[str, dict[str, str]]
"""Page source -> marker -> what fills it."""


class Work:
    """The outputs of `registry` to render: all of them, or only those `wanted` (a preview's)."""

    def __init__(self, registry: Registry, site_dir: Path, documents: Path, wanted: Collection[str] | None = None, policy: Policy | None = None):
        self.registry, self.site_dir, self.documents = registry, site_dir, documents
        self.wanted = wanted
        self.policy = policy
        """Given to the pages written here that the theme does not render (briefings, redirects)."""

    def _wants(self, output: Output) -> bool:
        return self.wanted is None or output.address in self.wanted

    def write_search_documents(self) -> None:
        for output in self.registry.of(Kind.SEARCH):
            if self._wants(output):
                write(document_file(self.documents, output.bundle, output.url), output.render())

    def content(self, src_uri: str) -> dict[str, str]:
        """What fills a page's markers: a generated page's content, or the parts of an author's page."""
        page = self.registry.pages().get(src_uri)
        if page is not None:
            return {"content": page.render()}
        return {name: part.render() for name, part in self.registry.parts().get(src_uri, {}).items()}

    def contents(self) -> Contents:
        found = {src: {"content": page.render()} for src, page in self.registry.pages().items() if self._wants(page)}
        for src, parts in self.registry.parts().items():
            found[src] = {name: part.render() for name, part in parts.items()}
        return found

    def write_files(self, *, whole: bool = False) -> None:
        """`whole`: each file written under another name first, then put in place, for a server
        that may be reading it (a preview's, after its pages)."""
        for output in self.registry.of(Kind.FILE):
            if self._wants(output):
                self.write_file(output, whole=whole)

    def write_file(self, output: Output, *, whole: bool = False) -> None:
        content = output.render()
        if self.policy is not None and output.address.endswith(".html"):
            content = self.policy.into(content)
        write(self.site_dir / output.address, content, whole=whole)

    def framed(self, frame: str) -> list[tuple[Output, str]]:
        """Each page of a shell that is wanted, with its content."""
        return [(output, output.render()) for output in self.registry.framed(frame) if self._wants(output)]

    def write_framed(self, frame: str, frame_html: str, contents: list[tuple[Output, str]]) -> None:
        for output, html in contents:
            self.write_in_shell(output, frame_html, html)

    def write_in_shell(self, output: Output, frame_html: str, html: str | None = None) -> None:
        """A page framed by its shell (`frame_html`), with its content (rendered here if not given)."""
        shell = self.registry.frames[output.frame]
        content = output.render() if html is None else html
        write(self.site_dir / output.address, fill_shell(frame_html, shell.url, url=output.url, title=output.title, content=content))

    def shared(self) -> list[Output]:
        """What two processes share (Forked): the files, then each shell's pages, shell by shell."""
        files = [output for output in self.registry.of(Kind.FILE) if self._wants(output)]
        return files + [output for frame in self.registry.frames for output in self.registry.framed(frame) if self._wants(output)]


_made: set[Path] = set()


def write(path: Path, content: str, *, whole: bool = False) -> None:
    if path.parent not in _made or not path.parent.is_dir():
        path.parent.mkdir(parents=True, exist_ok=True)
        _made.add(path.parent)
    try:
        if whole:
            written = path.with_name(f".{path.name}.casebook")
            written.write_text(content, "utf-8")
            os.replace(written, path)
        else:
            path.write_text(content, "utf-8")
    except OSError as e:  # the file's name, which a failed write does not always carry
        raise OSError(e.errno, e.strerror, str(path)) from None


class InProcess:
    """Renders the outputs when asked, in this process; `files`: the files written as they are
    too (a preview leaves them to catch up after its pages: CatchingUp)."""

    def __init__(self, work: Work, *, files: bool = True):
        self.work, self.files = work, files
        self._frames: dict[str, str] = {}

    def content(self, src_uri: str) -> dict[str, str]:
        return self.work.content(src_uri)

    def search_documents_written(self) -> None:
        """Write the search documents, in this process."""
        try:
            self.work.write_search_documents()
        except OSError as e:
            raise LateRenderingError(failure(e)) from None

    def frame_rendered(self, src_uri: str, html: str) -> None:
        self._frames[src_uri] = html

    def finish(self, frames: dict[str, str] | None = None) -> None:
        """Write the files and the framed pages; `frames` gives shells that this build did not render."""
        try:
            if self.files:
                self.work.write_files()
            for src_uri, html in ({**(frames or {}), **self._frames}).items():
                if src_uri in self.work.registry.frames:
                    self.work.write_framed(src_uri, html, self.work.framed(src_uri))
        except OSError as e:
            raise LateRenderingError(failure(e)) from None

    @property
    def frames(self) -> dict[str, str]:
        return self._frames

    def abandon(self) -> None:
        pass


class Forked:
    """Renders the outputs in a forked process, which inherits the registry as it stands, and
    shares the files and the shells' pages with this process (`shared`, `_next`)."""

    def __init__(self, work: Work):
        context = multiprocessing.get_context("fork")
        self.work = work
        self._frames: multiprocessing.Queue = context.Queue()
        self._results: multiprocessing.Queue = context.Queue()
        self._documents_written = context.Event()
        self._shared = work.shared()
        self._next = context.Value("i", 0)
        """The first of `_shared` that neither process has taken."""
        self._expected = len(work.registry.frames)
        self._process = context.Process(target=self._work, args=(work,), name="casebook-late", daemon=True)
        self._process.start()
        self._contents: Contents | None = None
        self._shells: dict[str, str] = {}
        """This process's shells, as the site generator rendered them."""

    def _take(self) -> Output | None:
        with self._next.get_lock():
            taken = self._next.value
            self._next.value = taken + 1
        return self._shared[taken] if taken < len(self._shared) else None

    def _work(self, work: Work) -> None:
        try:
            work.write_search_documents()  # first: the search index waits for them
            self._documents_written.set()
            self._results.put(("contents", work.contents()))
            shells: dict[str, str] = {}
            while (output := self._take()) is not None:
                if output.kind is Kind.FRAMED:
                    while output.frame not in shells:
                        src_uri, html = self._frames.get()
                        shells[src_uri] = html
                    work.write_in_shell(output, shells[output.frame])
                else:
                    work.write_file(output)
            for _ in range(self._expected - len(shells)):  # every shell read, so that this process's sender is free to end
                self._frames.get()
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

    def content(self, src_uri: str) -> dict[str, str]:
        if self._contents is None:
            self._contents = self._receive("contents")  # type: ignore[assignment]
        assert self._contents is not None
        return self._contents.get(src_uri, {})

    def search_documents_written(self) -> None:
        """Wait for the second process to have written the search documents (it does so first).

        Asked from a thread of the search index's: the failure itself reaches the build through
        content() or finish()."""
        while not self._documents_written.wait(0.2):
            if not self._process.is_alive():
                raise LateRenderingError("the second process stopped before writing the search documents")

    def frame_rendered(self, src_uri: str, html: str) -> None:
        self._frames.put((src_uri, html))
        self._shells[src_uri] = html

    def finish(self, frames: dict[str, str] | None = None) -> None:
        """The site generator's pages are rendered: take a share of what is left, then wait for the second process."""
        if len(self._shells) != self._expected:
            self.abandon()
            raise LateRenderingError(f"{self._expected - len(self._shells)} term page shells were not rendered")
        self.content("")
        try:
            while (output := self._take()) is not None:
                if output.kind is Kind.FRAMED:
                    self.work.write_in_shell(output, self._shells[output.frame])
                else:
                    self.work.write_file(output)
        except Exception as e:
            self.abandon()
            raise LateRenderingError(failure(e)) from None
        self._receive("done")
        self._process.join()

    @property
    def frames(self) -> dict[str, str]:
        return {}

    def abandon(self) -> None:
        self._frames.cancel_join_thread()  # shells the worker never read must not hold this process at exit
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()


def start(work: Work, *, parallel: bool) -> InProcess | Forked:
    return Forked(work) if parallel and can_fork() else InProcess(work)


class CatchingUp:
    """A preview's work once its pages are written and its readers' pages refreshed: the files
    written as they are (feeds, exports, briefings), what else the build leaves for later
    (`then`: the sitemap), then the search documents and the search index made from them
    (`index`), in a thread. The next build waits for the files, and stops
    the search index, which it makes again.

    Last, the garbage of the build is collected (gc.collect), while its readers read: a preview
    keeps its last build whole, and a full collection over all of it, which Python would otherwise
    start in the middle of the next edit's build, takes a tenth of a second at 1,000 cases."""

    def __init__(self, work: Work, index: Reindexing | None, then: Callable[[], None] | None = None):
        self.error: Exception | None = None
        self._index = index
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(work, index, then), name="casebook-catching-up", daemon=True)
        self._thread.start()

    def _run(self, work: Work, index: Reindexing | None, then: Callable[[], None] | None) -> None:
        try:
            work.write_files(whole=True)
            if then is not None:
                then()
            if index is not None:
                work.write_search_documents()
                index.run()
        except Exception as e:  # the next build reports it
            self.error = e
        if not self._stopped.is_set():
            gc.collect()

    def stop(self) -> Exception | None:
        """Wait for the files; stop the search index."""
        self._stopped.set()
        if self._index is not None:
            self._index.stop()
        return self.wait()

    def wait(self) -> Exception | None:
        self._thread.join()
        return self.error
