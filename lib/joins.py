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
    base = projects_df[[s.PROJECT_ID, s.PRECISION, s.ZONE_LIST, s.COMUNE_CODES, s.STRATEGY_LIST]]
    zones = (base[[s.PROJECT_ID, s.PRECISION, s.ZONE_LIST]].explode(s.ZONE_LIST)
             .rename(columns={s.ZONE_LIST: s.ZONE_ID}))
    zones[s.ZONE_ID] = zones[s.ZONE_ID].astype("Int64")
    comuni = (base[[s.PROJECT_ID, s.COMUNE_CODES]].explode(s.COMUNE_CODES).dropna()
              .rename(columns={s.COMUNE_CODES: s.ISTAT})
              .merge(comuni_df[[s.ISTAT, s.ZONE_ID]], on=s.ISTAT, how="inner"))
    comuni[s.ZONE_ID] = comuni[s.ZONE_ID].astype("Int64")
    places = zones.merge(comuni, on=[s.PROJECT_ID, s.ZONE_ID], how="left")
    strategies = (base[[s.PROJECT_ID, s.STRATEGY_LIST]].explode(s.STRATEGY_LIST)
                  .rename(columns={s.STRATEGY_LIST: s.STRATEGY})
                  .merge(strategies_df[[s.STRATEGY, s.AXIS]], on=s.STRATEGY, how="inner"))
    long_df = places.merge(strategies, on=s.PROJECT_ID, how="inner")
    tables = zone_table(comuni_df).set_index(s.ZONE_ID)[s.TABLE_ID]
    long_df[s.TABLE_ID] = long_df[s.ZONE_ID].map(tables).astype("string")
    long_df[s.ISTAT] = long_df[s.ISTAT].astype("string")
    return long_df[[s.PROJECT_ID, s.PRECISION, s.ZONE_ID, s.TABLE_ID, s.ISTAT, s.STRATEGY, s.AXIS]] \
        .reset_index(drop=True)
