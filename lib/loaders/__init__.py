"""The one place that loads data for the app, cached once per process; the only streamlit import in lib/.

reference.py: the plan, territory and categories; projects.py: the registry, approved reports and the
long form; views.py: summaries, lists and extras derived from them; home.py: the home map per view, one
shared value for everything the page draws. This module declares the map
components (their names, "lib.loaders.…", are part of the URLs nginx serves) and renders map documents.
Pages import everything from here: `from lib import loaders`.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar
from urllib.parse import urlsplit

import streamlit as st
import streamlit.components.v1 as components
from streamlit.runtime.pages_manager import PagesManager

from geo.map_assets import MAP_FRAME_DIR, asset_dirs
from geo.maps import render_map_html
from lib import config
from lib import schema as s
from lib.loaders.coverage import CoverageView, load_coverage_view
from lib.loaders.home import HomeControls, HomeView, load_home_controls, load_home_view
from lib.loaders.needs import NeedsAxis, NeedsView, load_needs_axis, load_needs_view
from lib.loaders.project import load_project, load_project_card, load_project_reports, project_row_of
from lib.loaders.projects import (
    Source,
    client_address,
    current_source,
    displayed_projects,
    get_submission_store,
    load_project_count,
    load_projects,
    load_quantities,
    load_quantity_issues,
    load_registry_failure,
    load_registry_file,
    load_registry_issues,
    long_form,
    refresh_submissions,
)
from lib.loaders.reference import (
    basemap_enabled,
    load_catalogue,
    load_catalogued_editions,
    load_categories,
    load_comuni,
    load_layer,
    load_needs,
    load_plan,
    load_references,
    load_report_choices,
)
from lib.loaders.releases import (
    feed_bytes,
    latest_release,
    load_opendata_zip,
    load_project_history,
    load_releases,
    publish_release,
    release_changes,
)
from lib.loaders.search import SearchResults, load_search_results
from lib.loaders.shared_values import shared
from lib.loaders.sources import SourcesView, load_sources_view
from lib.loaders.views import (
    group_summary_of,
    load_coverage_charts,
    load_coverage_tables,
    load_group_summary,
    load_map_legend,
    load_map_lists,
    load_needs_chart,
    load_needs_coverage,
    load_project_table,
    load_registry_search,
    load_slide,
    load_zone_extras,
    load_zone_summary,
    zone_sheet_pdf,
    zone_summary_of,
)
from lib.loaders.zone import ZoneView, load_zone_view
from lib.views import labels as lb
from lib.views import state as state_keys
from lib.views.map_view import LAYER_ZONES, MapRequest, build_map, build_zone_map, zone_map_legend
from lib.views.project_view import build_project_map

__all__ = [
    "CoverageView", "HomeControls", "HomeView", "NeedsAxis", "NeedsView", "SearchResults", "SourcesView", "ZoneView",
    "client_address", "feed_bytes", "get_submission_store", "latest_release", "load_catalogue",
    "load_catalogued_editions", "load_categories", "load_comuni", "load_coverage_charts", "load_coverage_tables",
    "load_coverage_view", "load_group_summary", "load_home_controls", "load_home_view", "load_layer", "load_map_html",
    "load_map_legend", "load_map_lists", "load_needs", "load_needs_axis", "load_needs_chart", "load_needs_coverage",
    "load_needs_view", "load_opendata_zip", "load_plan", "load_project", "load_project_card", "load_project_count",
    "load_project_history", "load_project_map_html", "load_project_reports", "load_project_table", "load_projects",
    "load_quantities", "load_quantity_issues", "load_references", "load_registry_failure", "load_registry_file",
    "load_registry_issues", "load_registry_search", "load_releases", "load_report_choices", "load_search_results",
    "load_slide", "load_sources_view", "load_zone_extras", "load_zone_map_html", "load_zone_summary",
    "load_zone_view", "map_asset_urls", "map_assets_key", "map_frame_component", "once_per_process",
    "publish_release", "refresh_submissions", "release_changes", "rerun_later", "through_entrypoint",
    "zone_sheet_pdf",
]


T = TypeVar("T")


def through_entrypoint() -> None:
    """Make sure this page runs inside dashboard.py; every page calls it first.

    Until some script in the process has called st.navigation, Streamlit treats a pages/ folder beside the
    entry point as its older multipage mode and runs a deep link such as /plenary as pages/plenary.py alone:
    no page config, no Italian chrome (lang, interface words, legend style), no navigation. The first
    visitors of a freshly started server land there (a plenary screen opened first thing in the morning).
    This switches the process to st.navigation and runs the session again, through dashboard.py (a first
    run carries no click, so nothing is lost). Tested in tests/browser/test_coplanning_browser.py."""
    # AppTest resets the flag on every run and then runs a page alone; its sessions began in dashboard.py.
    if PagesManager.uses_pages_directory and not st.session_state.get(state_keys.ENTRYPOINT_SEEN):
        PagesManager.uses_pages_directory = False
        st.rerun()


@shared()
def once_per_process(name: str, _build: Callable[[], T]) -> T:
    """What `_build()` returned the first time `name` was asked for in this process (until the caches are
    cleared). For the entry point: a decorator in dashboard.py is applied again on every run, and applying
    st.cache_resource reads the function's source each time (about 0.5 ms a run)."""
    return _build()


def rerun_later(seconds: float) -> None:
    """Run the whole page again in `seconds` (after a database that did not answer), with no click."""
    first = [True]

    @st.fragment(run_every=seconds)
    def _wait() -> None:
        if first[0]:  # the call in the page's own run; the timed runs come after
            first[0] = False
            return
        st.rerun(scope="app")

    _wait()


@shared()
def map_asset_urls() -> dict[str, str]:
    """Serve Leaflet and markercluster from their pip packages; return the URL prefix of each."""
    urls = {}
    for key, folder in asset_dirs().items():
        component = components.declare_component(f"assets_{key}", path=str(folder))
        urls[key] = f"/component/{component.name}/"
    return urls


@shared()
def map_frame_component():
    """The map frame (geo/map_frame): shows a map document, returns the area clicked or the key pressed."""
    return components.declare_component("map_frame", path=str(MAP_FRAME_DIR))


def map_assets_key() -> tuple[tuple[str, str], ...]:
    """Where the map assets are served, as a hashable cache key."""
    return tuple(sorted(map_asset_urls().items()))


@st.cache_data(show_spinner=False, max_entries=512)
def _map_html(source: Source, request: MapRequest, asset_urls: tuple[tuple[str, str], ...], tiles: bool,
              presenting: bool) -> str:
    edition = request.edition or load_catalogue().default
    summary = (zone_summary_of if request.layer == LAYER_ZONES else group_summary_of)(
        source, edition, request.coverage)
    fmap = build_map(request, load_plan(edition), displayed_projects(source), summary, load_comuni(),
                     load_layer(request.layer), dict(asset_urls), tiles=tiles, legend=False, keyboard=not presenting)
    return render_map_html(fmap, dict(asset_urls), lb.MAP_TITLE)


def load_map_html(request: MapRequest, presenting: bool = False) -> str:
    """The rendered HTML of one map view, built once per process and view. The map has no legend of its own:
    pages draw it below (load_map_legend), so nothing covers the areas. In presentation mode it leaves the
    arrow keys to the slides."""
    return _map_html(current_source(), request, map_assets_key(), basemap_enabled(), presenting)


@st.cache_data(show_spinner=False, max_entries=64)
def _zone_map_html(source: Source, edition: str, zone_id: int, asset_urls: tuple[tuple[str, str], ...],
                   tiles: bool) -> str:
    fmap = build_zone_map(zone_id, load_plan(edition), displayed_projects(source), long_form(source, edition),
                          load_comuni(), load_layer("comuni"), dict(asset_urls), tiles=tiles)
    return render_map_html(fmap, dict(asset_urls), f"{lb.ZONE_MAP_TITLE} {zone_id}")


@st.cache_data(show_spinner=False, max_entries=64)
def _zone_map_legend(source: Source, edition: str, zone_id: int) -> dict[str, object]:
    return zone_map_legend(zone_id, load_plan(edition), displayed_projects(source), long_form(source, edition),
                           load_comuni(), load_layer("comuni"))


def load_zone_map_html(zone_id: int, edition: str | None = None) -> str:
    """The rendered HTML of one zone's small map."""
    return _zone_map_html(current_source(), edition or load_catalogue().default, zone_id, map_assets_key(),
                          basemap_enabled())


@st.cache_data(show_spinner=False, max_entries=64)
def _project_map_html(source: Source, project_id: str, asset_urls: tuple[tuple[str, str], ...],
                      tiles: bool) -> str | None:
    row = project_row_of(source, project_id)
    if row is None:
        return None
    fmap = build_project_map(row, load_plan(row[s.PLAN_EDITION]), load_comuni(), load_layer(LAYER_ZONES),
                             dict(asset_urls), tiles=tiles)
    return None if fmap is None else render_map_html(fmap, dict(asset_urls), f"{lb.PROJECT_MAP_TITLE} {project_id}")


def load_project_map_html(project_id: str) -> str | None:
    """The rendered HTML of a project's small map (its zones, its markers), or None when it has no zone."""
    return _project_map_html(current_source(), project_id, map_assets_key(), basemap_enabled())


def app_url() -> str:
    """The app's address: PSM_PUBLIC_URL, else the scheme and host this browser used."""
    configured = config.public_url()
    if configured:
        return configured + "/"
    parts = urlsplit(st.context.url or "http://localhost:8501/")
    return f"{parts.scheme}://{parts.netloc}/"
