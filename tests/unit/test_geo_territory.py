"""The territory's declarations in geo.territory, pinned to the seeds' words."""

from __future__ import annotations

import pytest

from geo.territory import GROUP_IDS, GROUPS, ZONE_GROUP, ZONE_IDS, ZONE_NAMES, ZONES, get_zone_group


def test_zone_ids_are_one_to_eleven() -> None:
    assert tuple(range(1, 12)) == ZONE_IDS


def test_every_zone_is_in_exactly_one_group() -> None:
    listed = [zone_id for group in GROUPS.values() for zone_id in group.zone_ids]
    assert sorted(listed) == list(ZONE_IDS)


# Seed 001 ("individuazione sedi"): "C. Valli Susa e Sangone (Zona 6)" … "F. Carmagnolese e Chierese (Zona 11)",
# with "SUA 12-13-14" … "SUA 11" beside them; seed 004 names the venues ("Sede: Comune di Condove").
# The group names use the zones' official spelling, so group C and zone 6 agree.
@pytest.mark.parametrize(
    ("group_id", "zone_ids", "sua_label", "name", "venue"),
    [
        ("A", (1, 2, 3, 4), "SUA 12-13-14", "Torino e area metropolitana", "Città Metropolitana di Torino"),
        ("B", (5,), "SUA 7", "Pinerolese", "Comune di Pinerolo"),
        ("C", (6,), "SUA 8", "Valli di Susa e Sangone", "Comune di Condove"),
        ("D", (7, 8), "SUA 9", "Canavese occidentale, Ciriacese e Valli di Lanzo", "Comune di Ciriè"),
        ("E", (9, 10), "SUA 10", "Eporediese e Chivassese", "Comune di Strambino"),
        ("F", (11,), "SUA 11", "Chierese-Carmagnolese", "Comune di Riva presso Chieri"),
    ],
)
def test_groups_match_seeds_001_and_004(group_id: str, zone_ids: tuple[int, ...], sua_label: str, name: str,
                                        venue: str) -> None:
    group = GROUPS[group_id]
    assert (group.group_id, group.zone_ids, group.sua_label, group.name, group.venue) == \
        (group_id, zone_ids, sua_label, name, venue)
    for zone_id in zone_ids:
        assert ZONE_GROUP[zone_id] == group_id
        assert get_zone_group(zone_id) is group


# Seed 004: "Zona 1 Torino Città, Zona 2 Area Metropolitana Torino Ovest, … Zona 6 Valli di Susa e Sangone,
# Zona 7 Ciriacese-Valli di Lanzo … Zona 11 Chierese-Carmagnolese".
@pytest.mark.parametrize(
    ("zone_id", "name", "short"),
    [(1, "Torino Città", "Torino Città"), (2, "Area Metropolitana Torino Ovest", "AMT Ovest"),
     (4, "Area Metropolitana Torino Nord", "AMT Nord"), (6, "Valli di Susa e Sangone", "Valli di Susa e Sangone"),
     (7, "Ciriacese-Valli di Lanzo", "Ciriacese-Valli di Lanzo"),
     (11, "Chierese-Carmagnolese", "Chierese-Carmagnolese")],
)
def test_zone_names_are_the_official_ones(zone_id: int, name: str, short: str) -> None:
    assert (ZONE_NAMES[zone_id], ZONES[zone_id].short) == (name, short)


def test_group_names_use_the_zone_names() -> None:
    for group in GROUPS.values():
        if len(group.zone_ids) == 1:
            assert group.name == ZONE_NAMES[group.zone_ids[0]]


def test_group_ids_sorted() -> None:
    assert GROUP_IDS == ("A", "B", "C", "D", "E", "F")


@pytest.mark.parametrize("zone_id", [0, 12, "1"])
def test_get_zone_group_rejects_unknown_zone(zone_id: object) -> None:
    with pytest.raises(ValueError, match="unknown zone id"):
        get_zone_group(zone_id)  # type: ignore[arg-type]
