"""Where a report went: its receipt's status for the sender, and the approved reports on a project.

A receipt lookup tells only that receipt's status, its dates and, when rejected, the moderator's reason:
never the title, the content or the sender, of it or of any other report. Lookups meet the same pace as the
tables' codes (lib/submissions/guessing.py, kind RECEIPT): slowed and counted for every session and process,
never refused, so receipts cannot be guessed by trying and a sender behind a busy address still gets in.
"""
from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from lib.submissions import fields as f
from lib.submissions import guessing
from lib.submissions.registry_rows import registry_id
from lib.submissions.releases import first_release_since
from lib.submissions.store import SubmissionStore

# What a lookup found.
MALFORMED = "malformed"
NOT_FOUND = "not_found"
FOUND = "found"


@dataclass(frozen=True)
class ReceiptLookup:
    """The answer to one lookup; the status fields are set only when `outcome` is FOUND."""

    outcome: str
    receipt: str = ""
    status: str = ""
    sent_at: datetime | None = None
    changed_at: datetime | None = None
    reason: str = ""
    release: int | None = None  # approved: the first registry release made since


def normalise_receipt(typed: str) -> str | None:
    """The receipt as stored ('seg-7kq2-m9xd ' → 'SEG-7KQ2-M9XD'), or None if it cannot be one."""
    receipt = "".join(str(typed).split()).upper()
    return receipt if f.RECEIPT_PATTERN.match(receipt) else None


def look_up_receipt(store: SubmissionStore, typed: str, client: str, now: float, session_failures: int = 0,
                    sleep: Callable[[float], None] = time.sleep) -> ReceiptLookup:
    """The status of the report with this receipt, as its sender may see it.

    A malformed receipt is refused before the database is asked (it cannot match anything). A well-formed
    one waits for its slot (at most 1.5 s while `session_failures` is 0) and, if it matches nothing, counts
    as a failed attempt from `client`.

    Raises:
        StorageUnavailableError: the database cannot be read or written.
    """
    receipt = normalise_receipt(typed)
    if receipt is None:
        return ReceiptLookup(MALFORMED)
    matches: list[f.Submission] = []

    def compare() -> bool:
        match = store.find_receipt(receipt)
        matches.extend([match] if match else [])
        return match is not None

    if not guessing.check(store, guessing.RECEIPT, client, now, session_failures, compare, sleep):
        return ReceiptLookup(NOT_FOUND, receipt=receipt)
    found = matches[0]
    reason = store.history(found.submission_id)[-1].reason if found.status == f.STATUS_REJECTED else ""
    release = first_release_since(store, found.status_changed_at) if found.status == f.STATUS_APPROVED else None
    return ReceiptLookup(FOUND, receipt=receipt, status=found.status, sent_at=found.created_at,
                         changed_at=found.status_changed_at, reason=reason, release=release)


@dataclass(frozen=True)
class ApprovedReport:
    """An approved report on a project, as the project's page lists it (no sender, no content)."""

    receipt: str
    sent_at: datetime
    approved_at: datetime
    correction: bool


def approved_reports_on(store: SubmissionStore, project_id: str) -> list[ApprovedReport]:
    """The approved reports that corrected or added this project, oldest first.

    Raises:
        StorageUnavailableError: the database cannot be read.
    """
    return [ApprovedReport(x.receipt, x.created_at, x.status_changed_at, x.draft.project_id is not None)
            for x in store.list_submissions(f.STATUS_APPROVED) if registry_id(x) == project_id]
