"""The site's search index, made by Pagefind from the built pages.

Pagefind splits the index into chunks and a query fetches only those it needs, so that no
page downloads anything that grows with the corpus when it loads. It indexes what lies inside
`data-pagefind-body` (case pages, lessons and the other authored pages; not the listings), and
takes filters, sort keys and result facts from the hidden record of each case
(templates/search_record.html). One index serves the catalogue, the header's search box and
the catalogue's briefing, so they find the same cases for the same words.
"""

from __future__ import annotations

from pathlib import Path
import subprocess

OUTPUT_DIR = "pagefind"
"""The index's folder in the site."""


THEME_NOISE = ".headerlink"
"""What the theme adds to the text of a page that no reader searches for (the ¶ of heading anchors)."""


class SearchIndexError(RuntimeError):
    pass


def pages_glob(patterns: list[str]) -> str:
    """One glob for Pagefind over the given site paths and patterns (`cases/*/index.html`, ...).

    Listing the pages that can be indexed spares Pagefind reading the many listing pages."""
    escaped = sorted({p.replace("\\", "\\\\").replace(",", "\\,") for p in patterns})
    return escaped[0] if len(escaped) == 1 else "{" + ",".join(escaped) + "}"


def _executable() -> str:
    try:
        from pagefind_bin import get_executable
    except ImportError:
        raise SearchIndexError("cannot build the search index: Pagefind is not installed (pip install 'pagefind[bin]')") from None
    try:
        return str(get_executable())
    except FileNotFoundError as e:
        raise SearchIndexError(f"cannot build the search index: Pagefind's program is missing ({e})") from None


class Indexing:
    """Pagefind running over a built site, in its own process, while the build finishes."""

    def __init__(self, site_dir: Path, glob: str):
        self.site_dir = site_dir
        command = [_executable(), "--site", str(site_dir), "--glob", glob, "--output-subdir", OUTPUT_DIR, "--exclude-selectors", THEME_NOISE, "--silent"]
        try:
            self._process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        except OSError as e:
            raise SearchIndexError(f"cannot write {site_dir / OUTPUT_DIR}: {e.strerror or e}") from None

    def finish(self) -> None:
        output, _ = self._process.communicate()
        if self._process.returncode != 0:
            reason = " ".join(output.split()) or f"Pagefind exited with code {self._process.returncode}"
            raise SearchIndexError(f"cannot write {self.site_dir / OUTPUT_DIR}: {reason}")

    def abandon(self) -> None:
        if self._process.poll() is None:
            self._process.kill()
        self._process.communicate()
