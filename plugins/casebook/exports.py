"""Machine-readable exports of every case: JSON (raw strings, named keys) and CSV (fixed columns)."""

from __future__ import annotations

from collections.abc import Collection
import csv
from dataclasses import replace
import io
import json
from typing import Any

from .corpus import Corpus
from .languages import CODES, language
from .model import Case
from .reporting import ReportingStatus
from .translation import Translation
from .urls import Urls

COLUMNS = (
    "slug", "url", "title", "summary", "scale", "status", "partners", "involved", "purposes", "sectors",
    "countries", "regions", "all_regions", "start", "end", "resources", "aims", "results", "lessons", "noted_lessons",
    "source", "last_report", "reporting_status", "aliases", "translations",
)  # fmt: skip

# A cell starting with one of these is run as a formula by spreadsheets (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def case_record(case: Case, urls: Urls, reporting: dict[str, ReportingStatus], translations: dict[str, Translation] | None = None) -> dict[str, Any]:
    """One case as plain data, in the fixed column order; `all_regions` adds the derived regions,
    `reporting_status` its status on the build's date, `translations` its title, summary and page
    in each language it is translated into."""
    meta = case.meta.model_dump(mode="json", exclude_none=False)
    record: dict[str, Any] = {"slug": case.slug, "url": urls.case(case.slug)}
    record.update({key: meta.get(key) for key in COLUMNS if key in meta})
    record["all_regions"] = list(case.regions)
    record["reporting_status"] = reporting[case.slug].value
    record["translations"] = {
        code: {"title": t.title, "summary": t.summary, "url": replace(urls, prefix=language(code).prefix, translated=frozenset([case.slug])).case(case.slug)}
        for code, t in sorted((translations or {}).items(), key=lambda item: CODES.index(item[0]))
    }  # fmt: skip
    return {key: record.get(key) for key in COLUMNS}


def case_records(corpus: Corpus, urls: Urls, reporting: dict[str, ReportingStatus], languages: Collection[str] = CODES) -> list[dict[str, Any]]:
    """Every case, with its translations into the site's `languages` (one into another language is
    checked, but the site has no page for it)."""
    def published(slug: str) -> dict[str, Translation]:
        return {code: t for code, t in corpus.translations.get(slug, {}).items() if code in languages}

    return [case_record(case, urls, reporting, published(case.slug)) for case in corpus.cases]


def cases_json(records: list[dict[str, Any]]) -> str:
    document = {"count": len(records), "columns": list(COLUMNS), "cases": records}
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"


def cases_csv(records: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for record in records:
        writer.writerow([_cell(record[key]) for key in COLUMNS])
    return out.getvalue()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text
