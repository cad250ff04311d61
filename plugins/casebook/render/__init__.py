"""Render a Casebook into pages: Markdown for the site generator, with HTML slots filled in after it."""

from .site import Asset, GeneratedPage, SiteOptions, render_site

__all__ = ["Asset", "GeneratedPage", "SiteOptions", "render_site"]
