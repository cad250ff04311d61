"""A case's outputs: its page (the text as Markdown for the site generator; its summary, partners
and facts as its content) and its search document."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from html import escape

from .. import inputs
from ..index import PAGE_FACETS, case_terms
from ..languages import DEFAULT
from ..matching import markdown_text, searchable_text
from ..model import Case
from ..registry import Kind, Output, Page
from ..search_index import THEME_NOISE, SearchDocument
from .markdown import page_markdown, page_meta
from .site import Renderer


def facts_inputs(case: Case) -> tuple[str, ...]:
    """What a case's facts show of other things than the case: its partners' names, its lessons' titles."""
    lessons = dict.fromkeys([*case.meta.lessons, *case.meta.noted_lessons])
    return tuple(inputs.partner(p) for p in dict.fromkeys(case.partner_ids)) + tuple(inputs.lesson(i) for i in lessons)


def page(r: Renderer, case: Case) -> Output:
    """The case's page in `r`'s language: the case as written, or its translation into the language."""
    src, url = r.urls.case_source(case.slug), r.urls.case(case.slug)
    path = case.path if case.language == DEFAULT else r.corpus.translations[case.slug][case.language].path
    edit = f"{r.options.cases_from_docs}/{case.slug}.md" if r.options.cases_from_docs and src == f"cases/{case.slug}.md" else None
    related = [other.slug for other in r.related_to(case.slug)]
    made_of = (inputs.case(case.slug), inputs.related(case.slug), *inputs.listings(related), *facts_inputs(case))
    markdown = page_markdown(case.title, body=case.body)
    return Output(Kind.PAGE, r.urls.output_path(url), path, made_of, partial(content, r, case), page=Page(src, case.title, page_meta(case.title), markdown, edit))


def content(r: Renderer, case: Case) -> str:
    """What the page shows above the case's text: its summary and partners, then its facts."""
    return r.case_intro(case) + r.case_facts(case)


def search_output(r: Renderer, case: Case, others: Sequence[Renderer], bundle: str) -> Output:
    url = r.urls.case(case.slug)
    made_of = (inputs.case(case.slug), *inputs.listings([o.slug for o in r.related_to(case.slug)]), *facts_inputs(case))
    return Output(
        Kind.SEARCH, f"{bundle}/{url}", f"the search document of {case.path}", made_of,
        partial(search_html, r, case, others), url=url, bundle=bundle, language=r.language.code,
    )  # fmt: skip


def search_html(r: Renderer, case: Case, others: Sequence[Renderer]) -> str:
    return search_document(r, case, others).html(r.language.code)


def search_document(r: Renderer, case: Case, others: Sequence[Renderer] = ()) -> SearchDocument:
    """What the search index reads of a case: its title, summary and partners, its facts, and its
    body's words, with its search record (filters, sort keys, the facts a result shows).

    A case is indexed once, in its language's bundle (search_index.py), which the pages of the
    site's `others` languages search too. For their readers the document also says where the
    case is filed in their words, so that they find it by the names they know ("Brésil"), and
    its key facts as their results show them."""
    url = r.urls.case(case.slug)
    others = [o for o in others if o.language.code != case.language]
    record = r.render(
        "search_record.html", "", case=case, **r.common,
        translated=[o.language.code for o in others if case.slug in o.urls.translated],
        facts_in={o.language.code: o.key_facts(case) for o in others},
    )  # fmt: skip
    text = f"<h1>{escape(case.title)}</h1>\n" + r.case_intro(case) + r.case_facts(case) + f"<div>{escape(markdown_text(case.body))}</div>"
    if others:
        terms = [(facet.name, term) for facet in PAGE_FACETS if facet.name != "partners" for term in case_terms(case, facet.name)]  # partners: their names are there
        filed = {o.index.label(facet, term) for facet, term in terms for o in others}
        text += f"\n<p>{escape(' · '.join(sorted(filed)))}</p>"
    # Its partners by every name they go by: "PNUD" finds an English case from French, "UNDP" a
    # French one from any language.
    named = [partner.every_name() for pid in dict.fromkeys(case.partner_ids) if (partner := r.corpus.partners.get(pid)) and partner.names]
    if named:
        text += f"\n<p>{escape(' · '.join(name for names in named for name in names))}</p>"
    return SearchDocument(url, text, "case", case.title, record)


def searchable(r: Renderer, case: Case) -> str:
    """A case's text as the search index reads it, for matching words without the site (matching.py)."""
    return searchable_text(search_document(r, case).content, THEME_NOISE)
