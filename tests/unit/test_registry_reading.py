"""The fast paths of reading and validating a registry give the same answers as the careful ones."""
from __future__ import annotations

import gc
from pathlib import Path

import pandas as pd
import pytest

from lib import csv_reader
from lib import schema as s
from lib.csv_reader import gc_paused, read_table
from lib.registry.read import read_registry
from lib.registry.rules import map_unique
from tests.unit.test_registry import REFS, row, write_rows


def test_quoted_line_breaks_and_blank_lines_keep_true_line_numbers(tmp_path: Path) -> None:
    path = write_rows(tmp_path / "p.csv", [row(**{s.DESCRIPTION: "Prima riga\nseconda riga"})])
    with path.open("a", encoding="utf-8") as handle:
        handle.write("\n")  # blank line 4
        # line 5: 18 fields
        handle.write("P002,2021-2023,Titolo, con virgola,d,cer,2.3,Ivrea,9,,comune,fonte,n,,src,,,\n")
        handle.write(",".join(row(**{s.PROJECT_ID: "P003"}).values()) + "\n")  # line 6
    rows, issues = read_table(path, s.PROJECT_COLUMNS)
    assert [(i.line, i.column) for i in issues] == [(5, None)]
    assert list(rows[s.SOURCE_LINE]) == [2, 6]
    assert rows.loc[0, s.DESCRIPTION] == "Prima riga\nseconda riga"


def test_cells_are_stripped_and_kept_as_plain_strings(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text(",".join(s.PROJECT_COLUMNS) + ",extra\n"
                    + ",".join(f"  {v} " for v in row().values()) + ",x\n", encoding="utf-8")
    rows, issues = read_table(path, s.PROJECT_COLUMNS)
    assert [(i.line, i.column) for i in issues] == [(1, "extra")]
    assert rows.iloc[0][list(s.PROJECT_COLUMNS)].tolist() == list(row().values())
    assert all(rows[c].dtype == object for c in s.PROJECT_COLUMNS)


def test_header_only_file_gives_an_empty_table_with_every_column(tmp_path: Path) -> None:
    path = write_rows(tmp_path / "p.csv", [])
    rows, issues = read_table(path, s.PROJECT_COLUMNS)
    assert issues == [] and rows.empty
    assert list(rows.columns) == [*s.PROJECT_COLUMNS, s.SOURCE_LINE]


def test_the_same_bad_value_is_reported_on_every_row_that_has_it(tmp_path: Path) -> None:
    # Checks run once per distinct cell; the issues must still name each row.
    bad = {s.COMUNI: "Atlantide", s.ZONES: "9;13"}
    rows = [row(**{s.PROJECT_ID: f"P00{n}", **bad}) for n in (1, 2, 3)] + [row(**{s.PROJECT_ID: "P004"})]
    report = read_registry(write_rows(tmp_path / "p.csv", rows), REFS)
    assert [(i.line, i.column) for i in report.issues] == [
        (line, column) for line in (2, 3, 4) for column in (s.COMUNI, s.ZONES)]
    assert list(report.valid[s.PROJECT_ID]) == ["P004"]


def test_map_unique_matches_map() -> None:
    cells = pd.Series(["a;b", "", "a;b", "c", ""], index=[10, 11, 12, 13, 14])
    def split(cell: str) -> list[str]:
        return [x for x in cell.split(";") if x]
    assert map_unique(cells, split).tolist() == cells.map(split).tolist()
    assert map_unique(cells, bool).index.tolist() == [10, 11, 12, 13, 14]


def test_gc_paused_restores_the_collector_even_after_an_error() -> None:
    assert gc.isenabled()
    try:
        with gc_paused():
            assert not gc.isenabled()
            raise ValueError("boom")
    except ValueError:
        pass
    assert gc.isenabled()


HEADER = ",".join(s.PROJECT_COLUMNS)
GOOD_LINE = ",".join(row().values())
# The cells after the title of a good row: description, category, strategies, place, sources.
REST = "d,cer,2.3,Ivrea,9,,comune,fonte,n,,s,,,"
TRICKY_FILES = {
    "plain": f"{HEADER}\n{GOOD_LINE}\n{GOOD_LINE}\n",
    "crlf, no final newline": f"{HEADER}\r\n{GOOD_LINE}\r\n{GOOD_LINE}",
    "byte order mark": f"\ufeff{HEADER}\n{GOOD_LINE}\n",
    "quotes, commas, doubled quotes": f'{HEADER}\nP1,2021-2023,"Titolo, con ""virgolette""",{REST}\n',
    "spaces and unicode spaces":
        f"{HEADER}\n P1 ,2021-2023,\u00a0Titolo\u3000, d ,cer,2.3,Ivrea,9,,comune,fonte,n,,s,,,\x1f\n",
    "quote inside a bare cell": f'{HEADER}\nP1,2021-2023,a"b,"c"d,cer,2.3,Ivrea,9,,comune,fonte,n,,s,,,\n',
    "blank lines": f"{HEADER}\n\n{GOOD_LINE}\n   \n{GOOD_LINE}\n\n\n",
    "line break in a cell": f'{HEADER}\nP1,2021-2023,"riga uno\nriga due",{REST}\n{GOOD_LINE}\n',
    "blank line inside a cell": f'{HEADER}\nP1,2021-2023,"paragrafo uno\n\nparagrafo due",{REST}\n',
    "short and long rows": f"{HEADER}\nP1,t,d\n{GOOD_LINE}\n{GOOD_LINE},extra\n",
    "blank line before the header": f"\n{HEADER}\n{GOOD_LINE}\n",
    "duplicate column": f"{HEADER},notes\n{GOOD_LINE},x\n",
    "the real registry": s.PROJECTS_CSV.read_text(encoding="utf-8"),
}


@pytest.mark.parametrize("text", TRICKY_FILES.values(), ids=TRICKY_FILES.keys())
def test_fast_reader_agrees_with_the_careful_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 text: str) -> None:
    path = tmp_path / "p.csv"
    path.write_bytes(text.encode("utf-8"))
    fast_rows, fast_issues = read_table(path, s.PROJECT_COLUMNS)
    monkeypatch.setattr(csv_reader, "_plain_columns", lambda *args: None)
    careful_rows, careful_issues = read_table(path, s.PROJECT_COLUMNS)
    pd.testing.assert_frame_equal(fast_rows, careful_rows)
    assert fast_issues == careful_issues


def test_a_blank_line_inside_a_quoted_cell_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text(TRICKY_FILES["blank line inside a cell"], encoding="utf-8")
    rows, issues = read_table(path, s.PROJECT_COLUMNS)
    assert issues == [] and rows.loc[0, s.TITLE] == "paragrafo uno\n\nparagrafo due"
    assert list(rows[s.SOURCE_LINE]) == [2]


def test_a_plain_file_takes_the_fast_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "p.csv"
    path.write_text(TRICKY_FILES["plain"], encoding="utf-8")
    monkeypatch.setattr(csv_reader, "_read_rows", lambda *args: pytest.fail("careful reader used"))
    rows, issues = read_table(path, s.PROJECT_COLUMNS)
    assert issues == [] and list(rows[s.SOURCE_LINE]) == [2, 3]


def test_an_extra_column_keeps_the_fast_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "p.csv"
    path.write_text(TRICKY_FILES["duplicate column"].replace(",notes\n", ",extra\n", 1), encoding="utf-8")
    monkeypatch.setattr(csv_reader, "_read_rows", lambda *args: pytest.fail("careful reader used"))
    rows, issues = read_table(path, s.PROJECT_COLUMNS)
    assert [(i.line, i.column) for i in issues] == [(1, "extra")] and len(rows) == 1
