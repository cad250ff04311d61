"""The facet index: for each facet (purposes, sectors, regions, countries, partners), its terms and their cases."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .corpus import Corpus
from .geography import country_name
from .model import Case


@dataclass(frozen=True)
class Facet:
    name: str
    """The front matter field, the URL folder and the catalogue's query parameter."""
    singular: str
    plural: str
    has_pages: bool = True


FACETS = (
    Facet("purposes", "Purpose", "Purposes"),
    Facet("sectors", "Sector", "Sectors"),
    Facet("regions", "Region", "Regions"),
    Facet("countries", "Country", "Countries"),
    Facet("partners", "Partner", "Partners"),
    Facet("partner_types", "Partner type", "Partner types", has_pages=False),
    Facet("scale", "Scale", "Scale", has_pages=False),
    Facet("status", "Status", "Status", has_pages=False),
    Facet("lessons", "Lesson", "Lessons", has_pages=False),
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


class FacetIndex:
    """Every term of every facet with its cases, in display order; built once per build."""

    def __init__(self, corpus: Corpus):
        self.corpus = corpus
        self.cases = sorted(corpus.cases, key=lambda c: (c.title.casefold(), c.slug))
        self._terms: dict[str, dict[str, Term]] = {f.name: self._vocabulary_terms(f.name) for f in FACETS}
        for case in self.cases:
            for facet in FACETS:
                terms = self._terms[facet.name]
                for term_id in case_terms(case, facet.name):
                    if term_id not in terms:
                        terms[term_id] = self._new_term(facet.name, term_id, case)
                    terms[term_id].cases.append(case)
        for name in ("countries", "partners"):
            self._terms[name] = dict(sorted(self._terms[name].items(), key=lambda kv: (kv[1].label.casefold(), kv[0])))

    def _vocabulary_terms(self, facet: str) -> dict[str, Term]:
        taxonomy = self.corpus.taxonomy
        if facet in ("purposes", "sectors", "regions", "partner_types"):
            return {t.id: Term(facet, t.id, t.label, t.description, t.parent) for t in taxonomy.vocabulary(facet).values()}
        if facet == "scale":
            return {
                "project": Term(facet, "project", "Project", "A partnership project on the ground (paragraph 48 of A/58/227)."),
                "strategic": Term(facet, "strategic", "Strategic", "A strategic, system-wide initiative (paragraph 88 of A/58/227)."),
            }
        if facet == "status":
            return {s: Term(facet, s, s.capitalize()) for s in ("planned", "active", "completed", "discontinued")}
        if facet == "lessons":
            return {lesson.id: Term(facet, lesson.id, lesson.title, lesson.meta.summary) for lesson in self.corpus.lessons.values()}
        return {}

    def _new_term(self, facet: str, term_id: str, case: Case) -> Term:
        if facet == "countries":
            return Term(facet, term_id, country_name(term_id))
        return Term(facet, term_id, self.corpus.partners.name(term_id))

    def terms(self, facet: str) -> list[Term]:
        return list(self._terms[facet].values())

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


def coverage(index: FacetIndex, row_facet: str, column_facet: str) -> Matrix:
    rows = index.terms(row_facet)
    columns = index.terms(column_facet)
    if column_facet == "regions":
        columns = [t for t in columns if t.parent is None]  # the continents and 'global'
    wanted = {t.id for t in columns}
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for case in index.cases:
        for row in case_terms(case, row_facet):
            for column in case_terms(case, column_facet):
                if column in wanted:
                    counts[row, column] += 1
    return Matrix(row_facet, column_facet, rows, columns, dict(counts))
