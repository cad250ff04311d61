"""Static checks, in the test command and in pre-commit: ruff on the code and tests, mypy on plugins/; and which modules import MkDocs."""

from __future__ import annotations

import subprocess
import sys

from helpers import ROOT


def test_ruff_finds_nothing():
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "plugins", "tests", "scripts"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_nothing_in_plugins():
    result = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr


def test_only_the_plugin_and_its_options_import_mkdocs():
    """What README's "Material's end of life" promises: the rest moves to another site generator as it is."""
    import ast

    package = ROOT / "plugins" / "casebook"
    importers = set()
    for path in package.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            if any(name.split(".")[0] in ("mkdocs", "material") for name in names):
                importers.add(path.relative_to(package).as_posix())
    assert importers == {"plugin.py", "config.py"}
