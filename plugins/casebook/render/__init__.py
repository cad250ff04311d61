"""Render a Casebook into pages: Markdown for the site generator, with HTML slots filled in after it."""

from .shell import fill_shell
from .site import Asset, GeneratedPage, RenderedSite, Shell, SiteOptions, render_site

__all__ = ["Asset", "GeneratedPage", "RenderedSite", "Shell", "SiteOptions", "fill_shell", "render_site"]
