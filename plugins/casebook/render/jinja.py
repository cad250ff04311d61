"""The Jinja environments of Casebook's templates: autoescaped HTML, or Markdown; strict about missing
values; one of each per language, its messages translated by gettext (`{% trans %}`, `_()`)."""

from __future__ import annotations

from functools import cache
from typing import Any

from jinja2 import BytecodeCache, Environment, PackageLoader, StrictUndefined, select_autoescape
from jinja2.bccache import Bucket
from markupsafe import Markup, escape

from ..languages import DEFAULT, messages
from ..urls import relative
from ..writing import ListStyle, punctuation
from .markdown import escape_text

_SETTINGS: dict[str, Any] = dict(
    loader=PackageLoader("casebook.render", "templates"), undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
    auto_reload=False, extensions=["jinja2.ext.i18n"],
)  # fmt: skip
"""The same settings as `pybabel extract` reads templates with (locale/babel.cfg)."""


class _CompiledOnce(BytecodeCache):
    """Each template compiled once for every language: its code is the same in each, as the
    messages are looked up as it renders, in its environment's translations."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self._code.clear()


def _environment(language: str, **settings: Any) -> Environment:
    env = Environment(**_SETTINGS, **settings)
    env.policies["ext.i18n.trimmed"] = True  # a message is one line, however the template wraps it
    env.install_gettext_translations(messages(language), newstyle=True)  # type: ignore[attr-defined]
    _install_writing(env, language)
    return env


def _install_writing(env: Environment, language: str) -> None:
    """The language's lists and dates (writing.py) as filters: `items|listed`, `items|listed("or")`,
    `day|long_date` (in HTML, a `<time>` with the ISO date in `datetime`)."""
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

    env.filters["listed"] = listed
    env.filters["long_date"] = long_date
    env.filters["apply"] = lambda value, function: function(value)


_HTML_CODE, _MARKDOWN_CODE = _CompiledOnce(), _CompiledOnce()
"""One for each kind of environment, whose settings (escaping) change the code."""


@cache
def html_environment(language: str = DEFAULT) -> Environment:
    return _environment(language, autoescape=select_autoescape(default=True, default_for_string=True), bytecode_cache=_HTML_CODE)


@cache
def markdown_environment(language: str = DEFAULT) -> Environment:
    """For Markdown output (briefing packs): values are escaped for Markdown by the `md` filter instead."""
    env = _environment(language, autoescape=False, bytecode_cache=_MARKDOWN_CODE)
    env.filters["md"] = escape_text
    return env


def render(template: str, page_url: str, *, language_code: str = DEFAULT, **values: Any) -> str:
    def link(url: str) -> str:
        return relative(page_url, url)

    return html_environment(language_code).get_template(template).render(link=link, **values).strip() + "\n"


def forget() -> None:
    """Read the templates and the messages again, as a preview must after an edit of either: each
    is otherwise compiled once per process."""
    html_environment.cache_clear()
    markdown_environment.cache_clear()
    _HTML_CODE.clear()
    _MARKDOWN_CODE.clear()
    messages.cache_clear()
