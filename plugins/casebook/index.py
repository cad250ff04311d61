"""The facet index: for each facet (purposes, sectors, regions, countries, partners), its terms and their cases."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from operator import attrgetter
from typing import TypeVar
import zlib

from .corpus import Corpus
from .geography import country_name
from .languages import DEFAULT, N_, language, messages
from .model import Case
from .writing import sort_key

PAGE_MIN, PAGE_MAX, PAGE_SPREAD = 30, 80, 20
"""A plain list's pages (the catalogue's, what readers without JavaScript get, and a term's) hold
PAGE_MIN to PAGE_MAX cases, 50 on average; the last may hold fewer."""

T = TypeVar("T")


def in_pages(cases: Sequence[T], slug: Callable[[T], str] = attrgetter("slug")) -> list[list[T]]:
    """A plain list cut into pages (at least one page, maybe empty), so that no page grows with the corpus.

    A page ends after a case whose address says so (`_ends_a_page`), once it holds PAGE_MIN cases,
    or at PAGE_MAX, whichever comes first. Where a list is cut thus depends on the cases around the
    cut, not on how many come before it: a new case or a removed one changes its own page, and
    seldom another, where cutting every 50 cases would move every later page (and a preview would
    write them all again)."""
    if len(cases) <= PAGE_MIN:
        return [list(cases)]
    pages, start = [], 0
    for i, case in enumerate(cases):
        size = i + 1 - start
        if size == PAGE_MAX or (size >= PAGE_MIN and _ends_a_page(slug(case))):
            pages.append(list(cases[start : i + 1]))
            start = i + 1
    if start < len(cases):
        pages.append(list(cases[start:]))
    return pages


@cache
def _ends_a_page(slug: str) -> bool:
    # A checksum rather than hash(), which differs between processes.
    return zlib.crc32(slug.encode("utf-8")) % PAGE_SPREAD == 0


@dataclass(frozen=True)
class Facet:
    """A facet and its names, in the default language (they are messages: see languages.py).

    Each phrase is written out whole for each facet ("All purposes", "Follow this sector"), not
    assembled from the facet's name: translators need the whole sentence, whose words agree with
    the noun in gender, number and case."""

    name: str
    """The front matter field, the URL folder and the catalogue's query parameter."""
    singular: str
    plural: str
    all: str = ""
    """'All purposes': the link from a term's page up to the list."""
    none_yet: str = ""
    """'No purposes yet.': an empty list."""
    follow: str = ""
    """The link to a term's feed."""
    contribute: str = ""
    """What a term with no case asks of readers."""
    has_pages: bool = True
    open: bool = False
    """Its terms come from the cases, not from a vocabulary (an organisation per partner), so they
    grow with the corpus: its page lists them a page at a time (Renderer.facet_chunks)."""


FACETS = (
    Facet(
        "purposes", N_("Purpose"), N_("Purposes"), N_("All purposes"), N_("No purposes yet."),
        N_("Follow this purpose (Atom feed)"),
        N_("<a href=\"%(url)s\">Contribute one</a>: every partnership that serves this purpose helps others learn."),
    ),
    Facet(
        "sectors", N_("Sector"), N_("Sectors"), N_("All sectors"), N_("No sectors yet."),
        N_("Follow this sector (Atom feed)"),
        N_("<a href=\"%(url)s\">Contribute one</a>: every partnership that serves this sector helps others learn."),
    ),
    Facet(
        "regions", N_("Region"), N_("Regions"), N_("All regions"), N_("No regions yet."),
        N_("Follow this region (Atom feed)"),
        N_("<a href=\"%(url)s\">Contribute one</a>: every partnership that serves this region helps others learn."),
    ),
    Facet(
        "countries", N_("Country"), N_("Countries"), N_("All countries"), N_("No countries yet."),
        N_("Follow this country (Atom feed)"),
        N_("<a href=\"%(url)s\">Contribute one</a>: every partnership that serves this country helps others learn."),
    ),
    Facet(
        "partners", N_("Partner"), N_("Partners"), N_("All partners"), N_("No partners yet."),
        N_("Follow this partner (Atom feed)"),
        N_("<a href=\"%(url)s\">Contribute one</a>: every partnership that serves this partner helps others learn."),
        open=True,
    ),
    Facet("partner_types", N_("Partner type"), N_("Partner types"), has_pages=False),
    Facet("scale", N_("Scale"), N_("Scale"), has_pages=False),
    Facet("status", N_("Status"), N_("Status"), has_pages=False),
    Facet("lessons", N_("Lesson"), N_("Lessons"), has_pages=False),
)
FACET = {f.name: f for f in FACETS}
PAGE_FACETS = tuple(f for f in FACETS if f.has_pages)


@dataclass
class Term:
    facet: str
    id: str
    label: str
    description: str = ""
    parent: str | None = None
    cases: list[Case] = field(default_factory=list)
    search_label: str = ""
    """Its name in the search index's filters, the same in every language (a partner's canonical
    name), where it differs from `label`."""


def case_terms(case: Case, facet: str) -> list[str]:
    """The ids under which `case` is filed in `facet` (regions include derived ones)."""
    meta = case.meta
    if facet == "regions":
        return list(case.regions)
    if facet == "partners":
        return list(dict.fromkeys(case.partner_ids))
    if facet == "partner_types":
        return list(dict.fromkeys(p.type for p in meta.partners))
    if facet == "scale":
        return [meta.scale]
    if facet == "status":
        return [meta.status] if meta.status else []
    if facet == "lessons":  # the report's links, and those of Casebook's editors
        return list(dict.fromkeys([*meta.lessons, *meta.noted_lessons]))
    return list(getattr(meta, facet))


SCALES = {
    "project": (N_("Project"), N_(
        'A partnership project. Such projects "often involve only one or a limited number of partners, have well-defined '
        'goals and are usually time-bound" (A/58/227, paragraph 48); many have had "a relatively narrow focus on one type '
        'of activity" (paragraph 88).'
    )),
    "strategic": (N_("Strategic"), N_(
        'A strategic partnership, one that works "simultaneously on different types of activity" (A/58/227, paragraph 88), '
        'as opposed to a partnership project (paragraph 48).'
    )),
}  # fmt: skip
"""Each scale's label and description: what paragraphs 48 and 88 of the report say of the two kinds."""
STATUSES = {"planned": N_("Planned"), "active": N_("Active"), "completed": N_("Completed"), "discontinued": N_("Discontinued")}


class FacetIndex:
    """Every term of every facet with its cases, in display order, in one language: its words, and
    `cases` as that language shows them (translated where they are); built once per build and language."""

    def __init__(self, corpus: Corpus, language_code: str = DEFAULT, cases: tuple[Case, ...] | None = None, like: FacetIndex | None = None):
        """`like`: the index of another language, whose work this one takes over where it lists
        the same cases (a language with no translation lists the cases as written, in the same order)."""
        self.corpus, self.language = corpus, language_code
        self.gettext = messages(language_code).gettext
        # By title, in the order of each case's language (writing.sort_key), as the search index sorts
        # them (search_record.html); in another language than the default, the cases translated into
        # it first, as its catalogue's search lists them (assets/search.js).
        shown = corpus.cases if cases is None else cases
        if like is not None and not any(c.language == language_code for c in shown):
            like = like if like.corpus is corpus and like.language == DEFAULT else None  # the cases as written, in its order
        else:
            like = None
        self.cases: list[Case] = list(like.cases) if like is not None else sorted(shown, key=lambda c: (c.language != language_code, sort_key(c.title, c.language), c.slug))
        self._terms: dict[str, dict[str, Term]] = {f.name: self._vocabulary_terms(f.name) for f in FACETS}
        if like is not None:
            for facet in FACETS:
                terms = self._terms[facet.name]
                for term_id, theirs in like._terms[facet.name].items():
                    if theirs.cases:
                        if term_id not in terms:
                            terms[term_id] = self._new_term(facet.name, term_id, theirs.cases[0])
                        terms[term_id].cases = list(theirs.cases)
        else:
            for case in self.cases:
                for facet in FACETS:
                    terms = self._terms[facet.name]
                    for term_id in case_terms(case, facet.name):
                        if term_id not in terms:
                            terms[term_id] = self._new_term(facet.name, term_id, case)
                        terms[term_id].cases.append(case)
        for name in ("countries", "partners"):
            self._terms[name] = dict(sorted(self._terms[name].items(), key=lambda kv: (sort_key(kv[1].label, language_code), kv[0])))

    def _vocabulary_terms(self, facet: str) -> dict[str, Term]:
        taxonomy = self.corpus.taxonomy
        code, _ = self.language, self.gettext
        if facet in ("purposes", "sectors", "regions", "partner_types"):
            return {t.id: Term(facet, t.id, t.label_in(code), t.description_in(code), t.parent) for t in taxonomy.vocabulary(facet).values()}
        if facet == "scale":
            return {key: Term(facet, key, _(label), _(description)) for key, (label, description) in SCALES.items()}
        if facet == "status":
            return {key: Term(facet, key, _(label)) for key, label in STATUSES.items()}
        if facet == "lessons":
            return {lesson.id: Term(facet, lesson.id, lesson.title, lesson.meta.summary) for lesson in self.corpus.lessons.values()}
        return {}

    def _new_term(self, facet: str, term_id: str, case: Case) -> Term:
        if facet == "countries":
            named = None if self.language == DEFAULT else language(self.language).country_name(term_id)
            return Term(facet, term_id, named or country_name(term_id))
        partners = self.corpus.partners
        return Term(facet, term_id, partners.name(term_id, self.language), search_label=partners.name(term_id))

    def terms(self, facet: str) -> list[Term]:
        return list(self._terms[facet].values())

    def term_ids(self, facet: str) -> list[str]:
        return list(self._terms[facet])

    def term(self, facet: str, term_id: str) -> Term:
        return self._terms[facet][term_id]

    def label(self, facet: str, term_id: str) -> str:
        term = self._terms[facet].get(term_id)
        return term.label if term else term_id


@dataclass(frozen=True)
class Matrix:
    """Case counts of `rows` × `columns`, the 'sectoral and geographical balance' of paragraph 22."""

    row_facet: str
    column_facet: str
    rows: list[Term]
    columns: list[Term]
    counts: dict[tuple[str, str], int]

    def count(self, row: str, column: str) -> int:
        return self.counts.get((row, column), 0)

    @property
    def empty_cells(self) -> list[tuple[Term, Term]]:
        return [(r, c) for r in self.rows for c in self.columns if not self.count(r.id, c.id)]


def coverage(index: FacetIndex, row_facet: str, column_facet: str, pairs: dict[tuple[str, str], int] | None = None) -> Matrix:
    """`pairs`: pair_counts of the index's cases, if already counted (they are the same in every language)."""
    rows = index.terms(row_facet)
    columns = index.terms(column_facet)
    if column_facet == "regions":
        columns = [t for t in columns if t.parent is None]  # the continents and 'global'
    wanted = {t.id for t in columns}
    pairs = pairs if pairs is not None else pair_counts(index.cases, row_facet, column_facet)
    return Matrix(row_facet, column_facet, rows, columns, {pair: n for pair, n in pairs.items() if pair[1] in wanted})


def pair_counts(cases: Iterable[Case], row_facet: str, column_facet: str) -> dict[tuple[str, str], int]:
    """How many cases are filed under each pair of a term of `row_facet` and one of `column_facet`."""
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for case in cases:
        for row in case_terms(case, row_facet):
            for column in case_terms(case, column_facet):
                counts[row, column] += 1
    return dict(counts)
