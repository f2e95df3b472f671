"""A table's code works only while it should: until the regia replaces it, closes the day, or the day ends.

Issue 19: a phone that had opened a table with a revoked code went on saving; codes never expired; an event
could not be closed; codes were stored as unsalted SHA-256.
"""
from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from lib.event import access as a
from lib.event import facilitator as fac
from lib.event import keys as k
from lib.event import labels as lb
from lib.event import model as m
from lib.event import saving as sv
from lib.event.sql import ACCESS_CODES
from lib.event.store import EventStore
from lib.submissions.store import SubmissionStore
from tests.unit.event_workers import SPEC


class Clock:
    """A clock the test moves: the co-planning morning of seed 004, then later."""

    def __init__(self) -> None:
        self.now = datetime(2023, 12, 5, 9, 30, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def events(submission_store: SubmissionStore, clock: Clock) -> EventStore:
    return EventStore(submission_store, clock=clock)


def _open(events: EventStore, code: str) -> dict:
    session: dict = {k.AUTHOR_INPUT: "Marta"}
    assert fac.open_table(session, events, code, "151.0.0.9", 1.0) is None
    return session


def test_a_revoked_code_ends_the_session_at_its_next_save_and_keeps_what_was_typed(events: EventStore) -> None:
    event_id, codes = events.create(SPEC, "Anna")
    session = _open(events, codes[7])
    event = events.state(event_id).event
    session[k.RANK_ITEM.format(rank=1)] = "3.3"
    fac.save_ranking(session, events, event)
    assert events.state(event_id).priorities[7][0].item == "3.3"
    fresh = events.new_code(event_id, 7, "Anna")  # a lost card
    session[f"{k.NEW_TEXT}_3.3"] = "Bike-to-rail Ciriè-Lanzo"
    fac.add_contribution(session, events, "3.3")
    assert events.state(event_id).contributions == []  # nothing saved with the old code
    assert k.TABLE not in session and session[k.ENDED] == a.REVOKED
    assert lb.ENDED[a.REVOKED].startswith("La regia ha dato un nuovo codice")
    assert [s.text for s in sv.unsaved(session)] == ["Bike-to-rail Ciriè-Lanzo"]
    assert session[f"{k.NEW_TEXT}_3.3"] == "Bike-to-rail Ciriè-Lanzo"  # still in its field
    # The old code no longer opens anything; the new one reopens the table and sends what was waiting.
    assert fac.open_table(dict(session), events, codes[7], "151.0.0.9", 2.0) == lb.CODE_WRONG
    assert fac.open_table(session, events, fresh, "151.0.0.9", 3.0) is None
    assert sv.retry(session, events, 4.0)
    assert [c.text for c in events.state(event_id).contributions] == ["Bike-to-rail Ciriè-Lanzo"]
    assert session[f"{k.NEW_TEXT}_3.3"] == ""


def test_codes_expire_at_the_end_of_the_day_unless_extended(events: EventStore, clock: Clock) -> None:
    event_id, codes = events.create(SPEC, "Anna")
    session = _open(events, codes[2])
    clock.now = a.end_of_day(SPEC.day).astimezone(UTC) + timedelta(minutes=1)  # 00:01 in Italy, next day
    assert events.table_for_code(codes[3]) is None
    sv.submit(session, events, sv.Save(sv.RANKING, 0, ranking=(m.Priority(1, "1.1", ""),)), 5.0)
    assert session[k.ENDED] == a.EXPIRED and events.state(event_id).priorities == {}
    events.act(event_id, "Anna", m.ACT_EXTEND, "event", (SPEC.day + timedelta(days=1)).isoformat())
    assert events.table_for_code(codes[3]).zone_id == 3
    assert fac.open_table(session, events, codes[2], "151.0.0.9", 6.0) is None and sv.retry(session, events, 7.0)
    assert events.state(event_id).priorities[2][0].item == "1.1"


def test_a_closed_event_opens_no_table_and_keeps_its_synthesis(events: EventStore) -> None:
    first, first_codes = events.create(SPEC, "Anna")
    session = _open(events, first_codes[5])
    events.save_contribution(first, 5, "3.3", "proposta", "Ciclabili verso le stazioni")
    second, second_codes = events.create(SPEC, "Anna")
    events.act(first, "Anna", m.ACT_CLOSE, "event")
    assert events.table_for_code(first_codes[5]) is None and events.table_for_code(second_codes[5]).event_id == second
    fac.delete_contribution(session, events, events.state(first).contributions[0])
    assert session[k.ENDED] == a.CLOSED
    state = events.state(first)
    assert state.closed and [c.deleted for c in state.contributions] == [False]  # readable, unchanged
    events.act(first, "Anna", m.ACT_REOPEN, "event")
    assert events.table_for_code(first_codes[5]).event_id == first


def test_codes_are_stored_salted_and_slow_never_as_a_plain_hash(events: EventStore) -> None:
    first, codes = events.create(SPEC, "Anna")
    events.create(SPEC, "Anna")
    with events.store.transaction() as conn:
        rows = conn.execute(select(ACCESS_CODES)).all()
    stored = {r.code_hash for r in rows}
    assert len(stored) == 22
    assert hashlib.sha256(codes[7].encode()).hexdigest() not in stored
    salts = {e.event_id: e for e in events.events()}
    assert len(salts) == 2
    with events.store.transaction() as conn:
        from lib.event.sql import EVENTS
        salt = conn.scalar(select(EVENTS.c.code_salt).where(EVENTS.c.id == first))
    assert a.code_hash(codes[7], salt) in stored and len(salt) == 32


def test_the_regia_status_line_says_until_when_codes_work() -> None:
    from lib.event import control_room
    state = m.EventState(event=m.Event(1, SPEC, datetime(2023, 12, 1, tzinfo=UTC)))
    status = a.status(SPEC.day, [])
    state.codes_until = status.codes_until
    assert control_room.status_line(state) == ("Giornata aperta: i codici dei tavoli valgono fino alla fine "
                                               "del 05/12/2023.")
    state.closed = True
    assert control_room.status_line(state).startswith("Giornata chiusa")
    assert a.end_of_day(date(2023, 12, 5)).isoformat() == "2023-12-06T00:00:00+01:00"


def test_a_day_named_with_invisible_characters_only_is_refused_in_italian() -> None:
    from lib.event import control_room
    session = {k.NEW_NAME: "\u200b\u00ad\u202e", k.NEW_DAY: SPEC.day, k.NEW_KIND_ITEMS: m.ITEMS_STRATEGIES,
               k.NEW_MAX: 3}
    spec, problems = control_room.spec_to_create(session, None, {(m.ITEMS_STRATEGIES, "2021-2023"): SPEC.items}, None,
                                          "2021-2023")
    assert spec is None and problems == ["Dai un nome alla giornata (al massimo 120 caratteri)."]
