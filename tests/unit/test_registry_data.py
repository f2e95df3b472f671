"""The committed data files: the registry is valid, and coverage matches the seed text where it is explicit."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from lib import catalogue
from lib import coverage as cov
from lib import schema as s
from lib.joins import build_long_form
from lib.registry import read_registry

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def strategies() -> pd.DataFrame:
    return catalogue.read_strategies()


@pytest.fixture(scope="module")
def registry() -> pd.DataFrame:
    report = read_registry(s.PROJECTS_CSV, catalogue.read_references())
    assert report.issues == []
    return report.valid


@pytest.fixture(scope="module")
def long_df(registry: pd.DataFrame, strategies: pd.DataFrame) -> pd.DataFrame:
    return build_long_form(registry, strategies, catalogue.read_comuni())


def test_catalogue_has_six_axes_and_24_strategies(strategies: pd.DataFrame) -> None:
    assert len(strategies) == 24 and strategies[s.STRATEGY].is_unique
    assert strategies.groupby(s.AXIS).size().to_dict() == {1: 7, 2: 5, 3: 4, 4: 2, 5: 4, 6: 2}
    colours = catalogue.read_axes(strategies)[s.AXIS_COLOR]
    assert colours.is_unique and len(colours) == 6


def test_every_registry_row_is_valid_and_every_axis_is_present(registry: pd.DataFrame) -> None:
    assert len(registry) >= 90 and registry[s.PROJECT_ID].is_unique
    assert set(registry[s.AXIS]) == {1, 2, 3, 4, 5, 6}
    assert set(registry[s.CATEGORY]) == set(catalogue.read_categories()[s.CATEGORY])


def test_validate_cli_exit_codes(tmp_path: Path) -> None:
    ok = subprocess.run([sys.executable, "-m", "lib.validate", "data/projects.csv"], cwd=ROOT,
                        capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout
    assert "0 problemi" in ok.stdout
    bad = tmp_path / "projects.csv"
    lines = s.PROJECTS_CSV.read_text(encoding="utf-8").splitlines()
    bad.write_text("\n".join([lines[0], lines[1].replace(",P001,", ",P001,"), lines[1]]) + "\n", encoding="utf-8")
    failed = subprocess.run([sys.executable, "-m", "lib.validate", str(bad)], cwd=ROOT,
                            capture_output=True, text=True)
    assert failed.returncode == 1
    assert "riga 3, colonna «project_id»: ID «P001» ripetuto" in failed.stdout
    semicolons = tmp_path / "semi.csv"
    semicolons.write_text(lines[0].replace(",", ";") + "\n", encoding="utf-8")
    unreadable = subprocess.run([sys.executable, "-m", "lib.validate", str(semicolons)], cwd=ROOT,
                                capture_output=True, text=True)
    assert unreadable.returncode == 2 and "separata con il punto e virgola" in unreadable.stdout


def test_strategies_without_projects_are_those_the_report_names(long_df: pd.DataFrame,
                                                                 strategies: pd.DataFrame) -> None:
    # Seed 002 §3: no action for 1.2 and 5.4; 3.4 only through the Torino-Ceres line.
    assert list(cov.strategies_without_projects(long_df, strategies)[s.STRATEGY]) == ["1.2", "5.4"]
    no_action = catalogue.read_no_action()
    assert set(no_action[s.STRATEGY]) == {"1.2", "3.4", "5.4"}


@pytest.mark.parametrize(("zone", "strategy", "expected"), [
    (10, "6.1", 2),   # "un ospedale di comunità e di due case della salute nel Chivassese (Zona 10)"
    (9, "6.1", 1),    # the new Ivrea hospital
    (10, "2.5", 2),   # CB16 eco-centres and the Cavagnolo reuse warehouse
    (5, "3.3", 1),    # Bike-to-rail in the Pinerolese
    (11, "3.3", 2),   # Bike-to-rail and the VenTo / Corona Verde links in the Chierese
    (9, "4.2", 3),    # nursing, Olivetti and telemedicine courses in Ivrea
    (1, "2.3", 1),    # CerTo, Barriera di Milano
    (6, "1.1", 2),    # Fenestrelle-Oulx backbone and Val Cenischia (Zona 6)
])
def test_zone_strategy_counts_checked_by_hand(long_df: pd.DataFrame, strategies: pd.DataFrame, zone: int,
                                              strategy: str, expected: int) -> None:
    assert cov.zone_strategy_matrix(long_df, strategies).loc[zone, strategy] == expected


def test_case_di_comunita_zones_and_most_implemented_strategies(long_df: pd.DataFrame,
                                                                strategies: pd.DataFrame) -> None:
    matrix = cov.zone_strategy_matrix(long_df, strategies)
    # "case della comunità ... Zona 2, Zona 4, Zona 5 e Zona 3"
    assert all(matrix.loc[z, "6.1"] >= 1 for z in (2, 3, 4, 5))
    totals = cov.strategy_totals(long_df, strategies).set_index(s.STRATEGY)
    # "la strategia 1.3 ... è stata quella maggiormente implementata"; 3.3 the most in Asse 3; 5.2 in Asse 5.
    for best, axis in (("1.3", 1), ("3.3", 3), ("5.2", 5)):
        in_axis = totals[totals[s.AXIS] == axis]["n_total"]
        assert in_axis.idxmax() == best and (in_axis.drop(best) < in_axis[best]).all()
