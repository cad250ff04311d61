"""Related cases: those sharing the most, and the rarest, purposes, sectors, regions and partners.

Cases that share both a purpose and a sector come first: they answer "who else did this kind of
thing, in this field?". Within that, each shared term counts its facet's weight times its rarity
(inverse document frequency), so two cases sharing a small partner say more than two sharing a
continent. Rarity counts in steps of a tenth (of its logarithm), so that one case more or less
in a term, or in the corpus, seldom changes any weight: an edit changes the related cases of
the cases it touches, not of every case that shares a term with them. Candidates come from each
case's terms, rarest first, with a cap on how many are taken from any one term: the work grows
near-linearly with the number of cases, not with its square.
"""

from __future__ import annotations

from collections import defaultdict
import heapq
import math

from .index import FacetIndex, case_terms
from .model import Case

WEIGHTS = {"purposes": 3.0, "sectors": 3.0, "partners": 2.0, "countries": 1.5, "regions": 1.0}
MAX_RELATED = 5
PER_TERM = 12
"""At most this many cases proposed by any one term: the work per case is bounded, so the whole
grows linearly with the number of cases."""
SHORTLIST = 25


def rarity(cases: int, in_term: int) -> float:
    """How rare a term is, in steps of a tenth: log(1 + N/n), rounded down."""
    return math.floor(10 * math.log(1 + cases / in_term)) / 10


def related_cases(index: FacetIndex, limit: int = MAX_RELATED) -> dict[str, list[Case]]:
    n = max(len(index.cases), 1)
    postings: dict[tuple[str, str], list[Case]] = {}
    for facet in WEIGHTS:
        for term in index.terms(facet):
            if term.cases:
                postings[facet, term.id] = term.cases
    weight = {key: WEIGHTS[key[0]] * rarity(n, len(cases)) for key, cases in postings.items()}
    terms_of = {case.slug: {(facet, t) for facet in WEIGHTS for t in case_terms(case, facet)} for case in index.cases}
    by_slug = {case.slug: case for case in index.cases}
    related = {}
    for case in index.cases:
        mine = terms_of[case.slug]
        proposed: dict[str, float] = defaultdict(float)
        for key in sorted(mine, key=lambda key: (len(postings[key]), key)):  # sets iterate in a per-run order
            w = weight[key]
            for other in postings[key][:PER_TERM]:
                proposed[other.slug] += w
        proposed.pop(case.slug, None)
        ranked = []
        for slug in heapq.nlargest(SHORTLIST, proposed, key=lambda slug: (proposed[slug], slug)):
            shared = mine & terms_of[slug]
            tier = 0 if {"purposes", "sectors"} <= {facet for facet, _ in shared} else 1
            # fsum: exact whatever the order, so that ties stay ties from one build to the next
            ranked.append((tier, -math.fsum(weight[key] for key in shared), by_slug[slug].title.casefold(), slug))
        related[case.slug] = [by_slug[slug] for *_, slug in sorted(ranked)[:limit]]
    return related
