"""URL state, display frames, Italian formats, presentation slides and CSV export."""
from __future__ import annotations

import io

import pandas as pd
import pytest

from lib import schema as s
from lib.analysis import coverage as cov
from lib.analysis.joins import build_long_form
from lib.analysis.needs import (
    STATUS,
    STATUS_NEW,
    STATUS_NO_PROJECT,
    STATUS_ZONES_MISSING,
    ZONES_WITHOUT,
    needs_coverage,
    zones_left_out,
)
from lib.export import to_safe_csv
from lib.plan.catalogue import read_catalogue
from lib.plan.needs import read_needs
from lib.registry.read import read_registry
from lib.registry.references import read_categories, read_comuni, read_references
from lib.views import fmt
from lib.views import labels as lb
from lib.views import params as p
from lib.views.findings import coverage_finding, needs_finding
from lib.views.frames import (
    filter_by_words,
    map_lists,
    project_display,
    search_index,
    split_by_scope,
    zone_checklist,
    zone_of_comune,
)
from lib.views.map_view import LAYER_GROUPS, MapRequest, map_request_params, parse_map_request, ranking
from lib.views.presentation import AXIS, GROUP, Slide, coverage_slide, needs_slide, presentation_steps
from lib.views.slides import MAX_SLIDE_LINES, slide_body_html, slide_header_html, view_url

PLAN = read_catalogue().plan()
EDITIONS = ["2021-2023"]


def parse(query: dict) -> MapRequest:
    return parse_map_request(query, PLAN, EDITIONS, "2021-2023")


@pytest.mark.parametrize(("query", "expected"), [
    ({}, MapRequest()),
    ({"asse": "2"}, MapRequest(axis=2)),
    ({"strategia": "2.3"}, MapRequest(axis=2, strategy="2.3")),
    ({"strategia": "9.9", "asse": "7"}, MapRequest()),
    ({"vista": "gruppi", "gruppo": "d", "misura": "abitanti"},
     MapRequest(layer=LAYER_GROUPS, measure=s.PER_10K, selected="D")),
    # Links shared before the rename ("tavolo") still select the group.
    ({"vista": "gruppi", "tavolo": "e"}, MapRequest(layer=LAYER_GROUPS, selected="E")),
    ({"zona": ["11", "3"]}, MapRequest(selected="11")),
    ({"zona": "12"}, MapRequest()),
    ({"misura": "<script>", "conteggio": "segnalazione"}, MapRequest(basis=cov.COUNT_REPORTING)),
    ({"edizione": "2024-2026"}, MapRequest()),  # no catalogue yet: the default edition
])
def test_parse_map_request(query: dict, expected: MapRequest) -> None:
    assert parse(query) == expected


@pytest.mark.parametrize("request_", [MapRequest(), MapRequest(axis=6), MapRequest(strategy="2.3", axis=2),
                                      MapRequest(layer=LAYER_GROUPS, selected="B", measure=s.STRATEGIES_COVERED),
                                      MapRequest(basis=cov.COUNT_REPORTING, selected="7")])
def test_map_request_round_trips_through_the_url(request_: MapRequest) -> None:
    assert parse(map_request_params(request_)) == request_


@pytest.mark.parametrize(("value", "expected"), [("7", 7), (" 7 ", 7), ("7.5", None), ("²", None), ("①", None),
                                                  ("٣", None), ("7" * 5000, None), ("0x7", None), ("-1", None)])
def test_integers_are_ascii_digits_of_bounded_length(value: str, expected: int | None) -> None:
    assert p.parse_int({"zona": value}, p.ZONE, range(1, 12)) == expected


def test_steps_clamp() -> None:
    assert [p.clamp_step({"passo": v}, 14) for v in ("3", "0", "99", "x", "②")] == [3, 1, 14, 1, 1]


REGISTRY = read_registry(s.PROJECTS_CSV, read_references()).valid
CATEGORIES = read_categories()


def test_search_needs_every_word_anywhere_case_insensitive() -> None:
    index = search_index(REGISTRY, CATEGORIES)
    assert set(filter_by_words(REGISTRY, index, "pinerolese BIKE")[s.PROJECT_ID]) == {"P042"}
    assert len(filter_by_words(REGISTRY, index, "  ")) == len(REGISTRY)
    assert filter_by_words(REGISTRY, index, "zzzz").empty
    # Category labels are searchable, the maintainers' English notes are not.
    assert len(filter_by_words(REGISTRY, index, "distretti del cibo")) == 4
    assert filter_by_words(REGISTRY, index, "knowledge").empty


def test_scope_splits_placed_from_everything_else() -> None:
    placed, elsewhere = split_by_scope(REGISTRY)
    assert set(placed[s.PRECISION]) == {s.PRECISION_COMUNE, s.PRECISION_ZONE}
    assert set(elsewhere[s.PRECISION]) == {s.PRECISION_METRO, s.PRECISION_UNNAMED, s.PRECISION_NONE}


def test_display_frames_show_sources_and_inferences_never_internal_notes() -> None:
    shown = project_display(REGISTRY.head(20), CATEGORIES, {"P003": "6 rifugi alpini"})
    assert "Note" not in shown.columns and s.NOTES not in shown.columns
    assert {"Da dove viene la posizione", "Dalla fonte", "Nota della redazione", "Quantità indicate dalla fonte"} \
        <= set(shown.columns)
    row = shown.set_index("ID").loc["P006"]
    assert row["Base della posizione"] == "posizione dedotta"
    assert shown.set_index("ID").at["P003", "Quantità indicate dalla fonte"] == "6 rifugi alpini"


def test_map_lists_cap_each_list_and_count_the_rest() -> None:
    lists = map_lists(REGISTRY, CATEGORIES, limit=3)
    placed, elsewhere = split_by_scope(REGISTRY)
    assert (lists["n_placed"], lists["placed_more"]) == (len(placed), len(placed) - 3)
    assert (lists["n_unplaced"], lists["unplaced_more"]) == (len(elsewhere), len(elsewhere) - 3)
    assert list(lists["unplaced"].columns) == ["Scheda", "Progetto", "Localizzazione", "Strategie"]
    assert list(lists["unplaced"]["Scheda"]) == [f"/project?progetto={i}" for i in elsewhere[s.PROJECT_ID][:3]]
    assert list(lists["placed"]["Scheda"]) == [f"/project?progetto={i}" for i in lists["placed"]["ID"]]


def test_zone_checklist_has_the_reports_judgement() -> None:
    long_df = build_long_form(REGISTRY, PLAN.strategies, read_comuni())
    matrix = cov.zone_strategy_matrix(long_df, PLAN.strategies)
    checklist = zone_checklist(5, matrix, PLAN.strategies, split_by_scope(REGISTRY)[1], PLAN.judgements)
    checklist = checklist.set_index("Strategia")
    assert len(checklist) == 24 and checklist.at["3.3", "Nella zona"] == matrix.at[5, "3.3"]
    assert checklist.at["1.2", "Giudizio del monitoraggio"] == "nessuna nuova azione segnalata"
    assert not checklist.at["1.2", "Coperta"]


def test_zone_finder_and_ranking_name_the_areas() -> None:
    assert zone_of_comune(read_comuni(), "Ivrea") == 9 and zone_of_comune(read_comuni(), "Atlantide") is None
    long_df = build_long_form(REGISTRY, PLAN.strategies, read_comuni())
    table = ranking(cov.zone_summary(long_df, read_comuni()), "zone", s.PER_10K)
    assert table.columns.tolist() == ["Area", "Progetti / 10.000 ab."]
    assert table["Area"].str.match(r"Zona \d+ – ").all() and table.iloc[0, 1].count(",") == 1


@pytest.mark.parametrize(("value", "decimals", "expected"), [(1473696, 0, "1.473.696"), (10000, 0, "10.000"),
                                                             (0.5, 2, "0,50"), (1234.5, 1, "1.234,5")])
def test_italian_numbers(value: float, decimals: int, expected: str) -> None:
    assert fmt.number(value, decimals) == expected


def test_counts_agree_in_number() -> None:
    assert (fmt.count(1, "comune", "comuni"), fmt.count(3, "comune", "comuni")) == ("1 comune", "3 comuni")


@pytest.mark.parametrize("cell", ["=HYPERLINK(\"http://x\")", "+1", "-2+3", "@SUM(A1)", "\t=1"])
def test_csv_export_neutralises_formulas(cell: str) -> None:
    frame = pd.DataFrame({"Progetto": [cell, "Città"], "N": [1, -5]})
    text = to_safe_csv(frame).decode("utf-8-sig")
    back = pd.read_csv(io.StringIO(text), keep_default_na=False)
    assert back["Progetto"][0] == "'" + cell and back["Progetto"][1] == "Città"
    assert list(back["N"]) == [1, -5]  # numbers stay numbers


def test_slides_name_what_the_room_wants_to_know() -> None:
    long_df = build_long_form(REGISTRY, PLAN.strategies, read_comuni())
    tables = cov.coverage_tables(long_df, PLAN.strategies, PLAN.axes)
    groups = cov.group_summary(long_df, read_comuni())
    slides = {}
    for step in presentation_steps(PLAN, with_needs=False):
        axis = int(step.value) if step.kind == AXIS else None
        zones = cov.zone_summary(cov.filter_long(long_df, cov.CoverageFilter(axis=axis)), read_comuni())
        slides[(step.kind, step.value)] = coverage_slide(step, PLAN, tables, zones, groups, len(REGISTRY))
    # An axis slide names the zones without projects, not just their number.
    empty = slides[(AXIS, 4)].lines_title
    assert empty.startswith("Zone senza progetti dell'asse: ") and "(" in empty
    # A group slide lists every strategy it misses, never "… e altre N".
    group = slides[(GROUP, "A")]
    assert group.title.startswith("Gruppo A") and group.request.selected == "A"
    assert all("… e altre" not in line for line in group.lines) and str(len(group.lines)) in group.lines_title
    html = slide_header_html(group, "8 / 17") + slide_body_html(group)
    assert "Gruppo A – Torino e area metropolitana" in html and "<script" not in html


def test_needs_slides() -> None:
    book = read_needs()
    needs = needs_coverage(book, build_long_form(REGISTRY, PLAN.strategies, read_comuni()))
    steps = presentation_steps(PLAN, with_needs=True)[-3:]
    slides = [needs_slide(step, book, needs, PLAN) for step in steps]
    assert [s_.title for s_ in slides] == ["Verso il PSM 2024-2026"] * 3
    assert slides[0].figures[0] == ("Esigenze", "30") and len(slides[0].lines) == 6
    assert slides[2].figures[0] == ("Nuovi temi", "10") and slides[2].lines[0] == "Metro-Montanità – trasversale"
    # Only the first needs slide shows the chart; no need lacks projects, so the second says so in a sentence and
    # names the zones left out instead of an empty list.
    assert [s_.chart for s_ in slides] == [True, False, False]
    assert slides[1].lines_title.startswith("Nessuna esigenza senza progetti") and slides[1].lines
    assert slides[1].lines[0].startswith("Zona ")


def test_a_slide_shows_eight_lines_and_says_how_many_more() -> None:
    slide = Slide(title="T", subtitle="S", request=None, lines_title="Elenco", lines=[f"voce {i}" for i in range(11)])
    body = slide_body_html(slide)
    assert body.count("<li>") == MAX_SLIDE_LINES and body.count('class="psm-line-extra"') == 3
    assert "+3 altre" in body
    assert "+" not in slide_body_html(Slide(title="T", subtitle="S", request=None, lines=["a", "b"]))
    with_qr = slide_body_html(slide, "http://psm.test/presentation?passo=2")
    assert '<img class="psm-qr-img"' in with_qr and "data:image/png;base64," in with_qr and "<li>" not in with_qr


def test_zones_left_out_counts_needs_per_zone() -> None:
    needs = pd.DataFrame({STATUS: [STATUS_ZONES_MISSING, STATUS_ZONES_MISSING, STATUS_NO_PROJECT],
                          ZONES_WITHOUT: [[3, 5], [5], [1, 2, 3]]})
    counts = zones_left_out(needs)
    assert list(counts.index) == [5, 3] and list(counts) == [2, 1]


def test_a_slides_qr_code_opens_that_slide() -> None:
    assert view_url("http://psm.test:8080/presentation?passo=2&x=1", {"passo": "5"}) == \
        "http://psm.test:8080/presentation?passo=5"


@pytest.mark.parametrize(("titles", "short"), [
    ({1: "Torino Metropoli + produttiva", 2: "Torino Metropoli + verde"}, {1: "+ produttiva", 2: "+ verde"}),
    ({1: "Territorio connesso", 2: "Comunità"}, {1: "Territorio connesso", 2: "Comunità"}),
    ({1: "Torino", 2: "Torino verde"}, {1: "Torino", 2: "Torino verde"}),  # never an empty title
    ({1: "Torino Metropoli"}, {1: "Torino Metropoli"}),
])
def test_short_axis_titles_drop_only_the_words_all_share(titles: dict[int, str], short: dict[int, str]) -> None:
    assert lb.short_axis_titles(titles) == short


def test_findings_are_computed_from_the_frames() -> None:
    strategies = pd.DataFrame({s.STRATEGY: ["1.1", "1.2", "2.1"], "n_total": [3, 0, 1]})
    zones = pd.DataFrame({s.ZONE_ID: [1, 2, 3], s.STRATEGIES_COVERED: [2, 1, 1]})
    assert coverage_finding(strategies, zones) == (
        "2 strategie su 3 hanno progetti; senza progetti: 1.2; le zone con meno strategie coperte sono "
        "Zona 2 – AMT Ovest e Zona 3 – AMT Sud, con 1 su 3.")
    needs = pd.DataFrame({STATUS: [STATUS_ZONES_MISSING, STATUS_NO_PROJECT], ZONES_WITHOUT: [[5], [1, 2]]})
    assert needs_finding(needs) == ("1 esigenza continua strategie senza alcun progetto; le altre lasciano fuori "
                                    "intere zone: più spesso Zona 5 – Pinerolese (1 esigenza).")
    with_new = pd.concat([needs, pd.DataFrame({STATUS: [STATUS_NEW], ZONES_WITHOUT: [[]]})], ignore_index=True)
    assert needs_finding(with_new).endswith(" 1 esigenza è nuova: non continua alcuna strategia del piano in vigore.")
