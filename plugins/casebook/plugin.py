"""The MkDocs adapter: MkDocs events in, Casebook's core modules do the work.

- on_config: load and validate every case before MkDocs empties `site_dir`, so a bad case
  leaves the previous site untouched; keep per-build state (the plugin lives across rebuilds).
- on_files: add the generated pages and exports, refusing to shadow an author's file.
- on_page_markdown: give generated pages their metadata (title, search, hide).
- on_page_content (authored pages): fill `<!-- casebook:NAME -->` markers, and frame each
  lesson page with its summary, characteristics and the cases that name it.
- on_page_content, on_post_page: fill each generated page's HTML slots, one after Markdown
  and one after the theme (render/markdown.py says why); hand each facet's rendered shell on.
- on_nav, on_env: adapt the theme through a template loader (render/theme.py): the header's
  search box, a plain repository link, the navigation rendered once per folder of pages outside it.
- on_files .. on_post_build: the late outputs (case facts, term pages filled from their facet's
  shell, feeds, briefings) render alongside the site generator's pages (render/late.py says why).
- on_env .. on_post_build: the search index (search_index.py), made from every page's content
  while the theme renders the pages.
- on_serve: rebuild when a case or the taxonomy changes.
"""

from __future__ import annotations

import datetime as dt
import gzip
from html import escape
import os
from pathlib import Path
import re
import shutil
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure import StructureItem
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page

from .addresses import Addresses
from .clock import ClockError, build_date
from .config import CasebookConfig
from .corpus import Corpus, load_corpus
from .history import Dates, case_dates
from .index import PAGE_FACETS
from .languages import DEFAULT, site_languages
from .model import Case, Lesson
from .problems import ContentError
from .reading import parse_text
from .render import LateOutputs, LateRenderingError, RenderedSite, Renderer, Shell, SiteOptions, render_site, start_late
from .render.late import Forked, InProcess
from .render.markdown import LATE_SLOT, SLOT
from .render.site import ASSET_DIR, WIDGETS
from .render.sitemap import add_alternates, expand_sitemap
from .render.theme import LanguageNav, Languages, ThemeLoader
from .render.theme import adapt as adapt_theme
from .search_index import DOCUMENTS_DIR, OUTPUT_DIR, Indexing, SearchDocument, SearchIndexError, bundles, page_document
from .urls import Urls

if TYPE_CHECKING:  # `mkdocs build` need not import the server
    from mkdocs.livereload import LiveReloadServer

log = get_plugin_logger(__name__)

WIDGET = re.compile(r"<!-- casebook:([a-z-]+) -->")


class CasebookPlugin(BasePlugin[CasebookConfig]):
    def __init__(self) -> None:
        self.command: str | None = None
        self._reset()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command

    def _reset(self) -> None:
        self.corpus: Corpus | None = None
        self.meta: dict[str, dict] = {}
        self.slots: dict[str, str] = {}
        self.shells: dict[str, Shell] = {}
        self.late: InProcess | Forked | None = None
        self.renderer: Renderer | None = None
        self.renderers: list[Renderer] = []
        self.page_urls: set[str] = set()
        self.navs: dict[str, LanguageNav] = {}
        self.languages: Languages | None = None
        self.nav_urls: set[str] = set()
        self.cases_from_docs: str | None = None
        self.lesson_pages: dict[str, Lesson] = {}
        self.dates: dict[str, Dates] = {}
        self.today = dt.date.today()
        self.theme: ThemeLoader | None = None
        self.indexing: Indexing | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self._reset()
        base = Path(config.config_file_path or ".").parent
        taxonomy = Path(self.config.taxonomy) if self.config.taxonomy else None
        try:
            self.corpus = load_corpus(
                Path(self.config.cases_dir),
                lessons_dir=Path(config.docs_dir) / self.config.lessons_dir,
                lessons_src=self.config.lessons_dir.strip("/"),
                taxonomy_path=taxonomy,
                base=base,
                parallel=self._parallel(),
            )
        except ContentError as e:
            raise PluginError(f"Casebook cannot build: the content has problems.\n{e}") from None
        try:
            self.today = build_date(self.config.today)
        except ClockError as e:
            raise PluginError(str(e)) from None
        if self.config.reporting_cycle_years < 1:
            raise PluginError("casebook: reporting_cycle_years must be 1 or more")
        self.dates = case_dates(Path(self.config.cases_dir))
        config.extra_css.append(f"{ASSET_DIR}/casebook.css")
        config.extra_javascript.append(f"{ASSET_DIR}/search.js")  # the header's search box, on every page
        if "search" in config.plugins or "material/search" in config.plugins:
            log.warning(
                "the 'search' plugin builds one search index of the whole site, which every page downloads; "
                "Casebook builds its own (Pagefind, fetched in small parts): remove '- search' from plugins in mkdocs.yml"
            )
        if config.nav is None:
            config.nav = _lean_nav(Path(config.docs_dir))
        return config

    # After other plugins have added their files: every address is claimed with theirs known.
    @event_priority(-50)
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        assert self.corpus is not None
        urls = Urls(config.use_directory_urls)
        linked = {}
        for option in ("contribute_page", "characteristics_page"):
            page = getattr(self.config, option)
            if page and files.get_file_from_path(page) is None:
                log.warning(f"{option} '{page}' is not in the docs folder")
            linked[option] = urls.of_source(page) if page else None
        options = SiteOptions(
            contribute_url=linked["contribute_page"],
            characteristics_url=linked["characteristics_page"],
            dates=self.dates,
            edit_urls=self._edit_urls(config),
            today=self.today,
            site_url=config.site_url,
            reporting_cycle_years=self.config.reporting_cycle_years,
            languages=site_languages(self.config.languages),
        )
        self.renderer = Renderer(self.corpus, urls, options)
        self.renderers = [self.renderer] + [self.renderer.in_language(code) for code in options.languages if code != DEFAULT]
        sites = [render_site(renderer) for renderer in self.renderers]
        self.lesson_pages = {lesson.src_uri: lesson for lesson in self.corpus.lessons.values()}
        shells = [shell for site in sites for shell in site.shells]
        pages = [page for site in sites for page in site.pages]
        # Shells first: the sooner they are rendered, the sooner their term pages can be filled.
        generated = [(s.src_uri, s.markdown) for s in shells] + [(p.src_uri, p.markdown) for p in pages]
        generated += [(a.uri, a.content) for site in sites for a in site.assets]
        self._claim_addresses(sites, files, config)
        # Forked once nothing can stop the build here: it works while the rest of the build goes on.
        documents = Path(config.site_dir) / DOCUMENTS_DIR
        shutil.rmtree(documents, ignore_errors=True)  # what an interrupted build may have left
        outputs = LateOutputs(self.renderers, shells, documents, self._page_documents(files))
        self.late = start_late(outputs, Path(config.site_dir), parallel=self._parallel())
        # The index starts once the search documents are written: by the second process if there is
        # one (search_documents_written waits for it), or here and now.
        try:
            if isinstance(self.late, InProcess):
                self.late.search_documents_written()
                self.indexing = Indexing(documents, Path(config.site_dir), bundles(len(self.renderers)))
            else:
                self.indexing = Indexing(documents, Path(config.site_dir), bundles(len(self.renderers)), self.late.search_documents_written)
        except (LateRenderingError, SearchIndexError) as e:
            self.late.abandon()
            raise PluginError(f"Casebook: {e}") from None
        sources = {urls.case_source(case.slug): case for case in self.corpus.cases}
        for uri, content in generated:
            # Not in the nav on purpose (see _lean_nav), so MkDocs need not list them as omitted.
            file = File.generated(config, uri, content=content, inclusion=InclusionLevel.NOT_IN_NAV)
            if uri in sources:
                file.edit_uri = self._source_from_docs(sources[uri], config)  # the theme's edit button
            files.append(file)
        for uri in sites[0].exports:  # listed, so that authored pages may link to them
            files.append(_WrittenLate.generated(config, uri, content="", inclusion=InclusionLevel.NOT_IN_NAV))
        self.meta = {p.src_uri: p.meta for p in pages} | {s.src_uri: s.meta for s in shells}
        self.slots = {p.src_uri: p.html for p in pages}
        self.shells = {s.src_uri: s for s in shells}
        self.page_urls = {file.url for file in files.documentation_pages()} | {filled.url for shell in shells for filled in shell.pages}
        return files

    def _claim_addresses(self, sites: list[RenderedSite], files: Files, config: MkDocsConfig) -> None:
        """Every address the build will write, claimed before anything is: a clash names both sources."""
        assert self.renderer is not None
        urls, docs = self.renderer.urls, Path(config.docs_dir)
        addresses = Addresses(f"{Path(config.site_dir).name}/")
        for file in files:
            from_docs = file.src_dir is not None and Path(file.src_dir) == docs
            addresses.claim(file.dest_uri, f"{docs.name}/{file.src_uri}" if from_docs else f"the theme's {file.src_uri}")
        for name in sorted(config.theme.static_templates):
            addresses.claim(name, f"the theme's {name}")
            if name == "sitemap.xml":
                addresses.claim("sitemap.xml.gz", "the theme's sitemap.xml")
        for site in sites:
            for page in site.pages:
                addresses.claim(urls.output_path(urls.of_source(page.src_uri)), page.source)
            for shell in site.shells:
                addresses.claim(urls.output_path(urls.of_source(shell.src_uri)), "Casebook's page template")
                for filled in shell.pages:
                    addresses.claim(urls.output_path(filled.url), filled.source)
            for asset in site.assets:
                addresses.claim(asset.uri, f"Casebook's {asset.uri}")
            for output in site.renderer.outputs():
                addresses.claim(output.path, output.source)
        for bundle in bundles(len(sites)):
            addresses.claim_folder(bundle, "the search index" if bundle == OUTPUT_DIR else "the search index of the other languages")
        addresses.claim_folder(DOCUMENTS_DIR, "the search index's documents")
        if addresses.clashes:
            raise PluginError("Casebook cannot build: two sources want one address in the site.\n" + "\n".join(addresses.clashes))

    def _one_shot(self) -> bool:
        """Does the process end with this build (`mkdocs build`), rather than serve or build again?"""
        return self.command in ("build", "gh-deploy")

    def _parallel(self) -> bool:
        """Use a second process? Not under `mkdocs serve`, whose server threads make forking unsafe."""
        return self.config.parallel and self._one_shot()

    def _source_from_docs(self, case: Case, config: MkDocsConfig) -> str:
        """A case file's path relative to the docs folder (`../cases/x.md`), where edit links start."""
        if self.cases_from_docs is None:
            self.cases_from_docs = Path(os.path.relpath(self.config.cases_dir, config.docs_dir)).as_posix()
        return f"{self.cases_from_docs}/{case.slug}.md"

    def _edit_urls(self, config: MkDocsConfig) -> dict[str, str]:
        if not (config.repo_url and config.edit_uri):
            return {}
        base = urljoin(config.repo_url.rstrip("/") + "/", config.edit_uri)
        assert self.corpus is not None
        return {case.slug: urljoin(base, self._source_from_docs(case, config)) for case in self.corpus.cases}

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav_urls = {page.url for page in nav.pages}
        self.navs = {r.language.code: language_nav(nav, r, self.page_urls) for r in self.renderers[1:]}
        return nav

    # After other plugins: the theme's loader they may have wrapped is wrapped in turn, and every
    # page's content is final when the search index reads it.
    @event_priority(-50)
    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        search = {r.language.code: r.search_box() for r in self.renderers}
        languages = self.languages = Languages([r.language.code for r in self.renderers], self.page_urls, self.navs, search)
        self.theme = adapt_theme(env, self.nav_urls, cache_nav=self.config.cache_nav, languages=languages)
        return env

    def _page_documents(self, files: Files) -> list[SearchDocument]:
        """The search documents of the authored pages, from their Markdown (search_index.py)."""
        documents = []
        for file in files.documentation_pages():
            doc = parse_text(file.content_string, file.src_uri, require_front_matter=False)
            meta = doc.data or {}
            search = meta.get("search")
            if isinstance(search, dict) and search.get("exclude"):
                continue  # Material's convention for a page left out of search
            lesson = self.lesson_pages.get(file.src_uri)
            title = lesson.title if lesson else meta.get("title") if isinstance(meta.get("title"), str) else None
            summary = lesson.meta.summary if lesson else ""
            documents.append(page_document(file.url, doc.body, "lesson" if lesson else "page", title, summary))
        return documents

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        meta = self.meta.get(page.file.src_uri)
        if meta is not None:
            page.meta.update(meta)
        lesson = self.lesson_pages.get(page.file.src_uri)
        if lesson is not None:
            page.meta["title"] = escape(lesson.title)  # Material writes meta titles into HTML as they are
        return markdown

    # Before other plugins: the slots are filled before anything (a minifier, say) rewrites the HTML.
    @event_priority(50)
    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        slot = self.slots.get(page.file.src_uri)
        if slot is not None:
            if SLOT not in html:
                _marker_missing(page, SLOT)
            return html.replace(SLOT, slot, 1)
        if page.file.src_uri in self.shells:
            return html  # its slot is filled per term, in on_post_build
        assert self.renderer is not None
        lesson = self.lesson_pages.get(page.file.src_uri)
        if lesson is not None:
            before, after = self.renderer.lesson_parts(lesson.id, page.url)
            html = before + html + after
        return WIDGET.sub(lambda m: self._widget(m.group(1), page), html)

    def _widget(self, name: str, page: Page) -> str:
        assert self.renderer is not None
        html = self.renderer.widget(name, page.url)
        if html is None:
            log.warning(f"{page.file.src_uri}: unknown marker '<!-- casebook:{name} -->'; known: {', '.join(WIDGETS)}")
            return ""
        return html

    # Before other plugins, for the same reason as on_page_content.
    @event_priority(50)
    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        assert self.late is not None
        if page.file.src_uri in self.shells:
            self.late.shell_rendered(page.file.src_uri, output)
            return output
        try:
            late = self.late.late_slots().get(page.file.src_uri)
        except LateRenderingError as e:
            raise PluginError(f"Casebook: {e}") from None
        if late is None:
            return output
        if LATE_SLOT not in output:
            _marker_missing(page, LATE_SLOT)
        return output.replace(LATE_SLOT, late, 1)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        assert self.late is not None
        if self.theme is not None:
            for problem in self.theme.problems:
                log.warning(f"Casebook could not adapt the theme: {problem}")
        assert self.indexing is not None
        try:
            self.late.finish()
            self.indexing.finish()
        except (LateRenderingError, SearchIndexError) as e:
            self.indexing.abandon()
            raise PluginError(f"Casebook: {e}") from None
        urls, site_dir = Urls(config.use_directory_urls), Path(config.site_dir)
        sitemap = site_dir / "sitemap.xml"
        xml = sitemap.read_text("utf-8") if sitemap.is_file() else None
        for shell in self.shells.values():
            shell_url = urls.of_source(shell.src_uri)
            shell_file = site_dir / urls.output_path(shell_url)
            shell_file.unlink()
            if shell_url.endswith("/"):
                shell_file.parent.rmdir()
            if xml is not None:
                xml = expand_sitemap(xml, shell_url, [page.url for page in shell.pages])
        if xml is not None and config.site_url and len(self.renderers) > 1:
            xml = add_alternates(xml, config.site_url, self.languages.groups() if self.languages else [], DEFAULT)
        if xml is not None:
            sitemap.write_text(xml, "utf-8")
            (site_dir / "sitemap.xml.gz").write_bytes(gzip.compress(xml.encode("utf-8"), mtime=0))

    def on_build_error(self, *, error: Exception) -> None:
        if self.late is not None:
            self.late.abandon()  # a forked worker would otherwise wait for shells that never come
        if self.indexing is not None:
            self.indexing.abandon()

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder) -> LiveReloadServer:
        server.watch(self.config.cases_dir)
        if self.config.taxonomy:
            server.watch(self.config.taxonomy)
        return server


class _WrittenLate(File):
    """A file that the late outputs write (render/late.py): listed, so that authored pages may link to it."""

    def copy_file(self, dirty: bool = False) -> None:
        pass


def _marker_missing(page: Page, marker: str) -> None:
    log.warning(f"{page.file.src_uri}: Casebook's marker {marker} was removed before Casebook could fill it; "
                "a plugin or Markdown extension that changes HTML comments leaves this page without part of its content")  # fmt: skip


def language_nav(nav: Navigation, renderer: Renderer, page_urls: set[str]) -> LanguageNav:
    """The site's navigation for the pages of `renderer`'s language: each page that the language has
    (the generated ones: catalogue, facets, map...) under its name there; the others as they are, in
    the default language."""
    prefix = renderer.language.prefix
    titles = renderer.page_titles()

    def item(entry: StructureItem) -> StructureItem:
        if isinstance(entry, Section):
            section = Section(entry.title, [item(child) for child in entry.children])
            for child in section.children:
                child.parent = section
            return section
        if isinstance(entry, Page) and entry.url is not None and prefix + entry.url in page_urls:
            there = prefix + entry.url
            return Link(titles.get(there, entry.title or ""), there)
        return entry  # the page itself, in its language: its title is known once the theme renders

    home = Link(renderer.gettext("Home"), prefix)
    return LanguageNav([item(entry) for entry in nav.items], home)


def _search_excluded(page: Page) -> bool:
    """Material's convention for leaving a page out of search: `search: {exclude: true}` in its front matter."""
    search = page.meta.get("search")
    return isinstance(search, dict) and bool(search.get("exclude"))


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
