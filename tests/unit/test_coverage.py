"""Long-form join and coverage metrics on a tiny hand-made territory."""
from __future__ import annotations

import pandas as pd
import pytest

from lib import schema as s
from lib.analysis import coverage as cov
from lib.analysis.joins import BY_REPORTING_ZONE, build_long_form

STRATEGIES = pd.DataFrame({s.STRATEGY: ["1.1", "2.3", "3.3"], s.STRATEGY_TITLE: ["a", "b", "c"],
                           s.AXIS: [1, 2, 3], s.AXIS_TITLE: ["A1", "A2", "A3"],
                           s.AXIS_COLOR: ["#000", "#111", "#222"]})
COMUNI = pd.DataFrame({
    s.ISTAT: ["001", "002", "003", "004"], s.NAME: ["Uno", "Due", "Tre", "Quattro"],
    s.ZONE_ID: [1, 2, 2, 5], s.GROUP_ID: ["A", "A", "A", "B"], s.SUA_LABEL: ["SUA 12-13-14"] * 3 + ["SUA 7"],
    s.POPULATION: [10_000, 5_000, 5_000, 20_000], s.AREA_KM2: [1.0, 2.0, 3.0, 4.0],
})


def project(pid: str, strategies: list[str], zones: list[int], comuni: list[str], precision: str,
            basis: str = s.BASIS_SOURCE, reporting: str = "") -> dict:
    return {s.PROJECT_ID: pid, s.STRATEGY_LIST: strategies, s.ZONE_LIST: zones, s.COMUNE_CODES: comuni,
            s.PRECISION: precision, s.LOCATION_BASIS: basis, s.REPORTING_ZONE: reporting}


PROJECTS = pd.DataFrame([
    project("P1", ["2.3", "1.1"], [2, 5], ["002", "003"], s.PRECISION_COMUNE, basis=s.BASIS_INFERRED),
    project("P2", ["3.3"], [5], [], s.PRECISION_ZONE),
    project("P3", ["1.1"], [], [], s.PRECISION_METRO),
    project("P4", ["2.3"], [1, 2], ["001"], s.PRECISION_COMUNE, reporting="2"),
])


@pytest.fixture(scope="module")
def long_df() -> pd.DataFrame:
    return build_long_form(PROJECTS, STRATEGIES, COMUNI)


def test_long_form_pairs_comuni_only_with_their_zone(long_df: pd.DataFrame) -> None:
    p1 = long_df[long_df[s.PROJECT_ID] == "P1"]
    # zone 2 holds comuni 002 and 003, zone 5 is named without a comune: (2+1) places x 2 strategies
    assert len(p1) == 6
    assert set(p1[p1[s.ZONE_ID] == 5][s.ISTAT].isna()) == {True}
    assert set(p1[p1[s.ZONE_ID] == 2][s.ISTAT]) == {"002", "003"}
    p3 = long_df[long_df[s.PROJECT_ID] == "P3"]
    assert len(p3) == 1 and p3[s.ZONE_ID].isna().all() and p3[s.GROUP_ID].isna().all()
    assert dict(zip(p1[s.STRATEGY], p1[s.AXIS], strict=True)) == {"2.3": 2, "1.1": 1}


def test_long_form_ignores_the_projects_index(long_df: pd.DataFrame) -> None:
    # The join works on row positions: a filtered or shuffled index must not pair rows wrongly.
    shuffled = PROJECTS.set_axis([40, 7, 13, 2])
    pd.testing.assert_frame_equal(build_long_form(shuffled, STRATEGIES, COMUNI), long_df)


def test_coverage_tables_name_each_frame(long_df: pd.DataFrame) -> None:
    axes = STRATEGIES[[s.AXIS, s.AXIS_TITLE, s.AXIS_COLOR]].drop_duplicates()
    tables = cov.coverage_tables(long_df, STRATEGIES, axes)
    assert set(tables) == {"matrix", "axes", "strategies", "empty"}
    pd.testing.assert_frame_equal(tables["matrix"], cov.zone_strategy_matrix(long_df, STRATEGIES))


def test_zone_strategy_matrix_counts_distinct_local_projects(long_df: pd.DataFrame) -> None:
    matrix = cov.zone_strategy_matrix(long_df, STRATEGIES)
    assert matrix.shape == (11, 3)
    assert matrix.loc[2, "2.3"] == 2          # P1 (two comuni, counted once) and P4
    assert matrix.loc[5].to_dict() == {"1.1": 1, "2.3": 1, "3.3": 1}
    assert matrix.loc[1, "1.1"] == 0          # P3 is metro-wide: not a local project of zone 1
    assert matrix.values.sum() == 7


def test_zone_summary_per_capita_and_axis_filter(long_df: pd.DataFrame) -> None:
    summary = cov.zone_summary(long_df, COMUNI).set_index(s.ZONE_ID)
    assert summary.loc[2, s.COUNT] == 2 and summary.loc[2, s.PER_10K] == 2.0
    assert summary.loc[5, s.STRATEGIES_COVERED] == 3
    assert summary[s.ZONE_LEVEL_COUNT].to_dict() == {1: 0, 2: 0, 5: 1}  # P2 is known only at zone level
    assert summary[s.INFERRED_COUNT].to_dict() == {1: 0, 2: 1, 5: 1}    # P1's place is inferred
    axis2 = cov.zone_summary(cov.filter_long(long_df, cov.CoverageFilter(axis=2)), COMUNI).set_index(s.ZONE_ID)
    assert axis2[s.COUNT].to_dict() == {1: 1, 2: 2, 5: 1}
    one = cov.zone_summary(cov.filter_long(long_df, cov.CoverageFilter(strategy="3.3")), COMUNI).set_index(s.ZONE_ID)
    assert one[s.COUNT].to_dict() == {1: 0, 2: 0, 5: 1}


def test_counting_by_reporting_zone(long_df: pd.DataFrame) -> None:
    # P4 touches zones 1 and 2 but its source says zone 2 reported it.
    assert set(long_df.loc[long_df[s.PROJECT_ID] == "P4", BY_REPORTING_ZONE]) == {True, False}
    reported = cov.filter_long(long_df, cov.CoverageFilter(basis=cov.COUNT_REPORTING))
    summary = cov.zone_summary(reported, COMUNI).set_index(s.ZONE_ID)
    assert summary[s.COUNT].to_dict() == {1: 0, 2: 2, 5: 2}
    assert "P3" in set(reported[s.PROJECT_ID])  # projects in no zone are still counted apart


def test_group_summary_counts_a_project_once_per_group(long_df: pd.DataFrame) -> None:
    tables = cov.group_summary(long_df, COMUNI).set_index(s.GROUP_ID)
    assert tables.loc["A", s.COUNT] == 2      # P1 and P4, P4 spans zones 1 and 2
    assert tables.loc["A", s.ZONE_IDS] == "1;2" and tables.loc["A", s.POPULATION] == 20_000
    assert tables.loc["B", s.COUNT] == 2


def test_gaps_and_totals(long_df: pd.DataFrame) -> None:
    totals = cov.axis_totals(long_df, STRATEGIES).set_index(s.AXIS)
    assert totals.loc[1, ["n_total", "n_local", "n_unplaced"]].tolist() == [2, 1, 1]
    assert cov.strategies_without_projects(long_df, STRATEGIES).empty
    matrix = cov.zone_strategy_matrix(long_df, STRATEGIES)
    assert cov.zones_without(matrix, ["3.3"]) == [1, 2, 3, 4, 6, 7, 8, 9, 10, 11]
    assert cov.zones_without(matrix, ["1.1", "2.3"]) == [3, 4, 6, 7, 8, 9, 10, 11]
    per_strategy = cov.strategy_totals(long_df, STRATEGIES).set_index(s.STRATEGY)
    assert per_strategy.loc["2.3", ["n_total", "n_local", "n_zones"]].tolist() == [2, 2, 3]
