"""The facilitator's page: saved at once, wrong codes refused and slowed down, never a lock-out."""
from __future__ import annotations

import pytest

from lib.event import facilitator as fac
from lib.event import keys as k
from lib.event import labels as lb
from lib.event.store import EventStore
from lib.submissions import guessing
from lib.submissions.store import SubmissionStore
from tests.unit.event_workers import MORNING, SPEC


@pytest.fixture
def events(submission_store: SubmissionStore) -> EventStore:
    return EventStore(submission_store, clock=lambda: MORNING)


def test_the_facilitator_page_saves_at_once_and_refuses_wrong_codes(events: EventStore) -> None:
    event_id, codes = events.create(SPEC, "Anna")
    session: dict = {}
    assert fac.open_table(session, events, "ZZZZ-ZZZZ", "151.0.0.1", 1000.0) == \
        "Codice non valido o non più attivo: controlla la scheda del tavolo o chiedi alla regia."
    assert fac.open_table(session, events, codes[3], "151.0.0.1", 1001.0) is None
    assert (session[k.TABLE].event_id, session[k.TABLE].zone_id) == (event_id, 3)
    event = events.state(event_id).event
    session.update({k.RANK_ITEM.format(rank=1): "6.1", k.RANK_REASON.format(rank=1): "Case di comunità",
                    k.RANK_ITEM.format(rank=2): "6.1", k.RANK_ITEM.format(rank=3): "1.1"})
    fac.save_ranking(session, events, event)
    assert [(p.rank, p.item) for p in events.state(event_id).priorities[3]] == [(1, "6.1"), (2, "1.1")]
    session[f"{k.NEW_TEXT}_6.1"] = "x" * 700  # over the limit: refused with its length, kept in the field
    fac.add_contribution(session, events, "6.1")
    assert "al massimo 600 caratteri (ora 700)" in session[k.SAVED_NOTICE] and session[f"{k.NEW_TEXT}_6.1"]
    session[f"{k.NEW_TEXT}_6.1"] = "Casa di comunità a Nichelino"
    fac.add_contribution(session, events, "6.1")
    assert session[f"{k.NEW_TEXT}_6.1"] == "" and len(events.state(event_id).contributions) == 1
    # Another phone opening the same table sees everything saved.
    other: dict = {k.TABLE: session[k.TABLE]}
    fac.fill_from(other, events.state(event_id), 3)
    assert other[k.RANK_ITEM.format(rank=1)] == "6.1" and other[k.RANK_REASON.format(rank=1)] == "Case di comunità"


def test_wrong_codes_from_an_address_slow_it_down_and_never_lock_out_the_right_code(events: EventStore) -> None:
    """Issue 19: ten wrong codes from a venue's address used to lock its facilitators out for 15 minutes."""
    event_id, codes = events.create(SPEC, "Anna")
    waits: list[float] = []
    for i in range(4 * guessing.PACES[guessing.CODE].free_per_client):
        assert fac.open_table({}, events, f"AAAA-AA{i:02d}", "151.0.0.4", 2000.0, sleep=waits.append) == \
            lb.CODE_WRONG
    assert waits and max(waits) <= guessing.FIRST_WAIT_CAP_S  # later guesses wait for their slot
    opened, waits = {}, []
    assert fac.open_table(opened, events, codes[4], "151.0.0.4", 2000.0, sleep=waits.append) is None
    assert (opened[k.TABLE].event_id, opened[k.TABLE].zone_id) == (event_id, 4)
    assert sum(waits) <= guessing.FIRST_WAIT_CAP_S
