"""Render a Casebook into pages: Markdown for the site generator, with HTML slots filled in after it."""

from .late import LateOutputs, LateRenderingError
from .late import start as start_late
from .shell import fill_shell
from .site import Asset, GeneratedPage, RenderedSite, Renderer, Shell, SiteOptions, render_site

__all__ = [
    "Asset", "GeneratedPage", "LateOutputs", "LateRenderingError", "RenderedSite", "Renderer", "Shell", "SiteOptions",
    "fill_shell", "render_site", "start_late",
]  # fmt: skip
