"""Countries, currencies and UN M49 regions: well-kept data, looked up by code."""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources

import pycountry

# Codes people write for a country that ISO 3166-1 spells otherwise.
_COMMON_MISTAKES = {"UK": "GB", "EL": "GR"}


@cache
def m49() -> dict[str, tuple[str, str]]:
    """ISO alpha-2 code -> (M49 sub-region, M49 region), as slugs; see data/m49.csv for the source."""
    text = resources.files(__package__).joinpath("data/m49.csv").read_text("utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    return {row["iso2"]: (row["sub_region"], row["region"]) for row in rows}


def country_name(code: str) -> str:
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    return getattr(country, "common_name", None) or country.name


def is_country(code: str) -> bool:
    return len(code) == 2 and code.isupper() and pycountry.countries.get(alpha_2=code) is not None


def suggest_country(value: str) -> str | None:
    """The ISO code someone most likely meant by `value` (a name, a lower-case code, 'UK')."""
    if value.upper() in _COMMON_MISTAKES:
        return _COMMON_MISTAKES[value.upper()]
    try:
        return pycountry.countries.lookup(value).alpha_2
    except LookupError:
        return None


def country_hint(value: str) -> str:
    """The ' (did you mean 'KE', Kenya?)' hint for what `value` most likely meant, or ''."""
    guess = suggest_country(value)
    return f" (did you mean '{guess}', {country_name(guess)}?)" if guess else ""


def is_currency(code: str) -> bool:
    return len(code) == 3 and code.isupper() and pycountry.currencies.get(alpha_3=code) is not None


def suggest_currency(value: str) -> str | None:
    try:
        return pycountry.currencies.lookup(value).alpha_3
    except LookupError:
        return None


def regions_of_country(code: str) -> tuple[str, ...]:
    """The M49 sub-region and region of a country, or () where M49 gives none (Antarctica)."""
    return m49().get(code, ())
