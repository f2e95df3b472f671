"""CSV exports that spreadsheets open safely."""
from __future__ import annotations

import pandas as pd

# A cell starting with one of these is run as a formula by Excel, LibreOffice or Sheets: the four operators, the
# tab and carriage return that hide them, `;` and `|` (DDE payloads in older Excel), `%` (LibreOffice's
# percent formulas), and the full-width ＝＋－＠ that some spreadsheets fold to their ASCII forms.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", ";", "|", "%", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def neutralise_cell(value: object) -> object:
    """Prefix text that a spreadsheet would read as a formula with a single quote."""
    if isinstance(value, str) and starts_formula(value):
        return "'" + value
    return value


def starts_formula(value: str) -> bool:
    """Whether a spreadsheet would run this text as a formula, also after leading spaces (importers that
    trim cells, as Sheets offers to, would bring the formula character to the front)."""
    return value.startswith(FORMULA_PREFIXES) or value.lstrip(" \u00a0\u3000").startswith(FORMULA_PREFIXES)


def to_registry_csv(frame: pd.DataFrame) -> bytes:
    """Rows to paste into data/projects.csv: values exactly as stored (UTF-8, no BOM, no prefixes).

    The registry's validator refuses formula-leading cells, so nothing here needs neutralising.
    """
    return frame.to_csv(index=False, lineterminator="\n").encode("utf-8")


def to_safe_csv(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV (with BOM, so Excel shows accents) in which no cell can start a formula; yes/no as sì/no.

    Rows end in CRLF (RFC 4180, as Excel writes them): Python's csv module quotes a cell only for the
    characters of the line terminator, so with a bare LF a carriage return inside a cell split the row."""
    safe = frame.copy()
    for column in safe.columns:
        if pd.api.types.is_bool_dtype(safe[column]):
            safe[column] = safe[column].map({True: "sì", False: "no"})  # Italian readers, not True/False
        elif safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(neutralise_cell)
    safe.columns = [neutralise_cell(str(c)) for c in safe.columns]
    return safe.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")
