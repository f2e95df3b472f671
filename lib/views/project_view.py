"""A project's own page: its fields in the monitoring report's words, where it is, and its small map."""
from __future__ import annotations

import html
from dataclasses import dataclass

import folium
import geopandas as gpd
import pandas as pd

from geo.maps import AreaView, build_coverage_map
from lib import schema as s
from lib.plan.catalogue import Plan
from lib.views import labels as lb
from lib.views.map_view import map_texts
from lib.views.markers import build_markers


@dataclass(frozen=True)
class ProjectCard:
    """What a project's page says, as plain text (escaped where it is drawn)."""

    project_id: str
    title: str
    description: str
    edition: str
    fields: tuple[tuple[str, str], ...]
    precision: str
    inferred: bool
    location_note: str
    reported: bool


def strategy_lines(codes: list[str], plan: Plan) -> list[str]:
    """'1.3 – Title (Asse 1 – Title)' for each strategy code; a code the plan does not know stays as written."""
    titles, axis_of, axis_titles = plan.strategy_titles(), plan.strategy_axis(), plan.axis_titles()
    return [f"{lb.strategy_label(c, titles[c])} ({lb.axis_label(axis_of[c], axis_titles[axis_of[c]])})"
            if c in titles else c for c in codes]


def project_card(row: pd.Series, plan: Plan, categories_df: pd.DataFrame, quantities: dict[str, str]) -> ProjectCard:
    """The fields of one displayed registry row (registry file plus approved reports), labelled in Italian."""
    category_labels = dict(zip(categories_df[s.CATEGORY], categories_df[s.CATEGORY_LABEL], strict=True))
    zones = [lb.zone_label(z) for z in row[s.ZONE_LIST]]
    inferred = row[s.LOCATION_BASIS] == s.BASIS_INFERRED
    fields = [
        (lb.COLUMN_LABELS[s.STRATEGIES], "; ".join(strategy_lines(list(row[s.STRATEGY_LIST]), plan))),
        (lb.COLUMN_LABELS[s.CATEGORY], category_labels.get(row[s.CATEGORY], row[s.CATEGORY])),
        (lb.COLUMN_LABELS[s.ZONES], "; ".join(zones)),
        (lb.COLUMN_LABELS[s.COMUNI], row[s.COMUNI].replace(s.LIST_SEP, ", ")),
        (lb.COLUMN_LABELS[s.REPORTING_ZONE], row[s.REPORTING_ZONE]),
        (lb.COLUMN_LABELS[s.PRECISION], lb.PRECISION_LABELS[row[s.PRECISION]]),
        (lb.COLUMN_LABELS[s.LOCATION_BASIS], lb.BASIS_LABELS[row[s.LOCATION_BASIS]]),
        (lb.COLUMN_LABELS[s.LOCATION_NOTE], row[s.LOCATION_NOTE]),
        (lb.COLUMN_LABELS[s.PROMOTER], row[s.PROMOTER]),
        (lb.COLUMN_LABELS["quantities"], quantities.get(row[s.PROJECT_ID], "")),
        (lb.COLUMN_LABELS[s.SOURCE], row[s.SOURCE]),
        (lb.COLUMN_LABELS[s.SOURCE_QUOTE], f"«{row[s.SOURCE_QUOTE]}»" if row[s.SOURCE_QUOTE] else ""),
        (lb.COLUMN_LABELS[s.EDITOR_NOTE], row[s.EDITOR_NOTE]),
    ]
    return ProjectCard(project_id=row[s.PROJECT_ID], title=row[s.TITLE], description=row[s.DESCRIPTION],
                       edition=plan.edition.label, fields=tuple((k, str(v)) for k, v in fields if v),
                       precision=lb.PRECISION_LABELS[row[s.PRECISION]], inferred=inferred,
                       location_note=row[s.LOCATION_NOTE], reported=bool(row.get(s.REPORTED)))


def card_html(card: ProjectCard) -> str:
    """The card's fields as a definition list, every text escaped (registry text is data, never markup)."""
    items = "".join(f"<dt>{html.escape(label)}</dt><dd>{html.escape(value)}</dd>" for label, value in card.fields)
    return f'<dl class="psm-project">{items}</dl>'


def build_project_map(row: pd.Series, plan: Plan, comuni_df: pd.DataFrame, zones_gdf: gpd.GeoDataFrame,
                      asset_urls: dict[str, str], *, tiles: bool = True) -> folium.Map | None:
    """The project on a small map as on the home map: its zones shaded in its axis colour, a marker in each of
    its comuni (a ring when the place is inferred); None when it has no zone (metro-wide or not placed)."""
    zone_ids = [int(z) for z in row[s.ZONE_LIST]]
    if not zone_ids or row[s.PRECISION] not in s.PLACED:
        return None
    areas = zones_gdf[zones_gdf[s.ZONE_ID].isin(zone_ids)]
    view = AreaView(areas_gdf=areas, key_column=s.ZONE_ID, labels={z: lb.zone_label(z) for z in zone_ids},
                    short_labels={z: str(z) for z in zone_ids}, values={z: 1 for z in zone_ids}, url_param="",
                    tooltip_lines={})
    axis = int(row[s.AXIS])
    markers = build_markers(row.to_frame().T, comuni_df, plan.axis_colors())
    texts = map_texts(s.COUNT, plan, [axis], legend_title=lb.PROJECT_MAP_LEGEND, click_hint="")
    return build_coverage_map(view, markers, texts, plan.axis_colors()[axis], asset_urls, tiles=tiles, fit=True,
                              legend=False)
