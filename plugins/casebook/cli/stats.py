"""`casebook stats`: counts by facet and the gaps of the coverage matrices, for a meeting's agenda."""

from __future__ import annotations

import argparse

from ..corpus import load_corpus
from ..index import FacetIndex, coverage
from ..project import find_project


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("stats", help="print counts by facet and the coverage gaps", description="Print how many cases each term has, and which purpose × region and sector × purpose combinations have none.")
    parser.add_argument("--top", type=int, default=10, metavar="N", help="show at most N countries and partners (default 10)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    project = find_project(args.config)
    corpus = load_corpus(project.cases_dir, lessons_dir=project.lessons_dir, taxonomy_path=project.taxonomy)
    index = FacetIndex(corpus)
    scale = {t.id: len(t.cases) for t in index.terms("scale")}
    print(f"{len(index.cases)} cases: {scale.get('project', 0)} projects, {scale.get('strategic', 0)} strategic; {len(corpus.lessons)} lessons.")
    for facet, heading in (("purposes", "Purposes"), ("sectors", "Sectors"), ("regions", "Regions"), ("countries", "Countries"), ("partners", "Partners"), ("lessons", "Lessons")):
        terms = index.terms(facet)
        if facet in ("countries", "partners"):
            terms = sorted(terms, key=lambda t: (-len(t.cases), t.label.casefold()))[: args.top]
            heading += f" (top {len(terms)})"
        print(f"\n{heading}")
        width = max((len(t.label) for t in terms), default=0)
        for term in terms:
            indent = "  " if term.parent else ""
            print(f"  {indent}{term.label:<{width - len(indent)}}  {len(term.cases):>4}")
    for rows, columns in (("purposes", "regions"), ("sectors", "purposes")):
        matrix = coverage(index, rows, columns)
        gaps = matrix.empty_cells
        print(f"\nGaps, {rows} × {columns}: {len(gaps)} of {len(matrix.rows) * len(matrix.columns)} combinations have no case")
        by_row: dict[str, list[str]] = {}
        for row, column in gaps:
            by_row.setdefault(row.label, []).append(column.label)
        for label, missing in by_row.items():
            print(f"  {label}: {', '.join(missing)}")
    return 0
