"""The MkDocs adapter: MkDocs events in, Casebook's core modules do the work.

- on_config: load and validate every case before MkDocs empties `site_dir`, so a bad case
  leaves the previous site untouched; keep per-build state (the plugin lives across rebuilds).
- on_files: add the generated pages and exports, refusing to shadow an author's file.
- on_page_content: fill each generated page's HTML slot after Markdown has run.
- on_serve: rebuild when a case or the taxonomy changes.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from .config import CasebookConfig
from .corpus import Corpus, load_corpus
from .index import PAGE_FACETS
from .problems import ContentError
from .render import SiteOptions, render_site
from .render.markdown import SLOT
from .render.site import ASSET_DIR
from .urls import Urls

log = get_plugin_logger(__name__)


class CasebookPlugin(BasePlugin[CasebookConfig]):
    def __init__(self) -> None:
        self.corpus: Corpus | None = None
        self.slots: dict[str, str] = {}

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.corpus, self.slots = None, {}
        base = Path(config.config_file_path or ".").parent
        taxonomy = Path(self.config.taxonomy) if self.config.taxonomy else None
        try:
            self.corpus = load_corpus(
                Path(self.config.cases_dir),
                lessons_dir=Path(config.docs_dir) / self.config.lessons_dir,
                taxonomy_path=taxonomy,
                base=base,
            )
        except ContentError as e:
            raise PluginError(f"Casebook cannot build: the content has problems.\n{e}") from None
        config.extra_css.append(f"{ASSET_DIR}/casebook.css")
        config.extra_javascript.append(f"{ASSET_DIR}/catalogue.js")
        if config.nav is None:
            config.nav = _lean_nav(Path(config.docs_dir))
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        assert self.corpus is not None
        contribute = self.config.contribute_page
        if contribute and files.get_file_from_path(contribute) is None:
            log.warning(f"contribute_page '{contribute}' is not in the docs folder")
        urls = Urls(config.use_directory_urls)
        pages, assets = render_site(self.corpus, urls, SiteOptions(contribute_url=urls.of_source(contribute) if contribute else None))
        for uri, content in [(p.src_uri, p.markdown) for p in pages] + [(a.uri, a.content) for a in assets]:
            existing = files.get_file_from_path(uri)
            if existing is not None:
                raise PluginError(f"{existing.src_uri} in the docs folder is a page that Casebook generates; rename or remove it")
            # Not in the nav on purpose (see _lean_nav), so MkDocs need not list them as omitted.
            files.append(File.generated(config, uri, content=content, inclusion=InclusionLevel.NOT_IN_NAV))
        self.slots = {p.src_uri: p.html for p in pages}
        return files

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        slot = self.slots.get(page.file.src_uri)
        return html.replace(SLOT, slot, 1) if slot is not None else html

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder) -> LiveReloadServer:
        server.watch(self.config.cases_dir)
        if self.config.taxonomy:
            server.watch(self.config.taxonomy)
        return server


def _lean_nav(docs_dir: Path) -> list:
    """Sections only: Material renders the nav into every page, so listing each case would grow the site quadratically."""
    nav: list = []
    if (docs_dir / "index.md").exists():
        nav.append({"Home": "index.md"})
    nav.append({"Catalogue": "catalogue/index.md"})
    nav += [{facet.plural: f"{facet.name}/index.md"} for facet in PAGE_FACETS]
    nav.append({"Coverage": "coverage/index.md"})
    nav += [p.relative_to(docs_dir).as_posix() for p in sorted(docs_dir.glob("*.md")) if p.name != "index.md"]
    if (docs_dir / "lessons" / "index.md").exists():
        nav.append({"Lessons": "lessons/index.md"})
    return nav
