"""Term pages by the hundred, at the cost of one: render a shell page once, then fill it per term.

The theme's page template is most of a build's cost, and term pages (a partner, a country)
differ only in title, address and content: no table of contents, no edit link, not in the
search index. So each facet gets one shell page, rendered by the site generator with marker
text, and every term page of that facet is the shell with the markers replaced. All term
pages of a facet sit at the same depth, so the shell's relative links fit every one of them.
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote

from ..registry import CONTENT, marker

SHELL_TITLE = "casebookshell title"
"""Letters and a space: HTML escaping leaves it as it is, URL-encoding changes only the space, so
that each place the theme writes it is told apart and gets the title as that place wants it."""

SHELL_NAME = "_shell"
"""Not a possible term id (ids have no '_'), so a shell never takes a term's address."""


def shell_markdown() -> str:
    """No H1: the theme writes the title as its own H1, where the title marker is replaced."""
    return f"{marker(CONTENT)}\n"


def shell_meta() -> dict:
    return {"title": SHELL_TITLE, "search": {"exclude": True}}


def fill_shell(shell_html: str, shell_url: str, *, url: str, title: str, content: str) -> str:
    """The shell with its title, its own address and its content marker (registry.py) replaced, in one pass."""
    # The shell's address, and its own segments (from its first `_shell` on) wherever a link climbs
    # to the same page in another language (the language switcher: `../../fr/purposes/_shell/`,
    # `../../../../fr/purposes/_shell/page/_shell/`).
    tail = shell_url[shell_url.index(SHELL_NAME) :]
    own = "/".join(url.split("/")[-(tail.count("/") + 1) :])
    escaped = html.escape(title)  # as page_meta gives the theme a title
    replacements = {
        SHELL_TITLE: escaped, quote(SHELL_TITLE, safe="/"): quote(escaped, safe="/"),  # in a URL: the theme's feedback form
        shell_url: url, marker(CONTENT): content, f"/{tail}": f"/{own}",
    }  # fmt: skip
    pattern = re.compile("|".join(re.escape(key) for key in replacements))
    return pattern.sub(lambda match: replacements[match.group(0)], shell_html)
