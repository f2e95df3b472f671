"""Where a report went: its receipt's status for the sender, and the approved reports on a project.

A receipt lookup tells only that receipt's status, its dates and, when rejected, the moderator's reason:
never the title, the content or the sender, of it or of any other report. Failed lookups count against
limits.RECEIPT_FAILURE, for every session and process, so receipts cannot be guessed by trying.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from lib.submissions import fields as f
from lib.submissions import limits
from lib.submissions.registry_rows import registry_id
from lib.submissions.store import SubmissionStore

# What a lookup found.
MALFORMED = "malformed"
LOCKED = "locked"
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
    retry_after_s: float = 0.0


def normalise_receipt(typed: str) -> str | None:
    """The receipt as stored ('seg-7kq2-m9xd ' → 'SEG-7KQ2-M9XD'), or None if it cannot be one."""
    receipt = "".join(str(typed).split()).upper()
    return receipt if f.RECEIPT_PATTERN.match(receipt) else None


def look_up_receipt(store: SubmissionStore, typed: str, client: str, now: float) -> ReceiptLookup:
    """The status of the report with this receipt, as its sender may see it.

    A malformed receipt is refused before the database is asked (it cannot match anything). A well-formed
    one that matches nothing counts as a failed attempt from `client`; past the limit, no lookup is made.

    Raises:
        StorageUnavailableError: the database cannot be read or written.
    """
    receipt = normalise_receipt(typed)
    if receipt is None:
        return ReceiptLookup(MALFORMED)
    decision = limits.check_and_record(store, limits.RECEIPT_FAILURE, client, now, record=False)
    if not decision.allowed:
        return ReceiptLookup(LOCKED, retry_after_s=decision.retry_after_s)
    found = store.find_receipt(receipt)
    if found is None:
        limits.record_attempt(store, limits.RECEIPT_FAILURE, client, now)
        return ReceiptLookup(NOT_FOUND, receipt=receipt)
    reason = store.history(found.submission_id)[-1].reason if found.status == f.STATUS_REJECTED else ""
    return ReceiptLookup(FOUND, receipt=receipt, status=found.status, sent_at=found.created_at,
                         changed_at=found.status_changed_at, reason=reason)


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
