"""The build's date: fixed by CASEBOOK_TODAY (an ISO date) or SOURCE_DATE_EPOCH for reproducible builds."""

from __future__ import annotations

import datetime as dt
import os


class ClockError(ValueError):
    pass


def build_date(configured: str | None = None) -> dt.date:
    """CASEBOOK_TODAY, else `configured` (a plugin option), else SOURCE_DATE_EPOCH, else today (UTC)."""
    for name, value in (("CASEBOOK_TODAY", os.environ.get("CASEBOOK_TODAY")), ("today", configured)):
        if value:
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                raise ClockError(f"{name} is '{value}'; it must be an ISO date such as 2003-08-18") from None
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.datetime.now(dt.UTC).date()
