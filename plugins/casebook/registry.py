"""Every output of a build, in one registry: where it goes, what it is made from, and the one
function that renders it.

An output is a page that the site generator frames with the theme (`PAGE`), a page framed by
the shell of its kind (`FRAMED`: term pages, the catalogue's further pages; see render/shell.py),
a file written as it is rendered (`FILE`: exports, feeds, briefings, redirects), a file handed to
the site generator as it is (`ASSET`), a search document (`SEARCH`), or the part of an authored
page that fills one of its markers (`PART`: `<!-- casebook:totals -->`, a lesson's cases).

Content enters a page one way: the page's Markdown holds a marker, `<!-- casebook:NAME -->`, and
the theme's HTML gets, in its place, what the output renders (`fill`). Every address is claimed
before anything is written (addresses.py), so a clash is an error naming both sources.

`inputs` name what an output is made from (inputs.py fingerprints each): a preview renders
again only the outputs whose inputs changed.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from enum import Enum
import re
from typing import Any

from .addresses import Claim


class Kind(Enum):
    PAGE = "page"
    FRAMED = "framed"
    FILE = "file"
    ASSET = "asset"
    SEARCH = "search"
    PART = "part"


CONTENT = "content"
"""The marker of a generated page's content."""

MARKER = re.compile(r"<!-- casebook:([a-z-]+) -->")
"""Where Casebook's content goes in a page: in its Markdown, kept as it is by Markdown and the theme."""


def marker(name: str) -> str:
    return f"<!-- casebook:{name} -->"


@dataclass(frozen=True)
class Page:
    """What the site generator needs of a page it frames: its source, title, metadata and Markdown."""

    src_uri: str
    title: str
    meta: dict
    """Metadata for the theme (title, search, hide), as front matter would give it."""
    markdown: str
    edit_uri: str | None = None
    """Where the theme's edit button leads, for a case: its file, from the docs folder."""


@dataclass(frozen=True)
class Output:
    kind: Kind
    address: str
    """A file in the site (`cases/x/index.html`); a search document's page address in its
    bundle (`pagefind/cases/x/`); a part's page source and marker (`index.md#totals`)."""
    source: str
    """Who wants it, as a clash of addresses names it."""
    inputs: tuple[str, ...]
    """What it is made from (inputs.py), besides the site itself (settings, vocabularies,
    templates, messages), on which every output depends."""
    render: Callable[[], str]
    page: Page | None = None
    """PAGE: the page the site generator frames."""
    frame: str = ""
    """FRAMED: the source of its shell; PART: the source of the authored page it fills."""
    url: str = ""
    """FRAMED and SEARCH: the page's address; a FRAMED page's title is in `title`."""
    title: str = ""
    bundle: str = ""
    """SEARCH: the search index bundle (search_index.py) and the language it is indexed in."""
    language: str = ""


@dataclass(frozen=True)
class Frame:
    """A shell page (render/shell.py): rendered once by the site generator, then filled for each
    FRAMED output that names it."""

    src_uri: str
    url: str
    page: Page


@dataclass
class Registry:
    outputs: dict[str, Output] = field(default_factory=dict)
    """Address -> output, in the order of work."""
    frames: dict[str, Frame] = field(default_factory=dict)
    folders: list[tuple[str, str]] = field(default_factory=list)
    """Folders that one writer fills whole (the search index), with who."""
    clashing: list[Output] = field(default_factory=list)
    """Outputs that wanted an address already taken: claims() names them too, so that the clash is reported."""
    units: dict[Hashable, list[Output]] = field(default_factory=dict)
    """The outputs of each case and each term, by key (Units)."""
    _views: dict[str, Any] = field(default_factory=dict, repr=False)

    def add(self, outputs: Iterable[Output]) -> None:
        for output in outputs:
            if output.address in self.outputs:
                self.clashing.append(output)
            else:
                self.outputs[output.address] = output
        self._views.clear()

    def replace(self, outputs: Iterable[Output]) -> None:
        """New versions of outputs at their addresses (a preview's, after an edit of a case's text)."""
        for output in outputs:
            self.outputs[output.address] = output
        self._views.clear()

    def of(self, kind: Kind) -> list[Output]:
        return self._view(f"kind:{kind.value}", lambda: [o for o in self.outputs.values() if o.kind is kind])

    def pages(self) -> dict[str, Output]:
        """Page source -> its output, for the pages the site generator frames."""
        return self._view("pages", lambda: {o.page.src_uri: o for o in self.of(Kind.PAGE) if o.page is not None})

    def parts(self) -> dict[str, dict[str, Output]]:
        """Authored page source -> marker name -> the part that fills it."""

        def collect() -> dict[str, dict[str, Output]]:
            found: dict[str, dict[str, Output]] = {}
            for output in self.of(Kind.PART):
                found.setdefault(output.frame, {})[output.address.rpartition("#")[2]] = output
            return found

        return self._view("parts", collect)

    def framed(self, frame: str) -> list[Output]:
        def collect() -> dict[str, list[Output]]:
            found: dict[str, list[Output]] = {}
            for output in self.of(Kind.FRAMED):
                found.setdefault(output.frame, []).append(output)
            return found

        return self._view("by frame", collect).get(frame, [])

    def _view(self, name: str, make: Callable[[], Any]) -> Any:
        if name not in self._views:
            self._views[name] = make()
        return self._views[name]

    def claims(self, output_path: Callable[[str], str]) -> list[Claim]:
        """Every address this registry will write (render/shell.py's frames are written where their
        pages would be, then removed), clashing outputs' too, so that the clash is reported."""
        found = [Claim(o.address, o.source) for o in [*self.outputs.values(), *self.clashing] if o.kind in (Kind.PAGE, Kind.FRAMED, Kind.FILE, Kind.ASSET)]
        found += [Claim(output_path(frame.url), "Casebook's page template") for frame in self.frames.values()]
        found += [Claim(folder, who, whole=True) for folder, who in self.folders]
        return found


class Units:
    """The outputs of each case and of each term, by key. After an edit of cases' front matter, a
    preview's next registry takes over the last one's units none of whose inputs `moved` (their
    fingerprints changed: inputs.py), and makes the others: the rest of the corpus costs a look-up,
    not a new output. Their renderers are the same, renewed (Renderer.renew)."""

    def __init__(self, earlier: dict[Hashable, list[Output]] | None = None, moved: frozenset[str] = frozenset()):
        self.earlier, self.moved = earlier or {}, moved
        self.made: dict[Hashable, list[Output]] = {}

    def of(self, key: Hashable, make: Callable[[], list[Output]]) -> list[Output]:
        before = self.earlier.get(key)
        outputs = before if before is not None and all(self.moved.isdisjoint(o.inputs) for o in before) else make()
        self.made[key] = outputs
        return outputs


def fill(html: str, parts: dict[str, str], missing: Callable[[str], None]) -> str:
    """The page's markers replaced by their parts, in one pass; `missing` is told of a part whose
    marker the page no longer has (a plugin or extension removed it). A generated page's content
    fills its first marker only: a case's own text, which follows it, may quote the marker."""
    wanted, seen = set(parts), set()

    def part(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in parts or (name == CONTENT and name in seen):
            return match.group(0)
        seen.add(name)
        wanted.discard(name)
        return parts[name]

    filled = MARKER.sub(part, html)
    for name in sorted(wanted):
        missing(name)
    return filled
