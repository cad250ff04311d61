"""Helpers for the tests: tiny Casebook sites in temporary folders, built for real and read back."""

from __future__ import annotations

from dataclasses import dataclass
import json
import os
from pathlib import Path
import shutil
import subprocess
import sys

from bs4 import BeautifulSoup
from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode
import yaml

from casebook.search_index import OUTPUT_DIR

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

    def build(self, *, check: bool = True, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        """`mkdocs build --strict`, as a user runs it; `env` adds environment variables."""
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict"],
            cwd=self.root,
            capture_output=True,
            text=True,
            timeout=300,
            env={**os.environ, **(env or {})},
        )
        if check and result.returncode != 0:
            raise AssertionError(f"build failed:\n{result.stdout}\n{result.stderr}")
        return result

    def configure(self, **options: object) -> None:
        """Set options of the casebook plugin in mkdocs.yml."""
        config = self.root / "mkdocs.yml"
        lines = "".join(f"      {key}: {yaml.safe_dump(value, default_flow_style=True).splitlines()[0]}\n" for key, value in options.items())
        config.write_text(config.read_text("utf-8").replace("  - casebook:\n", "  - casebook:\n" + lines, 1), "utf-8")

    def files(self) -> dict[str, bytes]:
        """Every file of the built site, by its path in the site."""
        return {p.relative_to(self.out).as_posix(): p.read_bytes() for p in sorted(self.out.rglob("*")) if p.is_file()}

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
  - casebook:
      contribute_page: contribute.md
"""


def page_text(site_dir: Path, path: str) -> str:
    """The visible text of a built page's article, whitespace folded."""
    article = BeautifulSoup((site_dir / path).read_text("utf-8"), "html.parser").select_one("article")
    assert article is not None, path
    return " ".join(article.get_text(" ").split())


ARTIFACTS = Path(os.environ.get("CASEBOOK_ARTIFACTS", ROOT / "test-artifacts"))
"""Where tests leave what CI keeps (screenshots)."""


def broken_links(site_dir: Path) -> list[str]:
    """Every internal link, script, stylesheet or image of a built site that does not resolve to a file
    (or to an anchor in it)."""
    import posixpath
    from urllib.parse import unquote, urlsplit

    broken = []
    ids: dict[Path, set[str]] = {}

    def anchors(page: Path) -> set[str]:
        if page not in ids:
            soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
            ids[page] = {el["id"] for el in soup.select("[id]")} | {el["name"] for el in soup.select("a[name]")}
        return ids[page]

    # 404.html is served at any depth, so MkDocs gives it root-relative links on purpose.
    for page in sorted(p for p in site_dir.rglob("*.html") if p.name != "404.html"):
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        for el in soup.select("a[href], link[href], script[src], img[src], [xlink\\:href]"):
            url = el.get("href") or el.get("src") or el.get("xlink:href")
            parts = urlsplit(url)
            if parts.scheme or parts.netloc or url.startswith(("mailto:", "javascript:")):
                continue
            target = page if not parts.path else Path(posixpath.normpath(page.parent / unquote(parts.path)))
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{page.relative_to(site_dir)}: {url}")
            elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in anchors(target):
                broken.append(f"{page.relative_to(site_dir)}: {url} (no such anchor)")
    return broken


def search_records(site_dir: Path, bundle: str = OUTPUT_DIR) -> dict[str, dict]:
    """Every page in one of the site's search bundles (Pagefind's fragments), by the address a result
    links to (meta `url`, from the root): its text (`content`), `filters` and `meta`, as the browser
    gets them."""
    import gzip
    import json

    records = {}
    for fragment in (site_dir / bundle / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes())
        assert data.startswith(b"pagefind_dcd"), fragment
        record = json.loads(data[len(b"pagefind_dcd") :])
        url = record["meta"]["url"]
        records["/" + ("" if url == "./" else url)] = record
    return records


TRANSLATED_TITLE = {
    "ar": "مياه نظيفة للمدارس",
    "zh": "为学校提供清洁用水",
    "fr": "De l'eau potable pour les écoles",
    "ru": "Чистая вода для школ",
    "es": "Agua potable para las escuelas",
}
FRENCH_BODY_WORD = "potabilisation"
"""In the French translation's body only: the French search index finds it."""


def translation(code: str, **fields: object) -> str:
    """A case's translation file (`<slug>.<code>.md`); keyword arguments add front matter."""
    meta = {"title": TRANSLATED_TITLE[code], "summary": f"Résumé ({code}) : une entreprise et l'UNICEF.", **fields}
    front = "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in meta.items())
    return f"---\n{front}---\n\n## Contexte\n\nLa {FRENCH_BODY_WORD} de l'eau ({code}).\n"


def make_site(tmp_path: Path) -> Site:
    """A tiny site: the project's vocabularies, a home page, a contribute page and one lesson."""
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


def commonmark(text: str) -> SyntaxTreeNode:
    """A Markdown document as a CommonMark reader (with GitHub's tables) sees it: its tree of blocks."""
    return SyntaxTreeNode(MarkdownIt("commonmark").enable("table").parse(text))


def text_of(node: SyntaxTreeNode) -> str:
    """What a reader sees of a block or inline node: its text, escapes resolved, markup gone."""
    if node.type in ("text", "code_inline"):
        return node.content
    if node.type in ("softbreak", "hardbreak"):
        return " "
    return "".join(text_of(child) for child in node.children)


def markdown_sections(tree: SyntaxTreeNode, level: int = 2) -> list[tuple[str, list[SyntaxTreeNode]]]:
    """The document cut at its headings of `level`: each heading's text and the blocks under it."""
    sections: list[tuple[str, list[SyntaxTreeNode]]] = []
    for block in tree.children:
        if block.type == "heading" and block.tag == f"h{level}":
            sections.append((text_of(block), []))
        elif sections:
            sections[-1][1].append(block)
    return sections


def list_items(block: SyntaxTreeNode) -> list[SyntaxTreeNode]:
    assert block.type in ("bullet_list", "ordered_list"), block.type
    return list(block.children)


def table_rows(block: SyntaxTreeNode) -> list[list[str]]:
    """A table's rows, its header first, each as its cells' text."""
    assert block.type == "table", block.type
    return [[text_of(cell) for cell in row.children] for part in block.children for row in part.children]
