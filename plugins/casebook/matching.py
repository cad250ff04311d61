"""How words find cases: the rule of the site's search index (Pagefind), written once for Python.

`casebook brief --query` selects with it, so that a pack holds the cases that the catalogue
shows for the same words:

- text is read as the index reads it: without what is marked `data-pagefind-ignore` or is the
  theme's noise (search_index.THEME_NOISE), without accents and case;
- a word is indexed whole, without its punctuation (`U.N.` is `un`, `450,000` is `450000`), and
  a hyphenated word as each of its parts too (`West-East`: `westeast`, `west`, `east`);
- a query's words lose their punctuation, and each must begin a word of the case once both are
  stemmed (English Snowball, as Pagefind's): `child` finds `children`, `policies` finds `policy`.
"""

from __future__ import annotations

from bisect import bisect_left
from functools import lru_cache
from html.parser import HTMLParser
import re
import unicodedata

import snowballstemmer

_STEMMER = snowballstemmer.stemmer("english")
_NOT_WORD = re.compile(r"[^\w]+")
_QUERY_PUNCTUATION = frozenset(("Pd", "Pe", "Pf", "Pi", "Po", "Ps"))
"""What the index's script removes from a query: dashes, brackets, quotes and other punctuation."""


_MARKDOWN = [
    (re.compile(r"^\s*!!! \w+(?: \"[^\"\n]*\")?\s*$", re.M), ""),  # an admonition's opening line
    (re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"),  # links and images: their text
    (re.compile(r"<[^>\n]+>"), " "),  # inline HTML tags
    (re.compile(r"^\s{0,3}(?:#{1,6}\s+|[-*+]\s+|\d+[.)]\s+|>\s?)", re.M), ""),  # headings, list items, quotes
    (re.compile(r"(\*\*|__|\*|`)"), ""),  # emphasis and code marks
]


def markdown_text(markdown: str) -> str:
    """The words of a Markdown text, without its markup: what the index reads of a case's body.

    Cheaper than rendering it, and the same for the site and `casebook brief`."""
    for pattern, replacement in _MARKDOWN:
        markdown = pattern.sub(replacement, markdown)
    return markdown


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case without accents: 'Itaú' is 'itau'."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).lower()


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    return _STEMMER.stemWord(word)


def indexed_stems(text: str) -> list[str]:
    """The stems under which a text is found, sorted."""
    words = set()
    for raw in fold(text).split():
        words.add(_NOT_WORD.sub("", raw))
        if "-" in raw:
            words.update(_NOT_WORD.sub("", part) for part in raw.split("-"))
    return sorted({_stem(word) for word in words if word})


def query_stems(query: str) -> list[str]:
    kept = "".join(c for c in query if unicodedata.category(c) not in _QUERY_PUNCTUATION)
    return [_stem(word) for word in fold(kept).split()]


def matches(stems: list[str], wanted: list[str]) -> bool:
    """Does every wanted stem begin one of `stems` (sorted)?"""
    for stem in wanted:
        at = bisect_left(stems, stem)
        if at == len(stems) or not stems[at].startswith(stem):
            return False
    return True


class _Text(HTMLParser):
    def __init__(self, skipped_class: str):
        super().__init__(convert_charrefs=True)
        self.skipped_class = skipped_class
        self.parts: list[str] = []
        self._skipping: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        skip = self._skipping or "data-pagefind-ignore" in names or self.skipped_class in (names.get("class") or "").split()
        if skip and tag not in _VOID:
            self._skipping.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._skipping and self._skipping[-1] == tag:
            self._skipping.pop()

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


_VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())


def searchable_text(html: str, theme_noise: str) -> str:
    """The text of a search document's content (made from the sources, search_index.py) as the search index reads it."""
    parser = _Text(theme_noise.lstrip("."))
    parser.feed(html)
    parser.close()
    return " ".join(parser.parts)
