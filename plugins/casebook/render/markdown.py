"""Write Markdown safely: anything taken from front matter is escaped for Markdown and HTML."""

from __future__ import annotations

import html
import json
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


def page_markdown(title: str, *, meta: dict | None = None, body: str = "", late: bool = False) -> str:
    """A page: front matter for the theme, an escaped H1, the HTML slot, then an optional Markdown body.

    The title also goes into the page's meta, HTML-escaped: Material writes `page.meta.title`
    into `<title>` as it is, whereas it would unescape a title taken from the H1 (`striptags`).
    """
    meta = {**(meta or {}), "title": html.escape(" ".join(title.split()))}
    head = "---\n" + json.dumps(meta, ensure_ascii=False, sort_keys=True) + "\n---\n\n"  # JSON is YAML, and quick to write
    late_slot = f"{LATE_SLOT}\n\n" if late else ""
    return f"{head}# {escape_inline(title)}\n\n{SLOT}\n\n{late_slot}{body}"
