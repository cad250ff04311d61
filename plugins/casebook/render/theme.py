"""Adapt the site generator's theme (Material for MkDocs) through its front door: a Jinja loader.

The loader wraps the theme's own loader and rewrites a few of its templates as they are read,
each at one expected line. Where that line is missing (the theme changed, or is not Material),
the template stays as the theme made it and `problems` says so, for plugin.py to warn.

- `base.html`: the navigation is rendered once per folder of pages outside it (NavCache).
- `partials/header.html`: the header gets Casebook's search box, which queries the site's
  search index; the theme's own search needs a whole-corpus index that every page downloads.
- `partials/source.html`: the repository link stays a plain link. The theme's script behind
  `data-md-component="source"` asks the code host's API for stars and forks from every
  reader's browser: a request to another host, which fails offline.
- `partials/language.html`: the theme speaks each page's language (its strings, `<html lang>`, the
  direction of the text), which the page's address gives (`fr/...`), rather than one per site;
  its Arabic words as corrected in `theme/casebook/languages/ar.html`.
- `base.html`: `<html>` carries the text's direction, as `<body>` does; before it, the site's name
  is isolated where it runs against the page's direction (`<title>`, header, sidebar, feed title).
- `base.html`, `partials/header.html`: a page of another language gets that language's navigation
  (every block of the page: sidebar, tabs, path, footer; it is set before the header), and every
  page a switcher to the same page in each language (Languages), which a copy in the page's
  content keeps right when the theme's instant loading shows a page without loading it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
import posixpath
from typing import Any

from jinja2 import BaseLoader, ChoiceLoader, Environment, PackageLoader
from markupsafe import escape

from ..languages import CODES, DEFAULT, N_, direction, language, language_of, messages
from ..urls import relative
from ..writing import isolate, runs_against

NAV_INCLUDE = '{% include "partials/nav.html" %}'
LANGUAGE_NAV = "{% set nav = casebook_languages.nav(page, nav) %}"
FEATURES = "{% set features = config.theme.features or [] %}"
THEME_LANGUAGE = '"partials/languages/" ~ config.theme.language ~ ".html"'
PAGE_LANGUAGE = "casebook_languages.theme_strings(page, config.theme.language)"
HTML_TAG = """<html lang="{{ lang.t('language') }}" class="no-js">"""
HTML_TAG_DIR = """{% set config = casebook_languages.config(page, config) %}<html lang="{{ lang.t('language') }}" dir="{{ config.theme.direction or lang.t('direction') }}" class="no-js">"""
PALETTE = "{% for option in config.theme.palette %}"
PAGE_PALETTE = "{% for option in casebook_languages.palette(page, config.theme.palette) %}"
DESCRIPTION = '<meta name="description" content="{{ config.site_description }}">'
PAGE_DESCRIPTION = '<meta name="description" content="{{ casebook_languages.description(page, config.site_description) }}">'
CONTENT = "{{ page.content }}"
PAGE_CONTENT = "{{ casebook_languages.content(page, page.content) }}"
GENERATOR = """    Made with
    <a href="https://squidfunk.github.io/mkdocs-material/" target="_blank" rel="noopener">
      Material for MkDocs
    </a>"""
PAGE_GENERATOR = """{{ casebook_languages.say(page, "Made with %(generator)s", generator='<a href="https://squidfunk.github.io/mkdocs-material/" target="_blank" rel="noopener" dir="ltr">Material for MkDocs</a>') }}"""
NOT_FOUND = "<h1>404 - Not found</h1>"
EVERY_LANGUAGE_NOT_FOUND = '{% include "casebook/404.html" %}'
THEME_WORDS = (
    N_("Switch to the dark palette"), N_("Switch to the light palette"), N_("Permanent link"), N_("Made with %(generator)s"),
    N_("%(site)s: new and updated cases"), N_("Page not found"), N_("Go to the home page"),
)  # fmt: skip
"""The theme's words that Material does not translate, or that a site writes in mkdocs.yml (the
palette's toggles, as the bundled site names them; the heading links' title, as the `toc`
extension writes it by default): Casebook's messages, said in the page's language."""
CORRECTED = frozenset({"ar"})
"""Languages whose theme words Casebook corrects (theme/casebook/languages/<code>.html)."""
SWITCHER = '{% include "casebook/languages.html" %}'
CACHED_NAV = (
    "{% set casebook_key = casebook_nav.key(page) %}"
    "{% if casebook_nav.has(casebook_key) %}{{ casebook_nav.get(casebook_key) }}"
    "{% else %}{% set casebook_html %}" + NAV_INCLUDE + "{% endset %}{{ casebook_nav.keep(casebook_key, casebook_html) }}{% endif %}"
)
CONTAINER = '<div class="md-container" data-md-component="container">'
PAGE_LANGUAGES = '{% include "casebook/page-languages.html" %}'
SEARCH_BOX = '{% include "casebook/search-box.html" %}'
THEME_HOME = "d(nav.homepage.url, true)"
LANGUAGE_HOME = "d(casebook_languages.nav(page, nav).homepage.url, true)"
SOURCE_COMPONENT = ' data-md-component="source"'


@dataclass(frozen=True)
class Rewrite:
    template: str
    """The theme's template, by its name in the environment."""
    anchor: str
    """Text that must be in it exactly once."""
    replacement: str
    purpose: str
    """What is lost if the anchor is missing, for the warning."""


def rewrites(*, cache_nav: bool, languages: bool) -> list[Rewrite]:
    switcher = SWITCHER if languages else ""
    found = [
        Rewrite("partials/header.html", "{% if config.repo_url %}", SEARCH_BOX + switcher + "\n    {% if config.repo_url %}", "the header has no search box"),
        Rewrite("partials/source.html", SOURCE_COMPONENT, "", "pages ask the code host's API for repository facts"),
    ]
    nav = CACHED_NAV if cache_nav else NAV_INCLUDE
    if languages:
        found.append(Rewrite("partials/language.html", THEME_LANGUAGE, PAGE_LANGUAGE, "pages in other languages have the theme's words, and <html lang>, of the default language"))
        found.append(Rewrite("partials/header.html", THEME_HOME, LANGUAGE_HOME, "the header's logo leads to the default language's home from every language"))
        found.append(Rewrite("base.html", HTML_TAG, HTML_TAG_DIR, "right-to-left pages have their direction on <body> only, not on <html>, and the site's name unisolated"))
        # Before anything shows the navigation (the header's tabs, the tabs, the sidebar), the page's language's.
        found.append(Rewrite("base.html", FEATURES, FEATURES + LANGUAGE_NAV, "the navigation, tabs, path and footer of every page are in the default language only"))
        found.append(Rewrite("base.html", CONTAINER, CONTAINER + PAGE_LANGUAGES, "with instant loading, the language switcher keeps the links of the first page shown"))
        found += [
            Rewrite("partials/palette.html", PALETTE, PAGE_PALETTE, "the palette's toggles are in the default language on every page"),
            Rewrite("base.html", DESCRIPTION, PAGE_DESCRIPTION, "every page's description is in the default language"),
            Rewrite("partials/content.html", CONTENT, PAGE_CONTENT, "the headings' links are titled in the default language on every page"),
            Rewrite("partials/copyright.html", GENERATOR, PAGE_GENERATOR, "the footer is in English on every page"),
            Rewrite("404.html", NOT_FOUND, EVERY_LANGUAGE_NOT_FOUND, "the page for an address that does not exist is in English only"),
        ]
    if nav != NAV_INCLUDE:
        found.append(Rewrite("base.html", NAV_INCLUDE, nav, "the navigation is rendered for every page"))
    return found


def feature_problems(features: list[str], site_url: str | None) -> list[str]:
    """The theme's features that the site turns on and that cannot work as it is set up; the theme
    itself says nothing of them (`mkdocs build --strict` passes, and the feature does nothing)."""
    found = []
    if "navigation.instant" in features and not site_url:
        found.append("the theme's feature 'navigation.instant' needs site_url: Material's instant loading follows only the "
                     "links its sitemap lists, and without site_url the sitemap lists none (set site_url in mkdocs.yml, or remove the feature)")  # fmt: skip
    return found


class ThemeLoader(BaseLoader):
    """The theme's loader with Casebook's rewrites, then Casebook's own theme templates (`casebook/...`),
    which a site can override in its `custom_dir` like any theme template."""

    def __init__(self, theme_loader: BaseLoader, rewrites: list[Rewrite]):
        self.theme_loader = theme_loader
        self.loader = ChoiceLoader([theme_loader, PackageLoader("casebook.render", "theme")])
        self.rewrites: dict[str, list[Rewrite]] = {}
        for rewrite in rewrites:
            self.rewrites.setdefault(rewrite.template, []).append(rewrite)
        self.problems: list[str] = []

    def get_source(self, environment: Environment, template: str) -> tuple[str, str | None, Callable[[], bool] | None]:
        source, filename, uptodate = self.loader.get_source(environment, template)
        if not _is_material(filename):
            return source, filename, uptodate
        for rewrite in self.rewrites.get(template, []):
            if source.count(rewrite.anchor) != 1:
                self.problems.append(f"the theme's {template} has changed ({rewrite.anchor!r} not found once): {rewrite.purpose}")
                continue
            source = source.replace(rewrite.anchor, rewrite.replacement)
        return source, filename, uptodate

    def list_templates(self) -> list[str]:
        return self.loader.list_templates()


def _is_material(filename: str | None) -> bool:
    """Rewrite Material's own files only: a site's override of the same template is its author's."""
    return filename is not None and "/material/templates/" in filename.replace("\\", "/")


def adapt(env: Environment, nav_urls: set[str], *, cache_nav: bool, languages: Languages | None = None) -> ThemeLoader:
    """Install the loader, and the values its rewrites use, before the theme renders any page."""
    assert env.loader is not None
    languages = languages or Languages([DEFAULT], set(), {}, {})
    loader = ThemeLoader(env.loader, rewrites(cache_nav=cache_nav, languages=len(languages.codes) > 1))
    env.loader = loader
    env.globals["casebook_nav"] = NavCache(nav_urls, languages.of)
    env.globals["casebook_languages"] = languages
    return loader


@dataclass(frozen=True)
class Switch:
    """A link of the language switcher."""

    code: str
    name: str
    href: str
    current: bool
    direction: str = "ltr"
    """Of the language's name, isolated from the page's (English in an Arabic page)."""


@dataclass
class LanguageNav:
    """The navigation of another language, as the theme's templates read one: its items (sections and
    pages, each in one language's navigation only where it is that language's), its home."""

    items: list[Any]
    homepage: Any

    def pages(self) -> list[Any]:
        """Its pages (of any language), sections left out."""
        found, items = [], list(self.items)
        while items:
            item = items.pop()
            items += getattr(item, "children", None) or []
            if getattr(item, "is_page", False):
                found.append(item)
        return found

    def urls(self) -> list[str]:
        """The addresses of its pages."""
        found, items = [], list(self.items)
        while items:
            item = items.pop()
            items += getattr(item, "children", None) or []
            if getattr(item, "url", None) is not None:
                found.append(item.url)
        return found


class Languages:
    """The site's languages, as the theme asks for them page by page: a page's language is given
    by its address (`fr/...`); its equivalent in another language is the page at the same address
    under that language's prefix, where the site has one, else that language's home page."""

    def __init__(
        self, codes: list[str], urls: set[str], navs: dict[str, LanguageNav], search: dict[str, dict[str, Any]],
        descriptions: dict[str, str] | None = None,
    ):  # fmt: skip
        self.codes = sorted(codes, key=CODES.index)
        """In the UN's order, as the switcher lists them."""
        self.urls = urls
        """Every page's address in the site."""
        self.navs = navs
        """Language -> its navigation; none for the default language, whose navigation is the site's."""
        self.search = search
        """Language -> what the header's search box needs: the catalogue's address, its messages."""
        self.descriptions = descriptions or {}
        """Language -> the site's description in it (the plugin's `translations`)."""

    def of(self, page: Any) -> str:
        return self._split(getattr(page, "url", None) or "")[0]

    def _split(self, url: str) -> tuple[str, str]:
        """A page's language, and its address within that language: `fr/catalogue/` -> ('fr', 'catalogue/')."""
        code = language_of(url, self.codes)
        return code, url.removeprefix(language(code).prefix)

    def theme_language(self, page: Any, default: str) -> str:
        code = self.of(page)
        return default if code == DEFAULT else code

    def theme_strings(self, page: Any, default: str) -> str:
        """The template of the theme's words in the page's language: Material's, or Casebook's
        correction of it."""
        code = self.theme_language(page, default)
        return f"casebook/languages/{code}.html" if code in CORRECTED else f"partials/languages/{code}.html"

    def say(self, page: Any, message: str, **values: str) -> str:
        """One of Casebook's messages in the page's language (THEME_WORDS); other words as they are."""
        said = messages(self.of(page)).gettext(message)
        return said % values if values else said

    def config(self, page: Any, config: Any) -> Any:
        """The site's configuration as the theme reads it on a page: its name, which the theme sets
        amid the page's words (the `<title>`, the header, the sidebar, the feed's title), isolated
        where it runs against the page's direction (writing.isolate); the rest as it is."""
        name, code = getattr(config, "site_name", None), self.of(page)
        if not isinstance(name, str) or not runs_against(name, code):
            return config
        return PageConfig(config, isolate(name, code))

    def palette(self, page: Any, palette: Any) -> list[Any]:
        """The theme's palettes, their toggles named in the page's language."""
        if not isinstance(palette, list):
            return palette
        return [{**option, "toggle": {**option["toggle"], "name": self.say(page, option["toggle"].get("name", ""))}} if isinstance(option, dict) and option.get("toggle") else option for option in palette]

    def description(self, page: Any, default: str | None) -> str:
        return self.descriptions.get(self.of(page), default or "")

    def content(self, page: Any, html: str) -> str:
        """A page's content, its headings' links titled in its language (as the `toc` extension titles them by default)."""
        code = self.of(page)
        if code == DEFAULT or 'title="Permanent link"' not in html:
            return html
        return html.replace('title="Permanent link"', f'title="{escape(self.say(page, "Permanent link"))}"')

    def not_found(self) -> list[dict[str, str]]:
        """What the page for an address that does not exist says in each of the site's languages."""
        return [
            {"code": code, "dir": direction(code), "title": messages(code).gettext("Page not found"),
             "home": language(code).prefix, "link": messages(code).gettext("Go to the home page")}
            for code in sorted(self.codes, key=lambda code: code != DEFAULT)  # the default language's first
        ]  # fmt: skip

    def nav(self, page: Any, nav: Any) -> Any:
        return self.navs.get(self.of(page), nav)

    def search_box(self, page: Any) -> dict[str, Any]:
        return self.search[self.of(page)]

    def groups(self) -> list[dict[str, str]]:
        """The pages that the site has in more than one language: language -> address, by page."""
        found: dict[str, dict[str, str]] = {}
        for url in self.urls:
            code, path = self._split(url)
            found.setdefault(path, {})[code] = url
        return [{code: group[code] for code in CODES if code in group} for group in found.values() if len(group) > 1]

    def switch(self, page: Any) -> list[Switch]:
        url = getattr(page, "url", None) or ""
        here, path = self._split(url)
        found = []
        for code in self.codes:
            prefix, there = language(code).prefix, path
            # The same page, or the nearest above it that the language has (a partner's page: the
            # language's list of partners), or its home.
            while there and prefix + there not in self.urls:
                parent = posixpath.dirname(there.rstrip("/"))
                there = parent + "/" if parent else ""
            found.append(Switch(code, language(code).name, relative(url, prefix + there), code == here, direction(code)))
        return found


class PageConfig:
    """The site's configuration (MkDocs') with another name, as one page's templates read it."""

    def __init__(self, config: Any, site_name: str):
        self._config, self.site_name = config, site_name

    def __getattr__(self, name: str) -> Any:
        if name == "_config":  # not yet set (a copy being made): no recursion
            raise AttributeError(name)
        return getattr(self._config, name)

    def __getitem__(self, key: str) -> Any:
        return self.site_name if key == "site_name" else self._config[key]

    def __contains__(self, key: object) -> bool:
        return key in self._config


class NavCache:
    """The theme's navigation rendered once per folder of pages outside it.

    Material renders the whole navigation into each page, which costs as much as the rest of a
    case page. For a page outside the navigation nothing in it is active, and its relative links
    are those of its folder unless a page in the navigation lies below the page's own address;
    so the HTML is the same for all such pages of a folder (the case pages, the lessons).
    """

    def __init__(self, nav_urls: set[str], language_of: Callable[[Any], str] = lambda page: DEFAULT):
        self.nav_urls, self.language_of = nav_urls, language_of
        self.by_folder: dict[str, str] = {}

    def key(self, page: Any) -> str | None:
        """The page's language and folder, or None where the navigation must be rendered for the page itself."""
        if page is None or page.url is None or any(url.startswith(page.url) for url in self.nav_urls):
            return None
        return f"{self.language_of(page)}:{posixpath.dirname(page.url.rstrip('/'))}"

    def has(self, key: str | None) -> bool:
        return key is not None and key in self.by_folder

    def get(self, key: str) -> str:
        return self.by_folder[key]

    def keep(self, key: str | None, html: str) -> str:
        if key is not None:
            self.by_folder[key] = html
        return html
