"""The options of the `casebook` plugin in mkdocs.yml."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from .languages import CODES, DEFAULT


class SiteWords(base.Config):
    """The site's own words in one language: what its author wrote in mkdocs.yml."""

    nav = c.DictOfItems(c.Type(str), default={})
    """The navigation's labels of the author's pages and sections, by their label in mkdocs.yml
    ("About") or, for a page the navigation names by its title, by its file ("lessons/index.md")."""
    site_description = c.Optional(c.Type(str))
    """The pages' `<meta name="description">`."""


class _ByLanguage(c.DictOfItems):
    """A dict keyed by the codes of Casebook's languages other than the default, refusing others."""

    def run_validation(self, value: object) -> dict:
        found = super().run_validation(value)
        others = [code for code in CODES if code != DEFAULT]
        unknown = [key for key in found if key not in others]
        if unknown:
            raise c.ValidationError(f"{', '.join(map(repr, unknown))}: not a language of Casebook other than '{DEFAULT}' ({', '.join(others)})")
        return found


class CasebookConfig(base.Config):
    cases_dir = c.Dir(exists=True, default="cases")
    """The folder of case files (`<slug>.md`), relative to mkdocs.yml; outside the docs folder."""

    taxonomy = c.Optional(c.File(exists=True))
    """The vocabularies; by default `taxonomy.yml` in `cases_dir`."""

    lessons_dir = c.Type(str, default="lessons")
    """The folder of lesson pages inside the docs folder; cases name them in `lessons:`."""

    contribute_page = c.Optional(c.Type(str))
    """The docs page that explains how to add a case, linked from terms that have none yet (e.g. `contribute.md`)."""

    characteristics_page = c.Optional(c.Type(str))
    """The docs page with the `<!-- casebook:characteristics -->` checklist, which lesson pages link to."""

    today = c.Optional(c.Type(str))
    """The build's date as an ISO date, for reproducible feeds and reporting; CASEBOOK_TODAY overrides it."""

    reporting_cycle_years = c.Type(int, default=2)
    """How often partnerships report (A/58/227, paragraph 23: preferably every two years)."""

    parallel = c.Type(bool, default=True)
    """Do Casebook's share of the work (render/late.py: pages' contents, term pages, feeds,
    briefings, exports, search documents) in a second process while MkDocs renders pages
    (`mkdocs build` on Linux; never under `mkdocs serve`). The output is the same either way."""

    cache_nav = c.Type(bool, default=True)
    """Render Material's navigation once per folder of pages outside it, rather than once per page
    (render/theme.py). The pages are the same either way."""

    languages = c.ListOfItems(c.Choice(CODES), default=[DEFAULT])
    """The languages of the site's interface (languages.py): the default language at the root, each
    other one under its code (`/fr/`), with its generated pages and its translated cases."""

    translations = _ByLanguage(c.SubConfig(SiteWords), default={})
    """The site's own words in its other languages, by language: `{fr: {nav: {About: À propos},
    site_description: ...}}`. The author's pages stay in the default language; their labels in a
    language's navigation, and its pages' description, are these."""
    content_security_policy = c.Type(bool, default=True)
    """Give every page a Content-Security-Policy (render/policy.py) in a `<meta>` tag, and write a
    `_headers` file for hosts that read one. Turn it off only if a host sets its own policy."""
    policy_sources = c.Type(dict, default={})  # checked by policy.check_sources, in on_config
    """Sources to add to the policy, by directive, for a resource on another host that the site
    chooses to load, e.g. `{img-src: [https://images.example.org]}`."""
