"""What the facilitator page does, on the session state as a plain mapping (tested without Streamlit).

Every change goes to the database at once (lib/event/saving.py): a closed tab, a dropped connection or
another phone opening the same table find everything saved. The widgets are filled from the database when a
table is opened and whenever another phone saved something this one has not changed.
"""
from __future__ import annotations

import time
from collections.abc import Callable, MutableMapping

from lib.event import keys as k
from lib.event import labels as lb
from lib.event import model as m
from lib.event import saving as sv
from lib.event.access import Access
from lib.event.store import EventStore
from lib.safe_text import clean_text
from lib.submissions import guessing


def open_table(state: MutableMapping, store: EventStore, typed: str, client: str, now: float,
               sleep: Callable[[float], None] = time.sleep) -> str | None:
    """Check a typed code; on success remember the table it opens. Returns an Italian error or None.

    A code is never refused unchecked: the check waits for its slot (lib/submissions/guessing.py), at most
    1.5 s for a session with no wrong code yet, longer after this session's own wrong codes. Each wrong
    code is counted and logged with time and address, never the code. Saves that were waiting when the
    access ended are kept if the new code opens the same table.
    """
    author = clean_text(state.get(k.AUTHOR_INPUT))
    if len(author) > m.TEXT_LIMITS["author"]:
        return lb.too_long("author", len(author))
    failures = int(state.get(k.CODE_FAILURES) or 0)
    found: list[Access] = []

    def compare() -> bool:
        access = store.table_for_code(typed) if typed.strip() else None
        found.extend([access] if access else [])
        return access is not None

    if not guessing.check(store.store, guessing.CODE, client, now, failures, compare, sleep):
        state[k.CODE_FAILURES] = failures + 1
        return lb.CODE_WRONG
    access = found[0]
    if state.get(k.ENDED_TABLE) != (access.event_id, access.zone_id):  # another table: start afresh
        for key in (k.PENDING, k.CONFLICTS, k.BASE_RANKING, k.LAST_STATE, k.RETRY):
            state.pop(key, None)
    state[k.TABLE], state[k.AUTHOR] = access, author
    state.pop(k.ENDED, None)
    state.pop(k.ENDED_TABLE, None)
    state.pop(k.LOADED_VERSION, None)
    state.pop(k.CODE_FAILURES, None)
    return None


def _ranking_shown(state: MutableMapping, max_priorities: int) -> tuple[tuple[str, str], ...]:
    return tuple((str(state.get(k.RANK_ITEM.format(rank=r)) or ""), str(state.get(k.RANK_REASON.format(rank=r)) or ""))
                 for r in range(1, max_priorities + 1))


def fill_from(state: MutableMapping, event_state: m.EventState, zone_id: int) -> None:
    """Show what is saved in the widgets: all of it when the table is opened, later only what another phone
    saved and this one has not changed (what this one changed is saved, waiting, or a conflict to decide)."""
    if state.get(k.LOADED_VERSION) == event_state.version:
        return
    top = event_state.event.spec.max_priorities
    busy = {s.target for s in sv.unsaved(state)}
    ranking = event_state.rankings.get(zone_id)
    revision = ranking.revision_id if ranking else 0
    base = state.get(k.BASE_RANKING)
    untouched = base is None or sv.ranking_values(ranking_from(state, top)) == base[1]
    if sv.RANKING not in busy and untouched and (base is None or base[0] != revision):
        sv.set_ranking_widgets(state, ranking, top)
    for c in event_state.contributions:
        if c.zone_id != zone_id or c.deleted or c.key in busy:
            continue
        field, base_key = k.EDIT_TEXT.format(key=c.key), k.BASE_TEXT.format(key=c.key)
        base = state.get(base_key)
        if base is None or (base[0] != c.revision and state.get(field, base[1]) == base[1]):
            state[field] = c.text
            state[base_key] = (c.revision, c.text)
    state[k.LOADED_VERSION] = event_state.version


def ranking_from(state: MutableMapping, max_priorities: int) -> list[m.Priority]:
    """The ranking the widgets show: empty ranks skipped, an item chosen twice kept at its first rank."""
    seen: set[str] = set()
    ranking: list[m.Priority] = []
    for item, reason in _ranking_shown(state, max_priorities):
        if item and item not in seen:
            seen.add(item)
            ranking.append(m.Priority(rank=len(ranking) + 1, item=item, reason=reason))
    return ranking


def _too_long(state: MutableMapping, name: str, text: str) -> bool:
    """Say (and refuse) a text over its limit; the field keeps what was typed."""
    if len(clean_text(text)) <= m.TEXT_LIMITS[name]:
        return False
    state[k.SAVED_NOTICE] = lb.too_long(name, len(clean_text(text)))
    return True


def save_ranking(state: MutableMapping, store: EventStore, event: m.Event) -> None:
    """Save the ranking as shown, on the revision the widgets were filled from."""
    ranking = ranking_from(state, event.spec.max_priorities)
    if any(_too_long(state, "reason", p.reason) for p in ranking):
        return
    base = (state.get(k.BASE_RANKING) or (0, ()))[0]
    sv.submit(state, store, sv.Save(sv.RANKING, base, ranking=tuple(ranking)), time.time())


def add_contribution(state: MutableMapping, store: EventStore, item: str) -> None:
    """Save the new contribution typed for an item, then empty its field (kind and comuni stay)."""
    text_key = f"{k.NEW_TEXT}_{item}"
    text = str(state.get(text_key) or "").strip()
    if not text or _too_long(state, "text", text):
        return
    kind = state.get(f"{k.NEW_KIND}_{item}") or next(iter(m.CONTRIBUTION_KINDS))
    comuni = tuple(state.get(f"{k.NEW_COMUNI}_{item}") or ())
    waiting = next((s for s in sv.pending(state) if s.new_field == text_key), None)
    key = waiting.target if waiting else sv.new_key()
    sv.submit(state, store, sv.Save(key, 0, item=item, kind=kind, text=text, comuni=comuni, new_field=text_key),
              time.time())


def _base_revision(state: MutableMapping, contribution: m.Contribution) -> int:
    return (state.get(k.BASE_TEXT.format(key=contribution.key)) or (contribution.revision, ""))[0]


def edit_contribution(state: MutableMapping, store: EventStore, contribution: m.Contribution) -> None:
    """Save an edited contribution as its next revision (an emptied text deletes it)."""
    text = str(state.get(k.EDIT_TEXT.format(key=contribution.key)) or "").strip()
    if _too_long(state, "text", text):
        return
    sv.submit(state, store, sv.Save(contribution.key, _base_revision(state, contribution), item=contribution.item,
                                    kind=contribution.kind, text=text or contribution.text,
                                    comuni=contribution.comuni, deleted=not text), time.time())


def delete_contribution(state: MutableMapping, store: EventStore, contribution: m.Contribution) -> None:
    """Delete a contribution (a revision marking it deleted; the text stays in the history)."""
    sv.submit(state, store, sv.Save(contribution.key, _base_revision(state, contribution), item=contribution.item,
                                    kind=contribution.kind, text=contribution.text, comuni=contribution.comuni,
                                    deleted=True), time.time())


def contributions_of(state: m.EventState, zone_id: int, item: str) -> list[m.Contribution]:
    """A table's standing contributions under one of its priorities."""
    return [c for c in state.contributions if c.zone_id == zone_id and c.item == item and not c.deleted]
