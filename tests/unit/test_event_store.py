"""The day's store: codes per table, revisions, what the database refuses, two processes at once."""
from __future__ import annotations

import threading

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from lib.event import model as m
from lib.event.access import normalise_code
from lib.event.store import EventStore
from lib.submissions.store import SubmissionStore
from tests.unit.event_workers import MORNING, SPEC


@pytest.fixture
def events(submission_store: SubmissionStore) -> EventStore:
    return EventStore(submission_store, clock=lambda: MORNING)


def test_a_code_opens_only_its_table_and_a_new_code_retires_the_old(events: EventStore) -> None:
    event_id, codes = events.create(SPEC, "Anna")
    assert len(codes) == 11 and len(set(codes.values())) == 11
    opened = events.table_for_code(codes[7])
    assert (opened.event_id, opened.zone_id) == (event_id, 7)
    assert events.table_for_code(codes[7].lower().replace("-", " ")) == opened  # as typed on a phone
    assert events.table_for_code("AAAA-AAAA") is None
    fresh = events.new_code(event_id, 7, "Anna")
    assert events.table_for_code(codes[7]) is None and events.table_for_code(fresh).zone_id == 7
    assert normalise_code(" k7qm 2xpa ") == "K7QM-2XPA"


def test_every_save_is_a_revision_and_the_latest_is_current(events: EventStore) -> None:
    event_id, _ = events.create(SPEC, "Anna")
    events.save_priorities(event_id, 7, [m.Priority(1, "3.3", "bici"), m.Priority(2, "5.2", "")])
    events.save_priorities(event_id, 7, [m.Priority(1, "5.2", "casa"), m.Priority(2, "3.3", "bici")])
    key = events.save_contribution(event_id, 7, "3.3", "progetto", "Bike-to-rail Ciriè")
    events.save_contribution(event_id, 7, "3.3", "progetto", "Bike-to-rail Ciriè-Lanzo", key=key)
    gone = events.save_contribution(event_id, 7, "5.2", "proposta", "Da togliere")
    events.save_contribution(event_id, 7, "5.2", "proposta", "Da togliere", key=gone, deleted=True)
    state = events.state(event_id)
    assert [p.item for p in state.priorities[7]] == ["5.2", "3.3"]
    current = {c.key: c for c in state.contributions}
    assert current[key].text == "Bike-to-rail Ciriè-Lanzo" and current[key].revision == 2
    assert current[gone].deleted and len(events.history(event_id)) == 6
    before = events.version(event_id)
    events.act(event_id, "Anna", m.ACT_HIGHLIGHT, key)
    assert events.version(event_id) > before


def test_the_database_refuses_to_change_what_was_saved(events: EventStore) -> None:
    event_id, _ = events.create(SPEC, "Anna")
    events.save_priorities(event_id, 1, [m.Priority(1, "1.1", "")])
    events.act(event_id, "Anna", m.ACT_HIGHLIGHT, "abc")
    for statement in ("UPDATE event_priority_revisions SET ranking_json = '[]'", "DELETE FROM event_acts",
                      "DELETE FROM events"):
        with pytest.raises(DBAPIError, match="append-only"), events.store.engine().begin() as conn:
            conn.execute(text(statement))


def test_two_processes_saving_at_once_lose_nothing(submission_db_url: str) -> None:
    first, second = SubmissionStore(submission_db_url), SubmissionStore(submission_db_url)
    try:
        event_id, _ = EventStore(first, clock=lambda: MORNING).create(SPEC, "Anna")
        stores = [EventStore(first, clock=lambda: MORNING), EventStore(second, clock=lambda: MORNING)]

        def table(zone: int) -> None:
            for n in range(10):
                stores[zone % 2].save_contribution(event_id, zone, "3.3", "proposta", f"Zona {zone} idea {n}")
        threads = [threading.Thread(target=table, args=(zone,)) for zone in range(1, 12)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len(stores[1].state(event_id).contributions) == 110
    finally:
        first.close()
        second.close()
