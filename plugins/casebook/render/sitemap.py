"""The site's sitemap (written by the theme): an entry for each page filled from a shell, and for each
page the same page in the site's other languages (`hreflang` alternates, as search engines read them)."""

from __future__ import annotations

from html import escape
import re

XHTML = "http://www.w3.org/1999/xhtml"


def expand_sitemap(xml: str, site_url: str, filled: dict[str, list[str]]) -> str:
    """Replace each shell's <url> entry of a sitemap (`filled`: its address -> its pages', from the
    site's root) by one entry per filled page, in one pass over the sitemap."""
    locs = {escape(site_url + shell): [escape(site_url + url) for url in urls] for shell, urls in filled.items()}

    def entry(match: re.Match[str]) -> str:
        block, loc = match.group(0), match.group(1)
        if loc not in locs:
            return block
        return "".join(block.replace(f"<loc>{loc}</loc>", f"<loc>{url}</loc>") for url in locs[loc])

    return re.sub(r"[ \t]*<url>\s*<loc>([^<]*)</loc>.*?</url>\n?", entry, xml, flags=re.S)


def add_alternates(xml: str, site_url: str, groups: list[dict[str, str]], default: str) -> str:
    """Each page's entry lists the page in every language of its group (language -> address, from
    the site's root), its own included, and `x-default` for the default language's."""
    by_loc = {site_url + url: group for group in groups for url in group.values()}

    def entry(match: re.Match[str]) -> str:
        group = by_loc.get(match.group(2))
        if group is None:
            return match.group(0)
        links = [(code, url) for code, url in group.items()] + ([("x-default", group[default])] if default in group else [])
        alternates = "".join(f'\n         <xhtml:link rel="alternate" hreflang="{code}" href="{escape(site_url + url)}"/>' for code, url in links)
        return match.group(1) + match.group(2) + "</loc>" + alternates

    xml = re.sub(r"(<loc>)([^<]*)</loc>", entry, xml)
    return xml.replace('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">', f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="{XHTML}">', 1)
