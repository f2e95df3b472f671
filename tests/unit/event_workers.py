"""The test event of tests/unit/test_event_*.py, and a facilitator's phone in a process of its own (for the races
of test_event_conflicts.py)."""
from __future__ import annotations

from datetime import UTC, date, datetime

from lib.event import files
from lib.event import model as m
from lib.event.store import EventStore, SaveConflictError
from lib.submissions.store import SubmissionStore
from tests import payloads

# The morning of the seed's co-planning day (seed 004), when the codes of the test events are valid.
MORNING = datetime(2023, 12, 5, 9, 30, tzinfo=UTC)
ITEMS = (m.Item("1.1", "Costruire capacità 4.0", 1), m.Item("3.3", "Ridisegnare la metropoli", 3),
         m.Item("5.2", "Riabitare Torino metropoli", 5), m.Item("6.1", "Centri sanitari", 6))
SPEC = m.EventSpec(name="Dalle strategie alle azioni", day=date(2023, 12, 5), plan_edition="2021-2023",
                   item_kind=m.ITEMS_STRATEGIES, max_priorities=3, items=ITEMS, tables=files.default_tables())


def state_with_acts(events: EventStore) -> tuple[m.EventState, dict[str, str]]:
    """An event with four contributions (one hostile), a merge, themes, highlights and three tables' priorities."""
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


def save_on_base(url: str, event_id: int, zone_id: int, item: str, base: int, barrier: object,
                 results: object) -> None:
    """Save a ranking on revision `base` at the same moment as the other phones; report 'saved' or 'conflict'."""
    events = EventStore(SubmissionStore(url), clock=lambda: MORNING)
    events.store.engine()
    barrier.wait()
    try:
        events.save_priorities(event_id, zone_id, [m.Priority(1, item, f"da {item}")], base=base, author=item)
        results.put("saved")
    except SaveConflictError as err:
        results.put(f"conflict:{err.current.author}")
    finally:
        events.store.close()
