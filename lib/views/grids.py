"""Grids that may have no rows: a sentence takes their place.

Streamlit draws an empty grid as the English word "empty" on a canvas, where no translation and no text check
reaches it; pages ask here first and show either the sentence or the grid, never an empty grid.
"""
from __future__ import annotations

from collections.abc import Sized


def empty_sentence(rows: Sized, sentence: str) -> str | None:
    """`sentence` when `rows` (a frame or a list of rows) has none, else None (show the grid)."""
    return sentence if len(rows) == 0 else None
