"""Build data/comuni.csv and the zone, venue-group and comuni GeoJSON layers: `python -m geo.build`."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd

from geo import fields
from geo.crs import METRIC_CRS, WEB_CRS
from geo.geojson import write_feature_collection
from geo.sources import check_membership, load_istat_comuni, read_membership
from geo.territory import GROUP_IDS, GROUPS, ZONE_IDS, ZONE_NAMES, get_zone_group
from geo.tiling import clean_tiling, dissolve_tiling, simplify_tiling, to_web_tiling

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
MEMBERSHIP_PATH = DATA_DIR / "zone_membership.csv"

COMUNI_CSV = "comuni.csv"
ZONES_GEOJSON = "zones.geojson"
GROUPS_GEOJSON = "groups.geojson"
COMUNI_GEOJSON = "comuni.geojson"
BUILT_FILES = (COMUNI_CSV, ZONES_GEOJSON, GROUPS_GEOJSON, COMUNI_GEOJSON)

# Visvalingam-Whyatt tolerance (about the square root of the triangle areas removed). 50 m is
# below one screen pixel at metro-wide zoom and keeps zones.geojson ~70 KB, comuni.geojson ~300 KB.
SIMPLIFY_TOLERANCE_M = 50.0

# 5 decimals of a degree are about 1 m here, far below the tolerance: rounding adds no visible error.
COORD_DECIMALS = 5
POINT_DECIMALS = 5
AREA_DECIMALS = 3

SQ_M_PER_SQ_KM = 1_000_000

_TOTAL_COLUMNS = (fields.N_COMUNI, fields.POPULATION, fields.AREA_KM2)


@dataclass(frozen=True)
class Layers:
    """The built layers, all in WEB_CRS with simplified geometry."""

    comuni: gpd.GeoDataFrame
    zones: gpd.GeoDataFrame
    groups: gpd.GeoDataFrame


def prepare_comuni(membership_path: Path = MEMBERSHIP_PATH) -> gpd.GeoDataFrame:
    """Return the ISTAT comuni (full boundaries, WEB_CRS) joined to zone, venue group and SUA label."""
    comuni_gdf = load_istat_comuni()
    membership_df = read_membership(membership_path)
    check_membership(comuni_gdf, membership_df)
    comuni_gdf = comuni_gdf.merge(
        membership_df[[fields.ISTAT, fields.ZONE_ID]], on=fields.ISTAT, how="left", validate="1:1"
    )
    groups = [get_zone_group(zone_id) for zone_id in comuni_gdf[fields.ZONE_ID]]
    comuni_gdf[fields.GROUP_ID] = [group.group_id for group in groups]
    comuni_gdf[fields.SUA_LABEL] = [group.sua_label for group in groups]
    comuni_gdf[fields.AREA_KM2] = comuni_gdf.geometry.to_crs(METRIC_CRS).area / SQ_M_PER_SQ_KM
    columns = [fields.ISTAT, fields.NAME, fields.ZONE_ID, fields.GROUP_ID, fields.SUA_LABEL,
               fields.POPULATION, fields.AREA_KM2, fields.GEOMETRY]
    return comuni_gdf[columns].sort_values(fields.ISTAT, ignore_index=True)


def compute_comuni_frame(comuni_gdf: gpd.GeoDataFrame) -> pd.DataFrame:
    """Return the comuni.csv frame, numbers already formatted as fixed-precision text."""
    points = comuni_gdf.geometry.representative_point()
    comuni_df = pd.DataFrame(
        {
            fields.ISTAT: comuni_gdf[fields.ISTAT],
            fields.NAME: comuni_gdf[fields.NAME],
            fields.ZONE_ID: comuni_gdf[fields.ZONE_ID],
            fields.GROUP_ID: comuni_gdf[fields.GROUP_ID],
            fields.SUA_LABEL: comuni_gdf[fields.SUA_LABEL],
            fields.POPULATION: comuni_gdf[fields.POPULATION],
            fields.AREA_KM2: comuni_gdf[fields.AREA_KM2].map(lambda v: f"{v:.{AREA_DECIMALS}f}"),
            fields.LON: points.x.map(lambda v: f"{v:.{POINT_DECIMALS}f}"),
            fields.LAT: points.y.map(lambda v: f"{v:.{POINT_DECIMALS}f}"),
        }
    )
    return comuni_df[fields.COMUNI_CSV_COLUMNS]


def _sum_by(comuni_gdf: gpd.GeoDataFrame, key: str) -> pd.DataFrame:
    """Return n_comuni, population and area_km2 (unsimplified, rounded) per value of key."""
    totals = comuni_gdf.groupby(key).agg(
        **{
            fields.N_COMUNI: (fields.ISTAT, "size"),
            fields.POPULATION: (fields.POPULATION, "sum"),
            fields.AREA_KM2: (fields.AREA_KM2, "sum"),
        }
    )
    totals[fields.AREA_KM2] = totals[fields.AREA_KM2].round(AREA_DECIMALS)
    return totals


def build_layers(
    comuni_gdf: gpd.GeoDataFrame, tolerance_m: float = SIMPLIFY_TOLERANCE_M
) -> Layers:
    """Simplify the comuni as one tiling and dissolve it into zones, then zones into venue groups."""
    metric = comuni_gdf.geometry.to_crs(METRIC_CRS).to_numpy()
    simplified = simplify_tiling(clean_tiling(metric), tolerance_m)
    comuni_geoms = to_web_tiling(simplified, COORD_DECIMALS)
    # Zones and groups are unions of the same rounded edges, so all three layers nest exactly.
    zone_geoms = dissolve_tiling(comuni_geoms, comuni_gdf[fields.ZONE_ID].tolist(), ZONE_IDS)
    zone_groups = [get_zone_group(zone_id).group_id for zone_id in ZONE_IDS]
    group_geoms = dissolve_tiling(zone_geoms, zone_groups, GROUP_IDS)

    comuni_layer = gpd.GeoDataFrame(
        comuni_gdf[fields.COMUNI_LAYER_PROPERTIES].copy(), geometry=comuni_geoms, crs=WEB_CRS
    )

    zone_totals = _sum_by(comuni_gdf, fields.ZONE_ID).reindex(list(ZONE_IDS))
    zones = gpd.GeoDataFrame(
        {
            fields.ZONE_ID: list(ZONE_IDS),
            fields.NAME: [ZONE_NAMES[zone_id] for zone_id in ZONE_IDS],
            fields.GROUP_ID: zone_groups,
            fields.SUA_LABEL: [get_zone_group(zone_id).sua_label for zone_id in ZONE_IDS],
            **{col: zone_totals[col].to_numpy() for col in _TOTAL_COLUMNS},
        },
        geometry=zone_geoms,
        crs=WEB_CRS,
    )

    group_totals = _sum_by(comuni_gdf, fields.GROUP_ID).reindex(list(GROUP_IDS))
    groups = gpd.GeoDataFrame(
        {
            fields.GROUP_ID: list(GROUP_IDS),
            fields.NAME: [GROUPS[group_id].name for group_id in GROUP_IDS],
            fields.SUA_LABEL: [GROUPS[group_id].sua_label for group_id in GROUP_IDS],
            fields.ZONE_IDS: [
                fields.LIST_SEP.join(str(z) for z in GROUPS[group_id].zone_ids)
                for group_id in GROUP_IDS
            ],
            **{col: group_totals[col].to_numpy() for col in _TOTAL_COLUMNS},
        },
        geometry=group_geoms,
        crs=WEB_CRS,
    )
    return Layers(comuni=comuni_layer, zones=zones, groups=groups)


def build(
    out_dir: Path = DATA_DIR,
    membership_path: Path = MEMBERSHIP_PATH,
    tolerance_m: float = SIMPLIFY_TOLERANCE_M,
) -> list[Path]:
    """Build every derived file into out_dir and return their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    comuni_gdf = prepare_comuni(membership_path)
    layers = build_layers(comuni_gdf, tolerance_m)

    csv_path = out_dir / COMUNI_CSV
    compute_comuni_frame(comuni_gdf).to_csv(
        csv_path, index=False, encoding="utf-8", lineterminator="\n"
    )
    return [
        csv_path,
        write_feature_collection(
            layers.zones, out_dir / ZONES_GEOJSON, fields.ZONE_PROPERTIES, COORD_DECIMALS
        ),
        write_feature_collection(
            layers.groups, out_dir / GROUPS_GEOJSON, fields.GROUP_PROPERTIES, COORD_DECIMALS
        ),
        write_feature_collection(
            layers.comuni, out_dir / COMUNI_GEOJSON, fields.COMUNI_LAYER_PROPERTIES, COORD_DECIMALS
        ),
    ]


def main(argv: list[str] | None = None) -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out-dir", type=Path, default=DATA_DIR, help="default: data/")
    parser.add_argument("--membership", type=Path, default=MEMBERSHIP_PATH, help="membership CSV")
    parser.add_argument("--tolerance", type=float, default=SIMPLIFY_TOLERANCE_M, help="metres")
    args = parser.parse_args(argv)
    for path in build(args.out_dir, args.membership, args.tolerance):
        print(f"{path}  {path.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
