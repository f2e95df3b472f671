"""The territory's two domain lists, declared once: the 11 Zone omogenee and the six venue groups A–F."""

from __future__ import annotations

from dataclasses import dataclass

# ISTAT province code of Torino; the Città metropolitana has the same territory.
PROVINCE_CODE = 1

# Number of comuni in ISTAT 2023 (after the Mappano, Valchiusa and Val di Chy changes).
N_COMUNI = 312


@dataclass(frozen=True)
class Zone:
    """A Zona omogenea: its official name and a short label for where space is tight (map, charts)."""

    zone_id: int
    name: str
    short: str


# Official names as the co-planning guide (seed 004) gives them; the short labels shorten "Area
# Metropolitana Torino" to "AMT" and nothing else.
ZONES: dict[int, Zone] = {
    zone.zone_id: zone
    for zone in (
        Zone(1, "Torino Città", "Torino Città"),
        Zone(2, "Area Metropolitana Torino Ovest", "AMT Ovest"),
        Zone(3, "Area Metropolitana Torino Sud", "AMT Sud"),
        Zone(4, "Area Metropolitana Torino Nord", "AMT Nord"),
        Zone(5, "Pinerolese", "Pinerolese"),
        Zone(6, "Valli di Susa e Sangone", "Valli di Susa e Sangone"),
        Zone(7, "Ciriacese-Valli di Lanzo", "Ciriacese-Valli di Lanzo"),
        Zone(8, "Canavese occidentale", "Canavese occidentale"),
        Zone(9, "Eporediese", "Eporediese"),
        Zone(10, "Chivassese", "Chivassese"),
        Zone(11, "Chierese-Carmagnolese", "Chierese-Carmagnolese"),
    )
}
ZONE_NAMES: dict[int, str] = {zone_id: zone.name for zone_id, zone in ZONES.items()}
ZONE_IDS: tuple[int, ...] = tuple(sorted(ZONES))


@dataclass(frozen=True)
class Group:
    """A venue group of the co-planning day: whole zones meeting at one venue.

    Seed 001 ("individuazione sedi") groups the zones following the regional Strategie Urbane d'Area (SUA)
    and prints an SUA label beside each group; seed 004 names each group's venue. Each zone is still a
    working table of its own on the day (seed 004): a group is where tables meet, not a table.
    """

    group_id: str
    name: str
    sua_label: str
    venue: str
    zone_ids: tuple[int, ...]


# Names as seed 001 prints them, with each zone called as in ZONES (seed 001 wrote "Valli Susa e Sangone"
# and "Carmagnolese e Chierese").
GROUPS: dict[str, Group] = {
    group.group_id: group
    for group in (
        Group("A", "Torino e area metropolitana", "SUA 12-13-14", "Città Metropolitana di Torino", (1, 2, 3, 4)),
        Group("B", "Pinerolese", "SUA 7", "Comune di Pinerolo", (5,)),
        Group("C", "Valli di Susa e Sangone", "SUA 8", "Comune di Condove", (6,)),
        Group("D", "Canavese occidentale, Ciriacese e Valli di Lanzo", "SUA 9", "Comune di Ciriè", (7, 8)),
        Group("E", "Eporediese e Chivassese", "SUA 10", "Comune di Strambino", (9, 10)),
        Group("F", "Chierese-Carmagnolese", "SUA 11", "Comune di Riva presso Chieri", (11,)),
    )
}

GROUP_IDS: tuple[str, ...] = tuple(sorted(GROUPS))

ZONE_GROUP: dict[int, str] = {
    zone_id: group.group_id for group in GROUPS.values() for zone_id in group.zone_ids
}


def get_zone_group(zone_id: int) -> Group:
    """Return the venue group that a zone belongs to."""
    if zone_id not in ZONE_GROUP:
        raise ValueError(f"unknown zone id: {zone_id!r}")
    return GROUPS[ZONE_GROUP[zone_id]]
