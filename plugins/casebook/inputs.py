"""What an output is made from, by name, and a fingerprint of each in one build.

Outputs name their inputs (registry.py); a preview compares each input's fingerprint with the
last build's and renders again only the outputs whose inputs changed (preview.py). Every output
also depends on the site itself (its settings, vocabularies, partner registry, templates,
messages and the build's date), which no output names: when that changes, everything is built
again.

A case is two inputs: `case` is all of it, as its own page shows it; `listing` is what other
pages show of it (its front matter, its translations' titles and summaries, its dates). An edit
of a case's text changes the first only, so that no list or term page is rendered again.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from functools import cache
from typing import TYPE_CHECKING, NamedTuple

from .index import FACET, FACETS, case_terms, in_pages

if TYPE_CHECKING:
    from .model import Case
    from .render.site import Renderer

FACET_NAMES = tuple(f.name for f in FACETS)


def case(slug: str) -> str:
    return f"case:{slug}"


@cache  # named by every term page, feed and briefing that lists the case: made once
def listing(slug: str) -> str:
    return f"listing:{slug}"


def related(slug: str) -> str:
    return f"related:{slug}"


def partner(partner_id: str) -> str:
    return f"partner:{partner_id}"


def lesson(lesson_id: str) -> str:
    return f"lesson:{lesson_id}"


def term(language: str, facet: str, term_id: str) -> str:
    """A term's label and which cases it has, in the order of a language's lists."""
    return f"term:{language}:{facet}:{term_id}"


def term_page(language: str, facet: str, term_id: str, number: int) -> str:
    """A further page of a term's list (render/terms.py): its cases, and how many pages there are.
    Its own input, so that a case added near the end of a long list renders again only the pages it
    changes (and the first, which counts the cases)."""
    return f"term-page:{language}:{facet}:{term_id}:{number}"


def facet(language: str, name: str) -> str:
    """A facet's terms, with their labels and how many cases each has."""
    return f"facet:{language}:{name}"


def facet_page(language: str, name: str, number: int) -> str:
    """A page of the list of a facet whose terms grow with the corpus (index.Facet.open): its terms,
    with their labels and how many cases each has, and how many pages there are."""
    return f"facet-page:{language}:{name}:{number}"


def cases(language: str) -> str:
    """Every case, as lists in a language show them, in their order."""
    return f"cases:{language}"


def filing(language: str) -> str:
    """Where every case is filed (its terms, scale, status, start): what counts of cases show."""
    return f"filing:{language}"


def filed(facet_name: str) -> str:
    """Where every case is filed in one facet: what its counts, and tables that cross it, show."""
    return f"filed:{facet_name}"


def titles(language: str) -> str:
    """Every case's title in a language, in the order of its lists."""
    return f"titles:{language}"


def reported() -> str:
    """Every case's status and last report: what the reporting page tabulates."""
    return "reported"


def reporting_page(language: str, status: str, number: int) -> str:
    """A further page of a reporting status's list: its cases, and how many pages there are."""
    return f"reporting-page:{language}:{status}:{number}"


def translations(language: str) -> str:
    """Which cases are translated into a language (its catalogue's script says how many)."""
    return f"translations:{language}"


def catalogue_pages(language: str) -> str:
    """How many pages the catalogue's plain list has in a language."""
    return f"catalogue-pages:{language}"


def count(language: str) -> str:
    """How many cases a language lists (the catalogue's pager)."""
    return f"count:{language}"


def document(src_uri: str) -> str:
    """An authored page's source."""
    return f"document:{src_uri}"


def listings(slugs: Sequence[str]) -> tuple[str, ...]:
    return tuple(map(listing, slugs))


Versions = Callable[[str], Hashable]
"""A case's slug -> a value that changes whenever the case's file, or one of its translations,
changes (corpus.py's loader counts them)."""


def fingerprints(renderers: Sequence[Renderer], content: Versions, facts: Versions, documents: Mapping[str, Hashable]) -> dict[str, int]:
    """Every input's fingerprint in this build: `content` versions change with any edit of a case,
    `facts` versions with an edit of its front matter (or its translations' titles and summaries).
    Each is a hash, so that comparing two builds' compares numbers, not the lists behind them."""
    default = renderers[0]
    options, directory = default.options, default.corpus.partners
    found: dict[str, int] = {}
    for c in default.corpus.cases:
        dates, edit = options.dates.get(c.slug), options.edit_urls.get(c.slug)
        found[case(c.slug)] = case_fingerprint(content(c.slug), dates, edit)
        found[listing(c.slug)] = hash((facts(c.slug), dates))
    for slug, others in default.related.items():
        found[related(slug)] = hash(tuple(other.slug for other in others))
    for partner_id in default.index.term_ids("partners"):
        found[partner(partner_id)] = hash(repr(directory.get(partner_id)))
    for lesson_ in default.corpus.lessons.values():
        found[lesson(lesson_.id)] = hash((lesson_.title, lesson_.meta.model_dump_json()))
    filings = [_filing(c) for c in default.corpus.cases]
    if len(_FILINGS) > 2 * len(filings):  # the cases of builds gone by
        _FILINGS.clear()
        filings = [_filing(c) for c in default.corpus.cases]
    filing_print = hash(tuple(f.where for f in filings))
    for i, name in enumerate(FACET_NAMES):
        found[filed(name)] = hash(tuple((f.where[0], f.terms[i]) for f in filings))
    found[reported()] = hash(tuple(f.reported for f in filings))
    for r in renderers:
        code = r.language.code
        found[filing(code)] = filing_print
        found[titles(code)] = hash(tuple((c.slug, c.title) for c in r.index.cases))
        for name in FACET_NAMES:
            terms = r.index.terms(name)
            found[facet(code, name)] = hash(tuple((t.id, t.label, len(t.cases)) for t in terms))
            if FACET[name].open:
                listed = r.facet_chunks[name]
                for number, shown in enumerate(listed, 1):
                    found[facet_page(code, name, number)] = hash((len(listed), tuple((t.id, t.label, len(t.cases)) for t in shown)))
            for t in terms:
                slugs = [c.slug for c in t.cases]
                found[term(code, name, t.id)] = hash((t.label, tuple(slugs)))
                pages = in_pages(slugs, slug=str)
                for number, page in enumerate(pages[1:], 2):
                    found[term_page(code, name, t.id, number)] = hash((t.label, len(pages), tuple(page)))
        found[cases(code)] = hash(tuple((c.slug, found[listing(c.slug)]) for c in r.index.cases))
        found[count(code)] = len(r.index.cases)
        found[catalogue_pages(code)] = len(r.catalogue_chunks)
        for status, chunks in r.reporting_chunks.items():
            for number, chunk in enumerate(chunks[1:], 2):
                found[reporting_page(code, status.value, number)] = hash((len(chunks), tuple(c.slug for c in chunk)))
        found[translations(code)] = hash(tuple(sorted(r.urls.translated)))
    for src_uri, version in documents.items():
        found[document(src_uri)] = hash(version)
    return found


class _Filing(NamedTuple):
    where: tuple
    """Its slug and everything under which it is filed (terms, scale, status, start)."""
    terms: tuple[tuple[str, ...], ...]
    """Its terms in each facet, in the order of FACET_NAMES."""
    reported: tuple


_FILINGS: dict[int, tuple[Case, _Filing]] = {}
"""A case's filing, kept while the case is the same object: a preview's corpus keeps every case
that an edit left alone (corpus.py), so that an edit works out again only the edited cases'."""


def _filing(c: Case) -> _Filing:
    kept = _FILINGS.get(id(c))
    if kept is not None and kept[0] is c:
        return kept[1]
    m = c.meta
    where = (c.slug, tuple(m.purposes), tuple(m.sectors), c.regions, tuple(m.countries), c.partner_ids,
             m.scale, m.status, m.start, tuple(m.lessons), tuple(m.noted_lessons))  # fmt: skip
    made = _Filing(where, tuple(tuple(case_terms(c, name)) for name in FACET_NAMES), (c.slug, m.status, m.last_report))
    _FILINGS[id(c)] = (c, made)
    return made


def case_fingerprint(content: Hashable, dates: Hashable, edit: str | None) -> int:
    """A case's fingerprint as its own page shows it: its text, its dates, where it is edited."""
    return hash((content, dates, edit))
