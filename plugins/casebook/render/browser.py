"""What the browser's scripts say (the catalogue, the briefing of a selection, the header's search box),
in a page's language: messages with `%(name)s` placeholders, as in the code's own; a message that
counts has a form for each plural category of the language (CLDR), which the script picks with
`Intl.PluralRules`."""

from __future__ import annotations

from collections.abc import Callable

from ..languages import Language
from ..writing import NOTE, PAIR, QUOTED, SENTENCE, SENTENCES, SERIES, browser_lists

Gettext = Callable[[str], str]
Ngettext = Callable[[str, str, int], str]


def browser_messages(_: Gettext, ngettext: Ngettext, language: Language) -> dict[str, str | dict[str, str]]:
    def counted(form: Callable[[int], str]) -> dict[str, str]:
        return {category: form(n) for category, n in language.plural_samples.items()}

    return {
        "cases": counted(lambda n: ngettext("%(count)s case", "%(count)s cases", n)),
        "results": counted(lambda n: ngettext("%(count)s result", "%(count)s results", n)),
        "casesSentence": _("%(cases)s."),
        "matching": _("%(count)s of %(cases)s match."),
        "findPartner": _("Find a partner"),
        "removeFilter": _("Remove the filter %(name)s"),
        "removeWords": _("Remove the words %(words)s"),
        "clearAll": _("Clear all"),
        "showMore": _("Show more"),
        "showMoreOf": _("Show %(count)s more of %(rest)s"),
        "indexFailed": _("The search index could not be loaded (%(error)s). The list below is every case, by title."),
        "case": _("Case"),
        "lesson": _("Lesson"),
        "page": _("Page"),
        "firstSix": _("%(results)s, the first 6:"),
        "allResults": _("%(results)s:"),
        "noResult": _("No result."),
        "allCases": _("All cases"),
        "briefing": _("Briefing: %(description)s"),
        "countriesOf": _("Countries of these cases:"),
        "noCountry": _("These cases name no country."),
        "firstInPack": _("%(cases)s (the first %(count)s by title in this pack)"),
        "selection": _("The selection by purpose, sector and region"),
        "checklist": _("Characteristics of successful partnerships: a checklist"),
        "noMatch": _("No case matches this selection."),
        "tooMany": _("This selection has %(count)s cases; a pack holds at most %(limit)s. Narrow the selection in the catalogue, or use `casebook brief` for the whole of it."),
        "notAssembled": _("The briefing could not be assembled: %(error)s"),
        "words": _("text %(words)s"),
        "pair": _(PAIR),
        "note": _(NOTE),
        "series": _(SERIES),
        "quoted": _(QUOTED),
        "sentence": _(SENTENCE),
        "sentences": _(SENTENCES),
        "lists": browser_lists(language.code),  # type: ignore[dict-item]
    }
