"""The `casebook` command: one module per subcommand, none of them importing MkDocs."""

from __future__ import annotations

import argparse
from pathlib import Path
import sys

from . import check, new, reference, schema


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="casebook", description="Casebook: partnership case studies and lessons learned.")
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="the site's mkdocs.yml (default: ./mkdocs.yml)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in (check, new, schema, reference):
        command.add_parser(commands)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
