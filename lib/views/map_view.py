"""The coverage map as drawn: its areas shaded, the ranking beside it, the projects it shows, its legend; and the
zone page's map. The view itself (URL, widgets) is lib.views.map_state."""
from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

import folium
import geopandas as gpd
import pandas as pd

from geo.maps import AreaView, MapTexts, MarkerSet, build_coverage_map, legend_items
from lib import schema as s
from lib.analysis.measures import MEASURE_BY_KEY, MEASURES
from lib.plan.catalogue import Plan
from lib.views import fmt
from lib.views import labels as lb
from lib.views.map_state import (  # noqa: F401  (re-exported: the view's names were here first)
    LAYER_GROUPS,
    LAYER_ZONES,
    LAYERS,
    Layer,
    MapRequest,
    map_request_params,
    parse_edition,
    parse_map_request,
    request_from_state,
    request_state,
    strategy_choices,
)
from lib.views.markers import build_markers

# Shading ramp when no axis is chosen: a dark blue that reads on the grey of empty areas.
NEUTRAL_RAMP = "#08306b"


def ranking(summary_df: pd.DataFrame, layer: str, measure: str) -> pd.DataFrame:
    """Areas from the least to the most covered by a measure, named (short names) with the values formatted."""
    spec, area = MEASURE_BY_KEY[measure], LAYERS[layer]
    ordered = summary_df.sort_values([measure, area.area_column])
    names = [lb.zone_label(int(a), short=True) if layer == LAYER_ZONES else f"Gruppo {a}"
             for a in ordered[area.area_column]]
    return pd.DataFrame({"Area": names, spec.short_label: [fmt.number(v, spec.decimals) for v in ordered[measure]]})


def ranking_html(ranking_df: pd.DataFrame, caption: str) -> str:
    """The ranking as a compact two-column table (every text escaped), narrow enough for a side column."""
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in ranking_df.columns)
    rows = "".join("<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in row) + "</tr>"
                   for row in ranking_df.itertuples(index=False))
    return (f'<table class="psm-ranking"><caption>{html.escape(caption)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")


def rows_where(frame: pd.DataFrame, column: str, predicate: Callable[[Any], bool]) -> pd.DataFrame:
    """The rows whose `column` value satisfies `predicate` (an empty frame keeps its columns)."""
    return frame.loc[frame[column].map(predicate).astype(bool)]


def filter_projects(projects_df: pd.DataFrame, plan: Plan, axis: int | None, strategy: str | None) -> pd.DataFrame:
    """The plan's projects serving the chosen strategy, or any strategy of the chosen axis, or all."""
    mine = projects_df[projects_df[s.PLAN_EDITION] == plan.edition.key]
    if strategy:
        return rows_where(mine, s.STRATEGY_LIST, lambda codes: strategy in codes)
    if axis:
        of_axis = {code for code, a in plan.strategy_axis().items() if a == axis}
        return rows_where(mine, s.STRATEGY_LIST, lambda codes: bool(of_axis & set(codes)))
    return mine


def projects_in_zone(projects_df: pd.DataFrame, zone_id: int) -> pd.DataFrame:
    """Projects placed in a zone, in one of its comuni or at zone level."""
    return rows_where(projects_df, s.ZONE_LIST, lambda zones: zone_id in zones)


def projects_without_marker(zone_id: int, plan: Plan, projects_df: pd.DataFrame,
                            comuni_df: pd.DataFrame) -> pd.DataFrame:
    """The zone's projects its small map has no dot for: not placed in one of the zone's comuni (known only at zone
    level), the same rule as the markers' (build_markers with only_comuni)."""
    members = set(comuni_df.loc[comuni_df[s.ZONE_ID] == zone_id, s.ISTAT])
    in_zone = projects_in_zone(projects_df[projects_df[s.PLAN_EDITION] == plan.edition.key], zone_id)
    dotted = (in_zone[s.PRECISION] == s.PRECISION_COMUNE) & in_zone[s.COMUNE_CODES].map(
        lambda codes: bool(members & set(codes))).astype(bool)
    return in_zone[~dotted]


def tooltip_lines(row: pd.Series) -> list[str]:
    """What hovering an area says: every measure, then how many are zone-level or inferred, and people."""
    lines = [f"{m.label}: {fmt.number(row[m.key], m.decimals)}" for m in MEASURES]
    lines.insert(1, f"{lb.ZONE_LEVEL_TOOLTIP}: {fmt.number(row[s.ZONE_LEVEL_COUNT])}")
    lines.insert(2, f"{lb.INFERRED_TOOLTIP}: {fmt.number(row[s.INFERRED_COUNT])}")
    return [*lines, f"{lb.COLUMN_LABELS[s.POPULATION]}: {fmt.number(row[s.POPULATION])}"]


def build_area_view(request: MapRequest, summary_df: pd.DataFrame, areas_gdf: gpd.GeoDataFrame) -> AreaView:
    """Per-area values and labels for the chosen layer from its coverage summary."""
    spec = LAYERS[request.layer]
    rows = summary_df.set_index(spec.area_column)
    selected = next((k for k in rows.index if str(k) == str(request.selected)), None)
    return AreaView(areas_gdf=areas_gdf, key_column=spec.area_column,
                    labels={k: spec.area_label(k) for k in rows.index}, short_labels={k: str(k) for k in rows.index},
                    values=rows[request.measure].to_dict(),
                    tooltip_lines={k: tooltip_lines(r) for k, r in rows.iterrows()},
                    url_param=spec.param.name, selected=selected)


def map_texts(measure: str, plan: Plan, legend_axes: list[int], **extra: Any) -> MapTexts:
    """The Italian texts of a coverage map for one measure."""
    spec = MEASURE_BY_KEY[measure]
    colors = plan.axis_colors()
    texts: dict[str, Any] = dict(
        legend_title=spec.label, empty_label=lb.MAP_EMPTY, click_hint=lb.MAP_CLICK_HINT,
        attribution=lb.ATTRIBUTION, tile_attribution=lb.TILE_ATTRIBUTION, report_label=lb.MAP_REPORT_LINK,
        report_path=lb.REPORT_PATH, project_label=lb.MAP_PROJECT_LINK, project_path=lb.PROJECT_PATH,
        marker_legend=[(f"Asse {a}", colors[a]) for a in legend_axes],
        note=lb.MAP_MARKER_NOTE, ring_label=lb.INFERRED_MARK,
        format_value=lambda v: fmt.number(v, spec.decimals if v != int(v) else 0),
        integer_values=spec.decimals == 0)
    return MapTexts(**{**texts, **extra})


def build_map(request: MapRequest, plan: Plan, projects_df: pd.DataFrame, summary_df: pd.DataFrame,
              comuni_df: pd.DataFrame, areas_gdf: gpd.GeoDataFrame, asset_urls: dict[str, str], *,
              tiles: bool = True, legend: bool = True, keyboard: bool = True) -> folium.Map:
    """The full coverage map for one request; `summary_df` is the coverage summary of its layer and filter
    (`coverage.zone_summary` or `group_summary`), the same the page shows beside the map."""
    view = build_area_view(request, summary_df, areas_gdf)
    colors = plan.axis_colors()
    ramp = colors[request.axis] if request.axis else NEUTRAL_RAMP
    shown = filter_projects(projects_df, plan, request.axis, request.strategy)
    markers = build_markers(shown, comuni_df, colors)
    legend_axes = [request.axis] if request.axis else sorted({int(a) for a in shown[s.AXIS]})
    return build_coverage_map(view, markers, map_texts(request.measure, plan, legend_axes), ramp, asset_urls,
                              tiles=tiles, fit=True, legend=legend, keyboard=keyboard)


def map_legend(request: MapRequest, plan: Plan, projects_df: pd.DataFrame, summary_df: pd.DataFrame,
               areas_gdf: gpd.GeoDataFrame) -> dict[str, Any]:
    """The legend of a map view as data, for drawing it beside the map (presentation mode)."""
    shown = filter_projects(projects_df, plan, request.axis, request.strategy)
    legend_axes = [request.axis] if request.axis else sorted({int(a) for a in shown[s.AXIS]})
    rings = bool((shown[s.PRECISION] == s.PRECISION_COMUNE).any() and
                 (shown.loc[shown[s.PRECISION] == s.PRECISION_COMUNE, s.LOCATION_BASIS] == s.BASIS_INFERRED).any())
    ramp = plan.axis_colors()[request.axis] if request.axis else NEUTRAL_RAMP
    return legend_items(build_area_view(request, summary_df, areas_gdf), map_texts(request.measure, plan, legend_axes),
                        ramp, rings=rings)


def _zone_map_parts(zone_id: int, plan: Plan, projects_df: pd.DataFrame, long_df: pd.DataFrame,
                    comuni_df: pd.DataFrame, comuni_gdf: gpd.GeoDataFrame) -> tuple[AreaView, MarkerSet, MapTexts]:
    """A zone's comuni shaded by projects sited there, those projects' markers, and the texts."""
    members = comuni_df[comuni_df[s.ZONE_ID] == zone_id]
    areas = comuni_gdf[comuni_gdf[s.ISTAT].isin(members[s.ISTAT])]
    sited = long_df[(long_df[s.ZONE_ID] == zone_id) & long_df[s.ISTAT].notna()]
    counts = sited.groupby(s.ISTAT)[s.PROJECT_ID].nunique().to_dict()
    names = dict(zip(members[s.ISTAT], members[s.NAME], strict=True))
    view = AreaView(areas_gdf=areas, key_column=s.ISTAT, labels=names, short_labels={k: "" for k in names},
                    values=counts, url_param="",
                    tooltip_lines={k: [lb.projects_count(counts.get(k, 0))] for k in names})
    in_zone = projects_in_zone(projects_df[projects_df[s.PLAN_EDITION] == plan.edition.key], zone_id)
    markers = build_markers(in_zone, comuni_df, plan.axis_colors(), only_comuni=set(names))
    texts = map_texts(s.COUNT, plan, [], legend_title="Progetti nel comune", click_hint="")
    return view, markers, texts


def build_zone_map(zone_id: int, plan: Plan, projects_df: pd.DataFrame, long_df: pd.DataFrame,
                   comuni_df: pd.DataFrame, comuni_gdf: gpd.GeoDataFrame, asset_urls: dict[str, str], *,
                   tiles: bool = True) -> folium.Map:
    """A small map of one zone: its comuni shaded by projects sited there, and those projects' markers. Its
    legend is drawn below it (zone_map_legend)."""
    view, markers, texts = _zone_map_parts(zone_id, plan, projects_df, long_df, comuni_df, comuni_gdf)
    return build_coverage_map(view, markers, texts, NEUTRAL_RAMP, asset_urls, tiles=tiles, fit=True, legend=False)


def zone_map_legend(zone_id: int, plan: Plan, projects_df: pd.DataFrame, long_df: pd.DataFrame,
                    comuni_df: pd.DataFrame, comuni_gdf: gpd.GeoDataFrame) -> dict[str, Any]:
    """The legend of a zone's small map, as data."""
    view, markers, texts = _zone_map_parts(zone_id, plan, projects_df, long_df, comuni_df, comuni_gdf)
    return legend_items(view, texts, NEUTRAL_RAMP, rings=any(p[7] for p in markers.points))

