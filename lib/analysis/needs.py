"""The needs for the next plan against the coverage of the plan they continue."""
from __future__ import annotations

import pandas as pd

from geo.territory import ZONE_IDS
from lib import schema as s
from lib.analysis.coverage import local_rows
from lib.plan.needs import NeedsBook

# Columns of `needs_coverage`.
LINKED = "linked"
N_PROJECTS = "n_projects_linked"
ZONES_WITH = "zones_with"
ZONES_WITHOUT = "zones_without"
STATUS = "status"
# zones_left_out: how many needs leave a zone without projects.
N_NEEDS = "n_needs"
# A need's standing against the coverage of the strategies it continues.
STATUS_NEW = "nuova"
STATUS_NO_PROJECT = "senza_progetti"
STATUS_ZONES_MISSING = "zone_scoperte"
STATUS_COVERED = "ogni_zona"
STATUSES = (STATUS_NO_PROJECT, STATUS_ZONES_MISSING, STATUS_COVERED, STATUS_NEW)


def needs_coverage(book: NeedsBook, long_df: pd.DataFrame) -> pd.DataFrame:
    """One row per need: the strategies it continues, how many projects serve them (anywhere), the zones
    with and without a placed project on them, and its status (STATUSES).

    Args:
        book: the needs.
        long_df: the long form of the edition the needs continue (lib.analysis.joins.build_long_form).
    """
    local = local_rows(long_df)
    rows = []
    for need in book.needs.itertuples(index=False):
        need_id = getattr(need, s.NEED_ID)
        codes = list(book.links_of(need_id)[s.STRATEGY])
        projects = long_df.loc[long_df[s.STRATEGY].isin(codes), s.PROJECT_ID].nunique()
        zones = sorted(int(z) for z in local.loc[local[s.STRATEGY].isin(codes), s.ZONE_ID].unique())
        missing = [z for z in ZONE_IDS if z not in zones]
        if getattr(need, s.IS_NEW):
            status = STATUS_NEW
        elif not projects:
            status = STATUS_NO_PROJECT
        elif missing:
            status = STATUS_ZONES_MISSING
        else:
            status = STATUS_COVERED
        rows.append({s.NEED_ID: need_id, s.AXIS: getattr(need, s.AXIS), s.NUMBER: getattr(need, s.NUMBER),
                     s.TEXT: getattr(need, s.TEXT), s.IS_NEW: getattr(need, s.IS_NEW), LINKED: codes,
                     N_PROJECTS: projects, ZONES_WITH: zones, ZONES_WITHOUT: missing, STATUS: status})
    return pd.DataFrame(rows)


def projects_for_need(projects_df: pd.DataFrame, edition: str, codes: list[str]) -> pd.DataFrame:
    """The projects of an edition serving any of these strategies."""
    wanted = set(codes)
    mine = projects_df[projects_df[s.PLAN_EDITION] == edition]
    return mine.loc[mine[s.STRATEGY_LIST].map(lambda strategies: bool(wanted & set(strategies))).astype(bool)]


def zones_left_out(needs_df: pd.DataFrame) -> pd.Series:
    """For each zone, how many needs with projects elsewhere have none in it; most left out first, zeros dropped.

    Args:
        needs_df: the frame of needs_coverage.
    """
    with_projects = needs_df[needs_df[STATUS].isin([STATUS_ZONES_MISSING, STATUS_COVERED])]
    counts = pd.Series([z for zones in with_projects[ZONES_WITHOUT] for z in zones], dtype="int64").value_counts()
    counts = counts.rename_axis(s.ZONE_ID).rename(N_NEEDS)
    return counts.sort_index().sort_values(ascending=False, kind="stable")
