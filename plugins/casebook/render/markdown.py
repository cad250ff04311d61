"""Write Markdown safely: anything taken from front matter is escaped for Markdown and HTML."""

from __future__ import annotations

import html
import re

from ..registry import CONTENT, marker

# Python-Markdown's escapable characters; a backslash before any other stays visible.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")


def escape_inline(text: str) -> str:
    """Text as it should appear in a Markdown line: no markup, no HTML, one line."""
    text = " ".join(text.split())
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))


def page_markdown(title: str, *, body: str = "") -> str:
    """A generated page: an escaped H1, the marker of its content (registry.py), then an optional Markdown body."""
    return f"# {escape_inline(title)}\n\n{marker(CONTENT)}\n\n{body}"


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
