"""The Jinja environments of Casebook's templates: autoescaped HTML, or Markdown; strict about missing
values; one of each per language and site, its messages translated by gettext (`{% trans %}`, `_()`),
its templates the site's own (overrides.py) before Casebook's."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import BaseLoader, BytecodeCache, ChoiceLoader, Environment, FileSystemLoader, PackageLoader, StrictUndefined, select_autoescape
from jinja2.bccache import Bucket
from markupsafe import Markup, escape

from ..languages import DEFAULT, messages
from ..urls import relative
from ..writing import ListStyle, punctuation, runs_against
from .markdown import escape_text, escape_url

_SETTINGS: dict[str, Any] = dict(undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, auto_reload=False, extensions=["jinja2.ext.i18n"])
"""The same settings as `pybabel extract` reads templates with (locale/babel.cfg). Templates are
not reloaded as they change: `forget` drops them all when a preview sees the site change."""


class CompiledOnce(BytecodeCache):
    """Jinja's bytecode cache, in memory (Jinja's documented example): each template compiled once,
    for every language (its code is the same in each, as the messages are looked up as it renders)
    and, in a preview, for every build. Jinja checks each entry against its template's source, so
    an edited template is compiled again."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self._code.clear()


def _loader(templates: Path | None) -> BaseLoader:
    """The site's templates (`custom_dir/casebook`, overrides.py), where it has them, before Casebook's."""
    own = PackageLoader("casebook.render", "templates")
    return own if templates is None else ChoiceLoader([FileSystemLoader(templates), own])


def _environment(language: str, templates: Path | None, **settings: Any) -> Environment:
    env = Environment(loader=_loader(templates), **_SETTINGS, **settings)
    env.policies["ext.i18n.trimmed"] = True  # a message is one line, however the template wraps it
    env.install_gettext_translations(messages(language), newstyle=True)  # type: ignore[attr-defined]
    _install_writing(env, language)
    return env


def _install_writing(env: Environment, language: str) -> None:
    """The language's lists and dates (writing.py) as filters: `items|listed`, `items|listed("or")`,
    `day|long_date` (in HTML, a `<time>` with the ISO date in `datetime`); and its rule for text
    that runs against the page's direction: `name|bdi` in HTML content (a `<bdi>`), `name|isolated`
    where no markup can be (an attribute, a title: Unicode's isolates)."""
    words = punctuation(language)
    html = bool(env.autoescape)

    def listed(items: Any, style: ListStyle = "standard") -> str:
        items = [escape(item) if html else str(item) for item in items]
        joined = words.join(items, style)
        return Markup(joined) if html else joined

    def long_date(day: Any) -> str:
        if not html:
            return words.date(day)
        iso = day if isinstance(day, str) else day.isoformat()
        return Markup('<time datetime="{}">{}</time>').format(iso, words.date(day))

    def isolated(text: Any) -> str:
        said = words.isolate(str(text))
        return Markup(said) if isinstance(text, Markup) else said

    def bdi(text: Any) -> str:
        if not html or not runs_against(str(text), language):
            return isolated(text)
        return Markup("<bdi>{}</bdi>").format(text)

    env.filters["listed"] = listed
    env.filters["isolated"] = isolated
    env.filters["bdi"] = bdi
    env.filters["long_date"] = long_date
    env.filters["apply"] = lambda value, function: function(value)


_HTML_CODE, _MARKDOWN_CODE = CompiledOnce(), CompiledOnce()
"""One for each kind of environment, whose settings (escaping) change the code. A site's template
and Casebook's of the same name are told apart by their file names, which key the code."""


@cache
def html_environment(language: str = DEFAULT, templates: Path | None = None) -> Environment:
    """`templates`: the site's own (overrides.site_templates), which replace Casebook's of the same name."""
    return _environment(language, templates, autoescape=select_autoescape(default=True, default_for_string=True), bytecode_cache=_HTML_CODE)


@cache
def markdown_environment(language: str = DEFAULT, templates: Path | None = None) -> Environment:
    """For Markdown output (briefing packs): values are escaped for Markdown by the `md` filter instead."""
    env = _environment(language, templates, autoescape=False, bytecode_cache=_MARKDOWN_CODE)
    env.filters["md"] = escape_text
    env.filters["md_url"] = escape_url
    return env


def render(template: str, page_url: str, *, language_code: str = DEFAULT, templates: Path | None = None, **values: Any) -> str:
    def link(url: str) -> str:
        return relative(page_url, url)

    return html_environment(language_code, templates).get_template(template).render(link=link, **values).strip() + "\n"


def forget() -> None:
    """Read the templates (Casebook's and the site's) and the messages again, as a preview must after
    an edit of any: each is otherwise compiled once per process."""
    html_environment.cache_clear()
    markdown_environment.cache_clear()
    _HTML_CODE.clear()
    _MARKDOWN_CODE.clear()
    messages.cache_clear()
