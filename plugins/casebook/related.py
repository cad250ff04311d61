"""Related cases: those sharing the most, and the rarest, purposes, sectors, regions and partners.

Cases that share both a purpose and a sector come first: they answer "who else did this kind of
thing, in this field?". Within that, each shared term counts its facet's weight times its rarity
(inverse document frequency), so two cases sharing a small partner say more than two sharing a
continent. Candidates come from each
case's terms, rarest first, with a cap on how many are taken from any one term: the work grows
near-linearly with the number of cases, not with its square.
"""

from __future__ import annotations

from collections import defaultdict
import math

from .index import FacetIndex, case_terms
from .model import Case

WEIGHTS = {"purposes": 3.0, "sectors": 3.0, "partners": 2.0, "countries": 1.5, "regions": 1.0}
MAX_RELATED = 5
CANDIDATES_PER_TERM = 200


def related_cases(index: FacetIndex, limit: int = MAX_RELATED) -> dict[str, list[Case]]:
    n = max(len(index.cases), 1)
    postings: dict[tuple[str, str], list[Case]] = {}
    for facet in WEIGHTS:
        for term in index.terms(facet):
            if term.cases:
                postings[facet, term.id] = term.cases
    weight = {key: WEIGHTS[key[0]] * math.log(1 + n / len(cases)) for key, cases in postings.items()}
    terms_of = {case.slug: {(facet, t) for facet in WEIGHTS for t in case_terms(case, facet)} for case in index.cases}
    related = {}
    for case in index.cases:
        mine = sorted(terms_of[case.slug], key=lambda key: len(postings[key]))
        scores: dict[str, float] = defaultdict(float)
        candidates: dict[str, Case] = {}
        for key in mine:
            for other in postings[key][:CANDIDATES_PER_TERM]:
                if other.slug != case.slug:
                    candidates[other.slug] = other
        tiers: dict[str, int] = {}
        for slug, other in candidates.items():
            shared = terms_of[case.slug] & terms_of[slug]
            scores[slug] = sum(weight[key] for key in shared)
            facets = {facet for facet, _ in shared}
            tiers[slug] = 0 if {"purposes", "sectors"} <= facets else 1
        ranked = sorted(candidates.values(), key=lambda c: (tiers[c.slug], -scores[c.slug], c.title.casefold(), c.slug))
        related[case.slug] = ranked[:limit]
    return related
