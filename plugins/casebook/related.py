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
from dataclasses import dataclass
import functools
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


@functools.cache
def ring_key(slug: str) -> bytes:
    """A case's place on every term's ring: fixed, and unrelated to its title."""
    return hashlib.blake2b(slug.encode("utf-8"), digest_size=8).digest()


Key = tuple[str, str]
"""A term: (facet, term id)."""


@dataclass(frozen=True)
class Related:
    """Every case's related cases (by slug), with what they were worked out from: a preview keeps
    it, so that after an edit only the cases whose lists the edit can reach are worked out again."""

    lists: dict[str, tuple[str, ...]]
    rings: dict[Key, list[str]]
    place: dict[Key, dict[str, int]]
    weight: dict[Key, float]
    terms_of: dict[str, frozenset[Key]]
    titles: dict[str, str]
    read: dict[str, Case]
    """Each case as its terms and title were read from: the same object in the next build is the same case."""

    def cases(self, index: FacetIndex) -> dict[str, list[Case]]:
        by_slug = {case.slug: case for case in index.cases}
        return {slug: [by_slug[other] for other in others] for slug, others in self.lists.items()}


def related_cases(index: FacetIndex, limit: int = MAX_RELATED, earlier: Related | None = None) -> Related:
    """Every case's related cases; with `earlier` (the last build's), only those of the cases an edit
    can reach are worked out again, and the result is the same as without it."""
    terms_of: dict[str, frozenset[Key]] = {}
    titles: dict[str, str] = {}
    for case in index.cases:
        if earlier is not None and earlier.read.get(case.slug) is case:
            terms_of[case.slug], titles[case.slug] = earlier.terms_of[case.slug], earlier.titles[case.slug]
        else:
            terms_of[case.slug] = frozenset((facet, t) for facet in WEIGHTS for t in case_terms(case, facet))
            titles[case.slug] = case.title.casefold()
    moved = set(terms_of) if earlier is None else {slug for slug in terms_of if earlier.terms_of.get(slug) != terms_of[slug] or earlier.titles.get(slug) != titles[slug]}
    gone = set() if earlier is None else set(earlier.terms_of) - set(terms_of)
    touched_terms = {key for slug in moved | gone for key in terms_of.get(slug, frozenset()) | (earlier.terms_of.get(slug, frozenset()) if earlier else frozenset())}
    rings: dict[Key, list[str]] = {} if earlier is None else {key: ring for key, ring in earlier.rings.items() if key not in touched_terms}
    place: dict[Key, dict[str, int]] = {} if earlier is None else {key: p for key, p in earlier.place.items() if key not in touched_terms}
    if earlier is None or touched_terms:
        members: dict[Key, list[str]] = defaultdict(list)
        for slug, keys in terms_of.items():
            for key in keys:
                if earlier is None or key in touched_terms:
                    members[key].append(slug)
        for key, slugs in members.items():
            rings[key] = sorted(slugs, key=ring_key)
            place[key] = {slug: i for i, slug in enumerate(rings[key])}
    n = max(len(terms_of), 1)
    weight = {key: WEIGHTS[key[0]] * rarity(n, len(ring)) for key, ring in rings.items()}
    if earlier is None:
        todo = set(terms_of)
    else:
        todo = moved - gone
        for key in touched_terms | {key for key in weight if earlier.weight.get(key) != weight[key]}:
            old_ring, new_ring = earlier.rings.get(key, []), rings.get(key, [])
            if key not in weight or earlier.weight.get(key) != weight.get(key) or min(len(old_ring), len(new_ring)) <= PER_TERM + 2:
                todo.update(new_ring)  # every case of the term weighs it anew, or has all its cases as candidates
                continue
            for slug in moved | gone:  # the cases around each that moved, before and after
                if slug in earlier.place.get(key, {}):
                    todo.update(_neighbours(old_ring, earlier.place[key][slug]))
                if slug in place.get(key, {}):
                    todo.update(_neighbours(new_ring, place[key][slug]))
        todo &= set(terms_of)
    lists = {} if earlier is None else {slug: others for slug, others in earlier.lists.items() if slug in terms_of and slug not in todo}
    for slug in todo:
        lists[slug] = _related_to(slug, terms_of, titles, rings, place, weight, limit)
    return Related({slug: lists[slug] for slug in terms_of}, rings, place, weight, terms_of, titles, {case.slug: case for case in index.cases})


def _related_to(
    slug: str, terms_of: dict[str, frozenset[Key]], titles: dict[str, str], rings: dict[Key, list[str]], place: dict[Key, dict[str, int]],
    weight: dict[Key, float], limit: int,
) -> tuple[str, ...]:  # fmt: skip
    mine = terms_of[slug]
    proposed: dict[str, float] = defaultdict(float)
    for key in sorted(mine):  # sets iterate in a per-run order; sums must not
        w = weight[key]
        for other in _neighbours(rings[key], place[key][slug]):
            proposed[other] += w
    proposed.pop(slug, None)
    ranked = []
    for other in heapq.nlargest(SHORTLIST, proposed, key=lambda o: (proposed[o], o)):
        shared = mine & terms_of[other]
        tier = 0 if {"purposes", "sectors"} <= {facet for facet, _ in shared} else 1
        # fsum: exact whatever the order, so that ties stay ties from one build to the next
        ranked.append((tier, -math.fsum(weight[key] for key in shared), titles[other], other))
    return tuple(other for *_, other in sorted(ranked)[:limit])


def _neighbours(ring: list[str], at: int) -> list[str]:
    """The PER_TERM cases around position `at` of a term's ring (all of them in a small term)."""
    if len(ring) <= PER_TERM + 1:
        return ring
    half = PER_TERM // 2
    return [ring[(at + offset) % len(ring)] for offset in range(-half, half + 1)]
