"""The co-planning day's store and synthesis: revisions, codes, acts, merges, themes, priorities vs coverage."""
from __future__ import annotations

import io
import threading
from datetime import UTC, date, datetime
from pathlib import Path

import pandas as pd
import pytest
from pypdf import PdfReader
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from lib.event import documents, files
from lib.event import facilitator as fac
from lib.event import keys as k
from lib.event import labels as lb
from lib.event import model as m
from lib.event import control_room
from lib.event import synthesis as syn
from lib.event.access import normalise_code
from lib.event.store import EventStore
from lib.submissions import guessing
from lib.submissions.store import SubmissionStore
from tests import payloads

ITEMS = (m.Item("1.1", "Costruire capacità 4.0", 1), m.Item("3.3", "Ridisegnare la metropoli", 3),
         m.Item("5.2", "Riabitare Torino metropoli", 5), m.Item("6.1", "Centri sanitari", 6))
SPEC = m.EventSpec(name="Dalle strategie alle azioni", day=date(2023, 12, 5), plan_edition="2021-2023",
                   item_kind=m.ITEMS_STRATEGIES, max_priorities=3, items=ITEMS, tables=files.default_tables())


# The store's clock on the morning of SPEC's day (seed 004: the plenary is at 12:20), so codes are valid.
MORNING = datetime(2023, 12, 5, 9, 30, tzinfo=UTC)


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


def _state_with_acts(events: EventStore) -> tuple[m.EventState, dict[str, str]]:
    event_id, _ = events.create(SPEC, "Anna")
    keys = {name: events.save_contribution(event_id, zone, "3.3", "proposta", text) for name, zone, text in (
        ("a", 5, "Ciclabili verso le stazioni"), ("b", 7, "Piste ciclabili alle stazioni"),
        ("c", 9, "Scuole montane"), ("x", 1, payloads.JINJA_SSTI))}
    events.act(event_id, "Anna", m.ACT_MERGE, keys["b"], keys["a"])
    events.act(event_id, "Anna", m.ACT_TAG, keys["a"], "Mobilità")
    events.act(event_id, "Anna", m.ACT_TAG, keys["a"], "Metro-Montanità")
    events.act(event_id, "Anna", m.ACT_UNTAG, keys["a"], "Metro-Montanità")
    events.act(event_id, "Anna", m.ACT_HIGHLIGHT, keys["a"])
    events.act(event_id, "Anna", m.ACT_HIGHLIGHT, keys["c"])
    events.act(event_id, "Anna", m.ACT_UNHIGHLIGHT, keys["c"])
    events.act(event_id, "Anna", m.ACT_HIGHLIGHT, keys["x"])
    for zone, items in ((5, ["3.3", "1.1"]), (7, ["3.3"]), (9, ["6.1"])):
        events.save_priorities(event_id, zone, [m.Priority(i + 1, item, "") for i, item in enumerate(items)])
    return events.state(event_id), keys


def test_merges_themes_and_highlights_replay_the_regias_acts(events: EventStore) -> None:
    state, keys = _state_with_acts(events)
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
    state, _ = _state_with_acts(events)
    counts = syn.priority_counts(state)
    assert counts.iloc[0].to_dict() == {"Voce": "3.3", "Titolo": "Ridisegnare la metropoli", "Tavoli": 2, "Zone": "5, 7"}
    matrix = pd.DataFrame(0, index=range(1, 12), columns=["1.1", "3.3", "5.2", "6.1"])
    matrix.loc[5, "3.3"] = 2
    matrix.loc[9, "5.2"] = 1
    gaps = syn.uncovered_priorities(state, matrix, {i.code: [i.code] for i in ITEMS})
    rows = {(r["Zona"], r["Voce"], r["Situazione"]) for _, r in gaps.iterrows()}
    assert (7, "3.3", "scelta dalla zona, nessun progetto nella zona") in rows      # chosen, nothing there
    assert (5, "1.1", "scelta dalla zona, nessun progetto nella zona") in rows
    assert (9, "5.2", "progetti nella zona, non scelta") in rows                   # the reverse
    assert (5, "3.3", "scelta dalla zona, nessun progetto nella zona") not in rows


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
    assert (opened[k.TABLE].event_id, opened[k.TABLE].zone_id) == (event_id, 4) and sum(waits) <= guessing.FIRST_WAIT_CAP_S


def test_the_regia_acts_only_on_what_changed(events: EventStore) -> None:
    state, keys = _state_with_acts(events)
    session = {k.PICK: keys["a"]}
    control_room.prepare_pick(session, state)
    assert (session[k.MERGE_INTO], session[k.THEMES], session[k.HIGHLIGHT]) == ("", ["Mobilità"], True)
    session[k.THEMES] = ["Mobilità", "Metro-Montanità"]
    assert control_room.apply_acts(session, events, state, "Bruno") == 1
    assert syn.themes(events.state(state.event.event_id))[keys["a"]] == ["Mobilità", "Metro-Montanità"]


def test_event_files_are_checked_with_italian_messages() -> None:
    items_for = {(m.ITEMS_STRATEGIES, "2021-2023"): ITEMS}
    spec, problems = files.spec_from_json('{"name": "Giornata", "day": "2023-12-05", "plan_edition": "2021-2023", '
                                          '"item_kind": "strategie", "max_priorities": 3}', items_for)
    assert problems == [] and spec.tables == files.default_tables() and spec.tables[6].venue == "Comune di Ciriè"
    _, problems = files.spec_from_json('{"name": "", "day": "5/12", "plan_edition": "2030-2032", '
                                       '"item_kind": "strategie", "max_priorities": 40}', items_for)
    assert len(problems) == 4 and problems[1] == "«day»: serve una data come 2026-12-05"
    assert files.spec_from_json("{non json", items_for)[1][0].startswith("il file non è JSON valido")


def test_cards_and_minutes_are_real_pdfs_with_the_texts(events: EventStore, tmp_path: Path) -> None:
    state, _ = _state_with_acts(events)
    codes = {1: "K7QM-2XPA", 7: "RKS7-S4U7"}
    cards = PdfReader(io.BytesIO(documents.access_cards_pdf(state.event, codes, "http://psm.test")))
    text = "".join(page.extract_text() for page in cards.pages)
    assert "K7QM-2XPA" in text and "Tavolo della Zona 7 – Ciriacese-Valli di Lanzo" in text
    assert "http://psm.test/facilitator?codice=RKS7-S4U7" in text
    minutes = PdfReader(io.BytesIO(documents.minutes_pdf(
        state, pd.DataFrame(columns=["Zona", "Voce", "Titolo", "Situazione", "Progetti"]), state.event.created_at)))
    text = " ".join(page.extract_text() for page in minutes.pages)
    assert "Sintesi: Dalle strategie alle azioni" in text and "Mobilità" in text
    assert "cycler.__init__" in text  # hostile text printed as written
