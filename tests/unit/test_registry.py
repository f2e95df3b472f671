"""Registry validation: one test per kind of malformed input, and valid rows always survive."""
from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from lib import schema as s
from lib.csv_reader import FileFormatError
from lib.registry.read import read_registry
from lib.registry.references import References

REFS = References(
    strategy_axis={"2021-2023": {"1.1": 1, "2.3": 2, "3.3": 3}, "2030-2032": {"A1": 1}},
    comune_index={"Torino": ("001272", 1), "Ivrea": ("001125", 9), "Pinerolo": ("001191", 5)},
    categories=frozenset({"cer", "ciclabile"}),
    default_edition="2021-2023",
)

GOOD = {
    s.PROJECT_ID: "P001", s.PLAN_EDITION: "2021-2023", s.TITLE: "CER Canavese",
    s.DESCRIPTION: "Una comunità energetica.", s.CATEGORY: "cer", s.STRATEGIES: "2.3", s.COMUNI: "Ivrea",
    s.ZONES: "9", s.REPORTING_ZONE: "", s.PRECISION: "comune", s.LOCATION_BASIS: "fonte",
    s.LOCATION_NOTE: "La fonte indica Ivrea.", s.PROMOTER: "CCIAA", s.SOURCE: "Monitoraggio PSM",
    s.SOURCE_QUOTE: "", s.EDITOR_NOTE: "", s.NOTES: "",
}


def write_rows(path: Path, rows: list[dict], delimiter: str = ",", encoding: str = "utf-8") -> Path:
    with path.open("w", newline="", encoding=encoding) as handle:
        writer = csv.DictWriter(handle, fieldnames=list(s.PROJECT_COLUMNS), delimiter=delimiter,
                                lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


def row(**changes: str) -> dict:
    return {**GOOD, **changes}


@pytest.mark.parametrize(("changes", "column", "fragment"), [
    ({s.ZONES: "9;13"}, s.ZONES, "zona sconosciuta «13»"),
    ({s.STRATEGIES: "2.3;9.9"}, s.STRATEGIES, "strategia sconosciuta nel piano 2021-2023: «9.9»"),
    # A code of another edition is unknown in this one.
    ({s.STRATEGIES: "A1"}, s.STRATEGIES, "strategia sconosciuta nel piano 2021-2023: «A1»"),
    ({s.PLAN_EDITION: "2024-2026"}, s.PLAN_EDITION, "edizione del piano sconosciuta o senza catalogo «2024-2026»"),
    ({s.REPORTING_ZONE: "5"}, s.ZONES, "la zona che segnala (5) non è tra le zone del progetto"),
    ({s.LOCATION_BASIS: "ipotesi"}, s.LOCATION_BASIS, "base della localizzazione sconosciuta «ipotesi»"),
    ({s.LOCATION_NOTE: ""}, s.LOCATION_NOTE, "è vuota ma obbligatoria"),
    ({s.PRECISION: "non_localizzata"}, s.PRECISION, "localizzazione «non_localizzata»: lascia vuoti comuni e zone"),
    ({s.COMUNI: "Ivrea;Atlantide"}, s.COMUNI, "comune sconosciuto «Atlantide»"),
    ({s.COMUNI: "Ivrea;Pinerolo", s.ZONES: "9"}, s.ZONES, "Pinerolo è nella zona 5"),
    ({s.CATEGORY: "teleport"}, s.CATEGORY, "categoria sconosciuta «teleport»"),
    ({s.PRECISION: "zona"}, s.PRECISION, "localizzazione «zona»"),
    ({s.PRECISION: "metropolitana", s.COMUNI: "", s.ZONES: "9"}, s.PRECISION, "lascia vuoti comuni e zone"),
    ({s.PRECISION: "ambito_non_indicato", s.COMUNI: "", s.ZONES: "9"}, s.PRECISION, "lascia vuoti comuni e zone"),
    ({s.TITLE: ""}, s.TITLE, "è vuota ma obbligatoria"),
    ({s.PROJECT_ID: "X1"}, s.PROJECT_ID, "non è un ID come P001"),
    ({s.TITLE: "=HYPERLINK(\"http://x\")"}, s.TITLE, "inizia con =: un foglio di calcolo lo eseguirebbe"),
    ({s.PROMOTER: "@SUM(A1)"}, s.PROMOTER, "inizia con @"),
])
def test_bad_cell_is_reported_with_line_and_column(tmp_path: Path, changes: dict, column: str,
                                                   fragment: str) -> None:
    path = write_rows(tmp_path / "projects.csv", [row(), row(**{s.PROJECT_ID: "P002", **changes})])
    report = read_registry(path, REFS)
    assert [(i.line, i.column) for i in report.issues] == [(3, column)]
    assert fragment in report.issues[0].message
    assert str(path) in str(report.issues[0]) and "riga 3" in str(report.issues[0])
    assert list(report.valid[s.PROJECT_ID]) == ["P001"]


def test_duplicate_id_reports_both_rows_and_keeps_the_others(tmp_path: Path) -> None:
    rows = [row(), row(**{s.PROJECT_ID: "P002"}), row(**{s.PROJECT_ID: "P002", s.TITLE: "Altro"})]
    report = read_registry(write_rows(tmp_path / "p.csv", rows), REFS)
    assert [(i.line, i.column) for i in report.issues] == [(3, s.PROJECT_ID), (4, s.PROJECT_ID)]
    assert all("ID «P002» ripetuto" in i.message for i in report.issues)
    assert list(report.valid[s.PROJECT_ID]) == ["P001"]


def test_semicolon_delimited_file_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    path = write_rows(tmp_path / "p.csv", [row()], delimiter=";")
    refused = "separata con il punto e virgola: il file deve essere separato da virgole"
    with pytest.raises(FileFormatError, match=refused):
        read_registry(path, REFS)


def test_missing_columns_are_named(tmp_path: Path) -> None:
    frame = pd.DataFrame([row()]).drop(columns=[s.PRECISION, s.SOURCE])
    path = tmp_path / "p.csv"
    frame.to_csv(path, index=False)
    with pytest.raises(FileFormatError, match="mancano le colonne precision, source"):
        read_registry(path, REFS)


def test_latin1_row_is_reported_and_utf8_rows_still_load(tmp_path: Path) -> None:
    path = write_rows(tmp_path / "p.csv", [row()])
    with path.open("ab") as handle:
        handle.write(",".join(row(**{s.PROJECT_ID: "P002", s.TITLE: "Città"}).values()).encode("latin-1") + b"\n")
    report = read_registry(path, REFS)
    assert [(i.line, i.column) for i in report.issues] == [(3, None)]
    assert "non è UTF-8 valido (byte 0xe0" in report.issues[0].message
    assert list(report.valid[s.PROJECT_ID]) == ["P001"]


def test_row_with_extra_field_is_skipped_and_reported(tmp_path: Path) -> None:
    path = write_rows(tmp_path / "p.csv", [row()])
    with path.open("a", encoding="utf-8") as handle:
        handle.write("P002,2021-2023,Titolo, con virgola,d,cer,2.3,Ivrea,9,,comune,fonte,n,,src,,,\n")
    report = read_registry(path, REFS)
    assert [(i.line, i.column) for i in report.issues] == [(3, None)]
    assert "ha 18 campi, l'intestazione 17" in report.issues[0].message
    assert report.n_rows == 2 and len(report.valid) == 1


def test_valid_rows_are_parsed(tmp_path: Path) -> None:
    rows = [row(), row(**{s.PROJECT_ID: "P002", s.COMUNI: "", s.ZONES: "5;9", s.PRECISION: "zona",
                          s.STRATEGIES: "3.3;2.3", s.REPORTING_ZONE: "9"}),
            row(**{s.PROJECT_ID: "P003", s.COMUNI: "", s.ZONES: "", s.PRECISION: "metropolitana"}),
            row(**{s.PROJECT_ID: "P004", s.PLAN_EDITION: "2030-2032", s.STRATEGIES: "A1"})]
    report = read_registry(write_rows(tmp_path / "p.csv", rows), REFS)
    assert report.ok and report.n_rows == 4
    valid = report.valid.set_index(s.PROJECT_ID)
    assert valid.loc["P001", s.COMUNE_CODES] == ["001125"]
    assert valid.loc["P002", s.ZONE_LIST] == [5, 9]
    assert valid.loc["P002", s.STRATEGY_LIST] == ["3.3", "2.3"]
    assert valid.loc["P003", s.ZONE_LIST] == [] and valid.loc["P002", s.AXIS] == 3
    # The axis is the first strategy's in the row's own edition.
    assert valid.loc["P001", s.AXIS] == 2 and valid.loc["P004", s.AXIS] == 1
