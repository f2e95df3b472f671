"""Every place that names a project links to its page (/project?progetto=…): popups, tables, search."""
from __future__ import annotations

import ast
import json
import re

import pandas as pd

from geo.maps import render_map_html
from geo.zones import read_comuni_layer, read_zones
from lib import schema as s
from lib.analysis import coverage as cov
from lib.analysis.joins import build_long_form
from lib.plan.catalogue import read_catalogue
from lib.registry.read import read_registry
from lib.registry.references import read_categories, read_comuni, read_references
from lib.views import labels as lb
from lib.views import params as p
from lib.views.frames import project_display, with_project_links
from lib.views.map_view import MapRequest, build_map, build_zone_map, map_texts
from lib.views.project_view import build_project_map, card_html, project_card
from tests.ui.conftest import ROOT

PLAN = read_catalogue().plan()
REGISTRY = read_registry(s.PROJECTS_CSV, read_references()).valid
URLS = {"leaflet": "/a/", "markercluster": "/b/"}


def marker_payload(html: str) -> dict:
    """The JSON the marker layer received (the `var data` that has points)."""
    found = [json.loads(m) for m in re.findall(r"var data = (\{.*?\});\n", html, re.S)]
    return next(d for d in found if "points" in d and "projectPath" in d)


def test_the_project_path_uses_the_declared_parameter_and_the_registered_page() -> None:
    assert f"/project?{p.PROJECT.name}=" == lb.PROJECT_PATH and lb.project_link("P012") == "/project?progetto=P012"
    assert lb.project_link("P0 &x") == "/project?progetto=P0%20%26x"
    tree = ast.parse((ROOT / "dashboard.py").read_text(encoding="utf-8"))
    pages = {n.args[0].value: {k.arg: getattr(k.value, "value", None) for k in n.keywords}
             for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, "attr", "") == "Page"}
    assert pages["pages/project.py"]["url_path"] == "project"


def test_every_popup_of_every_map_carries_the_project_link() -> None:
    comuni, zones = read_comuni(), read_zones(s.ZONES_GEOJSON)
    long_df = build_long_form(REGISTRY, PLAN.strategies, comuni)
    home = build_map(MapRequest(), PLAN, REGISTRY, cov.zone_summary(long_df, comuni), comuni, zones, URLS,
                     tiles=False)
    zone = build_zone_map(1, PLAN, REGISTRY, long_df, comuni, read_comuni_layer(s.COMUNI_GEOJSON), URLS, tiles=False)
    row = REGISTRY.set_index(s.PROJECT_ID, drop=False).loc["P012"]
    own = build_project_map(row, PLAN, comuni, zones, URLS, tiles=False)
    for fmap in (home, zone, own):
        html = render_map_html(fmap, URLS, "Mappa")
        data = marker_payload(html)
        assert data["projectPath"] == lb.PROJECT_PATH and data["projectLabel"] == lb.MAP_PROJECT_LINK
        assert data["points"] and all(re.fullmatch(s.PROJECT_ID_PATTERN, point[5]) for point in data["points"])
        # The popup script appends, for every marker with a project id, a link to projectPath + that id.
        assert "[[data.projectLabel, data.projectPath]" in html and "link[1] + encodeURIComponent(p[5])" in html


def test_the_home_map_texts_name_the_project_page() -> None:
    texts = map_texts(s.COUNT, PLAN, [])
    assert texts.project_path == lb.PROJECT_PATH and texts.report_path == lb.REPORT_PATH


def test_project_lists_get_a_link_column_per_row() -> None:
    shown = project_display(REGISTRY.head(3), read_categories())
    linked = with_project_links(shown, correction=True)
    assert list(linked.columns[:2]) == [lb.PROJECT_LINK_COLUMN, lb.CORRECTION_LINK_COLUMN]
    assert list(linked[lb.PROJECT_LINK_COLUMN]) == [f"/project?progetto={i}" for i in shown["ID"]]
    assert list(linked[lb.CORRECTION_LINK_COLUMN]) == [f"/report?progetto={i}" for i in shown["ID"]]
    pd.testing.assert_frame_equal(linked[list(shown.columns)], shown)


def test_the_card_escapes_registry_text() -> None:
    row = REGISTRY.iloc[0].copy()
    row[s.PROMOTER] = '"><img src=x onerror=alert(1)>{{7*7}}'
    html = card_html(project_card(row, PLAN, read_categories(), {}))
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;{{7*7}}" in html
