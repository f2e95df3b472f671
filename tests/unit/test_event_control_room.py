"""The regia's acts: merges, themes and highlights replayed, and acting only on what changed."""
from __future__ import annotations

import pandas as pd
import pytest

from lib.event import control_room
from lib.event import keys as k
from lib.event import model as m
from lib.event import synthesis as syn
from lib.event.store import EventStore
from lib.submissions.store import SubmissionStore
from tests import payloads
from tests.unit.event_workers import ITEMS, MORNING, SPEC, state_with_acts


@pytest.fixture
def events(submission_store: SubmissionStore) -> EventStore:
    return EventStore(submission_store, clock=lambda: MORNING)


def test_merges_themes_and_highlights_replay_the_regias_acts(events: EventStore) -> None:
    state, keys = state_with_acts(events)
    frame = syn.contributions_frame(state).set_index("key")
    assert keys["b"] not in frame.index  # merged into a
    assert frame.at[keys["a"], "Zone"] == "5, 7" and frame.at[keys["a"], "Uniti"] == 1
    assert frame.at[keys["a"], "Temi"] == "Mobilità" and frame.at[keys["a"], "In plenaria"]
    assert not frame.at[keys["c"], "In plenaria"]
    by_theme = syn.highlights_by_theme(state)
    assert set(by_theme) == {"Mobilità", "Altri contributi"}
    assert list(by_theme["Altri contributi"]["Contributo"]) == [payloads.JINJA_SSTI]
    assert len(syn.audit_frame(state)) == 8


def test_themes_and_highlights_given_to_a_merged_duplicate_reach_its_group(events: EventStore) -> None:
    event_id, _ = events.create(SPEC, "Anna")
    first = events.save_contribution(event_id, 5, "3.3", "proposta", "Ciclabili verso le stazioni")
    duplicate = events.save_contribution(event_id, 7, "3.3", "proposta", "Piste ciclabili alle stazioni")
    events.act(event_id, "Anna", m.ACT_TAG, first, "Mobilità")
    events.act(event_id, "Anna", m.ACT_MERGE, duplicate, first)
    # The regia acts on the duplicate it is looking at, after merging it.
    events.act(event_id, "Anna", m.ACT_TAG, duplicate, "Transizione")
    events.act(event_id, "Anna", m.ACT_HIGHLIGHT, duplicate)
    frame = syn.contributions_frame(events.state(event_id)).set_index("key")
    assert list(frame.index) == [first]
    assert frame.at[first, "Temi"] == "Mobilità, Transizione" and frame.at[first, "In plenaria"]
    by_theme = syn.highlights_by_theme(events.state(event_id))
    assert set(by_theme) == {"Mobilità", "Transizione"}
    assert list(by_theme["Transizione"]["Zone"]) == ["5, 7"]
    # Separated again, each keeps only what was given to it.
    events.act(event_id, "Anna", m.ACT_UNMERGE, duplicate)
    frame = syn.contributions_frame(events.state(event_id)).set_index("key")
    assert frame.at[first, "Temi"] == "Mobilità" and not frame.at[first, "In plenaria"]
    assert frame.at[duplicate, "Temi"] == "Transizione" and frame.at[duplicate, "In plenaria"]


def test_priorities_against_coverage(events: EventStore) -> None:
    state, _ = state_with_acts(events)
    counts = syn.priority_counts(state)
    assert counts.iloc[0].to_dict() == {"Voce": "3.3", "Titolo": "Ridisegnare la metropoli", "Tavoli": 2,
                                        "Zone": "5, 7"}
    matrix = pd.DataFrame(0, index=range(1, 12), columns=["1.1", "3.3", "5.2", "6.1"])
    matrix.loc[5, "3.3"] = 2
    matrix.loc[9, "5.2"] = 1
    gaps = syn.uncovered_priorities(state, matrix, {i.code: [i.code] for i in ITEMS})
    rows = {(r["Zona"], r["Voce"], r["Situazione"]) for _, r in gaps.iterrows()}
    assert (7, "3.3", "scelta dalla zona, nessun progetto nella zona") in rows      # chosen, nothing there
    assert (5, "1.1", "scelta dalla zona, nessun progetto nella zona") in rows
    assert (9, "5.2", "progetti nella zona, non scelta") in rows                   # the reverse
    assert (5, "3.3", "scelta dalla zona, nessun progetto nella zona") not in rows


def test_the_regia_acts_only_on_what_changed(events: EventStore) -> None:
    state, keys = state_with_acts(events)
    session = {k.PICK: keys["a"]}
    control_room.prepare_pick(session, state)
    assert (session[k.MERGE_INTO], session[k.THEMES], session[k.HIGHLIGHT]) == ("", ["Mobilità"], True)
    session[k.THEMES] = ["Mobilità", "Metro-Montanità"]
    assert control_room.apply_acts(session, events, state, "Bruno") == 1
    assert syn.themes(events.state(state.event.event_id))[keys["a"]] == ["Mobilità", "Metro-Montanità"]
