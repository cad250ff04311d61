"""Problems found in content, reported to people as `path:line: field: message`."""

from __future__ import annotations

from dataclasses import dataclass
import difflib
from typing import Iterable


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        # One problem, one line, whatever the file contained.
        return f"{self.path}:{self.line}: {_one_line(self.field)}: {_one_line(self.message)}"


class ContentError(Exception):
    """Raised with every problem found, so that all of them are reported at once."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(problems)
        super().__init__(format_problems(self.problems))


def format_problems(problems: Iterable[Problem]) -> str:
    problems = list(problems)
    files = len({p.path for p in problems})
    lines = [str(p) for p in problems]
    noun = "problem" if len(problems) == 1 else "problems"
    where = "file" if files == 1 else "files"
    lines.append(f"{len(problems)} {noun} in {files} {where}.")
    return "\n".join(lines)


def suggest(value: object, known: Iterable[str]) -> str:
    """' (did you mean 'x'?)' for the nearest known term, or ''."""
    if not isinstance(value, str):
        return ""
    known = list(known)
    by_fold = {k.casefold(): k for k in known}
    if value.casefold() in by_fold:
        return f" (did you mean '{by_fold[value.casefold()]}'?)"
    match = difflib.get_close_matches(value.casefold(), list(by_fold), n=1, cutoff=0.6)
    return f" (did you mean '{by_fold[match[0]]}'?)" if match else ""


def _one_line(text: str) -> str:
    text = text.replace("\r", "\\r").replace("\n", "\\n")
    return text if len(text) <= 300 else text[:299] + "…"
