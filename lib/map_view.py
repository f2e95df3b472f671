"""Assemble the coverage map for one view (layer, axis or strategy, metric, selected area)."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import folium
import geopandas as gpd
import pandas as pd

from geo.maps import AreaView, MapTexts, build_coverage_map
from lib import labels as lb
from lib import schema as s
from lib.markers import build_markers

LAYER_ZONES = "zone"
LAYER_TABLES = "tavoli"
LAYERS = (LAYER_ZONES, LAYER_TABLES)
METRICS = (s.COUNT, s.STRATEGIES_COVERED, s.PER_10K)
# Shading ramp when no axis is chosen: a dark blue that reads on the grey of empty areas.
NEUTRAL_RAMP = "#08306b"


@dataclass(frozen=True)
class MapRequest:
    """A map view: which areas, which axis or strategy, which figure shades the areas, what is selected."""

    layer: str = LAYER_ZONES
    axis: int | None = None
    strategy: str | None = None
    metric: str = s.COUNT
    selected: str | None = None


def rows_where(frame: pd.DataFrame, column: str, predicate: Callable[[Any], bool]) -> pd.DataFrame:
    """The rows whose `column` value satisfies `predicate` (an empty frame keeps its columns)."""
    return frame.loc[frame[column].map(predicate).astype(bool)]


def filter_projects(projects_df: pd.DataFrame, axis: int | None, strategy: str | None) -> pd.DataFrame:
    """Projects serving the chosen strategy, or any strategy of the chosen axis, or all."""
    if strategy:
        return rows_where(projects_df, s.STRATEGY_LIST, lambda codes: strategy in codes)
    if axis:
        prefix = f"{axis}."
        return rows_where(projects_df, s.STRATEGY_LIST, lambda codes: any(c.startswith(prefix) for c in codes))
    return projects_df


def projects_in_zone(projects_df: pd.DataFrame, zone_id: int) -> pd.DataFrame:
    """Projects located in a zone, in one of its comuni or at zone level."""
    return rows_where(projects_df, s.ZONE_LIST, lambda zones: zone_id in zones)


def _tooltip(row: pd.Series) -> list[str]:
    return [f"{lb.METRIC_LABELS[s.COUNT]}: {row[s.COUNT]}",
            f"{lb.ZONE_LEVEL_TOOLTIP}: {row[s.ZONE_LEVEL_COUNT]}",
            f"{lb.METRIC_LABELS[s.STRATEGIES_COVERED]}: {row[s.STRATEGIES_COVERED]}",
            f"{lb.METRIC_LABELS[s.PER_10K]}: {row[s.PER_10K]:.2f}".replace(".", ","),
            f"{lb.COLUMN_LABELS[s.POPULATION]}: {row[s.POPULATION]:,}".replace(",", ".")]


def build_area_view(request: MapRequest, summary_df: pd.DataFrame, areas_gdf: gpd.GeoDataFrame) -> AreaView:
    """Per-area values and labels for the chosen layer from its coverage summary."""
    key = s.ZONE_ID if request.layer == LAYER_ZONES else s.TABLE_ID
    rows = summary_df.set_index(key)
    if request.layer == LAYER_ZONES:
        labels = {k: lb.zone_label(int(k)) for k in rows.index}
        short = {k: str(k) for k in rows.index}
    else:
        labels = {k: lb.table_label(k) for k in rows.index}
        short = {k: k for k in rows.index}
    selected = next((k for k in rows.index if str(k) == str(request.selected)), None)
    return AreaView(areas_gdf=areas_gdf, key_column=key, labels=labels, short_labels=short,
                    values=rows[request.metric].to_dict(),
                    tooltip_lines={k: _tooltip(r) for k, r in rows.iterrows()},
                    url_param="zona" if request.layer == LAYER_ZONES else "tavolo", selected=selected)


def build_map(request: MapRequest, projects_df: pd.DataFrame, summary_df: pd.DataFrame,
              comuni_df: pd.DataFrame, strategies_df: pd.DataFrame, areas_gdf: gpd.GeoDataFrame,
              asset_urls: dict[str, str], *, tiles: bool = True) -> folium.Map:
    """The full coverage map for one request; `summary_df` is the coverage summary of its layer, axis and
    strategy (`coverage.zone_summary` or `table_summary`), the same the page shows beside the map."""
    view = build_area_view(request, summary_df, areas_gdf)
    axis_colors = dict(zip(strategies_df[s.AXIS], strategies_df[s.AXIS_COLOR]))
    chosen_axis = request.axis or (int(request.strategy.split(".")[0]) if request.strategy else None)
    ramp = axis_colors[chosen_axis] if chosen_axis else NEUTRAL_RAMP
    shown = filter_projects(projects_df, request.axis, request.strategy)
    markers = build_markers(shown, comuni_df, axis_colors)
    legend_axes = sorted({int(a) for a in shown[s.AXIS]}) if not chosen_axis else [chosen_axis]
    texts = MapTexts(
        legend_title=lb.METRIC_LABELS[request.metric], empty_label=lb.MAP_EMPTY,
        click_hint=lb.MAP_CLICK_HINT[request.layer], attribution=lb.ATTRIBUTION,
        tile_attribution=lb.TILE_ATTRIBUTION, report_label=lb.MAP_REPORT_LINK, report_path=lb.REPORT_PATH,
        marker_legend=[(str(a), axis_colors[a]) for a in legend_axes], note=lb.MAP_MARKER_NOTE)
    return build_coverage_map(view, markers, texts, ramp, asset_urls, tiles=tiles, fit=True)


def build_zone_map(zone_id: int, projects_df: pd.DataFrame, long_df: pd.DataFrame, comuni_df: pd.DataFrame,
                   strategies_df: pd.DataFrame, comuni_gdf: gpd.GeoDataFrame,
                   asset_urls: dict[str, str], *, tiles: bool = True) -> folium.Map:
    """A small map of one zone: its comuni shaded by projects sited there, and those projects' markers."""
    members = comuni_df[comuni_df[s.ZONE_ID] == zone_id]
    areas = comuni_gdf[comuni_gdf[s.ISTAT].isin(members[s.ISTAT])]
    sited = long_df[(long_df[s.ZONE_ID] == zone_id) & long_df[s.ISTAT].notna()]
    counts = sited.groupby(s.ISTAT)[s.PROJECT_ID].nunique().to_dict()
    names = dict(zip(members[s.ISTAT], members[s.NAME]))
    view = AreaView(areas_gdf=areas, key_column=s.ISTAT, labels=names, short_labels={k: "" for k in names},
                    values=counts, url_param="",
                    tooltip_lines={k: [f"{lb.METRIC_LABELS[s.COUNT]}: {counts.get(k, 0)}"] for k in names})
    in_zone = projects_in_zone(projects_df, zone_id)
    axis_colors = dict(zip(strategies_df[s.AXIS], strategies_df[s.AXIS_COLOR]))
    markers = build_markers(in_zone, comuni_df, axis_colors, only_comuni=set(names))
    texts = MapTexts(legend_title="Progetti nel comune", empty_label=lb.MAP_EMPTY, click_hint="",
                     attribution=lb.ATTRIBUTION, tile_attribution=lb.TILE_ATTRIBUTION,
                     report_label=lb.MAP_REPORT_LINK, report_path=lb.REPORT_PATH)
    return build_coverage_map(view, markers, texts, NEUTRAL_RAMP, asset_urls, tiles=tiles, fit=True)
