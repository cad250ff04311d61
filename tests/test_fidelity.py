"""The bundled content says what its source says: every paragraph it cites exists, and every quotation
in a case or a lesson is in the paragraphs that the file cites, word for word."""

from __future__ import annotations

from functools import cache
from pathlib import Path
import re

import pytest

from casebook.corpus import load_corpus
from helpers import ROOT

REPORT = Path(__file__).parent / "data" / "A-58-227.md"
"""The text of A/58/227, as the United Nations published it (paragraphs numbered 1 to 93; the box
of characteristics after paragraph 80 is read with it)."""

QUOTATION = re.compile(r'"((?:[^"\n]|\n(?![ \t]*\n))+)"|“((?:[^”\n]|\n(?![ \t]*\n))+)”')
"""A quotation in straight or typographic quotes, across the line breaks of a paragraph but not past its end."""
NOTE_TITLE = re.compile(r'^\s*!!! \w+ "[^"\n]*"\s*$', re.M)
"""The title of an admonition, such as the editors' `!!! note "Casebook's note"`: not a quotation."""


@cache
def report() -> dict[int, str]:
    paragraphs: dict[int, list[str]] = {}
    current = None
    for line in REPORT.read_text("utf-8").splitlines():
        numbered = re.match(r"^(\d+)\. (.*)", line)
        if numbered:
            current = int(numbered.group(1))
            paragraphs[current] = [numbered.group(2)]
        elif line.startswith("## ") or line.startswith("### "):
            current = None  # a section heading ends a paragraph (the box after 80 has a smaller one)
        elif current is not None:
            paragraphs[current].append(line)
    return {n: normal(" ".join(lines)) for n, lines in paragraphs.items()}


def normal(text: str) -> str:
    """Whitespace, typographic quotes and Markdown emphasis aside."""
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"').replace("\\*", "")
    text = re.sub(r"[*_]", "", text)
    return " ".join(text.split())


CORPUS = load_corpus(ROOT / "cases", lessons_dir=ROOT / "content" / "lessons")
SOURCES = {case.path: (case.meta.source, [case.title, case.meta.summary, *case.meta.aims, *case.meta.results, case.body]) for case in CORPUS.cases}
SOURCES |= {
    lesson.path: (lesson.meta.source, [lesson.title, lesson.meta.summary, (ROOT / "content" / lesson.src_uri).read_text("utf-8").split("---", 2)[2]])
    for lesson in CORPUS.lessons.values()
}  # fmt: skip


def test_the_report_has_its_93_paragraphs():
    assert sorted(report()) == list(range(1, 94))
    assert "an art, not a science" in report()[80]


@pytest.mark.parametrize("path", sorted(SOURCES))
def test_every_cited_paragraph_exists(path: str):
    source, _ = SOURCES[path]
    assert source is not None and source.document == "A/58/227", path
    assert source.paragraphs and set(source.paragraphs) <= set(report()), path


@pytest.mark.parametrize("path", sorted(SOURCES))
def test_every_quotation_is_in_the_cited_paragraphs_word_for_word(path: str):
    source, texts = SOURCES[path]
    cited = " ".join(report()[n] for n in source.paragraphs if n in report())
    quotations = [normal(a or b) for text in texts for a, b in QUOTATION.findall(NOTE_TITLE.sub("", text))]
    assert [q for q in quotations if q not in cited] == []


CITATION = re.compile(r"^\*A/58/227, paragraphs? ([^*]+)\*$", re.M)
PAGES = sorted(p for p in (ROOT / "content").rglob("*.md") if CITATION.search(p.read_text("utf-8")))


def cited(line: str) -> set[int]:
    """'paragraphs 9–15', '89 and 90 (paragraph 28 in Casebook's note)', '64 to 80' -> the numbers."""
    numbers: set[int] = set()
    for first, last in re.findall(r"(\d+)(?:\s*(?:–|-|to)\s*(\d+))?", line):
        numbers.update(range(int(first), int(last or first) + 1))
    return numbers


def test_every_page_of_the_report_cites_itself():
    assert len(PAGES) >= 14


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_quotation_of_a_page_is_in_the_paragraphs_it_cites(page: Path):
    text = page.read_text("utf-8")
    numbers = cited(CITATION.search(text).group(1))
    assert numbers and numbers <= set(report())
    paragraphs = " ".join(report()[n] for n in sorted(numbers))
    quotations = [normal(a or b) for a, b in QUOTATION.findall(NOTE_TITLE.sub("", text))]
    assert [q for q in quotations if q not in paragraphs] == []
