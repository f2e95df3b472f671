"""Shared pieces of the submission tests: reference data and timestamps (fixtures are in conftest.py)."""
from __future__ import annotations

from datetime import UTC, datetime

from lib.registry.references import References
from tests.unit.submission_workers import make_content, make_draft  # noqa: F401 - shared with the tests

REFS = References(
    strategy_axis={"2021-2023": {"1.1": 1, "2.3": 2, "3.3": 3}},
    comune_index={"Torino": ("001272", 1), "Ivrea": ("001125", 9), "Pinerolo": ("001191", 5),
                  "Lanzo Torinese": ("001130", 7)},
    categories=frozenset({"cer", "ciclabile"}),
    default_edition="2021-2023",
)
PROJECT_IDS = frozenset({"P001", "P012"})


def at(hour: int, minute: int = 0) -> datetime:
    """A fixed UTC moment on the test day."""
    return datetime(2026, 11, 21, hour, minute, tzinfo=UTC)
