"""The home map's results per view, built once per process and view and shared by every session.

A room opening the map at once pays the page's server time once per viewer, so the home page asks for two
cached values per run instead of a dozen: each cached call costs its key's hashing and, for cache_data, a
fresh unpickled copy, and the strings drawn from them (ranking, legend, picker options) would be formatted
again for every viewer. These are shared values (lib/loaders/shared_values.py): the same objects for
everyone, never changed in place (frozen dataclasses; the page only reads their frames).
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from lib.analysis import coverage as cov
from lib.analysis.measures import MEASURE_BY_KEY
from lib.loaders.projects import Source, current_source
from lib.loaders.reference import basemap_enabled, load_catalogue, load_plan
from lib.loaders.shared_values import shared
from lib.loaders.views import _coverage_tables, _legend, _map_lists, group_summary_of, zone_summary_of
from lib.views import labels as lb
from lib.views import slides
from lib.views.frames import MapLists
from lib.views.map_state import strategy_choices, strategy_gaps_sentence
from lib.views.map_view import LAYER_ZONES, MapRequest, ranking, ranking_html

# Views a process keeps: each holds its map document (about 100 KB) and its lists (about 40 KB).
VIEW_ENTRIES = 128


@dataclass(frozen=True)
class HomeControls:
    """The strategy picker's options ("" = all) and the sentence under it, for one edition and axis."""

    choices: dict[str, str]
    gaps: str


@dataclass(frozen=True)
class HomeView:
    """What the home page draws for one map view."""

    map_html: str
    # The same document as a file the browser keeps (lib/loaders/map_files.py); None: send it inline.
    map_url: str | None
    legend_html: str
    # Per area, every measure (the selected area's figures are read from it).
    summary: pd.DataFrame
    # The areas from the least to the most covered, shown when no area is selected.
    ranking_html: str
    # The two capped lists under the map and their counts (lib.views.frames.map_lists).
    lists: MapLists


@shared(max_entries=64)
def _home_controls(source: Source, edition: str, axis: int | None) -> HomeControls:
    plan, totals = load_plan(edition), _coverage_tables(source, edition, cov.COUNT_TOUCHED)["strategies"]
    return HomeControls(strategy_choices(plan, axis, totals), strategy_gaps_sentence(plan, axis, totals))


def load_home_controls(edition: str, axis: int | None) -> HomeControls:
    """The strategy picker of the home map for an edition and axis (None: every axis)."""
    return _home_controls(current_source(), edition, axis)


@shared(max_entries=VIEW_ENTRIES)
def _home_view(source: Source, request: MapRequest, asset_urls: tuple[tuple[str, str], ...],
               tiles: bool) -> HomeView:
    from lib.loaders import _map_html  # the package imports this module
    from lib.loaders.map_files import map_file_url

    edition = request.edition or load_catalogue().default
    summary = (zone_summary_of if request.layer == LAYER_ZONES else group_summary_of)(
        source, edition, request.coverage)
    caption = lb.RANKING_CAPTION.format(measure=MEASURE_BY_KEY[request.measure].label.lower())
    map_html = _map_html(source, request, asset_urls, tiles, False)
    return HomeView(map_html=map_html, map_url=map_file_url(map_html),
                    legend_html=slides.legend_html(_legend(source, request)), summary=summary,
                    ranking_html=ranking_html(ranking(summary, request.layer, request.measure), caption),
                    lists=_map_lists(source, edition, request.axis, request.strategy))


def load_home_view(request: MapRequest, asset_urls: tuple[tuple[str, str], ...]) -> HomeView:
    """Everything the home page shows for one map view (`asset_urls`: lib.loaders.map_assets_key())."""
    return _home_view(current_source(), request, asset_urls, basemap_enabled())
