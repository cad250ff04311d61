"""Briefing packs for focal-point meetings: a selection of cases as one self-contained, print-ready
HTML file, as Markdown, or as PDF (with WeasyPrint, where installed)."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from markupsafe import Markup

from ..index import case_terms
from ..languages import N_
from ..model import Case
from ..writing import ordered
from .jinja import html_environment, markdown_environment

if TYPE_CHECKING:
    from .site import Renderer

COUNTED = (("purposes", N_("Purpose")), ("sectors", N_("Sector")), ("regions", N_("Region")))
"""The facets whose counts a pack tabulates, with their headings."""


class PdfUnavailable(RuntimeError):
    pass


class Briefer:
    """Renders packs from one Renderer; each case's block is rendered once, whatever the packs."""

    def __init__(self, renderer: Renderer):
        self.r = renderer
        self._blocks: dict[str, Markup] = {}
        self._values = {**renderer.common, "today": renderer.options.today}

    def block(self, case: Case) -> Markup:
        if case.slug not in self._blocks:
            html = html_environment(self.r.language.code, self.r.options.templates).get_template("briefing_case.html").render(case=case, link=None, **self._values)
            self._blocks[case.slug] = Markup(html)
        return self._blocks[case.slug]

    def counts(self, cases: list[Case]) -> list[tuple[str, list[tuple[str, int]]]]:
        """How many of `cases` fall under each purpose, sector and region (terms with none left out)."""
        out = []
        for facet, heading in COUNTED:
            tally = Counter(term for case in cases for term in case_terms(case, facet))
            out.append((heading, [(t.label, tally[t.id]) for t in self.r.index.terms(facet) if tally[t.id]]))
        return out

    def html(self, cases: list[Case], description: str, online: str | None = None, live: dict | None = None, world: str | None = None) -> str:
        """The pack; with `live`, the page that builds the pack of a catalogue filter in the browser.

        Its map draws the countries' shapes itself, so that the pack opens anywhere, unless `world`
        gives where the site's shapes are (maps.py), as for the packs of the site's own pages."""
        values = {**self._values, "cases": cases, "description": description, "online": online, "counts": self.counts(cases)}
        countries = ordered({code for case in cases for code in case.meta.countries}, self.r.language.code, lambda c: self.r.index.label("countries", c))
        return html_environment(self.r.language.code, self.r.options.templates).get_template("briefing.html").render(
            blocks=[self.block(c) for c in cases], link=None, live=live, countries=countries, world_href=world, **values
        )

    def live_page(self, finder: dict, scripts: list[str], limit: int) -> str:
        """The briefing of a catalogue selection, which the browser assembles: it asks the search index
        for the selected cases, as the catalogue does, then fetches each case's page and takes its
        title, summary and facts (the rows of facts.py, as the site lays them out)."""
        return self.html([], self.r.gettext("All cases"), None, live={"finder": finder, "scripts": scripts, "counted": [(name, self.r.gettext(heading)) for name, heading in COUNTED], "limit": limit}, world=finder["world"])

    def markdown(self, cases: list[Case], description: str, online: str | None = None) -> str:
        values = {**self._values, "cases": cases, "description": description, "online": online, "counts": self.counts(cases)}
        text = markdown_environment(self.r.language.code, self.r.options.templates).get_template("briefing.md").render(link=None, **values)
        return text.rstrip() + "\n"

    @staticmethod
    def pdf(html: str) -> bytes:
        try:
            import weasyprint
        except (ImportError, OSError) as e:
            raise PdfUnavailable(f"PDF needs WeasyPrint and Pango: pip install 'casebook[pdf]' ({e})") from None
        return weasyprint.HTML(string=html).write_pdf()
