"""Dati e fonti offers the open-data package of what the app shows: approved reports included, built on demand."""
from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import pytest

from lib import loaders
from lib.registry.references import read_references
from lib.submissions import moderation
from lib.submissions.db import sqlite_url
from lib.submissions.store import SubmissionStore
from lib.views import labels as lb
from tests.ui.conftest import open_page, use_store
from tests.unit.submission_workers import make_draft


def test_the_sources_page_offers_the_package_and_says_what_it_holds() -> None:
    at = open_page("pages/sources.py")
    assert "Dati aperti" in [h.value for h in at.header]
    assert any("datapackage.json" in m.value and "DCAT-AP_IT" in m.value for m in at.markdown)
    buttons = at.get("download_button")
    assert [b.proto.label for b in buttons] == [lb.OPENDATA_BUTTON]


def test_the_package_holds_what_the_app_shows_an_approved_correction_included(tmp_path: Path,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    store = SubmissionStore(sqlite_url(tmp_path / "submissions.sqlite3"))
    use_store(monkeypatch, store)
    sub = store.add(make_draft("P004", title="Dorsale Fenestrelle-Oulx", category="fibra_ottica",
                               strategies=("1.1",), comuni=("Fenestrelle",), zones=(5,)), "SEG-TEST-0016")
    assert moderation.approve(store, sub, "Anna Verdi", read_references(), {"P004"}) == []
    loaders.refresh_submissions()
    open_page("pages/sources.py")  # a runtime for the loaders' caches
    with zipfile.ZipFile(io.BytesIO(loaders.load_opendata_zip())) as archive:
        rows = {r["project_id"]: r for r in csv.DictReader(io.StringIO(archive.read("progetti.csv").decode()))}
        comuni = [r["istat"] for r in csv.DictReader(io.StringIO(archive.read("progetti_comuni.csv").decode()))
                  if r["project_id"] == "P004"]
        package = json.loads(archive.read("datapackage.json"))
    assert rows["P004"]["title"] == "Dorsale Fenestrelle-Oulx" and rows["P004"]["reported"] == "true"
    assert comuni == ["001103"]  # the correction's one comune, Fenestrelle, not the file's two
    assert rows["P001"]["reported"] == "false" and package["name"] == "psm-torino-registro-progetti"
    store.close()


def test_the_package_is_stamped_with_the_release_it_is_and_says_when_it_is_not(tmp_path: Path,
                                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    store = SubmissionStore(sqlite_url(tmp_path / "submissions.sqlite3"))
    use_store(monkeypatch, store)
    open_page("pages/sources.py")

    def version() -> str:
        with zipfile.ZipFile(io.BytesIO(loaders.load_opendata_zip())) as archive:
            return json.loads(archive.read("datapackage.json"))["version"]

    assert version().startswith("release-0+")
    loaders.publish_release("Anna Verdi", "Prima release")
    assert version() == "release-1"
    sub = store.add(make_draft("P004", title="Dorsale Fenestrelle-Oulx", category="fibra_ottica",
                               strategies=("1.1",), comuni=("Fenestrelle",), zones=(5,)), "SEG-TEST-0017")
    assert moderation.approve(store, sub, "Anna Verdi", read_references(), {"P004"}) == []
    loaders.refresh_submissions()
    assert version().startswith("release-1+")  # an approved report since: not release 1 any more
    store.close()
