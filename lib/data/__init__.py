"""The one place that loads data for the app, cached once per process.

Big frames (registry, long form) are private `cache_resource`s, shared and never changed in place:
`cache_data` would unpickle a copy on every hit, seconds at 100,000 projects. Pages call the small derived
loaders, whose results are cheap to copy. Set PSM_PROJECTS_CSV to read another
registry file (the benchmarks use this for synthetic registries).
"""
from __future__ import annotations

import os
from pathlib import Path

import geopandas as gpd
import pandas as pd
import streamlit as st
import streamlit.components.v1 as components

from geo.map_assets import MAP_FRAME_DIR, asset_dirs
from geo.maps import render_map_html
from geo.zones import read_comuni_layer, read_tables, read_zones
from lib import catalogue
from lib import schema as s
from lib.csv_reader import Issue
from lib.joins import build_long_form
from lib.map_view import LAYER_ZONES, MapRequest, build_map, build_zone_map
from lib.registry import References, read_registry_report
from lib.submissions import limits
from lib.submissions.registry_rows import load_reported_projects, merge_reported
from lib.submissions.store import StorageUnavailableError, SubmissionStore


def basemap_enabled() -> bool:
    """OpenStreetMap tiles under the zones, unless PSM_BASEMAP=off (offline venues, tests)."""
    return os.environ.get("PSM_BASEMAP", "on").lower() != "off"


def projects_path() -> Path:
    """The registry file the app reads."""
    return Path(os.environ.get("PSM_PROJECTS_CSV", s.PROJECTS_CSV))


@st.cache_data(show_spinner=False)
def load_strategies() -> pd.DataFrame:
    """The 24 strategies of the 2021-2023 plan."""
    return catalogue.read_strategies()


@st.cache_data(show_spinner=False)
def load_axes() -> pd.DataFrame:
    """The 6 axes with title and colour."""
    return catalogue.read_axes(catalogue.read_strategies())


@st.cache_data(show_spinner=False)
def load_comuni() -> pd.DataFrame:
    """The 312 comuni with zone, table, population, area and a point."""
    return catalogue.read_comuni()


@st.cache_data(show_spinner=False)
def load_categories() -> pd.DataFrame:
    """Category codes and labels."""
    return catalogue.read_categories()


@st.cache_data(show_spinner=False)
def load_no_action() -> pd.DataFrame:
    """Strategies reported as having no new action."""
    return catalogue.read_no_action()


_LAYERS = {"zones": (read_zones, s.ZONES_GEOJSON), "tables": (read_tables, s.TABLES_GEOJSON),
           "comuni": (read_comuni_layer, s.COMUNI_GEOJSON)}


@st.cache_data(show_spinner=False)
def load_layer(name: str) -> gpd.GeoDataFrame:
    """One polygon layer: "zones" (11), "tables" (6) or "comuni" (312, simplified)."""
    reader, path = _LAYERS[name]
    return reader(path)


# Submissions from zone representatives (pages/report.py, pages/moderation.py). Not a DataFrame: the store
# holds a connection pool, which is why this one is a cache_resource.
@st.cache_resource(show_spinner=False)
def get_submission_store() -> SubmissionStore:
    """The submissions database (PSM_DATABASE_URL, or SQLite under PSM_DATA_DIR), shared by all sessions."""
    return SubmissionStore.from_environment()


def client_address() -> str:
    """The address this session's limits are counted against (see lib.submissions.limits.client_key)."""
    return limits.client_key(st.context.ip_address, st.context.headers)


# What the app shows is the registry file plus the approved reports, so everything derived from it is
# cached under this key: the file, and the submissions store's version (None when the store is down).
Source = tuple[str, "tuple[int, int] | None"]


# Asking the database on every rerun of every session slowed a 300-viewer burst by about 30%; an approval
# shows within this many seconds anyway, and at once for the moderator (refresh_submissions).
STORE_VERSION_TTL_S = 5


@st.cache_data(show_spinner=False, ttl=STORE_VERSION_TTL_S)
def _store_version() -> tuple[int, int] | None:
    try:
        return get_submission_store().version()
    except StorageUnavailableError:
        return None


def refresh_submissions() -> None:
    """Show the latest state of the submissions store on the next load (after a moderation action)."""
    _store_version.clear()


def _source() -> Source:
    return str(projects_path()), _store_version()


# A few registry versions at most (the file, and the store before and after an approval).
BIG_FRAME_ENTRIES = 4


@st.cache_data(show_spinner=False)
def load_references() -> References:
    """What registry values may point to: strategies, comuni and categories."""
    return References.from_frames(load_strategies(), load_comuni(), load_categories())


@st.cache_resource(show_spinner=False, max_entries=BIG_FRAME_ENTRIES)
def _load_registry(path: str) -> tuple[pd.DataFrame, list[Issue], bool]:
    report = read_registry_report(path, load_references())
    return report.valid, report.issues, report.unreadable


@st.cache_resource(show_spinner=False, max_entries=BIG_FRAME_ENTRIES)
def _load_displayed(source: Source) -> pd.DataFrame:
    path, version = source
    registry = _load_registry(path)[0]
    if version is None:
        return registry.assign(**{s.REPORTED: False})
    reported, _ = load_reported_projects(get_submission_store(), load_references(), set(registry[s.PROJECT_ID]))
    return merge_reported(registry, reported)


@st.cache_data(show_spinner=False)
def _project_count(source: Source) -> int:
    return len(_load_displayed(source))


def load_project_count() -> int:
    """How many projects the app shows (registry plus approved reports)."""
    return _project_count(_source())


def load_registry_file() -> pd.DataFrame:
    """The valid rows of the registry file alone, without approved reports (for moderation and export)."""
    return _load_registry(str(projects_path()))[0]


def load_projects() -> pd.DataFrame:
    """The valid registry rows, parsed, with approved reports merged in (flagged in `reported`)."""
    return _load_displayed(_source())


def load_registry_issues() -> list[Issue]:
    """Problems found in the registry file (rows with problems are not shown)."""
    return _load_registry(str(projects_path()))[1]


def load_registry_failure() -> Issue | None:
    """Why the registry file could not be read at all (then no row of it is shown), or None."""
    _, issues, unreadable = _load_registry(str(projects_path()))
    return issues[0] if unreadable else None


@st.cache_resource(show_spinner=False, max_entries=BIG_FRAME_ENTRIES)
def _load_long_form(source: Source) -> pd.DataFrame:
    return build_long_form(_load_displayed(source), load_strategies(), load_comuni())


@st.cache_resource(show_spinner=False)
def map_asset_urls() -> dict[str, str]:
    """Serve Leaflet and markercluster from their pip packages; return the URL prefix of each."""
    urls = {}
    for key, folder in asset_dirs().items():
        component = components.declare_component(f"assets_{key}", path=str(folder))
        urls[key] = f"/component/{component.name}/"
    return urls


@st.cache_resource(show_spinner=False)
def map_frame_component():  # noqa: ANN201 - streamlit's CustomComponent
    """The clickable map frame (geo/map_frame): shows a map document, returns the area clicked."""
    return components.declare_component("map_frame", path=str(MAP_FRAME_DIR))


@st.cache_data(show_spinner=False, max_entries=512)
def _map_html(source: Source, request: MapRequest, asset_urls: tuple[tuple[str, str], ...],
              tiles: bool) -> str:
    zones = request.layer == LAYER_ZONES
    summary = (_zone_summary if zones else _table_summary)(source, request.axis, request.strategy)
    fmap = build_map(request, _load_displayed(source), summary, load_comuni(), load_strategies(),
                     load_layer("zones" if zones else "tables"), dict(asset_urls), tiles=tiles)
    return render_map_html(fmap, dict(asset_urls))


def load_map_html(request: MapRequest) -> str:
    """The rendered HTML of one map view, built once per process and view."""
    return _map_html(_source(), request, tuple(sorted(map_asset_urls().items())), basemap_enabled())


@st.cache_data(show_spinner=False, max_entries=64)
def _zone_map_html(source: Source, zone_id: int, asset_urls: tuple[tuple[str, str], ...], tiles: bool) -> str:
    fmap = build_zone_map(zone_id, _load_displayed(source), _load_long_form(source), load_comuni(),
                          load_strategies(), load_layer("comuni"), dict(asset_urls), tiles=tiles)
    return render_map_html(fmap, dict(asset_urls))


def load_zone_map_html(zone_id: int) -> str:
    """The rendered HTML of one zone's small map."""
    return _zone_map_html(_source(), zone_id, tuple(sorted(map_asset_urls().items())),
                          basemap_enabled())


# Loaders of derived views live in lib/data/views.py; imported last, since they use the loaders above.
from lib.data.views import (  # noqa: E402
    _table_summary,
    _zone_summary,
    load_coverage_tables,
    load_map_lists,
    load_project_table,
    load_table_summary,
    load_zone_extras,
    load_zone_summary,
)

__all__ = ["load_coverage_tables", "load_map_lists", "load_project_table", "load_table_summary",
           "load_zone_extras", "load_zone_summary"]
