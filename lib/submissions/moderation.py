"""Moderation: the moderator's credential and login, approve / reject / edit, and the tables shown."""
from __future__ import annotations

import hmac
import os
import time
from collections.abc import Callable, Collection, Mapping, MutableMapping, Sequence
from dataclasses import replace
from datetime import datetime

import pandas as pd

from lib import config
from lib.registry.references import References
from lib.safe_text import clean_text
from lib.submissions import fields as f
from lib.submissions import guessing
from lib.submissions import keys as sk
from lib.submissions import labels as lb
from lib.submissions.form import EDIT_KEYS, content_from_state, content_state
from lib.submissions.registry_rows import approval_problems
from lib.submissions.store import SubmissionStore
from lib.views import fmt

PASSWORD_SECRET = "moderator_password"
PASSWORD_ENV = config.MODERATOR_PASSWORD.name
def moderator_password(secrets: Mapping | None, environ: Mapping[str, str] | None = None) -> str | None:
    """The credential from Streamlit secrets, else from PSM_MODERATOR_PASSWORD; None if neither is set."""
    environ = os.environ if environ is None else environ
    try:
        value = secrets.get(PASSWORD_SECRET) if secrets is not None else None
    except FileNotFoundError:
        # st.secrets raises this when there is no secrets.toml at all.
        value = None
    value = value or environ.get(PASSWORD_ENV)
    return str(value) if value else None


def check_password(given: str, expected: str) -> bool:
    """Compare in constant time (bytes, so that any Unicode password works)."""
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def log_in(state: MutableMapping, store: SubmissionStore, password: str, name: str, expected: str,
           client: str, now: float, sleep: Callable[[float], None] = time.sleep) -> str | None:
    """Check a login attempt; on success remember the moderator's name. Returns an Italian error or None.

    The right credential is never refused: the check waits for its slot (lib/submissions/guessing.py), at
    most 1.5 s for a session with no failure yet, longer after this session's own failures. Each failure is
    counted and logged with time and address, never with the password typed.
    """
    failures = int(state.get(sk.LOGIN_FAILURES_KEY) or 0)
    if not guessing.check(store, guessing.LOGIN, client, now, failures,
                          lambda: check_password(password or "", expected), sleep):
        state[sk.LOGIN_FAILURES_KEY] = failures + 1
        return lb.LOGIN_FAILED
    name = clean_text(name)
    if not name or len(name) > f.TEXT_LIMITS[f.ACTOR]:
        return lb.NAME_NEEDED
    state[sk.MODERATOR_KEY] = name
    state.pop(sk.LOGIN_FAILURES_KEY, None)
    return None


def approve(store: SubmissionStore, submission: f.Submission, actor: str, refs: References,
            registry_ids: Collection[str]) -> list[f.Problem]:
    """Approve if the current content makes a valid registry row; otherwise return why not."""
    problems = approval_problems(submission, refs, registry_ids)
    if not problems:
        store.set_status(submission.submission_id, f.STATUS_APPROVED, actor, expected=submission.status)
    return problems


def reject(store: SubmissionStore, submission: f.Submission, actor: str, reason: str) -> list[f.Problem]:
    """Reject with a reason (required); return the problems with the reason, if any."""
    reason = clean_text(reason, multiline=True)
    if not reason:
        return [f.Problem(f.REASON, f.PROBLEM_REQUIRED)]
    if len(reason) > f.TEXT_LIMITS[f.REASON]:
        return [f.Problem(f.REASON, f.PROBLEM_TOO_LONG, f.TEXT_LIMITS[f.REASON], len(reason))]
    store.set_status(submission.submission_id, f.STATUS_REJECTED, actor, reason, expected=submission.status)
    return []


def edit(store: SubmissionStore, submission: f.Submission, content: f.Content, editor: str, reason: str,
         refs: References, registry_ids: Collection[str]) -> list[f.Problem]:
    """Store the moderator's version as a new revision; an approved submission must stay a valid row."""
    content = f.clean_content(content)
    reason = clean_text(reason, multiline=True)
    problems = f.shape_problems(content) + f.reference_problems(content, refs)
    if len(reason) > f.TEXT_LIMITS[f.REASON]:
        problems.append(f.Problem(f.REASON, f.PROBLEM_TOO_LONG, f.TEXT_LIMITS[f.REASON], len(reason)))
    if not problems and submission.status == f.STATUS_APPROVED:
        edited = f.Revision(submission.submission_id, 0, content, editor, reason, submission.created_at)
        problems = approval_problems(replace(submission, revision=edited), refs, registry_ids)
    if not problems:
        store.add_revision(submission.submission_id, content, editor, reason)
    return problems


def prepare_state(state: MutableMapping, submission: f.Submission) -> None:
    """Fill the edit form from the chosen submission, and empty the reject reason, whenever it changes."""
    version = submission.revision.revision_no if submission.revision else 0
    prepared_for = f"{submission.submission_id}:{version}:{submission.status}"
    if state.get(sk.PREPARED_FOR_KEY) == prepared_for and EDIT_KEYS[f.TITLE] in state:
        return
    state.update(content_state(submission.content, sk.EDIT_PREFIX))
    state[EDIT_KEYS[f.REASON]] = ""
    state[sk.REJECT_REASON_KEY] = ""
    state[sk.PREPARED_FOR_KEY] = prepared_for


def run_action(action: str, state: MutableMapping, store: SubmissionStore, submission: f.Submission,
               refs: References, registry_ids: Collection[str]) -> list[f.Problem]:
    """Approve, reject or edit the submission with what the page's widgets hold; return refusals.

    On success the Italian confirmation is left in state[sk.DONE_KEY], shown until the next action.
    Raises StatusConflictError (someone else changed it first) and StorageUnavailableError from the store.
    """
    state.pop(sk.DONE_KEY, None)
    actor = state[sk.MODERATOR_KEY]
    if action == f.ACTION_APPROVE:
        problems = approve(store, submission, actor, refs, registry_ids)
    elif action == f.ACTION_REJECT:
        problems = reject(store, submission, actor, state.get(sk.REJECT_REASON_KEY, ""))
    else:
        problems = edit(store, submission, content_from_state(state, sk.EDIT_PREFIX), actor,
                        state.get(EDIT_KEYS[f.REASON], ""), refs, registry_ids)
    if not problems:
        state[sk.DONE_KEY] = lb.ACTION_DONE[action].format(receipt=submission.receipt)
    return problems


def _local(moment: datetime) -> str:
    return fmt.date_time(moment)


def option_label(submission: f.Submission) -> str:
    """One line per submission in the moderator's picker (plain text: selectbox options are not Markdown)."""
    title = submission.content.title
    title = title if len(title) <= 60 else title[:59] + "…"
    return f"{submission.receipt} · {lb.STATUS_LABELS[submission.status]} · {title}"


def submissions_frame(submissions: Sequence[f.Submission]) -> pd.DataFrame:
    """The list of submissions as shown to moderators (Italian headings)."""
    return pd.DataFrame({
        "Ricevuta": [x.receipt for x in submissions],
        "Arrivata il": [_local(x.created_at) for x in submissions],
        "Stato": [lb.STATUS_LABELS[x.status] for x in submissions],
        "Tipo": [lb.KIND_LABELS[x.draft.kind] for x in submissions],
        "Progetto": [x.draft.project_id or "" for x in submissions],
        "Titolo": [x.content.title for x in submissions],
        "Zone": [", ".join(str(z) for z in x.content.zones) for x in submissions],
        "Modificata": ["sì" if x.revision else "" for x in submissions],
    }, dtype="object")


def _content_cells(content: f.Content) -> list[str]:
    return [", ".join(str(z) for z in content.zones), ", ".join(content.comuni), content.title,
            ", ".join(content.strategies), content.description, content.promoter, content.category]


def content_frame(submission: f.Submission) -> pd.DataFrame:
    """Field by field: what was sent, and the moderator's current version if edited."""
    names = (f.ZONES, f.COMUNI, f.TITLE, f.STRATEGIES, f.DESCRIPTION, f.PROMOTER, f.CATEGORY)
    sender = submission.draft.sender
    frame = pd.DataFrame({
        "Campo": [lb.FIELD_LABELS[n] for n in (*names, f.SENDER_NAME, f.SENDER_EMAIL, f.SENDER_ROLE)],
        "Inviato": _content_cells(submission.draft.content) + [sender.name, sender.email, sender.role],
    }, dtype="object")
    if submission.revision:
        frame["Versione attuale"] = _content_cells(submission.revision.content) + ["", "", ""]
    return frame


def history_frame(history: Sequence[f.StatusChange]) -> pd.DataFrame:
    """The audit of one submission (Italian headings)."""
    return pd.DataFrame({
        "Quando": [_local(h.changed_at) for h in history],
        "Da": [lb.STATUS_LABELS.get(h.from_status, "") if h.from_status else "" for h in history],
        "A": [lb.STATUS_LABELS[h.to_status] for h in history],
        "Chi": [lb.SENDER_ACTOR_LABEL if h.actor == f.SENDER_ACTOR else h.actor for h in history],
        "Motivo": [h.reason for h in history],
    }, dtype="object")

