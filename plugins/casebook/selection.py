"""A selection of cases by facets and text, as `casebook brief` and the briefing pages make it.

Cases must match every facet given, and any of the terms within one facet, as in the catalogue.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .index import FACET, FacetIndex, case_terms
from .matching import indexed_stems, matches, query_stems
from .model import Case
from .problems import suggest
from .writing import punctuation

FILTER_FACETS = ("purposes", "sectors", "regions", "countries", "partners", "partner_types", "scale", "status", "lessons")


@dataclass(frozen=True)
class Selection:
    terms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Facet -> the terms asked for (any of them matches)."""
    query: str = ""

    def describe(self, index: FacetIndex) -> str:
        """'Purposes: Advocacy or Health; Regions: Asia; text “youth”', or 'All cases', in the index's language."""
        _, words = index.gettext, punctuation(index.language)
        parts = [
            words.pair(_(FACET[f].plural), words.join((words.isolate(index.label(f, t)) for t in terms), "or")) for f, terms in self.terms.items() if terms
        ]
        if self.query:
            parts.append(_("text %(words)s") % {"words": words.quoted(words.isolate(self.query))})
        return words.series(parts) or _("All cases")


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
                errors.append(f"--{facet.replace('_', '-')}: '{item}' is not a known {FACET[facet].singular.lower()}{hint}")
        terms[facet] = tuple(dict.fromkeys(chosen))
    if errors:
        raise SelectionError("\n".join(errors))
    return Selection(terms, query.strip())


def select(index: FacetIndex, selection: Selection, searchable: Callable[[Case], str] | None = None) -> list[Case]:
    """The cases of `selection`; its words are matched as the site's search index matches them
    (matching.py), in each case's `searchable` text."""
    wanted = query_stems(selection.query)
    if wanted and searchable is None:
        raise ValueError("a selection with words needs the searchable text of each case")
    chosen = []
    for case in index.cases:
        if any(terms and not set(terms) & set(case_terms(case, facet)) for facet, terms in selection.terms.items()):
            continue
        if wanted and not matches(indexed_stems(searchable(case)), wanted):  # type: ignore[misc]
            continue
        chosen.append(case)
    return chosen
