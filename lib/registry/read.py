"""Read and validate the project registry (projects.csv) against the plan and the territory.

Each failed rule becomes one Italian message naming file, line and column. Rows with no problem are
returned parsed and ready for joining; rows with problems are reported, never silently dropped.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from lib import schema as s
from lib.csv_reader import FileFormatError, Issue, display_name, gc_paused, read_table
from lib.registry.references import References
from lib.registry.rules import ROW_CHECK_COLUMN, build_schema, explain, map_unique, split_list


@dataclass
class RegistryReport:
    """Outcome of reading a registry: the valid rows (parsed) and every problem found.

    `unreadable` is set when the file could not be read as a table at all (no rows loaded); its
    problems are then in `issues`.
    """

    valid: pd.DataFrame
    issues: list[Issue] = field(default_factory=list)
    n_rows: int = 0
    unreadable: bool = False

    @property
    def ok(self) -> bool:
        return not self.issues


def validate_rows(rows: pd.DataFrame, refs: References, file: str) -> tuple[pd.DataFrame, list[Issue]]:
    """Validate string rows (as read by `read_table`); return the valid rows and one issue per problem."""
    try:
        build_schema(refs).validate(rows, lazy=True)
        failures = pd.DataFrame(columns=["column", "check", "index"])
    except pa.errors.SchemaErrors as err:
        failures = err.failure_cases
    issues: list[Issue] = []
    seen: set[tuple[int, str]] = set()
    for fail in failures.itertuples(index=False):
        if pd.isna(fail.index):
            continue
        index, check = int(fail.index), str(fail.check)
        column = ROW_CHECK_COLUMN.get(check, fail.column)
        if (index, check) in seen:
            continue
        seen.add((index, check))
        row = rows.loc[index]
        issues.append(Issue(file, int(row[s.SOURCE_LINE]), column, explain(check, column, row, refs)))
    bad = {index for index, _ in seen}
    valid = rows.drop(index=list(bad)).reset_index(drop=True)
    return parse_rows(valid, refs), sorted(issues, key=lambda i: (i.line or 0, i.column or ""))


def parse_rows(valid: pd.DataFrame, refs: References) -> pd.DataFrame:
    """Add typed and list columns to rows that passed validation; the axis is the first strategy's."""
    out = valid.copy()
    out[s.STRATEGY_LIST] = map_unique(out[s.STRATEGIES], split_list)
    firsts = [codes[0] if codes else "" for codes in out[s.STRATEGY_LIST]]
    out[s.AXIS] = pd.array([refs.axis_of(edition, code) or 0
                            for edition, code in zip(out[s.PLAN_EDITION], firsts, strict=True)],
                           dtype="int64")
    out[s.COMUNE_CODES] = map_unique(out[s.COMUNI], lambda c: [refs.comune_index[n][0] for n in split_list(c)])
    out[s.ZONE_LIST] = map_unique(out[s.ZONES], lambda z: sorted(int(v) for v in split_list(z)))
    return out


def read_registry(path: Path | str, refs: References) -> RegistryReport:
    """Read and validate a registry file. Raises FileFormatError if the file cannot be read as a table."""
    with gc_paused():
        rows, issues = read_table(path, s.PROJECT_COLUMNS)
        valid, row_issues = validate_rows(rows, refs, display_name(path))
    return RegistryReport(valid=valid, issues=sorted(issues + row_issues, key=lambda i: (i.line or 0)),
                          n_rows=len(rows) + sum(1 for i in issues if i.line and i.column is None))


def empty_registry(refs: References) -> pd.DataFrame:
    """A parsed registry with no rows and every column, for when the file cannot be read."""
    rows = pd.DataFrame({name: pd.Series(dtype=object) for name in (*s.PROJECT_COLUMNS, s.SOURCE_LINE)})
    return validate_rows(rows, refs, "")[0]


def read_registry_report(path: Path | str, refs: References) -> RegistryReport:
    """Like `read_registry`, but a file that cannot be read gives an empty, `unreadable` report, not an
    exception: the app keeps working on what else it has and says what is wrong with the file."""
    try:
        return read_registry(path, refs)
    except FileFormatError as err:
        issues = err.issues
    except OSError as err:
        issues = [Issue(display_name(path), None, None,
                        f"il file non si può aprire ({err.strerror or type(err).__name__})")]
    return RegistryReport(valid=empty_registry(refs), issues=issues, unreadable=True)
