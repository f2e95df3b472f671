"""Joins of the registry with the territory and the plan, in long form for counting."""
from __future__ import annotations

import pandas as pd

from lib import schema as s

# Long-form flag: the row's zone is where the project counts when counting by reporting zone (its
# reporting zone, or every zone it touches when the source names none).
BY_REPORTING_ZONE = "by_reporting_zone"
LONG_COLUMNS = (s.PROJECT_ID, s.PRECISION, s.LOCATION_BASIS, s.ZONE_ID, s.GROUP_ID, s.ISTAT, s.STRATEGY, s.AXIS,
                BY_REPORTING_ZONE)


def zone_totals(comuni_df: pd.DataFrame) -> pd.DataFrame:
    """One row per zone: venue group, SUA label, number of comuni, population, area."""
    return (comuni_df.groupby(s.ZONE_ID, as_index=False)
            .agg(**{s.GROUP_ID: (s.GROUP_ID, "first"), s.SUA_LABEL: (s.SUA_LABEL, "first"),
                    s.N_COMUNI: (s.ISTAT, "count"), s.POPULATION: (s.POPULATION, "sum"),
                    s.AREA_KM2: (s.AREA_KM2, "sum")}))


def build_long_form(projects_df: pd.DataFrame, strategies_df: pd.DataFrame,
                    comuni_df: pd.DataFrame) -> pd.DataFrame:
    """One row per project × zone × comune × strategy, for the projects of one plan edition.

    A comune is paired only with its own zone; a zone the project names without any comune in it gets one
    row with no comune; a project placed in no zone gets rows with neither zone nor comune. `axis` is the
    axis of the strategy on that row (a project serving strategies of two axes counts under both).

    Args:
        projects_df: parsed registry rows of the edition of `strategies_df`.
        strategies_df: that edition's strategies (lib.plan.catalogue.Plan.strategies).
        comuni_df: the territory table.
    """
    # Joined on row positions (integers), not on project ids: merging on strings was most of the time.
    row = "_row"
    positions = pd.RangeIndex(len(projects_df), name=row)
    zones = (pd.Series(projects_df[s.ZONE_LIST].to_numpy(), index=positions, name=s.ZONE_ID).explode()
             .astype("Int64").reset_index())
    comuni = (pd.Series(projects_df[s.COMUNE_CODES].to_numpy(), index=positions, name=s.ISTAT).explode()
              .dropna().reset_index())
    zone_of = dict(zip(comuni_df[s.ISTAT], comuni_df[s.ZONE_ID], strict=True))
    comuni[s.ZONE_ID] = comuni[s.ISTAT].map(zone_of).astype("Int64")
    places = zones.merge(comuni.dropna(subset=[s.ZONE_ID]), on=[row, s.ZONE_ID], how="left")
    strategies = (pd.Series(projects_df[s.STRATEGY_LIST].to_numpy(), index=positions, name=s.STRATEGY).explode()
                  .astype(object).reset_index())
    axis_of = dict(zip(strategies_df[s.STRATEGY], strategies_df[s.AXIS], strict=True))
    strategies[s.AXIS] = strategies[s.STRATEGY].map(axis_of)
    strategies = strategies.dropna(subset=[s.AXIS]).astype({s.AXIS: strategies_df[s.AXIS].dtype})
    long_df = places.merge(strategies, on=row, how="inner")
    at = long_df[row].to_numpy()
    for name in (s.PROJECT_ID, s.PRECISION, s.LOCATION_BASIS):
        long_df[name] = projects_df[name].iloc[at].set_axis(long_df.index)
    reporting = pd.to_numeric(projects_df[s.REPORTING_ZONE].iloc[at], errors="coerce").set_axis(long_df.index)
    long_df[BY_REPORTING_ZONE] = (reporting.isna() | (reporting == long_df[s.ZONE_ID])).fillna(False).astype(bool)
    groups = zone_totals(comuni_df).set_index(s.ZONE_ID)[s.GROUP_ID]
    long_df[s.GROUP_ID] = long_df[s.ZONE_ID].map(groups).astype("string")
    long_df[s.ISTAT] = long_df[s.ISTAT].astype("string")
    return long_df[list(LONG_COLUMNS)].reset_index(drop=True)
