"""What the facilitator page does, on the session state as a plain mapping (tested without Streamlit).

Every change goes to the database at once: a closed tab, a dropped connection or another phone opening the
same table find everything saved. The widgets are filled from the database when a table is opened.
"""
from __future__ import annotations

import time
from collections.abc import Callable, MutableMapping
from datetime import UTC, datetime

from lib.event import keys as k
from lib.event import labels as lb
from lib.event import model as m
from lib.event.store import EventStore
from lib.safe_text import clean_text
from lib.submissions import guessing
from lib.submissions.store import StorageUnavailableError
from lib.views import fmt


def open_table(state: MutableMapping, store: EventStore, typed: str, client: str, now: float,
               sleep: Callable[[float], None] = time.sleep) -> str | None:
    """Check a typed code; on success remember the table (event, zone). Returns an Italian error or None.

    A code is never refused unchecked: the check waits for its slot (lib/submissions/guessing.py), at most
    1.5 s for a session with no wrong code yet, longer after this session's own wrong codes. Each wrong
    code is counted and logged with time and address, never the code.
    """
    failures = int(state.get(k.CODE_FAILURES) or 0)
    found: list[tuple[int, int]] = []

    def compare() -> bool:
        table = store.table_for_code(typed) if typed.strip() else None
        found.extend([table] if table else [])
        return table is not None

    if not guessing.check(store.store, guessing.CODE, client, now, failures, compare, sleep):
        state[k.CODE_FAILURES] = failures + 1
        return lb.CODE_WRONG
    state[k.TABLE] = found[0]
    state.pop(k.LOADED_VERSION, None)
    state.pop(k.CODE_FAILURES, None)
    return None


def fill_from(state: MutableMapping, event_state: m.EventState, zone_id: int) -> None:
    """Show the table's saved ranking and contributions in the widgets (when opened, or saved elsewhere)."""
    if state.get(k.LOADED_VERSION) == event_state.version:
        return
    ranking = event_state.priorities.get(zone_id, [])
    for rank in range(1, event_state.event.spec.max_priorities + 1):
        chosen = ranking[rank - 1] if rank <= len(ranking) else None
        state[k.RANK_ITEM.format(rank=rank)] = chosen.item if chosen else ""
        state[k.RANK_REASON.format(rank=rank)] = chosen.reason if chosen else ""
    for c in event_state.contributions:
        if c.zone_id == zone_id and not c.deleted:
            state[k.EDIT_TEXT.format(key=c.key)] = c.text
    state[k.LOADED_VERSION] = event_state.version


def ranking_from(state: MutableMapping, max_priorities: int) -> list[m.Priority]:
    """The ranking the widgets show: empty ranks skipped, an item chosen twice kept at its first rank."""
    seen: set[str] = set()
    ranking = []
    for rank in range(1, max_priorities + 1):
        item = state.get(k.RANK_ITEM.format(rank=rank)) or ""
        if item and item not in seen:
            seen.add(item)
            ranking.append(m.Priority(rank=len(ranking) + 1, item=item,
                                      reason=str(state.get(k.RANK_REASON.format(rank=rank)) or "")))
    return ranking


def _saved(state: MutableMapping, action: object) -> None:
    try:
        action()
    except StorageUnavailableError:
        state[k.SAVED_NOTICE] = lb.STORAGE_DOWN
        return
    except ValueError:  # the store's own checks; texts are checked below, before saving
        state[k.SAVED_NOTICE] = lb.STORAGE_DOWN
        return
    state[k.SAVED_NOTICE] = lb.SAVED.format(time=fmt.date_time(datetime.now(UTC))[-5:])


def _too_long(state: MutableMapping, name: str, text: str) -> bool:
    """Say (and refuse) a text over its limit; the field keeps what was typed."""
    if len(clean_text(text)) <= m.TEXT_LIMITS[name]:
        return False
    state[k.SAVED_NOTICE] = lb.too_long(name, len(clean_text(text)))
    return True


def save_ranking(state: MutableMapping, store: EventStore, event: m.Event) -> None:
    """Save the ranking as shown (a new revision)."""
    event_id, zone_id = state[k.TABLE]
    ranking = ranking_from(state, event.spec.max_priorities)
    if any(_too_long(state, "reason", p.reason) for p in ranking):
        return
    _saved(state, lambda: store.save_priorities(event_id, zone_id, ranking))


def add_contribution(state: MutableMapping, store: EventStore, item: str) -> None:
    """Save the new contribution typed for an item, then empty its field (kind and comuni stay)."""
    event_id, zone_id = state[k.TABLE]
    text_key = f"{k.NEW_TEXT}_{item}"
    text = str(state.get(text_key) or "").strip()
    if not text or _too_long(state, "text", text):
        return
    kind = state.get(f"{k.NEW_KIND}_{item}") or next(iter(m.CONTRIBUTION_KINDS))
    comuni = tuple(state.get(f"{k.NEW_COMUNI}_{item}") or ())

    def save() -> None:
        store.save_contribution(event_id, zone_id, item, kind, text, comuni)
        state[text_key] = ""
    _saved(state, save)


def edit_contribution(state: MutableMapping, store: EventStore, contribution: m.Contribution) -> None:
    """Save an edited contribution as its new revision (an emptied text deletes it)."""
    event_id, zone_id = state[k.TABLE]
    text = str(state.get(k.EDIT_TEXT.format(key=contribution.key)) or "").strip()
    if _too_long(state, "text", text):
        return
    _saved(state, lambda: store.save_contribution(event_id, zone_id, contribution.item, contribution.kind,
                                                  text or contribution.text, contribution.comuni,
                                                  key=contribution.key, deleted=not text))


def delete_contribution(state: MutableMapping, store: EventStore, contribution: m.Contribution) -> None:
    """Delete a contribution (a revision marking it deleted; the text stays in the history)."""
    event_id, zone_id = state[k.TABLE]
    _saved(state, lambda: store.save_contribution(event_id, zone_id, contribution.item, contribution.kind,
                                                  contribution.text, contribution.comuni, key=contribution.key,
                                                  deleted=True))
