"""Approved reports as registry rows: same schema, validated, exported safely, merged for the map."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from lib import schema as s
from lib.export import to_registry_csv
from lib.registry.read import read_registry
from lib.registry.references import read_references
from lib.submissions import fields as f
from lib.submissions import registry_rows as rr
from lib.submissions.store import SubmissionStore
from tests.unit.submission_helpers import at, make_draft

REAL_REFS = read_references()
REGISTRY = read_registry(s.PROJECTS_CSV, REAL_REFS).valid
REGISTRY_IDS = frozenset(REGISTRY[s.PROJECT_ID])
PARSED = (s.STRATEGY_LIST, s.AXIS, s.COMUNE_CODES, s.ZONE_LIST)


@pytest.fixture
def store(tmp_path: Path) -> SubmissionStore:
    opened = SubmissionStore(f"sqlite:///{tmp_path / 'submissions.sqlite3'}")
    yield opened
    opened.close()


def approve(store: SubmissionStore, draft: f.Draft, receipt: str, hour: int = 10) -> f.Submission:
    sub = store.add(draft, receipt, now=at(9))
    store.set_status(sub.submission_id, f.STATUS_APPROVED, "Anna", now=at(hour))
    return store.get(sub.submission_id)


def test_an_approved_report_becomes_a_valid_registry_row(store: SubmissionStore) -> None:
    approve(store, make_draft(category="ciclabile", comuni=("Lanzo Torinese", "Ivrea"), zones=(7,),
                              strategies=("3.3", "2.1")), "SEG-AAAA-0001")
    store.add(make_draft(category="ciclabile"), "SEG-AAAA-0002")  # pending: not in the registry
    rows, issues = rr.load_reported_projects(store, REAL_REFS, REGISTRY_IDS)
    assert issues == []
    assert list(rows.columns) == [*s.PROJECT_COLUMNS, s.SOURCE_LINE, *PARSED, rr.REPORTED]
    row = rows.iloc[0]
    assert (row[s.PROJECT_ID], row[s.AXIS], row[s.ZONES], row[s.PRECISION], row[s.ZONE_LIST]) == \
        ("P9001", 3, "7;9", s.PRECISION_COMUNE, [7, 9])
    assert (row[s.PLAN_EDITION], row[s.LOCATION_BASIS]) == ("2021-2023", s.BASIS_SOURCE)
    assert row[s.SOURCE] == "Segnalazione SEG-AAAA-0001 del 21/11/2026, approvata dalla redazione"
    assert row[s.LOCATION_NOTE] == "Luogo indicato nella segnalazione SEG-AAAA-0001."
    assert "maria" not in row.to_string().lower()  # the sender never reaches the registry
    assert bool(row[rr.REPORTED]) and rows[rr.REPORTED].dtype == bool


@pytest.mark.parametrize(("changes", "precision", "zones"), [
    ({"comuni": (), "zones": (5, 6)}, s.PRECISION_ZONE, "5;6"),
    # A report that names no place is "not placed", never "the whole metro area".
    ({"comuni": (), "zones": ()}, s.PRECISION_NONE, ""),
    ({"comuni": ("Torino",), "zones": ()}, s.PRECISION_COMUNE, "1"),
])
def test_precision_and_zones_follow_the_registry_rules(store: SubmissionStore, changes: dict, precision: str,
                                                       zones: str) -> None:
    approve(store, make_draft(category="ciclabile", **changes), "SEG-AAAA-0003")
    rows, issues = rr.build_reported_rows(store.list_submissions(), REAL_REFS, REGISTRY_IDS)
    assert issues == [] and (rows.iloc[0][s.PRECISION], rows.iloc[0][s.ZONES]) == (precision, zones)


def test_rows_the_registry_would_refuse_are_reported_not_shown(store: SubmissionStore) -> None:
    approve(store, make_draft(category=""), "SEG-AAAA-0004")  # approved around moderation's checks
    sub = approve(store, make_draft(category="cer"), "SEG-AAAA-0005")
    rows, issues = rr.build_reported_rows(store.list_submissions(), REAL_REFS, REGISTRY_IDS | {"P9002"})
    assert rows.empty
    assert [(i.file, i.line, i.column) for i in issues] == [("submissions", 1, s.CATEGORY),
                                                             ("submissions", sub.submission_id, s.PROJECT_ID)]
    assert "already in the registry" in issues[1].message


def test_the_latest_approved_correction_of_a_project_wins(store: SubmissionStore) -> None:
    approve(store, make_draft("P004", title="Prima correzione", category="fibra_ottica", strategies=("1.1",)),
            "SEG-AAAA-0006", hour=12)
    approve(store, make_draft("P004", title="Seconda correzione", category="fibra_ottica",
                              strategies=("1.1",)), "SEG-AAAA-0007", hour=11)
    approve(store, make_draft(title="Nuovo", category="cer"), "SEG-AAAA-0008")
    rows, issues = rr.build_reported_rows(store.list_submissions(), REAL_REFS, REGISTRY_IDS)
    assert issues == [] and list(rows[s.PROJECT_ID]) == ["P004", "P9003"]
    assert rows.iloc[0][s.TITLE] == "Prima correzione"
    exports = rr.export_frames(rows, REGISTRY_IDS)
    assert list(exports[rr.EXPORT_NEW][s.PROJECT_ID]) == ["P9003"]
    assert list(exports[rr.EXPORT_CORRECTIONS][s.PROJECT_ID]) == ["P004"]
    assert all(list(frame.columns) == list(s.PROJECT_COLUMNS) for frame in exports.values())


def test_merged_registry_keeps_order_replaces_corrections_and_flags_reported(store: SubmissionStore) -> None:
    approve(store, make_draft("P004", title="Dorsale corretta", category="fibra_ottica", strategies=("1.1",)),
            "SEG-AAAA-0009")
    approve(store, make_draft(title="Nuovo progetto", category="cer"), "SEG-AAAA-0010")
    rows, _ = rr.build_reported_rows(store.list_submissions(), REAL_REFS, REGISTRY_IDS)
    merged = rr.merge_reported(REGISTRY, rows)
    assert len(merged) == len(REGISTRY) + 1 and merged[s.PROJECT_ID].is_unique
    assert list(merged[s.PROJECT_ID]) == [*REGISTRY[s.PROJECT_ID], "P9002"]
    p004 = merged[merged[s.PROJECT_ID] == "P004"].iloc[0]
    assert p004[s.TITLE] == "Dorsale corretta" and bool(p004[rr.REPORTED])
    assert merged[rr.REPORTED].sum() == 2 and merged[rr.REPORTED].dtype == bool
    assert merged[s.AXIS].dtype == "int64"
    untouched = merged[~merged[rr.REPORTED]].drop(columns=rr.REPORTED).reset_index(drop=True)
    others = REGISTRY[REGISTRY[s.PROJECT_ID] != "P004"].reset_index(drop=True)
    pd.testing.assert_frame_equal(untouched, others)


def test_merging_nothing_only_adds_the_flag() -> None:
    empty, _ = rr.build_reported_rows([], REAL_REFS, REGISTRY_IDS)
    merged = rr.merge_reported(REGISTRY, empty)
    pd.testing.assert_frame_equal(merged.drop(columns=rr.REPORTED), REGISTRY)
    assert not merged[rr.REPORTED].any()


def test_a_formula_leading_report_is_refused_by_the_store(store: SubmissionStore) -> None:
    with pytest.raises(ValueError, match="title formula, promoter formula"):
        store.add(make_draft(title="=HYPERLINK(\"https://evil.example\")", promoter="@SUM(A1:A9)"),
                  "SEG-AAAA-0011")
    assert store.count() == 0


def test_the_export_is_a_valid_registry_file_with_values_as_stored(store: SubmissionStore,
                                                                    tmp_path: Path) -> None:
    approve(store, make_draft(title="Ciclovia \"Stura\", lotto 2", description="Tel. +39 011 0000, lotto -1",
                              category="cer"), "SEG-AAAA-0012")
    rows, _ = rr.build_reported_rows(store.list_submissions(), REAL_REFS, REGISTRY_IDS)
    data = to_registry_csv(rr.export_frames(rows, REGISTRY_IDS)[rr.EXPORT_NEW])
    assert not data.startswith(b"\xef\xbb\xbf") and b"'" not in data  # no BOM, no apostrophe prefixes
    path = tmp_path / "segnalazioni_nuove.csv"
    path.write_bytes(data)
    report = read_registry(path, REAL_REFS)
    assert report.ok and list(report.valid[s.PROJECT_ID]) == ["P9001"]
    assert report.valid[s.TITLE][0] == "Ciclovia \"Stura\", lotto 2"
    assert report.valid[s.DESCRIPTION][0] == "Tel. +39 011 0000, lotto -1"
