"""`casebook reference`: the content model and vocabularies as Markdown, for CONTRIBUTING.md."""

from __future__ import annotations

import argparse
from pathlib import Path
import sys

from ..corpus import display_path
from ..project import find_project
from ..reference import content_model_markdown, replace_section
from ..taxonomy import load_taxonomy


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "reference",
        help="print the content model and vocabularies as Markdown",
        description="Print every field and every term as Markdown; with --write, replace the generated section of a file (CONTRIBUTING.md).",
    )
    parser.add_argument("--write", type=Path, metavar="FILE", help="replace the section between the content model markers of FILE")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    project = find_project(args.config)
    taxonomy = load_taxonomy(project.taxonomy, display_path(project.taxonomy, None))
    section = content_model_markdown(taxonomy)
    if args.write is None:
        print(section, end="")
        return 0
    try:
        args.write.write_text(replace_section(args.write.read_text("utf-8"), section), "utf-8")
    except (OSError, ValueError) as e:
        print(f"casebook reference: {args.write}: {e}", file=sys.stderr)
        return 1
    print(f"Updated the content model in {args.write}.")
    return 0
