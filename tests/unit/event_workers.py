"""A facilitator's phone in a process of its own, for the races of tests/unit/test_event_conflicts.py."""
from __future__ import annotations

from datetime import UTC, datetime

from lib.event import model as m
from lib.event.store import EventStore, SaveConflictError
from lib.submissions.store import SubmissionStore

# The morning of the seed's co-planning day (seed 004), when the codes of the test events are valid.
MORNING = datetime(2023, 12, 5, 9, 30, tzinfo=UTC)


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
