"""Leaflet and Leaflet.markercluster served by the app itself, from pip-installed XStatic packages.

folium points every map at public CDNs. Venue networks are unreliable and this project's machines have no
internet, so maps are rewritten to load these files from wherever the app serves the two package folders.
"""
from __future__ import annotations

from pathlib import Path

import folium
import xstatic.pkg.leaflet as xs_leaflet
import xstatic.pkg.leaflet_markercluster as xs_markercluster

LEAFLET_DIR = Path(xs_leaflet.BASE_DIR)
# The project's own frame page that wraps a map and reports clicks to Streamlit.
MAP_FRAME_DIR = Path(__file__).resolve().parent / "map_frame"
MARKERCLUSTER_DIR = Path(xs_markercluster.BASE_DIR)

# folium resource name -> (package folder key, file). Resources not listed (jQuery, Bootstrap,
# awesome-markers, Font Awesome) are not used by this project's maps and are dropped.
_JS = {"leaflet": ("leaflet", "leaflet.js"), "markerclusterjs": ("markercluster", "leaflet.markercluster.js")}
_CSS = {"leaflet_css": ("leaflet", "leaflet.css"), "markerclustercss": ("markercluster", "MarkerCluster.css"),
        "markerclusterdefaultcss": ("markercluster", "MarkerCluster.Default.css")}


def asset_dirs() -> dict[str, Path]:
    """The folders to serve, by the key used in the base URLs passed to `use_local_assets`."""
    return {"leaflet": LEAFLET_DIR, "markercluster": MARKERCLUSTER_DIR}


def use_local_assets(fmap: folium.Map, base_urls: dict[str, str]) -> folium.Map:
    """Point every JS/CSS resource of the map's elements at `base_urls[key] + file`; drop unused ones.

    Args:
        fmap: the map, with all its layers already added.
        base_urls: for each key of `asset_dirs()`, the URL prefix (ending in '/') where that folder is served.
    """
    def rewrite(resources: list[tuple[str, str]], table: dict[str, tuple[str, str]]) -> list[tuple[str, str]]:
        return [(name, base_urls[table[name][0]] + table[name][1]) for name, _ in resources if name in table]

    for element in [fmap, *_descendants(fmap)]:
        if hasattr(element, "default_js"):
            element.default_js = rewrite(element.default_js, _JS)
        if hasattr(element, "default_css"):
            element.default_css = rewrite(element.default_css, _CSS)
    return fmap


def _descendants(element: folium.Element) -> list[folium.Element]:
    found = []
    for child in element._children.values():
        found.append(child)
        found.extend(_descendants(child))
    return found
