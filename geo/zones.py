"""Read the built GeoJSON layers (zones, venue groups, comuni) as validated GeoDataFrames in WEB_CRS."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyproj
import shapely

from geo import fields
from geo.crs import WEB_CRS
from geo.territory import GROUP_IDS, ZONE_IDS

_POLYGONAL = ("Polygon", "MultiPolygon")

# Integer properties; everything else listed in the layer's properties is read as text.
_INT_COLUMNS = (fields.ZONE_ID, fields.N_COMUNI, fields.POPULATION)


def normalise_layer(
    gdf: gpd.GeoDataFrame, required: Sequence[str], key: str, label: str
) -> gpd.GeoDataFrame:
    """Validate a polygon layer, reproject it to WEB_CRS and sort it by its unique key.

    Raises:
        TypeError: gdf is not a GeoDataFrame.
        ValueError: columns are missing, the CRS is unknown, keys repeat or a geometry
            is missing, empty, not polygonal or invalid.
    """
    if not isinstance(gdf, gpd.GeoDataFrame):
        raise TypeError(f"{label}: expected a GeoDataFrame, got {type(gdf).__name__}")
    missing = [name for name in required if name not in gdf.columns]
    if missing:
        raise ValueError(f"{label}: missing columns {missing}")
    if gdf.crs is None:
        raise ValueError(f"{label}: no CRS")
    if len(gdf) == 0:
        raise ValueError(f"{label}: no features")
    geoms = gdf.geometry.to_numpy()
    if np.any(shapely.is_missing(geoms)) or np.any(shapely.is_empty(geoms)):
        raise ValueError(f"{label}: missing or empty geometries")
    wrong_types = sorted(set(gdf.geom_type) - set(_POLYGONAL))
    if wrong_types:
        raise ValueError(f"{label}: non-polygonal geometries {wrong_types}")
    invalid = ~shapely.is_valid(geoms)
    if np.any(invalid):
        raise ValueError(f"{label}: invalid geometries for {gdf.loc[invalid, key].tolist()}")
    if gdf[key].duplicated().any():
        raise ValueError(f"{label}: duplicated {key} values")
    out = gdf[list(required) + [gdf.geometry.name]].copy()
    for column in _INT_COLUMNS:
        if column in out.columns:
            out[column] = pd.to_numeric(out[column], errors="raise").astype("int64")
    if not out.crs.equals(pyproj.CRS(WEB_CRS)):
        out = out.to_crs(WEB_CRS)
    return out.sort_values(key, ignore_index=True)


def _check_keys(gdf: gpd.GeoDataFrame, key: str, expected: Sequence[int] | Sequence[str], label: str) -> None:
    """Raise ValueError unless the layer holds exactly the expected keys."""
    found = sorted(gdf[key].tolist())
    if found != sorted(expected):
        raise ValueError(f"{label}: expected {key} values {list(expected)}, got {found}")


def read_zones(path: Path) -> gpd.GeoDataFrame:
    """Read zones.geojson: the 11 Zone omogenee with their totals, sorted by zone_id."""
    zones_gdf = normalise_layer(
        gpd.read_file(path), fields.ZONE_PROPERTIES, fields.ZONE_ID, str(path)
    )
    _check_keys(zones_gdf, fields.ZONE_ID, ZONE_IDS, str(path))
    return zones_gdf


def read_groups(path: Path) -> gpd.GeoDataFrame:
    """Read groups.geojson: the six venue groups A-F, sorted by group_id."""
    groups_gdf = normalise_layer(
        gpd.read_file(path), fields.GROUP_PROPERTIES, fields.GROUP_ID, str(path)
    )
    _check_keys(groups_gdf, fields.GROUP_ID, GROUP_IDS, str(path))
    return groups_gdf


def read_comuni_layer(path: Path) -> gpd.GeoDataFrame:
    """Read comuni.geojson: simplified comune boundaries with istat, name and zone_id."""
    comuni_gdf = normalise_layer(
        gpd.read_file(path), fields.COMUNI_LAYER_PROPERTIES, fields.ISTAT, str(path)
    )
    unknown = sorted(set(comuni_gdf[fields.ZONE_ID]) - set(ZONE_IDS))
    if unknown:
        raise ValueError(f"{path}: unknown zone ids {unknown}")
    return comuni_gdf
