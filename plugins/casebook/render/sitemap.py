"""The site's sitemap (written by the theme): an entry for each page filled from a shell, and for each
page the same page in the site's other languages (`hreflang` alternates, as search engines read them)."""

from __future__ import annotations

from html import escape
import re

XHTML = "http://www.w3.org/1999/xhtml"


def expand_sitemap(xml: str, shell_url: str, urls: list[str]) -> str:
    """Replace the shell's <url> entry of a sitemap by one entry per filled page."""
    entry = re.search(r"[ \t]*<url>(?:(?!</url>).)*?" + re.escape(shell_url) + r"</loc>.*?</url>\n?", xml, re.S)
    if entry is None:
        return xml
    block = entry.group(0)
    filled = "".join(block.replace(shell_url + "</loc>", url + "</loc>") for url in urls)
    return xml[: entry.start()] + filled + xml[entry.end() :]


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
