"""The Jinja environments of Casebook's templates: autoescaped HTML, or Markdown; strict about missing
values; one of each per language, its messages translated by gettext (`{% trans %}`, `_()`)."""

from __future__ import annotations

from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from ..languages import DEFAULT, messages
from ..urls import relative
from .markdown import escape_text

_SETTINGS: dict[str, Any] = dict(
    loader=PackageLoader("casebook.render", "templates"), undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
    auto_reload=False, extensions=["jinja2.ext.i18n"],
)  # fmt: skip
"""The same settings as `pybabel extract` reads templates with (locale/babel.cfg)."""


def _environment(language: str, **settings: Any) -> Environment:
    env = Environment(**_SETTINGS, **settings)
    env.policies["ext.i18n.trimmed"] = True  # a message is one line, however the template wraps it
    env.install_gettext_translations(messages(language), newstyle=True)  # type: ignore[attr-defined]
    return env


@cache
def html_environment(language: str = DEFAULT) -> Environment:
    return _environment(language, autoescape=select_autoescape(default=True, default_for_string=True))


@cache
def markdown_environment(language: str = DEFAULT) -> Environment:
    """For Markdown output (briefing packs): values are escaped for Markdown by the `md` filter instead."""
    env = _environment(language, autoescape=False)
    env.filters["md"] = escape_text
    return env


def render(template: str, page_url: str, *, language_code: str = DEFAULT, **values: Any) -> str:
    def link(url: str) -> str:
        return relative(page_url, url)

    return html_environment(language_code).get_template(template).render(link=link, **values).strip() + "\n"
