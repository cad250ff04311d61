"""Problems found in content, reported to people as `path:line: field: message`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
import difflib
import json
import re
from typing import Any


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


_PLAIN_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def field_name(loc: tuple[Any, ...]) -> str:
    """`partners[1].type`; a key that is not a plain name is shown in quotes, so the line still parses."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif _PLAIN_KEY.match(str(part)):
            out += f".{part}" if out else str(part)
        else:
            quoted = json.dumps(str(part)).replace(":", "\\u003a")
            out += f"[{quoted}]"
    return out or "front matter"


_FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x80-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff\U0001fffe\U0001ffff\U0002fffe\U0002ffff"
                        "\U0003fffe\U0003ffff\U0004fffe\U0004ffff\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff"
                        "\U0008fffe\U0008ffff\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff"
                        "\U000dfffe\U000dffff\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]")
"""What no text of a case may hold: C0 controls but tab and newline, C1 controls, lone surrogates and
noncharacters. Spreadsheet exports carry them; XML (the feeds) cannot hold most of them at all."""


def forbidden_character(text: str) -> str | None:
    """Why `text` cannot be used ('contains the control character U+000B'), or None."""
    found = _FORBIDDEN.search(text)
    if found is None:
        return None
    code = ord(found.group(0))
    kind = "control character" if code < 0xA0 else "lone surrogate" if 0xD800 <= code <= 0xDFFF else "noncharacter"
    return f"contains the {kind} U+{code:04X}"
