"""How each language writes what the code composes: lists and dates (CLDR, through Babel), the order
of words (CLDR collation, through ICU), and the punctuation that joins a label to its value, a note
to its text or one sentence to the next (messages, so that each language's catalogue gives its own).

Nothing else in Casebook joins human text with ", " or ": ", writes a date for people in ISO form,
sorts words by their code points, or decides when text in another direction than the page's is
isolated from the words around it (`isolate`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
import datetime as dt
from functools import cache, lru_cache
import re
from typing import Literal, TypeVar
import unicodedata

from babel import Locale
from babel.dates import format_date
from babel.lists import format_list
import icu

from .languages import DEFAULT, N_, direction, language, messages

T = TypeVar("T")

PAIR = N_("%(label)s: %(value)s")
"""A label and its value ("Brazil: 2 cases"); French puts a no-break space before the colon, Chinese a full-width colon."""
NOTE = N_("%(text)s (%(note)s)")
"""A note beside what it is about ("Advocacy (3)"); Chinese uses full-width brackets."""
SENTENCE = N_("%(text)s.")
"""A phrase closed as a sentence ("Business."); Chinese closes it with 。."""
SENTENCES = N_("%(first)s %(second)s")
"""One sentence after another: Chinese and Japanese put no space between them."""
SERIES = N_("%(first)s; %(second)s")
"""Items that hold lists themselves ("Purposes: Advocacy; Regions: Asia"); Arabic ؛, Chinese ；."""
QUOTED = N_("“%(text)s”")
"""Words quoted as typed: French, Russian and Arabic use «…»."""

ListStyle = Literal["standard", "or"]
LIST_STYLES: tuple[ListStyle, ...] = ("standard", "or")
"""CLDR's list patterns that Casebook uses: "A, B and C", and "A, B or C" (any of them)."""


@cache
def _locale(code: str) -> Locale:
    """The locale whose lists and dates a language's pages use. English is the UN's: British
    usage, as in "3 December 2026" and "A, B and C" (CLDR's `en` is American)."""
    return Locale.parse("en_GB") if code == "en" else language(code).locale


def join(items: Iterable[str], code: str = DEFAULT, style: ListStyle = "standard") -> str:
    """Items as a list in the language's words: "A, B and C", "A、B和C", "A وB وC"."""
    items = list(items)
    return format_list(items, style=style, locale=_locale(code)) if items else ""


@lru_cache(maxsize=8192)  # a site's dates are few and each is written on many pages; CLDR's formatting is slow
def date(day: dt.date | str, code: str = DEFAULT) -> str:
    """A date for people: "3 December 2026", "3 décembre 2026", "2026年12月3日", and in Arabic as UN
    documents write it, with Western digits and both names of the month. ISO dates stay in
    `datetime` attributes and exports."""
    if isinstance(day, str):
        day = dt.date.fromisoformat(day)
    if code == "ar":
        return f"{day.day} {UN_ARABIC_MONTHS[day.month - 1]} {day.year}"
    return format_date(day, format="long", locale=_locale(code))


UN_ARABIC_MONTHS = (
    "كانون الثاني/يناير", "شباط/فبراير", "آذار/مارس", "نيسان/أبريل", "أيار/مايو", "حزيران/يونيه",
    "تموز/يوليه", "آب/أغسطس", "أيلول/سبتمبر", "تشرين الأول/أكتوبر", "تشرين الثاني/نوفمبر", "كانون الأول/ديسمبر",
)  # fmt: skip
"""The months as United Nations documents in Arabic name them, both names of each (CLDR has one):
"3 كانون الأول/ديسمبر 2026"."""


# Direction: the one rule for text that runs the other way from its page's language.

FSI, PDI = "\u2068", "\u2069"
"""Unicode's first-strong isolate and its end: what sets text apart where markup cannot (a <title>,
an attribute, a page's title that the theme writes in both), in its own direction."""
_ISOLATED = re.compile("[\u2066-\u2068][^\u2069]*\u2069")


_AGAINST = {"rtl": frozenset({"L"}), "ltr": frozenset({"R", "AL"})}
"""The bidirectional types of the letters that run against a page's direction: left-to-right ones
(Latin, Cyrillic, Chinese...) in a right-to-left page, right-to-left ones (Arabic, Hebrew...) in a
left-to-right page."""


def runs_against(text: str, code: str = DEFAULT) -> bool:
    """Does `text` hold letters of the other direction than a page in `code`, outside any isolate it
    already has? Such text, set amid the page's words ("شريك: Global Compact"), takes its
    punctuation and its order from the page unless isolated."""
    against, bidi = _AGAINST[direction(code)], unicodedata.bidirectional
    return any(bidi(char) in against for char in (_ISOLATED.sub("", text) if PDI in text else text))


def isolate(text: str, code: str = DEFAULT) -> str:
    """`text` as a value set into the words of a page in `code`: between FSI and PDI where it runs
    against the page's direction, so that it keeps its own and leaves the page's alone; as it is
    otherwise. In HTML content, `<bdi>` does the same (the `bdi` filter of the templates)."""
    return f"{FSI}{text}{PDI}" if text and runs_against(text, code) else text


class Punctuation:
    """The messages above in one language, and its lists."""

    def __init__(self, code: str = DEFAULT):
        self.code = code

    def _(self, message: str) -> str:
        return messages(self.code).gettext(message)  # looked up each time: a preview reads the catalogues again

    def pair(self, label: str, value: str) -> str:
        return self._(PAIR) % {"label": label, "value": value}

    def note(self, text: str, note: str) -> str:
        return self._(NOTE) % {"text": text, "note": note}

    def sentence(self, text: str) -> str:
        return self._(SENTENCE) % {"text": text}

    def sentences(self, *parts: str) -> str:
        kept = [part for part in parts if part]
        text = kept[0] if kept else ""
        for part in kept[1:]:
            text = self._(SENTENCES) % {"first": text, "second": part}
        return text

    def series(self, parts: Iterable[str]) -> str:
        text = ""
        for part in parts:
            text = self._(SERIES) % {"first": text, "second": part} if text else part
        return text

    def quoted(self, text: str) -> str:
        return self._(QUOTED) % {"text": text}

    def join(self, items: Iterable[str], style: ListStyle = "standard") -> str:
        return join(items, self.code, style)

    def date(self, day: dt.date | str) -> str:
        return date(day, self.code)

    def isolate(self, text: str) -> str:
        return isolate(text, self.code)


@cache
def punctuation(code: str = DEFAULT) -> Punctuation:
    return Punctuation(code)


def browser_lists(code: str) -> dict[str, dict[str, str]]:
    """The list patterns of the language (CLDR), for the browser's scripts to join lists as the
    build does: `{"standard": {"2": "{0} and {1}", "start": ..., "middle": ..., "end": ...}}`."""
    patterns = _locale(code).list_patterns
    return {style: {part: patterns[style][part] for part in ("2", "start", "middle", "end")} for style in LIST_STYLES}


# Collation: the one place where Casebook says how words are ordered.

_ARTICLE = re.compile(r"^ال(?=\w)")
"""The Arabic definite article, which Arabic lists (the UN's list of Member States among them) pass over: الأرجنتين goes under أ."""


@cache
def _collator(code: str) -> icu.Collator:
    # CLDR's collation of the language: pinyin for Chinese (its default), Arabic's letters in their
    # order with hamza forms of alef as one letter; English's (the root's) for English.
    return icu.Collator.createInstance(icu.Locale(code))


def sort_key(text: str, code: str = DEFAULT) -> bytes:
    """What orders `text` among others in the language's alphabetical lists."""
    if code == "ar":
        text = _ARTICLE.sub("", text)
    return _collator(code).getSortKey(text)


def search_sort_key(text: str, code: str = DEFAULT) -> str:
    """The same order as a string that orders by its characters, as the search index sorts
    (Pagefind compares strings; the leading letter keeps a key from reading as a number)."""
    return "k" + sort_key(text, code).hex()


def ordered(items: Iterable[T], code: str = DEFAULT, key: Callable[[T], str] = str) -> list[T]:
    """Items in the language's alphabetical order of `key`."""
    return sorted(items, key=lambda item: sort_key(key(item), code))
