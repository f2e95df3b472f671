"""What the regia page does, on the session state as a plain mapping (tested without Streamlit)."""
from __future__ import annotations

from collections.abc import MutableMapping
from dataclasses import replace
from datetime import timedelta
from zoneinfo import ZoneInfo

from geo.territory import ZONES
from lib import schema as s
from lib.event import keys as k
from lib.event import model as m
from lib.event import synthesis as syn
from lib.event.files import default_tables, spec_from_json
from lib.event.store import EventStore
from lib.plan.needs import NeedsBook
from lib.safe_text import clean_text
from lib.views import fmt


def contribution_options(state: m.EventState) -> dict[str, str]:
    """Contribution key → 'Z7 · 3.3 · Proposta · first words…', for the regia's pickers (live ones only)."""
    return {c.key: f"Z{c.zone_id} · {c.item} · {m.CONTRIBUTION_KINDS[c.kind]} · "
                   f"{c.text if len(c.text) <= 70 else c.text[:69] + '…'}"
            for c in state.contributions if not c.deleted}


def prepare_pick(session: MutableMapping, state: m.EventState) -> None:
    """Show the picked contribution's merge, themes and highlight in the widgets when the pick changes."""
    key = session.get(k.PICK) or ""
    if session.get(f"{k.PICK}_shown") == (key, state.version):
        return
    roots, tags = syn.canonical(state), syn.themes(state)
    session[k.MERGE_INTO] = roots.get(key, key) if roots.get(key, key) != key else ""
    session[k.THEMES] = list(tags.get(key, []))
    session[k.HIGHLIGHT] = key in syn.highlighted(state)
    session[f"{k.PICK}_shown"] = (key, state.version)


def apply_acts(session: MutableMapping, store: EventStore, state: m.EventState, actor: str) -> int:
    """Write, as acts of the audit, what changed in the widgets for the picked contribution; returns how many."""
    key = session.get(k.PICK) or ""
    if not key:
        return 0
    event_id = state.event.event_id
    acts: list[tuple[str, str]] = []
    roots = syn.canonical(state)
    into = session.get(k.MERGE_INTO) or ""
    current = roots.get(key, key)
    if into != (current if current != key else ""):
        acts.append((m.ACT_MERGE, into) if into else (m.ACT_UNMERGE, ""))
    before = set(syn.themes(state).get(key, []))
    after = [t.strip() for t in session.get(k.THEMES) or [] if t.strip()]
    acts += [(m.ACT_TAG, t) for t in after if t not in before]
    acts += [(m.ACT_UNTAG, t) for t in sorted(before - set(after))]
    if bool(session.get(k.HIGHLIGHT)) != (key in syn.highlighted(state)):
        acts.append((m.ACT_HIGHLIGHT if session.get(k.HIGHLIGHT) else m.ACT_UNHIGHLIGHT, ""))
    for act, value in acts:
        store.act(event_id, actor, act, key, value)
    session.pop(f"{k.PICK}_shown", None)
    return len(acts)


def new_spec(session: MutableMapping, items: tuple[m.Item, ...], edition: str) -> m.EventSpec:
    """The event the creation form describes: every zone a table, at its group's venue."""
    return m.EventSpec(name=str(session.get(k.NEW_NAME) or "").strip(), day=session[k.NEW_DAY], plan_edition=edition,
                       item_kind=session[k.NEW_KIND_ITEMS], max_priorities=int(session[k.NEW_MAX]), items=items,
                       tables=default_tables())


def codes_frame(codes: dict[int, str], event: m.Event) -> list[dict[str, str]]:
    """The access codes just made, for the regia to print: code first (it must fit a phone), zone, venue."""
    venues = {t.zone_id: t.venue for t in event.spec.tables}
    return [{"Codice": code, "Zona": f"{z} – {ZONES[z].short}", "Sede": venues.get(z, "")}
            for z, code in sorted(codes.items())]


def status_line(state: m.EventState) -> str:
    """Whether the tables can work: 'Giornata aperta: i codici valgono fino al 05/12/2026 alle 24:00.'"""
    if state.closed:
        return "Giornata chiusa: i codici non aprono più i tavoli; la sintesi resta leggibile e scaricabile."
    until = state.codes_until
    last_day = until.astimezone(ZoneInfo(fmt.TIMEZONE)).date() - timedelta(days=1) if until else None
    return (f"Giornata aperta: i codici dei tavoli valgono fino alla fine del {last_day:%d/%m/%Y}."
            if last_day else "Giornata aperta.")


def theme_suggestions(state: m.EventState, chosen: list[str], book: NeedsBook | None) -> list[str]:
    """Themes to offer: those used so far, those chosen now, and the new themes of the needs (seed 002)."""
    used = {t for tags in syn.themes(state).values() for t in tags}
    return sorted(used | set(chosen) | (set(book.themes[s.TITLE]) if book is not None else set()))


def spec_to_create(session: MutableMapping, file_bytes: bytes | None,
                   items_for: dict[tuple[str, str], tuple[m.Item, ...]], book: NeedsBook | None,
                   default_edition: str) -> tuple[m.EventSpec | None, list[str]]:
    """The event to create from an uploaded file, or else from the form; with the problems found (Italian)."""
    if file_bytes is not None:
        return spec_from_json(file_bytes.decode("utf-8", "replace"), items_for)
    kind = session[k.NEW_KIND_ITEMS]
    edition = book.edition if kind == m.ITEMS_NEEDS and book is not None else default_edition
    spec = new_spec(session, items_for[(kind, edition)], edition)
    spec = replace(spec, name=clean_text(spec.name))  # a name of invisible characters only is no name
    if not spec.name or len(spec.name) > m.TEXT_LIMITS["name"]:
        return None, [f"Dai un nome alla giornata (al massimo {m.TEXT_LIMITS['name']} caratteri)."]
    return spec, []


def extend_codes(session: MutableMapping, store: EventStore, state: m.EventState, actor: str) -> None:
    """Make the codes work until the end of the day chosen on the page (an act of the audit)."""
    store.act(state.event.event_id, actor, m.ACT_EXTEND, "event", session[k.EXTEND_DAY].isoformat())
