"""Deterministic RFC 7946 GeoJSON writer (stable key order, fixed precision, one feature per line)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import geopandas as gpd
import numpy as np
import pyproj
import shapely

from geo.crs import WEB_CRS


def _plain_value(value: object) -> object:
    """Return a JSON-native scalar (numpy scalars become int, float or str)."""
    if isinstance(value, np.generic):
        return value.item()
    return value


def _round_coords(coords: object, decimals: int) -> object:
    """Round every number of a nested coordinate sequence."""
    if isinstance(coords, (tuple, list)) and coords and isinstance(coords[0], (int, float)):
        return [round(float(c), decimals) for c in coords]
    if not isinstance(coords, (tuple, list)):
        raise TypeError(f"not a coordinate sequence: {coords!r}")
    return [_round_coords(c, decimals) for c in coords]


def _geometry_dict(geom: shapely.Geometry, decimals: int) -> dict[str, object]:
    """Return the GeoJSON geometry member of one polygonal shape."""
    if geom.geom_type not in ("Polygon", "MultiPolygon"):
        raise TypeError(f"only polygons can be written, got {geom.geom_type}")
    mapping = shapely.geometry.mapping(geom)
    return {"type": mapping["type"], "coordinates": _round_coords(mapping["coordinates"], decimals)}


def format_feature_collection(
    gdf: gpd.GeoDataFrame, properties: Sequence[str], decimals: int
) -> str:
    """Return gdf as GeoJSON text: properties in the given order, rows in frame order, no crs member."""
    if gdf.crs is None or not gdf.crs.equals(pyproj.CRS(WEB_CRS)):
        raise ValueError(f"GeoJSON must be written in {WEB_CRS}, got {gdf.crs}")
    missing = [name for name in properties if name not in gdf.columns]
    if missing:
        raise ValueError(f"missing properties: {missing}")
    lines = []
    for row in gdf.itertuples(index=False):
        row_dict = row._asdict()
        feature = {
            "type": "Feature",
            "properties": {name: _plain_value(row_dict[name]) for name in properties},
            "geometry": _geometry_dict(row_dict[gdf.geometry.name], decimals),
        }
        lines.append(json.dumps(feature, ensure_ascii=False, separators=(",", ":")))
    return '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"


def write_feature_collection(
    gdf: gpd.GeoDataFrame, path: Path, properties: Sequence[str], decimals: int
) -> Path:
    """Write gdf to path as deterministic UTF-8 GeoJSON and return the path."""
    text = format_feature_collection(gdf, properties, decimals)
    path.write_text(text, encoding="utf-8", newline="\n")
    return path
