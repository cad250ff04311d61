"""When each case was added and last changed, from the git history, in one `git log` for all cases."""

from __future__ import annotations

from dataclasses import dataclass
import datetime as dt
from pathlib import Path
import subprocess


@dataclass(frozen=True)
class Dates:
    added: dt.date
    updated: dt.date


def case_dates(cases_dir: Path) -> dict[str, Dates]:
    """Case slug (file name without .md) -> its dates; empty without git, a repository or history."""
    try:
        result = subprocess.run(
            ["git", "log", "--format=@%cs", "--name-status", "--no-renames", "--", "."],
            cwd=cases_dir, capture_output=True, text=True, timeout=60,
        )  # fmt: skip
    except (OSError, subprocess.TimeoutExpired):
        return {}
    if result.returncode != 0:
        return {}
    added: dict[str, dt.date] = {}
    updated: dict[str, dt.date] = {}
    date = None
    for line in result.stdout.splitlines():
        if line.startswith("@"):
            date = dt.date.fromisoformat(line[1:])
        elif line and date is not None:
            status, _, path = line.partition("\t")
            if not path.endswith(".md"):
                continue
            name = Path(path).stem
            updated.setdefault(name, date)  # newest first
            if status.startswith("A"):
                added[name] = date  # the oldest 'A' wins, as older commits come later
    return {name: Dates(added.get(name, updated[name]), updated[name]) for name in updated}


def head(cases_dir: Path) -> str:
    """The last commit of the history the dates come from, which changes when they may; '' without one."""
    try:
        found = subprocess.run(["git", "rev-parse", "HEAD"], cwd=cases_dir, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return found.stdout.strip() if found.returncode == 0 else ""
