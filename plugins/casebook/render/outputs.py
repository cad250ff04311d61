"""Every output of a site in one registry (registry.py), from the modules of each concern: the
cases, the facets and their terms, the lists of all cases, the files, and the author's pages."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..corpus import Corpus
from ..registry import Output, Registry
from ..search_index import DOCUMENTS_DIR, LANGUAGES_DIR, OUTPUT_DIR, bundles
from ..translation import translated
from . import authored, cases, files, listings, terms
from .authored import AuthoredPage
from .site import Renderer


def site_registry(renderers: Sequence[Renderer], pages: Sequence[AuthoredPage]) -> Registry:
    """The default language's renderer first, then the others'. The order is the order of work:
    the shells first (the sooner the site generator renders them, the sooner their pages are
    filled), then the pages, then the files written as they are."""
    default, others = renderers[0], list(renderers[1:])
    registry = Registry()
    for r in renderers:
        for frame in terms.frames(r) + listings.catalogue_frame(r):
            registry.frames[frame.src_uri] = frame
    for r in renderers:
        registry.add(cases.page(r, case) for case in r.pages_of_cases())
        registry.add(terms.facet_pages(r))
        registry.add(listings.pages(r))
    registry.add(files.assets())
    for r in renderers:
        registry.add(terms.term_pages(r))
        registry.add(listings.catalogue_pages(r))
    registry.add(files.export_files(default))
    registry.add([files.site_feed(default)])
    registry.add(terms.feeds(default))
    for r in renderers:
        registry.add([listings.live_briefing(r)])
    registry.add(terms.briefings(default))
    registry.add(files.redirects(default))
    registry.add(authored.parts(default, pages))
    # Each case once, in its own language's bundle (search_index.py): every case as written, with
    # the author's pages, in the default language's; each other language's translations in theirs.
    registry.add(authored.search_documents(default, pages))
    registry.add(listings.section_documents(default, OUTPUT_DIR))
    registry.add(cases.search_output(default, case, others, OUTPUT_DIR) for case in default.index.cases)
    for r in others:
        registry.add(listings.section_documents(r, LANGUAGES_DIR))
        registry.add(cases.search_output(r, case, (), LANGUAGES_DIR) for case in r.pages_of_cases())
    for bundle in bundles(len(renderers)):
        registry.folders.append((bundle, "the search index" if bundle == OUTPUT_DIR else "the search index of the other languages"))
    registry.folders.append((DOCUMENTS_DIR, "the search index's documents"))
    return registry


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
