"""Tilings of the territory: polygons that cover it without gaps or overlaps (GIS and shapely call this a
"coverage"; here that word means strategy coverage only). Clean, simplify, round and dissolve them."""

from __future__ import annotations

from collections.abc import Sequence

import geopandas as gpd
import numpy as np
import shapely

from geo.crs import METRIC_CRS, WEB_CRS

# The ISTAT boundaries carry sub-metre overlaps and gaps (e.g. a 0.09 m² triple overlap at
# Barbania/Busano/Vauda Canavese). Gaps narrower than this are merged into a neighbour; the real
# hole in Villafranca Piemonte (an exclave of Barge, province of Cuneo, ~700 m wide) is kept.
GAP_WIDTH_M = 1.0

# Fixed node snapping distance, so cleaning does not depend on GEOS' automatic choice.
SNAP_DISTANCE_M = 0.01


def check_tiling(geoms: np.ndarray, label: str) -> None:
    """Raise ValueError unless geoms are valid, non-empty polygons forming an edge-matched tiling."""
    if not np.all(shapely.is_valid(geoms)):
        invalid = [shapely.is_valid_reason(g) for g in geoms if not shapely.is_valid(g)]
        raise ValueError(f"{label}: invalid geometries: {invalid[:5]}")
    if np.any(shapely.is_empty(geoms)):
        raise ValueError(f"{label}: empty geometries")
    if not shapely.coverage_is_valid(geoms):
        raise ValueError(f"{label}: polygons overlap or shared edges do not match")


def clean_tiling(geoms: np.ndarray) -> np.ndarray:
    """Return metric-CRS polygons with slivers and overlaps removed and shared edges made identical."""
    cleaned = shapely.coverage_clean(
        geoms, gap_width=GAP_WIDTH_M, snapping_distance=SNAP_DISTANCE_M
    )
    check_tiling(cleaned, "cleaned tiling")
    return cleaned


def simplify_tiling(geoms: np.ndarray, tolerance_m: float) -> np.ndarray:
    """Return a coverage-simplified copy (Visvalingam-Whyatt, tolerance in metres) keeping shared edges."""
    simplified = shapely.coverage_simplify(geoms, tolerance_m)
    check_tiling(simplified, f"tiling simplified at {tolerance_m} m")
    return simplified


def to_web_tiling(geoms: np.ndarray, decimals: int) -> np.ndarray:
    """Reproject a metric tiling to WEB_CRS, round coordinates and orient rings per RFC 7946."""
    web = gpd.GeoSeries(geoms, crs=METRIC_CRS).to_crs(WEB_CRS).to_numpy()
    # A shared vertex rounds to the same value on both sides, so edges stay matched.
    rounded = shapely.transform(web, lambda coords: np.round(coords, decimals))
    rounded = shapely.remove_repeated_points(rounded)
    oriented = shapely.orient_polygons(rounded, exterior_cw=False)
    check_tiling(oriented, f"tiling rounded to {decimals} decimals")
    return oriented


def dissolve_tiling(
    geoms: np.ndarray, keys: Sequence[object], order: Sequence[object]
) -> np.ndarray:
    """Union the tiling's polygons of each key in order; no vertex is moved or added."""
    keys_arr = np.asarray(keys, dtype=object)
    parts = []
    for key in order:
        members = geoms[keys_arr == key]
        if len(members) == 0:
            raise ValueError(f"no polygon has key {key!r}")
        parts.append(shapely.coverage_union_all(members))
    dissolved = shapely.orient_polygons(np.array(parts, dtype=object), exterior_cw=False)
    check_tiling(dissolved, "dissolved tiling")
    return dissolved
