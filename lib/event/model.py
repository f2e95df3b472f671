"""What a co-planning day is, as data: the event, its tables (one per zone), what they send, the regia's acts.

Seed 004: eleven working tables, one per Zona omogenea, at six venues; session 1 (20 minutes) picks the
strategies that matter most for the zone; session 2 says how each plays out locally: projects and
programmes already running, networks of actors, enabling factors and preconditions. Facilitators report
to a central regia, which groups what arrives into one cross-cutting synthesis for the closing plenary.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

# What a table prioritises: the strategies of an edition, or the needs for the next one.
ITEMS_STRATEGIES = "strategie"
ITEMS_NEEDS = "esigenze"
ITEM_KINDS = {ITEMS_STRATEGIES: "Strategie del piano", ITEMS_NEEDS: "Esigenze per il nuovo piano"}

# The kinds of contribution of session 2, in seed 004's words.
CONTRIBUTION_KINDS = {
    "proposta": "Proposta",
    "progetto": "Progetto o programma in corso",
    "rete": "Rete di attori attiva o da attivare",
    "fattore": "Fattore abilitante",
    "precondizione": "Precondizione",
}
# The regia's acts on contributions, each a row of the audit.
ACT_MERGE, ACT_UNMERGE = "merge", "unmerge"
ACT_TAG, ACT_UNTAG = "tag", "untag"
ACT_HIGHLIGHT, ACT_UNHIGHLIGHT = "highlight", "unhighlight"
ACT_CODE = "new_code"
# The regia's acts on the event: close it (codes stop, the synthesis stays), reopen it, extend the codes to the
# end of a later day (value: that day, YYYY-MM-DD).
ACT_CLOSE, ACT_REOPEN, ACT_EXTEND = "close", "reopen", "extend_codes"
ACTS = (ACT_MERGE, ACT_UNMERGE, ACT_TAG, ACT_UNTAG, ACT_HIGHLIGHT, ACT_UNHIGHLIGHT, ACT_CODE, ACT_CLOSE, ACT_REOPEN,
        ACT_EXTEND)
EVENT_ACTS = (ACT_CLOSE, ACT_REOPEN, ACT_EXTEND)

# Limits: a priority's reason is one line; a contribution a short paragraph; an event name a title.
TEXT_LIMITS = {"name": 120, "reason": 200, "text": 600, "theme": 60, "actor": 100, "author": 60}
MAX_PRIORITIES_LIMIT = 10
MAX_COMUNI = 30


@dataclass(frozen=True)
class Item:
    """Something a table can prioritise: a strategy or a need, with its label."""

    code: str
    label: str
    axis: int


@dataclass(frozen=True)
class TableSpec:
    """One working table: a zone and the venue where it meets."""

    zone_id: int
    venue: str


@dataclass(frozen=True)
class EventSpec:
    """An event as the regia creates it (or a file describes it)."""

    name: str
    day: date
    plan_edition: str
    item_kind: str
    max_priorities: int
    items: tuple[Item, ...]
    tables: tuple[TableSpec, ...]


@dataclass(frozen=True)
class Event:
    """A stored event."""

    event_id: int
    spec: EventSpec
    created_at: datetime


@dataclass(frozen=True)
class Priority:
    """One ranked choice of a table: rank 1 first, with a one-line reason."""

    rank: int
    item: str
    reason: str


@dataclass(frozen=True)
class Contribution:
    """A contribution of session 2 in its latest revision (deleted ones are kept, flagged)."""

    key: str
    zone_id: int
    item: str
    kind: str
    text: str
    comuni: tuple[str, ...]
    revision: int
    saved_at: datetime
    deleted: bool = False
    author: str = ""


@dataclass(frozen=True)
class Ranking:
    """A table's ranking in one revision: its id (the base of the next save), who saved it and when."""

    revision_id: int
    priorities: tuple[Priority, ...]
    author: str
    saved_at: datetime


@dataclass(frozen=True)
class Act:
    """One act of the regia (or a new access code), as written in the audit."""

    act_id: int
    actor: str
    act: str
    target: str
    value: str
    at: datetime


@dataclass
class EventState:
    """Everything current about an event: each table's ranking, the contributions, the regia's acts."""

    event: Event
    priorities: dict[int, list[Priority]] = field(default_factory=dict)
    priorities_saved_at: dict[int, datetime] = field(default_factory=dict)
    rankings: dict[int, Ranking] = field(default_factory=dict)
    # Whether the regia closed the event, and until when its codes work (lib/event/access.status).
    closed: bool = False
    codes_until: datetime | None = None
    contributions: list[Contribution] = field(default_factory=list)
    acts: list[Act] = field(default_factory=list)
    version: tuple[int, int, int] = (0, 0, 0)
