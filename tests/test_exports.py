"""cases.json and cases.csv: every field, derived regions, raw strings, safe spreadsheets."""

from __future__ import annotations

import csv
import io
import json

from helpers import Site


def test_json_carries_every_field_and_the_derived_regions(site: Site):
    site.add_case("water", start="2001-06-30", resources=[{"amount": 10000, "currency": "NOK", "note": "Norway's grant"}],
                  source={"document": "A/58/227", "paragraphs": [53]}, status="active", aims=["Water for 40 schools."],
                  noted_lessons=["real-world-test"])
    site.build()
    data = json.loads((site.out / "cases.json").read_text("utf-8"))
    assert data["count"] == 1
    (case,) = data["cases"]
    assert case == {
        "slug": "water",
        "url": "cases/water/",
        "title": "Clean water for schools",
        "summary": "A company and UNICEF bring clean water to rural schools.",
        "scale": "project",
        "status": "active",
        "partners": [{"name": "Acme Water", "type": "business"}, {"name": "UNICEF", "type": "un-entity"}],
        "involved": [],
        "purposes": ["operational-delivery"],
        "sectors": ["health"],
        "countries": ["KE"],
        "regions": [],
        "all_regions": ["africa", "sub-saharan-africa"],
        "start": "2001-06-30",
        "end": None,
        "resources": [{"amount": 10000, "currency": "NOK", "note": "Norway's grant", "kind": "committed"}],
        "aims": ["Water for 40 schools."],
        "results": [],
        "lessons": [],
        "noted_lessons": ["real-world-test"],
        "source": {"document": "A/58/227", "paragraphs": [53], "url": None},
        "last_report": None,
        "reporting_status": "none-recorded",
        "aliases": [],
        "translations": {},
    }
    assert list(case) == data["columns"]


def test_csv_round_trips_and_neutralises_formulas(site: Site):
    site.add_case("formula", title="=HYPERLINK(\"http://evil.example\")", summary="+1, \"quoted\", and a\nline break")
    site.add_case("plain", title="Plain", countries=["NO"])
    site.build()
    text = (site.out / "cases.csv").read_text("utf-8")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert [r["slug"] for r in rows] == ["formula", "plain"]
    assert rows[0]["title"] == "'=HYPERLINK(\"http://evil.example\")"
    assert rows[0]["summary"] == "'+1, \"quoted\", and a\nline break"
    assert json.loads(rows[1]["countries"]) == ["NO"]
    assert json.loads(rows[1]["all_regions"]) == ["europe", "northern-europe"]
    assert json.loads(rows[1]["partners"])[0] == {"name": "Acme Water", "type": "business"}
    assert text.splitlines()[0] == (
        "slug,url,title,summary,scale,status,partners,involved,purposes,sectors,countries,regions,all_regions,"
        "start,end,resources,aims,results,lessons,noted_lessons,source,last_report,reporting_status,aliases,translations"
    )


def test_exports_are_byte_identical_across_builds(site: Site):
    site.add_case("b-case", title="B")
    site.add_case("a-case", title="A")
    site.build()
    first = [(site.out / name).read_bytes() for name in ("cases.json", "cases.csv")]
    site.build()
    assert [(site.out / name).read_bytes() for name in ("cases.json", "cases.csv")] == first


def test_every_xml_and_json_output_parses_whatever_the_text(site: Site):
    """Characters that are allowed (quotes, markup, tabs, right-to-left, emoji, joiners) in every field
    that reaches the feeds, the sitemap, the exports, the schema and the search index."""
    import gzip
    import xml.etree.ElementTree as ElementTree

    odd = 'Tab\there <b>&amp;</b> "q" \'s\' \u202eRTL\u202c \U0001F30D zero\u200dwidth \\back'
    site.add_case("odd", title=odd, summary=odd, results=[odd], partners=[{"name": odd, "type": "business"}, {"name": "UNICEF", "type": "un-entity"}],
                  resources=[{"amount": 10, "currency": "USD", "note": odd}], source={"document": odd, "paragraphs": [1]})
    config = site.root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "site_url: https://casebook.example.org/\n", "utf-8")
    site.build()
    xml = [p for p in site.out.rglob("*.xml")]
    assert len(xml) > 10
    for path in xml:
        ElementTree.parse(path)
    ElementTree.fromstring(gzip.decompress((site.out / "sitemap.xml.gz").read_bytes()))
    documents = [p for p in site.out.rglob("*.json")]
    assert {"cases.json", "case.schema.json", "pagefind-entry.json"} <= {p.name for p in documents}
    for path in documents:
        json.loads(path.read_text("utf-8"))
    feed = ElementTree.parse(site.out / "feed.xml")
    titles = [e.text for e in feed.getroot().iter("{http://www.w3.org/2005/Atom}title")]
    assert odd in titles
