"""Coverage: how many projects serve each strategy, zone and venue group, and where the gaps are."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from geo.territory import ZONE_IDS
from lib import schema as s
from lib.analysis.joins import BY_REPORTING_ZONE, zone_totals
from lib.analysis.measures import add_measures

# How a project is counted in zones: in every zone it touches, or only in the zone the source says
# reported it (when it names one). Values of `conteggio=` in links.
COUNT_TOUCHED = "zone"
COUNT_REPORTING = "segnalazione"
COUNT_BASES = (COUNT_TOUCHED, COUNT_REPORTING)


@dataclass(frozen=True)
class CoverageFilter:
    """Which rows of the long form a view counts: an axis or a strategy, and the zone counting basis."""

    axis: int | None = None
    strategy: str | None = None
    basis: str = COUNT_TOUCHED


def filter_long(long_df: pd.DataFrame, view: CoverageFilter = CoverageFilter()) -> pd.DataFrame:
    """Keep the rows of one strategy, or of one axis, or everything; by reporting zone if asked."""
    if view.strategy:
        long_df = long_df[long_df[s.STRATEGY] == view.strategy]
    elif view.axis:
        long_df = long_df[long_df[s.AXIS] == view.axis]
    if view.basis == COUNT_REPORTING:
        long_df = long_df[long_df[BY_REPORTING_ZONE] | long_df[s.ZONE_ID].isna()]
    return long_df


def local_rows(long_df: pd.DataFrame) -> pd.DataFrame:
    """Rows of projects placed in a zone (the others are counted apart)."""
    return long_df[long_df[s.ZONE_ID].notna()]


def zone_strategy_matrix(long_df: pd.DataFrame, strategies_df: pd.DataFrame) -> pd.DataFrame:
    """Zone × strategy table of distinct placed projects, zeros included (every zone, catalogue columns)."""
    local = local_rows(long_df).drop_duplicates([s.PROJECT_ID, s.ZONE_ID, s.STRATEGY])
    counts = local.groupby([s.ZONE_ID, s.STRATEGY]).size().unstack(fill_value=0)
    matrix = counts.reindex(index=list(ZONE_IDS), columns=list(strategies_df[s.STRATEGY]), fill_value=0)
    matrix.index.name, matrix.columns.name = s.ZONE_ID, s.STRATEGY
    return matrix.astype("int64")


def _summary(long_df: pd.DataFrame, key: str, areas: pd.DataFrame) -> pd.DataFrame:
    local = local_rows(long_df)
    grouped = local.groupby(key)

    def distinct_where(mask: pd.Series) -> pd.Series:
        return local[mask].groupby(key)[s.PROJECT_ID].nunique()
    out = pd.DataFrame({
        s.COUNT: grouped[s.PROJECT_ID].nunique(),
        s.STRATEGIES_COVERED: grouped[s.STRATEGY].nunique(),
        s.ZONE_LEVEL_COUNT: distinct_where(local[s.PRECISION] == s.PRECISION_ZONE),
        s.INFERRED_COUNT: distinct_where(local[s.LOCATION_BASIS] == s.BASIS_INFERRED),
    })
    out = areas.merge(out, left_on=key, right_index=True, how="left")
    counts = [s.COUNT, s.STRATEGIES_COVERED, s.ZONE_LEVEL_COUNT, s.INFERRED_COUNT]
    out[counts] = out[counts].fillna(0).astype("int64")
    return add_measures(out).reset_index(drop=True)


def zone_summary(long_df: pd.DataFrame, comuni_df: pd.DataFrame) -> pd.DataFrame:
    """Per zone: projects (how many known only at zone level, how many placed by inference), strategies
    covered and every measure (all zones, also those with nothing)."""
    return _summary(long_df, s.ZONE_ID, zone_totals(comuni_df))


def group_summary(long_df: pd.DataFrame, comuni_df: pd.DataFrame) -> pd.DataFrame:
    """The same figures per venue group A–F (a project in two zones of one group counts once)."""
    zones = zone_totals(comuni_df)
    groups = (zones.groupby(s.GROUP_ID, as_index=False)
              .agg(**{s.SUA_LABEL: (s.SUA_LABEL, "first"),
                      s.ZONE_IDS: (s.ZONE_ID, lambda z: s.LIST_SEP.join(str(v) for v in sorted(z))),
                      s.N_COMUNI: (s.N_COMUNI, "sum"), s.POPULATION: (s.POPULATION, "sum"),
                      s.AREA_KM2: (s.AREA_KM2, "sum")}))
    return _summary(long_df, s.GROUP_ID, groups)


def axis_totals(long_df: pd.DataFrame, axes_df: pd.DataFrame) -> pd.DataFrame:
    """Per axis: distinct projects in total, placed in zones, and not placed in any zone."""
    def distinct(frame: pd.DataFrame) -> pd.Series:
        return frame.groupby(s.AXIS)[s.PROJECT_ID].nunique()

    out = axes_df[[s.AXIS, s.AXIS_TITLE, s.AXIS_COLOR]].copy()
    out["n_total"] = out[s.AXIS].map(distinct(long_df)).fillna(0).astype("int64")
    out["n_local"] = out[s.AXIS].map(distinct(local_rows(long_df))).fillna(0).astype("int64")
    out["n_unplaced"] = out[s.AXIS].map(distinct(long_df[long_df[s.ZONE_ID].isna()])).fillna(0).astype("int64")
    return out


def strategy_totals(long_df: pd.DataFrame, strategies_df: pd.DataFrame) -> pd.DataFrame:
    """Per strategy: distinct projects in total and placed, and zones reached."""
    out = strategies_df[[s.STRATEGY, s.STRATEGY_TITLE, s.AXIS]].copy()
    by = long_df.groupby(s.STRATEGY)
    out["n_total"] = out[s.STRATEGY].map(by[s.PROJECT_ID].nunique()).fillna(0).astype("int64")
    local = local_rows(long_df).groupby(s.STRATEGY)
    out["n_local"] = out[s.STRATEGY].map(local[s.PROJECT_ID].nunique()).fillna(0).astype("int64")
    out["n_zones"] = out[s.STRATEGY].map(local[s.ZONE_ID].nunique()).fillna(0).astype("int64")
    return out


def strategies_without_projects(long_df: pd.DataFrame, strategies_df: pd.DataFrame) -> pd.DataFrame:
    """Strategies with no project anywhere, unplaced ones included."""
    used = set(long_df[s.STRATEGY])
    return strategies_df[~strategies_df[s.STRATEGY].isin(used)].reset_index(drop=True)


def zones_without(matrix_df: pd.DataFrame, codes: list[str]) -> list[int]:
    """The zones with no placed project on any of these strategies."""
    if not codes:
        return list(matrix_df.index)
    return [int(z) for z, n in matrix_df[codes].sum(axis=1).items() if n == 0]


def coverage_tables(long_df: pd.DataFrame, strategies_df: pd.DataFrame,
                    axes_df: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Zone × strategy matrix, axis totals, strategy totals and strategies with no project, by name."""
    return {
        "matrix": zone_strategy_matrix(long_df, strategies_df),
        "axes": axis_totals(long_df, axes_df),
        "strategies": strategy_totals(long_df, strategies_df),
        "empty": strategies_without_projects(long_df, strategies_df),
    }
