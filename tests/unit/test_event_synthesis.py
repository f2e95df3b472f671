"""Merges group contributions and never make one table's words depend on another's (issue 19, point 4)."""
from __future__ import annotations

import csv
import io
from datetime import date, datetime

import pandas as pd
import pytest
from pypdf import PdfReader

from lib.event import documents, files, plenary
from lib.event import labels as elb
from lib.event import model as m
from lib.event import synthesis as syn
from lib.event.store import EventStore
from lib.export import to_safe_csv
from lib.submissions.store import SubmissionStore

SPEC = m.EventSpec(name="Dalle strategie alle azioni", day=date(2026, 12, 5), plan_edition="2021-2023",
                   item_kind=m.ITEMS_STRATEGIES, max_priorities=3, items=(m.Item("6.1", "Centri sanitari", 6),),
                   tables=files.default_tables())
TELEMEDICINE = "Progetto pilota di telemedicina in Val Cenischia con i medici di base"
UNCOVERED = pd.DataFrame(columns=["Zona", "Voce", "Titolo", "Situazione", "Progetti"])


@pytest.fixture
def events(submission_store: SubmissionStore) -> EventStore:
    return EventStore(submission_store)


def _day(events: EventStore) -> tuple[int, dict[int, str]]:
    event_id, _ = events.create(SPEC, "Anna")
    keys = {zone: events.save_contribution(event_id, zone, "6.1", "progetto", text) for zone, text in (
        (5, "Casa di comunità a Ciriè"), (6, TELEMEDICINE), (7, "Ambulatorio mobile nelle Valli di Lanzo"),
        (9, "Infermiere di comunità a Ivrea"))}
    return event_id, keys


def _texts(frame: pd.DataFrame) -> str:
    return " ".join(frame["Contributo"]) + " " + " ".join(frame[syn.TEXTS])


def test_deleting_the_contribution_others_were_merged_into_keeps_theirs(events: EventStore) -> None:
    event_id, keys = _day(events)
    events.act(event_id, "Anna", m.ACT_MERGE, keys[7], keys[5])
    events.act(event_id, "Anna", m.ACT_TAG, keys[5], "Salute")
    events.act(event_id, "Anna", m.ACT_HIGHLIGHT, keys[5])
    assert len(syn.contributions_frame(events.state(event_id))) == 3
    events.save_contribution(event_id, 5, "6.1", "progetto", "Casa di comunità a Ciriè", key=keys[5], deleted=True)
    state = events.state(event_id)
    frame = syn.contributions_frame(state).set_index("key")
    # Zone 7's words stand for the group now; what the regia gave the group stays with it.
    assert list(frame.index) == [keys[6], keys[7], keys[9]]
    assert frame.at[keys[7], "Contributo"] == "Ambulatorio mobile nelle Valli di Lanzo"
    assert (frame.at[keys[7], "Zone"], frame.at[keys[7], "Uniti"]) == ("7", 0)
    assert frame.at[keys[7], "Temi"] == "Salute" and frame.at[keys[7], "In plenaria"]
    assert "Casa di comunità a Ciriè" not in _texts(syn.contributions_frame(state))
    assert list(syn.highlights_by_theme(state)["Salute"]["Contributo"]) == ["Ambulatorio mobile nelle Valli di Lanzo"]
    # The audit shows it: the merge among the regia's acts, the deletion as zone 5's revision.
    assert "unito a" in set(syn.audit_frame(state)["Azione"])
    assert any(zone == "5" and f"contributo {keys[5]} rev. 2 (eliminato)" == what
               for _, zone, what in events.history(event_id))
    # Restored, zone 5's contribution stands for the group again, with zone 7's words under it.
    events.save_contribution(event_id, 5, "6.1", "progetto", "Casa di comunità a Ciriè", key=keys[5])
    frame = syn.contributions_frame(events.state(event_id)).set_index("key")
    assert frame.at[keys[5], syn.TEXTS] == "Ambulatorio mobile nelle Valli di Lanzo (Zona 7)"
    assert keys[7] not in frame.index


def test_a_group_survives_while_any_member_is_alive_with_a_stable_representative(events: EventStore) -> None:
    event_id, keys = _day(events)
    events.act(event_id, "Anna", m.ACT_MERGE, keys[9], keys[5])
    events.act(event_id, "Anna", m.ACT_MERGE, keys[7], keys[6])
    events.act(event_id, "Anna", m.ACT_MERGE, keys[6], keys[5])  # a chain: 7 → 6 → 5, and 9 → 5
    events.save_contribution(event_id, 5, "6.1", "progetto", "x", key=keys[5], deleted=True)
    events.save_contribution(event_id, 6, "6.1", "progetto", "x", key=keys[6], deleted=True)
    for _ in range(2):
        state = events.state(event_id)
        groups = syn.canonical(state)
        assert {groups[keys[z]] for z in (5, 6, 7, 9)} == {keys[9]}  # 9 was merged first
        frame = syn.contributions_frame(state).set_index("key")
        assert list(frame.index) == [keys[9]] and frame.at[keys[9], "Zone"] == "7, 9"
        assert frame.at[keys[9], syn.TEXTS] == "Ambulatorio mobile nelle Valli di Lanzo (Zona 7)"
    events.save_contribution(event_id, 9, "6.1", "progetto", "x", key=keys[9], deleted=True)
    frame = syn.contributions_frame(events.state(event_id)).set_index("key")
    assert list(frame.index) == [keys[7]]
    events.save_contribution(event_id, 7, "6.1", "progetto", "x", key=keys[7], deleted=True)
    assert syn.contributions_frame(events.state(event_id)).empty


def test_merged_words_reach_the_csv_and_the_minutes_with_their_zone(events: EventStore) -> None:
    event_id, keys = _day(events)
    events.act(event_id, "Anna", m.ACT_MERGE, keys[6], keys[5])
    events.act(event_id, "Anna", m.ACT_HIGHLIGHT, keys[6])
    state = events.state(event_id)
    rows = list(csv.DictReader(io.StringIO(to_safe_csv(
        syn.contributions_frame(state).drop(columns=["key"])).decode("utf-8-sig"), newline="")))
    group = next(r for r in rows if r["Contributo"] == "Casa di comunità a Ciriè")
    assert group["Zone"] == "5, 6" and group["Uniti"] == "1"
    assert group[syn.TEXTS] == f"{TELEMEDICINE} (Zona 6)"
    reader = PdfReader(io.BytesIO(documents.minutes_pdf(state, UNCOVERED, state.event.created_at)))
    text = " ".join(page.extract_text() for page in reader.pages)
    flat = " ".join(text.split())
    assert flat.count("Unito: Progetto pilota di telemedicina in Val Cenischia") == 2  # highlighted, and in all
    assert flat.count("medici di base (Zona 6)") == 2 and "Ambulatorio mobile nelle Valli di Lanzo" in flat


def test_the_plenary_synthesis_comes_in_three_parts_shown_in_turn(events: EventStore) -> None:
    event_id, keys = _day(events)
    hostile = events.save_contribution(event_id, 8, "6.1", "progetto", "<img src=x onerror=alert(1)> ambulatorio")
    for key in (keys[5], hostile):
        events.act(event_id, "Anna", m.ACT_TAG, key, "Salute <b>")
        events.act(event_id, "Anna", m.ACT_HIGHLIGHT, key)
    html = plenary.synthesis_html(events.state(event_id), UNCOVERED, "10:41")
    assert [html.count(f'data-psm-part="{n}"') for n in (1, 2, 3)] == [1, 1, 1]
    assert all(title in html for title in elb.PLENARY_PARTS) and "· 3 / 3" in html
    assert "<img" not in html and "&lt;img src=x" in html and "Salute &lt;b&gt;" in html
    assert "Nessuna, per ora." in html  # no priority without projects yet: said in a sentence
    # In turn, PART_S seconds each, unless a link pins one; a wide screen hides the others.
    assert [plenary.part_shown(None, s * plenary.PART_S) for s in range(4)] == [1, 2, 3, 1]
    assert plenary.part_shown(2, 0) == 2 and plenary.part_shown(9, plenary.PART_S) == 2
    box = plenary.live_box("1.2.3|", html, 2)
    assert 'data-psm-show="2"' in box and '[data-psm-show="2"] .psm-part:not([data-psm-part="2"])' in box
def _uncovered_with_loc(state: m.EventState, matrix_df: pd.DataFrame,
                        item_strategies: dict[str, list[str]]) -> pd.DataFrame:
    """uncovered_priorities as it was before issue 20: one pandas .loc per zone and item (the reference)."""
    labels = syn.item_labels(state)
    rows = []
    for zone, ranking in sorted(state.priorities.items()):
        chosen = {p.item for p in ranking}
        for code in item_strategies:
            strategies = [c for c in item_strategies[code] if c in matrix_df.columns]
            projects = int(matrix_df.loc[zone, strategies].sum()) if strategies else 0
            if code in chosen and projects == 0:
                rows.append({"Zona": zone, "Voce": code, "Titolo": labels.get(code, code),
                             "Situazione": "scelta dalla zona, nessun progetto nella zona", "Progetti": 0})
            elif code not in chosen and projects > 0:
                rows.append({"Zona": zone, "Voce": code, "Titolo": labels.get(code, code),
                             "Situazione": "progetti nella zona, non scelta", "Progetti": projects})
    return pd.DataFrame(rows, columns=["Zona", "Voce", "Titolo", "Situazione", "Progetti"])


def test_uncovered_priorities_from_dicts_equal_the_loc_version_on_a_morning() -> None:
    """A morning's state: eleven tables with three priorities each among the default plan's strategies, a
    zone × strategy matrix with gaps, and need-like items standing for several strategies (one of them not in
    the matrix). The dict lookups (issue 20: 77 → 1 ms per version) give exactly the same frame."""
    import dataclasses
    import random

    from lib.plan.catalogue import read_catalogue

    plan = read_catalogue().plan()
    codes = list(plan.codes)
    rng = random.Random(20)
    matrix = pd.DataFrame([[rng.choice([0, 0, 1, 2, 5]) for _ in codes] for _ in range(11)],
                          index=range(1, 12), columns=codes).astype("int64")
    items = tuple(m.Item(c, t, int(a)) for c, t, a in zip(codes, plan.strategy_titles().values(),
                                                          plan.strategies["axis"], strict=True))
    event = m.Event(1, dataclasses.replace(SPEC, items=items), datetime(2026, 12, 5, 9))
    priorities = {zone: [m.Priority(rank, code, "") for rank, code in enumerate(rng.sample(codes, 3), 1)]
                  for zone in range(1, 12)}
    state = m.EventState(event=event, priorities=priorities)
    by_strategy = {c: [c] for c in codes}
    by_need = {f"N{i}": rng.sample(codes, 3) + (["9.9"] if i % 4 == 0 else []) for i in range(20)}
    for item_strategies in (by_strategy, by_need):
        expected = _uncovered_with_loc(state, matrix, item_strategies)
        got = syn.uncovered_priorities(state, matrix, item_strategies)
        assert len(got) > 50
        pd.testing.assert_frame_equal(got, expected)
