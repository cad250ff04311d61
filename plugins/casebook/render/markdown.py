"""Write Markdown safely: anything taken from front matter is escaped for Markdown and HTML."""

from __future__ import annotations

import html
import re
from urllib.parse import quote

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


_MARKDOWN_INLINE = re.compile(r"([\\`*_\[\]|#~])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
_BLOCK_START = re.compile(r"^(?:([>+=-])|(\d+)([.)]))")
"""What makes a line a quotation, a list item or a heading's underline when it starts one."""


def escape_text(text: str) -> str:
    """Text for a Markdown document people read as it is (CommonMark): one line, no HTML, no markup,
    whether it stands alone on a line, in a list item, a heading or a table cell.

    Lighter than `escape_inline`, which escapes everything Python-Markdown could read as markup."""
    text = _ENTITY.sub(r"\\&", _MARKDOWN_INLINE.sub(r"\\\1", " ".join(text.split()))).replace("<", "&lt;")
    return _BLOCK_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", text)


def escape_url(url: str) -> str:
    """A URL for a Markdown autolink (`<...>`), which ends at a space or `>`."""
    return "".join(c if c.isprintable() and c not in " <>" else quote(c) for c in url)
