"""URL state, display tables, presentation slides and CSV export."""
from __future__ import annotations

import io

import pandas as pd
import pytest

from lib import catalogue
from lib import schema as s
from lib.export import to_safe_csv
from lib.map_view import LAYER_TABLES, MapRequest
from lib.presentation import build_slide
from lib.tables import filter_by_words, map_lists, search_index, split_by_scope, zone_checklist
from lib.url_state import (PRESENTATION_STEPS, Step, map_request_params, parse_map_request, parse_step,
                           parse_zone)

CODES = {"1.1", "2.3", "6.1"}


@pytest.mark.parametrize(("params", "expected"), [
    ({}, MapRequest()),
    ({"asse": "2"}, MapRequest(axis=2)),
    ({"strategia": "2.3"}, MapRequest(axis=2, strategy="2.3")),
    ({"strategia": "9.9", "asse": "7"}, MapRequest()),
    ({"vista": "tavoli", "tavolo": "d", "misura": "abitanti"},
     MapRequest(layer=LAYER_TABLES, metric=s.PER_10K, selected="D")),
    ({"zona": ["11", "3"]}, MapRequest(selected="11")),
    ({"zona": "12"}, MapRequest()),
    ({"misura": "<script>"}, MapRequest()),
])
def test_parse_map_request(params: dict, expected: MapRequest) -> None:
    assert parse_map_request(params, CODES) == expected


@pytest.mark.parametrize("request_", [MapRequest(), MapRequest(axis=6), MapRequest(strategy="2.3", axis=2),
                                      MapRequest(layer=LAYER_TABLES, selected="B", metric=s.STRATEGIES_COVERED)])
def test_map_request_round_trips_through_the_url(request_: MapRequest) -> None:
    assert parse_map_request(map_request_params(request_), CODES) == request_


def test_steps_and_zone() -> None:
    assert len(PRESENTATION_STEPS) == 14 and PRESENTATION_STEPS[7] == Step("table", "A")
    assert [parse_step({"passo": v}) for v in ("3", "0", "99", "x")] == [3, 1, 14, 1]
    assert parse_zone({"zona": " 7 "}) == 7 and parse_zone({"zona": "7.5"}) is None


PROJECTS = pd.DataFrame({
    s.PROJECT_ID: ["P001", "P002", "P003"], s.TITLE: ["Bike-to-rail Pinerolo", "CER Ivrea", "MIP"],
    s.DESCRIPTION: ["ciclabile", "energia", "imprese"], s.CATEGORY: ["bike_to_rail", "cer", "innovazione"],
    s.COMUNI: ["Pinerolo", "Ivrea", ""], s.PROMOTER: ["", "CCIAA", "CMT"], s.STRATEGIES: ["3.3", "2.3", "1.3"],
    s.NOTES: ["", "", ""], s.PRECISION: ["comune", "comune", "metropolitana"],
    s.STRATEGY_LIST: [["3.3"], ["2.3"], ["1.3", "6.1"]],
})


def search_projects(frame: pd.DataFrame, text: str) -> pd.DataFrame:
    return filter_by_words(frame, search_index(frame), text)


def test_search_needs_every_word_anywhere_case_insensitive() -> None:
    assert list(search_projects(PROJECTS, "pinerolo BIKE")[s.PROJECT_ID]) == ["P001"]
    assert list(search_projects(PROJECTS, "cciaa")[s.PROJECT_ID]) == ["P002"]
    assert len(search_projects(PROJECTS, "  ")) == 3 and search_projects(PROJECTS, "zzz").empty
    local, metro = split_by_scope(PROJECTS)
    assert list(local[s.PROJECT_ID]) == ["P001", "P002"] and list(metro[s.PROJECT_ID]) == ["P003"]


def test_map_lists_cap_each_list_and_count_the_rest() -> None:
    projects = PROJECTS.assign(**{s.ZONES: ["5", "9", ""], s.SOURCE: "seed 002"})
    lists = map_lists(projects, catalogue.read_categories(), limit=1)
    assert (lists["n_local"], lists["local_more"], lists["n_metro"], lists["metro_more"]) == (2, 1, 1, 0)
    assert len(lists["local"]) == 1 and list(lists["metro"].columns) == [s.TITLE, s.STRATEGIES]


def test_zone_checklist_marks_covered_strategies_and_counts_metro_apart() -> None:
    strategies = catalogue.read_strategies()
    matrix = pd.DataFrame(0, index=list(s.ZONE_NUMBERS), columns=list(strategies[s.STRATEGY]))
    matrix.loc[5, "3.3"] = 2
    checklist = zone_checklist(5, matrix, strategies, split_by_scope(PROJECTS)[1]).set_index("Strategia")
    assert len(checklist) == 24 and checklist["Coperta nella zona"].sum() == 1
    assert checklist.loc["3.3", "Progetti nella zona"] == 2
    assert checklist.loc["6.1", "Progetti metropolitani"] == 1 and not checklist.loc["6.1", "Coperta nella zona"]


@pytest.mark.parametrize("cell", ["=HYPERLINK(\"http://x\")", "+1", "-2+3", "@SUM(A1)", "\t=1"])
def test_csv_export_neutralises_formulas(cell: str) -> None:
    frame = pd.DataFrame({"Progetto": [cell, "Città"], "N": [1, -5]})
    text = to_safe_csv(frame).decode("utf-8-sig")
    back = pd.read_csv(io.StringIO(text), keep_default_na=False)
    assert back["Progetto"][0] == "'" + cell and back["Progetto"][1] == "Città"
    assert list(back["N"]) == [1, -5]  # numbers stay numbers


def test_slides_cover_every_step() -> None:
    strategies = catalogue.read_strategies()
    matrix = pd.DataFrame(0, index=list(s.ZONE_NUMBERS), columns=list(strategies[s.STRATEGY]))
    matrix.loc[1, "1.1"] = 1
    per_strategy = strategies[[s.STRATEGY, s.STRATEGY_TITLE, s.AXIS]].assign(n_total=0, n_local=0, n_zones=0)
    axes = catalogue.read_axes(strategies).assign(n_total=1, n_local=1, n_metro=0)
    coverage = {"matrix": matrix, "axes": axes, "strategies": per_strategy, "empty": strategies.head(2)}
    zones = pd.DataFrame({s.ZONE_ID: list(s.ZONE_NUMBERS), s.COUNT: [1] + [0] * 10,
                          s.STRATEGIES_COVERED: [1] + [0] * 10})
    tables = pd.DataFrame({s.TABLE_ID: list(s.TABLE_IDS), s.ZONE_IDS: ["1;2;3;4", "5", "6", "7;8", "9;10", "11"],
                           s.SUA_LABEL: ["SUA"] * 6, s.COUNT: [1, 0, 0, 0, 0, 0],
                           s.STRATEGIES_COVERED: [1, 0, 0, 0, 0, 0], s.PER_10K: [0.1, 0, 0, 0, 0, 0]})
    slides = [build_slide(step, coverage, zones, tables, strategies, catalogue.read_no_action(), 5)
              for step in PRESENTATION_STEPS]
    assert slides[0].figures[0] == ("Progetti", "5")
    assert slides[7].title.startswith("Tavolo A") and slides[7].request.selected == "A"
    assert "23" in slides[7].lines_title and slides[7].lines[-1] == "… e altre 17"
    assert slides[-1].title == "Le lacune" and slides[1].request.axis == 1
