"""A site's own versions of Casebook's templates: `custom_dir/casebook/NAME` replaces Casebook's
template NAME wherever it is rendered (the site's pages, briefings from the command line), as the
rest of `custom_dir` replaces the theme's. A file there that replaces nothing is reported, since
it would otherwise change nothing without a word."""

from __future__ import annotations

from dataclasses import dataclass
import difflib
from pathlib import Path

FOLDER = "casebook"
"""The folder of a site's `custom_dir` that holds its versions of Casebook's templates."""

OWN = Path(__file__).parent / "templates"
"""Casebook's templates, rendered by its own environments (jinja.py)."""

THEME = Path(__file__).parent / "theme" / FOLDER
"""Casebook's partials of the theme, rendered by the theme as `casebook/NAME` (theme.py), so that
`custom_dir/casebook/NAME` already replaces them, as it replaces any template of the theme."""


def site_templates(custom_dir: str | Path | None) -> Path | None:
    """The site's folder of templates, where its `custom_dir` has one."""
    if custom_dir is None:
        return None
    folder = Path(custom_dir) / FOLDER
    return folder if folder.is_dir() else None


def template_names() -> list[str]:
    """Every template a site can replace, by the name its file takes in `custom_dir/casebook/`."""
    return sorted({path.name for folder in (OWN, THEME) for path in folder.iterdir() if path.is_file()})


@dataclass(frozen=True)
class Misnamed:
    """A file of the site's folder of templates that replaces none of Casebook's."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def misnamed(custom_dir: str | Path | None, shown: Path | None = None) -> list[Misnamed]:
    """Each file of the site's folder that replaces no template, the nearest name suggested; paths
    are shown from `shown` (the working folder by default) where they are under it."""
    folder = site_templates(custom_dir)
    if folder is None:
        return []
    known = template_names()
    found = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        name = path.relative_to(folder).as_posix()
        if name in known:
            continue
        near = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
        hint = f" (did you mean '{near[0]}'?)" if near else f"; the templates are: {', '.join(known)}"
        found.append(Misnamed(_shown(path, shown), f"replaces no Casebook template, so it changes nothing{hint}"))
    return found


def _shown(path: Path, base: Path | None) -> str:
    base = (base or Path.cwd()).resolve()
    try:
        return path.resolve().relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()
