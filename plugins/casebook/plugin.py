"""Casebook in MkDocs: what is about MkDocs rather than about cases (its events, the build's state
from one to the next, the preview's decisions, its files and navigation); the work itself is done
by the modules it calls, which import no MkDocs.

- on_startup: under `mkdocs serve`, keep a preview (preview.py) from one build to the next.
- on_config: load and validate every case before MkDocs empties `site_dir`, so a bad case leaves
  the previous site untouched; in a preview, a bad edit keeps the last good build and shows its
  problems in every page.
- on_files: lay out every output in one registry (registry.py), claim their addresses, hand the
  site generator its pages, and start Casebook's share of the work (render/late.py); in a preview,
  only for the outputs whose inputs changed (inputs.py).
- on_nav, on_env: adapt the theme through a template loader (render/theme.py).
- on_page_markdown: give generated pages their metadata, and lesson pages their markers.
- on_post_page: fill each page's markers with what Casebook rendered (registry.fill); hand each
  shell over to be filled for its pages; last, give each page its Content-Security-Policy
  (render/policy.py), as on_post_template does the theme's own pages (404.html).
- on_post_build: finish the files and the search index (search_index.py); complete the sitemap
  (a preview's after its refresh); write the policy's `_headers`.
- on_serve: watch the cases, the vocabularies, the site's overrides, and Casebook's templates and messages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
import datetime as dt
from functools import partial
import gzip
from html import escape
import logging
import os
from pathlib import Path
import re
import shutil
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure import StructureItem
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page

from . import inputs
from .addresses import Addresses, Claim
from .clock import ClockError, build_date
from .config import CasebookConfig
from .corpus import Change, Corpus, Loader
from .history import case_dates
from .history import head as history_head
from .index import PAGE_FACETS
from .languages import DEFAULT, site_languages
from .preview import Plan, Preview, empty, files_under, problems_script, prune, remove, remove_files, site_fingerprint
from .problems import ContentError, format_problems
from .reading import parse_text
from .registry import CONTENT, MARKER, Kind, Registry, Units, fill
from .render.authored import LESSON_AFTER, LESSON_BEFORE, AuthoredPage, framed_lesson, unknown_markers
from .render.authored import search_documents as authored_search_documents
from .render.jinja import forget
from .render.late import CatchingUp, Forked, InProcess, LateRenderingError, Work, start
from .render.outputs import case_outputs, site_registry
from .render.overrides import misnamed, site_templates
from .render.policy import Policy
from .render.policy import check_sources as check_policy_sources
from .render.site import ASSET_DIR, Renderer, SiteOptions
from .render.sitemap import add_alternates, expand_sitemap
from .render.theme import LanguageNav, Languages, ThemeLoader
from .render.theme import adapt as adapt_theme
from .render.theme import feature_problems as theme_feature_problems
from .search_index import DOCUMENTS_DIR, Indexing, Reindexing, SearchIndexError, bundles
from .urls import Urls

if TYPE_CHECKING:  # `mkdocs build` need not import the server
    from mkdocs.livereload import LiveReloadServer

log = get_plugin_logger(__name__)
preview_log = logging.getLogger("casebook.preview")
"""A preview's reports of content problems: outside MkDocs' loggers, whose warnings `--strict`
turns into a failed build, which leaves the server waiting and the reader's page hanging."""

PACKAGE = Path(__file__).parent
SEARCH_SCRIPT = f"{ASSET_DIR}/search.js"
"""Loaded by every page: a preview adds the problems of a bad edit to it."""


@dataclass
class Build:
    """The state of one build, from on_config to on_post_build."""

    corpus: Corpus
    change: Change | None
    """What changed since the preview's last build (None: not a preview, or nothing kept)."""
    today: dt.date
    site: str = ""
    renderers: list[Renderer] = field(default_factory=list)
    registry: Registry | None = None
    prints: dict[str, int] = field(default_factory=dict)
    plan: Plan | None = None
    late: InProcess | Forked | None = None
    indexing: Indexing | None = None
    theme: ThemeLoader | None = None
    languages: Languages | None = None
    nav_urls: set[str] = field(default_factory=set)
    navs: dict[str, LanguageNav] = field(default_factory=dict)
    page_urls: set[str] = field(default_factory=set)
    lessons: dict[str, object] = field(default_factory=dict)
    """Lesson page source -> its lesson."""
    policy: Policy | None = None
    """The Content-Security-Policy every page gets (render/policy.py); None if the site turns it off."""
    addresses: Addresses | None = None
    """Every address the build writes, claimed (addresses.py)."""


class CasebookPlugin(BasePlugin[CasebookConfig]):
    def __init__(self) -> None:
        self.command: str | None = None
        self.dirty = False
        self.preview: Preview | None = None
        self.catching_up: CatchingUp | None = None
        self.build: Build | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Kept across serve's builds (MkDocs keeps a plugin that has this event): the preview lives here."""
        self.command, self.dirty = command, dirty
        if command == "serve":
            self.preview = Preview()
            if not preview_log.handlers:
                handler = logging.StreamHandler()
                handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
                preview_log.addHandler(handler)
                preview_log.propagate = False
            if dirty:
                logging.getLogger("mkdocs.commands.build").addFilter(_DirtyOnPurpose())

    def on_shutdown(self) -> None:
        if self.catching_up is not None:
            self.catching_up.wait()
        if self.preview is not None:
            shutil.rmtree(self.preview.documents, ignore_errors=True)

    def _incremental(self) -> bool:
        """Render only what an edit touched? In `mkdocs serve --dirty`, which renders again only the pages that say they changed."""
        return self.preview is not None and self.dirty

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.catching_up is not None:
            error, self.catching_up = self.catching_up.stop(), None  # the last preview's files; its search index is made again
            if error is not None:
                preview_log.error(f"Casebook: the last edit's files or search index could not be written: {error}")
        base = Path(config.config_file_path or ".").parent
        preview = self.preview
        loader = preview.loader if preview is not None and preview.loader is not None else None
        if loader is None:
            taxonomy = Path(self.config.taxonomy) if self.config.taxonomy else None
            lessons_dir = Path(config.docs_dir) / self.config.lessons_dir
            loader = Loader(Path(self.config.cases_dir), lessons_dir=lessons_dir, lessons_src=self.config.lessons_dir.strip("/"), taxonomy_path=taxonomy, base=base)
            if preview is not None:
                preview.loader = loader
        change: Change | None
        try:
            corpus, change = loader.load(parallel=self._parallel())
            if preview is not None:
                if preview.problems:
                    preview_log.info("Casebook: the content's problems are mended.")
                preview.problems = []
        except ContentError as e:
            if preview is None or preview.corpus is None:
                raise PluginError(f"Casebook cannot build: the content has problems.\n{e}") from None
            preview.problems = [str(problem) for problem in e.problems]
            preview_log.error(f"Casebook: the content has problems; the site shows the last good build until they are mended.\n{format_problems(e.problems)}")
            corpus, change = preview.corpus, Change(frozenset(), False)
        try:
            today = build_date(self.config.today)
        except ClockError as e:
            raise PluginError(str(e)) from None
        if self.config.reporting_cycle_years < 1:
            raise PluginError("casebook: reporting_cycle_years must be 1 or more")
        self.build = Build(corpus, change if preview is not None and preview.corpus is not None else None, today)
        problems = check_policy_sources(self.config.policy_sources)
        if problems:
            raise PluginError("casebook: " + "; ".join(problems))
        self.build.policy = Policy(dict(self.config.policy_sources)) if self.config.content_security_policy else None
        config.extra_css.append(f"{ASSET_DIR}/casebook.css")
        config.extra_javascript.append(SEARCH_SCRIPT)  # the header's search box, on every page
        if "search" in config.plugins or "material/search" in config.plugins:
            log.warning(
                "the 'search' plugin builds one search index of the whole site, which every page downloads; "
                "Casebook builds its own (Pagefind, fetched in small parts): remove '- search' from plugins in mkdocs.yml"
            )
        for problem in theme_feature_problems(config.theme.get("features") or [], config.site_url):
            log.warning(problem)
        for unused in misnamed(config.theme.custom_dir):
            log.warning(str(unused))
        if config.nav is None:
            config.nav = _lean_nav(Path(config.docs_dir))
        return config

    def _site_fingerprint(self, config: MkDocsConfig, build: Build, authored: list[AuthoredPage]) -> str:
        """Everything every output depends on (preview.py): when it changes, a preview builds it all again."""
        watched = [Path(config.config_file_path)] if config.config_file_path else []
        watched += [Path(self.config.taxonomy or Path(self.config.cases_dir) / "taxonomy.yml"), Path(self.config.cases_dir) / "partners.yml"]
        theme = [Path(d) for d in config.theme.dirs if not _is_installed(Path(d))]  # a site's overrides
        watched += files_under(PACKAGE / "render" / "templates", PACKAGE / "render" / "theme", PACKAGE / "locale", PACKAGE / "assets", *theme)
        navigation = _navigation(config.nav, {page.src_uri: page for page in authored})  # rendered into every page
        return site_fingerprint(watched, build.today, tuple(sorted(build.corpus.lessons)), history_head(Path(self.config.cases_dir)), navigation)

    # After other plugins have added their files: every address is claimed with theirs known.
    @event_priority(-50)
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        build, preview = self.build, self.preview
        assert build is not None
        urls = Urls(config.use_directory_urls)
        for option in ("contribute_page", "characteristics_page"):
            page = getattr(self.config, option)
            if page and files.get_file_from_path(page) is None:
                log.warning(f"{option} '{page}' is not in the docs folder")
        authored = self._authored(files)
        build.site = self._site_fingerprint(config, build, authored) if preview is not None else ""
        try:
            changed = self._lay_out(files, config, urls, authored)
        except _Clash as e:
            if preview is None or preview.registry is None or build.site != preview.site:
                raise PluginError(str(e)) from None
            # A broken edit: the last good build is served, with the clash shown in every page.
            preview.problems = e.clashes
            preview_log.error(f"Casebook: {e}\nThe site shows the last good build until this is mended.")
            for file in [f for f in files if f.generated_by is None and f.dest_uri not in preview.written and f.src_dir == config.docs_dir]:
                files.remove(file)  # the author's new files: the last good build did not have them
            assert preview.loader is not None and preview.corpus is not None
            preview.loader.count_from(preview.corpus)
            build.corpus, build.change, build.prints = preview.corpus, Change(frozenset(), False), {}
            for r in preview.renderers:
                r.renew(preview.corpus, r.options)
            authored = self._authored(files)
            changed = self._lay_out(files, config, urls, authored)
        assert build.registry is not None
        if preview is not None and not build.prints:
            build.prints = preview.fingerprints(build.renderers, build.registry, build.change, authored)
        build.plan = preview.plan(build.registry, build.prints, build.site, changed) if preview is not None else None
        incremental = self._incremental() and build.plan is not None and not build.plan.whole
        if self._incremental() and build.plan is not None and build.plan.whole and preview is not None and preview.registry is not None:
            empty(Path(config.site_dir))  # the site itself changed: built again whole, as a clean build would
        if incremental and build.plan is not None:
            assert preview is not None
            remove(build.plan.removed, Path(config.site_dir), preview.documents)
            log.info(f"rendered again {len(build.plan.wanted)} of {len(build.registry.outputs)} outputs, {len(build.plan.removed)} removed")
        wanted = build.plan.wanted if incremental and build.plan is not None else None
        self._add_files(files, config, wanted)
        if incremental and build.plan is not None:
            self._render_again(files, build.plan.wanted, config)
        if preview is not None:
            written = {file.dest_uri for file in files if file.generated_by is None}  # Casebook's own outputs go by plan.removed
            if incremental:
                remove_files(preview.written - written, Path(config.site_dir))  # an author's deleted page or file, which MkDocs leaves
            preview.written, preview.authored = written, _shape(authored)
        self._start(config, wanted)
        build.page_urls = {file.url for file in files.documentation_pages()} | {o.url for o in build.registry.of(Kind.FRAMED)}
        return files

    def _lay_out(self, files: Files, config: MkDocsConfig, urls: Urls, authored: list[AuthoredPage]) -> set[str] | None:
        """The build's renderers and registry: new ones, or, after an edit of cases' texts alone, the
        last build's with those cases' outputs replaced; then the inputs that changed (None: any may have)."""
        build, preview = self.build, self.preview
        assert build is not None
        whole = preview is None or preview.registry is None or build.site != preview.site or build.change is None
        if whole:
            if preview is not None and preview.registry is not None:
                forget()  # templates or messages may have changed
                preview.items.clear()
            self._new_registry(config, files, urls, authored)
            return None
        assert preview is not None and preview.registry is not None
        if (build.change is not None and build.change.facts) or _shape(authored) != preview.authored:
            self._new_registry(config, files, urls, authored)  # what lists show changed, or which pages the author has
            return None
        build.renderers, build.registry = preview.renderers, preview.registry
        for r in build.renderers:
            r.corpus = build.corpus
        slugs = build.change.cases if build.change else frozenset()
        build.registry.replace(case_outputs(build.renderers, build.corpus, slugs))
        build.registry.replace(authored_search_documents(build.renderers[0], authored))
        return {inputs.case(slug) for slug in slugs} | {inputs.document(p.src_uri) for p in authored}

    def _new_registry(self, config: MkDocsConfig, files: Files, urls: Urls, authored: list[AuthoredPage]) -> None:
        build = self.build
        assert build is not None
        linked = {option: urls.of_source(page) if (page := getattr(self.config, option)) else None for option in ("contribute_page", "characteristics_page")}
        cases_from_docs = Path(os.path.relpath(self.config.cases_dir, config.docs_dir)).as_posix()
        options = SiteOptions(
            contribute_url=linked["contribute_page"],
            characteristics_url=linked["characteristics_page"],
            dates=self._dates(),
            edit_urls=self._edit_urls(config, build.corpus, cases_from_docs),
            today=build.today,
            site_url=config.site_url,
            reporting_cycle_years=self.config.reporting_cycle_years,
            languages=site_languages(self.config.languages),
            cases_from_docs=cases_from_docs,
            templates=site_templates(config.theme.custom_dir),
        )
        preview = self.preview
        units = None
        if preview is not None and preview.registry is not None and preview.site == build.site:
            # The same site, other cases: the last build's renderers, renewed, and its outputs of
            # each case and term that nothing moved (registry.Units).
            build.renderers = preview.renderers
            for r in build.renderers:
                r.renew(build.corpus, options)
            build.prints = preview.fingerprints(build.renderers, None, build.change, authored)
            units = Units(preview.registry.units, preview.moved(build.prints))
        else:
            kept = preview.items if preview is not None else {}
            earlier = preview.renderers[0].worked_out_related if preview is not None and preview.renderers else None
            default = Renderer(build.corpus, urls, options, items=kept.setdefault(DEFAULT, {}) if preview else None, earlier_related=earlier)
            others = [code for code in options.languages if code != DEFAULT]
            build.renderers = [default] + [default.in_language(code, kept.setdefault(code, {}) if preview else None) for code in others]
        build.registry = site_registry(build.renderers, authored, units)
        self._claim_addresses(build.registry, files, config, urls)

    def _dates(self) -> dict:
        preview = self.preview
        if preview is None:
            return case_dates(Path(self.config.cases_dir))
        key = history_head(Path(self.config.cases_dir))
        if key != preview.dates_key or not key:
            preview.dates, preview.dates_key = case_dates(Path(self.config.cases_dir)), key
        return preview.dates

    def _authored(self, files: Files) -> list[AuthoredPage]:
        """The author's pages, as Casebook reads them: for their markers and their search documents."""
        found = []
        for file in files.documentation_pages():
            doc = parse_text(file.content_string, file.src_uri, require_front_matter=False)
            page = AuthoredPage(file.src_uri, file.url, doc.body, doc.data or {})
            for name in unknown_markers(page):
                log.warning(f"{file.src_uri}: unknown marker '<!-- casebook:{name} -->'")
            found.append(page)
        return found

    def _claim_addresses(self, registry: Registry, files: Files, config: MkDocsConfig, urls: Urls) -> None:
        """Every address the build will write, claimed before anything is: a clash names both
        sources. A preview settles only the claims that changed since its last good build."""
        build, preview = self.build, self.preview
        assert build is not None
        docs, shown = Path(config.docs_dir), f"{Path(config.site_dir).name}/"
        claims = []
        for file in files:
            from_docs = file.src_dir is not None and Path(file.src_dir) == docs
            claims.append(Claim(file.dest_uri, f"{docs.name}/{file.src_uri}" if from_docs else f"the theme's {file.src_uri}"))
        for name in sorted(config.theme.static_templates):
            claims.append(Claim(name, f"the theme's {name}"))
            if name == "sitemap.xml":
                claims.append(Claim("sitemap.xml.gz", "the theme's sitemap.xml"))
        claims += registry.claims(urls.output_path)
        kept = preview.addresses if preview is not None and preview.addresses is not None and preview.addresses.shown == shown else None
        addresses = kept.changed(claims) if kept is not None else None
        if addresses is None:
            addresses = Addresses(shown)
            addresses.settle(claims)
        if addresses.clashes:
            raise _Clash(addresses.clashes)
        build.addresses = addresses

    def _add_files(self, files: Files, config: MkDocsConfig, wanted: frozenset[str] | None) -> None:
        """The site generator's share: the shells, the pages it frames, the assets, and the files
        written late listed (so that authored pages may link to them)."""
        build = self.build
        assert build is not None and build.registry is not None
        registry, whole = build.registry, wanted is None or build.plan is None or build.plan.whole
        refresh = whole or bool(build.plan and any(registry.outputs[a].kind is Kind.FRAMED for a in build.plan.wanted))
        for frame in registry.frames.values():
            # A shell is rendered again when the site changed, when its kept HTML is stale, or when
            # one of its pages is wanted and this preview has not kept its HTML.
            stale = build.plan is not None and frame.src_uri in build.plan.shells
            again = whole or stale or (refresh and frame.src_uri not in (self.preview.frames if self.preview else {}))
            files.append(_Generated.of(config, frame.page, again))
        for output in registry.of(Kind.PAGE):
            assert output.page is not None
            files.append(_Generated.of(config, output.page, whole or output.address in (wanted or ())))
        for output in registry.of(Kind.ASSET):
            content = output.render()
            if output.address == SEARCH_SCRIPT and self.preview is not None and self.preview.problems:
                content += problems_script(self.preview.problems)
            files.append(File.generated(config, output.address, content=content, inclusion=InclusionLevel.NOT_IN_NAV))
        for output in registry.of(Kind.FILE):
            if output.address.startswith(("cases.", "schema/")):
                files.append(_WrittenLate.generated(config, output.address, content="", inclusion=InclusionLevel.NOT_IN_NAV))

    def _render_again(self, files: Files, wanted: frozenset[str], config: MkDocsConfig) -> None:
        """The author's pages whose parts an edit touched: their output goes, so that the site
        generator, which renders a page again only when its output is older than its source or
        missing, renders them again."""
        build = self.build
        assert build is not None and build.registry is not None
        touched = {build.registry.outputs[a].frame for a in wanted if build.registry.outputs[a].kind is Kind.PART}
        for src_uri in touched:
            file = files.get_file_from_path(src_uri)
            if file is not None:
                Path(file.abs_dest_path).unlink(missing_ok=True)

    def _start(self, config: MkDocsConfig, wanted: frozenset[str] | None) -> None:
        """Casebook's share of the work begins (render/late.py), and the search index with it in a whole build."""
        build = self.build
        assert build is not None and build.registry is not None
        site_dir = Path(config.site_dir)
        if self.preview is not None:
            build.late = InProcess(Work(build.registry, site_dir, self.preview.documents, wanted, build.policy), files=False)
            return
        documents = site_dir / DOCUMENTS_DIR
        shutil.rmtree(documents, ignore_errors=True)  # what an interrupted build may have left
        late = build.late = start(Work(build.registry, site_dir, documents, policy=build.policy), parallel=self._parallel())
        try:
            if isinstance(late, InProcess):
                late.search_documents_written()
                build.indexing = Indexing(documents, site_dir, bundles(len(build.renderers)))
            else:
                build.indexing = Indexing(documents, site_dir, bundles(len(build.renderers)), late.search_documents_written)
        except (LateRenderingError, SearchIndexError) as e:
            late.abandon()
            raise PluginError(f"Casebook: {e}") from None

    def _one_shot(self) -> bool:
        """Does the process end with this build (`mkdocs build`), rather than serve or build again?"""
        return self.command in ("build", "gh-deploy")

    def _parallel(self) -> bool:
        """Use a second process? Not under `mkdocs serve`, whose server threads make forking unsafe."""
        return self.config.parallel and self._one_shot()

    def _edit_urls(self, config: MkDocsConfig, corpus: Corpus, cases_from_docs: str) -> dict[str, str]:
        if not (config.repo_url and config.edit_uri):
            return {}
        base = urljoin(config.repo_url.rstrip("/") + "/", config.edit_uri)
        return {case.slug: urljoin(base, f"{cases_from_docs}/{case.slug}.md") for case in corpus.cases}

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        build = self.build
        assert build is not None
        if self._incremental():
            for page in nav.pages:
                if page.title is None and not page.file.is_modified():
                    page.read_source(config)  # its title, which the navigation of every page shows
        words = self.config.translations
        pages = {file.page.url: file.page for file in files.documentation_pages() if file.page is not None}
        build.navs = {r.language.code: language_nav(nav, r, pages, words[r.language.code].nav if r.language.code in words else {}) for r in build.renderers[1:]}
        if self._incremental():
            for page in (page for language in build.navs.values() for page in language.pages()):
                if page.title is None and not page.file.is_modified():
                    page.read_source(config)
        # Every language's: a page in a navigation has its own (render/theme.py's NavCache).
        build.nav_urls = {page.url for page in nav.pages} | {url for language in build.navs.values() for url in language.urls()}
        return nav

    # After other plugins: the theme's loader they may have wrapped is wrapped in turn.
    @event_priority(-50)
    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        build = self.build
        assert build is not None
        search = {r.language.code: r.search_box() for r in build.renderers}
        words = self.config.translations
        descriptions = {code: said.site_description for code, said in words.items() if said.site_description}
        build.languages = Languages([r.language.code for r in build.renderers], build.page_urls, build.navs, search, descriptions)
        build.theme = adapt_theme(env, build.nav_urls, cache_nav=self.config.cache_nav, languages=build.languages)
        if self.preview is not None:
            return env.overlay(bytecode_cache=self.preview.compiled)  # compiled once per preview, not per edit
        return env

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        build = self.build
        assert build is not None and build.registry is not None
        generated = build.registry.pages().get(page.file.src_uri)
        frame = build.registry.frames.get(page.file.src_uri)
        if generated is not None or frame is not None:
            source = generated.page if generated is not None else frame.page  # type: ignore[union-attr]
            assert source is not None
            page.meta.update(source.meta)
            return markdown
        lesson = build.registry.parts().get(page.file.src_uri, {}).get(LESSON_BEFORE)
        if lesson is not None:
            title = next(lesson_.title for lesson_ in build.corpus.lessons.values() if lesson_.src_uri == page.file.src_uri)
            page.meta["title"] = escape(title)  # Material writes meta titles into HTML as they are
            return framed_lesson(markdown)
        return markdown

    # Before other plugins: the markers are filled before anything (a minifier, say) rewrites the HTML.
    @event_priority(50)
    def _fill_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        build = self.build
        assert build is not None and build.registry is not None and build.late is not None
        src = page.file.src_uri
        if src in build.registry.frames:
            # Its pages are written from it as it is now: they get its policy (their inline
            # scripts are its own, at the same depth).
            build.late.frame_rendered(src, build.policy.into(output) if build.policy is not None else output)
            return output
        try:
            parts = build.late.content(src)
        except LateRenderingError as e:
            raise PluginError(f"Casebook: {e}") from None
        if not parts:
            return output

        def missing(name: str) -> None:
            if name in (CONTENT, LESSON_BEFORE, LESSON_AFTER):
                log.warning(f"{src}: Casebook's marker <!-- casebook:{name} --> was removed before Casebook could fill it; "
                            "a plugin or Markdown extension that changes HTML comments leaves this page without part of its content")  # fmt: skip

        return fill(output, parts, missing)

    # After other plugins: the hashes are those of the page as it is written.
    @event_priority(-100)
    def _add_policy(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        build = self.build
        assert build is not None and build.registry is not None
        if build.policy is None or page.file.src_uri in build.registry.frames:
            return output
        return build.policy.into(output)

    on_post_page = CombinedEvent(_fill_page, _add_policy)

    @event_priority(-100)
    def on_post_template(self, output_content: str, /, *, template_name: str, config: MkDocsConfig) -> str:
        """The theme's own pages (404.html) get the policy too."""
        build = self.build
        if build is None or build.policy is None or not template_name.endswith(".html"):
            return output_content
        return build.policy.into(output_content)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        build, preview = self.build, self.preview
        assert build is not None and build.late is not None and build.registry is not None
        if build.theme is not None:
            for problem in build.theme.problems:
                log.warning(f"Casebook could not adapt the theme: {problem}")
        try:
            build.late.finish(preview.frames if preview is not None else None)
            if build.indexing is not None:
                build.indexing.finish()
        except (LateRenderingError, SearchIndexError) as e:
            if build.indexing is not None:
                build.indexing.abandon()
            raise PluginError(f"Casebook: {e}") from None
        urls, site_dir = Urls(config.use_directory_urls), Path(config.site_dir)
        for frame in build.registry.frames.values():
            shell_file = site_dir / urls.output_path(frame.url)
            if shell_file.exists():
                shell_file.unlink()
                prune(shell_file.parent, site_dir)
        if preview is None or build.plan is None:
            self._sitemap(config, build)  # a preview's follows its refresh (CatchingUp)
        if build.policy is not None:
            self._headers(config, build.policy)
        if preview is not None and build.plan is not None:
            preview.frames.update(build.late.frames)
            preview.keep(build.corpus, build.renderers, build.registry, build.prints, build.site)
            if build.addresses is not None:
                preview.addresses = build.addresses
            index = Reindexing(preview.documents, site_dir, bundles(len(build.renderers)))
            # With problems, the last good build's search index stays.
            assert isinstance(build.late, InProcess)
            self.catching_up = CatchingUp(build.late.work, None if preview.problems else index, partial(self._sitemap, config, build))

    def _headers(self, config: MkDocsConfig, policy: Policy) -> None:
        """The policy for hosts that read a `_headers` file, with what a page cannot say of itself;
        a site's own `_headers` (in its docs) is kept, and the build says what to add to it."""
        headers = Path(config.site_dir) / "_headers"
        if (Path(config.docs_dir) / "_headers").exists():
            log.warning(f"the site has its own _headers file: Casebook does not replace it; add its policy to it:\n{policy.headers()}")
            return
        headers.write_text(policy.headers(), "utf-8")

    def _sitemap(self, config: MkDocsConfig, build: Build) -> None:
        assert build.registry is not None
        site_dir = Path(config.site_dir)
        sitemap = site_dir / "sitemap.xml"
        if not sitemap.is_file():
            return
        theirs = sitemap.read_text("utf-8")
        framed = {frame.url: [o.url for o in build.registry.framed(src)] for src, frame in build.registry.frames.items()}
        groups = build.languages.groups() if config.site_url and build.languages and len(build.renderers) > 1 else []
        made_of = (theirs, framed, groups)
        kept = self.preview.sitemap if self.preview is not None else None
        if kept is not None and kept[0] == made_of:
            xml, packed = kept[1], kept[2]  # the same pages as the last build's: the same sitemap
        else:
            xml = theirs
            if config.site_url:
                xml = expand_sitemap(xml, config.site_url, framed)
            if config.site_url and groups:
                xml = add_alternates(xml, config.site_url, groups, DEFAULT)
            packed = gzip.compress(xml.encode("utf-8"), mtime=0)
            if self.preview is not None:
                self.preview.sitemap = (made_of, xml, packed)
        sitemap.write_text(xml, "utf-8")
        (site_dir / "sitemap.xml.gz").write_bytes(packed)

    def on_build_error(self, *, error: Exception) -> None:
        build = self.build
        if build is None:
            return
        if build.late is not None:
            build.late.abandon()  # a forked worker would otherwise wait for shells that never come
        if build.indexing is not None:
            build.indexing.abandon()

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder) -> LiveReloadServer:
        server.watch(self.config.cases_dir)
        if self.config.taxonomy:
            server.watch(self.config.taxonomy)
        if config.theme.custom_dir:
            server.watch(config.theme.custom_dir)  # the site's overrides, Casebook's templates among them (MkDocs watches them only with --watch-theme)
        for folder in (PACKAGE / "render" / "templates", PACKAGE / "render" / "theme", PACKAGE / "locale"):
            if not _is_installed(folder):  # Casebook's own, in a clone being worked on
                server.watch(str(folder))
        return server


class _Clash(Exception):
    """Two sources want one address in the site (addresses.py)."""

    def __init__(self, clashes: list[str]):
        self.clashes = clashes
        super().__init__("Casebook cannot build: two sources want one address in the site.\n" + "\n".join(clashes))


class _Generated(File):
    """A page Casebook generates, which says whether it changed: a preview's site generator
    renders again only the pages that did (`mkdocs serve --dirty`)."""

    casebook_modified = True

    @classmethod
    def of(cls, config: MkDocsConfig, page, modified: bool) -> _Generated:
        file = cls.generated(config, page.src_uri, content=page.markdown, inclusion=InclusionLevel.NOT_IN_NAV)
        assert isinstance(file, _Generated)
        file.casebook_modified = modified
        if page.edit_uri:
            file.edit_uri = page.edit_uri  # the theme's edit button
        return file

    def is_modified(self) -> bool:
        return self.casebook_modified


class _WrittenLate(File):
    """A file that the late outputs write (render/late.py): listed, so that authored pages may link to it."""

    def copy_file(self, dirty: bool = False) -> None:
        pass


class _DirtyOnPurpose(logging.Filter):
    """MkDocs warns that a dirty build may leave navigation inaccurate, which `--strict` makes a
    failure; Casebook's preview renders again every page that an edit touches (preview.py)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


def _navigation(nav: object, pages: dict[str, AuthoredPage]) -> str:
    """The navigation as every page shows it: its entries, with the title of each page that the
    configuration does not name (its meta title or first heading, as MkDocs takes it)."""

    def entry(item: object) -> object:
        if isinstance(item, dict):
            return {key: entry(value) for key, value in item.items()}
        if isinstance(item, list):
            return [entry(value) for value in item]
        if isinstance(item, str) and item in pages:
            page = pages[item]
            heading = re.search(r"^#\s+(.+?)\s*#*\s*$", page.markdown, re.M)
            return (item, page.meta.get("title"), heading.group(1) if heading else None)
        return item

    return repr(entry(nav))


def _shape(authored: list[AuthoredPage]) -> tuple:
    """Which pages the author has, and the markers in each: what the registry's parts depend on."""
    return tuple((page.src_uri, tuple(MARKER.findall(page.markdown))) for page in authored)


def _is_installed(folder: Path) -> bool:
    """Is this a package's folder in site-packages, which no edit of the site changes?"""
    return "site-packages" in folder.parts


def language_nav(nav: Navigation, renderer: Renderer, pages: dict[str, Page], labels: dict[str, str] | None = None) -> LanguageNav:
    """The site's navigation for the pages of `renderer`'s language, made of that language's own
    pages (the generated ones: catalogue, facets, map...) where it has them, and of the others as
    they are, in the default language, under their label in `labels` (by their label or file)
    where it gives one. Its own pages get their place in it (parent section, previous and next
    page), so that the theme's tabs, path, footer and integrated table of contents show them in
    that language and lead within it; `pages` is address -> page."""
    labels = labels or {}
    prefix = renderer.language.prefix
    own: list[Page] = []

    def item(entry: StructureItem) -> StructureItem:
        if isinstance(entry, Section):
            section = Section(labels.get(entry.title, entry.title), [item(child) for child in entry.children])
            for child in section.children:
                if isinstance(child, Section) or any(child is page for page in own):  # not the default language's pages
                    child.parent = section
            return section
        if isinstance(entry, Page) and entry.url is not None and prefix + entry.url in pages:
            there = pages[prefix + entry.url]
            own.append(there)
            return there
        if isinstance(entry, Page) and entry.url is not None and (label := labels.get(entry.file.src_uri) or labels.get(entry.title or "")):
            return Link(label, entry.url)
        return entry  # the page itself, in its language: its title is known once the theme renders

    items = [item(entry) for entry in nav.items]
    # Previous and next among the language's own pages: the footer leads within the language.
    for i, page in enumerate(own):
        page.previous_page = own[i - 1] if i > 0 else None
        page.next_page = own[i + 1] if i + 1 < len(own) else None
    home = pages.get(prefix) or Link(renderer.gettext("Home"), prefix)
    return LanguageNav(items, home)


def _lean_nav(docs_dir: Path) -> list:
    """Sections only: Material renders the nav into every page, so listing each case would grow the site quadratically."""
    nav: list = []
    if (docs_dir / "index.md").exists():
        nav.append({"Home": "index.md"})
    nav.append({"Catalogue": "catalogue/index.md"})
    nav += [{facet.plural: f"{facet.name}/index.md"} for facet in PAGE_FACETS]
    nav += [{"Map": "map/index.md"}, {"Coverage": "coverage/index.md"}, {"Reporting": "reporting/index.md"}]
    nav += [p.relative_to(docs_dir).as_posix() for p in sorted(docs_dir.glob("*.md")) if p.name != "index.md"]
    if (docs_dir / "lessons" / "index.md").exists():
        nav.append({"Lessons": "lessons/index.md"})
    return nav
