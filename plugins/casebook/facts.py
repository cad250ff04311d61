"""A case's facts, laid out once as data: what each row says, in which order, with which links.

The site's facts panel, the printed briefing pack (which the browser's briefing of a selection
assembles too) and the Markdown pack all render these rows; none of them composes a fact itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from babel.numbers import format_decimal

from .languages import DEFAULT, N_
from .languages import language as _language
from .model import Case, CaseMeta
from .reporting import ReportingStatus
from .urls import Urls
from .writing import NOTE, PAIR, date, join

if TYPE_CHECKING:
    from .index import FacetIndex


@dataclass(frozen=True)
class Item:
    text: str
    url: str | None = None
    """Its page in the site (from the site's root), where it has one."""
    note: str = ""
    """What the item is, shown beside it: a partner's type, what an amount was for."""


@dataclass(frozen=True)
class Fact:
    key: str
    """What the row is (`partners`, `period`...), for styles and tests."""
    heading: str
    items: tuple[Item, ...]
    terms: bool = False
    """Terms of a facet, shown in a line rather than a list."""


EDITORS_READING = N_("Casebook's reading")
"""How a link that the source does not make, but Casebook's editors do, is marked wherever it is shown."""

REPORT = "A/58/227"
"""The report that Casebook's bundled cases come from, whose caveats their pages carry."""

CAVEATS = (
    (range(18, 64), N_(
        'The report calls its account of recent developments "a selective and illustrative presentation of trends", '
        '"not intended to capture the entire range of activities under way" (A/58/227, paragraph 17).'
    )),
    (range(49, 64), N_(
        'The report highlights a few examples of partnership projects "to illustrate how partnership projects can be '
        'implemented": "the scope of the present report does not permit a systematic stocktaking and assessment of such '
        'partnerships" (A/58/227, paragraph 48).'
    )),
)  # fmt: skip
"""What the report says of its own account, for a case whose cited paragraphs fall in each range:
section III (paragraphs 18 to 63, after paragraph 17) and its examples of projects (49 to 63)."""

CITATION = N_("%(document)s, %(paragraphs)s")
"""A document and the paragraphs cited from it: "A/58/227, paragraphs 49–51"."""

NO_RESULTS = N_("The report states no results of this partnership.")

CLASSIFICATION = N_(
    "The partner types, purposes, sectors and scale are Casebook's classification of what the source says, "
    "and so are the lessons marked as Casebook's reading; the source gives the rest."
)

TERM_FACTS = (("purposes", N_("Purposes")), ("sectors", N_("Sectors")), ("regions", N_("Regions")), ("countries", N_("Countries")))


def _same(message: str) -> str:
    return message


def _plural(singular: str, plural: str, n: int) -> str:
    return singular if n == 1 else plural


def case_facts(
    index: FacetIndex, urls: Urls, reporting: ReportingStatus, case: Case,
    _: Callable[[str], str] = _same, ngettext: Callable[[str, str, int], str] = _plural, language: str = DEFAULT,
) -> list[Fact]:  # fmt: skip
    """The rows, their headings and notes in the language of `_` and `ngettext` (gettext's), the
    vocabulary's words in the index's."""
    meta = case.meta
    lessons = index.corpus.lessons
    facts = [Fact("partners", _("Partners"), tuple(
        Item(index.label("partners", pid), urls.term("partners", pid), index.label("partner_types", p.type))
        for p, pid in zip(meta.partners, case.partner_ids, strict=True)
    ))]  # fmt: skip
    if meta.involved:
        facts.append(Fact("involved", _("Involved, not named as partners"), tuple(
            Item(p.name, note=_(PAIR) % {"label": index.label("partner_types", p.type), "value": p.role}) for p in meta.involved
        )))  # fmt: skip
    for facet, heading in TERM_FACTS:
        ids = case.regions if facet == "regions" else getattr(meta, facet)
        if ids:
            facts.append(Fact(facet, _(heading), tuple(Item(index.label(facet, i), urls.term(facet, i)) for i in ids), terms=True))
    facts.append(Fact("scale", _("Scale"), (Item(index.label("scale", meta.scale)),)))
    if meta.start is not None or meta.end is not None or meta.status:
        status = index.label("status", meta.status) if meta.status else None
        facts.append(Fact("period", _("Period"), (Item(period(meta, status, _)),)))
    for key, heading, kind in (("resources", N_("Resources"), "committed"), ("goals", N_("Sums aimed at, not committed"), "goal")):
        sums = [r for r in meta.resources if r.kind == kind]
        if sums:
            facts.append(Fact(key, _(heading), tuple(Item(f"{r.currency} {number(r.amount, language)}", note=r.note or "") for r in sums)))
    if meta.aims:
        facts.append(Fact("aims", _("Aims"), tuple(Item(aim) for aim in meta.aims)))
    if meta.results:
        facts.append(Fact("results", _("Results"), tuple(Item(result) for result in meta.results)))
    caveats = report_caveats(meta)
    if caveats:
        facts.append(Fact("caveats", _("The report's caveats"), tuple(Item(_(caveat)) for caveat in caveats)))
    if meta.lessons or meta.noted_lessons:
        items = [Item(lessons[i].title, urls.of_source(lessons[i].src_uri)) for i in meta.lessons]
        items += [Item(lessons[i].title, urls.of_source(lessons[i].src_uri), _(EDITORS_READING)) for i in meta.noted_lessons]
        facts.append(Fact("lessons", _("Lessons"), tuple(items)))
    facts.append(Fact("reading", _(EDITORS_READING), (Item(_(CLASSIFICATION)),)))
    if meta.source:
        cited = meta.source.document
        if meta.source.paragraphs:
            numbers = paragraphs(meta.source.paragraphs, language)
            cited = _(CITATION) % {
                "document": cited,
                "paragraphs": ngettext("paragraph %(numbers)s", "paragraphs %(numbers)s", len(meta.source.paragraphs)) % {"numbers": numbers},
            }
        facts.append(Fact("source", _("Source"), (Item(cited, meta.source.url),)))
    said = _(reporting.label)
    if meta.last_report:
        said = _(NOTE) % {"text": said, "note": _("last report %(date)s") % {"date": date(meta.last_report, language)}}
    facts.append(Fact("reporting", _("Reporting"), (Item(said, f"{urls.reporting()}#{reporting.value}"),)))
    return facts


def report_caveats(meta: CaseMeta) -> list[str]:
    """The report's own caveats on what it says of a case drawn from it (untranslated): that its account
    is selective (paragraph 17), that it does not assess its examples of projects (paragraph 48), and
    that it states no results where a case has none."""
    if meta.source is None or meta.source.document != REPORT:
        return []
    caveats = [caveat for cited, caveat in CAVEATS if any(n in cited for n in meta.source.paragraphs)]
    if caveats and not meta.results:
        caveats.append(NO_RESULTS)
    return caveats


def period(meta: CaseMeta, status: str | None = None, _: Callable[[str], str] = _same) -> str:
    """'2001 – 2003 (completed)', '1994 – (active)', 'Active': `status` is the status's label, `_`
    the language's gettext (for its brackets)."""
    status = status or (str(meta.status).capitalize() if meta.status else None)
    if meta.start is None and meta.end is None:
        return str(status)
    span = f"{meta.start if meta.start is not None else ''} – {meta.end if meta.end is not None else ''}".strip()
    return _(NOTE) % {"text": span, "note": status.lower()} if status else span


def number(value: int | float, language: str = DEFAULT) -> str:
    """An amount as a reader of `language` writes it: '450,000' in English, '450 000' in French."""
    return format_decimal(value, locale=_language(language).locale)


def paragraphs(numbers: list[int], language: str = DEFAULT) -> str:
    """[49, 50, 51, 55] -> '49–51 and 55', in the words of `language`."""
    runs: list[list[int]] = []
    for n in sorted(set(numbers)):
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return join((f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs), language)
