"""Territorial constants: the Zone omogenee and the co-planning tables of seed 001."""

from __future__ import annotations

from dataclasses import dataclass

# ISTAT province code of Torino; the Città metropolitana has the same territory.
PROVINCE_CODE = 1

# Number of comuni in ISTAT 2023 (after the Mappano, Valchiusa and Val di Chy changes).
N_COMUNI = 312

# Official names of the 11 Zone omogenee (CMTo perimetration of April 2015 and later updates).
ZONE_NAMES: dict[int, str] = {
    1: "Torino",
    2: "AMT Ovest",
    3: "AMT Sud",
    4: "AMT Nord",
    5: "Pinerolese",
    6: "Valli di Susa e Sangone",
    7: "Ciriacese - Valli di Lanzo",
    8: "Canavese occidentale",
    9: "Eporediese",
    10: "Chivassese",
    11: "Chierese - Carmagnolese",
}

ZONE_IDS: tuple[int, ...] = tuple(sorted(ZONE_NAMES))


@dataclass(frozen=True)
class Table:
    """A co-planning table (tavolo) of seed 001: a group of whole zones."""

    table_id: str
    name: str
    sua_label: str
    zone_ids: tuple[int, ...]


# Seed 001 groups the zones into six tables and prints an SUA label beside each one.
TABLES: dict[str, Table] = {
    table.table_id: table
    for table in (
        Table("A", "Torino e area metropolitana", "SUA 12-13-14", (1, 2, 3, 4)),
        Table("B", "Pinerolese", "SUA 7", (5,)),
        Table("C", "Valli Susa e Sangone", "SUA 8", (6,)),
        Table("D", "Canavese occidentale, Ciriacese e Valli di Lanzo", "SUA 9", (7, 8)),
        Table("E", "Eporediese e Chivassese", "SUA 10", (9, 10)),
        Table("F", "Carmagnolese e Chierese", "SUA 11", (11,)),
    )
}

TABLE_IDS: tuple[str, ...] = tuple(sorted(TABLES))

ZONE_TABLE: dict[int, str] = {
    zone_id: table.table_id for table in TABLES.values() for zone_id in table.zone_ids
}


def get_zone_table(zone_id: int) -> Table:
    """Return the co-planning table that a zone belongs to."""
    if zone_id not in ZONE_TABLE:
        raise ValueError(f"unknown zone id: {zone_id!r}")
    return TABLES[ZONE_TABLE[zone_id]]
