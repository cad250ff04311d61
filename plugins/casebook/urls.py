"""Where each page of a Casebook lives, and relative links between them.

Generated HTML bypasses Markdown's link rewriting, so links are computed here, the same
way MkDocs computes page URLs (with or without directory URLs).
"""

from __future__ import annotations

from dataclasses import dataclass
import posixpath
from urllib.parse import quote


@dataclass(frozen=True)
class Urls:
    directory_urls: bool = True

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

    @staticmethod
    def output_path(url: str) -> str:
        """The file, relative to the site folder, that serves `url`."""
        return url + "index.html" if url.endswith("/") or url == "" else url

    @staticmethod
    def case_source(slug: str) -> str:
        return f"cases/{slug}.md"

    @staticmethod
    def term_source(facet: str, term: str) -> str:
        # Country codes are upper case in front matter (ISO), lower case in addresses.
        return f"{facet}/{term.lower() if facet == 'countries' else term}.md"

    @staticmethod
    def facet_source(facet: str) -> str:
        return f"{facet}/index.md"

    def case(self, slug: str) -> str:
        return self.of_source(self.case_source(slug))

    def term(self, facet: str, term: str) -> str:
        return self.of_source(self.term_source(facet, term))

    def term_feed(self, facet: str, term: str) -> str:
        """The Atom feed of a term page: `purposes/advocacy/feed.xml`."""
        return self.term_source(facet, term)[: -len(".md")] + "/feed.xml"

    def term_briefing(self, facet: str, term: str) -> str:
        """The print-ready briefing of a term's cases: `purposes/advocacy/briefing.html`."""
        return self.term_source(facet, term)[: -len(".md")] + "/briefing.html"

    def facet(self, facet: str) -> str:
        return self.of_source(self.facet_source(facet))

    @staticmethod
    def catalogue_page_source(number: int | str) -> str:
        """Page 1 is the catalogue itself; the plain list goes on at `catalogue/page/2/` and so on."""
        return "catalogue/index.md" if number == 1 else f"catalogue/page/{number}.md"

    def catalogue_page(self, number: int) -> str:
        return self.of_source(self.catalogue_page_source(number))


def relative(from_url: str, to_url: str) -> str:
    """A link from the page at `from_url` to `to_url`, both relative to the site root.

    Every generated link goes through here, so it climbs to the root and back down
    rather than looking for the shortest path: cheaper, and just as valid.
    """
    depth = from_url.count("/") if from_url.endswith("/") else posixpath.dirname(from_url).count("/") + bool(posixpath.dirname(from_url))
    link = "../" * depth + quote(to_url, safe="/.-_~?=&,%#")
    return link or "./"
