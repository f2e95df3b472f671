"""Quantities the source gives for a project (project_quantities.csv): "50 interventi", "9 comuni"…"""
from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

import pandas as pd

from lib import schema as s
from lib.csv_reader import Issue, display_name, read_table

_TRUE_FALSE = ("true", "false")


def read_quantities(path: Path | str, project_ids: Collection[str]) -> tuple[pd.DataFrame, list[Issue]]:
    """The valid rows (value as a number, approximate as a bool) and an Italian issue per bad row.

    Raises FileFormatError if the file cannot be read as a table.
    """
    rows, issues = read_table(path, s.QUANTITY_COLUMNS)
    file = display_name(path)
    values = pd.to_numeric(rows[s.QUANTITY_VALUE], errors="coerce")
    ids = set(project_ids)
    keep = []
    for index, row in rows.iterrows():
        line = int(row[s.SOURCE_LINE])
        if row[s.PROJECT_ID] not in ids:
            issues.append(Issue(file, line, s.PROJECT_ID, f"il progetto «{row[s.PROJECT_ID]}» non è nel registro"))
        elif pd.isna(values[index]) or values[index] <= 0:
            issues.append(Issue(file, line, s.QUANTITY_VALUE, f"«{row[s.QUANTITY_VALUE]}» non è un numero positivo"))
        elif row[s.QUANTITY_APPROXIMATE] not in _TRUE_FALSE or not row[s.QUANTITY_UNIT] or not row[s.QUOTE]:
            issues.append(Issue(file, line, None, "servono unità, citazione e approximate true o false"))
        else:
            keep.append(index)
    valid = rows.loc[keep, list(s.QUANTITY_COLUMNS)].assign(**{
        s.QUANTITY_VALUE: values[keep], s.QUANTITY_APPROXIMATE: rows.loc[keep, s.QUANTITY_APPROXIMATE] == "true"})
    return valid.reset_index(drop=True), issues

