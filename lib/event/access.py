"""The tables' access codes: made, stored as salted slow hashes, and valid only while the event is open.

A code opens one table of one event. It stops working when the regia gives that table a new code (the
sessions opened with the old one end at their next save), when the regia closes the event, and at the end
of the event's day (Europe/Rome) unless the regia extended the codes. A copy of the database does not give
the codes away: each is stored as scrypt(code, the event's salt), which costs ~20 ms to compute, so trying
the 31^8 codes of one event offline takes centuries of CPU time.
"""
from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from lib.event import model as m
from lib.views.fmt import TIMEZONE

# Access codes are read aloud and typed on phones: no 0/O, 1/I/L; 8 characters (31^8 ≈ 8.5e11).
_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 8
# scrypt's cost: 8 MiB and ~20 ms per hash here; a check hashes the typed code once per open event.
_SCRYPT = {"n": 2**13, "r": 8, "p": 1, "maxmem": 32 * 1024 * 1024, "dklen": 32}
_ZONE = ZoneInfo(TIMEZONE)

# Why a session's access ended (AccessEndedError.reason).
REVOKED, CLOSED, EXPIRED = "revoked", "closed", "expired"


class AccessEndedError(Exception):
    """The code a session opened its table with no longer works (revoked, event closed, codes expired).

    Not a PermissionError: that is an OSError, which the store's transactions read as a database that cannot
    be reached."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"access ended: {reason}")
        self.reason = reason


@dataclass(frozen=True)
class Access:
    """What a code opened: one table (event, zone), through one code (its row id)."""

    event_id: int
    zone_id: int
    code_id: int


@dataclass(frozen=True)
class Status:
    """Whether an event's tables can be opened and saved: closed by the regia, codes valid until when."""

    closed: bool
    codes_until: datetime

    def ended(self, now: datetime) -> str | None:
        """Why codes do not work at `now` (CLOSED, EXPIRED), or None while they do."""
        if self.closed:
            return CLOSED
        return EXPIRED if now >= self.codes_until else None


def new_code() -> str:
    """A fresh access code such as 'K7QM-2XPA'."""
    chars = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return f"{chars[:4]}-{chars[4:]}"


def new_salt() -> str:
    """A fresh salt for one event's codes."""
    return secrets.token_hex(16)


def normalise_code(typed: str) -> str:
    """What a person typed, as a code: upper case, no spaces or dashes, then the dash back in the middle."""
    raw = "".join(ch for ch in typed.upper() if ch.isascii() and ch.isalnum())[:CODE_LENGTH * 2]
    return f"{raw[:4]}-{raw[4:]}" if len(raw) == CODE_LENGTH else raw


def code_hash(code: str, salt: str | None) -> str:
    """The stored form of a code: scrypt with the event's salt (plain SHA-256 for events before step 5)."""
    data = normalise_code(code).encode("ascii", "ignore")
    if salt is None:
        return hashlib.sha256(data).hexdigest()
    return hashlib.scrypt(data, salt=salt.encode("ascii"), **_SCRYPT).hex()


def end_of_day(day: date) -> datetime:
    """Midnight at the end of `day`, in Italy."""
    return datetime.combine(day + timedelta(days=1), time(0), tzinfo=_ZONE)


def status(day: date, acts: list[m.Act]) -> Status:
    """An event's status from its day and the regia's acts (close, reopen, extend; the latest of each wins)."""
    closed, until = False, end_of_day(day)
    for act in acts:
        if act.act == m.ACT_CLOSE:
            closed = True
        elif act.act == m.ACT_REOPEN:
            closed = False
        elif act.act == m.ACT_EXTEND:
            until = end_of_day(date.fromisoformat(act.value))
    return Status(closed=closed, codes_until=until)
