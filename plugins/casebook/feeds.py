"""Atom feeds of added and updated cases: one for the whole Casebook, one per term page."""

from __future__ import annotations

from collections.abc import Iterable
import datetime as dt
import xml.etree.ElementTree as ET

from .history import Dates
from .model import Case
from .urls import Urls, relative

ATOM = "http://www.w3.org/2005/Atom"
MAX_ENTRIES = 50


def atom_feed(
    *, title: str, feed_url: str, page_url: str, cases: Iterable[Case], dates: dict[str, Dates],
    urls: Urls, fallback: dt.date, site_url: str | None,
) -> str:  # fmt: skip
    """A feed of `cases`, newest change first; links are relative to the feed unless `site_url` is set."""

    def href(url: str) -> str:
        return site_url.rstrip("/") + "/" + url if site_url else relative(feed_url, url)

    def stamp(day: dt.date) -> str:
        return f"{day.isoformat()}T00:00:00Z"

    def changed(case: Case) -> dt.date:
        return dates[case.slug].updated if case.slug in dates else fallback

    ordered = sorted(cases, key=lambda c: (changed(c), c.slug), reverse=True)[:MAX_ENTRIES]
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    ET.SubElement(feed, f"{{{ATOM}}}title").text = title
    ET.SubElement(feed, f"{{{ATOM}}}id").text = href(feed_url) if site_url else f"urn:casebook:feed:{feed_url}"
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = stamp(max((changed(c) for c in ordered), default=fallback))
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=href(feed_url))
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=href(page_url))
    ET.SubElement(ET.SubElement(feed, f"{{{ATOM}}}author"), f"{{{ATOM}}}name").text = "Casebook"
    for case in ordered:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(entry, f"{{{ATOM}}}title").text = case.title
        ET.SubElement(entry, f"{{{ATOM}}}id").text = href(urls.case(case.slug)) if site_url else f"urn:casebook:case:{case.slug}"
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=href(urls.case(case.slug)))
        if case.slug in dates:
            ET.SubElement(entry, f"{{{ATOM}}}published").text = stamp(dates[case.slug].added)
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = stamp(changed(case))
        ET.SubElement(entry, f"{{{ATOM}}}summary").text = case.meta.summary
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
