"""Each user's question answered first (issue 18): the zone representative's placement column, correction links and
unmapped projects, the councillor's gaps on the coverage page and in its heatmap, the map's folded sources."""
from __future__ import annotations

import json

from lib import loaders
from lib import schema as s
from lib.views import chrome, grids
from lib.views import labels as lb
from lib.views import state as k
from tests.ui.conftest import frame, open_page


def _heatmap(at) -> dict:
    """The coverage page's zone × strategy heatmap, as the figure sent to the browser."""
    specs = [json.loads(e.proto.spec) for e in at.get("plotly_chart")]
    return next(spec for spec in specs if spec["data"][0]["type"] == "heatmap")


def test_the_zone_table_says_where_each_project_is_placed_third_and_offers_a_correction() -> None:
    at = open_page("pages/zone.py", zona="7")
    shown = frame(at, lb.PLACEMENT_COLUMN, lb.CORRECTION_LINK_COLUMN)
    assert list(shown.columns[:5]) == [lb.PROJECT_LINK_COLUMN, "ID", "Progetto", lb.PLACEMENT_COLUMN,
                                       lb.CORRECTION_LINK_COLUMN]
    assert list(shown[lb.CORRECTION_LINK_COLUMN]) == [f"/report?progetto={pid}" for pid in shown["ID"]]
    projects = loaders.load_projects().set_index(s.PROJECT_ID)
    for pid, placed in zip(shown["ID"], shown[lb.PLACEMENT_COLUMN], strict=True):
        row = projects.loc[pid]
        assert placed == f"{lb.PRECISION_LABELS[row[s.PRECISION]]} · {row[s.LOCATION_NOTE]}"
    assert any(p.startswith("nella zona, senza comune · Posizione dedotta") for p in shown[lb.PLACEMENT_COLUMN])


def test_the_zone_page_lists_the_projects_with_no_dot_on_its_map() -> None:
    at = open_page("pages/zone.py", zona="7")
    listed = frame(at, lb.PLACEMENT_COLUMN, index=1)
    projects = loaders.load_projects()
    in_zone = projects[projects[s.ZONE_LIST].map(lambda zones: 7 in zones)]
    no_dot = in_zone.loc[in_zone[s.PRECISION] != s.PRECISION_COMUNE, s.PROJECT_ID]
    assert sorted(listed["ID"]) == sorted(no_dot) and len(no_dot) > 0
    assert f"{lb.ZONE_UNMAPPED_TITLE} ({len(no_dot)})" in [h.value for h in at.header]
    assert lb.CORRECTION_LINK_COLUMN not in listed.columns  # the table above offers it


def test_the_zone_report_link_is_the_button_in_its_container() -> None:
    at = open_page("pages/zone.py", zona="7")
    links = [e for e in at.get("page_link") if e.proto.label == lb.ZONE_REPORT_BUTTON]
    assert len(links) == 1 and links[0].proto.page.endswith("report")
    assert f".st-key-{k.ZONE_REPORT} a" in chrome.STYLE  # drawn as a button; the browser test sees it wrap


def test_search_results_show_the_project_before_its_correction_link() -> None:
    at = open_page("pages/search.py", cerca="Cenischia")
    found = frame(at, lb.CORRECTION_LINK_COLUMN)
    assert list(found.columns[:7]) == [lb.PROJECT_LINK_COLUMN, "ID", "Progetto", "Zone", "Comuni", "Localizzazione",
                                       lb.CORRECTION_LINK_COLUMN]
    assert len(found) and list(found[lb.CORRECTION_LINK_COLUMN]) == [f"/report?progetto={p}" for p in found["ID"]]
    assert not any("mancante" in e.proto.label for e in at.get("page_link"))


def test_the_coverage_page_lists_the_strategies_with_no_project_right_after_its_finding() -> None:
    at = open_page("pages/coverage.py")
    empty = loaders.load_coverage_tables()["empty"]
    assert at.header[0].value == f"Strategie senza progetti ({len(empty)})"
    listed = at.markdown[0].value.replace("\\", "")
    for code, title in zip(empty[s.STRATEGY], empty[s.STRATEGY_TITLE], strict=True):
        assert f"**{code}** – {title}" in listed


def test_the_heatmap_has_a_row_for_projects_in_no_zone_and_marks_the_true_gaps() -> None:
    at = open_page("pages/coverage.py")
    spec = _heatmap(at)
    trace = spec["data"][0]
    assert trace["y"][-1] == lb.HEATMAP_UNPLACED_ROW and len(trace["y"]) == 12
    totals = loaders.load_coverage_tables()["strategies"].set_index(s.STRATEGY)
    unplaced = dict(zip(trace["x"], trace["z"][-1], strict=True))
    assert unplaced == {c: int(totals.at[c, "n_total"] - totals.at[c, "n_local"]) for c in trace["x"]}
    # Columns with no placed project but projects in no zone (4.2, 5.1 in the registry) show them in that row.
    placed_nowhere = [c for c in trace["x"] if totals.at[c, "n_local"] == 0 and totals.at[c, "n_total"] > 0]
    assert placed_nowhere and all(unplaced[c] > 0 for c in placed_nowhere)
    header = {a["x"]: a for a in spec["layout"]["annotations"]}
    gaps = [c for c in trace["x"] if totals.at[c, "n_total"] == 0]
    for i, code in enumerate(trace["x"]):
        assert (lb.HEATMAP_GAP_MARK in header[i]["text"]) == (code in gaps), code
        assert header[i]["hovertext"].startswith(f"{code} – {totals.at[code, s.STRATEGY_TITLE]}")


def test_the_map_folds_its_sources() -> None:
    at = open_page("pages/home_map.py")
    folded = [e for e in at.expander if e.label == lb.MAP_SOURCES_TITLE]
    assert len(folded) == 1 and lb.ATTRIBUTION in folded[0].caption[0].value


def test_the_needs_chart_lists_only_the_standings_that_occur() -> None:
    at = open_page("pages/needs.py")
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    shown = {t["name"] for t in spec["data"] if t.get("showlegend", True)}
    assert shown == {t["name"] for t in spec["data"] if any(t["y"])}
    assert len(shown) < len(spec["data"])  # the registry leaves some standing empty


def test_short_grids_show_every_row_and_comuni_with_projects_come_first() -> None:
    # 24 strategies: a grid of 25 rows' height with its header (6.2 was cut off below a box of about 9 rows).
    assert grids.fit_height(range(24)) == 35 * 25 + 3 and grids.fit_height(range(300)) == 35 * 31 + 3
    at = open_page("pages/zone.py", zona="6")
    comuni = next(d.value for d in at.dataframe if "Progetti nel comune" in d.value.columns)
    counts = list(comuni["Progetti nel comune"])
    assert counts == sorted(counts, reverse=True) and counts[0] > 0  # Oulx and Fenestrelle before 38 zeros
    assert len(comuni) == 40 and comuni["Comune"].is_unique
