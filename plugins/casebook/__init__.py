"""Casebook: partnership case studies and lessons learned, validated and indexed.

The content model, validation, facet index, rendering and exports are plain Python
modules; `plugin.py` and its options (`config.py`) are the only ones that import MkDocs, and
`render/theme.py` the only one that rewrites Material's templates (README: Material's end of life).
"""

__version__ = "0.1.0"
