"""The reporting page (Segnala): pre-filled from the URL, Italian errors, a receipt, input kept on failure."""
from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from lib import loaders
from lib.submissions import fields as f
from lib.submissions import form, limits
from lib.submissions import labels as lb
from lib.submissions.db import sqlite_url
from lib.submissions.store import SubmissionStore
from tests.ui.conftest import use_store

ROOT = Path(__file__).resolve().parents[2]
PAGE = str(ROOT / "pages" / "report.py")
K = form.REPORT_KEYS


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> SubmissionStore:
    opened = SubmissionStore(sqlite_url(tmp_path / "submissions.sqlite3"))
    use_store(monkeypatch, opened)
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
    # The confirmation takes the form's place, so it is in view right after pressing the button.
    assert at.success[0].value == lb.RECEIPT.format(receipt=sub.receipt)
    assert not at.get("form") and at.button(key="report_new").label == lb.NEW_REPORT
    assert (sub.content.zones, sub.content.comuni, sub.content.strategies, sub.draft.sender.email) == \
        ((7,), ("Lanzo Torinese",), ("3.3",), "maria.bianchi@comune.it")
    # The next form is empty; the sender does not have to type their details again.
    at.button(key="report_new").click().run()
    assert not at.success and at.text_input(key=K[f.TITLE]).value == ""
    assert at.text_input(key=K[f.SENDER_NAME]).value == "Maria Bianchi"


def _field_errors(at: AppTest) -> list[str]:
    return [e.value for e in at.error if not e.value.startswith("La segnalazione non è stata inviata")]


def test_invalid_input_shows_italian_errors_beside_the_fields_and_keeps_what_was_typed(
        store: SubmissionStore) -> None:
    at = send(fill(open_report(), **{f.TITLE: "", f.SENDER_EMAIL: "maria-at-comune"}))
    assert _field_errors(at) == [
        "«Titolo del progetto» è obbligatorio.",
        "«La tua email» non sembra un indirizzo valido (esempio: nome.cognome@comune.it)."]
    # Each message follows its own field in the form, and a summary sits by the button.
    form_children = list(at.get("form")[0].children.values())
    title_at = next(i for i, c in enumerate(form_children) if getattr(c, "key", None) == K[f.TITLE])
    assert form_children[title_at + 1].value == "«Titolo del progetto» è obbligatorio."
    assert at.error[-1].value == lb.FIX_BELOW.format(fields="Titolo del progetto e La tua email")
    assert at.text_input(key=K[f.SENDER_EMAIL]).value == "maria-at-comune"
    assert at.text_area(key=K[f.DESCRIPTION]).value == "Pista ciclabile lungo la Stura."
    assert store.count() == 0 and not at.success


def test_an_overlong_text_is_kept_whole_and_refused_with_its_length(store: SubmissionStore) -> None:
    at = send(fill(open_report(), **{f.TITLE: "x" * 250, f.DESCRIPTION: "y" * 5000}))
    assert _field_errors(at) == [
        "«Titolo del progetto» è troppo lungo: al massimo 200 caratteri (ora 250).",
        "«Descrizione» è troppo lungo: al massimo 2000 caratteri (ora 5000)."]
    assert at.text_input(key=K[f.TITLE]).value == "x" * 250 and store.count() == 0
    assert not at.text_input(key=K[f.TITLE]).max_chars  # 0 = no limit: a browser would cut a paste silently
    assert "200 caratteri" in at.text_input(key=K[f.TITLE]).help


def test_a_correction_prefilled_from_a_longer_registry_text_says_so(
        store: SubmissionStore, monkeypatch: pytest.MonkeyPatch) -> None:
    real = loaders.load_projects()
    longer = real.assign(**{"description": real["description"].where(real["project_id"] != "P004",
                                                                     "Dorsale. " * 300)})
    monkeypatch.setattr(loaders, "load_projects", lambda: longer)
    at = open_report(progetto="P004")
    assert at.text_area(key=K[f.DESCRIPTION]).value == "Dorsale. " * 300  # whole, nothing cut
    assert _field_errors(at) == ["«Descrizione» è troppo lungo: al massimo 2000 caratteri (ora 2700)."]


def test_a_formula_at_the_start_of_a_title_is_refused(store: SubmissionStore) -> None:
    at = send(fill(open_report(), **{f.TITLE: "=HYPERLINK(\"http://x\")"}))
    assert _field_errors(at) == ["«Titolo del progetto» non può iniziare con «\\=»: i fogli di calcolo lo "
                                 "leggerebbero come formula. Riscrivi l'inizio del testo."]
    assert store.count() == 0


def test_reports_beyond_the_limit_are_held_back_for_every_session(store: SubmissionStore) -> None:
    cap = limits.LIMITS[limits.REPORT].per_client
    for i in range(cap):
        at = send(fill(open_report(), **{f.TITLE: f"Progetto {i}"}))  # a fresh session every time
        assert at.success and not at.error
    at = send(fill(open_report(), **{f.TITLE: "Uno di troppo"}))
    assert [e.value for e in at.error] == [lb.RATE_LIMITED.format(minutes=10)]
    assert at.text_input(key=K[f.TITLE]).value == "Uno di troppo" and store.count() == cap


def test_an_unwritable_data_folder_shows_an_error_and_keeps_the_input(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, store: SubmissionStore) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    broken = SubmissionStore.from_environment({"PSM_DATA_DIR": str(tmp_path / "a-file" / "var")})
    use_store(monkeypatch, broken)
    at = send(fill(open_report(), **{f.TITLE: "Da non perdere"}))
    assert [e.value for e in at.error] == [lb.STORAGE_ERROR] and not at.exception
    assert at.text_input(key=K[f.TITLE]).value == "Da non perdere"
    assert at.text_input(key=K[f.SENDER_EMAIL]).value == "maria.bianchi@comune.it"
    use_store(monkeypatch, store)
    send(at)
    assert at.success and [s.content.title for s in store.list_submissions()] == ["Da non perdere"]
