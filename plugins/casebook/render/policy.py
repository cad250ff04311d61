"""The site's Content-Security-Policy: what a page may load and run, written into the page itself.

No `'unsafe-inline'` and no `'unsafe-eval'`: a page's inline scripts and styles (the theme's, and
a printed briefing's stylesheet) are allowed by the SHA-256 of their text, computed from the page
as it is written, so that the hashes are those of what the browser reads whatever rendered it (the
theme, its rewrites in theme.py, a site's overrides). Casebook's own scripts are files, and its
data travels in attributes or in JSON `<script>` blocks, which browsers never run.

- `'wasm-unsafe-eval'` in `script-src`: the search index (Pagefind 1.5) compiles WebAssembly
  (`WebAssembly.instantiateStreaming`, in `pagefind.js` and its worker); that is all it asks for.
  Its worker is a file of the site (`'self'`).
- `img-src data:`: the theme draws its icons as `data:` SVG in its stylesheet.
- `frame-ancestors` cannot be given by a `<meta>` tag; the `_headers` file (Netlify, Cloudflare
  Pages) gives it, with the directives that do not depend on a page's own scripts. A host that
  reads it enforces both policies: the page's, and the header's.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
import hashlib
from html import escape
import re

SCRIPT = re.compile(r"<script\b(?P<attrs>[^>]*)>(?P<text>.*?)</script\s*>", re.S | re.I)
STYLE = re.compile(r"<style\b[^>]*>(?P<text>.*?)</style\s*>", re.S | re.I)
SRC = re.compile(r"\ssrc\s*=", re.I)
TYPE = re.compile(r"""\stype\s*=\s*["']?([^"'\s>]+)""", re.I)
RUNNABLE_TYPES = {"text/javascript", "application/javascript", "module"}
HEAD = re.compile(r"<head\b[^>]*>", re.I)
CHARSET = re.compile(r"\s*<meta\s+charset=[^>]*>", re.I)

BASE: dict[str, list[str]] = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'wasm-unsafe-eval'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'"],
    "manifest-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}
PAGE_DEPENDENT = ("default-src", "script-src", "style-src")
"""Left out of the header: a page's inline scripts and styles are allowed by its own policy, and
a header's `default-src` would stand in for `script-src` and refuse them."""
HEADER_ONLY = {"frame-ancestors": ["'none'"]}


DIRECTIVE = re.compile(r"^[a-z]+(-[a-z]+)*$")
SOURCE = re.compile(r"^[^\s;,]+$")


def check_sources(sources: object) -> list[str]:
    """What is wrong with a site's `policy_sources`: each a directive's name and a list of sources."""
    if not isinstance(sources, dict):
        return ["policy_sources: expected directives and their sources, such as {img-src: [https://images.example.org]}"]
    found = []
    for name, values in sources.items():
        if not isinstance(name, str) or not DIRECTIVE.match(name):
            found.append(f"policy_sources: {name!r} is not the name of a directive (such as img-src)")
        elif not isinstance(values, list) or not all(isinstance(v, str) and SOURCE.match(v) for v in values):
            found.append(f"policy_sources: {name}: expected a list of sources, each without spaces, ';' or ','")
    return found


def hashes(html: str, pattern: re.Pattern[str], *, runnable_only: bool = False) -> list[str]:
    """The CSP sources of a page's inline scripts (or styles), in the order they come."""
    found = []
    for match in pattern.finditer(html):
        if runnable_only:
            attrs = match.group("attrs")
            kind = TYPE.search(attrs)
            if SRC.search(attrs) or (kind is not None and kind.group(1).lower() not in RUNNABLE_TYPES):
                continue  # a file's script (allowed as 'self'), or data (JSON), which no browser runs
        digest = base64.b64encode(hashlib.sha256(match.group("text").encode("utf-8")).digest()).decode("ascii")
        if f"'sha256-{digest}'" not in found:
            found.append(f"'sha256-{digest}'")
    return found


@dataclass(frozen=True)
class Policy:
    """The site's policy: Casebook's own, with the sources a site adds (the plugin option
    `content_security_policy`), directive by directive."""

    extra: dict[str, list[str]] = field(default_factory=dict)

    def directives(self, html: str | None = None) -> dict[str, list[str]]:
        found = {name: list(sources) for name, sources in BASE.items()}
        if html is not None:
            found["script-src"] += hashes(html, SCRIPT, runnable_only=True)
            found["style-src"] += hashes(html, STYLE)
        for name, sources in self.extra.items():
            found.setdefault(name, [])
            found[name] += [source for source in sources if source not in found[name]]
        return found

    def for_page(self, html: str) -> str:
        return "; ".join(f"{name} {' '.join(sources)}" for name, sources in self.directives(html).items())

    def into(self, html: str) -> str:
        """The page with its policy first in its head (after its charset), before anything it governs."""
        head = HEAD.search(html)
        if head is None:
            return html
        at = head.end()
        charset = CHARSET.match(html, at)
        if charset is not None:
            at = charset.end()
        content = escape(self.for_page(html), quote=False).replace('"', "&quot;")
        meta = f'<meta http-equiv="Content-Security-Policy" content="{content}">'
        return html[:at] + meta + html[at:]

    def headers(self) -> str:
        """A `_headers` file: every address gets the directives that hold for every page, and
        `frame-ancestors`, which only a header can give."""
        found = {name: sources for name, sources in self.directives().items() if name not in PAGE_DEPENDENT}
        found |= {name: sources for name, sources in HEADER_ONLY.items() if name not in found}
        policy = "; ".join(f"{name} {' '.join(sources)}" for name, sources in found.items())
        return f"/*\n  Content-Security-Policy: {policy}\n"
