"""What Casebook adds to the author's pages: the live content a page asks for with a marker
(`<!-- casebook:totals -->`), what frames each lesson page (its summary and source before its
text; its characteristics and the cases that name it after), and their search documents."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial
from typing import Any

import markdown

from .. import inputs
from ..index import FACETS
from ..model import Lesson
from ..reference import content_model_markdown
from ..registry import MARKER, Kind, Output
from ..search_index import OUTPUT_DIR, page_document
from .site import Renderer

LESSON_BEFORE, LESSON_AFTER = "lesson-before", "lesson-after"
"""The markers around a lesson page's own text."""


def widget_inputs(r: Renderer) -> dict[str, tuple[str, ...]]:
    """What each widget shows, by name: WIDGETS are these names."""
    code = r.language.code
    counts = (inputs.count(code), inputs.filing(code), *(inputs.facet(code, f.name) for f in FACETS))
    lessons = tuple(inputs.lesson(i) for i in r.corpus.lessons)
    return {
        "purpose-counts": (inputs.facet(code, "purposes"),),
        "totals": counts,
        "lessons": (inputs.facet(code, "lessons"), *lessons),
        "characteristics": lessons,
        "recent-cases": (inputs.cases(code),),
        "content-model": (),
        "charts": counts,
    }


WIDGETS = ("purpose-counts", "totals", "lessons", "characteristics", "recent-cases", "content-model", "charts")


def widget(r: Renderer, name: str, page_url: str) -> str:
    if name == "content-model":
        return markdown.markdown(content_model_markdown(r.corpus.taxonomy), extensions=["tables"])
    if name == "charts":
        return r.render("widget_charts.html", page_url, **r.chart_rows(), **r.common)
    return r.render(f"widget_{name}.html", page_url, **r.common)


@dataclass(frozen=True)
class AuthoredPage:
    """An author's page, as the site generator found it."""

    src_uri: str
    url: str
    """Its address as the site generator's files give it (`./` for the home page)."""
    markdown: str
    meta: dict[str, Any]

    @property
    def page_url(self) -> str:
        """Its address as a page's links start from it (`` for the home page)."""
        return "" if self.url in (".", "./") else self.url


def unknown_markers(page: AuthoredPage) -> list[str]:
    return [name for name in dict.fromkeys(MARKER.findall(page.markdown)) if name not in WIDGETS]


def parts(r: Renderer, pages: Iterable[AuthoredPage]) -> list[Output]:
    """The parts that fill the author's pages: each marker's widget, each lesson page's frame."""
    needs, lessons, found = widget_inputs(r), {lesson.src_uri: lesson for lesson in r.corpus.lessons.values()}, []
    for page in pages:
        for name in dict.fromkeys(MARKER.findall(page.markdown)):
            if name in WIDGETS:
                found.append(_part(page, name, needs[name], partial(widget, r, name, page.page_url), f"the widget '{name}'"))
        lesson = lessons.get(page.src_uri)
        if lesson is not None:
            cases = r.index.term("lessons", lesson.id).cases
            made_of = (inputs.lesson(lesson.id), inputs.term(r.language.code, "lessons", lesson.id), *inputs.listings([c.slug for c in cases]))
            found.append(_part(page, LESSON_BEFORE, made_of, partial(lesson_part, r, lesson, page.page_url, "lesson_before.html"), "the lesson's summary"))
            found.append(_part(page, LESSON_AFTER, made_of, partial(lesson_part, r, lesson, page.page_url, "lesson_after.html"), "the lesson's cases"))
    return found


def _part(page: AuthoredPage, name: str, made_of: tuple[str, ...], render, what: str) -> Output:
    return Output(Kind.PART, f"{page.src_uri}#{name}", f"{what} in {page.src_uri}", made_of, render, frame=page.src_uri)


def lesson_part(r: Renderer, lesson: Lesson, page_url: str, template: str) -> str:
    """What a lesson page shows before its own text (summary, source) or after it (characteristics, cases)."""
    cases = r.index.term("lessons", lesson.id).cases
    values = {
        **r.common, "lesson": lesson,
        "cases": [c for c in cases if lesson.id in c.meta.lessons], "noted_cases": [c for c in cases if lesson.id not in c.meta.lessons],
    }  # fmt: skip
    return r.render(template, page_url, **values)


def framed_lesson(markdown_text: str) -> str:
    """A lesson page's Markdown, between the markers of what frames it."""
    return f"<!-- casebook:{LESSON_BEFORE} -->\n\n{markdown_text}\n\n<!-- casebook:{LESSON_AFTER} -->\n"


def search_documents(r: Renderer, pages: Iterable[AuthoredPage]) -> list[Output]:
    """The search documents of the author's pages, from their Markdown (search_index.py), in the
    default language's bundle, which every language's pages search."""
    lessons, found = {lesson.src_uri: lesson for lesson in r.corpus.lessons.values()}, []
    for page in pages:
        search = page.meta.get("search")
        if isinstance(search, dict) and search.get("exclude"):
            continue  # Material's convention for a page left out of search
        lesson = lessons.get(page.src_uri)
        title = lesson.title if lesson else page.meta.get("title") if isinstance(page.meta.get("title"), str) else None
        summary = lesson.meta.summary if lesson else ""
        document = page_document(page.url, page.markdown, "lesson" if lesson else "page", title, summary)
        made_of = (inputs.document(page.src_uri), *((inputs.lesson(lesson.id),) if lesson else ()))
        html = document.html(r.language.code)
        found.append(Output(Kind.SEARCH, f"{OUTPUT_DIR}/{page.url}", f"the search document of {page.src_uri}", made_of, partial(str, html), url=page.url, bundle=OUTPUT_DIR, language=r.language.code))
    return found
