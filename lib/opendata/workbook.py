"""The package's tables as one spreadsheet (`dati-psm-torino.xlsx`, a sheet per table), for people who open data
in Excel or LibreOffice: a CSV there is read with the reader's locale and character set (tried with LibreOffice:
UTF-8 accents garbled, ISTAT codes such as 001001 turned into the number 1001), a workbook's cells keep their
types. Text is always written as text, so no cell becomes a formula."""
from __future__ import annotations

import io
from typing import SupportsFloat, SupportsInt

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from lib.opendata.resources import RESOURCES

PATH = "dati-psm-torino.xlsx"
YES_NO = {True: "sì", False: "no"}


def _cell(sheet: object, value: object, kind: str) -> WriteOnlyCell:
    if value is None or (not isinstance(value, (list, tuple)) and pd.isna(value)) or value == "":
        return WriteOnlyCell(sheet, value=None)
    if kind == "boolean":
        value = YES_NO[value if isinstance(value, bool) else str(value).lower() == "true"]
    elif kind == "integer":
        value = int(value if isinstance(value, SupportsInt) else str(value))  # numpy integers, or digits
    elif kind == "number":
        value = float(value if isinstance(value, SupportsFloat) else str(value))
    cell = WriteOnlyCell(sheet, value=value if kind in ("integer", "number") else str(value))
    if kind not in ("integer", "number"):
        cell.data_type = "s"  # never a formula, whatever the text starts with
    return cell


def to_xlsx(frames: dict[str, pd.DataFrame]) -> bytes:
    """One sheet per CSV resource, its columns in order, typed as its Table Schema says."""
    book = Workbook(write_only=True)
    for res in RESOURCES:
        sheet = book.create_sheet(res.name)
        sheet.append([WriteOnlyCell(sheet, value=f.name) for f in res.fields])
        for row in frames[res.name].itertuples(index=False):
            sheet.append([_cell(sheet, value, f.type) for value, f in zip(row, res.fields, strict=True)])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
