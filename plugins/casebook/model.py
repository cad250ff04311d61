"""The content model: what a case's front matter may say, and the Case built from it.

Field names here are a public contract: contributors write them, exports carry them.
Vocabulary checks read the taxonomy from the validation context, so the model stays
the single source of the JSON Schema and of the contributors' field reference.
"""

from __future__ import annotations

from dataclasses import dataclass, field
import datetime as dt
import math
import re
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationInfo
from pydantic_core import PydanticCustomError

from . import geography
from .languages import DEFAULT
from .problems import suggest
from .taxonomy import SLUG, Taxonomy

SCALES = ("project", "strategic")
STATUSES = ("planned", "active", "completed", "discontinued")

_YEAR = re.compile(r"^(\d{4})$")
_DATE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")


@dataclass(frozen=True)
class ValidationContext:
    taxonomy: Taxonomy
    lessons: frozenset[str]


def _context(info: ValidationInfo) -> ValidationContext:
    assert isinstance(info.context, ValidationContext), "validate cases with a ValidationContext"
    return info.context


def _term(vocabulary: str, noun: str):
    def check(value: str, info: ValidationInfo) -> str:
        known = _context(info).taxonomy.vocabulary(vocabulary)
        if value not in known:
            raise PydanticCustomError(
                "unknown_term", "'{value}' is not a known {noun}{hint}", {"value": value, "noun": noun, "hint": suggest(value, known)}
            )
        return value

    return AfterValidator(check)


def _lesson(value: str, info: ValidationInfo) -> str:
    known = _context(info).lessons
    if value not in known:
        raise PydanticCustomError(
            "unknown_lesson",
            "'{value}' is not a lesson page (content/lessons/{value}.md){hint}",
            {"value": value, "hint": suggest(value, sorted(known))},
        )
    return value


def _country(value: str) -> str:
    if not geography.is_country(value):
        hint = geography.country_hint(value)
        raise PydanticCustomError("unknown_country", "'{value}' is not an ISO 3166-1 alpha-2 country code{hint}", {"value": value, "hint": hint})
    return value


def _currency(value: str) -> str:
    if not geography.is_currency(value):
        guess = geography.suggest_currency(value)
        hint = f" (did you mean '{guess}'?)" if guess else ""
        raise PydanticCustomError("unknown_currency", "'{value}' is not an ISO 4217 currency code{hint}", {"value": value, "hint": hint})
    return value


def _year_or_date(value: int | str) -> int | str:
    if isinstance(value, int):
        if not 1900 <= value <= 2200:
            raise PydanticCustomError("bad_year", "{value} is not a plausible year", {"value": value})
        return value
    if _YEAR.match(value):
        return _year_or_date(int(value))
    _parse_date(value)
    return value


def _parse_date(value: str) -> dt.date:
    match = _DATE.match(value)
    try:
        if not match:
            raise ValueError
        year, month, day = int(match[1]), int(match[2]), int(match[3] or 1)
        if not 1900 <= year <= 2200:
            raise ValueError
        return dt.date(year, month, day)
    except ValueError:
        raise PydanticCustomError("bad_date", "'{value}' is not a real date in the form YYYY-MM-DD", {"value": value}) from None


def _iso_date(value: str) -> str:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise PydanticCustomError("bad_date", "'{value}' is not a date in the form YYYY-MM-DD", {"value": value})
    _parse_date(value)
    return value


_NOT_IN_URLS = re.compile(r'[\s"<>\\^`{|}]')


def _web_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise PydanticCustomError("bad_url", "'{value}' is not an http:// or https:// address", {"value": value})
    bad = _NOT_IN_URLS.search(value)
    if bad:
        raise PydanticCustomError(
            "bad_url", "'{value}' contains '{char}', which must be percent-encoded in an address", {"value": value, "char": bad.group(0)}
        )
    return value


def _slug(value: str) -> str:
    if not SLUG.match(value):
        raise PydanticCustomError("bad_slug", "'{value}' must be lowercase letters, digits and single hyphens", {"value": value})
    return value


def one_paragraph(value: str) -> str:
    if re.search(r"\n\s*\n", value):
        raise PydanticCustomError("paragraphs", "must be one paragraph (no blank line)", {})
    return value


def _finite(value: int | float) -> int | float:
    if not math.isfinite(value) or value < 0 or value > 1e15:
        raise PydanticCustomError("bad_amount", "must be a number between 0 and 10^15", {})
    return value


Text = Annotated[str, Field(min_length=1, max_length=500)]
Purpose = Annotated[str, _term("purposes", "purpose")]
Characteristic = Annotated[str, _term("characteristics", "characteristic")]
Sector = Annotated[str, _term("sectors", "sector")]
Region = Annotated[str, _term("regions", "region")]
PartnerType = Annotated[str, _term("partner_types", "partner type")]
Country = Annotated[str, AfterValidator(_country)]
Currency = Annotated[str, AfterValidator(_currency)]
LessonId = Annotated[str, AfterValidator(_lesson)]
YearOrDate = Annotated[int | str, AfterValidator(_year_or_date)]
IsoDate = Annotated[str, AfterValidator(_iso_date)]


class Strict(BaseModel):
    # Attribute docstrings become the field descriptions of the JSON Schema and CONTRIBUTING.md.
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, use_attribute_docstrings=True)


class Partner(Strict):
    """An organization taking part, with its type from the `partner_types` vocabulary."""

    name: Annotated[str, Field(min_length=1, max_length=200)]
    """The organization's name, as the source gives it."""
    type: PartnerType
    """One of the `partner_types` of the taxonomy."""


class Involved(Strict):
    """Someone the source names as taking part in the partnership without naming them a partner."""

    name: Annotated[str, Field(min_length=1, max_length=200)]
    """Who they are, as the source gives it: `Representatives from civil society`."""
    type: PartnerType
    """One of the `partner_types` of the taxonomy."""
    role: Text
    """What the source says they do or did, in its words: `will investigate ways to stimulate local economic development`."""


RESOURCE_KINDS = ("committed", "goal")


class Resource(Strict):
    """A sum of money that the source gives for the partnership: committed, or only aimed at."""

    amount: Annotated[int | float, AfterValidator(_finite)]
    """A number, without separators: `2500000`."""
    currency: Currency
    """An ISO 4217 code in capitals: `USD`, `NOK`."""
    note: Text | None = None
    """What the amount was for, or its equivalent in another currency."""
    kind: Literal["committed", "goal"] = "committed"
    """`committed` (the default) for money the source says was given, allocated, received or programmed;
    `goal` for a sum the partners set out to raise or allocate, or planned to give: not money committed."""


class Source(Strict):
    """Where the facts of the case come from."""

    document: Text
    """The document's symbol or title: `A/58/227`."""
    paragraphs: list[Annotated[int, Field(ge=1, le=100_000)]] = Field(default_factory=list, max_length=200)
    """The paragraph numbers the facts come from: `[59, 60, 61]`."""
    url: Annotated[str, Field(max_length=2000), AfterValidator(_web_url)] | None = None
    """An http:// or https:// address of the document."""


class CaseMeta(Strict):
    """The front matter of a case file (`cases/<slug>.md`)."""

    title: Annotated[str, Field(min_length=1, max_length=200)]
    """The partnership's name: who, and what for. Put it in quotes if it contains ': '."""
    summary: Annotated[str, Field(min_length=1, max_length=2000), AfterValidator(one_paragraph)]
    """One paragraph: who did what, where, and what came of it."""
    partners: list[Partner] = Field(min_length=2, max_length=100)
    """Two or more organizations, each `{name, type}`: those the source names as partners."""
    involved: list[Involved] = Field(default_factory=list, max_length=100)
    """People or organizations the source names as taking part without naming them partners, each `{name, type, role}`."""
    purposes: list[Purpose] = Field(min_length=1, max_length=6)
    """The purposes of paragraph 14 of A/58/227 that the partnership serves."""
    sectors: list[Sector] = Field(min_length=1, max_length=20)
    """The sectors it works in."""
    scale: Literal["project", "strategic"]
    """`project` for a partnership project: often few partners, well-defined goals, time-bound (paragraph 48), or a narrow focus on one type of activity (paragraph 88); `strategic` for a strategic partnership, working simultaneously on different types of activity (paragraph 88)."""
    countries: list[Country] = Field(default_factory=list, max_length=250)
    """ISO 3166-1 alpha-2 codes in capitals: `KE`, `NO`. Their UN M49 regions are added for you."""
    regions: list[Region] = Field(default_factory=list, max_length=30)
    """UN M49 regions, or `global`; needed only where no country says it. A case needs countries or regions."""
    status: Literal["planned", "active", "completed", "discontinued"] | None = None
    """Where the partnership stands."""
    start: YearOrDate | None = None
    """When it started: a year (`2001`), a month (`2001-05`) or a date (`2001-05-31`)."""
    end: YearOrDate | None = None
    """When it ended, in the same form; not before `start`."""
    resources: list[Resource] = Field(default_factory=list, max_length=100)
    """Sums of money the source gives, each `{amount, currency, note, kind}`: committed, or a goal."""
    aims: list[Annotated[str, Field(min_length=1, max_length=1000)]] = Field(default_factory=list, max_length=100)
    """What the partners set out to do or planned, a sentence each, as the source gives it: not what came of it."""
    results: list[Annotated[str, Field(min_length=1, max_length=1000)]] = Field(default_factory=list, max_length=100)
    """Only what the source states as achieved, a sentence each, with the figures it gives."""
    lessons: list[LessonId] = Field(default_factory=list, max_length=50)
    """Ids of the lessons learned that the source itself draws from this case (`content/lessons/<id>.md`)."""
    noted_lessons: list[LessonId] = Field(default_factory=list, max_length=50)
    """Ids of lessons that Casebook's editors see in this case where the source does not say so: shown as their reading."""
    source: Source | None = None
    """Where the facts come from: `{document, paragraphs, url}`."""
    last_report: IsoDate | None = None
    """The date of the partnership's last progress report: `2003-05-31`."""
    aliases: list[Annotated[str, AfterValidator(_slug)]] = Field(default_factory=list, max_length=20)
    """Former slugs of this case: their addresses redirect here after a rename."""


class LessonMeta(Strict):
    """The front matter of a lesson page (`content/lessons/<id>.md`)."""

    title: Annotated[str, Field(min_length=1, max_length=200)]
    """The lesson, as a short sentence or phrase."""
    title_source: Literal["report", "editors"] = "editors"
    """`report` if the title is the source's own heading for the lesson (in A/58/227, the headed "more specific lessons" of paragraphs 73 to 80); `editors` (the default) if it is Casebook's editors' wording of a lesson the source states without a heading (paragraphs 64 to 71)."""
    summary: Annotated[str, Field(min_length=1, max_length=2000), AfterValidator(one_paragraph)]
    """One paragraph that states the lesson."""
    source: Source
    """Where the lesson is drawn from: `{document, paragraphs, url}`."""
    characteristics: list[Characteristic] = Field(default_factory=list, max_length=20)
    """The characteristics of successful partnerships that the source itself ties to the lesson."""
    noted_characteristics: list[Characteristic] = Field(default_factory=list, max_length=20)
    """Characteristics that Casebook's editors relate to the lesson where the source does not: shown as their reading."""


@dataclass(frozen=True)
class Lesson:
    """A validated lesson page that cases name in `lessons:`."""

    id: str
    path: str
    src_uri: str
    """Its path in the docs folder, as the site generator knows it."""
    meta: LessonMeta

    @property
    def title(self) -> str:
        return self.meta.title


def period_bounds(value: int | str) -> tuple[dt.date, dt.date]:
    """The first and last day that a year or date covers."""
    if isinstance(value, int) or _YEAR.match(value):
        year = int(value)
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    match = _DATE.match(value)
    assert match
    first = _parse_date(value)
    if match[3]:
        return first, first
    next_month = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return first, next_month - dt.timedelta(days=1)


@dataclass(frozen=True)
class Case:
    """A validated case: its front matter, its body, and the regions it falls under."""

    slug: str
    path: str
    meta: CaseMeta
    body: str
    regions: tuple[str, ...]
    """Listed regions, the regions of its countries, and every region containing those."""
    lines: dict = field(default_factory=dict, repr=False, compare=False)
    """The line of each front matter value, for problems found across cases."""
    partner_ids: tuple[str, ...] = ()
    """Each partner's identity, in the order of `meta.partners` (partners.py), once the corpus knows them all."""
    language: str = DEFAULT
    """The language of its title, summary and body: the default language's, or that of its
    translation where it is shown translated (see translation.py)."""

    @property
    def title(self) -> str:
        return self.meta.title
