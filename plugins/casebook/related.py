"""Related cases: those sharing the most, and the rarest, purposes, sectors, regions and partners.

Cases that share both a purpose and a sector come first: they answer "who else did this kind of
thing, in this field?". Within that, each shared term counts its facet's weight times its rarity
(inverse document frequency), so two cases sharing a small partner say more than two sharing a
continent. Rarity counts in steps of a tenth (of its logarithm), so that one case more or less
in a term, or in the corpus, seldom changes any weight: an edit changes the related cases of
the cases it touches, not of every case that shares a term with them.

Candidates come from each case's terms, with a cap on how many any one term proposes: the work
grows near-linearly with the number of cases, not with its square. A large term proposes a
case's neighbours on a ring of its cases in a fixed pseudo-random order (a hash of the slug), not
the first cases by title: each case is then a candidate of the same few cases in each of its
terms, so an edit reaches a bounded number of other cases' lists at any size, and no title is
favoured for sorting early.
"""

from __future__ import annotations

from collections import defaultdict
import hashlib
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


def ring_key(slug: str) -> bytes:
    """A case's place on every term's ring: fixed, and unrelated to its title."""
    return hashlib.blake2b(slug.encode("utf-8"), digest_size=8).digest()


def related_cases(index: FacetIndex, limit: int = MAX_RELATED) -> dict[str, list[Case]]:
    n = max(len(index.cases), 1)
    postings: dict[tuple[str, str], list[Case]] = {}
    for facet in WEIGHTS:
        for term in index.terms(facet):
            if term.cases:
                postings[facet, term.id] = sorted(term.cases, key=lambda case: ring_key(case.slug))
    place = {key: {case.slug: i for i, case in enumerate(cases)} for key, cases in postings.items()}
    weight = {key: WEIGHTS[key[0]] * rarity(n, len(cases)) for key, cases in postings.items()}
    terms_of = {case.slug: {(facet, t) for facet in WEIGHTS for t in case_terms(case, facet)} for case in index.cases}
    by_slug = {case.slug: case for case in index.cases}
    related = {}
    for case in index.cases:
        mine = terms_of[case.slug]
        proposed: dict[str, float] = defaultdict(float)
        for key in sorted(mine):  # sets iterate in a per-run order; sums must not
            w = weight[key]
            for other in _neighbours(postings[key], place[key][case.slug]):
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


def _neighbours(ring: list[Case], at: int) -> list[Case]:
    """The PER_TERM cases around position `at` of a term's ring (all of them in a small term)."""
    if len(ring) <= PER_TERM + 1:
        return ring
    half = PER_TERM // 2
    return [ring[(at + offset) % len(ring)] for offset in range(-half, half + 1)]
