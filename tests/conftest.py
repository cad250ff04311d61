"""Tiny Casebook sites in temporary folders, built for real and read back."""

from __future__ import annotations

from dataclasses import dataclass
import os
from pathlib import Path
import shutil
import subprocess
import sys
import textwrap

from bs4 import BeautifulSoup
import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
TAXONOMY = ROOT / "cases" / "taxonomy.yml"

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def case_text(**fields: object) -> str:
    """A valid case file; keyword arguments replace fields (None removes one)."""
    meta: dict[str, object] = {
        "title": "Clean water for schools",
        "summary": "A company and UNICEF bring clean water to rural schools.",
        "partners": [{"name": "Acme Water", "type": "business"}, {"name": "UNICEF", "type": "un-entity"}],
        "purposes": ["operational-delivery"],
        "sectors": ["health"],
        "scale": "project",
        "countries": ["KE"],
    }
    for key, value in fields.items():
        if value is None:
            meta.pop(key, None)
        else:
            meta[key] = value
    body = "## Context\n\nWhat happened.\n"
    return "---\n" + yaml.safe_dump(meta, sort_keys=False, allow_unicode=True) + "---\n\n" + body


@dataclass
class Site:
    root: Path

    @property
    def cases(self) -> Path:
        return self.root / "cases"

    @property
    def out(self) -> Path:
        return self.root / "site"

    def add_case(self, slug: str, text: str | None = None, **fields: object) -> Path:
        path = self.cases / f"{slug}.md"
        path.write_text(text if text is not None else case_text(**fields), "utf-8")
        return path

    def build(self, *, check: bool = True) -> subprocess.CompletedProcess[str]:
        """`mkdocs build --strict`, as a user runs it."""
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict"],
            cwd=self.root,
            capture_output=True,
            text=True,
            timeout=300,
        )
        if check and result.returncode != 0:
            raise AssertionError(f"build failed:\n{result.stdout}\n{result.stderr}")
        return result

    def html(self, path: str) -> BeautifulSoup:
        return BeautifulSoup((self.out / path).read_text("utf-8"), "html.parser")

    def content(self, path: str) -> BeautifulSoup:
        """The article of a built page."""
        article = self.html(path).select_one("article")
        assert article is not None, path
        return article

    def check(self, *paths: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "casebook.cli", "check", *paths], cwd=self.root, capture_output=True, text=True, timeout=120
        )


MKDOCS_YML = """\
site_name: Test casebook
docs_dir: content
theme:
  name: material
  font: false
plugins:
  - search
  - casebook:
      contribute_page: contribute.md
"""


@pytest.fixture(scope="session")
def bundled_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's own site, built once with --strict into a temporary folder."""
    out = tmp_path_factory.mktemp("bundled") / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)], cwd=ROOT, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def page_text(site_dir: Path, path: str) -> str:
    """The visible text of a built page's article, whitespace folded."""
    article = BeautifulSoup((site_dir / path).read_text("utf-8"), "html.parser").select_one("article")
    assert article is not None, path
    return " ".join(article.get_text(" ").split())


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


def dedent(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")
