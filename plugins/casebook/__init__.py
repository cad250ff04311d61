"""Casebook: partnership case studies and lessons learned, validated and indexed.

The content model, validation, facet index, rendering and exports are plain Python
modules; `plugin.py` is the only module that knows about MkDocs.
"""

__version__ = "0.1.0"
