"""Build the coverage map (a folium.Map); displays nothing."""
from __future__ import annotations

import html
import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import folium
import geopandas as gpd
from branca.element import Element

from geo.map_assets import use_local_assets
from geo.map_layers import AreaLayer, Legend, ProjectMarkers

# In presentation mode these keys change slide (by this many steps), even while the map has the focus.
SLIDE_KEYS = {"ArrowRight": 1, "PageDown": 1, "ArrowLeft": -1, "PageUp": -1}
# On a projector (presentation and plenary) the zone labels and cluster counts are read from the back of the
# room: 20 px at 720p (24 px from 1080p, geo.map_layers' own rule); on a phone-sized map they keep the page's.
PROJECTOR_STYLE = ("<style>@media (min-width: 560px) { .psm-label { font-size: clamp(20px, 3.2vh, 32px) !important; }"
                   " .psm-cluster { font-size: clamp(20px, 3.2vh, 26px) !important; line-height: 30px !important; } }"
                   "</style>")
# folium's viewport (user-scalable=no, maximum-scale=1) and the one the documents get instead.
_FIXED_VIEWPORT = re.compile(r'<meta name="viewport"[^>]*>')
ZOOMABLE_VIEWPORT = '<meta name="viewport" content="width=device-width, initial-scale=1.0" />'
# Metro-area centre and a zoom that shows all of it in a 16:9 frame.
CENTER = (45.07, 7.55)
ZOOM = 9
MIN_ZOOM, MAX_ZOOM = 7, 18
# Colour of areas with no project: neutral grey, with a dashed outline, so gaps read as gaps.
EMPTY_FILL = "#d9d9d9"
N_CLASSES = 5
# Area coordinates in the page are rounded to about 10 m: invisible at the zoom levels of a regional
# map, and 14 KB less to send. Shared borders stay shared, since equal vertices round alike.
COORD_DECIMALS = 4


@dataclass
class AreaView:
    """What to draw for each area (zone or table): key, label, shading value and tooltip lines."""

    areas_gdf: gpd.GeoDataFrame
    key_column: str
    labels: dict[Any, str]
    short_labels: dict[Any, str]
    values: dict[Any, float]
    tooltip_lines: dict[Any, list[str]]
    url_param: str
    selected: Any = None
    # Fill colours given per area (a categorical map); areas not listed, and every area when None, are
    # shaded by their value.
    fill_colors: dict[Any, str] | None = None


@dataclass
class MapTexts:
    """The Italian strings the map shows (kept out of geo/ logic; passed in by the caller)."""

    legend_title: str
    empty_label: str
    click_hint: str
    attribution: str
    tile_attribution: str
    report_label: str = ""
    report_path: str = ""
    # Each project marker's popup links to the project's own page: this label, this path + the project id.
    project_label: str = ""
    project_path: str = ""
    marker_legend: list[tuple[str, str]] = field(default_factory=list)
    note: str = ""
    # A ring marker in the legend (places that are inferred), when the map has such markers.
    ring_label: str = ""
    # How the legend writes a value (the caller's locale); integer measures get whole-number classes.
    format_value: Callable[[float], str] = str
    integer_values: bool = False


def mix(color_a: str, color_b: str, t: float) -> str:
    """Linear mix of two '#rrggbb' colours (t=0 gives a, t=1 gives b)."""
    a = [int(color_a[i:i + 2], 16) for i in (1, 3, 5)]
    b = [int(color_b[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * t):02x}" for x, y in zip(a, b, strict=True))


def class_breaks(values: list[float], n_classes: int = N_CLASSES, integer: bool = False) -> list[float]:
    """Upper bounds of equal-interval classes over the positive values (empty when all are zero).

    For counts (integer=True) the bounds are whole numbers, one class per value when there are few.
    """
    top = max((v for v in values if v > 0), default=0)
    if top <= 0:
        return []
    if not integer:
        return [top * (i + 1) / n_classes for i in range(n_classes)]
    top = math.ceil(top)
    if top <= n_classes:
        return [float(b) for b in range(1, top + 1)]
    return [float(b) for b in sorted({math.ceil(top * (i + 1) / n_classes) for i in range(n_classes)})]


def class_labels(breaks: list[float], integer: bool, format_value: Callable[[float], str]) -> list[str]:
    """One legend label per class: '1', '2–3', '4–8' for counts; '>0 – 0,25', '0,25 – 0,50' otherwise."""
    labels, lower = [], 0.0
    for upper in breaks:
        if integer:
            first = int(lower) + 1
            labels.append(format_value(first) if first == int(upper) else
                          f"{format_value(first)}–{format_value(int(upper))}")
        else:
            labels.append(f"{format_value(lower) if lower else '>0'} – {format_value(upper)}")
        lower = upper
    return labels


def shade(value: float, breaks: list[float], ramp_color: str) -> str:
    """Fill colour for a value: grey for zero, else a step from a light tint to the ramp colour."""
    if value <= 0 or not breaks:
        return EMPTY_FILL
    step = next((i for i, b in enumerate(breaks) if value <= b + 1e-9), len(breaks) - 1)
    return mix("#ffffff", ramp_color, 0.25 + 0.75 * step / max(1, len(breaks) - 1))


def _round_coords(geometry: Any) -> Any:
    import shapely

    return shapely.set_precision(geometry, 10 ** -COORD_DECIMALS, mode="pointwise")


def _area_payload(view: AreaView, breaks: list[float], ramp_color: str) -> dict[str, Any]:
    features = []
    labels = []
    for row in view.areas_gdf.itertuples(index=False):
        key = getattr(row, view.key_column)
        value = float(view.values.get(key, 0))
        selected = key == view.selected
        fill = (view.fill_colors or {}).get(key) or shade(value, breaks, ramp_color)
        features.append({
            "type": "Feature",
            "geometry": _round_coords(row.geometry).__geo_interface__,
            "properties": {
                "key": str(key), "label": view.labels[key], "lines": view.tooltip_lines.get(key, []),
                "style": {"fillColor": fill, "fillOpacity": 0.75,
                          "color": "#000" if selected else "#444", "weight": 4 if selected else 1.2,
                          "dashArray": "5 4" if value <= 0 else None},
            },
        })
        point = row.geometry.representative_point()
        labels.append({"lat": round(point.y, 4), "lon": round(point.x, 4), "text": view.short_labels[key]})
    return {"geojson": {"type": "FeatureCollection", "features": features}, "labels": labels}


@dataclass
class MarkerSet:
    """Markers in a compact form: field labels once, then one row per marker.

    Each point is [lat, lon, colour, title, values (one per label), project id or None, radius, inferred],
    where inferred is 1 when the project's place is inferred rather than stated by its source.
    """

    labels: list[str]
    points: list[list[Any]]
    note: str = ""


def key_forwarder(keys: list[str]) -> Element:
    """A script for the top of the map document's head: these keys go to the frame around the map (the slides)
    from the moment the document starts loading, not only once its scripts have run, so a key pressed while a
    new slide's map loads is not lost."""
    return Element("<script>document.addEventListener('keydown', function (ev) {"
                   f" if ({json.dumps(keys)}.indexOf(ev.key) >= 0 && window.parent !== window) {{"
                   " ev.preventDefault(); window.parent.postMessage({type: 'psm:key', key: ev.key}, '*'); }"
                   " }, true);</script>")


def build_coverage_map(view: AreaView, markers: MarkerSet, texts: MapTexts, ramp_color: str,
                       asset_urls: dict[str, str], *, tiles: bool = True, fit: bool = False, legend: bool = True,
                       keyboard: bool = True) -> folium.Map:
    """Choropleth of the areas, clustered project markers, legend and attribution, assets served locally.

    Args:
        view: areas and the value that shades each of them.
        markers: the project markers (see MarkerSet).
        texts: the strings to show.
        ramp_color: the darkest colour of the shading ramp (the axis colour when one axis is chosen).
        asset_urls: where Leaflet and markercluster are served (see geo.map_assets).
        tiles: add the OpenStreetMap base layer (the map stays readable without it).
        fit: zoom to the areas instead of the whole metro view (for a single-zone map).
        legend: draw the legend and the data attribution on the map; without, the caller shows them beside it
            (`legend_items`), so nothing covers the areas.
        keyboard: let the arrow keys pan the map (off in presentation mode, where they change slide, and its
            labels are sized for a projector).
    """
    # maxZoom on the map itself: marker clustering needs it, and without tiles nothing else sets it.
    # Zoom and scale controls are added by AreaLayer, in Italian and metric only.
    fmap = folium.Map(location=CENTER, zoom_start=ZOOM, tiles=None, control_scale=False, zoom_control=False,
                      zoom_snap=0.25,
                      prefer_canvas=False, maxZoom=MAX_ZOOM, minZoom=MIN_ZOOM, keyboard=keyboard)
    if not keyboard:
        root = fmap.get_root()
        root.header.add_child(  # type: ignore[attr-defined]  # a Map's root is a Figure, typed Element
            key_forwarder(list(SLIDE_KEYS)), name="psm_slide_keys")
        root.header.add_child(Element(PROJECTOR_STYLE), name="psm_projector_style")  # type: ignore[attr-defined]
    if tiles:
        folium.TileLayer("OpenStreetMap", attr=texts.tile_attribution, max_zoom=MAX_ZOOM).add_to(fmap)
    breaks = class_breaks(list(view.values.values()), integer=texts.integer_values)
    area = _area_payload(view, breaks, ramp_color)
    area.update(param=view.url_param, clickHint=texts.click_hint, attribution=texts.attribution if legend else "",
                fit=fit)
    AreaLayer(area).add_to(fmap)
    if markers.points:
        ProjectMarkers(_marker_payload(markers, texts)).add_to(fmap)
    if legend:
        Legend(legend_items(view, texts, ramp_color, rings=any(p[7] for p in markers.points))).add_to(fmap)
    return fmap


def legend_items(view: AreaView, texts: MapTexts, ramp_color: str, rings: bool = False) -> dict[str, Any]:
    """The legend as data (title, swatches, note), for the map's own legend or one drawn beside it."""
    breaks = class_breaks(list(view.values.values()), integer=texts.integer_values)
    items = [{"color": EMPTY_FILL, "label": texts.empty_label, "dashed": True}]
    items += [{"color": shade(upper, breaks, ramp_color), "label": label}
              for upper, label in zip(breaks, class_labels(breaks, texts.integer_values, texts.format_value),
                                      strict=True)]
    items += [{"color": color, "label": label, "dot": True} for label, color in texts.marker_legend]
    if rings and texts.ring_label:
        items.append({"color": "#ffffff", "label": texts.ring_label, "ring": True})
    return {"title": texts.legend_title, "items": items, "note": texts.note}


def _marker_payload(markers: MarkerSet, texts: MapTexts) -> dict[str, Any]:
    """Markers as sent to the page: colours as indexes into a palette, points rounded to about 10 m."""
    palette = sorted({p[2] for p in markers.points})
    index = {color: i for i, color in enumerate(palette)}
    points = [[round(p[0], 4), round(p[1], 4), index[p[2]], *p[3:]] for p in markers.points]
    return {"labels": markers.labels, "points": points, "palette": palette, "note": markers.note,
            "reportLabel": texts.report_label, "reportPath": texts.report_path,
            "projectLabel": texts.project_label, "projectPath": texts.project_path}


def render_map_html(fmap: folium.Map, asset_urls: dict[str, str], title: str) -> str:
    """The map as one Italian HTML document (lang, title) whose scripts and styles load from `asset_urls`, and
    which the reader may zoom (folium's viewport forbids it, against WCAG 1.4.4)."""
    use_local_assets(fmap, asset_urls)
    root = fmap.get_root()
    root.title = html.escape(title)  # type: ignore[attr-defined]  # a Figure, typed Element; escaped: branca won't
    page = root.render().replace("<html>", '<html lang="it">', 1)
    return _FIXED_VIEWPORT.sub(ZOOMABLE_VIEWPORT, page, count=1)
