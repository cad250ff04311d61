"""Fixtures: tiny Casebook sites in temporary folders, and the project's own site built once."""

from __future__ import annotations

from pathlib import Path
import shutil
import subprocess
import sys

import pytest

from helpers import MKDOCS_YML, ROOT, TAXONOMY, Site


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
    (tmp_path / "cases").mkdir()
    shutil.copy(TAXONOMY, tmp_path / "cases" / "taxonomy.yml")
    content = tmp_path / "content"
    (content / "lessons").mkdir(parents=True)
    (content / "index.md").write_text("# Home\n", "utf-8")
    (content / "contribute.md").write_text("# Contribute a case\n", "utf-8")
    (content / "lessons" / "index.md").write_text("# Lessons\n", "utf-8")
    (content / "lessons" / "real-world-test.md").write_text(
        "---\ntitle: The test of the real world\nsummary: Partnerships must prove their worth.\n"
        "source: {document: A/58/227, paragraphs: [67]}\ncharacteristics: [flexibility]\n---\n\nText of the lesson.\n",
        "utf-8",
    )
    (tmp_path / "mkdocs.yml").write_text(MKDOCS_YML, "utf-8")
    return Site(tmp_path)
