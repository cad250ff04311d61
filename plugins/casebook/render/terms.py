"""A facet's outputs: its page (every term, with its number of cases), each term's page (framed by
the facet's shell: render/shell.py), each term's feed, and each term's printed briefing."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from .. import inputs, maps
from ..feeds import atom_feed
from ..index import FACET, PAGE_FACETS, Term, in_pages
from ..model import Case
from ..registry import Frame, Kind, Output, Page, Units
from ..urls import relative
from ..writing import isolate
from .cases import facts_inputs
from .markdown import page_markdown, page_meta
from .shell import SHELL_NAME, shell_markdown, shell_meta
from .site import WORLD, Renderer


def named(kind: str, label: str) -> str:
    return f"{kind.lower()} '{label}'"


def facet_pages(r: Renderer) -> list[Output]:
    """Each facet's page; a facet whose terms grow with the corpus (Facet.open) lists them a page at
    a time, the further pages framed by a shell."""
    found, code = [], r.language.code
    for facet in PAGE_FACETS:
        title, src, chunks = r.gettext(facet.plural), r.urls.facet_source(facet.name), r.facet_chunks[facet.name]
        page = Page(src, title, page_meta(title, search=False), page_markdown(title))
        made_of = (inputs.facet_page(code, facet.name, 1),) if facet.open else (inputs.facet(code, facet.name),)
        what = f"the list of {facet.plural.lower()}{r.language_suffix()}"
        found.append(Output(Kind.PAGE, r.urls.output_path(r.urls.facet(facet.name)), what, made_of, partial(facet_html, r, facet.name), page=page))
        for number in range(2, len(chunks) + 1):
            url = r.urls.facet_page(facet.name, number)
            shown = r.gettext("%(title)s, page %(number)s") % {"title": title, "number": number}
            render = partial(facet_html, r, facet.name, number)
            frame = r.urls.facet_page_source(facet.name, SHELL_NAME)
            found.append(Output(Kind.FRAMED, r.urls.output_path(url), f"page {number} of {what}", (inputs.facet_page(code, facet.name, number),), render, frame=frame, url=url, title=shown))
    return found


def facet_html(r: Renderer, facet_name: str, number: int = 1) -> str:
    url, chunks = r.urls.facet_page(facet_name, number), r.facet_chunks[facet_name]
    terms = chunks[number - 1]
    keys = [(t.facet, t.id, t.label, t.description, len(t.cases)) for t in terms]
    entries = dict(zip([t.id for t in terms], r.rows("facet_entry.html", url, terms, keys), strict=True))
    return r.render(
        "facet.html", url, facet=FACET[facet_name], terms=terms, entries=entries, page_number=number, page_count=len(chunks),
        page_address=partial(r.urls.facet_page, facet_name), **r.common,
    )  # fmt: skip


def frames(r: Renderer) -> list[Frame]:
    """One shell per facet, at the depth of its term pages (term pages of a facet all sit at one
    depth), one at the depth of their further pages where a term has more than one, and one for
    the facet's own further pages where it has them."""
    found = []
    for facet in PAGE_FACETS:
        if len(r.facet_chunks[facet.name]) > 1:  # the facet's own further pages
            src = r.urls.facet_page_source(facet.name, SHELL_NAME)
            found.append(Frame(src, r.urls.of_source(src), Page(src, "", shell_meta(), shell_markdown())))
        if r.urls.has_term_pages(facet.name):
            sources = [r.urls.term_source(facet.name, SHELL_NAME)]
            if any(len(in_pages(t.cases)) > 1 for t in r.index.terms(facet.name)):
                sources.append(_further_frame(r, facet.name))
            found += [Frame(src, r.urls.of_source(src), Page(src, "", shell_meta(), shell_markdown())) for src in sources]
    return found


def _further_frame(r: Renderer, facet: str) -> str:
    return r.urls.term_page_source(facet, SHELL_NAME, SHELL_NAME)


def term_pages(r: Renderer, units: Units | None = None) -> list[Output]:
    units = units if units is not None else Units()  # none kept: every output made
    found = []
    for facet in PAGE_FACETS:
        if not r.urls.has_term_pages(facet.name):
            continue
        singular = r.gettext(facet.singular)
        for term in r.index.terms(facet.name):
            found += units.of(("term", r.language.code, term.facet, term.id), partial(_term_page, r, term, singular))
    return found


def _term_page(r: Renderer, term: Term, singular: str) -> list[Output]:
    """The term's page, then its list's further pages (index.in_pages cuts it)."""
    title = r.gettext("%(facet)s: %(term)s") % {"facet": singular, "term": isolate(term.label, r.language.code)}
    what = f"the page of {named(FACET[term.facet].singular, term.label)}{r.language_suffix()}"
    chunks, found = in_pages(term.cases), []
    for number, chunk in enumerate(chunks, 1):
        url = r.urls.term_page(term.facet, term.id, number)
        frame = r.urls.term_source(term.facet, SHELL_NAME) if number == 1 else _further_frame(r, term.facet)
        # The first page counts every case and shows a partner's entry in the registry; a further
        # one shows only its own cases and how many pages there are.
        if number == 1:
            shows = (inputs.term(r.language.code, term.facet, term.id), *((inputs.partner(term.id),) if term.facet == "partners" else ()))
        else:
            shows = (inputs.term_page(r.language.code, term.facet, term.id, number),)
        made_of = (*shows, *inputs.listings([c.slug for c in chunk]))
        shown = title if number == 1 else r.gettext("%(title)s, page %(number)s") % {"title": title, "number": number}
        render = partial(term_html, r, term, number, chunks)
        found.append(Output(Kind.FRAMED, r.urls.output_path(url), what if number == 1 else f"page {number} of {what}", made_of, render, frame=frame, url=url, title=shown))
    return found


def _term_inputs(r: Renderer, term: Term) -> tuple[str, ...]:
    return (inputs.term(r.language.code, term.facet, term.id), *inputs.listings([c.slug for c in term.cases]))


def term_html(r: Renderer, term: Term, number: int, chunks: list[list[Case]]) -> str:
    """The content of page `number` of a term's list (`chunks`: its cases, a page at a time); the
    first page a country's or a region's with a locator map."""
    url = r.urls.term_page(term.facet, term.id, number)
    codes = [term.id] if term.facet == "countries" and maps.drawn(term.id) else r.region_countries.get(term.id, []) if term.facet == "regions" else []
    label = r.gettext("Where %(place)s is on the world map") % {"place": isolate(term.label, r.language.code)}
    items = r.case_items(chunks[number - 1], url)
    return r.render(
        "term.html", url, term=term, facet=FACET[term.facet], codes=codes if number == 1 else [], label=label, case_items=items,
        page_number=number, page_count=len(chunks), page_address=partial(r.urls.term_page, term.facet, term.id), **r.common,
    )  # fmt: skip


def feeds(r: Renderer, units: Units | None = None) -> list[Output]:
    """One feed per term page, the same in every language: the default language's."""
    units = units if units is not None else Units()  # none kept: every output made
    found = []
    for facet in PAGE_FACETS:
        for term in r.index.terms(facet.name):
            found += units.of(("feed", term.facet, term.id), partial(_term_feed, r, term))
    return found


def _term_feed(r: Renderer, term: Term) -> list[Output]:
    facet = FACET[term.facet]
    title = f"Casebook: {facet.singular.lower()} {term.label}"
    url = r.urls.term_feed(term.facet, term.id)
    render = partial(feed, r, title, url, r.urls.term(term.facet, term.id), term.cases)
    return [Output(Kind.FILE, url, f"the feed of {named(facet.singular, term.label)}", _term_inputs(r, term), render)]


def feed(r: Renderer, title: str, feed_url: str, page_url: str, cases: list[Case]) -> str:
    o = r.options
    return atom_feed(title=title, feed_url=feed_url, page_url=page_url, cases=cases, dates=o.dates, urls=r.urls, fallback=o.today, site_url=o.site_url)


def briefings(r: Renderer, units: Units | None = None) -> list[Output]:
    """A print-ready briefing per term page, assembled from each case's block, rendered once.

    A term with more than BRIEFING_LIMIT cases links to the browser-built briefing instead
    (Renderer.term_briefing_url, which decides): nobody prints hundreds of pages for a meeting, and every case
    would otherwise be written into the site once per term it has."""
    units = units if units is not None else Units()  # none kept: every output made
    found: list[Output] = []
    shown: dict[str, tuple[str, ...]] = {}  # each case's, once: a case is in a dozen terms

    def facts_of(case: Case) -> tuple[str, ...]:
        if case.slug not in shown:
            shown[case.slug] = facts_inputs(case)
        return shown[case.slug]

    for facet in PAGE_FACETS:
        for term in r.index.terms(facet.name):
            found += units.of(("briefing", term.facet, term.id), partial(_term_briefing, r, term, facts_of))
    return found


def _term_briefing(r: Renderer, term: Term, facts_of: Callable[[Case], tuple[str, ...]]) -> list[Output]:
    url = r.urls.term_briefing(term.facet, term.id)
    if r.term_briefing_url(term) != url:
        return []  # too many cases: the briefing of a selection, which the browser assembles
    facet = FACET[term.facet]
    description = f"{facet.singular}: {term.label}"
    pack = partial(briefing_html, r, term.cases, description, relative(url, WORLD))
    made_of = _term_inputs(r, term) + tuple(dict.fromkeys(i for case in term.cases for i in facts_of(case)))
    return [Output(Kind.FILE, url, f"the briefing of {named(facet.singular, term.label)}", made_of, pack)]


def briefing_html(r: Renderer, cases: list[Case], description: str, world: str) -> str:
    """A term's printed briefing, by the renderer's briefer as it is when asked (a preview renews it)."""
    return r.briefer.html(cases, description, r.options.site_url, None, world)
