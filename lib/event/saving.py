"""How a facilitator's save reaches the database: at once, or later, or after the user decides.

Every save carries the revision it was made on. It is tried at once; when the database does not answer it
waits in the session (nothing typed is lost) and is retried with a growing pause; when someone saved the same
thing meanwhile it becomes a conflict the user decides (keep mine, keep theirs, keep both); when the table's
code no longer works the session's access ends and what was not saved stays on screen. The session state is
a plain mapping (tested without Streamlit).
"""
from __future__ import annotations

import secrets
from collections.abc import MutableMapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from lib.event import keys as k
from lib.event import labels as lb
from lib.event import model as m
from lib.event.access import Access, AccessEndedError
from lib.event.store import EventStore, SaveConflictError
from lib.submissions.store import StorageUnavailableError
from lib.views import fmt

# The target of a table's ranking; a contribution's target is its key.
RANKING = "ranking"
# Choices in a conflict.
MINE, THEIRS, BOTH = "mine", "theirs", "both"
# Seconds before retrying a save the database did not take: doubling from the first, up to the last.
RETRY_FIRST_S, RETRY_MAX_S = 2.0, 16.0


@dataclass(frozen=True)
class Save:
    """One save of the facilitator page: the table's ranking, or one revision of a contribution."""

    target: str
    base: int
    ranking: tuple[m.Priority, ...] = ()
    item: str = ""
    kind: str = ""
    text: str = ""
    comuni: tuple[str, ...] = ()
    deleted: bool = False
    # The field of a new contribution, emptied once it is saved.
    new_field: str = ""


@dataclass(frozen=True)
class Conflict:
    """A save refused because someone saved first: what this phone wanted, and what is saved now."""

    save: Save
    current: m.Ranking | m.Contribution | None


def ranking_values(ranking: tuple[m.Priority, ...] | list[m.Priority]) -> tuple[tuple[str, str], ...]:
    """A ranking as comparable values (item, reason), in order."""
    return tuple((p.item, p.reason) for p in ranking)


def pending(state: MutableMapping) -> list[Save]:
    """Saves waiting for the database, oldest first."""
    return state.setdefault(k.PENDING, [])


def conflicts(state: MutableMapping) -> dict[str, Conflict]:
    """Conflicts waiting for the user's choice, by target."""
    return state.setdefault(k.CONFLICTS, {})


def unsaved(state: MutableMapping) -> list[Save]:
    """Everything typed that is not saved: waiting saves and the user's side of each conflict."""
    return [*pending(state), *(c.save for c in conflicts(state).values())]


def _now_label() -> str:
    return fmt.date_time(datetime.now(UTC))[-5:]


def _attempt(state: MutableMapping, store: EventStore, save: Save) -> bool:
    """Try one save. False only when the database did not answer (the caller keeps it for later)."""
    access: Access = state[k.TABLE]
    author = str(state.get(k.AUTHOR) or "")
    try:
        if save.target == RANKING:
            new_id = store.save_priorities(access.event_id, access.zone_id, list(save.ranking), base=save.base,
                                           author=author, access=access)
            state[k.BASE_RANKING] = (new_id, ranking_values(save.ranking))
        else:
            store.save_contribution(access.event_id, access.zone_id, save.item, save.kind, save.text, save.comuni,
                                    key=save.target, deleted=save.deleted, base=save.base, author=author,
                                    access=access)
            state[k.BASE_TEXT.format(key=save.target)] = (save.base + 1, save.text)
            if save.new_field:
                # The new contribution's own field shows what was saved (fill_from sees its base as current and
                # would leave it empty), and the field it was typed in is emptied for the next one.
                state[k.EDIT_TEXT.format(key=save.target)] = save.text
                state[save.new_field] = ""
    except StorageUnavailableError:
        return False
    except SaveConflictError as err:
        conflicts(state)[save.target] = Conflict(save, err.current)
        state[k.SAVED_NOTICE] = lb.CONFLICT_NOTICE
    except AccessEndedError as err:
        state[k.ENDED], state[k.ENDED_TABLE] = err.reason, (access.event_id, access.zone_id)
        state.pop(k.TABLE, None)
        pending(state).append(save)
    except ValueError:  # the store's own checks of the text (length after cleaning)
        state[k.SAVED_NOTICE] = lb.NOT_SAVED_INVALID
    else:
        state[k.SAVED_NOTICE] = lb.SAVED.format(time=_now_label())
    return True


def _wait(state: MutableMapping, now: float) -> None:
    _, delay = state.get(k.RETRY) or (0.0, RETRY_FIRST_S / 2)
    delay = min(RETRY_MAX_S, delay * 2)
    state[k.RETRY] = (now + delay, delay)
    state[k.SAVED_NOTICE] = lb.SAVE_PAUSED.format(seconds=round(delay))


def submit(state: MutableMapping, store: EventStore, save: Save, now: float) -> None:
    """Save now if the database answers; else keep it (in place of an older save of the same thing)."""
    queue = pending(state)
    older = next((s for s in queue if s.target == save.target), None)
    if older is not None:  # still waiting: the newer text replaces it, on the revision the older one knew
        queue[queue.index(older)] = replace(save, base=older.base)
        return
    if k.TABLE not in state:
        return
    if queue:  # keep the order: nothing overtakes a waiting save, which is retried on its own schedule
        queue.append(save)
    elif not _attempt(state, store, save):
        queue.append(save)
        _wait(state, now)


def retry(state: MutableMapping, store: EventStore, now: float) -> bool:
    """Send the waiting saves, oldest first, if their pause is over; True when none is left waiting."""
    queue = pending(state)
    if not queue or k.TABLE not in state:
        return not queue
    if now < (state.get(k.RETRY) or (0.0, 0.0))[0]:
        return False
    while queue and k.TABLE in state:
        save = queue.pop(0)
        if not _attempt(state, store, save):
            queue.insert(0, save)
            _wait(state, now)
            return False
    state.pop(k.RETRY, None)
    return not queue


def new_key() -> str:
    """The key of a new contribution, chosen before saving it, so that a retried save stores it once."""
    return secrets.token_hex(8)


def set_ranking_widgets(state: MutableMapping, ranking: m.Ranking | None, max_priorities: int) -> None:
    """Show a ranking in the session-1 widgets and take it as the base of the next save."""
    priorities = ranking.priorities if ranking else ()
    for rank in range(1, max_priorities + 1):
        chosen = priorities[rank - 1] if rank <= len(priorities) else None
        state[k.RANK_ITEM.format(rank=rank)] = chosen.item if chosen else ""
        state[k.RANK_REASON.format(rank=rank)] = chosen.reason if chosen else ""
    state[k.BASE_RANKING] = (ranking.revision_id if ranking else 0, ranking_values(priorities))


def resolve(state: MutableMapping, store: EventStore, target: str, choice: str, max_priorities: int,
            now: float) -> None:
    """Apply the user's choice in a conflict (a button's callback): save theirs over mine, or mine over
    theirs, or both; a deletion stays unless the user restores the contribution with their text."""
    conflict = conflicts(state).pop(target, None)
    if conflict is None:
        return
    save, current = conflict.save, conflict.current
    if target == RANKING:
        theirs = current if isinstance(current, m.Ranking) else None
        base = theirs.revision_id if theirs else 0
        if choice == THEIRS:
            set_ranking_widgets(state, theirs, max_priorities)
            return
        ranking = list(save.ranking)
        if choice == BOTH and theirs is not None:
            mine = {p.item for p in ranking}
            ranking += [p for p in theirs.priorities if p.item not in mine]
        ranking = [m.Priority(i, p.item, p.reason) for i, p in enumerate(ranking[:max_priorities], start=1)]
        set_ranking_widgets(state, m.Ranking(0, tuple(ranking), "", datetime.now(UTC)), max_priorities)
        submit(state, store, replace(save, base=base, ranking=tuple(ranking)), now)
        return
    if not isinstance(current, m.Contribution):  # a contribution's target: a Contribution or None
        current = None
    revision = current.revision if current else 0
    field = k.EDIT_TEXT.format(key=target)
    if choice == THEIRS:
        if current is not None and not current.deleted:
            state[field] = current.text
            state[k.BASE_TEXT.format(key=target)] = (revision, current.text)
        return
    if choice == BOTH:
        if current is not None and not current.deleted:
            state[field] = current.text
            state[k.BASE_TEXT.format(key=target)] = (revision, current.text)
        submit(state, store, replace(save, target=new_key(), base=0, deleted=False), now)
        return
    if not save.deleted:
        state[field] = save.text
    submit(state, store, replace(save, base=revision), now)
