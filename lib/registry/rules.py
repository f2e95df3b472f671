"""The registry's rules as a pandera schema, and one Italian message per failed rule.

Check names key the messages in `explain`. Messages are for the staff who edit data/projects.csv; they
name the value that is wrong and what would be right.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypeVar

import pandas as pd
import pandera.pandas as pa

from lib import schema as s
from lib.export import FORMULA_PREFIXES
from lib.registry.references import References

T = TypeVar("T")


def split_list(cell: str) -> list[str]:
    """Split a `;`-separated cell into its stripped, non-empty items."""
    return [item.strip() for item in str(cell).split(s.LIST_SEP) if item.strip()]


def map_unique(cells: pd.Series, func: Callable[[str], T]) -> pd.Series:
    """`cells.map(func)`, calling func once per distinct cell: registries repeat the same lists many times.

    Rows with the same cell share the result object; treat list results as read-only.
    """
    distinct = cells.unique()
    return cells.map(dict(zip(distinct, map(func, distinct), strict=True)))


def _unknown_items(cell: str, known: set[str] | dict | frozenset) -> list[str]:
    return [item for item in split_list(cell) if item not in known]


def _precision_problem(row: Mapping[str, str]) -> str | None:
    has_comuni, has_zones = bool(split_list(row[s.COMUNI])), bool(split_list(row[s.ZONES]))
    precision = row[s.PRECISION]
    if precision == s.PRECISION_COMUNE and not has_comuni:
        return "localizzazione «comune» ma nessun comune indicato"
    if precision == s.PRECISION_ZONE and (has_comuni or not has_zones):
        return "localizzazione «zona»: indica le zone e nessun comune"
    if precision not in s.PLACED and (has_comuni or has_zones):
        return f"localizzazione «{precision}»: lascia vuoti comuni e zone"
    return None


def build_schema(refs: References) -> pa.DataFrameSchema:
    """The registry rules as a pandera schema over string cells."""
    def each_in(known: set[str] | dict | frozenset, name: str) -> pa.Check:
        known_set = set(known)
        return pa.Check(lambda cells: map_unique(cells, lambda cell: all(i in known_set for i in split_list(cell))),
                        error=name)

    def one_of(known: set[str] | frozenset[str] | tuple[str, ...], name: str) -> pa.Check:
        return pa.Check(lambda cells: (cells == "") | cells.isin(set(known)), error=name)

    def column(name: str, *checks: pa.Check, unique: bool = False) -> pa.Column:
        required = [] if name in s.OPTIONAL_PROJECT_COLUMNS else [
            pa.Check(lambda cells: cells != "", error="required")]
        # A cell a spreadsheet would run as a formula (=HYPERLINK(...)) is refused, never stored.
        required.append(pa.Check(lambda cells: ~cells.str.startswith(FORMULA_PREFIXES), error="formula"))
        # No dtype and nullable: `read_table` only yields strings, never NaN, and pandera's per-cell type
        # and null scans of object columns were a third of the validation time at 100,000 rows.
        return pa.Column(None, [*required, *checks], unique=unique, nullable=True, name=name)

    def row_check(name: str, predicate: Callable[[dict], bool], needs: tuple[str, ...]) -> pa.Check:
        # The predicate sees a small dict of the columns it needs, once per distinct combination of their
        # values: DataFrame.apply(axis=1) took seconds on a 100,000-row registry.
        def check(df: pd.DataFrame) -> pd.Series:
            seen: dict[tuple[str, ...], bool] = {}
            results = [seen[values] if values in seen
                       else seen.setdefault(values, predicate(dict(zip(needs, values, strict=True))))
                       for values in zip(*(df[c] for c in needs), strict=True)]
            return pd.Series(results, index=df.index, dtype=bool)
        # ignore_na=False: there are no missing cells, and pandera would scan the whole frame for them.
        return pa.Check(check, error=name, ignore_na=False)

    columns = {
        s.PROJECT_ID: column(s.PROJECT_ID, pa.Check.str_matches(s.PROJECT_ID_PATTERN, error="id_pattern"),
                             unique=True),
        s.PLAN_EDITION: column(s.PLAN_EDITION, one_of(frozenset(refs.strategy_axis), "unknown_edition")),
        s.CATEGORY: column(s.CATEGORY, one_of(refs.categories, "unknown_category")),
        s.COMUNI: column(s.COMUNI, each_in(refs.comune_index, "unknown_comune")),
        s.ZONES: column(s.ZONES, each_in(refs.zone_codes, "unknown_zone")),
        s.REPORTING_ZONE: column(s.REPORTING_ZONE, one_of(refs.zone_codes, "unknown_zone")),
        s.PRECISION: column(s.PRECISION, one_of(s.PRECISIONS, "unknown_precision")),
        s.LOCATION_BASIS: column(s.LOCATION_BASIS, one_of(s.BASES, "unknown_basis")),
    }
    for name in s.PROJECT_COLUMNS:
        columns.setdefault(name, column(name))

    def strategies_known(row: Mapping[str, str]) -> bool:
        known = refs.strategy_axis.get(row[s.PLAN_EDITION])
        return known is None or all(code in known for code in split_list(row[s.STRATEGIES]))

    def zones_consistent(row: Mapping[str, str]) -> bool:
        listed = set(split_list(row[s.ZONES]))
        from_comuni = {str(refs.comune_index[n][1]) for n in split_list(row[s.COMUNI]) if n in refs.comune_index}
        return from_comuni <= listed and (not row[s.REPORTING_ZONE] or row[s.REPORTING_ZONE] in listed)

    return pa.DataFrameSchema(columns, checks=[
        row_check("unknown_strategy", strategies_known, (s.PLAN_EDITION, s.STRATEGIES)),
        row_check("precision_mismatch", lambda row: _precision_problem(row) is None,
                  (s.PRECISION, s.COMUNI, s.ZONES)),
        row_check("zones_mismatch", zones_consistent, (s.COMUNI, s.ZONES, s.REPORTING_ZONE)),
    ], strict=False, coerce=False)


# Which column a table-wide check is reported against.
ROW_CHECK_COLUMN = {"unknown_strategy": s.STRATEGIES, "precision_mismatch": s.PRECISION,
                    "zones_mismatch": s.ZONES}


def explain(check: str, column: str, row: pd.Series, refs: References) -> str:
    """Turn a failed check into an Italian message that says what is wrong with this row's value."""
    value = row[column]

    def quoted(items: list[str]) -> str:
        return ", ".join(f"«{i}»" for i in items)
    messages: dict[str, Callable[[], str]] = {
        "required": lambda: "è vuota ma obbligatoria",
        "formula": lambda: (f"«{value[:40]}» inizia con {value[:1]}: un foglio di calcolo lo eseguirebbe come "
                            "formula; riscrivi il testo senza quel carattere iniziale"),
        "field_uniqueness": lambda: f"ID «{value}» ripetuto",
        "id_pattern": lambda: f"«{value}» non è un ID come P001",
        "unknown_edition": lambda: (f"edizione del piano sconosciuta o senza catalogo «{value}» (con catalogo: "
                                    f"{', '.join(refs.strategy_axis)})"),
        "unknown_category": lambda: f"categoria sconosciuta «{value}» (vedi categories.csv)",
        "unknown_strategy": lambda: (
            f"strategia sconosciuta nel piano {row[s.PLAN_EDITION]}: "
            f"{quoted(_unknown_items(value, refs.strategy_axis.get(row[s.PLAN_EDITION], {})))} "
            f"(il piano ha {', '.join(refs.strategy_axis.get(row[s.PLAN_EDITION], {}))})"),
        "unknown_comune": lambda: (f"comune sconosciuto {quoted(_unknown_items(value, refs.comune_index))} "
                                   "(usa il nome ISTAT come in comuni.csv)"),
        "unknown_zone": lambda: (f"zona sconosciuta {quoted(_unknown_items(value, refs.zone_codes))} "
                                 f"(le zone vanno da 1 a {len(refs.zone_codes)})"),
        "unknown_precision": lambda: f"localizzazione sconosciuta «{value}» (ammesse: {', '.join(s.PRECISIONS)})",
        "unknown_basis": lambda: f"base della localizzazione sconosciuta «{value}» (ammesse: {', '.join(s.BASES)})",
        "precision_mismatch": lambda: _precision_problem(row) or "la localizzazione non corrisponde a comuni e zone",
        "zones_mismatch": lambda: _zones_message(row, refs),
    }
    return messages.get(check, lambda: f"controllo «{check}» non superato con il valore «{value}»")()


def _zones_message(row: pd.Series, refs: References) -> str:
    listed = split_list(row[s.ZONES])
    wrong = [f"{n} è nella zona {refs.comune_index[n][1]}" for n in split_list(row[s.COMUNI])
             if n in refs.comune_index and str(refs.comune_index[n][1]) not in listed]
    if row[s.REPORTING_ZONE] and row[s.REPORTING_ZONE] not in listed:
        wrong.append(f"la zona che segnala ({row[s.REPORTING_ZONE]}) non è tra le zone del progetto")
    return f"le zone non tornano ({'; '.join(wrong)}; zone: «{row[s.ZONES]}»)"
