"""The `casebook` command: one module per subcommand, none of them importing MkDocs."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
import sys

from ..problems import ContentError
from . import brief, check, new, reference, schema, stats


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="casebook", description="Casebook: partnership case studies and lessons learned.")
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="the site's mkdocs.yml (default: ./mkdocs.yml)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in (check, new, schema, reference, brief, stats):
        command.add_parser(commands)
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except ContentError as e:  # the taxonomy or the content a command needs has problems
        print(e, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # e.g. `casebook stats | head`: the reader has what it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
