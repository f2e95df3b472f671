"""Column orders of the files that geo/ builds; the names themselves come from lib.schema."""

from __future__ import annotations

from lib.schema import (
    AREA_KM2,
    GROUP_ID,
    ISTAT,
    LAT,
    LIST_SEP,
    LON,
    N_COMUNI,
    NAME,
    POPULATION,
    SUA_LABEL,
    ZONE_ID,
    ZONE_IDS,
)

__all__ = [
    "AREA_KM2", "COMUNI_CSV_COLUMNS", "COMUNI_LAYER_PROPERTIES", "GEOMETRY", "ISTAT", "LAT",
    "LIST_SEP", "LON", "MEMBERSHIP_COLUMNS", "N_COMUNI", "NAME", "POPULATION", "SUA_LABEL",
    "GROUP_ID", "GROUP_PROPERTIES", "ZONE_ID", "ZONE_IDS", "ZONE_PROPERTIES",
]

# Geometry column of the GeoDataFrames (not a CSV column, so not in lib.schema).
GEOMETRY = "geometry"

MEMBERSHIP_COLUMNS = [ISTAT, NAME, ZONE_ID]
COMUNI_CSV_COLUMNS = [ISTAT, NAME, ZONE_ID, GROUP_ID, SUA_LABEL, POPULATION, AREA_KM2, LON, LAT]
ZONE_PROPERTIES = [ZONE_ID, NAME, GROUP_ID, SUA_LABEL, N_COMUNI, POPULATION, AREA_KM2]
GROUP_PROPERTIES = [GROUP_ID, NAME, SUA_LABEL, ZONE_IDS, N_COMUNI, POPULATION, AREA_KM2]
COMUNI_LAYER_PROPERTIES = [ISTAT, NAME, ZONE_ID]
