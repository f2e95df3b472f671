"""The map is built offline, escapes every text it shows, and aggregates markers at scale."""
from __future__ import annotations

import json
import re

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import box

from geo.map_assets import LEAFLET_DIR, MARKERCLUSTER_DIR, use_local_assets
from geo.maps import (
    EMPTY_FILL,
    SLIDE_KEYS,
    ZOOMABLE_VIEWPORT,
    AreaView,
    MapTexts,
    MarkerSet,
    build_coverage_map,
    class_breaks,
    class_labels,
    render_map_html,
    shade,
)
from lib import schema as s
from lib.views import labels as lb
from lib.views.markers import POPUP_COLUMNS, build_markers, project_fields

NO_MARKERS = MarkerSet([], [])
URLS = {"leaflet": "/assets/leaflet/", "markercluster": "/assets/mc/"}
EVIL = '<script>alert(1)</script><img src=x onerror=alert(2)>'
TEXTS = MapTexts(legend_title="Numero di progetti", empty_label="0 – nessun progetto", click_hint="Clic",
                 attribution="ISTAT 2023", tile_attribution="OSM", report_label="Segnala",
                 report_path="/report?progetto=")


def areas() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({s.ZONE_ID: [1, 2]}, geometry=[box(7.0, 45.0, 7.5, 45.5), box(7.5, 45.0, 8.0, 45.5)],
                            crs="EPSG:4326")


def view(**changes: object) -> AreaView:
    base = dict(areas_gdf=areas(), key_column=s.ZONE_ID, labels={1: "Zona 1 – Torino", 2: "Zona 2 – AMT Ovest"},
                short_labels={1: "1", 2: "2"}, values={1: 3, 2: 0}, tooltip_lines={1: ["Progetti: 3"]},
                url_param="zona", selected=1)
    base.update(changes)
    return AreaView(**base)


def area_payload(html: str) -> dict:
    """The JSON data the area layer script received (the first `var data = {...};` of the page)."""
    return json.loads(re.search(r"var data = (\{.*?\});\n", html, re.S).group(1))


def test_map_loads_only_local_assets_and_shows_zones_and_labels() -> None:
    fmap = build_coverage_map(view(), NO_MARKERS, TEXTS, "#0072B2", URLS, tiles=False)
    html = render_map_html(fmap, URLS, "Mappa")
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources and all(src.startswith(("/assets/leaflet/", "/assets/mc/")) for src in sources)
    assert "cdn" not in html and "jquery" not in html.lower() and "bootstrap" not in html.lower()
    data = area_payload(html)
    assert [f["properties"]["label"] for f in data["geojson"]["features"]] == ["Zona 1 – Torino",
                                                                               "Zona 2 – AMT Ovest"]
    assert [lab["text"] for lab in data["labels"]] == ["1", "2"] and data["attribution"] == "ISTAT 2023"
    assert "openstreetmap" not in html.lower()
    assert (LEAFLET_DIR / "leaflet.js").exists() and (MARKERCLUSTER_DIR / "leaflet.markercluster.js").exists()


def test_a_presented_map_hands_the_slide_keys_on_before_any_other_script_loads() -> None:
    html = render_map_html(build_coverage_map(view(), NO_MARKERS, TEXTS, "#0072B2", URLS, tiles=False,
                                              keyboard=False), URLS, "Mappa")
    head = html[:html.index("</head>")]
    scripts = re.findall(r"<script[^>]*>", head)
    assert scripts[0] == "<script>" and "psm:key" in head.split("</script>")[0]  # before leaflet.js
    assert all(f'"{key}"' in head for key in SLIDE_KEYS)
    page_map = build_coverage_map(view(), NO_MARKERS, TEXTS, "#0072B2", URLS, tiles=False)
    assert "psm:key" not in render_map_html(page_map, URLS, "Mappa")  # a page's map keeps its keys


def test_a_map_document_is_italian_titled_and_zoomable() -> None:
    html = render_map_html(build_coverage_map(view(), NO_MARKERS, TEXTS, "#0072B2", URLS, tiles=False), URLS,
                           "Mappa della zona <1>")
    assert html.count('<html lang="it">') == 1 and "<title>Mappa della zona &lt;1&gt;</title>" in html
    viewports = re.findall(r'<meta name="viewport"[^>]*>', html)
    assert viewports == [ZOOMABLE_VIEWPORT]  # WCAG 1.4.4: no user-scalable=no, no maximum-scale


def test_empty_area_is_grey_and_dashed_and_selected_area_is_outlined() -> None:
    html = render_map_html(build_coverage_map(view(), NO_MARKERS, TEXTS, "#0072B2", URLS, tiles=False), URLS, "Mappa")
    features = area_payload(html)["geojson"]["features"]
    style = {f["properties"]["key"]: f["properties"]["style"] for f in features}
    assert style["2"]["fillColor"] == EMPTY_FILL and style["2"]["dashArray"]
    assert style["1"]["fillColor"] != EMPTY_FILL and style["1"]["weight"] > style["2"]["weight"]


@pytest.mark.parametrize("hostile", [EVIL, "javascript:alert(1)", "</script><script>alert(3)</script>"])
def test_hostile_text_never_reaches_the_page_as_markup(hostile: str) -> None:
    marker = MarkerSet(["Promotore"], [[45.1, 7.6, "#000000", hostile, [hostile], "P001", 9, 0]])
    html = render_map_html(build_coverage_map(view(labels={1: hostile, 2: "x"}), marker, TEXTS, "#000000",
                                              URLS, tiles=False), URLS, "Mappa")
    assert "<script>alert" not in html and "<img src=x" not in html and "</script><script>" not in html
    assert "innerHTML" not in html
    # The text is still there, as JSON-escaped data that the page puts into the DOM with textContent.
    assert "\\u003cscript\\u003ealert" in html or "javascript:alert(1)" in html


def test_report_link_is_built_from_the_id_only() -> None:
    marker = MarkerSet([], [[45.1, 7.6, "#000000", "t", [], "P001", 9, 0]])
    html = render_map_html(build_coverage_map(view(), marker, TEXTS, "#000000", URLS, tiles=False), URLS, "Mappa")
    assert "encodeURIComponent(p[5])" in html and "a.target = '_blank'" in html


def test_class_breaks_and_shading() -> None:
    assert class_breaks([0, 0]) == []
    assert class_breaks([0, 5, 10], n_classes=5) == [2.0, 4.0, 6.0, 8.0, 10.0]
    # Counts get whole-number classes: one per value when there are few, never "0,2 – 0,4".
    assert class_breaks([0, 1], integer=True) == [1.0]
    assert class_breaks([0, 3], integer=True) == [1.0, 2.0, 3.0]
    assert class_breaks([0, 12], integer=True) == [3.0, 5.0, 8.0, 10.0, 12.0]
    assert class_labels([1.0, 2.0, 4.0], True, str) == ["1", "2", "3–4"]
    assert shade(0, [1.0], "#0072b2") == EMPTY_FILL
    assert shade(10, class_breaks([10]), "#0072b2") == "#0072b2"


def _projects(n: int) -> pd.DataFrame:
    return pd.DataFrame({
        s.PROJECT_ID: [f"P{i:03d}" for i in range(n)], s.TITLE: [f"Progetto {i}" for i in range(n)],
        s.AXIS: [1 + i % 6 for i in range(n)], s.STRATEGIES: ["1.1"] * n, s.PROMOTER: [""] * n,
        s.SOURCE: ["Fonte"] * n, s.PRECISION: [s.PRECISION_COMUNE] * n, s.REPORTING_ZONE: [""] * n,
        s.LOCATION_BASIS: [s.BASIS_INFERRED if i % 3 == 0 else s.BASIS_SOURCE for i in range(n)],
        s.LOCATION_NOTE: ["Nota"] * n, s.SOURCE_QUOTE: [""] * n, s.EDITOR_NOTE: [""] * n,
        s.COMUNE_CODES: [["001", "002"] if i % 2 else ["001"] for i in range(n)],
        s.ZONE_LIST: [[1] for _ in range(n)],
    })


COMUNI = pd.DataFrame({s.ISTAT: ["001", "002"], s.NAME: ["Uno", "Due"], s.LAT: [45.0, 45.1], s.LON: [7.0, 7.1]})
COLOURS = {a: f"#00000{a}" for a in range(1, 7)}


def test_markers_one_per_project_and_comune_below_the_threshold() -> None:
    markers = build_markers(_projects(10), COMUNI, COLOURS)
    assert len(markers.points) == 15 and {p[5] for p in markers.points} == {f"P{i:03d}" for i in range(10)}
    assert dict(zip(markers.labels, markers.points[0][4], strict=True))["Comuni"] == "Uno"
    # Inferred places are drawn as rings, and their popup says so.
    rings = {p[5] for p in markers.points if p[7]}
    assert rings == {"P000", "P003", "P006", "P009"}
    assert dict(zip(markers.labels, markers.points[0][4], strict=True))["Base della posizione"] == "posizione dedotta"


def test_a_popup_shows_one_text_for_each_of_its_columns_under_that_columns_label() -> None:
    # A row with every popup column filled, each with its own text: the popup must show them all, in order,
    # each under its own label (a column listed without its text would vanish or shift the others).
    row = _projects(1).iloc[0].copy()
    row[s.STRATEGIES], row[s.PROMOTER], row[s.REPORTING_ZONE] = "1.1;2.3", "Promotore P", "Zona Z"
    row[s.SOURCE_QUOTE], row[s.EDITOR_NOTE], row[s.REPORTED] = "Citazione C", "Nota N", True
    expected = {s.STRATEGIES: "1.1, 2.3", s.PROMOTER: "Promotore P", s.COMUNI: "Uno", s.ZONES: "1",
                s.REPORTING_ZONE: "Zona Z", s.PRECISION: "nei comuni indicati", s.LOCATION_BASIS: "posizione dedotta",
                s.LOCATION_NOTE: "Nota", s.SOURCE: "Fonte", s.SOURCE_QUOTE: "Citazione C", s.EDITOR_NOTE: "Nota N",
                s.REPORTED: lb.REPORTED_FLAG}
    fields = project_fields(row, {"001": "Uno", "002": "Due"})
    assert len(fields) == len(POPUP_COLUMNS) and all(fields)
    assert dict(zip(POPUP_COLUMNS, fields, strict=True)) == {c: expected.get(c, "") for c in POPUP_COLUMNS}
    assert set(POPUP_COLUMNS) == set(expected)
    marker = build_markers(_projects(1), COMUNI, COLOURS)
    assert marker.labels == [lb.COLUMN_LABELS[c] for c in POPUP_COLUMNS]
    assert all(len(p[4]) == len(marker.labels) for p in marker.points)


def test_markers_aggregate_per_comune_above_the_threshold() -> None:
    markers = build_markers(_projects(3000), COMUNI, COLOURS, max_markers=1500)
    by_title = {p[3]: p for p in markers.points}
    assert set(by_title) == {"Uno: 3.000 progetti", "Due: 1.500 progetti"}
    assert by_title["Uno: 3.000 progetti"][5] is None and markers.labels == ["Progetti per asse"]
    assert by_title["Uno: 3.000 progetti"][4] == ["1: 500, 2: 500, 3: 500, 4: 500, 5: 500, 6: 500"]


def test_use_local_assets_drops_unused_cdn_resources() -> None:
    import folium

    fmap = use_local_assets(folium.Map(tiles=None), URLS)
    assert fmap.default_js == [("leaflet", "/assets/leaflet/leaflet.js")]
    assert fmap.default_css == [("leaflet_css", "/assets/leaflet/leaflet.css")]
