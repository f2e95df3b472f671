"""Two phones on one table: a save made on an older revision is never applied blindly.

Issue 19: phone B's change of the ranking silently replaced phone A's saved priority; a contribution
deleted on phone A came back when phone B saved its edit of it (revision 3, deleted=false).
"""
from __future__ import annotations

import multiprocessing

import pytest

from lib.event import facilitator as fac
from lib.event import keys as k
from lib.event import labels as lb
from lib.event import saving as sv
from lib.event.store import EventStore, SaveConflictError
from lib.submissions.store import SubmissionStore
from tests.unit.event_workers import MORNING, SPEC, save_on_base


@pytest.fixture
def events(submission_store: SubmissionStore) -> EventStore:
    return EventStore(submission_store, clock=lambda: MORNING)


def _phones(events: EventStore, zone: int = 7) -> tuple[int, dict, dict]:
    """The facilitator (Marta) and the note-taker (Luca) open the same table, each on a phone."""
    event_id, codes = events.create(SPEC, "Anna")
    phones = []
    for name in ("Marta", "Luca"):
        session = {k.AUTHOR_INPUT: name}
        assert fac.open_table(session, events, codes[zone], "151.0.0.7", 1.0) is None
        fac.fill_from(session, events.state(event_id), zone)
        phones.append(session)
    return event_id, phones[0], phones[1]


def _choose(session: dict, events: EventStore, event_id: int, *items: str) -> None:
    for rank, item in enumerate(items, start=1):
        session[k.RANK_ITEM.format(rank=rank)] = item
    fac.save_ranking(session, events, events.state(event_id).event)


def test_a_stale_ranking_is_a_conflict_that_names_who_saved_and_loses_nothing(events: EventStore) -> None:
    event_id, marta, luca = _phones(events)
    _choose(marta, events, event_id, "3.3")
    _choose(luca, events, event_id, "5.2")  # Luca's phone still shows the empty ranking
    assert [p.item for p in events.state(event_id).priorities[7]] == ["3.3"]  # Marta's choice stands
    conflict = sv.conflicts(luca)[sv.RANKING]
    assert lb.conflict_heading(conflict).startswith("Le priorità: Marta le ha salvate alle ")
    assert lb.save_text(conflict.save) == "Priorità: 1. 5.2" and lb.current_text(conflict.current) == "1. 3.3"
    assert luca[k.SAVED_NOTICE] == lb.CONFLICT_NOTICE and luca[k.RANK_ITEM.format(rank=1)] == "5.2"
    sv.resolve(luca, events, sv.RANKING, sv.BOTH, SPEC.max_priorities, 2.0)
    assert [p.item for p in events.state(event_id).priorities[7]] == ["5.2", "3.3"]
    assert [luca[k.RANK_ITEM.format(rank=r)] for r in (1, 2, 3)] == ["5.2", "3.3", ""]
    # Marta's phone shows the new ranking at its next run, since she had not changed hers meanwhile.
    fac.fill_from(marta, events.state(event_id), 7)
    assert [marta[k.RANK_ITEM.format(rank=r)] for r in (1, 2)] == ["5.2", "3.3"]


@pytest.mark.parametrize(("choice", "expected"), [(sv.MINE, ["5.2"]), (sv.THEIRS, ["3.3"])])
def test_keep_mine_or_keep_theirs(events: EventStore, choice: str, expected: list[str]) -> None:
    event_id, marta, luca = _phones(events)
    _choose(marta, events, event_id, "3.3")
    _choose(luca, events, event_id, "5.2")
    sv.resolve(luca, events, sv.RANKING, choice, SPEC.max_priorities, 2.0)
    assert [p.item for p in events.state(event_id).priorities[7]] == expected
    assert luca[k.RANK_ITEM.format(rank=1)] == expected[0] and sv.conflicts(luca) == {}


def test_a_deletion_wins_over_a_stale_edit_unless_the_user_restores_it(events: EventStore) -> None:
    event_id, marta, luca = _phones(events)
    key = events.save_contribution(event_id, 7, "3.3", "progetto", "Bike-to-rail Ciriè", author="Marta")
    for phone in (marta, luca):
        fac.fill_from(phone, events.state(event_id), 7)
    contribution = events.state(event_id).contributions[0]
    fac.delete_contribution(marta, events, contribution)
    luca[k.EDIT_TEXT.format(key=key)] = "Bike-to-rail Ciriè-Lanzo, 12 km"
    fac.edit_contribution(luca, events, contribution)
    current = events.state(event_id).contributions[0]
    assert current.deleted and current.revision == 2  # the deletion stands
    conflict = sv.conflicts(luca)[key]
    assert lb.conflict_heading(conflict).startswith("Un contributo: Marta lo ha eliminato alle ")
    assert lb.conflict_choices(conflict) == lb.CHOICES_DELETED
    assert lb.save_text(conflict.save).endswith("Bike-to-rail Ciriè-Lanzo, 12 km")  # what Luca typed, kept
    sv.resolve(luca, events, key, sv.MINE, SPEC.max_priorities, 3.0)  # "Ripristina con il mio testo"
    restored = events.state(event_id).contributions[0]
    assert (restored.deleted, restored.text, restored.revision, restored.author) == (
        False, "Bike-to-rail Ciriè-Lanzo, 12 km", 3, "Luca")


def test_a_stale_deletion_does_not_remove_an_edit_made_meanwhile(events: EventStore) -> None:
    event_id, marta, luca = _phones(events)
    key = events.save_contribution(event_id, 7, "3.3", "rete", "Tavolo dei sindaci", author="Marta")
    for phone in (marta, luca):
        fac.fill_from(phone, events.state(event_id), 7)
    contribution = events.state(event_id).contributions[0]
    marta[k.EDIT_TEXT.format(key=key)] = "Tavolo dei sindaci delle Valli di Lanzo"
    fac.edit_contribution(marta, events, contribution)
    fac.delete_contribution(luca, events, contribution)
    assert not events.state(event_id).contributions[0].deleted
    conflict = sv.conflicts(luca)[key]
    assert lb.conflict_choices(conflict) == lb.CHOICES_MY_DELETE
    sv.resolve(luca, events, key, sv.THEIRS, SPEC.max_priorities, 3.0)
    assert luca[k.EDIT_TEXT.format(key=key)] == "Tavolo dei sindaci delle Valli di Lanzo"


def test_keep_both_keeps_each_phones_text(events: EventStore) -> None:
    event_id, marta, luca = _phones(events)
    key = events.save_contribution(event_id, 7, "3.3", "proposta", "Ciclabili", author="Marta")
    for phone in (marta, luca):
        fac.fill_from(phone, events.state(event_id), 7)
    contribution = events.state(event_id).contributions[0]
    marta[k.EDIT_TEXT.format(key=key)] = "Ciclabili verso le stazioni"
    fac.edit_contribution(marta, events, contribution)
    luca[k.EDIT_TEXT.format(key=key)] = "Ciclabili e bike sharing"
    fac.edit_contribution(luca, events, contribution)
    sv.resolve(luca, events, key, sv.BOTH, SPEC.max_priorities, 3.0)
    texts = sorted(c.text for c in events.state(event_id).contributions if not c.deleted)
    assert texts == ["Ciclabili e bike sharing", "Ciclabili verso le stazioni"]


def test_the_same_new_contribution_sent_twice_after_a_lost_answer_is_stored_once(events: EventStore) -> None:
    event_id, _ = events.create(SPEC, "Anna")
    for _ in range(2):
        events.save_contribution(event_id, 7, "3.3", "proposta", "Ciclabili", key="abcdef0123456789", base=0)
    assert len(events.state(event_id).contributions) == 1
    with pytest.raises(SaveConflictError):
        events.save_contribution(event_id, 7, "3.3", "proposta", "Altro testo", key="abcdef0123456789", base=0)


def test_two_processes_saving_on_one_revision_one_wins_the_other_is_told(submission_db_url: str) -> None:
    setup = EventStore(SubmissionStore(submission_db_url), clock=lambda: MORNING)
    event_id, _ = setup.create(SPEC, "Anna")
    setup.store.close()
    ctx = multiprocessing.get_context("spawn")
    barrier, results = ctx.Barrier(4), ctx.Queue()
    workers = [ctx.Process(target=save_on_base, args=(submission_db_url, event_id, 7, item, 0, barrier, results))
               for item in ("1.1", "3.3", "5.2", "6.1")]
    for worker in workers:
        worker.start()
    outcomes = sorted(results.get(timeout=120) for _ in workers)
    for worker in workers:
        worker.join(timeout=60)
    assert outcomes.count("saved") == 1 and len(outcomes) == 4
    check = EventStore(SubmissionStore(submission_db_url), clock=lambda: MORNING)
    winner = check.state(event_id).rankings[7]
    assert all(o == f"conflict:{winner.author}" for o in outcomes if o != "saved")
    check.store.close()
