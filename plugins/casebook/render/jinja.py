"""The Jinja environment of Casebook's templates: autoescaped HTML, strict about missing values."""

from __future__ import annotations

from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from ..geography import country_name
from ..urls import relative

env = Environment(
    loader=PackageLoader("casebook.render", "templates"),
    auto_reload=False,
    autoescape=select_autoescape(default=True, default_for_string=True),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
env.filters["country_name"] = country_name


def render(template: str, page_url: str, **values: Any) -> str:
    def link(url: str) -> str:
        return relative(page_url, url)

    return env.get_template(template).render(link=link, **values).strip() + "\n"


