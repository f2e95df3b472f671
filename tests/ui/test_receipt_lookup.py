"""Segnala: a sender types the receipt and sees where the report went, and nothing about any other report."""
from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from lib import schema as s
from lib.safe_text import escape_markdown
from lib.submissions import fields as f
from lib.submissions import guessing
from lib.submissions import keys as sk
from lib.submissions.db import sqlite_url
from lib.submissions.store import SubmissionStore
from tests.ui.conftest import ROOT, use_store
from tests.unit.submission_workers import make_draft

PAGE = str(ROOT / "pages" / "report.py")
SENT = datetime(2026, 5, 3, 9, 30, tzinfo=UTC)
DECIDED = datetime(2026, 5, 6, 16, 0, tzinfo=UTC)


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> SubmissionStore:
    opened = SubmissionStore(sqlite_url(tmp_path / "submissions.sqlite3"))
    use_store(monkeypatch, opened)
    yield opened
    opened.close()


def look_up(receipt: str, at: AppTest | None = None) -> AppTest:
    at = at or AppTest.from_file(PAGE, default_timeout=60).run()
    at.text_input(key=sk.TRACK_RECEIPT_KEY).set_value(receipt)
    return at.button(key=sk.TRACK_SUBMIT_KEY).click().run()


def answer(at: AppTest) -> str:
    """Every message under the lookup (the form's own messages are not shown on an untouched page)."""
    return " ".join(e.value for kind in ("success", "info", "warning", "error") for e in getattr(at, kind))


def reported(store: SubmissionStore, receipt: str, status: str | None = None, reason: str = "") -> None:
    sub = store.add(make_draft(title="Ciclovia riservata di Maria"), receipt, now=SENT)
    if status:
        store.set_status(sub.submission_id, status, "Anna Verdi", reason=reason, now=DECIDED)


def test_a_pending_report_is_in_moderation(store: SubmissionStore) -> None:
    reported(store, "SEG-PEND-2222")
    at = look_up("seg-pend-2222 ")  # as copied from an email: lower case, a trailing space
    assert not at.exception
    assert [i.value for i in at.info][-1] == ("Segnalazione SEG-PEND-2222, inviata il 03/05/2026: **in moderazione**. "
                                              "La redazione non l'ha ancora esaminata.")


def test_an_approved_report_says_so_with_the_date(store: SubmissionStore) -> None:
    reported(store, "SEG-APPR-3333", f.STATUS_APPROVED)
    at = look_up("SEG-APPR-3333")
    assert [s.value for s in at.success] == ["Segnalazione SEG-APPR-3333, inviata il 03/05/2026: **approvata** il "
                                             "06/05/2026. Compare sulla mappa come «segnalato». Entrerà nella "
                                             "prossima release del registro."]


def test_an_approved_report_names_the_release_it_entered(store: SubmissionStore) -> None:
    from lib.registry.read import read_registry
    from lib.registry.references import read_references
    from lib.submissions import releases

    reported(store, "SEG-APPR-4444", f.STATUS_APPROVED)
    registry = read_registry(str(s.PROJECTS_CSV), read_references()).valid
    releases.make_release(store, registry, "Anna", "Prima del 6 maggio", now=datetime(2026, 5, 1, tzinfo=UTC))
    releases.make_release(store, registry[registry[s.PROJECT_ID] != "P001"], "Anna", "Dopo",
                          now=datetime(2026, 5, 7, tzinfo=UTC))
    at = look_up("SEG-APPR-4444")
    assert at.success[0].value.endswith("«segnalato». È nella release 2 del registro (pagina Novità).")


def test_a_rejected_report_gives_the_moderators_reason_escaped(store: SubmissionStore) -> None:
    reason = "Doppione di P004 [vedi](javascript:x) **qui**"
    reported(store, "SEG-REJE-4444", f.STATUS_REJECTED, reason=reason)
    text = answer(look_up("SEG-REJE-4444"))
    assert "**respinta** il 06/05/2026" in text
    assert f"Motivo della redazione: {escape_markdown(reason)}" in text and "\\[vedi\\]" in text


def test_a_lookup_tells_nothing_else_about_the_report_or_others(store: SubmissionStore) -> None:
    reported(store, "SEG-PEND-2222")
    reported(store, "SEG-APPR-3333", f.STATUS_APPROVED)
    text = answer(look_up("SEG-PEND-2222"))
    for secret in ("Ciclovia riservata", "Maria Bianchi", "maria.bianchi", "Anna Verdi", "SEG-APPR-3333"):
        assert secret not in text


@pytest.mark.parametrize("typed", ["SEG", "<script>", "{{7*7}}", "SEG-ÀÈ-1", "x" * 60])
def test_a_malformed_receipt_gets_an_italian_message_and_is_not_counted(store: SubmissionStore, typed: str) -> None:
    at = look_up(typed)
    assert not at.exception
    assert [e.value for e in at.error] == ["Questo non è un numero di ricevuta: ha la forma SEG-XXXX-XXXX, con "
                                           "lettere e cifre, come nel messaggio di conferma."]
    assert guessing.guessing_report(store, time.time()).failures[guessing.RECEIPT] == 0


def test_an_unknown_receipt_is_not_found_and_reveals_nothing(store: SubmissionStore) -> None:
    reported(store, "SEG-PEND-2222")
    at = look_up("SEG-PEND-2223")
    assert [w.value for w in at.warning] == ["Nessuna segnalazione ha la ricevuta SEG\\-PEND\\-2223. Controlla di "
                                             "averla scritta come nel messaggio di conferma."]
    assert not at.success and not at.error


def test_repeated_wrong_lookups_are_counted_and_never_lock_out_a_real_receipt(store: SubmissionStore) -> None:
    reported(store, "SEG-APPR-3333", f.STATUS_APPROVED)
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    free = guessing.PACES[guessing.RECEIPT].free_per_client
    for i in range(free + 2):
        at = look_up(f"SEG-GUES-{i:04d}", at)
        assert "Nessuna segnalazione" in answer(at)
    assert guessing.guessing_report(store, time.time()).failures[guessing.RECEIPT] == free + 2
    # A new session from the same address (a sender behind the guesser's network) still finds its report.
    at = look_up("SEG-APPR-3333")
    assert any("**approvata**" in s.value for s in at.success) and not at.error


def test_the_lookup_is_also_there_after_sending_a_report(store: SubmissionStore) -> None:
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.session_state[sk.LAST_RECEIPT_KEY] = "SEG-DONE-5555"
    reported(store, "SEG-DONE-5555")
    at = look_up("SEG-DONE-5555", at.run())
    assert any("SEG-DONE-5555" in s.value for s in at.success)  # the confirmation of the report just sent
    assert any("**in moderazione**" in i.value for i in at.info)
