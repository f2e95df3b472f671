"""Coverage metrics: how many projects serve each strategy, zone and table, and where the gaps are."""
from __future__ import annotations

import pandas as pd

from lib import schema as s
from lib.joins import zone_table


def filter_long(long_df: pd.DataFrame, axis: int | None = None, strategy: str | None = None) -> pd.DataFrame:
    """Keep the rows of one strategy, or of one axis, or everything when neither is given."""
    if strategy:
        return long_df[long_df[s.STRATEGY] == strategy]
    if axis:
        return long_df[long_df[s.AXIS] == axis]
    return long_df


def local_rows(long_df: pd.DataFrame) -> pd.DataFrame:
    """Rows of projects located in a zone (metro-wide projects excluded)."""
    return long_df[long_df[s.ZONE_ID].notna()]


def zone_strategy_matrix(long_df: pd.DataFrame, strategies_df: pd.DataFrame) -> pd.DataFrame:
    """Zone × strategy table of distinct local projects, zeros included (rows 1–11, catalogue columns)."""
    local = local_rows(long_df).drop_duplicates([s.PROJECT_ID, s.ZONE_ID, s.STRATEGY])
    counts = local.groupby([s.ZONE_ID, s.STRATEGY]).size().unstack(fill_value=0)
    matrix = counts.reindex(index=list(s.ZONE_NUMBERS), columns=list(strategies_df[s.STRATEGY]), fill_value=0)
    matrix.index.name, matrix.columns.name = s.ZONE_ID, s.STRATEGY
    return matrix.astype("int64")


def _summary(long_df: pd.DataFrame, key: str, areas: pd.DataFrame) -> pd.DataFrame:
    local = local_rows(long_df)
    grouped = local.groupby(key)
    zone_level = local[local[s.PRECISION] == s.PRECISION_ZONE].groupby(key)[s.PROJECT_ID].nunique()
    out = pd.DataFrame({
        s.COUNT: grouped[s.PROJECT_ID].nunique(),
        s.STRATEGIES_COVERED: grouped[s.STRATEGY].nunique(),
        s.ZONE_LEVEL_COUNT: zone_level,
    })
    out = areas.merge(out, left_on=key, right_index=True, how="left")
    counts = [s.COUNT, s.STRATEGIES_COVERED, s.ZONE_LEVEL_COUNT]
    out[counts] = out[counts].fillna(0).astype("int64")
    out[s.PER_10K] = (out[s.COUNT] / out[s.POPULATION] * 10_000).round(2)
    return out.reset_index(drop=True)


def zone_summary(long_df: pd.DataFrame, comuni_df: pd.DataFrame) -> pd.DataFrame:
    """Per zone: projects (and how many are known only at zone level), strategies covered and projects
    per 10,000 inhabitants (all 11 zones)."""
    return _summary(long_df, s.ZONE_ID, zone_table(comuni_df))


def table_summary(long_df: pd.DataFrame, comuni_df: pd.DataFrame) -> pd.DataFrame:
    """The same figures per co-planning table A–F (a project in two zones of one table counts once)."""
    zones = zone_table(comuni_df)
    tables = (zones.groupby(s.TABLE_ID, as_index=False)
              .agg(**{s.SUA_LABEL: (s.SUA_LABEL, "first"),
                      s.ZONE_IDS: (s.ZONE_ID, lambda z: ";".join(str(v) for v in sorted(z))),
                      s.N_COMUNI: (s.N_COMUNI, "sum"), s.POPULATION: (s.POPULATION, "sum"),
                      s.AREA_KM2: (s.AREA_KM2, "sum")}))
    return _summary(long_df, s.TABLE_ID, tables)


def axis_totals(long_df: pd.DataFrame, axes_df: pd.DataFrame) -> pd.DataFrame:
    """Per axis: distinct projects in total, located in zones, and metro-wide."""
    def distinct(frame: pd.DataFrame) -> pd.Series:
        return frame.groupby(s.AXIS)[s.PROJECT_ID].nunique()

    out = axes_df[[s.AXIS, s.AXIS_TITLE, s.AXIS_COLOR]].copy()
    out["n_total"] = out[s.AXIS].map(distinct(long_df)).fillna(0).astype("int64")
    out["n_local"] = out[s.AXIS].map(distinct(local_rows(long_df))).fillna(0).astype("int64")
    out["n_metro"] = out[s.AXIS].map(distinct(long_df[long_df[s.ZONE_ID].isna()])).fillna(0).astype("int64")
    return out


def strategy_totals(long_df: pd.DataFrame, strategies_df: pd.DataFrame) -> pd.DataFrame:
    """Per strategy: distinct projects in total, local and metro-wide, and zones reached."""
    out = strategies_df[[s.STRATEGY, s.STRATEGY_TITLE, s.AXIS]].copy()
    by = long_df.groupby(s.STRATEGY)
    out["n_total"] = out[s.STRATEGY].map(by[s.PROJECT_ID].nunique()).fillna(0).astype("int64")
    local = local_rows(long_df).groupby(s.STRATEGY)
    out["n_local"] = out[s.STRATEGY].map(local[s.PROJECT_ID].nunique()).fillna(0).astype("int64")
    out["n_zones"] = out[s.STRATEGY].map(local[s.ZONE_ID].nunique()).fillna(0).astype("int64")
    return out


def strategies_without_projects(long_df: pd.DataFrame, strategies_df: pd.DataFrame) -> pd.DataFrame:
    """Strategies with no project anywhere, metro-wide ones included."""
    used = set(long_df[s.STRATEGY])
    return strategies_df[~strategies_df[s.STRATEGY].isin(used)].reset_index(drop=True)


def zone_gaps(long_df: pd.DataFrame, strategies_df: pd.DataFrame) -> dict[int, list[str]]:
    """For each zone, the strategy codes with no local project there."""
    matrix = zone_strategy_matrix(long_df, strategies_df)
    return {int(zone): [code for code, n in row.items() if n == 0] for zone, row in matrix.iterrows()}


def coverage_tables(long_df: pd.DataFrame, strategies_df: pd.DataFrame,
                    axes_df: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Zone × strategy matrix, axis totals, strategy totals and strategies with no project, by name."""
    return {
        "matrix": zone_strategy_matrix(long_df, strategies_df),
        "axes": axis_totals(long_df, axes_df),
        "strategies": strategy_totals(long_df, strategies_df),
        "empty": strategies_without_projects(long_df, strategies_df),
    }
