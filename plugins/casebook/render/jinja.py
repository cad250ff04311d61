"""The Jinja environments of Casebook's templates: autoescaped HTML, or Markdown; strict about missing values."""

from __future__ import annotations

from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from ..geography import country_name
from ..urls import relative
from .markdown import escape_text

_SETTINGS: dict[str, Any] = dict(loader=PackageLoader("casebook.render", "templates"), undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, auto_reload=False)

env = Environment(autoescape=select_autoescape(default=True, default_for_string=True), **_SETTINGS)
env.filters["country_name"] = country_name

markdown_env = Environment(autoescape=False, **_SETTINGS)
"""For Markdown output (briefing packs): values are escaped for Markdown by the `md` filter instead."""
markdown_env.filters["md"] = escape_text


def render(template: str, page_url: str, **values: Any) -> str:
    def link(url: str) -> str:
        return relative(page_url, url)

    return env.get_template(template).render(link=link, **values).strip() + "\n"


