"""Every generated page and asset of a Casebook site: cases, facet pages, catalogue, coverage, exports."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
import datetime as dt
from functools import cached_property, partial
from html import escape
from importlib import resources
from typing import Any

import markdown
from markupsafe import Markup

from .. import exports, maps
from ..corpus import Corpus
from ..facts import EDITORS_READING, Fact, case_facts, paragraphs
from ..feeds import atom_feed
from ..geography import regions_of_country
from ..history import Dates
from ..index import FACET, PAGE_FACETS, FacetIndex, Term, case_terms, coverage
from ..languages import DEFAULT, N_, language, messages
from ..matching import fold, markdown_text, searchable_text
from ..model import Case
from ..reference import content_model_markdown
from ..related import related_cases
from ..reporting import ReportingStatus, next_report, reporting_status
from ..schema import SCHEMA_ID, TRANSLATION_SCHEMA_ID, case_schema_json, translation_schema_json
from ..search_index import ALL_CASES, LANGUAGES_DIR, OUTPUT_DIR, THEME_NOISE, SearchDocument
from ..selection import FILTER_FACETS
from ..urls import Urls, relative
from .briefing import Briefer
from .browser import browser_messages
from .jinja import render
from .markdown import page_markdown, page_meta
from .shell import SHELL_NAME, shell_markdown, shell_meta

ASSETS = ("casebook.css", "search.js", "catalogue.js", "briefing.js")
WIDGETS = ("purpose-counts", "totals", "lessons", "characteristics", "recent-cases", "content-model", "charts")
SITE_FEED = "feed.xml"
BRIEFING_LIMIT = 150
LIVE_BRIEFING_ASSETS = ("search.js", "briefing.js")
ASSET_DIR = "assets/casebook"
CATALOGUE, COVERAGE, REPORTING, MAP = "catalogue/index.md", "coverage/index.md", "reporting/index.md", "map/index.md"
HOME, BRIEFING = "index.md", "briefing/index.md"
"""A language's home page (the default language's is the author's), and the briefing of a selection."""
TITLES = {CATALOGUE: N_("Catalogue"), COVERAGE: N_("Coverage"), REPORTING: N_("Reporting"), MAP: N_("Map"), HOME: N_("Home")}
COVERAGE_TITLES = {("purposes", "regions"): N_("Purposes by region"), ("sectors", "purposes"): N_("Sectors by purpose")}
WORLD = f"{ASSET_DIR}/world.svg"
"""Every country's shape, written once per build; locator maps and packs refer to it (maps.py)."""
CATALOGUE_PAGE_SIZE = 50
"""Cases per page of the catalogue's plain list (what readers without JavaScript get)."""
RESULTS_PAGE_SIZE = 20
"""Results the catalogue shows at a time, each fetched from the search index on demand."""
EXPORTS = ("cases.json", "cases.csv", f"schema/{SCHEMA_ID}", f"schema/{TRANSLATION_SCHEMA_ID}")
OPEN_FACETS = ("purposes", "sectors", "regions", "scale")
"""Facets whose filters the catalogue shows open."""
LABELLED_FACETS = ("partners",)
"""Facets whose terms are names from the cases, not from a vocabulary: their filter values in the
search index carry the name (`slug|Name`), as no page could list them all."""
PARTNERS_LISTED = 30
"""Partners the catalogue lists before a reader types part of a name."""


def search_value(term: Term) -> str:
    """A term's value in the search index's filters: its id, with its name where the facet is labelled."""
    return f"{term.id}|{term.label}" if term.facet in LABELLED_FACETS else term.id


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str
    title: str
    meta: dict
    """Metadata for the theme (title, search, hide), as front matter would give it."""
    markdown: str
    html: str
    """Filled into the page where the Markdown has its slot, after Markdown has run; what comes in
    its late slot, if it has one, is in `Renderer.late_html()`."""
    source: str
    """What the page is, for a clash of addresses (addresses.py)."""


@dataclass(frozen=True)
class FilledPage:
    """A page made from a shell: its source path (for the registry of addresses), address, title,
    and how to render its content (called by the late outputs, see late.py)."""

    src_uri: str
    url: str
    title: str
    content: Callable[[], str]
    source: str


@dataclass(frozen=True)
class Shell:
    """A page rendered once by the site generator, then filled for each of `pages` (see shell.py)."""

    src_uri: str
    meta: dict
    markdown: str
    pages: list[FilledPage]


@dataclass(frozen=True)
class RenderedSite:
    renderer: Renderer
    """For the widgets and lesson pages that the site generator renders from authored pages."""
    pages: list[GeneratedPage]
    """Pages for the site generator to render, each with its HTML slot."""
    shells: list[Shell]
    assets: list[Asset]
    """Scripts and stylesheets, for the site generator to write."""
    exports: list[str]
    """Where the exports will be (`cases.json`, ...): authored pages link to them, but they are
    written with the rest of the late outputs (case facts, term pages, feeds, briefings: see late.py)."""


@dataclass(frozen=True)
class Asset:
    uri: str
    content: str


@dataclass(frozen=True)
class Output:
    """A file that the build writes into the site: where, who wants it (for clashes), and its content."""

    path: str
    source: str
    render: Callable[[], str]


def _named(kind: str, label: str) -> str:
    return f"{kind.lower()} '{label}'"


@dataclass(frozen=True)
class SiteOptions:
    contribute_url: str | None = None
    """Site URL of the page that explains how to contribute a case."""
    characteristics_url: str | None = None
    """Site URL of the page that shows the characteristics checklist."""
    dates: dict[str, Dates] = field(default_factory=dict)
    """Case slug -> when it was added and last changed (from git)."""
    edit_urls: dict[str, str] = field(default_factory=dict)
    """Case slug -> where to edit its source file."""
    today: dt.date = field(default_factory=dt.date.today)
    site_url: str | None = None
    reporting_cycle_years: int = 2
    languages: tuple[str, ...] = (DEFAULT,)
    """The site's languages: the exports give a case's translations into these."""


class Renderer:
    """Renders every generated page of one language, and the widgets that authored pages ask for, for one build.

    The default language's renderer renders the files that are the same in every language (exports,
    feeds, briefing packs, redirects); another language's renders its own pages only, under its
    prefix (`fr/`), and shares its related cases with `default`."""

    def __init__(self, corpus: Corpus, urls: Urls, options: SiteOptions, language_code: str = DEFAULT, default: Renderer | None = None):
        self.corpus, self.options = corpus, options
        self.language = language(language_code)
        self.is_default = language_code == DEFAULT
        self.urls = replace(urls, prefix=self.language.prefix, translated=corpus.translated_slugs(language_code) if not self.is_default else frozenset())
        self.default = default if default is not None else self
        self.index = FacetIndex(corpus, language_code, corpus.in_language(language_code) if not self.is_default else None)
        self.by_slug = {case.slug: case for case in self.index.cases}
        self.reporting: dict[str, ReportingStatus] = (
            default.reporting if default is not None else {c.slug: reporting_status(c, options.today, options.reporting_cycle_years) for c in corpus.cases}
        )
        self.gettext = messages(language_code).gettext
        self.ngettext = messages(language_code).ngettext
        self.render = partial(render, language_code=language_code)
        self._facts: dict[str, str] = {}
        self._intros: dict[str, str] = {}
        self._items: dict[tuple[str, str], str] = {}

    def page_titles(self) -> dict[str, str]:
        """Address -> title of the pages this language generates that the site's navigation may list."""
        sources = [HOME, CATALOGUE, COVERAGE, REPORTING, MAP]
        found = {self.urls.page(src): self.gettext(TITLES[src]) for src in sources}
        found |= {self.urls.facet(facet.name): self.gettext(facet.plural) for facet in PAGE_FACETS}
        return found

    def search_box(self) -> dict[str, Any]:
        """What the header's search box needs on this language's pages (theme/casebook/search-box.html)."""
        _, everything = self.gettext, browser_messages(self.gettext, self.ngettext, self.language)
        index, merge = self.search_indexes()
        return {
            "catalogue": self.urls.catalogue_page(1), "language": self.language.code, "index": index, "merge": merge,
            "messages": {key: everything[key] for key in ("results", "case", "lesson", "page", "firstSix", "allResults", "noResult")},
            "labels": {
                "form": _("Search the site"), "input": _("Search cases and lessons"), "catalogue": _("Search the catalogue"),
                "all": _("All matching cases in the catalogue"),
            },
        }  # fmt: skip

    def search_indexes(self) -> tuple[str, str | None]:
        """The search bundles that this language's pages search, from the site's root (search_index.py):
        its own, and the default language's, merged into it in the browser (None in the default language)."""
        return (f"{OUTPUT_DIR}/", None) if self.is_default else (f"{LANGUAGES_DIR}/", f"{OUTPUT_DIR}/")

    def language_note(self, code: str) -> str:
        """What follows a link to a case in another language: '(in English)'."""
        return self.gettext("(in %(language)s)") % {"language": self.language_name(code)}

    def language_name(self, code: str) -> str:
        """A language's name in this one ('anglais', in French)."""
        return self.language.locale.languages.get(code) or code

    def in_language(self, code: str) -> Renderer:
        """The renderer of another language, sharing this one's work that no language changes."""
        return Renderer(self.corpus, self.urls, self.options, code, self.default)

    @cached_property
    def related(self) -> dict[str, list[Case]]:
        """Computed on first use: briefings from the command line need none."""
        if not self.is_default:
            return {slug: [self.by_slug[c.slug] for c in cases] for slug, cases in self.default.related.items()}
        return related_cases(self.index)

    def related_to(self, slug: str) -> list[Case]:
        return self.related[slug]

    def pages_of_cases(self) -> list[Case]:
        """The cases with a page in this language: every case in the default language, translated ones in another."""
        return list(self.corpus.cases) if self.is_default else [c for c in self.index.cases if c.slug in self.urls.translated]

    @cached_property
    def common(self) -> dict[str, Any]:
        """What every template may use; one dict for the build, as none of it changes."""
        return {
            "urls": self.urls,
            "index": self.index,
            "facets": FACET,
            "case_terms": case_terms,
            "contribute_url": self.options.contribute_url,
            "characteristics_url": self.options.characteristics_url,
            "taxonomy": self.corpus.taxonomy,
            "lessons": self.corpus.lessons,
            "dates": self.options.dates,
            "edit_urls": self.options.edit_urls,
            "recent": self.recent_cases,
            "reporting": self.reporting,
            "related_to": self.related_to,
            "briefing_url": self.term_briefing_url,
            "facts": self.facts,
            "world": maps.world(),
            "view_box": maps.view_box,
            "sprite_url": WORLD,
            "editors_reading": EDITORS_READING,
            "paragraphs": paragraphs,
            "search_value": search_value,
            "filter_facets": FILTER_FACETS,
            "key_facts": self.key_facts,
            "fold": fold,
            "language": self.language,
            "language_note": self.language_note,
        }

    def case_page(self, case: Case) -> GeneratedPage:
        src = self.urls.case_source(case.slug)
        intro = self.case_intro(case)
        path = case.path if case.language == DEFAULT else self.corpus.translations[case.slug][case.language].path
        return GeneratedPage(src, case.title, page_meta(case.title), page_markdown(case.title, body=case.body, late=True), intro, path)

    def facts(self, case: Case) -> list[Fact]:
        """The rows of a case's facts (facts.py), which every layout of the case renders."""
        return case_facts(self.index, self.urls, self.reporting[case.slug], case, self.gettext, self.ngettext, self.language.code)

    def search_document(self, case: Case, others: Sequence[Renderer] = ()) -> SearchDocument:
        """What the search index reads of a case: its title, summary and partners, its facts, and its
        body's words, with its search record (filters, sort keys, the facts a result shows).

        A case is indexed once, in its language's bundle (search_index.py), which the pages of the
        site's `others` languages search too. For their readers the document also says where the
        case is filed in their words, so that they find it by the names they know ("Brésil"), and
        its key facts as their results show them."""
        url = self.urls.case(case.slug)
        others = [r for r in others if r.language.code != case.language]
        record = self.render(
            "search_record.html", "", case=case, **self.common,
            translated=[r.language.code for r in others if case.slug in r.urls.translated],
            facts_in={r.language.code: r.key_facts(case) for r in others},
        )  # fmt: skip
        content = (
            f"<h1>{escape(case.title)}</h1>\n" + self.case_intro(case) + self.case_facts(case)
            + f"<div>{escape(markdown_text(case.body))}</div>"
        )  # fmt: skip
        if others:
            terms = [(facet.name, term) for facet in PAGE_FACETS if facet.name != "partners" for term in case_terms(case, facet.name)]  # partners: their names are there
            filed = {r.index.label(facet, term) for facet, term in terms for r in others}
            content += f"\n<p>{escape(' · '.join(sorted(filed)))}</p>"
        return SearchDocument(url, content, "case", case.title, record)

    def section_documents(self) -> list[SearchDocument]:
        """The search documents of this language's own pages (catalogue, facets, map...), by their
        titles: its readers find them, and another language's index is never empty, which the
        browser needs to search in that language (assets/search.js)."""
        titles = self.page_titles()
        if self.is_default:
            del titles[self.urls.page(HOME)]  # the author's page, indexed as such
        return [SearchDocument(url, f"<h1>{escape(title)}</h1>", "page", title) for url, title in titles.items()]

    def case_intro(self, case: Case) -> str:
        """A case's summary and partners, as its page and its search document show them: rendered once."""
        if case.slug not in self._intros:
            self._intros[case.slug] = self.render("case_intro.html", self.urls.case(case.slug), case=case, **self.common)
        return self._intros[case.slug]

    def searchable(self, case: Case) -> str:
        """A case's text as the search index reads it, for matching words without the site (matching.py)."""
        return searchable_text(self.search_document(case).content, THEME_NOISE)

    def case_facts(self, case: Case) -> str:
        """The facts panel, related cases included: filled into the case page's late slot, and read
        by the search index; rendered once."""
        if case.slug not in self._facts:
            self._facts[case.slug] = self.render("case_facts.html", self.urls.case(case.slug), case=case, **self.common)
        return self._facts[case.slug]

    def term_html(self, term: Term) -> str:
        """The content of a term's page, filled into its facet's shell (see shells()); a country's and a
        region's with a locator map."""
        url = self.urls.term(term.facet, term.id)
        codes = [term.id] if term.facet == "countries" and maps.drawn(term.id) else self.region_countries.get(term.id, []) if term.facet == "regions" else []
        label = self.gettext("Where %(place)s is on the world map") % {"place": term.label}
        items = self.case_items(term.cases, url)
        return self.render("term.html", url, term=term, facet=FACET[term.facet], codes=codes, label=label, case_items=items, **self.common)

    def case_items(self, cases: Sequence[Case], page_url: str) -> Markup:
        """The list items of the cases of a term page: their titles and summaries. A case is on a
        dozen term pages, whose links climb to the root (urls.relative) and so are the same from
        every page as deep: its item is rendered once per depth, and joined here rather than in the
        template, which would cost a template call per case and page."""
        depth = relative(page_url, "")
        items = []
        for case in cases:
            item = self._items.get((case.slug, depth))
            if item is None:
                item = self._items[case.slug, depth] = self.render("case_item.html", page_url, case=case, **self.common).rstrip("\n")
            items.append(f"<li>{item}</li>\n")
        return Markup("".join(items))

    @cached_property
    def region_countries(self) -> dict[str, list[str]]:
        """Region id -> the countries of the map in it (by UN M49), for region pages' locator maps."""
        if not self.is_default:
            return self.default.region_countries  # the same in every language
        taxonomy, found = self.corpus.taxonomy, defaultdict(list)
        for code in maps.world().countries:
            regions = set(regions_of_country(code))
            for region in list(regions):
                regions.update(taxonomy.region_ancestors(region))
            for region in regions:
                found[region].append(code)
        return dict(found)

    def _listing(self, src: str, what: str, hide: tuple[str, ...] = ("toc",)) -> GeneratedPage:
        """A generated page whose content comes in its late slot, under its title in this language."""
        title = self.gettext(TITLES[src])
        return GeneratedPage(self.urls.source(src), title, page_meta(title, search=False, hide=hide), page_markdown(title, late=True), "", what)

    def map_page(self) -> GeneratedPage:
        return self._listing(MAP, "the map")

    def map_html(self) -> str:
        countries = [t for t in self.index.terms("countries") if t.cases]
        counts = {t.id: len(t.cases) for t in countries}
        placeless: dict[str, int] = defaultdict(int)
        for case in self.index.cases:
            if not case.meta.countries:
                for region in case.meta.regions:
                    placeless[region] += 1
        rows = [(self.index.term("regions", r), n) for r, n in placeless.items()]
        rows.sort(key=lambda row: list(self.corpus.taxonomy.regions).index(row[0].id))
        return self.render("map.html", self.urls.page(MAP), countries=countries, counts=counts,
                      shading=maps.Shading.of(list(counts.values())), placeless=rows, **self.common)  # fmt: skip

    def late_html(self) -> dict[str, str]:
        """Page source -> what goes into its late slot: each case's facts, and the whole content of the
        pages that the search index skips (facets, catalogue, coverage, reporting)."""
        late = {self.urls.case_source(case.slug): self.case_facts(case) for case in self.pages_of_cases()}
        late |= {self.urls.facet_source(facet.name): self.facet_html(facet.name) for facet in PAGE_FACETS}
        source = self.urls.source
        late |= {source(CATALOGUE): self.catalogue_html(), source(COVERAGE): self.coverage_html(), source(REPORTING): self.reporting_html(), source(MAP): self.map_html()}
        if not self.is_default:
            late[source(HOME)] = self.home_html()
        return late

    def home_page(self) -> GeneratedPage:
        """The home page of a language other than the default (whose home page is the author's)."""
        return self._listing(HOME, f"the home page in {self.language.name}")

    def home_html(self) -> str:
        url = self.urls.page(HOME)
        widgets = {name: self.widget(name, url) for name in ("totals", "charts", "purpose-counts", "recent-cases")}
        return self.render("home.html", url, widgets=widgets, **self.common)

    def facet_page(self, facet_name: str) -> GeneratedPage:
        title = self.gettext(FACET[facet_name].plural)
        return GeneratedPage(self.urls.facet_source(facet_name), title, page_meta(title, search=False), page_markdown(title, late=True), "", f"the list of {FACET[facet_name].plural.lower()}{self._in_language()}")

    def _in_language(self) -> str:
        return "" if self.is_default else f" in {self.language.name}"

    def facet_html(self, facet_name: str) -> str:
        url = self.urls.facet(facet_name)
        return self.render("facet.html", url, facet=FACET[facet_name], terms=self.index.terms(facet_name), **self.common)

    def catalogue(self) -> GeneratedPage:
        return self._listing(CATALOGUE, f"the catalogue{self._in_language()}")

    @cached_property
    def catalogue_chunks(self) -> list[list[Case]]:
        """The plain list of every case, by title, a page at a time (at least one page, maybe empty)."""
        cases, size = self.index.cases, CATALOGUE_PAGE_SIZE
        return [cases[i : i + size] for i in range(0, len(cases), size)] or [[]]

    def catalogue_html(self, number: int = 1) -> str:
        """Page `number` of the catalogue; the first also holds the search-and-filter app."""
        url = self.urls.catalogue_page(number)
        finder = self.finder_config(url) if number == 1 else None
        return self.render(
            "catalogue.html", url, cases=self.catalogue_chunks[number - 1], page_number=number, page_count=len(self.catalogue_chunks),
            total=len(self.index.cases), finder=finder, **self.common,
        )  # fmt: skip

    def finder_config(self, page_url: str) -> dict[str, Any]:
        """What the catalogue's and the briefing's scripts need: where things are, and each facet's terms.

        Bounded by the vocabularies, never by the corpus: partners (one term per organisation) list
        only the most frequent; the search index carries the others with their names."""
        facets = []
        for name in FILTER_FACETS:
            facet, terms = FACET[name], [t for t in self.index.terms(name) if t.cases]
            if name == "partners":
                terms = sorted(terms, key=lambda t: -len(t.cases))[:PARTNERS_LISTED]
            facets.append({
                "name": name, "label": self.gettext(facet.plural), "singular": self.gettext(facet.singular), "open": name in OPEN_FACETS,
                "labelled": name in LABELLED_FACETS,
                "terms": [[search_value(t), t.label, t.parent, len(t.cases)] for t in terms],
            })  # fmt: skip
        link = partial(relative, page_url)
        index, merge = self.search_indexes()
        return {
            "root": link(""), "index": link(index), "merge": link(merge) if merge else None,
            "catalogue": link(self.urls.catalogue_page(1)),
            "briefing": link(self.urls.page(BRIEFING)), "total": len(self.index.cases), "pageSize": RESULTS_PAGE_SIZE,
            "allCases": ALL_CASES, "world": link(WORLD), "language": self.language.code, "translations": len(self.urls.translated),
            "notes": {} if self.is_default else {DEFAULT: self.language_note(DEFAULT)},  # the language of every case as written
            "messages": browser_messages(self.gettext, self.ngettext, self.language), "facets": facets,
        }  # fmt: skip

    def key_facts(self, case: Case) -> str:
        """The facts a list of results shows under a case's title: its scale and where it is."""
        places = [self.index.label("countries", c) for c in case.meta.countries] or [self.index.label("regions", r) for r in case.meta.regions]
        return " · ".join([self.index.label("scale", case.meta.scale), ", ".join(places)])

    def recent_cases(self, n: int = 5) -> list[Case]:
        """The cases most recently added, by their git history; none where there is none."""
        dated = [c for c in self.index.cases if c.slug in self.options.dates]
        return sorted(dated, key=lambda c: (self.options.dates[c.slug].added, c.slug), reverse=True)[:n]

    def feeds(self) -> list[Output]:
        """The site's feed and one per term page."""
        o = self.options

        def feed(title: str, feed_url: str, page_url: str, cases: list[Case]) -> str:
            return atom_feed(title=title, feed_url=feed_url, page_url=page_url, cases=cases, dates=o.dates, urls=self.urls, fallback=o.today, site_url=o.site_url)

        outputs = [Output(SITE_FEED, "the site's feed", partial(feed, "Casebook: new and updated cases", SITE_FEED, "", self.index.cases))]
        for facet in PAGE_FACETS:
            for term in self.index.terms(facet.name):
                title = f"Casebook: {facet.singular.lower()} {term.label}"
                url = self.urls.term_feed(term.facet, term.id)
                outputs.append(Output(url, f"the feed of {_named(facet.singular, term.label)}", partial(feed, title, url, self.urls.term(term.facet, term.id), term.cases)))
        return outputs

    def widget(self, name: str, page_url: str) -> str | None:
        """The HTML for a `<!-- casebook:NAME -->` marker in an authored page, or None for an unknown name."""
        if name not in WIDGETS:
            return None
        if name == "content-model":
            return markdown.markdown(content_model_markdown(self.corpus.taxonomy), extensions=["tables"])
        if name == "charts":
            return self.render("widget_charts.html", page_url, **self.chart_rows(), **self.common)
        return self.render(f"widget_{name}.html", page_url, **self.common)

    def chart_rows(self) -> dict[str, Any]:
        """The home page's charts: (label, cases, url) by start year and by purpose."""
        years = Counter(str(c.meta.start)[:4] for c in self.index.cases if c.meta.start is not None)
        purposes = [(t.label, len(t.cases), self.urls.term("purposes", t.id)) for t in self.index.terms("purposes")]
        return {
            "start_years": [(year, n, None) for year, n in sorted(years.items())],
            "purposes": purposes,
            "undated": sum(1 for c in self.index.cases if c.meta.start is None),
        }

    def lesson_parts(self, lesson_id: str, page_url: str) -> tuple[str, str]:
        """What a lesson page shows before and after its own text: summary, source; characteristics, cases."""
        cases = self.index.term("lessons", lesson_id).cases
        values = {
            **self.common, "lesson": self.corpus.lessons[lesson_id],
            "cases": [c for c in cases if lesson_id in c.meta.lessons], "noted_cases": [c for c in cases if lesson_id not in c.meta.lessons],
        }  # fmt: skip
        return self.render("lesson_before.html", page_url, **values), self.render("lesson_after.html", page_url, **values)

    def reporting_page(self) -> GeneratedPage:
        return self._listing(REPORTING, f"the reporting page{self._in_language()}")

    def reporting_html(self) -> str:
        groups = [(status, [c for c in self.index.cases if self.reporting[c.slug] is status]) for status in ReportingStatus]
        return self.render(
            "reporting.html", self.urls.page(REPORTING), groups=groups, today=self.options.today,
            cycle=self.options.reporting_cycle_years, next_report=next_report, **self.common,
        )  # fmt: skip

    def term_briefing_url(self, term: Term) -> str:
        """Where a term page's briefing is: built with the site, or, past BRIEFING_LIMIT cases, in the browser."""
        if len(term.cases) <= BRIEFING_LIMIT and self.is_default:
            return self.urls.term_briefing(term.facet, term.id)
        return f"{self.urls.output_path(self.urls.page(BRIEFING))}?{term.facet}={term.id}"

    @cached_property
    def briefer(self) -> Briefer:
        return Briefer(self)

    def term_briefings(self) -> list[Output]:
        """A print-ready briefing per term page, assembled from each case's block, rendered once.

        A term with more than BRIEFING_LIMIT cases links to the browser-built briefing instead:
        nobody prints hundreds of pages for a meeting, and every case would otherwise be written
        into the site once per term it has. The browser-built briefing of a catalogue selection
        assembles the cases' own pages."""
        briefer, url = self.briefer, self.urls.page(BRIEFING)
        scripts = [relative(url, f"{ASSET_DIR}/{a}") for a in LIVE_BRIEFING_ASSETS]
        live = partial(briefer.live_page, self.finder_config(url), scripts, BRIEFING_LIMIT)
        outputs = [Output(self.urls.output_path(url), f"the briefing of a catalogue selection{self._in_language()}", live)]
        if not self.is_default:
            return outputs  # its term pages link to the briefing of a selection, which the browser assembles
        for facet in PAGE_FACETS:
            for term in self.index.terms(facet.name):
                if len(term.cases) <= BRIEFING_LIMIT:
                    description = f"{facet.singular}: {term.label}"
                    world = relative(self.urls.term_briefing(term.facet, term.id), WORLD)
                    pack = partial(briefer.html, term.cases, description, self.options.site_url, None, world)
                    outputs.append(Output(self.urls.term_briefing(term.facet, term.id), f"the briefing of {_named(facet.singular, term.label)}", pack))
        return outputs

    @cached_property
    def _records(self) -> list[dict[str, Any]]:
        return exports.case_records(self.corpus, self.urls, self.reporting, self.options.languages)

    def export_files(self) -> list[Output]:
        """Every case with all its fields as JSON and CSV, and the JSON Schema of a case."""
        json_uri, csv_uri, schema_uri, translation_schema_uri = EXPORTS
        return [
            Output(json_uri, "the export cases.json", lambda: exports.cases_json(self._records)),
            Output(csv_uri, "the export cases.csv", lambda: exports.cases_csv(self._records)),
            Output(schema_uri, "the JSON Schema of a case", lambda: case_schema_json(self.corpus.taxonomy, list(self.corpus.lessons))),
            Output(translation_schema_uri, "the JSON Schema of a case's translation", translation_schema_json),
        ]

    def redirects(self) -> list[Output]:
        """A page at each of a case's former addresses (`aliases:`) that sends readers on to it."""
        outputs = []
        for case in self.corpus.cases:
            for alias in case.meta.aliases:
                old = self.urls.case(alias)
                page = partial(self.render, "redirect.html", old, case=case, **self.common)
                outputs.append(Output(self.urls.output_path(old), f"the redirect from '{alias}' ({case.path})", page))
        return outputs

    def outputs(self) -> list[Output]:
        """Every file written straight into the site (see late.py), each rendered only when asked: the
        same in every language, from the default language's renderer; a language's own briefing page."""
        if not self.is_default:
            return self.term_briefings()
        return self.export_files() + self.feeds() + self.term_briefings() + self.redirects()

    def coverage_page(self) -> GeneratedPage:
        return self._listing(COVERAGE, f"the coverage page{self._in_language()}")

    def coverage_html(self) -> str:
        matrices = [coverage(self.index, rows, columns) for rows, columns in COVERAGE_TITLES]
        shadings = [maps.Shading.of(list(m.counts.values())) for m in matrices]
        titles = list(COVERAGE_TITLES.values())
        return self.render("coverage.html", self.urls.page(COVERAGE), matrices=list(zip(matrices, titles, shadings, strict=True)), catalogue_url=self.urls.page(CATALOGUE), **self.common)


def shells(renderer: Renderer) -> list[Shell]:
    """One shell page per facet, at the depth of its term pages; one for the catalogue's pages after the first."""
    urls, index = renderer.urls, renderer.index
    found = []
    for facet in PAGE_FACETS:
        if not urls.has_term_pages(facet.name):
            continue
        pages = []
        singular = renderer.gettext(facet.singular)
        for term in index.terms(facet.name):
            src = urls.term_source(term.facet, term.id)
            title = renderer.gettext("%(facet)s: %(term)s") % {"facet": singular, "term": term.label}
            pages.append(FilledPage(src, urls.of_source(src), title, partial(renderer.term_html, term), f"the page of {_named(facet.singular, term.label)}{renderer._in_language()}"))
        found.append(Shell(urls.term_source(facet.name, SHELL_NAME), shell_meta(), shell_markdown(), pages))
    pages = []
    for number in range(2, len(renderer.catalogue_chunks) + 1):
        src = urls.catalogue_page_source(number)
        title = renderer.gettext("Catalogue, page %(number)s") % {"number": number}
        pages.append(FilledPage(src, urls.of_source(src), title, partial(renderer.catalogue_html, number), f"page {number} of the catalogue{renderer._in_language()}"))
    if pages:
        found.append(Shell(urls.catalogue_page_source(SHELL_NAME), shell_meta(), shell_markdown(), pages))
    return found


def render_site(renderer: Renderer) -> RenderedSite:
    """The pages and files the site generator renders and writes, in a stable order."""
    r = renderer
    pages = [r.case_page(case) for case in r.pages_of_cases()]
    pages += [r.facet_page(facet.name) for facet in PAGE_FACETS]
    pages += [r.catalogue(), r.coverage_page(), r.reporting_page(), r.map_page()]
    if not r.is_default:
        return RenderedSite(r, [r.home_page(), *pages], shells(r), [], [])
    assets = [Asset(f"{ASSET_DIR}/{name}", resources.files("casebook").joinpath("assets", name).read_text("utf-8")) for name in ASSETS]
    assets.append(Asset(WORLD, maps.sprite()))
    return RenderedSite(r, pages, shells(r), assets, list(EXPORTS))
