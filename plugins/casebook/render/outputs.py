"""Every output of a site in one registry (registry.py), from the modules of each concern: the
cases, the facets and their terms, the lists of all cases, the files, and the author's pages."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import partial

from ..corpus import Corpus
from ..languages import DEFAULT
from ..registry import Output, Registry, Units
from ..search_index import DOCUMENTS_DIR, LANGUAGES_DIR, OUTPUT_DIR, bundles
from ..translation import translated
from . import authored, cases, files, listings, terms
from .authored import AuthoredPage
from .site import Renderer


def site_registry(renderers: Sequence[Renderer], pages: Sequence[AuthoredPage], units: Units | None = None) -> Registry:
    """The default language's renderer first, then the others'. The order is the order of work:
    the shells first (the sooner the site generator renders them, the sooner their pages are
    filled), then the pages, then the files written as they are. `units`: the outputs of each
    case and term that a preview takes over from its last registry."""
    default, others = renderers[0], list(renderers[1:])
    units = units if units is not None else Units()
    registry = Registry()
    for r in renderers:
        for frame in terms.frames(r) + listings.catalogue_frame(r) + listings.reporting_frame(r):
            registry.frames[frame.src_uri] = frame
    for r in renderers:
        registry.add(o for case in r.pages_of_cases() for o in units.of(("page", r.language.code, case.slug), partial(_one, cases.page, r, case)))
        registry.add(terms.facet_pages(r))
        registry.add(listings.pages(r))
    registry.add(files.assets())
    for r in renderers:
        registry.add(terms.term_pages(r, units))
        registry.add(listings.catalogue_pages(r))
        registry.add(listings.reporting_pages(r))
    registry.add(files.export_files(default))
    registry.add([files.site_feed(default)])
    registry.add(terms.feeds(default, units))
    for r in renderers:
        registry.add([listings.live_briefing(r)])
    registry.add(terms.briefings(default, units))
    registry.add(files.redirects(default))
    registry.add(authored.parts(default, pages))
    # Each case once, in its own language's bundle (search_index.py): every case as written, with
    # the author's pages, in the default language's; each other language's translations in theirs.
    registry.add(authored.search_documents(default, pages))
    registry.add(listings.section_documents(default, OUTPUT_DIR))
    registry.add(o for case in default.index.cases for o in units.of(("search", DEFAULT, case.slug), partial(_one, cases.search_output, default, case, others, OUTPUT_DIR)))
    for r in others:
        registry.add(listings.section_documents(r, LANGUAGES_DIR))
        registry.add(o for case in r.pages_of_cases() for o in units.of(("search", r.language.code, case.slug), partial(_one, cases.search_output, r, case, (), LANGUAGES_DIR)))
    for bundle in bundles(len(renderers)):
        registry.folders.append((bundle, "the search index" if bundle == OUTPUT_DIR else "the search index of the other languages"))
    registry.folders.append((DOCUMENTS_DIR, "the search index's documents"))
    registry.units = units.made
    return registry


def _one(make: Callable[..., Output], *args: object) -> list[Output]:
    return [make(*args)]


def case_outputs(renderers: Sequence[Renderer], corpus: Corpus, slugs: Iterable[str]) -> list[Output]:
    """The page and search document of each of these cases, in every language that has them, from
    the corpus as it now is: after an edit of their texts alone, which nothing else shows."""
    default, others = renderers[0], list(renderers[1:])
    by_slug = {case.slug: case for case in corpus.cases}
    found: list[Output] = []
    for slug in slugs:
        case = by_slug.get(slug)
        if case is None:
            continue
        found += [cases.page(default, case), cases.search_output(default, case, others, OUTPUT_DIR)]
        for r in others:
            translation = corpus.translations.get(slug, {}).get(r.language.code)
            if translation is not None:
                shown = translated(case, translation)
                found += [cases.page(r, shown), cases.search_output(r, shown, (), LANGUAGES_DIR)]
    return found
