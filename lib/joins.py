"""Joins of the registry with the territory and the strategy catalogue, in long form for counting."""
from __future__ import annotations

import pandas as pd

from lib import schema as s


def zone_table(comuni_df: pd.DataFrame) -> pd.DataFrame:
    """One row per zone: table, SUA label, number of comuni, population, area."""
    return (comuni_df.groupby(s.ZONE_ID, as_index=False)
            .agg(**{s.TABLE_ID: (s.TABLE_ID, "first"), s.SUA_LABEL: (s.SUA_LABEL, "first"),
                    s.N_COMUNI: (s.ISTAT, "count"), s.POPULATION: (s.POPULATION, "sum"),
                    s.AREA_KM2: (s.AREA_KM2, "sum")}))


def build_long_form(projects_df: pd.DataFrame, strategies_df: pd.DataFrame,
                    comuni_df: pd.DataFrame) -> pd.DataFrame:
    """One row per project × zone × comune × strategy.

    A comune is paired only with its own zone; a zone the project names without any comune in it gets one
    row with no comune; a metro-wide project gets rows with neither zone nor comune. `axis` is the axis of
    the strategy on that row (a project serving strategies of two axes counts under both).
    """
    # Joined on row positions (integers), not on project ids: merging on strings was most of the time.
    row = "_row"
    positions = pd.RangeIndex(len(projects_df), name=row)
    zones = (pd.Series(projects_df[s.ZONE_LIST].to_numpy(), index=positions, name=s.ZONE_ID).explode()
             .astype("Int64").reset_index())
    comuni = (pd.Series(projects_df[s.COMUNE_CODES].to_numpy(), index=positions, name=s.ISTAT).explode()
              .dropna().reset_index())
    comuni[s.ZONE_ID] = comuni[s.ISTAT].map(dict(zip(comuni_df[s.ISTAT], comuni_df[s.ZONE_ID]))).astype("Int64")
    places = zones.merge(comuni.dropna(subset=[s.ZONE_ID]), on=[row, s.ZONE_ID], how="left")
    strategies = (pd.Series(projects_df[s.STRATEGY_LIST].to_numpy(), index=positions, name=s.STRATEGY).explode()
                  .astype(object).reset_index())
    strategies[s.AXIS] = strategies[s.STRATEGY].map(dict(zip(strategies_df[s.STRATEGY], strategies_df[s.AXIS])))
    strategies = strategies.dropna(subset=[s.AXIS]).astype({s.AXIS: strategies_df[s.AXIS].dtype})
    long_df = places.merge(strategies, on=row, how="inner")
    at = long_df[row].to_numpy()
    for name in (s.PROJECT_ID, s.PRECISION):
        long_df[name] = projects_df[name].iloc[at].set_axis(long_df.index)
    tables = zone_table(comuni_df).set_index(s.ZONE_ID)[s.TABLE_ID]
    long_df[s.TABLE_ID] = long_df[s.ZONE_ID].map(tables).astype("string")
    long_df[s.ISTAT] = long_df[s.ISTAT].astype("string")
    return long_df[[s.PROJECT_ID, s.PRECISION, s.ZONE_ID, s.TABLE_ID, s.ISTAT, s.STRATEGY, s.AXIS]] \
        .reset_index(drop=True)
