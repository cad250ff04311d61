"""`casebook schema`: the JSON Schema of case front matter, generated from the content model."""

from __future__ import annotations

import argparse

from ..corpus import display_path, lesson_files
from ..project import find_project
from ..schema import case_schema_json, translation_schema_json
from ..taxonomy import load_taxonomy


def add_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "schema",
        help="print the JSON Schema of case front matter",
        description="Print the JSON Schema of case front matter, with the vocabularies of this project. The site publishes it at /schema/case.schema.json.",
    )
    parser.add_argument("--translation", action="store_true", help="the schema of a case's translation (cases/<slug>.<language>.md) instead")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.translation:
        print(translation_schema_json(), end="")
        return 0
    project = find_project(args.config)
    taxonomy = load_taxonomy(project.taxonomy, display_path(project.taxonomy, None))
    print(case_schema_json(taxonomy, [p.stem for p in lesson_files(project.lessons_dir)]), end="")
    return 0
