"""What a report contains, its limits, and its validation; no database, no pandas, no streamlit."""
from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING

from lib import schema as s
from lib.export import starts_formula
from lib.safe_text import clean_text

if TYPE_CHECKING:
    from lib.registry.references import References

# Field names: the database columns, the keys of Problem.field and of the Italian labels.
PROJECT_ID = "project_id"
ZONES = "zones"
COMUNI = "comuni"
TITLE = "title"
STRATEGIES = "strategies"
DESCRIPTION = "description"
PROMOTER = "promoter"
CATEGORY = "category"
SENDER_NAME = "sender_name"
SENDER_EMAIL = "sender_email"
SENDER_ROLE = "sender_role"
ACTOR = "actor"
REASON = "reason"

# Characters per text field: generous for a real title or paragraph, small enough that nobody pastes a
# document into the database or a moderator's screen.
TEXT_LIMITS = {TITLE: 200, DESCRIPTION: 2000, PROMOTER: 200, CATEGORY: 40, SENDER_NAME: 100,
               SENDER_EMAIL: 254, SENDER_ROLE: 100, ACTOR: 100, REASON: 500, PROJECT_ID: 16}
# Items per list field: all 11 zones, a valley's worth of comuni, a handful of strategies.
LIST_LIMITS = {ZONES: 11, COMUNI: 60, STRATEGIES: 10}
# Lists are stored as `;`-separated cells, like the registry's.
LIST_SEP = ";"
# Characters per list item (the longest comune name has 23).
ITEM_LIMIT = 80
REQUIRED = (TITLE, DESCRIPTION, SENDER_NAME, SENDER_EMAIL, SENDER_ROLE)
MULTILINE = frozenset({DESCRIPTION, REASON})

KIND_NEW = "new"
KIND_CORRECTION = "correction"
STATUS_PENDING = "pending"
STATUS_APPROVED = "approved"
STATUS_REJECTED = "rejected"
STATUSES = (STATUS_PENDING, STATUS_APPROVED, STATUS_REJECTED)
ACTION_APPROVE = "approve"
ACTION_REJECT = "reject"
ACTION_EDIT = "edit"
# Actor of the first audit entry, written when the report arrives.
SENDER_ACTOR = "sender"

PROBLEM_REQUIRED = "required"
PROBLEM_TOO_LONG = "too_long"
PROBLEM_TOO_MANY = "too_many"
PROBLEM_UNKNOWN = "unknown"
PROBLEM_EMAIL = "email"
PROBLEM_NO_CATEGORY = "no_category"
PROBLEM_NO_STRATEGY = "no_strategy"
PROBLEM_REGISTRY = "registry"
PROBLEM_FORMULA = "formula"
# Content that becomes registry cells: a spreadsheet would run a cell starting with these as a formula.
FORMULA_CHECKED = (TITLE, DESCRIPTION, PROMOTER)

_EMAIL = re.compile(r"^[^@\s<>\"',;]+@[^@\s<>\"',;]+\.[A-Za-z]{2,}$")
_PROJECT_ID = re.compile(s.PROJECT_ID_PATTERN)
# Receipts avoid 0/O, 1/I/L so that they can be read out on the phone.
_RECEIPT_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
RECEIPT_PATTERN = re.compile(r"^[A-Z0-9][A-Z0-9-]{3,31}$")


@dataclass(frozen=True)
class Content:
    """The project as reported (or as edited by a moderator): the part that becomes a registry row."""

    title: str
    description: str
    zones: tuple[int, ...] = ()
    comuni: tuple[str, ...] = ()
    strategies: tuple[str, ...] = ()
    promoter: str = ""
    category: str = ""


@dataclass(frozen=True)
class Sender:
    """Who sent the report; never copied into the registry."""

    name: str
    email: str
    role: str


@dataclass(frozen=True)
class Draft:
    """A report as sent: content, sender, and the registry project it corrects (None for a new project)."""

    content: Content
    sender: Sender
    project_id: str | None = None

    @property
    def kind(self) -> str:
        return KIND_CORRECTION if self.project_id else KIND_NEW


@dataclass(frozen=True)
class Revision:
    """A moderator's edited version of a submission's content; the original is never changed."""

    submission_id: int
    revision_no: int
    content: Content
    editor: str
    reason: str
    created_at: datetime


@dataclass(frozen=True)
class StatusChange:
    """One audit entry: the status a submission moved to, who moved it, when and why."""

    submission_id: int
    seq: int
    from_status: str | None
    to_status: str
    actor: str
    reason: str
    changed_at: datetime


@dataclass(frozen=True)
class Submission:
    """A stored report with its current status and latest revision."""

    submission_id: int
    receipt: str
    created_at: datetime
    draft: Draft
    status: str
    status_changed_at: datetime
    revision: Revision | None = None

    @property
    def content(self) -> Content:
        """What moderation and the registry use: the latest revision, else the content as sent."""
        return self.revision.content if self.revision else self.draft.content


@dataclass(frozen=True)
class Problem:
    """One reason why a report (or an approval) is refused, keyed for an Italian message."""

    field: str
    code: str
    limit: int | None = None
    size: int | None = None
    values: tuple[str, ...] = ()


def new_receipt() -> str:
    """A fresh, unguessable receipt such as 'SEG-7KQ2-M9XD'."""
    chars = "".join(secrets.choice(_RECEIPT_ALPHABET) for _ in range(8))
    return f"SEG-{chars[:4]}-{chars[4:]}"


def clean_content(content: Content) -> Content:
    """The same content with every text normalised and every list de-duplicated in order."""
    def items(values: tuple) -> tuple:
        return tuple(dict.fromkeys(v for v in (clean_text(x) for x in values) if v))
    return Content(
        title=clean_text(content.title), description=clean_text(content.description, multiline=True),
        zones=tuple(dict.fromkeys(int(z) for z in content.zones)), comuni=items(content.comuni),
        strategies=items(content.strategies), promoter=clean_text(content.promoter),
        category=clean_text(content.category))


def clean_draft(draft: Draft) -> Draft:
    """The same draft with content and sender normalised."""
    sender = Sender(*(clean_text(v) for v in (draft.sender.name, draft.sender.email, draft.sender.role)))
    return replace(draft, content=clean_content(draft.content), sender=sender,
                   project_id=clean_text(draft.project_id) or None)


def _text_values(draft: Draft | None, content: Content) -> dict[str, str]:
    values = {TITLE: content.title, DESCRIPTION: content.description, PROMOTER: content.promoter,
              CATEGORY: content.category}
    if draft is not None:
        values |= {SENDER_NAME: draft.sender.name, SENDER_EMAIL: draft.sender.email,
                   SENDER_ROLE: draft.sender.role, PROJECT_ID: draft.project_id or ""}
    return values


def shape_problems(content: Content, draft: Draft | None = None) -> list[Problem]:
    """Required fields, lengths, list sizes, e-mail and id syntax; no reference data needed."""
    problems: list[Problem] = []
    texts = _text_values(draft, content)
    for name, value in texts.items():
        if name in REQUIRED and not value:
            problems.append(Problem(name, PROBLEM_REQUIRED))
        elif len(value) > TEXT_LIMITS[name]:
            problems.append(Problem(name, PROBLEM_TOO_LONG, TEXT_LIMITS[name], len(value)))
        if name in FORMULA_CHECKED and starts_formula(value):
            problems.append(Problem(name, PROBLEM_FORMULA, values=(value[:1],)))
    for name, listed in ((ZONES, content.zones), (COMUNI, content.comuni), (STRATEGIES, content.strategies)):
        if len(listed) > LIST_LIMITS[name]:
            problems.append(Problem(name, PROBLEM_TOO_MANY, LIST_LIMITS[name], len(listed)))
        if any(LIST_SEP in str(v) for v in listed):
            joined = tuple(str(v) for v in listed if LIST_SEP in str(v))
            problems.append(Problem(name, PROBLEM_UNKNOWN, values=joined))
        too_long = [str(v) for v in listed if len(str(v)) > ITEM_LIMIT]
        if too_long:
            problems.append(Problem(name, PROBLEM_TOO_LONG, ITEM_LIMIT, len(too_long[0])))
    if draft is not None and texts[SENDER_EMAIL] and len(texts[SENDER_EMAIL]) <= TEXT_LIMITS[SENDER_EMAIL] \
            and not _EMAIL.match(texts[SENDER_EMAIL]):
        problems.append(Problem(SENDER_EMAIL, PROBLEM_EMAIL))
    if draft is not None and draft.project_id and not _PROJECT_ID.match(draft.project_id):
        problems.append(Problem(PROJECT_ID, PROBLEM_UNKNOWN, values=(draft.project_id,)))
    return problems


def reference_problems(content: Content, refs: References) -> list[Problem]:
    """Zones, comuni, strategies and category that are not in the catalogue or the territory."""
    strategies = refs.strategy_axis[refs.default_edition]
    checks = ((ZONES, [str(z) for z in content.zones if str(z) not in refs.zone_codes]),
              (COMUNI, [c for c in content.comuni if c not in refs.comune_index]),
              (STRATEGIES, [c for c in content.strategies if c not in strategies]),
              (CATEGORY, [content.category] if content.category and content.category not in refs.categories
               else []))
    return [Problem(name, PROBLEM_UNKNOWN, values=tuple(bad[:5])) for name, bad in checks if bad]


def validate_draft(draft: Draft, refs: References, project_ids: set[str] | frozenset[str]) -> list[Problem]:
    """Every problem of a report as the form sends it; empty when it can be stored."""
    problems = shape_problems(draft.content, draft) + reference_problems(draft.content, refs)
    if draft.project_id and draft.project_id not in project_ids \
            and not any(p.field == PROJECT_ID for p in problems):
        problems.append(Problem(PROJECT_ID, PROBLEM_UNKNOWN, values=(draft.project_id,)))
    return problems


def zones_with_comuni(content: Content, refs: References) -> tuple[int, ...]:
    """The zones given plus the zones of the comuni given, sorted: the registry wants both to agree."""
    from_comuni = {refs.comune_index[c][1] for c in content.comuni if c in refs.comune_index}
    return tuple(sorted(set(content.zones) | from_comuni))
