"""Fixtures: tiny Casebook sites in temporary folders, and the project's own site built once."""

from __future__ import annotations

from pathlib import Path
import subprocess
import sys

import pytest

from helpers import ROOT, Site, make_site


@pytest.fixture(scope="session")
def bundled_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's own site, built once with --strict into a temporary folder."""
    out = tmp_path_factory.mktemp("bundled") / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)], cwd=ROOT, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture
def site(tmp_path: Path) -> Site:
    return make_site(tmp_path)
