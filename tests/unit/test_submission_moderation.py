"""Moderation: the credential, login lock-out, approve / reject / edit and what moderators see."""
from __future__ import annotations

import hmac
from pathlib import Path

import pytest

from lib.submissions import fields as f
from lib.submissions import form, guessing
from lib.submissions import keys as sk
from lib.submissions import labels as lb
from lib.submissions import moderation as mod
from lib.submissions.store import SubmissionStore
from tests.unit.submission_helpers import PROJECT_IDS, REFS, at, make_content, make_draft


class NoSecretsFile(dict):
    """Behaves like st.secrets when there is no secrets.toml: any access raises FileNotFoundError."""

    def get(self, key: str, default: object = None) -> object:
        raise FileNotFoundError("No secrets found")


@pytest.mark.parametrize(("secrets", "environ", "expected"), [
    ({"moderator_password": "dai-secrets"}, {"PSM_MODERATOR_PASSWORD": "dall-env"}, "dai-secrets"),
    ({}, {"PSM_MODERATOR_PASSWORD": "dall-env"}, "dall-env"),
    (NoSecretsFile(), {"PSM_MODERATOR_PASSWORD": "dall-env"}, "dall-env"),
    (NoSecretsFile(), {}, None),
    ({"moderator_password": ""}, {"PSM_MODERATOR_PASSWORD": ""}, None),
    (None, {}, None),
])
def test_the_credential_comes_from_secrets_or_the_environment(secrets: object, environ: dict,
                                                              expected: str | None) -> None:
    assert mod.moderator_password(secrets, environ) == expected


def test_the_credential_is_not_in_the_repository() -> None:
    root = Path(__file__).resolve().parents[2]
    assert not (root / ".streamlit" / "secrets.toml").exists() or \
        ".streamlit/secrets.toml" in (root / ".gitignore").read_text()


def test_passwords_are_compared_in_constant_time(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real = hmac.compare_digest
    monkeypatch.setattr(mod.hmac, "compare_digest", lambda a, b: calls.append((a, b)) or real(a, b))
    assert mod.check_password("però-segreto", "però-segreto")
    assert not mod.check_password("pero-segreto", "però-segreto")
    assert calls and all(isinstance(a, bytes) for a, _ in calls)


@pytest.fixture
def store(tmp_path: Path) -> SubmissionStore:
    opened = SubmissionStore(f"sqlite:///{tmp_path / 'submissions.sqlite3'}")
    yield opened
    opened.close()


def test_login_remembers_the_moderator_and_is_never_locked_out(store: SubmissionStore) -> None:
    """Issue 19: five failures from an address used to lock the right credential out for 15 minutes."""
    state: dict = {}
    waits: list[float] = []
    assert mod.log_in(state, store, "sbagliata", "Anna", "giusta", "151.0.0.1", 0.0, waits.append) == \
        lb.LOGIN_FAILED
    assert mod.log_in(state, store, "giusta", "  ", "giusta", "151.0.0.1", 1.0, waits.append) == lb.NAME_NEEDED
    assert sk.MODERATOR_KEY not in state
    assert mod.log_in(state, store, "giusta", " Anna ", "giusta", "151.0.0.1", 2.0, waits.append) is None
    assert state[sk.MODERATOR_KEY] == "Anna" and sk.LOGIN_FAILURES_KEY not in state
    for _ in range(20):  # far beyond the five that used to lock the address out
        mod.log_in({}, store, "sbagliata", "Anna", "giusta", "151.0.0.1", 10.0, waits.append)
    waits.clear()
    fresh: dict = {}
    assert mod.log_in(fresh, store, "giusta", "Anna", "giusta", "151.0.0.1", 10.0, waits.append) is None
    assert fresh[sk.MODERATOR_KEY] == "Anna" and sum(waits) <= guessing.FIRST_WAIT_CAP_S


def test_a_new_project_needs_a_category_before_approval(store: SubmissionStore) -> None:
    sub = store.add(make_draft(), "SEG-AAAA-0001")
    problems = mod.approve(store, sub, "Anna", REFS, PROJECT_IDS)
    assert [lb.problem_message(p) for p in problems] == [
        "Manca la categoria: sceglila con «Modifica» prima di approvare."]
    assert store.get(sub.submission_id).status == f.STATUS_PENDING
    edited_content = make_content(category="ciclabile")
    assert mod.edit(store, sub, edited_content, "Anna", "Categoria", REFS, PROJECT_IDS) == []
    edited = store.get(sub.submission_id)
    assert mod.approve(store, edited, "Luca", REFS, PROJECT_IDS) == []
    approved = store.get(sub.submission_id)
    assert approved.status == f.STATUS_APPROVED and approved.draft == sub.draft
    assert [(h.to_status, h.actor) for h in store.history(sub.submission_id)] == \
        [(f.STATUS_PENDING, f.SENDER_ACTOR), (f.STATUS_APPROVED, "Luca")]


def test_a_correction_keeps_the_category_of_its_project(store: SubmissionStore) -> None:
    sub = store.add(make_draft("P012", category="cer"), "SEG-AAAA-0002")
    assert mod.approve(store, sub, "Anna", REFS, PROJECT_IDS) == []


def test_rejection_needs_a_reason_which_goes_into_the_audit(store: SubmissionStore) -> None:
    sub = store.add(make_draft(), "SEG-AAAA-0003")
    assert [(p.field, p.code) for p in mod.reject(store, sub, "Anna", "  ")] == \
        [(f.REASON, f.PROBLEM_REQUIRED)]
    assert [(p.field, p.code) for p in mod.reject(store, sub, "Anna", "x" * 501)] == \
        [(f.REASON, f.PROBLEM_TOO_LONG)]
    assert mod.reject(store, sub, "Anna", "Già nel registro come P012") == []
    last = store.history(sub.submission_id)[-1]
    assert (last.to_status, last.actor, last.reason) == \
        (f.STATUS_REJECTED, "Anna", "Già nel registro come P012")


def test_an_invalid_edit_is_refused_and_an_approved_row_must_stay_valid(store: SubmissionStore) -> None:
    sub = store.add(make_draft(category="cer"), "SEG-AAAA-0004")
    assert [p.code for p in mod.edit(store, sub, make_content(title=""), "Anna", "", REFS, PROJECT_IDS)] == \
        [f.PROBLEM_REQUIRED]
    assert [p.code for p in mod.edit(store, sub, make_content(comuni=("Atlantide",)), "Anna", "", REFS,
                                     PROJECT_IDS)] == [f.PROBLEM_UNKNOWN]
    mod.approve(store, sub, "Anna", REFS, PROJECT_IDS)
    approved = store.get(sub.submission_id)
    assert [p.code for p in mod.edit(store, approved, make_content(category=""), "Anna", "", REFS,
                                     PROJECT_IDS)] == [f.PROBLEM_NO_CATEGORY]
    assert store.revisions(sub.submission_id) == []


def test_actions_run_from_the_page_state_and_leave_a_confirmation(store: SubmissionStore) -> None:
    sub = store.add(make_draft(), "SEG-AAAA-0005")
    state: dict = {sk.MODERATOR_KEY: "Anna"}
    mod.prepare_state(state, sub)
    assert state[form.EDIT_KEYS[f.TITLE]] == sub.content.title and state[sk.REJECT_REASON_KEY] == ""
    state[form.EDIT_KEYS[f.CATEGORY]] = "ciclabile"
    state[form.EDIT_KEYS[f.REASON]] = "Aggiunta la categoria"
    assert mod.run_action(f.ACTION_EDIT, state, store, sub, REFS, PROJECT_IDS) == []
    assert state.pop(sk.DONE_KEY).startswith("Modifica della segnalazione SEG-AAAA-0005 salvata")
    edited = store.get(sub.submission_id)
    mod.prepare_state(state, edited)
    assert state[form.EDIT_KEYS[f.REASON]] == ""
    assert mod.run_action(f.ACTION_APPROVE, state, store, edited, REFS, PROJECT_IDS) == []
    assert store.get(sub.submission_id).status == f.STATUS_APPROVED
    state[sk.REJECT_REASON_KEY] = "Ripensamento"
    approved = store.get(sub.submission_id)
    assert mod.run_action(f.ACTION_REJECT, state, store, approved, REFS, PROJECT_IDS) == []
    assert store.history(sub.submission_id)[-1].reason == "Ripensamento"


def test_moderators_see_italian_tables_in_local_time(store: SubmissionStore) -> None:
    sub = store.add(make_draft(title="<b>Ciclovia</b>"), "SEG-AAAA-0006", now=at(9))
    store.set_status(sub.submission_id, f.STATUS_REJECTED, "Anna", "Doppione", now=at(10))
    current = store.get(sub.submission_id)
    listed = mod.submissions_frame([current])
    assert list(listed.columns) == ["Ricevuta", "Arrivata il", "Stato", "Tipo", "Progetto", "Titolo", "Zone",
                                    "Modificata"]
    assert listed.iloc[0].tolist() == ["SEG-AAAA-0006", "21/11/2026 10:00", "Respinta", "Progetto mancante",
                                       "", "<b>Ciclovia</b>", "7", ""]
    history = mod.history_frame(store.history(sub.submission_id))
    assert history["Chi"].tolist() == ["segnalante", "Anna"]
    assert history["Motivo"].tolist() == ["", "Doppione"]
    assert mod.content_frame(current).set_index("Campo").loc["La tua email", "Inviato"] == \
        "maria.bianchi@comune.it"
    assert mod.option_label(current) == "SEG-AAAA-0006 · Respinta · <b>Ciclovia</b>"
