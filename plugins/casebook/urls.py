"""Where each page of a Casebook lives, and relative links between them.

Generated HTML bypasses Markdown's link rewriting, so links are computed here, the same
way MkDocs computes page URLs (with or without directory URLs).
"""

from __future__ import annotations

from dataclasses import dataclass
import posixpath
from urllib.parse import quote

SHARED_TERM_PAGES = frozenset({"partners"})
"""The facets whose term pages are the default language's only, and every language links to them:
their terms are names (organisations), the same in every language, and their number grows with the
corpus, whereas a language's own pages are bounded by what is translated into it."""


@dataclass(frozen=True)
class Urls:
    """Where pages live, for the pages of one language: its generated pages under its prefix (`fr/`),
    its cases there only where translated (`translated`); authored pages, partners' pages
    (SHARED_TERM_PAGES), feeds and exports are the default language's, at the root."""

    directory_urls: bool = True
    prefix: str = ""
    """'' for the default language, 'fr/' for French (languages.py)."""
    translated: frozenset[str] = frozenset()
    """The cases with a page in this language, other than the default: their translations' slugs."""

    def of_source(self, src_uri: str) -> str:
        """The site URL of the page built from `src_uri` ('cases/x.md' -> 'cases/x/')."""
        if not src_uri.endswith(".md"):
            return src_uri
        stem = src_uri[: -len(".md")]
        parent, name = posixpath.split(stem)
        if name in ("index", "README"):
            if self.directory_urls:
                return f"{parent}/" if parent else ""
            return posixpath.join(parent, "index.html")
        return f"{stem}/" if self.directory_urls else f"{stem}.html"

    def source(self, src_uri: str) -> str:
        """A generated page's source in this language: 'catalogue/index.md' -> 'fr/catalogue/index.md'."""
        return self.prefix + src_uri

    def page(self, src_uri: str) -> str:
        """The URL of a generated page in this language, by its source in the default language."""
        return self.of_source(self.source(src_uri))

    @staticmethod
    def output_path(url: str) -> str:
        """The file, relative to the site folder, that serves `url`."""
        return url + "index.html" if url.endswith("/") or url == "" else url

    def case_source(self, slug: str) -> str:
        """A case's page in this language if it is translated into it, else the case as written."""
        return f"{self.prefix if slug in self.translated else ''}cases/{slug}.md"

    @staticmethod
    def _term_path(facet: str, term: str) -> str:
        """A term's folder, in any language: country codes are upper case in front matter (ISO),
        lower case in addresses."""
        return f"{facet}/{term.lower() if facet == 'countries' else term}"

    def term_source(self, facet: str, term: str) -> str:
        path = f"{self._term_path(facet, term)}.md"
        return path if facet in SHARED_TERM_PAGES else self.source(path)

    def term_page_source(self, facet: str, term: str, number: int | str) -> str:
        """Page 1 is the term's page; its list goes on at `purposes/advocacy/page/2/` and so on."""
        if number == 1:
            return self.term_source(facet, term)
        path = f"{self._term_path(facet, term)}/page/{number}.md"
        return path if facet in SHARED_TERM_PAGES else self.source(path)

    def has_term_pages(self, facet: str) -> bool:
        """Does this language have the pages of the terms of `facet`?"""
        return not self.prefix or facet not in SHARED_TERM_PAGES

    def facet_source(self, facet: str) -> str:
        return self.source(f"{facet}/index.md")

    def case(self, slug: str) -> str:
        return self.of_source(self.case_source(slug))

    def term(self, facet: str, term: str) -> str:
        return self.of_source(self.term_source(facet, term))

    def term_page(self, facet: str, term: str, number: int) -> str:
        return self.of_source(self.term_page_source(facet, term, number))

    def term_feed(self, facet: str, term: str) -> str:
        """The Atom feed of a term page: `purposes/advocacy/feed.xml`, one for every language."""
        return f"{self._term_path(facet, term)}/feed.xml"

    def term_briefing(self, facet: str, term: str) -> str:
        """The print-ready briefing of a term's cases: `purposes/advocacy/briefing.html`."""
        return self.term_source(facet, term)[: -len(".md")] + "/briefing.html"

    def facet(self, facet: str) -> str:
        return self.of_source(self.facet_source(facet))

    def facet_page_source(self, facet: str, number: int | str) -> str:
        """Page 1 is the facet's page; the list of a facet whose terms grow with the corpus goes on
        at `partners/page/2/` and so on."""
        return self.facet_source(facet) if number == 1 else self.source(f"{facet}/page/{number}.md")

    def facet_page(self, facet: str, number: int) -> str:
        return self.of_source(self.facet_page_source(facet, number))

    def catalogue_page_source(self, number: int | str) -> str:
        """Page 1 is the catalogue itself; the plain list goes on at `catalogue/page/2/` and so on."""
        return self.source("catalogue/index.md" if number == 1 else f"catalogue/page/{number}.md")

    def catalogue_page(self, number: int) -> str:
        return self.of_source(self.catalogue_page_source(number))

    def reporting(self) -> str:
        return self.page("reporting/index.md")

    def reporting_page_source(self, status: str, number: int | str) -> str:
        """Page 1 of a reporting status's list is on the reporting page; it goes on at
        `reporting/overdue/page/2/` and so on."""
        return self.source("reporting/index.md" if number == 1 else f"reporting/{status}/page/{number}.md")

    def reporting_page(self, status: str, number: int) -> str:
        url = self.of_source(self.reporting_page_source(status, number))
        return f"{url}#{status}" if number == 1 else url


def relative(from_url: str, to_url: str) -> str:
    """A link from the page at `from_url` to `to_url`, both relative to the site root.

    Every generated link goes through here, so it climbs to the root and back down
    rather than looking for the shortest path: cheaper, and just as valid.
    """
    depth = from_url.count("/") if from_url.endswith("/") else posixpath.dirname(from_url).count("/") + bool(posixpath.dirname(from_url))
    link = "../" * depth + quote(to_url, safe="/.-_~?=&,%#")
    return link or "./"
