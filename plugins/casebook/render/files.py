"""The files of a site that are the same in every language: the exports, the site's feed, the
redirects from a case's former addresses, and Casebook's scripts, stylesheet and shapes."""

from __future__ import annotations

from functools import partial
from importlib import resources

from .. import exports, inputs, maps
from ..registry import Kind, Output
from ..schema import case_schema_json, translation_schema_json
from .site import ASSET_DIR, ASSETS, EXPORTS, SITE_FEED, WORLD, Renderer
from .terms import feed


def export_files(r: Renderer) -> list[Output]:
    """Every case with all its fields as JSON and CSV, and the JSON Schemas of a case and of its translation."""
    json_uri, csv_uri, schema_uri, translation_schema_uri = EXPORTS
    every_case = (inputs.cases(r.language.code),)
    return [
        Output(Kind.FILE, json_uri, "the export cases.json", every_case, lambda: exports.cases_json(r.records)),
        Output(Kind.FILE, csv_uri, "the export cases.csv", every_case, lambda: exports.cases_csv(r.records)),
        Output(Kind.FILE, schema_uri, "the JSON Schema of a case", (), lambda: case_schema_json(r.corpus.taxonomy, list(r.corpus.lessons))),
        Output(Kind.FILE, translation_schema_uri, "the JSON Schema of a case's translation", (), translation_schema_json),
    ]


def site_feed(r: Renderer) -> Output:
    render = partial(feed, r, "Casebook: new and updated cases", SITE_FEED, "", r.index.cases)
    return Output(Kind.FILE, SITE_FEED, "the site's feed", (inputs.cases(r.language.code),), render)


def redirects(r: Renderer) -> list[Output]:
    """A page at each of a case's former addresses (`aliases:`) that sends readers on to it."""
    found = []
    for case in r.corpus.cases:
        for alias in case.meta.aliases:
            old = r.urls.case(alias)
            page = partial(r.render, "redirect.html", old, case=case, **r.common)
            found.append(Output(Kind.FILE, r.urls.output_path(old), f"the redirect from '{alias}' ({case.path})", (inputs.listing(case.slug),), page))
    return found


def _asset(name: str) -> str:
    return resources.files("casebook").joinpath("assets", name).read_text("utf-8")


def assets() -> list[Output]:
    """Scripts, stylesheet and the world's shapes, which the site generator writes as they are."""
    found = [Output(Kind.ASSET, f"{ASSET_DIR}/{name}", f"Casebook's {ASSET_DIR}/{name}", (), partial(_asset, name)) for name in ASSETS]
    return found + [Output(Kind.ASSET, WORLD, f"Casebook's {WORLD}", (), maps.sprite)]
