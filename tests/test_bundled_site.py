"""The project's own site: its cases check, it builds with --strict, and every internal link resolves."""

from __future__ import annotations

from pathlib import Path
import shutil
import subprocess
import sys

from helpers import ROOT, broken_links


def test_bundled_cases_pass_the_checker():
    result = subprocess.run([sys.executable, "-m", "casebook.cli", "check"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout
    assert result.stdout == "21 cases and 10 lessons checked: no problems.\n", "no problem, and no partner that looks like another"


def test_every_internal_link_and_anchor_resolves(bundled_site: Path):
    assert broken_links(bundled_site) == []


def test_failed_build_of_the_project_leaves_its_site(tmp_path: Path):
    copy = tmp_path / "project"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(".venv", ".git", "site", "__pycache__", "bench-output", "test-artifacts", "node_modules"))
    first = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=copy, capture_output=True, text=True, timeout=600)
    assert first.returncode == 0, first.stderr
    index = (copy / "site" / "index.html").read_bytes()
    (copy / "cases" / "broken.md").write_text("---\ntitle: ok\nsummary: Itau: a bank\n---\n", "utf-8")
    second = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=copy, capture_output=True, text=True, timeout=600)
    assert second.returncode == 1
    assert "cases/broken.md:3: front matter: is not valid YAML" in second.stderr
    assert (copy / "site" / "index.html").read_bytes() == index
