"""`casebook brief`: a briefing pack of the cases that match a selection, for a focal-point meeting."""

from __future__ import annotations

import argparse
from pathlib import Path
import sys

from ..clock import ClockError, build_date
from ..corpus import load_corpus
from ..languages import CODES, DEFAULT
from ..project import find_project
from ..selection import FILTER_FACETS, SelectionError, parse_selection, select
from ..urls import Urls

FORMATS = {".html": "html", ".htm": "html", ".md": "markdown", ".pdf": "pdf"}


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "brief",
        help="write a briefing pack (HTML, Markdown or PDF) of a selection of cases",
        description="Select cases by facets and text, and write a briefing pack: a cover, contents, one case per page, "
        "a summary of the selection and the characteristics checklist. Cases match every option given, and any term within one.",
    )
    for facet in FILTER_FACETS:
        parser.add_argument(f"--{facet.replace('_', '-')}", dest=facet, metavar="A,B", help=f"{facet.replace('_', ' ')}, comma-separated")
    parser.add_argument("--query", default="", metavar="TEXT", help="words that must all appear in the case")
    parser.add_argument("--out", type=Path, required=True, metavar="FILE", help="the pack; its extension chooses the format: .html, .md or .pdf")
    parser.add_argument("--site-url", help="the published site's address, printed on the cover")
    parser.add_argument("--language", choices=CODES, default=DEFAULT, help="the pack's language: its headings and vocabulary, and the cases translated into it (default: en)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    # Imported here, not above: every `casebook check` would otherwise load the renderer.
    from ..render.briefing import Briefer, PdfUnavailable
    from ..render.site import Renderer, SiteOptions

    fmt = FORMATS.get(args.out.suffix.lower())
    if fmt is None:
        print(f"casebook brief: --out must end in {', '.join(FORMATS)}", file=sys.stderr)
        return 2
    project = find_project(args.config)
    try:
        corpus = load_corpus(project.cases_dir, lessons_dir=project.lessons_dir, taxonomy_path=project.taxonomy)
        renderer = Renderer(corpus, Urls(), SiteOptions(today=build_date(), templates=project.templates))
        if args.language != DEFAULT:
            renderer = renderer.in_language(args.language)
        selection = parse_selection(renderer.index, {f: getattr(args, f) for f in FILTER_FACETS}, args.query)
    except (SelectionError, ClockError) as e:
        print(e, file=sys.stderr)
        return 1
    cases = select(renderer.index, selection, renderer.searchable)
    briefer = Briefer(renderer)
    description = selection.describe(renderer.index)
    html = briefer.html(cases, description, args.site_url)
    try:
        if fmt == "pdf":
            args.out.write_bytes(briefer.pdf(html))
        else:
            args.out.write_text(html if fmt == "html" else briefer.markdown(cases, description, args.site_url), "utf-8")
    except PdfUnavailable as e:
        print(f"casebook brief: {e}", file=sys.stderr)
        return 1
    print(f"Wrote {args.out}: {len(cases)} {'case' if len(cases) == 1 else 'cases'} ({description}).")
    return 0
