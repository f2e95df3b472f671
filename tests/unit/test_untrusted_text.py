"""Untrusted text on the map: project titles, promoters and area labels are data, never template source."""
from __future__ import annotations

import json
import re

import geopandas as gpd
import pytest
from shapely.geometry import box

from geo.maps import AreaView, MapTexts, MarkerSet, build_coverage_map, render_map_html
from lib import schema as s
from tests import payloads

URLS = {"leaflet": "/assets/leaflet/", "markercluster": "/assets/mc/"}


def _texts(title: str) -> MapTexts:
    return MapTexts(legend_title=title, empty_label="0", click_hint=title, attribution=title,
                    tile_attribution="OSM", report_label="Segnala", report_path="/report?progetto=",
                    marker_legend=[(title, "#000000")], note=title)


def _view(label: str) -> AreaView:
    areas = gpd.GeoDataFrame({s.ZONE_ID: [1]}, geometry=[box(7.0, 45.0, 7.5, 45.5)], crs="EPSG:4326")
    return AreaView(areas_gdf=areas, key_column=s.ZONE_ID, labels={1: label}, short_labels={1: label},
                    values={1: 1}, tooltip_lines={1: [label]}, url_param="zona")


def _payloads(html: str) -> list[dict]:
    """Every `var data = {...};` JSON the page's scripts receive."""
    return [json.loads(m) for m in re.findall(r"var data = (\{.*?\});\n", html, re.S)]


@pytest.mark.parametrize("text", payloads.ALL)
def test_map_text_reaches_the_page_as_literal_json(text: str) -> None:
    markers = MarkerSet(["Promotore"], [[45.1, 7.2, "#000000", text, [text], "P001", 9, 0]])
    html = render_map_html(build_coverage_map(_view(text), markers, _texts(text), "#000000", URLS,
                                              tiles=False), URLS, "Mappa")
    area, points, legend = _payloads(html)
    assert area["geojson"]["features"][0]["properties"]["label"] == text
    assert area["labels"][0]["text"] == text and area["attribution"] == text
    assert points["points"][0][3] == text and points["points"][0][4] == [text]
    assert legend["title"] == text and legend["note"] == text
    for evaluated in payloads.EVALUATED:
        assert evaluated not in html
    assert "<script>window" not in html and "<img src=x" not in html


def test_a_clumsy_title_does_not_break_rendering() -> None:
    """`{#` opens a Jinja comment: rendered as template source it raised TemplateSyntaxError."""
    markers = MarkerSet(["Promotore"], [[45.1, 7.2, "#000000", payloads.JINJA_COMMENT, [""], "P001", 9, 1]])
    html = render_map_html(build_coverage_map(_view("1"), markers, _texts("t"), "#000000", URLS,
                                              tiles=False), URLS, "Mappa")
    assert _payloads(html)[1]["points"][0][3] == "Lotto {#2 ciclabile"
