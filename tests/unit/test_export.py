"""Every CSV the app makes (lib/export.to_safe_csv) starts no cell with a formula, in any of its spellings."""
from __future__ import annotations

import csv
import io

import pandas as pd
import pytest

from lib.export import FORMULA_PREFIXES, starts_formula, to_safe_csv

# The list: the four operators, tab, carriage return, `;`, `|`, `%`, and the full-width ＝＋－＠.
HOSTILE = ["=1+1", "+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", ";=1", "|calc!A1", "%1", "＝1+1", "＋1", "－1",
           "＠SUM(A1)",
           " =1+1", "\u00a0=1", "\u3000＝1"]


def _cells(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_every_declared_prefix_is_in_the_hostile_list() -> None:
    assert all(any(cell.lstrip(" \u00a0\u3000").startswith(p) for cell in HOSTILE) for p in FORMULA_PREFIXES)


@pytest.mark.parametrize("cell", HOSTILE)
def test_a_formula_cell_and_header_get_an_apostrophe(cell: str) -> None:
    frame = pd.DataFrame({cell: [cell, "Città – 50 %"], "N": [1, -5]})
    rows = _cells(to_safe_csv(frame))
    assert rows[0] == ["'" + cell, "N"] and rows[1] == ["'" + cell, "1"] and rows[2] == ["Città – 50 %", "-5"]


@pytest.mark.parametrize("cell", ["Città", "Rete 'Valli'", "5 comuni", "Progetto – fase 2", "a=b", "50%"])
def test_ordinary_text_is_left_as_written(cell: str) -> None:
    assert not starts_formula(cell) and _cells(to_safe_csv(pd.DataFrame({"T": [cell]})))[1] == [cell]


def test_line_breaks_inside_a_cell_stay_inside_it() -> None:
    frame = pd.DataFrame({"T": ["prima\rdopo", "uno\ndue", "tre\r\nquattro"], "N": [1, 2, 3]})
    rows = _cells(to_safe_csv(frame))
    assert rows[1:] == [["prima\rdopo", "1"], ["uno\ndue", "2"], ["tre\r\nquattro", "3"]]


def test_yes_and_no_are_written_in_italian() -> None:
    rows = _cells(to_safe_csv(pd.DataFrame({"In plenaria": [True, False], "N": [1, 2]})))
    assert rows[1:] == [["sì", "1"], ["no", "2"]]
