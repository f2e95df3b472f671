"""The co-planning day's store: every save and act in the shared database, so any process serves any table.

Nothing is updated or deleted (the database refuses it): a table's ranking and each contribution have
revisions, the regia's acts are rows of an audit, a new access code is a new row. The current state is the
latest of each; `state()` reads it in one transaction, `version()` says cheaply whether anything changed.

A facilitator's save carries the revision it was made on (`base`) and the code its session opened the table
with (`access`); in the same write transaction the store refuses it if the code no longer works
(AccessEndedError) or if someone saved the same thing meanwhile (SaveConflictError, with what they saved).
"""
from __future__ import annotations

import json
import secrets
from collections.abc import Callable
from dataclasses import asdict
from datetime import UTC, date, datetime

from sqlalchemy import Connection, Row, func, insert, select
from sqlalchemy.exc import IntegrityError

from lib.event import access as a
from lib.event import model as m
from lib.event.sql import ACCESS_CODES, ACTS, CONTRIBUTION_REVISIONS, EVENTS, PRIORITY_REVISIONS
from lib.safe_text import clean_text
from lib.submissions.store import SubmissionStore


class SaveConflictError(RuntimeError):
    """Someone saved this ranking or contribution after the revision the save was made on: `current` is what
    is saved now, an m.Ranking or an m.Contribution (possibly deleted), or None when nothing is saved yet."""

    def __init__(self, current: m.Ranking | m.Contribution | None) -> None:
        super().__init__("saved meanwhile by someone else")
        self.current = current


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
    """The events in the database of a SubmissionStore (same engine, same migrations).

    `clock` gives the current time (UTC): saves are stamped with it and codes expire by it.
    """

    def __init__(self, store: SubmissionStore, clock: Callable[[], datetime] = _now) -> None:
        self.store = store
        self.clock = clock

    def create(self, spec: m.EventSpec, actor: str) -> tuple[int, dict[int, str]]:
        """Store a new event and one access code per table; returns its id and the codes (shown only now)."""
        if not spec.items or not spec.tables:
            raise ValueError("an event needs items to prioritise and tables")
        if not 1 <= spec.max_priorities <= m.MAX_PRIORITIES_LIMIT:
            raise ValueError(f"max_priorities must be 1–{m.MAX_PRIORITIES_LIMIT}")
        if spec.item_kind not in m.ITEM_KINDS:
            raise ValueError(f"unknown item kind {spec.item_kind!r}")
        created, salt = self.clock(), a.new_salt()
        codes = {table.zone_id: a.new_code() for table in spec.tables}
        with self.store.transaction(write=True) as conn:
            event_id = conn.execute(insert(EVENTS).values(
                name=_text("name", spec.name), day=spec.day, plan_edition=spec.plan_edition,
                item_kind=spec.item_kind, max_priorities=spec.max_priorities,
                items_json=json.dumps([asdict(i) for i in spec.items], ensure_ascii=False),
                tables_json=json.dumps([asdict(t) for t in spec.tables], ensure_ascii=False),
                created_by=_text("actor", actor), created_at=created, code_salt=salt).returning(EVENTS.c.id)
            ).scalar_one()
            conn.execute(insert(ACCESS_CODES), [
                {"event_id": event_id, "zone_id": zone_id, "code_hash": a.code_hash(code, salt), "created_at": created}
                for zone_id, code in codes.items()])
        return event_id, codes

    def new_code(self, event_id: int, zone_id: int, actor: str) -> str:
        """A new access code for a table; its older codes stop working, and the sessions opened with them end
        at their next save. Written to the audit."""
        code = a.new_code()
        with self.store.transaction(write=True) as conn:
            now, salt = self.clock(), conn.scalar(select(EVENTS.c.code_salt).where(EVENTS.c.id == event_id))
            conn.execute(insert(ACCESS_CODES).values(event_id=event_id, zone_id=zone_id,
                                                     code_hash=a.code_hash(code, salt), created_at=now))
            conn.execute(insert(ACTS).values(event_id=event_id, actor=_text("actor", actor), act=m.ACT_CODE,
                                             target=str(zone_id), value="", at=now))
        return code

    def table_for_code(self, typed: str) -> a.Access | None:
        """The table a code opens, if it is its table's latest code and its event is open now."""
        now = self.clock()
        with self.store.transaction() as conn:
            for event_id, salt, day in conn.execute(select(EVENTS.c.id, EVENTS.c.code_salt, EVENTS.c.day)):
                if _status(conn, event_id, day).ended(now):
                    continue
                row = conn.execute(select(ACCESS_CODES).where(
                    ACCESS_CODES.c.event_id == event_id, ACCESS_CODES.c.code_hash == a.code_hash(typed, salt))).first()
                if row is not None and _latest_code(conn, event_id, row.zone_id) == row.id:
                    return a.Access(event_id, row.zone_id, row.id)
        return None

    def events(self) -> list[m.Event]:
        """Every event, newest first."""
        with self.store.transaction() as conn:
            return [_event(r) for r in conn.execute(select(EVENTS).order_by(EVENTS.c.id.desc()))]

    def _check(self, conn: Connection, event_id: int, zone_id: int, access: a.Access | None) -> None:
        if access is None:  # a trusted caller (the regia's tools, tests, the benchmark)
            return
        if (access.event_id, access.zone_id) != (event_id, zone_id) or \
                _latest_code(conn, event_id, zone_id) != access.code_id:
            raise a.AccessEndedError(a.REVOKED)
        day = conn.scalar(select(EVENTS.c.day).where(EVENTS.c.id == event_id))
        if reason := _status(conn, event_id, day).ended(self.clock()):
            raise a.AccessEndedError(reason)

    def save_priorities(self, event_id: int, zone_id: int, ranking: list[m.Priority], *, base: int | None = None,
                        author: str = "", access: a.Access | None = None) -> int:
        """A table's whole ranking, as a new revision (ranks renumbered 1… in the order given); returns its id.

        Args:
            base: the revision the ranking was made on (0: none yet); None saves without checking.
        Raises:
            SaveConflictError: another revision was saved after `base`.
            AccessEndedError: `access` no longer works.
        """
        clean = [{"rank": i, "item": p.item, "reason": _text("reason", p.reason, required=False)}
                 for i, p in enumerate(ranking, start=1)]
        author = _text("author", author, required=False)
        try:
            with self.store.transaction(write=True) as conn:
                self._check(conn, event_id, zone_id, access)
                latest = _latest_ranking(conn, event_id, zone_id)
                if base is not None and (latest.revision_id if latest else 0) != base:
                    raise SaveConflictError(latest)
                return conn.execute(insert(PRIORITY_REVISIONS).values(
                    event_id=event_id, zone_id=zone_id, ranking_json=json.dumps(clean, ensure_ascii=False),
                    saved_at=self.clock(), parent_id=latest.revision_id if latest else 0, author=author)
                    .returning(PRIORITY_REVISIONS.c.id)).scalar_one()
        except IntegrityError:  # another process saved on the same revision first (PostgreSQL)
            with self.store.transaction() as conn:
                raise SaveConflictError(_latest_ranking(conn, event_id, zone_id)) from None

    def save_contribution(self, event_id: int, zone_id: int, item: str, kind: str, text: str,
                          comuni: tuple[str, ...] = (), key: str | None = None, deleted: bool = False, *,
                          base: int | None = None, author: str = "", access: a.Access | None = None) -> str:
        """A new contribution (base 0, or key None) or a new revision of one; returns its key.

        A key given with base 0 is a new contribution under that key: sending it again after a lost answer
        stores it once. Raises SaveConflictError when the contribution's latest revision is not `base`
        (someone edited or deleted it meanwhile), AccessEndedError when `access` no longer works.
        """
        if kind not in m.CONTRIBUTION_KINDS:
            raise ValueError(f"unknown contribution kind {kind!r}")
        if len(comuni) > m.MAX_COMUNI:
            raise ValueError(f"at most {m.MAX_COMUNI} comuni")
        body, author = _text("text", text, required=not deleted), _text("author", author, required=False)
        key = key or secrets.token_hex(8)
        try:
            with self.store.transaction(write=True) as conn:
                self._check(conn, event_id, zone_id, access)
                current = _contribution(conn, key)
                if base is not None and (current.revision if current else 0) != base:
                    if base == 0 and current is not None and current.revision == 1 and current.text == body:
                        return key  # the same new contribution sent twice
                    raise SaveConflictError(current)
                conn.execute(insert(CONTRIBUTION_REVISIONS).values(
                    event_id=event_id, contribution_key=key, revision=(current.revision if current else 0) + 1,
                    zone_id=zone_id, item=item, kind=kind, text=body, comuni=";".join(comuni), deleted=deleted,
                    saved_at=self.clock(), author=author))
        except IntegrityError:  # another process saved the same revision number first (PostgreSQL)
            with self.store.transaction() as conn:
                raise SaveConflictError(_contribution(conn, key)) from None
        return key

    def act(self, event_id: int, actor: str, act: str, target: str, value: str = "") -> None:
        """One act of the regia: on a contribution (merge, tag, highlight or their undoing) or on the event
        (close, reopen, extend the codes to the end of day `value`)."""
        if act not in m.ACTS:
            raise ValueError(f"unknown act {act!r}")
        if act in (m.ACT_TAG, m.ACT_UNTAG):
            value = _text("theme", value)
        elif act == m.ACT_EXTEND:
            value = date.fromisoformat(value).isoformat()
        else:
            value = value[:64]
        with self.store.transaction(write=True) as conn:
            conn.execute(insert(ACTS).values(event_id=event_id, actor=_text("actor", actor), act=act,
                                             target=target[:64], value=value, at=self.clock()))

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
                ranking = _ranking(r)
                state.rankings[r.zone_id] = ranking
                state.priorities[r.zone_id] = list(ranking.priorities)
                state.priorities_saved_at[r.zone_id] = ranking.saved_at
            current = (select(CONTRIBUTION_REVISIONS.c.contribution_key,
                              func.max(CONTRIBUTION_REVISIONS.c.revision).label("revision"))
                       .where(CONTRIBUTION_REVISIONS.c.event_id == event_id)
                       .group_by(CONTRIBUTION_REVISIONS.c.contribution_key).subquery())
            rows = conn.execute(select(CONTRIBUTION_REVISIONS).join(current, (
                current.c.contribution_key == CONTRIBUTION_REVISIONS.c.contribution_key)
                & (current.c.revision == CONTRIBUTION_REVISIONS.c.revision)).order_by(CONTRIBUTION_REVISIONS.c.id))
            state.contributions = [_contribution_of(r) for r in rows]
            state.acts = [_act(r) for r in conn.execute(select(ACTS).where(ACTS.c.event_id == event_id)
                                                        .order_by(ACTS.c.id))]
            status = a.status(state.event.spec.day, state.acts)
            state.closed, state.codes_until = status.closed, status.codes_until
            return state

    def history(self, event_id: int) -> list[tuple[datetime, str, str]]:
        """Every save of every table, oldest first: (when, zone, what) for the regia's audit view."""
        with self.store.transaction() as conn:
            saves = [(_utc(r.saved_at), str(r.zone_id), "priorità" + (f" ({r.author})" if r.author else ""))
                     for r in conn.execute(select(PRIORITY_REVISIONS).where(PRIORITY_REVISIONS.c.event_id == event_id))]
            saves += [(_utc(r.saved_at), str(r.zone_id), f"contributo {r.contribution_key} rev. {r.revision}"
                       + (" (eliminato)" if r.deleted else "") + (f" ({r.author})" if r.author else ""))
                      for r in conn.execute(select(CONTRIBUTION_REVISIONS)
                                            .where(CONTRIBUTION_REVISIONS.c.event_id == event_id))]
            return sorted(saves)


def _version(conn: Connection, event_id: int) -> tuple[int, int, int]:
    ranking, contribution, act = (conn.scalar(select(func.max(table.c.id)).where(table.c.event_id == event_id)) or 0
                                  for table in (PRIORITY_REVISIONS, CONTRIBUTION_REVISIONS, ACTS))
    return ranking, contribution, act


def _latest_code(conn: Connection, event_id: int, zone_id: int) -> int | None:
    return conn.scalar(select(func.max(ACCESS_CODES.c.id)).where(ACCESS_CODES.c.event_id == event_id,
                                                                 ACCESS_CODES.c.zone_id == zone_id))


def _status(conn: Connection, event_id: int, day: object) -> a.Status:
    acts = conn.execute(select(ACTS).where(ACTS.c.event_id == event_id, ACTS.c.act.in_(m.EVENT_ACTS))
                        .order_by(ACTS.c.id))
    return a.status(day if isinstance(day, date) else date.fromisoformat(str(day)), [_act(r) for r in acts])


def _ranking(row: Row) -> m.Ranking:
    return m.Ranking(revision_id=row.id, priorities=tuple(m.Priority(**p) for p in json.loads(row.ranking_json)),
                     author=row.author or "", saved_at=_utc(row.saved_at))


def _latest_ranking(conn: Connection, event_id: int, zone_id: int) -> m.Ranking | None:
    row = conn.execute(select(PRIORITY_REVISIONS).where(PRIORITY_REVISIONS.c.event_id == event_id,
                                                        PRIORITY_REVISIONS.c.zone_id == zone_id)
                       .order_by(PRIORITY_REVISIONS.c.id.desc()).limit(1)).first()
    return _ranking(row) if row is not None else None


def _contribution_of(row: Row) -> m.Contribution:
    return m.Contribution(key=row.contribution_key, zone_id=row.zone_id, item=row.item, kind=row.kind, text=row.text,
                          comuni=tuple(c for c in row.comuni.split(";") if c), revision=row.revision,
                          saved_at=_utc(row.saved_at), deleted=bool(row.deleted), author=row.author or "")


def _contribution(conn: Connection, key: str) -> m.Contribution | None:
    row = conn.execute(select(CONTRIBUTION_REVISIONS).where(CONTRIBUTION_REVISIONS.c.contribution_key == key)
                       .order_by(CONTRIBUTION_REVISIONS.c.revision.desc()).limit(1)).first()
    return _contribution_of(row) if row is not None else None


def _act(row: Row) -> m.Act:
    return m.Act(act_id=row.id, actor=row.actor, act=row.act, target=row.target, value=row.value, at=_utc(row.at))


def _event(row: Row) -> m.Event:
    spec = m.EventSpec(
        name=row.name, day=row.day if isinstance(row.day, date) else date.fromisoformat(str(row.day)),
        plan_edition=row.plan_edition, item_kind=row.item_kind, max_priorities=row.max_priorities,
        items=tuple(m.Item(**i) for i in json.loads(row.items_json)),
        tables=tuple(m.TableSpec(**t) for t in json.loads(row.tables_json)))
    return m.Event(event_id=row.id, spec=spec, created_at=_utc(row.created_at))
