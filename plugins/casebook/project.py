"""Find a Casebook project's folders from its mkdocs.yml, without MkDocs, for the command line."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .languages import DEFAULT, site_languages
from .render.overrides import site_templates


class _TolerantLoader(yaml.SafeLoader):
    """mkdocs.yml may hold tags such as !ENV or !!python/name; their values do not matter here."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    return None


_TolerantLoader.add_multi_constructor("!", _ignore_tag)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)


@dataclass(frozen=True)
class Project:
    root: Path
    cases_dir: Path
    taxonomy: Path
    lessons_dir: Path
    languages: tuple[str, ...] = (DEFAULT,)
    """The site's languages (plugin option `languages`)."""
    custom_dir: Path | None = None
    """The theme's `custom_dir`, where the site overrides templates (the theme's, and Casebook's in `casebook/`)."""

    @property
    def templates(self) -> Path | None:
        """The site's own versions of Casebook's templates (render/overrides.py), as the build uses them."""
        return site_templates(self.custom_dir)


def find_project(config_file: Path | None = None) -> Project:
    """The folders named by mkdocs.yml's `casebook` plugin options, or the defaults."""
    config_file = config_file or Path("mkdocs.yml")
    root = config_file.resolve().parent
    options: dict[str, Any] = {}
    docs_dir = "docs"
    custom_dir = None
    if config_file.is_file():
        try:
            config = yaml.load(config_file.read_text("utf-8"), Loader=_TolerantLoader) or {}
        except (yaml.YAMLError, UnicodeDecodeError):
            config = {}
        docs_dir = config.get("docs_dir", docs_dir) if isinstance(config, dict) else docs_dir
        theme = config.get("theme") if isinstance(config, dict) else None
        custom_dir = theme.get("custom_dir") if isinstance(theme, dict) and isinstance(theme.get("custom_dir"), str) else None
        for plugin in config.get("plugins", []) if isinstance(config, dict) else []:
            if isinstance(plugin, dict) and isinstance(plugin.get("casebook"), dict):
                options = plugin["casebook"]
    cases_dir = root / options.get("cases_dir", "cases")
    taxonomy = root / options["taxonomy"] if options.get("taxonomy") else cases_dir / "taxonomy.yml"
    languages = options.get("languages")
    chosen = site_languages(languages if isinstance(languages, list) else [])
    lessons_dir = root / str(docs_dir) / options.get("lessons_dir", "lessons")
    return Project(root, cases_dir, taxonomy, lessons_dir, chosen, root / custom_dir if custom_dir else None)
