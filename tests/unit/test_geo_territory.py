"""Tests for the territorial constants in geo.territory."""

from __future__ import annotations

import pytest

from geo.territory import TABLE_IDS, TABLES, ZONE_IDS, ZONE_NAMES, ZONE_TABLE, get_zone_table


def test_zone_ids_are_one_to_eleven() -> None:
    assert ZONE_IDS == tuple(range(1, 12))


def test_every_zone_is_in_exactly_one_table() -> None:
    listed = [zone_id for table in TABLES.values() for zone_id in table.zone_ids]
    assert sorted(listed) == list(ZONE_IDS)


@pytest.mark.parametrize(
    ("table_id", "zone_ids", "sua_label", "name"),
    [
        ("A", (1, 2, 3, 4), "SUA 12-13-14", "Torino e area metropolitana"),
        ("B", (5,), "SUA 7", "Pinerolese"),
        ("C", (6,), "SUA 8", "Valli Susa e Sangone"),
        ("D", (7, 8), "SUA 9", "Canavese occidentale, Ciriacese e Valli di Lanzo"),
        ("E", (9, 10), "SUA 10", "Eporediese e Chivassese"),
        ("F", (11,), "SUA 11", "Carmagnolese e Chierese"),
    ],
)
def test_tables_match_seed_001(
    table_id: str, zone_ids: tuple[int, ...], sua_label: str, name: str
) -> None:
    table = TABLES[table_id]
    assert (table.table_id, table.zone_ids, table.sua_label, table.name) == (
        table_id, zone_ids, sua_label, name,
    )
    for zone_id in zone_ids:
        assert ZONE_TABLE[zone_id] == table_id
        assert get_zone_table(zone_id) is table


@pytest.mark.parametrize(
    ("zone_id", "name"),
    [(1, "Torino"), (2, "AMT Ovest"), (5, "Pinerolese"), (7, "Ciriacese - Valli di Lanzo"),
     (11, "Chierese - Carmagnolese")],
)
def test_zone_names(zone_id: int, name: str) -> None:
    assert ZONE_NAMES[zone_id] == name


def test_table_ids_sorted() -> None:
    assert TABLE_IDS == ("A", "B", "C", "D", "E", "F")


@pytest.mark.parametrize("zone_id", [0, 12, "1"])
def test_get_zone_table_rejects_unknown_zone(zone_id: object) -> None:
    with pytest.raises(ValueError, match="unknown zone id"):
        get_zone_table(zone_id)  # type: ignore[arg-type]
