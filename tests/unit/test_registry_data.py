"""The committed data files, pinned against the source documents' own sentences.

Seed 002 is the *Restituzione della fase preliminare* (chapter 3: monitoring of PSM 2021-2023); the quotes
below are its words. The seeds are not in the checkout, so the sentences are quoted here.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from lib import schema as s
from lib.analysis import coverage as cov
from lib.analysis.joins import build_long_form
from lib.plan.catalogue import read_catalogue
from lib.registry.quantities import read_quantities
from lib.registry.read import read_registry
from lib.registry.references import read_categories, read_comuni, read_references

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def registry() -> pd.DataFrame:
    report = read_registry(s.PROJECTS_CSV, read_references())
    assert report.issues == []
    return report.valid.set_index(s.PROJECT_ID, drop=False)


@pytest.fixture(scope="module")
def plan():
    return read_catalogue().plan()


@pytest.fixture(scope="module")
def long_df(registry: pd.DataFrame, plan) -> pd.DataFrame:
    return build_long_form(registry.reset_index(drop=True), plan.strategies, read_comuni())


def test_the_plan_in_force_has_six_axes_and_24_strategies(plan) -> None:
    # Seed 000: "6 assi strategici, articolati in 24 strategie e 111 azioni".
    assert (plan.edition.key, plan.edition.n_axes, plan.edition.n_strategies, plan.edition.n_actions) == \
        ("2021-2023", 6, 24, 111)
    assert plan.strategies.groupby(s.AXIS).size().to_dict() == {1: 7, 2: 5, 3: 4, 4: 2, 5: 4, 6: 2}
    assert plan.strategy_titles()["3.3"] == "Ridisegnare la metropoli come rete policentrica di città e quartieri 15'"
    assert len(set(plan.axis_colors().values())) == 6


def test_the_next_edition_is_known_by_its_totals_only() -> None:
    catalogue = read_catalogue()
    nxt = catalogue.editions["2024-2026"]
    assert (nxt.n_axes, nxt.n_strategies, nxt.n_actions, nxt.has_catalogue) == (6, 25, 113, False)
    assert "2024-2026" not in catalogue.plans and catalogue.default == "2021-2023"


def test_every_registry_row_is_valid_and_every_axis_is_present(registry: pd.DataFrame) -> None:
    assert len(registry) == 106 and set(registry[s.AXIS]) == {1, 2, 3, 4, 5, 6}
    assert set(registry[s.CATEGORY]) == set(read_categories()[s.CATEGORY])
    assert set(registry[s.PLAN_EDITION]) == {"2021-2023"}
    assert registry[s.LOCATION_NOTE].str.len().gt(10).all()
    assert registry[s.SOURCE].str.startswith("Monitoraggio PSM").all()
    assert not registry[s.SOURCE].str.contains("seed|§").any()


@pytest.mark.parametrize(("project", "quote", "expected"), [
    # "nell'area di Torino Ovest, con il collegamento tra Torino e Grugliasco (Zona 2)": reported by zone 2,
    # touching the zones of both comuni.
    ("P040", "con il collegamento tra Torino e Grugliasco (Zona 2)",
     {s.COMUNI: "Torino;Grugliasco", s.ZONES: "1;2", s.REPORTING_ZONE: "2", s.LOCATION_BASIS: s.BASIS_SOURCE}),
    # "il progetto "Da ponte a ponte" … nel Chivassese (zona 10)": the comune is inferred.
    ("P035", "dal ponte sul torrente Orco al ponte sul Po",
     {s.COMUNI: "Chivasso", s.REPORTING_ZONE: "10", s.LOCATION_BASIS: s.BASIS_INFERRED}),
    # "i 50 interventi previsti con il Programma Innovativo Nazionale per la Qualità dell'Abitare (PINQuA),
    # ubicati in 9 comuni del territorio metropolitano": a limited footprint the source does not name.
    ("P073", "resiDenza-resiLlenza", {s.PRECISION: s.PRECISION_UNNAMED, s.ZONES: ""}),
    # "la misura del Superbonus edilizia al 110 per cento": no place at all, not metro-wide.
    ("P036", "Superbonus edilizia al 110 per cento", {s.PRECISION: s.PRECISION_NONE}),
    # "che prevede 66 interventi sul territorio metropolitano": metro-wide in the source's own words.
    ("P037", "66 interventi sul territorio metropolitano", {s.PRECISION: s.PRECISION_METRO}),
    # "dai GAL Valli del Canavese, GAL Escartons e Valli Valdesi, GAL Valli di Lanzo…": the zones are the
    # GAL's territory, inferred.
    ("P018", "GAL Valli del Canavese", {s.ZONES: "8;9", s.LOCATION_BASIS: s.BASIS_INFERRED}),
    # "la Zona omogenea 10 ha segnalato … la navetta da Chivasso all'ospedale di Candiolo".
    ("P054", "navetta da Chivasso all'ospedale di Candiolo", {s.REPORTING_ZONE: "10", s.ZONES: "3;10"}),
])
def test_rows_say_what_the_source_says(registry: pd.DataFrame, project: str, quote: str, expected: dict) -> None:
    row = registry.loc[project]
    assert quote in row[s.SOURCE_QUOTE] + row[s.TITLE] + row[s.DESCRIPTION]
    assert {k: row[k] for k in expected} == expected
    if row[s.LOCATION_BASIS] == s.BASIS_INFERRED:
        assert "dedotta" in row[s.LOCATION_NOTE].lower()


def test_no_row_adds_words_the_source_does_not_say(registry: pd.DataFrame) -> None:
    # The review found these additions; they are gone from the descriptions.
    for project, added in (("P009", "anche a vocazione sociale"), ("P057", "studentesse e studenti"),
                           ("P064", "studentesse e studenti"), ("P056", "alunne e alunni")):
        assert added not in registry.at[project, s.DESCRIPTION]


def test_quantities_are_numbers_with_units(registry: pd.DataFrame) -> None:
    quantities, issues = read_quantities(s.QUANTITIES_CSV, set(registry.index))
    assert issues == []
    got = {(r[s.PROJECT_ID], r[s.QUANTITY_VALUE], r[s.QUANTITY_UNIT], r[s.QUANTITY_APPROXIMATE])
           for _, r in quantities.iterrows()}
    # "che prevede 66 interventi", "50 interventi … ubicati in 9 comuni", "una ventina di imprese", "sei rifugi"
    assert {("P037", 66, "interventi", False), ("P073", 50, "interventi", False), ("P073", 9, "comuni", False),
            ("P027", 20, "imprese", True), ("P003", 6, "rifugi alpini", False)} <= got


@pytest.mark.parametrize(("strategy", "judgement", "quote"), [
    ("1.3", "prevalente", "è stata quella maggiormente implementata"),
    ("2.3", "prevalente", "risulta essere maggiormente attenzionata la strategia 2.3"),
    ("3.1", "parziale", "implementata parzialmente"),
    ("1.2", "nessuna_azione", "Non è stata riportata alcuna azione"),
    ("5.4", "nessuna_azione", "non ha invece registrato alcuna nuova attività"),
])
def test_the_reports_judgement_of_each_strategy_is_data(plan, strategy: str, judgement: str,
                                                         quote: str) -> None:
    judged = plan.judgements.set_index(s.STRATEGY)
    assert len(judged) == 24
    assert judged.at[strategy, s.JUDGEMENT] == judgement and quote in judged.at[strategy, s.QUOTE]


def test_validate_cli_exit_codes(tmp_path: Path) -> None:
    ok = subprocess.run([sys.executable, "-m", "lib.registry.validate", "data/projects.csv"], cwd=ROOT,
                        capture_output=True, text=True, check=False)
    assert ok.returncode == 0, ok.stdout
    assert "106 righe valide su 106, 0 problemi" in ok.stdout and "13 quantità valide" in ok.stdout
    bad = tmp_path / "projects.csv"
    lines = s.PROJECTS_CSV.read_text(encoding="utf-8").splitlines()
    bad.write_text("\n".join([lines[0], lines[1], lines[1]]) + "\n", encoding="utf-8")
    failed = subprocess.run([sys.executable, "-m", "lib.registry.validate", str(bad)], cwd=ROOT,
                            capture_output=True, text=True, check=False)
    assert failed.returncode == 1
    assert "riga 3, colonna «project_id»: ID «P001» ripetuto" in failed.stdout
    semicolons = tmp_path / "semi.csv"
    semicolons.write_text(lines[0].replace(",", ";") + "\n", encoding="utf-8")
    unreadable = subprocess.run([sys.executable, "-m", "lib.registry.validate", str(semicolons)], cwd=ROOT,
                                capture_output=True, text=True, check=False)
    assert unreadable.returncode == 2 and "separata con il punto e virgola" in unreadable.stdout


def test_strategies_without_projects_are_those_the_report_names(long_df: pd.DataFrame, plan) -> None:
    # "Non è stata riportata alcuna azione inerente la strategia 1.2"; 5.4 "non ha invece registrato alcuna
    # nuova attività"; 3.4 only through the Torino-Ceres line.
    assert list(cov.strategies_without_projects(long_df, plan.strategies)[s.STRATEGY]) == ["1.2", "5.4"]


@pytest.mark.parametrize(("zone", "strategy", "expected"), [
    (10, "6.1", 2),   # "un ospedale di comunità e di due case della salute nel Chivassese (Zona 10)"
    (9, "6.1", 1),    # "la localizzazione nuovo ospedale di Ivrea (Zona 9)"
    (10, "2.5", 2),   # CB 16 eco-centres and "il primo Magazzino del Riuso di Cavagnolo"
    (5, "3.3", 1),    # "Bike-to-rail, con progetti nel Pinerolese (Zona 5)"
    (11, "3.3", 2),   # Bike-to-rail and "nuovi collegamenti con la Ciclovia VenTo e la Corona Verde in area Chierese"
    (9, "4.2", 3),    # "il corso di infermieristica, il corso di formazione con Olivetti e il corso di telemedicina"
    (1, "2.3", 1),    # CerTo, "in Barriera di Milano (Zona 1)"
    (6, "1.1", 2),    # Fenestrelle-Oulx backbone and Val Cenischia
])
def test_zone_strategy_counts_checked_by_hand(long_df: pd.DataFrame, plan, zone: int, strategy: str,
                                              expected: int) -> None:
    assert cov.zone_strategy_matrix(long_df, plan.strategies).loc[zone, strategy] == expected


def test_counting_by_reporting_zone_keeps_projects_where_the_source_puts_them(long_df: pd.DataFrame,
                                                                              plan) -> None:
    touched = cov.zone_strategy_matrix(long_df, plan.strategies)
    reported = cov.zone_strategy_matrix(cov.filter_long(long_df, cov.CoverageFilter(basis=cov.COUNT_REPORTING)),
                                        plan.strategies)
    # P040 (Torino–Grugliasco, "Zona 2") counts in zone 1 only when counting every zone touched.
    assert touched.loc[1, "3.3"] == reported.loc[1, "3.3"] + 1 and touched.loc[2, "3.3"] == reported.loc[2, "3.3"]


def test_validate_cli_names_an_inconsistent_plan_instead_of_a_traceback(monkeypatch: pytest.MonkeyPatch,
                                                                        capsys: pytest.CaptureFixture) -> None:
    from lib.plan.catalogue import CatalogueError
    from lib.registry import validate

    def broken() -> None:
        raise CatalogueError(["judgements.csv: la strategia 9.9 non è nel catalogo 2021-2023"])

    monkeypatch.setattr(validate, "read_references", broken)
    assert validate.main(["data/projects.csv"]) == 2
    out = capsys.readouterr().out
    assert "judgements.csv: la strategia 9.9 non è nel catalogo" in out and "Traceback" not in out
