"""The co-planning day's store: every save and act in the shared database, so any process serves any table.

Nothing is updated or deleted (the database refuses it): a table's ranking and each contribution have
revisions, the regia's acts are rows of an audit, a new access code is a new row. The current state is the
latest of each; `state()` reads it in one transaction, `version()` says cheaply whether anything changed.
"""
from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import asdict
from datetime import UTC, date, datetime

from sqlalchemy import Connection, func, insert, select

from lib.event import model as m
from lib.event.tables import ACCESS_CODES, ACTS, CONTRIBUTION_REVISIONS, EVENTS, PRIORITY_REVISIONS
from lib.safe_text import clean_text
from lib.submissions.store import SubmissionStore

# Access codes are read aloud and typed on phones: no 0/O, 1/I/L; 8 characters (31^8 ≈ 8.5e11), and
# checks slowed by lib/submissions/guessing.py, so guessing one is hopeless.
_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 8


def new_code() -> str:
    """A fresh access code such as 'K7QM-2XPA'."""
    chars = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return f"{chars[:4]}-{chars[4:]}"


def normalise_code(typed: str) -> str:
    """What a person typed, as a code: upper case, no spaces or dashes, then the dash back in the middle."""
    raw = "".join(ch for ch in typed.upper() if ch.isascii() and ch.isalnum())[:CODE_LENGTH * 2]
    return f"{raw[:4]}-{raw[4:]}" if len(raw) == CODE_LENGTH else raw


def _hash(code: str) -> str:
    return hashlib.sha256(normalise_code(code).encode("ascii", "ignore")).hexdigest()


def _now() -> datetime:
    return datetime.now(UTC)


def _utc(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _text(name: str, value: str, required: bool = True) -> str:
    cleaned = clean_text(value)
    if required and not cleaned:
        raise ValueError(f"{name} is required")
    if len(cleaned) > m.TEXT_LIMITS[name]:
        raise ValueError(f"{name} is longer than {m.TEXT_LIMITS[name]} characters")
    return cleaned


class EventStore:
    """The events in the database of a SubmissionStore (same engine, same migrations)."""

    def __init__(self, store: SubmissionStore) -> None:
        self.store = store

    def create(self, spec: m.EventSpec, actor: str, now: datetime | None = None) -> tuple[int, dict[int, str]]:
        """Store a new event and one access code per table; returns its id and the codes (shown only now)."""
        if not spec.items or not spec.tables:
            raise ValueError("an event needs items to prioritise and tables")
        if not 1 <= spec.max_priorities <= m.MAX_PRIORITIES_LIMIT:
            raise ValueError(f"max_priorities must be 1–{m.MAX_PRIORITIES_LIMIT}")
        if spec.item_kind not in m.ITEM_KINDS:
            raise ValueError(f"unknown item kind {spec.item_kind!r}")
        created = now or _now()
        codes = {table.zone_id: new_code() for table in spec.tables}
        with self.store.transaction(write=True) as conn:
            event_id = conn.execute(insert(EVENTS).values(
                name=_text("name", spec.name), day=spec.day, plan_edition=spec.plan_edition,
                item_kind=spec.item_kind, max_priorities=spec.max_priorities,
                items_json=json.dumps([asdict(i) for i in spec.items], ensure_ascii=False),
                tables_json=json.dumps([asdict(t) for t in spec.tables], ensure_ascii=False),
                created_by=_text("actor", actor), created_at=created).returning(EVENTS.c.id)).scalar_one()
            for zone_id, code in codes.items():
                conn.execute(insert(ACCESS_CODES).values(event_id=event_id, zone_id=zone_id, code_hash=_hash(code),
                                                         created_at=created))
        return event_id, codes

    def new_code(self, event_id: int, zone_id: int, actor: str) -> str:
        """A new access code for a table; its older codes stop working. Written to the audit."""
        code = new_code()
        with self.store.transaction(write=True) as conn:
            now = _now()
            conn.execute(insert(ACCESS_CODES).values(event_id=event_id, zone_id=zone_id, code_hash=_hash(code),
                                                     created_at=now))
            conn.execute(insert(ACTS).values(event_id=event_id, actor=_text("actor", actor), act=m.ACT_CODE,
                                             target=str(zone_id), value="", at=now))
        return code

    def table_for_code(self, typed: str) -> tuple[int, int] | None:
        """(event id, zone) that a code opens: only the table's latest code works."""
        with self.store.transaction() as conn:
            row = conn.execute(select(ACCESS_CODES).where(ACCESS_CODES.c.code_hash == _hash(typed))).first()
            if row is None:
                return None
            latest = conn.scalar(select(func.max(ACCESS_CODES.c.id)).where(
                ACCESS_CODES.c.event_id == row.event_id, ACCESS_CODES.c.zone_id == row.zone_id))
            return (row.event_id, row.zone_id) if latest == row.id else None

    def events(self) -> list[m.Event]:
        """Every event, newest first."""
        with self.store.transaction() as conn:
            return [_event(r) for r in conn.execute(select(EVENTS).order_by(EVENTS.c.id.desc()))]

    def save_priorities(self, event_id: int, zone_id: int, ranking: list[m.Priority]) -> None:
        """A table's whole ranking, as a new revision (ranks renumbered 1… in the order given)."""
        clean = [{"rank": i, "item": p.item, "reason": _text("reason", p.reason, required=False)}
                 for i, p in enumerate(ranking, start=1)]
        with self.store.transaction(write=True) as conn:
            conn.execute(insert(PRIORITY_REVISIONS).values(
                event_id=event_id, zone_id=zone_id, ranking_json=json.dumps(clean, ensure_ascii=False),
                saved_at=_now()))

    def save_contribution(self, event_id: int, zone_id: int, item: str, kind: str, text: str,
                          comuni: tuple[str, ...] = (), key: str | None = None, deleted: bool = False) -> str:
        """A new contribution (key None) or a new revision of one; returns its key."""
        if kind not in m.CONTRIBUTION_KINDS:
            raise ValueError(f"unknown contribution kind {kind!r}")
        if len(comuni) > m.MAX_COMUNI:
            raise ValueError(f"at most {m.MAX_COMUNI} comuni")
        body = _text("text", text, required=not deleted)
        key = key or secrets.token_hex(8)
        with self.store.transaction(write=True) as conn:
            last = conn.scalar(select(func.max(CONTRIBUTION_REVISIONS.c.revision))
                               .where(CONTRIBUTION_REVISIONS.c.contribution_key == key)) or 0
            conn.execute(insert(CONTRIBUTION_REVISIONS).values(
                event_id=event_id, contribution_key=key, revision=last + 1, zone_id=zone_id, item=item, kind=kind,
                text=body, comuni=";".join(comuni), deleted=deleted, saved_at=_now()))
        return key

    def act(self, event_id: int, actor: str, act: str, target: str, value: str = "") -> None:
        """One act of the regia on a contribution (merge, tag, highlight or their undoing)."""
        if act not in m.ACTS:
            raise ValueError(f"unknown act {act!r}")
        value = _text("theme", value, required=act in (m.ACT_TAG, m.ACT_UNTAG)) if act in (m.ACT_TAG, m.ACT_UNTAG) \
            else value[:64]
        with self.store.transaction(write=True) as conn:
            conn.execute(insert(ACTS).values(event_id=event_id, actor=_text("actor", actor), act=act,
                                             target=target[:64], value=value, at=_now()))

    def version(self, event_id: int) -> tuple[int, int, int]:
        """Changes whenever a ranking, a contribution or an act is saved: the key of every cached view."""
        with self.store.transaction() as conn:
            return _version(conn, event_id)

    def state(self, event_id: int) -> m.EventState:
        """Everything current about an event, read in one transaction."""
        with self.store.transaction() as conn:
            row = conn.execute(select(EVENTS).where(EVENTS.c.id == event_id)).first()
            if row is None:
                raise LookupError(f"no event {event_id}")
            state = m.EventState(event=_event(row), version=_version(conn, event_id))
            latest = (select(PRIORITY_REVISIONS.c.zone_id, func.max(PRIORITY_REVISIONS.c.id).label("id"))
                      .where(PRIORITY_REVISIONS.c.event_id == event_id).group_by(PRIORITY_REVISIONS.c.zone_id)
                      .subquery())
            for r in conn.execute(select(PRIORITY_REVISIONS).join(latest, latest.c.id == PRIORITY_REVISIONS.c.id)):
                state.priorities[r.zone_id] = [m.Priority(**p) for p in json.loads(r.ranking_json)]
                state.priorities_saved_at[r.zone_id] = _utc(r.saved_at)
            current = (select(CONTRIBUTION_REVISIONS.c.contribution_key,
                              func.max(CONTRIBUTION_REVISIONS.c.revision).label("revision"))
                       .where(CONTRIBUTION_REVISIONS.c.event_id == event_id)
                       .group_by(CONTRIBUTION_REVISIONS.c.contribution_key).subquery())
            rows = conn.execute(select(CONTRIBUTION_REVISIONS).join(current, (
                current.c.contribution_key == CONTRIBUTION_REVISIONS.c.contribution_key)
                & (current.c.revision == CONTRIBUTION_REVISIONS.c.revision)).order_by(CONTRIBUTION_REVISIONS.c.id))
            state.contributions = [m.Contribution(
                key=r.contribution_key, zone_id=r.zone_id, item=r.item, kind=r.kind, text=r.text,
                comuni=tuple(c for c in r.comuni.split(";") if c), revision=r.revision, saved_at=_utc(r.saved_at),
                deleted=bool(r.deleted)) for r in rows]
            state.acts = [m.Act(act_id=r.id, actor=r.actor, act=r.act, target=r.target, value=r.value, at=_utc(r.at))
                          for r in conn.execute(select(ACTS).where(ACTS.c.event_id == event_id).order_by(ACTS.c.id))]
            return state

    def history(self, event_id: int) -> list[tuple[datetime, str, str]]:
        """Every save of every table, oldest first: (when, zone, what) for the regia's audit view."""
        with self.store.transaction() as conn:
            saves = [(_utc(r.saved_at), str(r.zone_id), "priorità") for r in conn.execute(
                select(PRIORITY_REVISIONS).where(PRIORITY_REVISIONS.c.event_id == event_id))]
            saves += [(_utc(r.saved_at), str(r.zone_id), f"contributo {r.contribution_key} rev. {r.revision}"
                       + (" (eliminato)" if r.deleted else "")) for r in conn.execute(
                select(CONTRIBUTION_REVISIONS).where(CONTRIBUTION_REVISIONS.c.event_id == event_id))]
            return sorted(saves)


def _version(conn: Connection, event_id: int) -> tuple[int, int, int]:
    return tuple(conn.scalar(select(func.max(table.c.id)).where(table.c.event_id == event_id)) or 0
                 for table in (PRIORITY_REVISIONS, CONTRIBUTION_REVISIONS, ACTS))


def _event(row: object) -> m.Event:
    spec = m.EventSpec(
        name=row.name, day=row.day if isinstance(row.day, date) else date.fromisoformat(str(row.day)),
        plan_edition=row.plan_edition, item_kind=row.item_kind, max_priorities=row.max_priorities,
        items=tuple(m.Item(**i) for i in json.loads(row.items_json)),
        tables=tuple(m.TableSpec(**t) for t in json.loads(row.tables_json)))
    return m.Event(event_id=row.id, spec=spec, created_at=_utc(row.created_at))
