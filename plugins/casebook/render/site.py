"""What the pages of one language share: where pages are, the facet index in the language, its
messages, the values every template may use, and the parts that several pages show (a case's
facts, its entry in a list). The outputs themselves are laid out by concern: cases.py, terms.py,
listings.py, files.py and authored.py, gathered in one registry by outputs.py."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field, replace
import datetime as dt
from functools import cached_property, partial
from operator import attrgetter
from pathlib import Path
import re
from typing import Any
import unicodedata

from markupsafe import Markup

from .. import exports, maps
from ..corpus import Corpus
from ..facts import EDITORS_READING, Fact, case_facts, paragraphs
from ..geography import regions_of_country
from ..history import Dates
from ..index import FACET, PAGE_FACETS, FacetIndex, Term, case_terms, in_pages, pair_counts
from ..languages import DEFAULT, N_, direction, language, messages
from ..model import Case
from ..related import Related, related_cases
from ..reporting import ReportingStatus, reporting_status
from ..schema import SCHEMA_ID, TRANSLATION_SCHEMA_ID
from ..search_index import ALL_CASES, LANGUAGES_DIR, OUTPUT_DIR
from ..selection import FILTER_FACETS
from ..urls import Urls, relative
from ..writing import join, search_sort_key
from .briefing import Briefer
from .browser import browser_messages
from .jinja import render

ASSETS = ("casebook.css", "search.js", "catalogue.js", "briefing.js")
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
ROW_END = "\0"
"""What ends each row that rows.html renders: a character that no text of a case can hold (YAML
refuses it) and that escaping never makes."""
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
CHART_LABEL_WIDTH, CHART_ROW, CHART_LINE = 28, 22, 13
"""A chart's labels: at most as wide as 28 Latin letters a line (a Chinese character counts two);
a row's least height, and a line's, in the chart's units."""


def wrap_label(label: str, width: int) -> list[str]:
    """A label on lines at most `width` wide, broken between words (or between characters, in
    Chinese), never cut."""
    lines: list[str] = []
    line, used = "", 0
    for word in re.findall(r"[\u2e80-\u9fff\uff00-\uffef]|[^\s\u2e80-\u9fff\uff00-\uffef]+", label):
        wide = len(word) == 1 and unicodedata.east_asian_width(word) in "WF"
        size = 2 if wide else len(word)
        gap = 0 if not line or wide or (line and unicodedata.east_asian_width(line[-1]) in "WF") else 1
        if line and used + gap + size > width:
            lines.append(line)
            line, used, gap = "", 0, 0
        line += " " * gap + word
        used += gap + size
    return [*lines, line] if line else lines or [label]


def search_value(term: Term) -> str:
    """A term's value in the search index's filters: its id, with its name where the facet is labelled."""
    return f"{term.id}|{term.search_label or term.label}" if term.facet in LABELLED_FACETS else term.id


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
    cases_from_docs: str | None = None
    """The cases' folder seen from the docs folder (`../cases`), where the theme's edit links start."""
    templates: Path | None = None
    """The site's own templates (`custom_dir/casebook`, overrides.py), which replace Casebook's of the same name."""


class Renderer:
    """What the pages of one language share, for one build.

    Another language's pages are under its prefix (`fr/`); its renderer shares with `default`
    the related cases and what no language changes."""

    def __init__(
        self, corpus: Corpus, urls: Urls, options: SiteOptions, language_code: str = DEFAULT, default: Renderer | None = None,
        items: dict[tuple, Markup] | None = None, earlier_related: Related | None = None,
    ):  # fmt: skip
        """`items`: the rows of listings rendered by an earlier build, which a preview keeps (rows);
        `earlier_related`: the related cases that build worked out (related.py)."""
        self.language = language(language_code)
        self.is_default = language_code == DEFAULT
        self.default = default if default is not None else self
        self.gettext = messages(language_code).gettext
        self.ngettext = messages(language_code).ngettext
        self._rows: dict[tuple, Markup] = items if items is not None else {}
        self._site_urls = urls
        self.worked_out_related: Related | None = None
        """The related cases, once this build has used them: what the next build of a preview starts from."""
        self._start(corpus, options, earlier_related)

    def _start(self, corpus: Corpus, options: SiteOptions, earlier_related: Related | None) -> None:
        """What one build gives the renderer: its cases and options, and what follows from them."""
        self.corpus, self.options = corpus, options
        code = self.language.code
        self.urls = replace(self._site_urls, prefix=self.language.prefix, translated=corpus.translated_slugs(code) if not self.is_default else frozenset())
        default = self.default
        self.index: FacetIndex = FacetIndex(corpus, code, corpus.in_language(code), default.index) if default is not self else FacetIndex(corpus, code)
        self.by_slug = {case.slug: case for case in self.index.cases}
        self.reporting: dict[str, ReportingStatus] = (
            default.reporting if default is not self else {c.slug: reporting_status(c, options.today, options.reporting_cycle_years) for c in corpus.cases}
        )
        self.render = partial(render, language_code=code, templates=options.templates)
        self._facts: dict[str, str] = {}
        self._intros: dict[str, str] = {}
        self._earlier_related = earlier_related

    def renew(self, corpus: Corpus, options: SiteOptions) -> None:
        """This renderer for the next build of a preview, after an edit of cases' front matter: the
        outputs that the next registry takes over from the last one (registry.Units) render with
        it, as it now is. What it worked out for the last build is forgotten; the related cases are
        worked out again from the last build's (related.py). The default language's first."""
        for name in _WORKED_OUT:
            self.__dict__.pop(name, None)  # functools.cached_property's documented reset
        self._start(corpus, options, self.worked_out_related if self.is_default else None)

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

    def in_language(self, code: str, items: dict[tuple, Markup] | None = None) -> Renderer:
        """The renderer of another language, sharing this one's work that no language changes."""
        return Renderer(self.corpus, self.urls, self.options, code, self.default, items)

    @cached_property
    def related(self) -> dict[str, list[Case]]:
        """Computed on first use: briefings from the command line need none."""
        if not self.is_default:
            return {slug: [self.by_slug[c.slug] for c in cases] for slug, cases in self.default.related.items()}
        self.worked_out_related = related_cases(self.index, earlier=self._earlier_related)
        return self.worked_out_related.cases(self.index)

    @cached_property
    def coverage_pairs(self) -> dict[tuple[str, str], dict[tuple[str, str], int]]:
        """The coverage matrices' counts (index.pair_counts), which are the same in every language: counted once."""
        if not self.is_default:
            return self.default.coverage_pairs
        return {(rows, columns): pair_counts(self.index.cases, rows, columns) for rows, columns in COVERAGE_TITLES}

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
            "sort_key": search_sort_key,
            "language": self.language,
            "language_note": self.language_note,
            "chart_layout": self.chart_layout,
            "direction": direction,
        }

    def facts(self, case: Case) -> list[Fact]:
        """The rows of a case's facts (facts.py), which every layout of the case renders."""
        return case_facts(self.index, self.urls, self.reporting[case.slug], case, self.gettext, self.ngettext, self.language.code)

    def case_intro(self, case: Case) -> str:
        """A case's summary and partners, as its page and its search document show them: rendered once."""
        if case.slug not in self._intros:
            self._intros[case.slug] = self.render("case_intro.html", self.urls.case(case.slug), case=case, **self.common)
        return self._intros[case.slug]

    def searchable(self, case: Case) -> str:
        """A case's text as the search index reads it, for matching words without the site (matching.py)."""
        from .cases import searchable  # the case's search document is the case's concern

        return searchable(self, case)

    def case_facts(self, case: Case) -> str:
        """The facts panel, related cases included: shown on the case's page, and read by the search
        index; rendered once."""
        if case.slug not in self._facts:
            self._facts[case.slug] = self.render("case_facts.html", self.urls.case(case.slug), case=case, **self.common)
        return self._facts[case.slug]

    def rows(self, template: str, page_url: str, things: Sequence[Any], keys: Sequence[Hashable], **values: Any) -> list[Markup]:
        """The rows of a listing (a case in a term's list, a line of a table, a term on its facet's
        page), each rendered by the macro `row(thing)` that `template` defines. A row is rendered
        once per depth of page (its links climb to the root: urls.relative) and kept for as long as
        its key, which holds all that the row shows, is the same: a preview keeps them from one
        build to the next. The rows not yet kept are rendered together, in one call (rows.html),
        which parts them with ROW_END."""
        depth = relative(page_url, "")
        full = [(template, depth, key) for key in keys]
        missing = {key: thing for key, thing in zip(full, things, strict=True) if key not in self._rows}
        if missing:
            made = self.render("rows.html", page_url, rows=list(missing.values()), row_template=template, **values, **self.common)
            for key, row in zip(missing, made.split(ROW_END), strict=False):
                self._rows[key] = Markup(row.strip())
        return [self._rows[key] for key in full]

    def lines(self, template: str, page_url: str, things: Sequence[Any], keys: Sequence[Hashable], **values: Any) -> Markup:
        """The rows (`rows`) as the lines of one piece of HTML: a table's body, a list."""
        return Markup("".join(f"{row}\n" for row in self.rows(template, page_url, things, keys, **values)))

    def case_items(self, cases: Sequence[Case], page_url: str, template: str = "case_item.html") -> Markup:
        """The list items of a list of cases: a term page's (`case_item.html`: titles and summaries)
        or the catalogue's (`catalogue_item.html`: key facts too). A case is on a dozen term pages,
        and a preview renders again the pages an edit changes: its item is rendered once, and joined here
        rather than in the template, which would cost a template call per case and page."""
        # All that an item shows (key_facts: the scale, and the countries or else the regions).
        keys = [
            (c.slug, c.title, c.meta.summary, c.language, c.slug in self.urls.translated, c.meta.scale, tuple(c.meta.countries), tuple(c.meta.regions))
            for c in cases
        ]
        return Markup("".join(f"<li>{item}</li>\n" for item in self.rows(template, page_url, cases, keys)))

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

    @cached_property
    def facet_chunks(self) -> dict[str, list[list[Term]]]:
        """Each facet's terms, as its page lists them: a page at a time where they grow with the
        corpus (Facet.open), else all on one page."""
        return {f.name: in_pages(self.index.terms(f.name), slug=attrgetter("id")) if f.open else [self.index.terms(f.name)] for f in PAGE_FACETS}

    @cached_property
    def reporting_chunks(self) -> dict[ReportingStatus, list[list[Case]]]:
        """The cases of each reporting status, in the order of the language's lists, a page at a time."""
        found: dict[ReportingStatus, list[Case]] = {status: [] for status in ReportingStatus}
        for c in self.index.cases:
            found[self.reporting[c.slug]].append(c)
        return {status: in_pages(cases) for status, cases in found.items()}

    @cached_property
    def catalogue_chunks(self) -> list[list[Case]]:
        """The plain list of every case, by title, a page at a time."""
        return in_pages(self.index.cases)

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
            "directions": {code: direction(code) for code in self.options.languages},
            "messages": browser_messages(self.gettext, self.ngettext, self.language), "facets": facets,
        }  # fmt: skip

    def key_facts(self, case: Case) -> str:
        """The facts a list of results shows under a case's title: its scale and where it is."""
        places = [self.index.label("countries", c) for c in case.meta.countries] or [self.index.label("regions", r) for r in case.meta.regions]
        return " · ".join([self.index.label("scale", case.meta.scale), join(places, self.language.code)])

    def recent_cases(self, n: int = 5) -> list[Case]:
        """The cases most recently added, by their git history; none where there is none."""
        dated = [c for c in self.index.cases if c.slug in self.options.dates]
        return sorted(dated, key=lambda c: (self.options.dates[c.slug].added, c.slug), reverse=True)[:n]

    @staticmethod
    def chart_layout(rows: list[tuple[str, int, str | None]]) -> dict[str, Any]:
        """Where a bar chart's rows go: each label wrapped on as many lines as it needs (never cut),
        its bar beside the middle of its lines."""
        placed, y = [], 4
        for label, n, url in rows:
            lines = wrap_label(label, CHART_LABEL_WIDTH)
            height = max(CHART_ROW, CHART_LINE * len(lines) + 6)
            middle = y + height / 2
            placed.append({
                "label": label, "n": n, "url": url, "lines": lines, "bar_y": round(middle - 10),
                "text_y": round(middle + 4 - CHART_LINE * (len(lines) - 1) / 2, 1),
            })  # fmt: skip
            y += height
        return {"rows": placed, "height": y, "line": CHART_LINE}

    def chart_rows(self) -> dict[str, Any]:
        """The home page's charts: (label, cases, url) by start year and by purpose."""
        years = Counter(str(c.meta.start)[:4] for c in self.index.cases if c.meta.start is not None)
        purposes = [(t.label, len(t.cases), self.urls.term("purposes", t.id)) for t in self.index.terms("purposes")]
        return {
            "start_years": [(year, n, None) for year, n in sorted(years.items())],
            "purposes": purposes,
            "undated": sum(1 for c in self.index.cases if c.meta.start is None),
        }

    def term_briefing_url(self, term: Term) -> str:
        """Where a term page's briefing is: built with the site, or, past BRIEFING_LIMIT cases, in the browser."""
        if len(term.cases) <= BRIEFING_LIMIT and self.is_default:
            return self.urls.term_briefing(term.facet, term.id)
        return f"{self.urls.output_path(self.urls.page(BRIEFING))}?{term.facet}={term.id}"

    @cached_property
    def briefer(self) -> Briefer:
        return Briefer(self)

    @cached_property
    def records(self) -> list[dict[str, Any]]:
        """Every case as plain data, for the exports."""
        return exports.case_records(self.corpus, self.urls, self.reporting, self.options.languages)

    def language_suffix(self) -> str:
        """How a clash of addresses names this language's pages: '' in the default language."""
        return "" if self.is_default else f" in {self.language.name}"


_WORKED_OUT = tuple(name for name, value in vars(Renderer).items() if isinstance(value, cached_property))
"""What a renderer works out when first asked, once per build (Renderer.renew)."""
