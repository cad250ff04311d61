"""Reporting status as of a date, from the last report that a case records (`last_report`).

The manner is that of the registry of paragraph 23 of A/58/227, where it was agreed that registered
partnerships "should submit regular reports, preferably on a biennial basis" (every two years by
default here). That agreement concerns the partnerships registered with the Commission on
Sustainable Development; the report says nothing of how the partnerships it describes report. A case
without `last_report` therefore says only that Casebook records no report, not that none was made."""

from __future__ import annotations

import datetime as dt
from enum import Enum

from .languages import N_
from .model import Case


class ReportingStatus(str, Enum):
    UP_TO_DATE = "up-to-date"
    DUE = "report-due"
    OVERDUE = "overdue"
    NONE_RECORDED = "none-recorded"

    @property
    def label(self) -> str:
        return {"up-to-date": N_("Up to date"), "report-due": N_("Report due"), "overdue": N_("Overdue"), "none-recorded": N_("No report recorded in Casebook")}[self.value]


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def reporting_status(case: Case, today: dt.date, cycle_years: int = 2) -> ReportingStatus:
    """Up to date within one cycle of the last report; due after it; overdue after a full further cycle."""
    if case.meta.last_report is None:
        return ReportingStatus.NONE_RECORDED
    last = dt.date.fromisoformat(case.meta.last_report)
    if today <= add_years(last, cycle_years):
        return ReportingStatus.UP_TO_DATE
    if today <= add_years(last, 2 * cycle_years):
        return ReportingStatus.DUE
    return ReportingStatus.OVERDUE


def next_report(case: Case, cycle_years: int = 2) -> dt.date | None:
    if case.meta.last_report is None:
        return None
    return add_years(dt.date.fromisoformat(case.meta.last_report), cycle_years)
