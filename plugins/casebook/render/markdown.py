"""Write Markdown safely: anything taken from front matter is escaped for Markdown and HTML."""

from __future__ import annotations

import html
import re

SLOT = "<!-- casebook:content -->"
"""Where a page's HTML goes once Markdown has run: seen by the search index."""
LATE_SLOT = "<!-- casebook:late -->"
"""Where HTML goes once the theme has rendered the page: unseen by the search index, whose HTML
parser would spend more on a case's facts panel than on the rest of the page."""

# Python-Markdown's escapable characters; a backslash before any other stays visible.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")


def escape_inline(text: str) -> str:
    """Text as it should appear in a Markdown line: no markup, no HTML, one line."""
    text = " ".join(text.split())
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))


def page_markdown(title: str, *, body: str = "", late: bool = False) -> str:
    """A page: an escaped H1, the HTML slot, the late slot if wanted, then an optional Markdown body."""
    late_slot = f"{LATE_SLOT}\n\n" if late else ""
    return f"# {escape_inline(title)}\n\n{SLOT}\n\n{late_slot}{body}"


def page_meta(title: str, *, search: bool = True, hide: tuple[str, ...] = ()) -> dict:
    """The page's metadata for the theme (kept out of the Markdown: no YAML to parse per page).

    The title is HTML-escaped: Material writes `page.meta.title` into `<title>` as it is,
    whereas it would unescape a title taken from the H1 (`striptags`).
    """
    meta: dict = {"title": html.escape(" ".join(title.split()))}
    if not search:
        meta["search"] = {"exclude": True}
    if hide:
        meta["hide"] = list(hide)
    return meta


_MARKDOWN_INLINE = re.compile(r"([\\`*_\[\]|])")


def escape_text(text: str) -> str:
    """Text for a Markdown document people read as it is: markup characters escaped, no HTML, one line.

    Lighter than `escape_inline`, which escapes everything Python-Markdown could read as markup."""
    text = " ".join(text.split()).replace("<", "&lt;")
    return _MARKDOWN_INLINE.sub(r"\\\1", text)
