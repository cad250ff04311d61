"""A selection of cases by facets and text, as `casebook brief` and the briefing pages make it.

Cases must match every facet given, and any of the terms within one facet, as in the catalogue.
"""

from __future__ import annotations

from dataclasses import dataclass, field
import unicodedata

from .index import FacetIndex, case_terms
from .model import Case
from .problems import suggest

FILTER_FACETS = ("purposes", "sectors", "regions", "countries", "partners", "partner_types", "scale", "status", "lessons")


def fold(text: str) -> str:
    """Lower case without accents, so that 'Itaú' finds 'Itau'."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()


@dataclass(frozen=True)
class Selection:
    terms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Facet -> the terms asked for (any of them matches)."""
    query: str = ""

    def describe(self, index: FacetIndex) -> str:
        """'Purposes: Advocacy; Regions: Asia; text "youth"', or 'All cases'."""
        parts = [f"{FACET_LABELS[f]}: {', '.join(index.label(f, t) for t in terms)}" for f, terms in self.terms.items() if terms]
        if self.query:
            parts.append(f'text "{self.query}"')
        return "; ".join(parts) or "All cases"


FACET_LABELS = {
    "purposes": "Purposes", "sectors": "Sectors", "regions": "Regions", "countries": "Countries", "partners": "Partners",
    "partner_types": "Partner types", "scale": "Scale", "status": "Status", "lessons": "Lessons",
}  # fmt: skip


class SelectionError(ValueError):
    pass


def parse_selection(index: FacetIndex, raw: dict[str, str | None], query: str = "") -> Selection:
    """Comma-separated terms per facet -> a Selection; unknown terms raise with the nearest known one."""
    terms: dict[str, tuple[str, ...]] = {}
    errors = []
    for facet in FILTER_FACETS:
        value = raw.get(facet)
        if not value:
            continue
        known = {t.id: t for t in index.terms(facet)}
        chosen = []
        for item in (part.strip() for part in value.split(",")):
            if not item:
                continue
            term = item.upper() if facet == "countries" else (index.corpus.partners.id_of(item) if facet == "partners" else item)
            if term in known:
                chosen.append(term)
            else:
                labels = {t.label: t.id for t in known.values()}
                hint = suggest(item, list(known))
                if not hint and (by_label := suggest(item, list(labels))):
                    hint = f" (did you mean '{labels[by_label.split(chr(39))[1]]}'?)"
                errors.append(f"--{facet.replace('_', '-')}: '{item}' is not a known {FACET_LABELS[facet].lower().rstrip('s')}{hint}")
        terms[facet] = tuple(dict.fromkeys(chosen))
    if errors:
        raise SelectionError("\n".join(errors))
    return Selection(terms, query.strip())


def select(index: FacetIndex, selection: Selection) -> list[Case]:
    words = fold(selection.query).split()
    chosen = []
    for case in index.cases:
        if any(wanted and not set(wanted) & set(case_terms(case, facet)) for facet, wanted in selection.terms.items()):
            continue
        if words:
            text = fold(" ".join([case.title, case.meta.summary, case.body, *(p.name for p in case.meta.partners), *case.meta.countries]))
            if not all(word in text for word in words):
                continue
        chosen.append(case)
    return chosen
