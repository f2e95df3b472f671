"""The moderation page: credential required, approve / reject / edit, export of approved rows."""
from __future__ import annotations

import logging
import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from lib.submissions import fields as f
from lib.submissions import form, guessing, limits
from lib.submissions import keys as sk
from lib.submissions import labels as lb
from lib.submissions import moderation as mod
from lib.submissions.db import sqlite_url
from lib.submissions.store import SubmissionStore
from tests.ui.conftest import use_store
from tests.unit.submission_workers import make_draft

ROOT = Path(__file__).resolve().parents[2]
PAGE = str(ROOT / "pages" / "moderation.py")
PASSWORD = "prova-moderazione"


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> SubmissionStore:
    monkeypatch.delenv(mod.PASSWORD_ENV, raising=False)
    opened = SubmissionStore(sqlite_url(tmp_path / "submissions.sqlite3"))
    use_store(monkeypatch, opened)
    yield opened
    opened.close()


def open_page(password: str | None = PASSWORD) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=60)
    if password is not None:
        at.secrets[mod.PASSWORD_SECRET] = password
    return at.run()


def log_in(at: AppTest, password: str = PASSWORD, name: str = "Anna Verdi") -> AppTest:
    at.text_input(key="login_name").set_value(name)
    at.text_input(key="login_password").set_value(password)
    return at.button(key="login_submit").click().run()


def test_without_a_credential_moderation_is_disabled(store: SubmissionStore) -> None:
    at = open_page(password=None)
    assert not at.exception and "disattivata" in at.info[0].value
    assert not at.text_input and not at.dataframe


def test_a_wrong_password_shows_nothing(store: SubmissionStore) -> None:
    store.add(make_draft(), "SEG-AAAA-0001")
    at = log_in(open_page(), password="sbagliata")
    assert [e.value for e in at.error] == [lb.LOGIN_FAILED]
    assert not at.dataframe and sk.MODERATOR_KEY not in at.session_state


def test_guessing_from_fresh_sessions_is_logged_and_never_locks_out_the_right_password(
        store: SubmissionStore, caplog: pytest.LogCaptureFixture) -> None:
    """Issue 19: five wrong passwords from an address used to lock the right one out for 15 minutes."""
    cap = guessing.PACES[guessing.LOGIN].free_per_client
    with caplog.at_level(logging.WARNING, logger=guessing.__name__):
        for i in range(cap + 1):
            at = log_in(open_page(), password=f"tentativo-{i}")  # a new session for every guess
            assert [e.value for e in at.error] == [lb.LOGIN_FAILED]
            assert at.text_input(key="login_name").value == "Anna Verdi"
        started = time.monotonic()
        at = log_in(open_page(), password=PASSWORD)  # the right one still gets in, a little later
    assert not at.error and at.session_state[sk.MODERATOR_KEY] == "Anna Verdi"
    assert time.monotonic() - started < 2 + 10  # at most 1.5 s of waiting, plus the page's own run
    logged = [r.getMessage() for r in caplog.records]
    assert sum(line.startswith(f"login check failed, client {limits.LOCAL_CLIENT}") for line in logged) == cap + 1
    assert not any("tentativo" in line or PASSWORD in line for line in logged)


def test_the_credential_can_come_from_the_environment(store: SubmissionStore,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(mod.PASSWORD_ENV, "da-env")
    at = log_in(open_page(password=None), password="da-env")
    # Logged in: the (empty) list of reports says it has none, in a sentence rather than an empty grid.
    assert not at.error and not at.dataframe and lb.NO_SUBMISSIONS in [i.value for i in at.info]


def test_a_moderator_approves_a_correction_and_can_export_it(store: SubmissionStore) -> None:
    sub = store.add(make_draft("P004", title="Dorsale Fenestrelle-Oulx", category="fibra_ottica",
                               strategies=("1.1",), comuni=("Fenestrelle",), zones=(5,)), "SEG-AAAA-0002")
    at = log_in(open_page())
    assert not at.exception and not at.error
    assert at.dataframe[0].value["Ricevuta"].tolist() == ["SEG-AAAA-0002"]
    assert "Anna Verdi" in at.caption[0].value
    at.button(key="approve_button").click().run()
    assert not at.error and at.success[0].value.startswith("Segnalazione SEG-AAAA-0002 approvata")
    at.run()  # another rerun (a widget, a refresh) before the moderator looks: the confirmation stays
    assert at.success[0].value.startswith("Segnalazione SEG-AAAA-0002 approvata")
    assert store.get(sub.submission_id).status == f.STATUS_APPROVED
    assert store.history(sub.submission_id)[-1].actor == "Anna Verdi"
    labels = [b.label for b in at.get("download_button")]
    assert labels == ["Nuovi progetti (0)", "Correzioni (1)"]


def test_a_new_project_is_edited_then_approved(store: SubmissionStore) -> None:
    sub = store.add(make_draft(title="Ciclovia [Stura](javascript:x)"), "SEG-AAAA-0003")
    at = log_in(open_page())
    at.button(key="approve_button").click().run()
    assert [e.value for e in at.error] == ["Manca la categoria: sceglila con «Modifica» prima di approvare."]
    assert store.get(sub.submission_id).status == f.STATUS_PENDING
    keys = form.EDIT_KEYS
    assert at.text_input(key=keys[f.TITLE]).value == "Ciclovia [Stura](javascript:x)"
    at.selectbox(key=keys[f.CATEGORY]).set_value("ciclabile")
    at.text_input(key=keys[f.TITLE]).set_value("Ciclovia della Stura")
    at.text_input(key=keys[f.REASON]).set_value("Titolo ripulito")
    at.button(key="edit_button").click().run()
    assert not at.error and "l'originale resta conservato" in at.success[0].value
    edited = store.get(sub.submission_id)
    assert edited.content.title == "Ciclovia della Stura"
    assert edited.draft.content.title == "Ciclovia [Stura](javascript:x)"
    at.button(key="approve_button").click().run()
    assert store.get(sub.submission_id).status == f.STATUS_APPROVED
    assert next(b.label for b in at.get("download_button")) == "Nuovi progetti (1)"


def test_rejecting_needs_a_reason(store: SubmissionStore) -> None:
    sub = store.add(make_draft(), "SEG-AAAA-0004")
    at = log_in(open_page())
    at.button(key="reject_button").click().run()
    assert [e.value for e in at.error] == ["«Motivo» è obbligatorio."]
    at.text_input(key=sk.REJECT_REASON_KEY).set_value("Progetto già nel registro (P012)")
    at.button(key="reject_button").click().run()
    assert not at.error and at.success[0].value == "Segnalazione SEG-AAAA-0004 respinta."
    last = store.history(sub.submission_id)[-1]
    assert (last.to_status, last.actor, last.reason) == \
        (f.STATUS_REJECTED, "Anna Verdi", "Progetto già nel registro (P012)")
    at.selectbox(key="status_filter").set_value(f.STATUS_REJECTED).run()
    assert at.dataframe[0].value["Stato"].tolist() == ["Respinta"]
