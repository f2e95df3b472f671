"""Grids that may have no rows: a sentence takes their place; grids short enough to show whole: no inner scroll.

Streamlit draws an empty grid as the English word "empty" on a canvas, where no translation and no text check
reaches it; pages ask here first and show either the sentence or the grid, never an empty grid.
"""
from __future__ import annotations

from collections.abc import Sized


def empty_sentence(rows: Sized, sentence: str) -> str | None:
    """`sentence` when `rows` (a frame or a list of rows) has none, else None (show the grid)."""
    return sentence if len(rows) == 0 else None


# Streamlit's grid rows and header are 35 px, plus 3 px of border; up to FIT_ROWS rows a grid shows whole (a box
# cut mid-row hid the 24th strategy and most of a zone's comuni), longer ones scroll inside this height.
ROW_PX, FIT_ROWS = 35, 30


def fit_height(rows: Sized) -> int:
    """The height that shows every row of a grid of up to FIT_ROWS rows, and FIT_ROWS rows of a longer one."""
    return ROW_PX * (min(len(rows), FIT_ROWS) + 1) + 3
