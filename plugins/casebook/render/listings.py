"""A language's pages of all its cases: its home (the default language's is the author's), the
catalogue (its first page, then the plain list's further pages, framed by a shell), the map, the
coverage page, the reporting page (and the further pages of each status's list, framed by a
shell), the briefing of a catalogue selection, and the search documents that let readers find
these pages by their titles."""

from __future__ import annotations

from collections import defaultdict
from functools import partial
from html import escape

from markupsafe import Markup

from .. import inputs, maps
from ..index import coverage
from ..model import Case
from ..registry import Frame, Kind, Output, Page
from ..reporting import ReportingStatus, next_report
from ..search_index import SearchDocument
from ..selection import FILTER_FACETS
from ..urls import relative
from .authored import widget, widget_inputs
from .markdown import page_markdown, page_meta
from .shell import SHELL_NAME, shell_markdown, shell_meta
from .site import (
    ASSET_DIR,
    BRIEFING,
    BRIEFING_LIMIT,
    CATALOGUE,
    COVERAGE,
    COVERAGE_TITLES,
    HOME,
    LIVE_BRIEFING_ASSETS,
    MAP,
    REPORTING,
    TITLES,
    Renderer,
)  # fmt: skip

HOME_WIDGETS = ("totals", "charts", "purpose-counts", "recent-cases")
COVERAGE_FACETS = tuple(dict.fromkeys(facet for pair in COVERAGE_TITLES for facet in pair))


def _counts(r: Renderer, *facets: str) -> tuple[str, ...]:
    """How many cases there are, where they are filed in the facets, and the facets' terms with
    their counts: an edit elsewhere in the cases' front matter leaves such a page as it is."""
    code = r.language.code
    return (inputs.count(code), *(inputs.filed(f) for f in facets), *(inputs.facet(code, f) for f in facets))


def _reporting(r: Renderer) -> tuple[str, ...]:
    """Every case's title, link, status and last report."""
    code = r.language.code
    return (inputs.count(code), inputs.titles(code), inputs.translations(code), inputs.reported(), inputs.facet(code, "status"))


def _finder(r: Renderer) -> tuple[str, ...]:
    """What the catalogue's script is told (Renderer.finder_config): the facets' terms with their
    counts, and how many cases the language has translated."""
    return (*_counts(r, *FILTER_FACETS), inputs.translations(r.language.code))


def _page(r: Renderer, src: str, what: str, made_of: tuple[str, ...], render, hide: tuple[str, ...] = ("toc",)) -> Output:
    """A page of the language's, under its title in the language, whose content is all Casebook's."""
    title = r.gettext(TITLES[src])
    page = Page(r.urls.source(src), title, page_meta(title, search=False, hide=hide), page_markdown(title))
    return Output(Kind.PAGE, r.urls.output_path(r.urls.page(src)), f"{what}{r.language_suffix()}", made_of, render, page=page)


def pages(r: Renderer) -> list[Output]:
    found = []
    if not r.is_default:
        needs = widget_inputs(r)
        made_of = tuple(dict.fromkeys(name for widget_ in HOME_WIDGETS for name in needs[widget_]))
        found.append(_page(r, HOME, "the home page", made_of, partial(home_html, r)))
    first = inputs.listings([c.slug for c in r.catalogue_chunks[0]])
    found += [
        _page(r, CATALOGUE, "the catalogue", (*_finder(r), *first), partial(catalogue_html, r, 1)),
        _page(r, COVERAGE, "the coverage page", _counts(r, *COVERAGE_FACETS), partial(coverage_html, r)),
        _page(r, REPORTING, "the reporting page", _reporting(r), partial(reporting_html, r)),
        _page(r, MAP, "the map", _counts(r, "countries", "regions"), partial(map_html, r)),
    ]
    return found


def home_html(r: Renderer) -> str:
    url = r.urls.page(HOME)
    return r.render("home.html", url, widgets={name: widget(r, name, url) for name in HOME_WIDGETS}, **r.common)


def catalogue_frame(r: Renderer) -> list[Frame]:
    if len(r.catalogue_chunks) < 2:
        return []
    src = r.urls.catalogue_page_source(SHELL_NAME)
    return [Frame(src, r.urls.of_source(src), Page(src, "", shell_meta(), shell_markdown()))]


def reporting_frame(r: Renderer) -> list[Frame]:
    if all(len(chunks) < 2 for chunks in r.reporting_chunks.values()):
        return []
    src = r.urls.reporting_page_source(SHELL_NAME, SHELL_NAME)
    return [Frame(src, r.urls.of_source(src), Page(src, "", shell_meta(), shell_markdown()))]


def reporting_pages(r: Renderer) -> list[Output]:
    """The further pages of each reporting status's list (the first is on the reporting page), framed by one shell."""
    frame, found, code = r.urls.reporting_page_source(SHELL_NAME, SHELL_NAME), [], r.language.code
    for status, chunks in r.reporting_chunks.items():
        heading = r.gettext("%(facet)s: %(term)s") % {"facet": r.gettext(TITLES[REPORTING]), "term": r.gettext(status.label)}
        for number in range(2, len(chunks) + 1):
            url = r.urls.reporting_page(status.value, number)
            title = r.gettext("%(title)s, page %(number)s") % {"title": heading, "number": number}
            made_of = (inputs.reporting_page(code, status.value, number), *inputs.listings([c.slug for c in chunks[number - 1]]))
            what = f"page {number} of the reporting page's {status.value} list{r.language_suffix()}"
            found.append(Output(Kind.FRAMED, r.urls.output_path(url), what, made_of, partial(reporting_page_html, r, status, number), frame=frame, url=url, title=title))
    return found


def catalogue_pages(r: Renderer) -> list[Output]:
    """The plain list's pages after the first (index.in_pages cuts it), framed by one shell."""
    frame, found = r.urls.catalogue_page_source(SHELL_NAME), []
    for number in range(2, len(r.catalogue_chunks) + 1):
        url = r.urls.catalogue_page(number)
        title = r.gettext("Catalogue, page %(number)s") % {"number": number}
        made_of = (inputs.catalogue_pages(r.language.code), *inputs.listings([c.slug for c in r.catalogue_chunks[number - 1]]))
        what = f"page {number} of the catalogue{r.language_suffix()}"
        found.append(Output(Kind.FRAMED, r.urls.output_path(url), what, made_of, partial(catalogue_html, r, number), frame=frame, url=url, title=title))
    return found


def catalogue_html(r: Renderer, number: int = 1) -> str:
    """Page `number` of the catalogue; the first also holds the search-and-filter app."""
    url = r.urls.catalogue_page(number)
    finder, cases = r.finder_config(url) if number == 1 else None, r.catalogue_chunks[number - 1]
    return r.render(
        "catalogue.html", url, cases=cases, items=r.case_items(cases, url, "catalogue_item.html"), page_number=number,
        page_count=len(r.catalogue_chunks), total=len(r.index.cases), finder=finder, **r.common,
    )  # fmt: skip


def coverage_html(r: Renderer) -> str:
    url, catalogue_url = r.urls.page(COVERAGE), r.urls.page(CATALOGUE)
    shown = []
    for (rows, columns), title in COVERAGE_TITLES.items():
        matrix = coverage(r.index, rows, columns, r.coverage_pairs[rows, columns])
        shading = maps.Shading.of(list(matrix.counts.values()))
        # All that a row shows: its term, and each cell's column, count and shade.
        cells = [tuple((c.id, c.label, n, shading.level(n)) for c in matrix.columns for n in [matrix.count(t.id, c.id)]) for t in matrix.rows]
        keys = [(rows, columns, t.id, t.label, row_cells) for t, row_cells in zip(matrix.rows, cells, strict=True)]
        shown.append((matrix, title, shading, r.lines("coverage_row.html", url, matrix.rows, keys, matrix=matrix, shading=shading, catalogue_url=catalogue_url)))
    return r.render("coverage.html", url, matrices=shown, catalogue_url=catalogue_url, **r.common)


def reporting_html(r: Renderer) -> str:
    """The reporting page: each status's count, and the first page of its list."""
    url, groups, pages = r.urls.page(REPORTING), [], {}
    for status, chunks in r.reporting_chunks.items():
        cases = [c for chunk in chunks for c in chunk]
        groups.append((status, cases, _reporting_rows(r, url, chunks[0])))
        pages[status.value] = (len(chunks), partial(r.urls.reporting_page, status.value))
    return r.render("reporting.html", url, groups=groups, pages=pages, today=r.options.today, cycle=r.options.reporting_cycle_years, **r.common)


def reporting_page_html(r: Renderer, status: ReportingStatus, number: int) -> str:
    """A further page of a reporting status's list."""
    url, chunks = r.urls.reporting_page(status.value, number), r.reporting_chunks[status]
    return r.render(
        "reporting_page.html", url, status=status, rows=_reporting_rows(r, url, chunks[number - 1]), page_number=number,
        page_count=len(chunks), page_address=partial(r.urls.reporting_page, status.value), **r.common,
    )  # fmt: skip


def _reporting_rows(r: Renderer, url: str, cases: list[Case]) -> Markup:
    cycle = r.options.reporting_cycle_years
    # All that a row shows; the cycle is the site's, whose change renders everything again.
    keys = [(c.slug, c.title, c.language, c.slug in r.urls.translated, c.meta.last_report, c.meta.status) for c in cases]
    return r.lines("reporting_row.html", url, cases, keys, cycle=cycle, next_report=next_report)


def map_html(r: Renderer) -> str:
    countries = [t for t in r.index.terms("countries") if t.cases]
    counts = {t.id: len(t.cases) for t in countries}
    placeless: dict[str, int] = defaultdict(int)
    for case in r.index.cases:
        if not case.meta.countries:
            for region in case.meta.regions:
                placeless[region] += 1
    rows = [(r.index.term("regions", region), n) for region, n in placeless.items()]
    rows.sort(key=lambda row: list(r.corpus.taxonomy.regions).index(row[0].id))
    url, shading = r.urls.page(MAP), maps.Shading.of(list(counts.values()))
    drawn = [t for t in countries if t.id in maps.world().countries]
    keys = [(t.id, t.label, counts[t.id], shading.level(counts[t.id])) for t in drawn]
    shapes = Markup("\n".join(r.rows("map_country.html", url, drawn, keys, shading=shading)))
    lines = r.lines("map_row.html", url, countries, [(t.id, t.label, counts[t.id]) for t in countries])
    return r.render("map.html", url, countries=countries, counts=counts, shading=shading, shapes=shapes, lines=lines, placeless=rows, **r.common)


def live_briefing(r: Renderer) -> Output:
    """The briefing of a catalogue selection, which the browser assembles from the cases' pages."""
    url = r.urls.page(BRIEFING)
    scripts = [relative(url, f"{ASSET_DIR}/{a}") for a in LIVE_BRIEFING_ASSETS]
    live = partial(r.briefer.live_page, r.finder_config(url), scripts, BRIEFING_LIMIT)
    return Output(Kind.FILE, r.urls.output_path(url), f"the briefing of a catalogue selection{r.language_suffix()}", _finder(r), live)


def section_documents(r: Renderer, bundle: str) -> list[Output]:
    """The search documents of this language's own pages (catalogue, facets, map...), by their
    titles: its readers find them, and another language's index is never empty, which the
    browser needs to search in that language (assets/search.js)."""
    titles = r.page_titles()
    if r.is_default:
        del titles[r.urls.page(HOME)]  # the author's page, indexed as such
    found = []
    for url, title in titles.items():
        html = SearchDocument(url, f"<h1>{escape(title)}</h1>", "page", title).html(r.language.code)
        found.append(Output(Kind.SEARCH, f"{bundle}/{url}", f"the search document of {url}", (), partial(str, html), url=url, bundle=bundle, language=r.language.code))
    return found
