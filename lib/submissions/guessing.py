"""Guessing of access codes and of the regia/moderation credential: slowed and reported, never refused.

All the phones of a venue share one address, so a wrong code from that address may be a bored participant
and the next one the facilitator with the right card. Nobody is ever locked out; instead every check of a
code or a credential first reserves a slot, atomically, in the shared database (`rate_events`):

    slot = max(now, last slot of this address + CLIENT spacing, last slot of everyone + OVERALL spacing)

where a spacing applies only once the address (or everyone) has used its free checks in the window. The
session sleeps until its slot and only then compares what was typed: a *check*. Reserving is one write
transaction (SQLite BEGIN IMMEDIATE, a PostgreSQL advisory lock), so two processes never get the same slot.

The bound, per kind, for one address and any T seconds inside a window:
    on-time checks <= free_per_client + T / client_spacing_s + 1.
A session never waits longer than its cap: FIRST_WAIT_CAP_S (1.5 s) for a session that has typed nothing
wrong yet, so the right code from a fresh phone opens within 2 s whatever the flood, doubling with each of
the session's own failures up to SESSION_WAIT_CAP_S. An attempt whose slot lies beyond its cap is checked
at the cap instead, never refused: it is stored as an *overflow* check and counted in the regia's report.
So checks beyond the bound need many sessions guessing in parallel, each paying at least 1.5 s a guess.
Besides the queue, a session's own failures slow it down (`session_delay`) even on a quiet network.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import Connection, delete, func, insert, select, text

from lib.submissions.db import RATE_EVENTS
from lib.submissions.limits import RETENTION_S

if TYPE_CHECKING:
    from lib.submissions.store import SubmissionStore

# What is guessed; each has check rows (on time / overflow) and failure rows in rate_events.kind.
CODE = "code"
LOGIN = "login"
RECEIPT = "receipt"
CHECK_SUFFIX = "_check"
OVERFLOW_SUFFIX = "_overflow"
FAILURE_SUFFIX = "_failure"
# A fresh session (nothing typed wrong yet) waits at most this: the right code opens within 2 s.
FIRST_WAIT_CAP_S = 1.5
# Each failure of a session doubles its cap, up to this.
SESSION_WAIT_CAP_S = 30.0
# A session's own failures before its own delay starts (mistyping a code once or twice is normal).
SESSION_FREE_FAILURES = 2
# Any constant key, different from the other advisory locks: serialises reservations on PostgreSQL.
_LOCK_KEY = 0x50534D03
_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Pace:
    """Free checks per window for one address and for everyone, then the spacing between checks."""

    free_per_client: int
    client_spacing_s: float
    free_overall: int
    overall_spacing_s: float
    window_s: float


# Codes carry ~40 bits: 5 on-time checks a second from one address for a whole day have about one chance in
# 180,000 of hitting one of 11 codes. The credential may be weaker, so it is checked more slowly.
PACES: dict[str, Pace] = {
    CODE: Pace(free_per_client=10, client_spacing_s=0.2, free_overall=100, overall_spacing_s=0.02,
               window_s=900),
    LOGIN: Pace(free_per_client=5, client_spacing_s=1.0, free_overall=20, overall_spacing_s=0.1,
                window_s=900),
    # Receipts carry ~40 bits like codes (SEG-XXXX-XXXX); a sender looks one up a few times.
    RECEIPT: Pace(free_per_client=10, client_spacing_s=0.2, free_overall=100, overall_spacing_s=0.02,
                  window_s=900),
}


@dataclass(frozen=True)
class Slot:
    """When a reserved check happens (seconds from now) and whether it was on time or an overflow."""

    wait_s: float
    on_time: bool


def session_cap(session_failures: int) -> float:
    """The longest a session waits for its slot: 1.5 s when fresh, doubling with each failure, up to 30 s."""
    return min(SESSION_WAIT_CAP_S, FIRST_WAIT_CAP_S * 2 ** max(0, session_failures))


def session_delay(session_failures: int) -> float:
    """The session's own delay: none for its first two failures, then 1, 2, 4 … seconds, at most 30."""
    extra = session_failures - SESSION_FREE_FAILURES
    return 0.0 if extra <= 0 else min(SESSION_WAIT_CAP_S, 2.0 ** (extra - 1))


def _queue(conn: Connection, kind: str, now: float, window_s: float, client: str | None) -> tuple[int, float]:
    """Count and latest slot of the on-time checks of `kind` in the window (of one client, or everyone)."""
    query = select(func.count(), func.max(RATE_EVENTS.c.at)).where(
        RATE_EVENTS.c.kind == kind + CHECK_SUFFIX, RATE_EVENTS.c.at > now - window_s)
    if client is not None:
        query = query.where(RATE_EVENTS.c.client == client)
    count, last = conn.execute(query).one()
    return int(count or 0), float(last if last is not None else now)


def reserve(store: SubmissionStore, kind: str, client: str, now: float, session_failures: int = 0) -> Slot:
    """Reserve the next check of `kind` for `client`, in one write transaction; return when it happens."""
    pace = PACES[kind]
    with store.transaction(write=True) as conn:
        if conn.dialect.name == "postgresql":  # SQLite's BEGIN IMMEDIATE already serialises writers
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY})
        slot = now
        for who, free, spacing in ((client, pace.free_per_client, pace.client_spacing_s),
                                   (None, pace.free_overall, pace.overall_spacing_s)):
            count, last = _queue(conn, kind, now, pace.window_s, who)
            if count >= free:
                slot = max(slot, last + spacing)
        cap = session_cap(session_failures)
        on_time = slot - now <= cap
        at = max(slot, now + session_delay(session_failures)) if on_time else now + cap
        conn.execute(insert(RATE_EVENTS).values(
            kind=kind + (CHECK_SUFFIX if on_time else OVERFLOW_SUFFIX), client=client, at=at))
        conn.execute(delete(RATE_EVENTS).where(RATE_EVENTS.c.kind.startswith(kind),
                                               RATE_EVENTS.c.at < now - RETENTION_S))
    return Slot(at - now, on_time)


def record_failure(store: SubmissionStore, kind: str, client: str, now: float) -> None:
    """Count one wrong code or credential from `client` (time and address only, never what was typed)."""
    with store.transaction(write=True) as conn:
        conn.execute(insert(RATE_EVENTS).values(kind=kind + FAILURE_SUFFIX, client=client, at=now))


def check(store: SubmissionStore, kind: str, client: str, now: float, session_failures: int,
          compare: Callable[[], bool], sleep: Callable[[float], None]) -> bool:
    """Reserve a slot, sleep until it, then run `compare`; a False answer is recorded and logged."""
    slot = reserve(store, kind, client, now, session_failures)
    if slot.wait_s > 0:
        sleep(slot.wait_s)
    if compare():
        return True
    record_failure(store, kind, client, now + slot.wait_s)
    _log.warning("%s check failed, client %s, waited %.2f s%s", kind, client, slot.wait_s,
                 "" if slot.on_time else ", overflow")
    return False


@dataclass(frozen=True)
class Report:
    """Wrong codes and failed logins in the last `window_s` seconds, with the busiest addresses."""

    window_s: float
    failures: dict[str, int]
    addresses: dict[str, int]
    overflow: dict[str, int]
    top: dict[str, list[tuple[str, int]]]

    @property
    def any(self) -> bool:
        """Whether anything failed in the window."""
        return any(self.failures.values())


def guessing_report(store: SubmissionStore, now: float, window_s: float = 900.0, top_n: int = 3) -> Report:
    """What the regia is shown: per kind, failures, distinct addresses, overflow checks, top addresses."""
    failures, addresses, overflow, top = {}, {}, {}, {}
    with store.transaction() as conn:
        for kind in PACES:
            rows = conn.execute(
                select(RATE_EVENTS.c.client, func.count().label("n"))
                .where(RATE_EVENTS.c.kind == kind + FAILURE_SUFFIX, RATE_EVENTS.c.at > now - window_s)
                .group_by(RATE_EVENTS.c.client).order_by(func.count().desc(), RATE_EVENTS.c.client)).all()
            failures[kind] = sum(r.n for r in rows)
            addresses[kind] = len(rows)
            top[kind] = [(r.client, int(r.n)) for r in rows[:top_n]]
            overflow[kind] = int(conn.scalar(select(func.count()).where(
                RATE_EVENTS.c.kind == kind + OVERFLOW_SUFFIX, RATE_EVENTS.c.at > now - window_s)) or 0)
    return Report(window_s, failures, addresses, overflow, top)
