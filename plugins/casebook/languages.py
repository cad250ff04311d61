"""The six official languages of the United Nations, and Casebook's messages in each (gettext, through Babel).

The messages are in `locale/<code>/LC_MESSAGES/casebook.po`, made from `locale/casebook.pot`, which
`pybabel extract` makes from the code and templates (see CONTRIBUTING.md). They are compiled in
memory when first needed: no compiled file to keep in step with its source.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources
import io
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

DEFAULT = "en"
"""The language of the cases as written, and of the site's root."""
CODES = ("ar", "zh", "en", "fr", "ru", "es")
"""The UN's order: alphabetical by their English names."""
DOMAIN = "casebook"


def N_(message: str) -> str:
    """Marks a message for extraction where it is defined; it is translated where it is shown."""
    return message


@dataclass(frozen=True)
class Language:
    code: str
    """ISO 639-1, as in `<html lang>`, the addresses (`/fr/`) and translated case files (`x.fr.md`)."""

    @property
    def locale(self) -> Locale:
        return _locale(self.code)

    @cached_property  # asked by the switcher on every page
    def name(self) -> str:
        """Its name in itself, as a language switcher shows it ("Français")."""
        name = self.locale.get_display_name(self.code) or self.code
        return name[:1].upper() + name[1:]

    @cached_property  # asked for every piece of text in another language than its page's
    def rtl(self) -> bool:
        return self.locale.text_direction == "rtl"

    @property
    def prefix(self) -> str:
        """Where its pages are: '' for the default language, 'fr/' for French."""
        return "" if self.code == DEFAULT else f"{self.code}/"

    def country_name(self, code: str) -> str | None:
        """A country's name in this language (CLDR), or None where CLDR has none."""
        return self.locale.territories.get(code)

    @cached_property
    def plural_samples(self) -> dict[str, int]:
        """A number of each CLDR plural category of this language ("one": 1, "few": 2, ...), for the
        browser, which picks a form with `Intl.PluralRules`."""
        samples: dict[str, int] = {}
        for n in range(0, 200):
            samples.setdefault(self.locale.plural_form(n), n)
        return samples


@cache
def _locale(code: str) -> Locale:
    """Parsed once: pages ask for their language's names thousands of times."""
    return Locale.parse(code)


LANGUAGES = {code: Language(code) for code in CODES}


def direction(code: str) -> str:
    """`dir` of text in a language: "rtl" for Arabic, "ltr" for the others."""
    return "rtl" if LANGUAGES[code].rtl else "ltr"


def language(code: str) -> Language:
    return LANGUAGES[code]


def site_languages(chosen: Iterable[object]) -> tuple[str, ...]:
    """A site's languages from those its configuration names, in the UN's order; the default always
    among them, and names that are not languages of Casebook left out (the plugin's configuration
    refuses them)."""
    named = {str(code) for code in chosen} | {DEFAULT}
    return tuple(code for code in CODES if code in named)


def language_of(url: str, codes: list[str] | tuple[str, ...] = CODES) -> str:
    """The language of the page at `url`, by its address: `fr/catalogue/` is French; others are the default's."""
    first = url.split("/", 1)[0]
    return first if first in codes and first != DEFAULT else DEFAULT


@cache
def messages(code: str) -> NullTranslations:
    """The translations of Casebook's messages into `code`; the messages as written for the default language."""
    if code == DEFAULT:
        return NullTranslations()
    catalog = catalogue(code)
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


def catalogue_file(code: str) -> Path:
    """Where a language's messages are kept (a file of the installed package)."""
    return Path(str(resources.files(__package__).joinpath("locale", code, "LC_MESSAGES", f"{DOMAIN}.po")))


def catalogue(code: str) -> Catalog:
    """The message catalogue of a language, as its translators keep it."""
    with catalogue_file(code).open("rb") as f:
        return read_po(f, locale=code, domain=DOMAIN)


def untranslated(code: str) -> list[tuple[str, int]]:
    """The messages with no translation into `code` (or only a fuzzy one), as written, with their line."""
    if code == DEFAULT:
        return []
    missing = []
    kept = catalogue(code)
    for message in kept:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
        if message.fuzzy or not all(strings):
            missing.append((_text(message.id), message.lineno or 1))
    # Messages the code has gained since the language's catalogue was last updated (pybabel update).
    missing += [(_text(message.id), 1) for message in template() if message.id and kept.get(message.id) is None]
    return missing


def template() -> Catalog:
    """Every message of the code and templates, as `pybabel extract` last found them."""
    with Path(str(resources.files(__package__).joinpath("locale", f"{DOMAIN}.pot"))).open("rb") as f:
        return read_po(f, domain=DOMAIN)


def _text(message_id: str | tuple[str, ...] | list[str]) -> str:
    return message_id if isinstance(message_id, str) else message_id[0]
