"""Validation of the project registry (projects.csv) against the strategy catalogue and the territory.

The rules are a pandera schema; each failed check is turned into one specific message naming file, line and
column. Rows with no problem are returned parsed and ready for joining; rows with problems are reported, not
silently dropped.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import pandas as pd
import pandera.pandas as pa

from lib import schema as s
from lib.export import FORMULA_PREFIXES
from lib.csv_reader import FileFormatError, Issue, display_name, gc_paused, read_table

T = TypeVar("T")


@dataclass(frozen=True)
class References:
    """What registry values may point to: strategy codes → axis, comune names → (istat, zone), categories."""

    strategy_axis: dict[str, int]
    comune_index: dict[str, tuple[str, int]]
    categories: frozenset[str]

    @classmethod
    def from_frames(cls, strategies_df: pd.DataFrame, comuni_df: pd.DataFrame,
                    categories_df: pd.DataFrame, edition: str = s.CURRENT_EDITION) -> References:
        """Build the reference sets from the loaded catalogue, territory and category tables."""
        current = strategies_df[strategies_df[s.PLAN_EDITION] == edition]
        return cls(
            strategy_axis=dict(zip(current[s.STRATEGY], current[s.AXIS].astype(int))),
            comune_index={name: (code, int(zone)) for name, code, zone
                          in zip(comuni_df[s.NAME], comuni_df[s.ISTAT], comuni_df[s.ZONE_ID])},
            categories=frozenset(categories_df[s.CATEGORY]),
        )


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


def split_list(cell: str) -> list[str]:
    """Split a `;`-separated cell into its stripped, non-empty items."""
    return [item.strip() for item in str(cell).split(s.LIST_SEP) if item.strip()]


def map_unique(cells: pd.Series, func: Callable[[str], T]) -> pd.Series:
    """`cells.map(func)`, calling func once per distinct cell: registries repeat the same lists many times.

    Rows with the same cell share the result object; treat list results as read-only.
    """
    distinct = cells.unique()
    return cells.map(dict(zip(distinct, map(func, distinct))))


def _unknown_items(cell: str, known: set[str] | dict) -> list[str]:
    return [item for item in split_list(cell) if item not in known]


def _zones_of_comuni(row: Mapping[str, str], refs: References) -> set[int]:
    return {refs.comune_index[n][1] for n in split_list(row[s.COMUNI]) if n in refs.comune_index}


def _precision_problem(row: Mapping[str, str]) -> str | None:
    has_comuni, has_zones = bool(split_list(row[s.COMUNI])), bool(split_list(row[s.ZONES]))
    precision = row[s.PRECISION]
    if precision == s.PRECISION_COMUNE and not has_comuni:
        return "localizzazione «comune» ma nessun comune indicato"
    if precision == s.PRECISION_ZONE and (has_comuni or not has_zones):
        return "localizzazione «zona»: indica le zone e nessun comune"
    if precision == s.PRECISION_METRO and (has_comuni or has_zones):
        return "localizzazione «metropolitana»: lascia vuoti comuni e zone"
    return None


def _build_schema(refs: References) -> pa.DataFrameSchema:
    """The registry rules as a pandera schema over string cells; check names key the messages below."""
    zone_codes = {str(z) for z in s.ZONE_NUMBERS}

    # Checks are vectorised over the column (a registry can have 100,000 rows).
    def each_in(known: set[str] | dict, name: str) -> pa.Check:
        known_set = set(known)
        return pa.Check(lambda cells: map_unique(cells, lambda cell: all(i in known_set for i in split_list(cell))),
                        error=name)

    def one_of(known: set[str] | frozenset[str], name: str) -> pa.Check:
        return pa.Check(lambda cells: (cells == "") | cells.isin(set(known)), error=name)

    def column(name: str, *checks: pa.Check, unique: bool = False) -> pa.Column:
        required = [] if name in s.OPTIONAL_PROJECT_COLUMNS else [
            pa.Check(lambda cells: cells != "", error="required")]
        # A cell a spreadsheet would run as a formula (=HYPERLINK(...)) is refused, never stored.
        required.append(pa.Check(lambda cells: ~cells.str.startswith(FORMULA_PREFIXES), error="formula"))
        # No dtype and nullable: `read_table` only yields strings, never NaN, and pandera's per-cell type
        # and null scans of object columns were a third of the validation time at 100,000 rows.
        return pa.Column(None, [*required, *checks], unique=unique, nullable=True, name=name)

    def row_check(name: str, predicate, needs: tuple[str, ...]) -> pa.Check:
        # The predicate sees a small dict of the columns it needs, once per distinct combination of their
        # values: DataFrame.apply(axis=1) took seconds on a 100,000-row registry.
        def check(df: pd.DataFrame) -> pd.Series:
            seen: dict[tuple[str, ...], bool] = {}
            results = [seen[values] if values in seen else seen.setdefault(values, predicate(dict(zip(needs, values))))
                       for values in zip(*(df[c] for c in needs))]
            return pd.Series(results, index=df.index, dtype=bool)
        # ignore_na=False: there are no missing cells, and pandera would scan the whole frame for them.
        return pa.Check(check, error=name, ignore_na=False)

    columns = {
        s.PROJECT_ID: column(s.PROJECT_ID, pa.Check.str_matches(s.PROJECT_ID_PATTERN, error="id_pattern"),
                             unique=True),
        s.CATEGORY: column(s.CATEGORY, one_of(refs.categories, "unknown_category")),
        s.AXIS: column(s.AXIS, one_of({str(a) for a in range(1, 7)}, "unknown_axis")),
        s.STRATEGIES: column(s.STRATEGIES, each_in(refs.strategy_axis, "unknown_strategy")),
        s.COMUNI: column(s.COMUNI, each_in(refs.comune_index, "unknown_comune")),
        s.ZONES: column(s.ZONES, each_in(zone_codes, "unknown_zone")),
        s.PRECISION: column(s.PRECISION, one_of(set(s.PRECISIONS), "unknown_precision")),
    }
    for name in s.PROJECT_COLUMNS:
        columns.setdefault(name, column(name))

    def zones_consistent(row: Mapping[str, str]) -> bool:
        listed = {int(z) for z in split_list(row[s.ZONES]) if z in zone_codes}
        return _zones_of_comuni(row, refs) <= listed

    def axis_matches(row: Mapping[str, str]) -> bool:
        first = split_list(row[s.STRATEGIES])[:1]
        return not first or first[0] not in refs.strategy_axis or row[s.AXIS] == str(refs.strategy_axis[first[0]])

    return pa.DataFrameSchema(columns, checks=[
        row_check("precision_mismatch", lambda row: _precision_problem(row) is None,
                  (s.PRECISION, s.COMUNI, s.ZONES)),
        row_check("comuni_outside_zones", zones_consistent, (s.COMUNI, s.ZONES)),
        row_check("axis_mismatch", axis_matches, (s.STRATEGIES, s.AXIS)),
    ], strict=False, coerce=False)


# Which column a table-wide check is reported against.
_ROW_CHECK_COLUMN = {"precision_mismatch": s.PRECISION, "comuni_outside_zones": s.ZONES,
                     "axis_mismatch": s.AXIS}


def _explain(check: str, column: str, row: pd.Series, refs: References) -> str:
    """Turn a failed check into a message that says what is wrong with this row's value."""
    value = row[column]

    def quoted(items: list[str]) -> str:
        return ", ".join(f"«{i}»" for i in items)
    if check == "required":
        return "è vuota ma obbligatoria"
    if check == "formula":
        return (f"«{value[:40]}» inizia con {value[:1]}: un foglio di calcolo lo eseguirebbe come formula; "
                "riscrivi il testo senza quel carattere iniziale")
    if check == "field_uniqueness":
        return f"ID «{value}» ripetuto"
    if check == "id_pattern":
        return f"«{value}» non è un ID come P001"
    if check == "unknown_category":
        return f"categoria sconosciuta «{value}» (vedi categories.csv)"
    if check == "unknown_axis":
        return f"asse sconosciuto «{value}» (da 1 a 6)"
    if check == "unknown_strategy":
        return f"strategia sconosciuta {quoted(_unknown_items(value, refs.strategy_axis))} " \
               f"(il piano {s.CURRENT_EDITION} ha {', '.join(sorted(refs.strategy_axis))})"
    if check == "unknown_comune":
        return f"comune sconosciuto {quoted(_unknown_items(value, refs.comune_index))} " \
               "(usa il nome ISTAT come in comuni.csv)"
    if check == "unknown_zone":
        return f"zona sconosciuta {quoted(_unknown_items(value, {str(z) for z in s.ZONE_NUMBERS}))} " \
               "(le zone vanno da 1 a 11)"
    if check == "unknown_precision":
        return f"localizzazione sconosciuta «{value}» (ammesse: {', '.join(s.PRECISIONS)})"
    if check == "precision_mismatch":
        return _precision_problem(row) or "la localizzazione non corrisponde a comuni e zone"
    if check == "comuni_outside_zones":
        listed = split_list(row[s.ZONES])
        wrong = [f"{n} è nella zona {refs.comune_index[n][1]}" for n in split_list(row[s.COMUNI])
                 if n in refs.comune_index and str(refs.comune_index[n][1]) not in listed]
        return f"i comuni contraddicono le zone indicate ({'; '.join(wrong)}; zone: «{value}»)"
    if check == "axis_mismatch":
        first = split_list(row[s.STRATEGIES])[0]
        return f"l'asse {value} non è quello della prima strategia {first} (asse {refs.strategy_axis[first]})"
    return f"controllo «{check}» non superato con il valore «{value}»"


def validate_rows(rows: pd.DataFrame, refs: References, file: str) -> tuple[pd.DataFrame, list[Issue]]:
    """Validate string rows (as read by `read_table`); return the valid rows and one issue per problem."""
    try:
        _build_schema(refs).validate(rows, lazy=True)
        failures = pd.DataFrame(columns=["column", "check", "index"])
    except pa.errors.SchemaErrors as err:
        failures = err.failure_cases
    issues: list[Issue] = []
    seen: set[tuple[int, str]] = set()
    for fail in failures.itertuples(index=False):
        if pd.isna(fail.index):
            continue
        index, check = int(fail.index), str(fail.check)
        column = _ROW_CHECK_COLUMN.get(check, fail.column)
        if (index, check) in seen:
            continue
        seen.add((index, check))
        row = rows.loc[index]
        issues.append(Issue(file, int(row[s.SOURCE_LINE]), column, _explain(check, column, row, refs)))
    bad = {index for index, _ in seen}
    valid = rows.drop(index=list(bad)).reset_index(drop=True)
    return _parse(valid, refs), sorted(issues, key=lambda i: (i.line or 0, i.column or ""))


def _parse(valid: pd.DataFrame, refs: References) -> pd.DataFrame:
    """Add typed and list columns to rows that passed validation."""
    out = valid.copy()
    out[s.AXIS] = out[s.AXIS].astype("int64")
    out[s.STRATEGY_LIST] = map_unique(out[s.STRATEGIES], split_list)
    out[s.COMUNE_CODES] = map_unique(out[s.COMUNI], lambda c: [refs.comune_index[n][0] for n in split_list(c)])
    out[s.ZONE_LIST] = map_unique(out[s.ZONES], lambda z: sorted(int(v) for v in split_list(z)))
    return out


def read_registry(path: Path | str, refs: References) -> RegistryReport:
    """Read and validate a registry file. Raises FileFormatError if the file cannot be read as a table."""
    with gc_paused():
        rows, issues = read_table(path, s.PROJECT_COLUMNS)
        file = display_name(path)
        valid, row_issues = validate_rows(rows, refs, file)
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
