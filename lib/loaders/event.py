"""Cached loaders of the co-planning day: its store, its state per version, and the plenary's views.

The state lives in the database; a process only caches what it read for one version of it, and asks the
database for the version at most once per VERSION_TTL_S, whoever is watching.
"""
from __future__ import annotations

from collections.abc import MutableMapping
from datetime import UTC, datetime
from typing import NamedTuple, cast

import pandas as pd
import streamlit as st

from geo.maps import render_map_html
from lib import config
from lib import schema as s
from lib.analysis import coverage as cov
from lib.event import keys, plenary
from lib.event import model as m
from lib.event import synthesis as syn
from lib.event.store import EventStore
from lib.loaders.map_files import map_file_url
from lib.loaders.projects import current_source, get_submission_store, long_form
from lib.loaders.reference import basemap_enabled, load_catalogue, load_layer, load_needs, load_plan
from lib.loaders.shared_values import shared
from lib.submissions.store import StorageUnavailableError
from lib.views import fmt
from lib.views import labels as lb

# A save reaches every screen within this plus the screens' own refresh interval (lib/event/labels.py).
VERSION_TTL_S = 0.5


@shared()
def get_event_store() -> EventStore:
    """The events, in the same database as the reports (one connection pool per process)."""
    return EventStore(get_submission_store())


# The plenary's loaders below keep their results as they are (`shared`, lib/loaders/shared_values.py: no copy
# per call, which with a room of screens refreshing every few seconds is most of the cost); callers only read
# them.
@shared(ttl=VERSION_TTL_S)
def event_version(event_id: int) -> tuple[int, int, int] | None:
    """The event's state version (None if the database cannot be read right now)."""
    try:
        return get_event_store().version(event_id)
    except StorageUnavailableError:
        return None


@st.cache_data(show_spinner=False, max_entries=64)
def _state(event_id: int, version: tuple[int, int, int] | None) -> m.EventState:
    return get_event_store().state(event_id)


def load_event_state(event_id: int, fresh: bool = False) -> m.EventState:
    """The event's current state (fresh=True skips the version cache: right after one's own save)."""
    if fresh:
        event_version.clear()
    return _state(event_id, event_version(event_id))


def load_table_state(session: MutableMapping, event_id: int) -> tuple[m.EventState | None, str | None]:
    """The event's state for a facilitator: fresh, or while the database does not answer, the last one this
    session read and the time it was read (None, None if it never read one)."""
    try:
        state = load_event_state(event_id, fresh=True)
    except StorageUnavailableError:
        last = session.get(keys.LAST_STATE)
        return (last[0], last[1]) if last else (None, None)
    session[keys.LAST_STATE] = (state, fmt.date_time(datetime.now(UTC))[-5:])
    return state, None


def cards_pdf(event_id: int, codes: dict[int, str]) -> tuple[int, bytes | None]:
    """The access cards of new codes, for the public address (None when PSM_PUBLIC_URL is not set)."""
    from lib.event import documents  # reportlab: ~60 ms of every cold start otherwise

    base = config.public_url()
    if base is None:
        return event_id, None
    return event_id, documents.access_cards_pdf(get_event_store().state(event_id).event, codes, base)


def item_choices(item_kind: str, edition: str | None = None) -> tuple[m.Item, ...]:
    """What an event can ask tables to prioritise: an edition's strategies, or the needs for the next one."""
    if item_kind == m.ITEMS_NEEDS and (book := load_needs()) is not None:
        return tuple(m.Item(code, text, int(axis)) for code, text, axis in
                     zip(book.needs[s.NEED_ID], book.needs[s.TEXT], book.needs[s.AXIS], strict=True))
    plan = load_plan(edition)
    return tuple(m.Item(code, title, int(axis)) for code, title, axis in
                 zip(plan.strategies[s.STRATEGY], plan.strategies[s.STRATEGY_TITLE], plan.strategies[s.AXIS],
                     strict=True))


def items_by_kind() -> dict[tuple[str, str], tuple[m.Item, ...]]:
    """(item kind, edition) → the items an event of that kind can prioritise: each catalogued edition's
    strategies, and the needs for the next edition."""
    out = {(m.ITEMS_STRATEGIES, edition): item_choices(m.ITEMS_STRATEGIES, edition)
           for edition in load_catalogue().plans}
    if (book := load_needs()) is not None:
        out[(m.ITEMS_NEEDS, book.edition)] = item_choices(m.ITEMS_NEEDS)
    return out


def _item_strategies(event: m.Event) -> dict[str, list[str]]:
    if event.spec.item_kind == m.ITEMS_NEEDS and (book := load_needs()) is not None:
        return {item.code: list(book.links_of(item.code)[s.STRATEGY]) for item in event.spec.items}
    return {item.code: [item.code] for item in event.spec.items}


def _coverage_edition(event: m.Event) -> str:
    book = load_needs()
    if event.spec.item_kind == m.ITEMS_NEEDS and book is not None:
        return book.linked_edition
    editions = load_catalogue().plans
    return event.spec.plan_edition if event.spec.plan_edition in editions else load_catalogue().default


@st.cache_data(show_spinner=False, max_entries=64)
def _uncovered(event_id: int, version: tuple[int, int, int] | None) -> pd.DataFrame:
    state = _state(event_id, version)
    edition = _coverage_edition(state.event)
    matrix = cov.zone_strategy_matrix(long_form(current_source(), edition), load_plan(edition).strategies)
    return syn.uncovered_priorities(state, matrix, _item_strategies(state.event))


def load_uncovered(event_id: int) -> pd.DataFrame:
    """The event's priorities against the coverage of the plan in force ("priorità scoperte")."""
    return _uncovered(event_id, event_version(event_id))


@shared()
def _base_map(asset_urls: tuple[tuple[str, str], ...], tiles: bool) -> str:
    return render_map_html(plenary.base_map(load_layer("zone"), dict(asset_urls), tiles=tiles), dict(asset_urls),
                           lb.PLENARY_MAP_TITLE)


class PlenaryViews(NamedTuple):
    """The plenary's views of one state: the map's colours and labels per zone, the legend, the synthesis (HTML,
    every text escaped) and the state version they show ('12.40.3')."""

    overlay: dict[str, dict[str, object]]
    legend: str
    synthesis: str
    version: str


@shared(max_entries=64)
def _plenary(event_id: int, version: tuple[int, int, int] | None) -> PlenaryViews:
    state = _state(event_id, version)
    plan = load_plan(_coverage_edition(state.event))
    now = fmt.date_time(datetime.now(UTC))[-5:]
    return PlenaryViews(plenary.map_overlay(state, plan.axis_colors()),
                        plenary.legend_html(state, plan.axis_titles(), plan.axis_colors()),
                        plenary.synthesis_html(state, _uncovered(event_id, version), now),
                        plenary.version_tag(state.version))


# The last plenary views and event list this process read, by event: what the room's screens keep showing
# while the database does not answer (a cache like the others; the state itself stays in the database).
_last_good: dict[object, tuple[object, str]] = {}


def load_plenary_views(event_id: int) -> tuple[PlenaryViews, str | None]:
    """The plenary's views of the current state, built once per process and state version, and None; or while
    the database does not answer, the last views this process read and the time it read them."""
    try:
        version = event_version(event_id)
        if version is None:
            raise StorageUnavailableError("no version")
        views = _plenary(event_id, version)
    except StorageUnavailableError:
        if event_id not in _last_good:
            raise
        return cast("tuple[PlenaryViews, str]", _last_good[event_id])
    _last_good[event_id] = (views, fmt.date_time(datetime.now(UTC))[-5:])
    return views, None


@shared()
def _base_map_url(asset_urls: tuple[tuple[str, str], ...], tiles: bool) -> str | None:
    return map_file_url(_base_map(asset_urls, tiles))


def load_plenary(event_id: int, asset_urls: tuple[tuple[str, str], ...]
                 ) -> tuple[str | None, str, PlenaryViews, str | None]:
    """The plenary's map document, the same all day: the URL of its file (each browser downloads it once) and
    "", or None and the document where the file cannot be written; then `load_plenary_views`."""
    tiles = basemap_enabled()
    url = _base_map_url(asset_urls, tiles)
    return (url, "" if url else _base_map(asset_urls, tiles), *load_plenary_views(event_id))


@shared(ttl=VERSION_TTL_S * 5)
def _events() -> tuple[m.Event, ...]:
    return tuple(get_event_store().events())


def load_events() -> tuple[m.Event, ...]:
    """Every event, newest first (refreshed every few seconds: a room opening the plenary asks once); the
    last list read while the database does not answer."""
    try:
        events = _events()
    except StorageUnavailableError:
        if "events" not in _last_good:
            raise
        return cast("tuple[m.Event, ...]", _last_good["events"][0])
    _last_good["events"] = (events, "")
    return events


load_events.clear = _events.clear  # type: ignore[attr-defined]  # a cached loader's clear() on a plain function
