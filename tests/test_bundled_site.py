"""The project's own site: its cases check, it builds with --strict, and every internal link resolves."""

from __future__ import annotations

from pathlib import Path
import posixpath
import shutil
import subprocess
import sys
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup
from helpers import ROOT


def test_bundled_cases_pass_the_checker():
    result = subprocess.run([sys.executable, "-m", "casebook.cli", "check"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout
    assert result.stdout.endswith("checked: no problems.\n")


def test_every_internal_link_and_anchor_resolves(bundled_site: Path):
    built = bundled_site
    broken = []
    ids: dict[Path, set[str]] = {}

    def anchors(page: Path) -> set[str]:
        if page not in ids:
            soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
            ids[page] = {el["id"] for el in soup.select("[id]")} | {el["name"] for el in soup.select("a[name]")}
        return ids[page]

    # 404.html is served at any depth, so MkDocs gives it root-relative links on purpose.
    for page in sorted(p for p in built.rglob("*.html") if p.name != "404.html"):
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        for el in soup.select("a[href], link[href], script[src], img[src]"):
            url = el.get("href") or el.get("src")
            parts = urlsplit(url)
            if parts.scheme or parts.netloc or url.startswith(("mailto:", "javascript:")):
                continue
            target = page if not parts.path else Path(posixpath.normpath(page.parent / unquote(parts.path)))
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{page.relative_to(built)}: {url}")
            elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in anchors(target):
                broken.append(f"{page.relative_to(built)}: {url} (no such anchor)")
    assert broken == []


def test_failed_build_of_the_project_leaves_its_site(tmp_path: Path):
    copy = tmp_path / "project"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(".venv", ".git", "site", "__pycache__"))
    first = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=copy, capture_output=True, text=True, timeout=600)
    assert first.returncode == 0, first.stderr
    index = (copy / "site" / "index.html").read_bytes()
    (copy / "cases" / "broken.md").write_text("---\ntitle: ok\nsummary: Itau: a bank\n---\n", "utf-8")
    second = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=copy, capture_output=True, text=True, timeout=600)
    assert second.returncode == 1
    assert "cases/broken.md:3: front matter: is not valid YAML" in second.stderr
    assert (copy / "site" / "index.html").read_bytes() == index
