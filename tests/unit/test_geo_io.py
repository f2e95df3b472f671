"""Unit tests for geo input/output helpers on tiny in-memory data."""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import MultiPolygon, Point, Polygon, box

from geo import fields
from geo.geojson import format_feature_collection
from geo.sources import check_membership, format_istat, read_membership
from geo.tiling import check_tiling, clean_tiling, dissolve_tiling
from geo.zones import normalise_layer, read_zones

ZONE_ROW = {
    fields.ZONE_ID: 1, fields.NAME: "Torino", fields.GROUP_ID: "A",
    fields.SUA_LABEL: "SUA 12-13-14", fields.N_COMUNI: 1, fields.POPULATION: 10,
    fields.AREA_KM2: 1.5,
}


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(("code", "expected"), [(1272, "001272"), (1001, "001001"), ("1316", "001316")])
def test_format_istat(code: int | str, expected: str) -> None:
    assert format_istat(code) == expected  # type: ignore[arg-type]


def test_read_membership_keeps_the_comune_named_none(tmp_path: Path) -> None:
    path = _write(tmp_path, "m.csv", "istat,name,zone_id\n001272,Torino,1\n001168,None,3\n")
    membership_df = read_membership(path)
    expected = pd.DataFrame(
        {fields.ISTAT: ["001168", "001272"], fields.NAME: ["None", "Torino"], fields.ZONE_ID: [3, 1]}
    )
    pd.testing.assert_frame_equal(membership_df, expected, check_dtype=False)
    assert membership_df[fields.ZONE_ID].dtype == "int64"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("istat,comune,zona\n001272,Torino,1\n", "expected columns"),
        ("istat,name,zone_id\n1272,Torino,1\n", "malformed istat"),
        ("istat,name,zone_id\n001272,Torino,1\n001272,Torino,1\n", "duplicated"),
        ("istat,name,zone_id\n001272,Torino,12\n", "unknown zone"),
    ],
)
def test_read_membership_rejects_bad_tables(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        read_membership(_write(tmp_path, "m.csv", text))


def test_check_membership_reports_differences() -> None:
    comuni_gdf = gpd.GeoDataFrame(
        {fields.ISTAT: ["001001", "001002"], fields.NAME: ["Agliè", "Airasca"]},
        geometry=[box(0, 0, 1, 1), box(1, 0, 2, 1)], crs="EPSG:4326",
    )
    ok_df = pd.DataFrame({fields.ISTAT: ["001001", "001002"], fields.NAME: ["Agliè", "Airasca"]})
    check_membership(comuni_gdf, ok_df)
    bad_df = pd.DataFrame({fields.ISTAT: ["001001", "001003"], fields.NAME: ["Aglie", "X"]})
    with pytest.raises(ValueError, match="001002.*001003.*Aglie"):
        check_membership(comuni_gdf, bad_df)


def test_clean_and_dissolve_tiling_removes_overlap() -> None:
    # The second square overlaps the first by 0.1 m: cleaning assigns the strip to one of them.
    geoms = gpd.GeoSeries([box(0, 0, 10, 10), box(9.9, 0, 20, 10)]).to_numpy()
    cleaned = clean_tiling(geoms)
    assert sum(g.area for g in cleaned) == pytest.approx(200.0)
    dissolved = dissolve_tiling(cleaned, ["a", "a"], ["a"])
    assert dissolved[0].equals(box(0, 0, 20, 10))
    assert dissolved[0].exterior.is_ccw


def test_check_tiling_rejects_overlaps() -> None:
    geoms = gpd.GeoSeries([box(0, 0, 10, 10), box(5, 0, 20, 10)]).to_numpy()
    with pytest.raises(ValueError, match="overlap"):
        check_tiling(geoms, "test")


def test_dissolve_tiling_rejects_missing_key() -> None:
    geoms = gpd.GeoSeries([box(0, 0, 1, 1)]).to_numpy()
    with pytest.raises(ValueError, match="no polygon has key"):
        dissolve_tiling(geoms, [1], [1, 2])


def test_format_feature_collection_is_rfc7946_and_stable() -> None:
    gdf = gpd.GeoDataFrame(
        {"b": ["Agliè"], "a": [1]},
        geometry=[Polygon([(7.123456789, 45.0), (7.2, 45.0), (7.2, 45.1)])], crs="EPSG:4326",
    )
    text = format_feature_collection(gdf, ["a", "b"], decimals=5)
    assert text == format_feature_collection(gdf, ["a", "b"], decimals=5)
    collection = json.loads(text)
    assert list(collection) == ["type", "features"]
    feature = collection["features"][0]
    assert list(feature["properties"]) == ["a", "b"]
    assert feature["properties"]["b"] == "Agliè"
    assert feature["geometry"]["coordinates"][0][0] == [7.12346, 45.0]
    assert "Agliè" in text


@pytest.mark.parametrize(
    ("geometry", "crs", "error"),
    [
        (box(7, 45, 8, 46), "EPSG:32632", ValueError),
        (Point(7, 45), "EPSG:4326", TypeError),
    ],
)
def test_format_feature_collection_rejects_bad_input(
    geometry: object, crs: str, error: type[Exception]
) -> None:
    gdf = gpd.GeoDataFrame({"a": [1]}, geometry=[geometry], crs=crs)
    with pytest.raises(error):
        format_feature_collection(gdf, ["a"], decimals=5)


def test_normalise_layer_reprojects_and_sorts() -> None:
    gdf = gpd.GeoDataFrame(
        [{**ZONE_ROW, fields.ZONE_ID: 2}, ZONE_ROW],
        geometry=[
            box(400_000, 5_000_000, 401_000, 5_001_000),
            box(390_000, 5_000_000, 391_000, 5_001_000),
        ],
        crs="EPSG:32632",
    )
    out = normalise_layer(gdf, fields.ZONE_PROPERTIES, fields.ZONE_ID, "test")
    assert out.crs.to_epsg() == 4326
    assert out[fields.ZONE_ID].tolist() == [1, 2]
    # Zone 1 is the western square: easting 390.5 km in UTM 32N is about 7.607 E.
    assert out.geometry.iloc[0].centroid.x == pytest.approx(7.607, abs=0.001)


@pytest.mark.parametrize(
    ("geometry", "crs", "drop", "message"),
    [
        (Polygon([(0, 0), (1, 1), (1, 0), (0, 1)]), "EPSG:4326", None, "invalid"),
        (Point(0, 0), "EPSG:4326", None, "non-polygonal"),
        (Polygon(), "EPSG:4326", None, "empty"),
        (box(0, 0, 1, 1), None, None, "no CRS"),
        (box(0, 0, 1, 1), "EPSG:4326", fields.POPULATION, "missing columns"),
    ],
)
def test_normalise_layer_rejects_bad_layers(
    geometry: object, crs: str | None, drop: str | None, message: str
) -> None:
    gdf = gpd.GeoDataFrame([ZONE_ROW], geometry=[geometry], crs=crs)
    if drop:
        gdf = gdf.drop(columns=drop)
    with pytest.raises(ValueError, match=message):
        normalise_layer(gdf, fields.ZONE_PROPERTIES, fields.ZONE_ID, "test")


def test_normalise_layer_rejects_plain_frames() -> None:
    with pytest.raises(TypeError):
        frame = pd.DataFrame([ZONE_ROW])
        normalise_layer(frame, fields.ZONE_PROPERTIES, fields.ZONE_ID, "test")  # type: ignore[arg-type]


def test_read_zones_requires_all_eleven_zones(tmp_path: Path) -> None:
    gdf = gpd.GeoDataFrame(
        [ZONE_ROW], geometry=[MultiPolygon([box(7, 45, 7.1, 45.1)])], crs="EPSG:4326"
    )
    path = tmp_path / "zones.geojson"
    path.write_text(format_feature_collection(gdf, fields.ZONE_PROPERTIES, 5), encoding="utf-8")
    with pytest.raises(ValueError, match="expected zone_id values"):
        read_zones(path)
