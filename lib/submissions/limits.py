"""Limits on reports that hold across sessions and processes, and the address a limit is counted against.

Every report that counts is a row in the database (`rate_events`), so a script that opens a new session
for each try, or a second app process, meets the same limits. Each limit applies per client address and,
as a ceiling, to everyone together. Codes and credentials are never refused: lib/submissions/guessing.py
slows and reports guessing instead.
"""
from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import delete, insert, select, text

from lib.submissions.db import RATE_EVENTS

if TYPE_CHECKING:
    from lib.submissions.store import SubmissionStore

# What an attempt is, as stored in rate_events.kind.
REPORT = "report"


@dataclass(frozen=True)
class Limit:
    """At most `per_client` events from one address and `overall` from everyone in `window_s` seconds."""

    per_client: int
    overall: int
    window_s: float


# A zone representative sends a few reports; a room sharing one address may send a few dozen.
LIMITS: dict[str, Limit] = {
    REPORT: Limit(per_client=10, overall=60, window_s=600),
}
# Rows older than this are deleted as new ones arrive: longer than any window.
RETENTION_S = 86_400.0
# Client key when the app sees no address (a browser on the same machine, or a test).
LOCAL_CLIENT = "locale"
# Any constant key: on PostgreSQL, deciding and recording an attempt is serialised across processes.
_LOCK_KEY = 0x50534D02
# Header set by the nginx configuration in deploy/: the browser's address as nginx saw it.
REAL_IP_HEADER = "X-Real-Ip"


@dataclass(frozen=True)
class Decision:
    """Whether one more attempt is allowed now, and if not, in how many seconds it will be."""

    allowed: bool
    retry_after_s: float = 0.0


def decide(limit: Limit, client_times: list[float], all_times: list[float], now: float) -> Decision:
    """Apply a limit to the event times (seconds) of this client and of everyone inside the window."""
    waits = []
    for times, cap in ((client_times, limit.per_client), (all_times, limit.overall)):
        recent = sorted(t for t in times if now - limit.window_s < t <= now)
        if len(recent) >= cap:
            waits.append(recent[-cap] + limit.window_s - now)
    return Decision(True) if not waits else Decision(False, max(1.0, *waits))


def client_key(ip_address: str | None, headers: Mapping[str, str] | None) -> str:
    """The address a limit is counted against.

    Streamlit gives no address for a connection from the same machine; that is also how nginx in front
    of the app connects, and then nginx's X-Real-IP names the browser. Anything that is not an IP address
    is ignored, so a forged header cannot fill the table with new keys.
    """
    candidate = ip_address
    if candidate is None and headers:
        candidate = next((v for k, v in headers.items() if k.lower() == REAL_IP_HEADER.lower()), None)
    try:
        return str(ipaddress.ip_address((candidate or "").strip()))
    except ValueError:
        return LOCAL_CLIENT


def check_and_record(store: SubmissionStore, kind: str, client: str, now: float) -> Decision:
    """Decide whether one more attempt of `kind` from `client` is allowed now; record it if it is.

    Deciding and recording happen in one write transaction, so two processes cannot both take the last
    free place.
    """
    limit = LIMITS[kind]
    with store.transaction(write=True) as conn:
        if conn.dialect.name == "postgresql":  # SQLite's BEGIN IMMEDIATE already serialises writers
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY})
        rows = conn.execute(select(RATE_EVENTS.c.client, RATE_EVENTS.c.at)
                            .where(RATE_EVENTS.c.kind == kind, RATE_EVENTS.c.at > now - limit.window_s)).all()
        decision = decide(limit, [r.at for r in rows if r.client == client], [r.at for r in rows], now)
        if decision.allowed:
            conn.execute(insert(RATE_EVENTS).values(kind=kind, client=client, at=now))
            conn.execute(delete(RATE_EVENTS).where(RATE_EVENTS.c.at < now - RETENTION_S))
    return decision
