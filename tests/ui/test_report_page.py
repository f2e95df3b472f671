"""The reporting page (Segnala): pre-filled from the URL, Italian errors, a receipt, input kept on failure."""
from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from lib import data
from lib.submissions import fields as f
from lib.submissions import form
from lib.submissions import labels as lb
from lib.submissions.db import sqlite_url
from lib.submissions.store import SubmissionStore

ROOT = Path(__file__).resolve().parents[2]
PAGE = str(ROOT / "pages" / "report.py")
K = form.REPORT_KEYS


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> SubmissionStore:
    opened = SubmissionStore(sqlite_url(tmp_path / "submissions.sqlite3"))
    monkeypatch.setattr(data, "get_submission_store", lambda: opened)
    yield opened
    opened.close()


def open_report(**query: str) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=60)
    for name, value in query.items():
        at.query_params[name] = value
    return at.run()


def fill(at: AppTest, **values: object) -> AppTest:
    defaults = {f.TITLE: "Ciclovia della Stura", f.DESCRIPTION: "Pista ciclabile lungo la Stura.",
                f.SENDER_NAME: "Maria Bianchi", f.SENDER_EMAIL: "maria.bianchi@comune.it",
                f.SENDER_ROLE: "Referente della zona 7"}
    for name, value in {**defaults, **values}.items():
        widget = at.text_area(key=K[name]) if name == f.DESCRIPTION else at.text_input(key=K[name])
        widget.set_value(value)
    return at


def send(at: AppTest) -> AppTest:
    return at.button(key="report_submit").click().run()


def test_a_project_link_prefills_a_correction(store: SubmissionStore) -> None:
    at = open_report(progetto="P004")
    assert not at.exception and not at.error
    assert at.title[0].value == "Segnala un progetto"
    assert at.text_input(key=K[f.TITLE]).value == "Dorsale in fibra ottica Fenestrelle-Oulx"
    assert at.multiselect(key=K[f.COMUNI]).value == ["Fenestrelle", "Oulx"]
    assert at.multiselect(key=K[f.ZONES]).value == [5, 6]
    assert at.multiselect(key=K[f.STRATEGIES]).value == ["1.1"]
    assert "P004" in at.info[0].value
    fill(at, **{f.TITLE: "Dorsale Fenestrelle-Oulx (completata)"})
    send(at)
    [sub] = store.list_submissions()
    assert (sub.draft.project_id, sub.draft.kind, sub.content.category, sub.content.title) == \
        ("P004", f.KIND_CORRECTION, "fibra_ottica", "Dorsale Fenestrelle-Oulx (completata)")


def test_a_zone_link_preselects_the_zone_and_unknown_links_are_ignored(store: SubmissionStore) -> None:
    at = open_report(zona="7")
    assert at.multiselect(key=K[f.ZONES]).value == [7] and at.text_input(key=K[f.TITLE]).value == ""
    at = open_report(progetto="P999'><script>", zona="99")
    assert not at.exception and not at.error and not at.info
    assert at.multiselect(key=K[f.ZONES]).value == [] and at.text_input(key=K[f.TITLE]).value == ""


def test_a_valid_report_is_stored_and_the_user_gets_a_receipt(store: SubmissionStore) -> None:
    at = open_report(zona="7")
    at.multiselect(key=K[f.COMUNI]).set_value(["Lanzo Torinese"])
    at.multiselect(key=K[f.STRATEGIES]).set_value(["3.3"])
    send(fill(at))
    assert not at.exception and not at.error
    [sub] = store.list_submissions()
    assert at.success[0].value == lb.RECEIPT.format(receipt=sub.receipt)
    assert (sub.content.zones, sub.content.comuni, sub.content.strategies, sub.draft.sender.email) == \
        ((7,), ("Lanzo Torinese",), ("3.3",), "maria.bianchi@comune.it")
    # The form is ready for the next report; the sender does not have to type their details again.
    assert at.text_input(key=K[f.TITLE]).value == ""
    assert at.text_input(key=K[f.SENDER_NAME]).value == "Maria Bianchi"


def test_invalid_input_shows_italian_errors_and_keeps_what_was_typed(store: SubmissionStore) -> None:
    at = send(fill(open_report(), **{f.TITLE: "", f.SENDER_EMAIL: "maria-at-comune"}))
    assert [e.value for e in at.error] == [
        "«Titolo del progetto» è obbligatorio.",
        "«La tua email» non sembra un indirizzo valido (esempio: nome.cognome@comune.it)."]
    assert at.text_input(key=K[f.SENDER_EMAIL]).value == "maria-at-comune"
    assert at.text_area(key=K[f.DESCRIPTION]).value == "Pista ciclabile lungo la Stura."
    assert store.count() == 0 and not at.success


def test_length_limits_hold_even_if_the_browser_is_bypassed(store: SubmissionStore) -> None:
    # Streamlit cuts a widget value at max_chars on the server; lib validation (unit tests) is a second line.
    at = send(fill(open_report(), **{f.TITLE: "x" * 250, f.DESCRIPTION: "y" * 5000}))
    [sub] = store.list_submissions()
    assert (len(sub.content.title), len(sub.content.description)) == \
        (f.TEXT_LIMITS[f.TITLE], f.TEXT_LIMITS[f.DESCRIPTION])
    assert at.text_input(key=K[f.TITLE]).max_chars == f.TEXT_LIMITS[f.TITLE]


def test_more_than_five_reports_in_ten_minutes_are_held_back(store: SubmissionStore) -> None:
    at = open_report()
    for i in range(5):
        send(fill(at, **{f.TITLE: f"Progetto {i}"}))
        assert at.success and not at.error
    send(fill(at, **{f.TITLE: "Il sesto"}))
    assert [e.value for e in at.error] == [lb.RATE_LIMITED.format(minutes=10)]
    assert at.text_input(key=K[f.TITLE]).value == "Il sesto" and store.count() == 5


def test_an_unwritable_data_folder_shows_an_error_and_keeps_the_input(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, store: SubmissionStore) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    broken = SubmissionStore.from_environment({"PSM_DATA_DIR": str(tmp_path / "a-file" / "var")})
    monkeypatch.setattr(data, "get_submission_store", lambda: broken)
    at = send(fill(open_report(), **{f.TITLE: "Da non perdere"}))
    assert [e.value for e in at.error] == [lb.STORAGE_ERROR] and not at.exception
    assert at.text_input(key=K[f.TITLE]).value == "Da non perdere"
    assert at.text_input(key=K[f.SENDER_EMAIL]).value == "maria.bianchi@comune.it"
    monkeypatch.setattr(data, "get_submission_store", lambda: store)
    send(at)
    assert at.success and [s.content.title for s in store.list_submissions()] == ["Da non perdere"]
