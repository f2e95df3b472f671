"""Every page runs (the list comes from dashboard.py), and the main interactions do what a user expects."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from bench.pages import registered_pages
from lib import loaders
from lib import schema as s
from lib.registry.references import read_references
from lib.submissions import moderation
from lib.submissions.db import sqlite_url
from lib.submissions.store import SubmissionStore
from lib.views import labels as lb
from lib.views import state as k
from tests.ui.conftest import ROOT, frame, html_table, open_page, use_store
from tests.unit.submission_workers import make_draft

FIXTURE = ROOT / "tests" / "fixtures" / "plan_alt"


def dashboard_pages() -> list[str]:
    """The page files dashboard.py registers: adding a page there adds it to these tests (and to the bench)."""
    return [file for file, _ in registered_pages(ROOT / "dashboard.py")]


PAGES = dashboard_pages()


def test_every_registered_page_exists() -> None:
    assert len(PAGES) >= 9 and all((ROOT / page).is_file() for page in PAGES)


@pytest.mark.parametrize("page", PAGES)
def test_page_runs_without_exception(page: str) -> None:
    at = open_page(page)
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_on_another_plan_edition(page: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A fixture edition with 4 axes and 9 strategies, coded A1…D3, some titles hostile: nothing assumes 6/24."""
    monkeypatch.setenv("PSM_PLAN_DIR", str(FIXTURE))
    monkeypatch.setenv("PSM_PROJECTS_CSV", str(FIXTURE / "projects.csv"))
    at = open_page(page)
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def test_the_fixture_edition_drives_the_widgets_and_slides(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PSM_PLAN_DIR", str(FIXTURE))
    monkeypatch.setenv("PSM_PROJECTS_CSV", str(FIXTURE / "projects.csv"))
    at = open_page("pages/home_map.py")
    assert at.selectbox(key=k.MAP_AXIS).options[1:] == ["Asse 1 – Territorio {{7*7}} connesso",
                                                        "Asse 2 – Comunità <script>window.psmPwned=1</script>",
                                                        "Asse 3 – Lavoro e imprese", "Asse 4 – Clima e acqua"]
    at = open_page("pages/zone.py", zona="7")
    assert any("Le 9 strategie del PSM 2030-2032" in h.value for h in at.header)
    assert "Asse 1 – Territorio {{7*7}} connesso" in slide_html(open_page("pages/presentation.py", passo="2"))
    axis2 = slide_html(open_page("pages/presentation.py", passo="3"))
    assert "Comunità &lt;script&gt;window.psmPwned=1&lt;/script&gt;" in axis2 and "<script" not in axis2
    at = open_page("pages/presentation.py", passo="99")
    assert at.query_params["passo"] == str(1 + 4 + 6 + 1 + 3)


def slide_html(at) -> str:
    return " ".join(h.proto.body for h in at.get("html") if "psm-slide-title" in h.proto.body)


def _ranking_total(at) -> int:
    return int(html_table(at, "psm-ranking")["Progetti"].astype(int).sum())


def test_axis_and_strategy_filters_change_counts_and_url() -> None:
    at = open_page("pages/home_map.py")
    all_axes = _ranking_total(at)
    at.selectbox(key=k.MAP_AXIS).set_value(6).run()
    axis6 = _ranking_total(at)
    assert 0 < axis6 < all_axes and at.query_params["asse"] == "6"
    options = at.selectbox(key=k.MAP_STRATEGY).options
    # Each strategy starts with how many projects it has: the picker cuts long options at its width.
    assert len(options) == 3 and all(re.match(r"\d+ progett[oi] · 6\.\d ", o) for o in options[1:]), options
    at.selectbox(key=k.MAP_STRATEGY).set_value("6.1").run()
    assert _ranking_total(at) < axis6 and at.query_params["strategia"] == "6.1"


def test_picking_a_strategy_under_all_axes_sets_its_axis() -> None:
    at = open_page("pages/home_map.py")
    at.selectbox(key=k.MAP_STRATEGY).set_value("2.3").run()
    assert at.selectbox(key=k.MAP_AXIS).value == 2 and at.selectbox(key=k.MAP_STRATEGY).value == "2.3"
    assert at.query_params["strategia"] == "2.3"  # the strategy implies its axis in a shared link


def _texts(at) -> list[str]:
    """The page's Markdown as read (escapes and bold marks removed)."""
    return [m.value.replace("\\", "").strip("*") for m in at.markdown]


def test_strategies_without_projects_show_in_the_picker_and_under_it() -> None:
    at = open_page("pages/home_map.py", asse="1")
    assert "0 progetti · 1.2 Innovare nella produzione montana e agricola" in at.selectbox(key=k.MAP_STRATEGY).options
    assert at.selectbox(key=k.MAP_AXIS).format_func(3) == "Asse 3 – + mobile"  # short: the column is narrow
    assert "Senza progetti: 1.2." in _texts(at)
    at = open_page("pages/home_map.py")
    totals = loaders.load_coverage_tables()["strategies"]
    gaps = ", ".join(totals.loc[totals["n_total"] == 0, "strategy"])
    assert gaps.count(".") >= 2 and f"Senza progetti: {gaps}." in _texts(at)
    at = open_page("pages/home_map.py", asse="6")
    assert "Ogni strategia dell'asse ha almeno un progetto." in _texts(at)


def test_shared_map_link_reopens_the_same_view() -> None:
    at = open_page("pages/home_map.py", vista="gruppi", strategia="2.3", misura="abitanti", gruppo="E",
                   conteggio="segnalazione")
    assert at.radio(key=k.MAP_LAYER).value == "gruppi" and at.radio(key=k.MAP_BASIS).value == "segnalazione"
    assert at.selectbox(key=k.MAP_AXIS).value == 2 and at.selectbox(key=k.MAP_STRATEGY).value == "2.3"
    assert at.selectbox(key=k.MAP_SELECTED).value == "E"
    assert [m.label for m in at.metric][0] == "Numero di progetti"


def test_bad_url_values_fall_back_to_defaults() -> None:
    at = open_page("pages/home_map.py", asse="99", strategia="<script>", zona="abc", edizione="1999")
    assert not at.exception
    assert at.selectbox(key=k.MAP_AXIS).value == 0 and at.selectbox(key=k.MAP_STRATEGY).value == ""


def test_the_ranking_names_its_areas() -> None:
    ranking = html_table(open_page("pages/home_map.py"), "psm-ranking")
    assert ranking["Area"].str.match(r"Zona \d+ – ").all() and len(ranking) == 11


def test_zona_query_opens_that_zone() -> None:
    at = open_page("pages/zone.py", zona="7")
    assert at.selectbox(key=k.ZONE_PICK).value == 7
    assert at.title[0].value == "Zona 7 – Ciriacese-Valli di Lanzo"
    projects = frame(at, "Progetto", "Zone")
    assert len(projects) > 0 and projects["Zone"].str.contains("7").all()
    assert len(frame(at, "Coperta")) == 24


def test_a_comune_finds_its_zone() -> None:
    at = open_page("pages/zone.py", zona="1")
    at.selectbox(key=k.ZONE_FIND_COMUNE).set_value("Ivrea").run()
    assert at.selectbox(key=k.ZONE_PICK).value == 9 and at.query_params["zona"] == "9"


def test_zone_search_filters_and_an_empty_result_points_to_the_whole_registry() -> None:
    at = open_page("pages/zone.py", zona="5")
    before = len(frame(at, "Progetto", "Zone"))
    at.text_input(key=k.ZONE_SEARCH).set_value("bike").run()
    after = frame(at, "Progetto", "Zone")
    assert 0 < len(after) < before and after["Progetto"].str.lower().str.contains("bike").all()
    assert at.query_params["cerca"] == "bike" and at.query_params["zona"] == "5"
    at.text_input(key=k.ZONE_SEARCH).set_value("Ivrea").run()
    assert any("Nessun progetto della zona corrisponde" in i.value for i in at.info)


def test_search_across_zones_finds_a_project_by_comune_and_shows_its_zone() -> None:
    # From any page, a project sited in Ivrea (zone 9) is one search away.
    at = open_page("pages/search.py", cerca="Ivrea")
    found = frame(at, "Progetto", "Zone")
    assert len(found) >= 4 and found["Comuni"].str.contains("Ivrea").all() and (found["Zone"] == "9").all()
    at = open_page("pages/search.py", cerca="Pinerolese")
    found = frame(at, "Progetto", "Zone")
    assert (found["Zone"].str.contains("5")).any()
    at = open_page("pages/search.py", cerca="progetto inesistente")
    assert not [d for d in at.dataframe if "Progetto" in d.value.columns]
    assert any("Segnalalo" in i.value for i in at.info)


def test_zone_metrics_have_short_labels() -> None:
    at = open_page("pages/zone.py", zona="7")
    assert [m.label for m in at.metric] == ["Progetti nella zona", "Strategie coperte", "Progetti / 10.000 ab.",
                                            lb.ZONE_UNPLACED_FIGURE]


def test_presentation_steps_advance_and_go_back() -> None:
    at = open_page("pages/presentation.py")
    assert at.query_params["passo"] == "1"
    at.button(key=k.PRESENTATION_NEXT).click().run()
    assert at.query_params["passo"] == "2" and "Asse 1" in slide_html(at)
    at.button(key=k.PRESENTATION_PREV).click().run()
    assert at.query_params["passo"] == "1"


def test_presentation_step_from_url_names_groups_and_needs() -> None:
    at = open_page("pages/presentation.py", passo="14")
    assert "Le lacune" in slide_html(at) and not at.button(key=k.PRESENTATION_NEXT).disabled
    at = open_page("pages/presentation.py", passo="9")
    assert "Gruppo B – Pinerolese" in slide_html(at)
    at = open_page("pages/presentation.py", passo="17")
    assert "Nuovi temi e punti di attenzione" in slide_html(at) and at.button(key=k.PRESENTATION_NEXT).disabled


def test_coverage_page_shows_heatmap_and_the_reports_judgements() -> None:
    at = open_page("pages/coverage.py")
    assert at.get("plotly_chart")
    judged = frame(at, "Giudizio", "Dal monitoraggio").set_index("Strategia")
    assert judged.at["3.1", "Giudizio"] == "attuata solo in parte"
    assert "implementata parzialmente" in judged.at["3.1", "Dal monitoraggio"]


def test_needs_page_links_needs_to_projects() -> None:
    at = open_page("pages/needs.py", asse="3", esigenza="N3.3")
    assert at.title[0].value == "Verso il PSM 2024-2026"
    assert at.selectbox(key=k.NEEDS_PICK).value == "N3.3"
    links = frame(at, "Strategia", "Perché")
    assert "3.3" in set(links["Strategia"])
    projects = frame(at, "Progetto", "Localizzazione")
    assert projects["Progetto"].str.contains("Bike-to-rail").any()


def test_an_approved_report_shows_on_the_zone_page_and_map_flagged(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    store = SubmissionStore(sqlite_url(tmp_path / "submissions.sqlite3"))
    use_store(monkeypatch, store)
    sub = store.add(make_draft(title="Ciclovia della Stura", category="ciclabile"), "SEG-TEST-0001")
    assert moderation.approve(store, sub, "Anna Verdi", read_references(), {"P001"}) == []
    loaders.refresh_submissions()  # what the moderation page does after an approval
    at = open_page("pages/zone.py", zona="7")
    projects = frame(at, "Progetto", "Stato")
    row = projects[projects["Progetto"] == "Ciclovia della Stura"]
    assert len(row) == 1 and row["Stato"].iloc[0] == "segnalato" and row["ID"].iloc[0].startswith("P9")
    assert (projects["Stato"] == "").sum() == len(projects) - 1
    assert json.dumps("Ciclovia della Stura (segnalato)") in loaders.load_zone_map_html(7)
    store.close()


def _empty_grids(at: object) -> list[list[str]]:
    return [list(d.value.columns) for d in at.dataframe if len(d.value) == 0]


# Views where a list can be empty: a strategy with no project (the map's lists), a new need (no strategies).
EMPTY_PRONE_VIEWS = [("pages/home_map.py", {"strategia": "1.2"}), ("pages/home_map.py", {"strategia": "5.4"}),
                     ("pages/needs.py", {"asse": "3", "esigenza": "N3.1"}), ("pages/search.py", {"cerca": "zzqqxx"}),
                     ("pages/zone.py", {"zona": "1"})]


@pytest.mark.parametrize("page", PAGES)
def test_no_page_shows_an_empty_grid(page: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Streamlit draws an empty grid as the English word "empty" on a canvas: a sentence takes its place."""
    assert _empty_grids(open_page(page)) == [], page
    monkeypatch.setenv("PSM_PLAN_DIR", str(FIXTURE))
    monkeypatch.setenv("PSM_PROJECTS_CSV", str(FIXTURE / "projects.csv"))
    assert _empty_grids(open_page(page)) == [], (page, "fixture edition")


@pytest.mark.parametrize(("page", "query"), EMPTY_PRONE_VIEWS)
def test_views_with_empty_lists_say_so_instead_of_an_empty_grid(page: str, query: dict[str, str]) -> None:
    at = open_page(page, **query)
    assert not at.exception
    assert _empty_grids(at) == [], (page, query)


def test_the_needs_page_says_no_need_lacks_projects() -> None:
    at = open_page("pages/needs.py")
    assert "Nessuna esigenza senza progetti." in [i.value for i in at.info]


def _texts_after_title(at) -> list[str]:
    """The main area's texts in page order, from the title on (widgets give their label)."""
    out: list[str] = []

    def walk(node) -> None:
        if getattr(node, "type", "") in ("title", "markdown", "alert", "caption", "header", "subheader", "info"):
            out.append(str(node.value))
        elif hasattr(node, "label") and not hasattr(node, "children"):
            out.append(str(node.label))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at.main)
    titles = [i for i, text in enumerate(out) if text == at.title[0].value]
    return out[titles[0]:]


def test_the_coverage_page_opens_with_its_finding() -> None:
    at = open_page("pages/coverage.py")
    totals = loaders.load_coverage_tables()["strategies"]
    gaps = list(totals.loc[totals["n_total"] == 0, "strategy"])
    first = _texts_after_title(at)[1].replace("\\", "")
    assert first.startswith(f"{len(totals) - len(gaps)} strategie su {len(totals)} hanno progetti; "
                            f"senza progetti: {', '.join(gaps)}; "), first
    assert "con meno strategie coperte" in first and "Zona " in first


def test_the_needs_page_opens_with_its_finding() -> None:
    at = open_page("pages/needs.py")
    first = _texts_after_title(at)[1].replace("\\", "")
    assert first.startswith("Ogni esigenza che continua il piano ha progetti sulle sue strategie, ma restano fuori "
                            "intere zone: più spesso Zona "), first
    # The needs with no strategy of the plan in force are counted, as the "Nuove" figure beside it counts them.
    new = int(loaders.load_needs_coverage()[s.IS_NEW].sum())
    assert new > 0
    assert first.endswith(f" {new} esigenze sono nuove: non continuano alcuna strategia del piano in vigore.")
