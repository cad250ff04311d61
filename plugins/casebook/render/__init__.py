"""Render a Casebook: every output of a site in one registry (outputs.py), laid out by concern
(cases, terms, listings, files, the author's pages), from what the pages of a language share
(site.py); the second process's share of the work (late.py); the theme adapted (theme.py)."""
