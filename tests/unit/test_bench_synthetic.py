"""The benchmark's synthetic registry generator: seeded, and valid for the app's own validator."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from bench.synthetic import build_rows, write_registry
from lib import schema as s
from lib.registry.read import read_registry
from lib.registry.references import read_references


def test_same_seed_gives_identical_files(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = write_registry(300, tmp_path / "a", seed=7)
    second = write_registry(300, tmp_path / "b", seed=7)
    assert first.read_bytes() == second.read_bytes()


def test_another_seed_gives_other_rows() -> None:
    assert build_rows(50, seed=1) != build_rows(50, seed=2)


def test_every_row_is_valid(tmp_path: Path) -> None:
    path = write_registry(2000, tmp_path, seed=11)
    report = read_registry(path, read_references())
    assert report.issues == []
    assert len(report.valid) == 2000
    assert report.valid[s.PROJECT_ID].str.fullmatch(s.PROJECT_ID_PATTERN).all()
    assert report.valid[s.PROJECT_ID].iloc[0] == "P000001"


def test_mix_follows_the_issue() -> None:
    rows = build_rows(5000, seed=3)
    shares = Counter(r[s.PRECISION] for r in rows)
    assert shares[s.PRECISION_COMUNE] / 5000 == pytest.approx(0.60, abs=0.03)
    assert shares[s.PRECISION_ZONE] / 5000 == pytest.approx(0.25, abs=0.03)
    assert shares[s.PRECISION_METRO] / 5000 == pytest.approx(0.15, abs=0.03)
    for row in rows:
        n_comuni = len([c for c in row[s.COMUNI].split(s.LIST_SEP) if c])
        n_zones = len([z for z in row[s.ZONES].split(s.LIST_SEP) if z])
        assert 1 <= len(row[s.STRATEGIES].split(s.LIST_SEP)) <= 3
        assert row[s.PLAN_EDITION] == "2021-2023" and row[s.LOCATION_BASIS] == s.BASIS_SOURCE
        if row[s.PRECISION] == s.PRECISION_COMUNE:
            assert 1 <= n_comuni <= 3
        elif row[s.PRECISION] == s.PRECISION_ZONE:
            assert n_comuni == 0 and 1 <= n_zones <= 2
        else:
            assert n_comuni == n_zones == 0


def test_projects_spread_over_many_comuni() -> None:
    rows = build_rows(10000, seed=5)
    named = {c for r in rows for c in r[s.COMUNI].split(s.LIST_SEP) if c}
    assert len(named) > 250


def test_rejects_empty_registry() -> None:
    with pytest.raises(ValueError):
        build_rows(0)
