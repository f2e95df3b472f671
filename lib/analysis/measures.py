"""The map's colour measures, declared once: everything that offers, shows or parses a measure reads this.

A measure is a figure per area (zone or venue group) computed from the area summary's base counts (see
`lib.analysis.coverage.area_summary`). Adding one is one entry here.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from lib import schema as s


@dataclass(frozen=True)
class Measure:
    """One measure: its column, its value in links (`misura=`), Italian labels, decimals and formula."""

    key: str
    param: str
    label: str
    short_label: str
    help: str
    decimals: int
    compute: Callable[[pd.DataFrame], pd.Series]


MEASURES: tuple[Measure, ...] = (
    Measure(s.COUNT, "progetti", "Numero di progetti", "Progetti",
            "Progetti che riguardano l'area (comuni o zone); quelli senza zona sono contati a parte.", 0,
            lambda area: area[s.COUNT]),
    Measure(s.STRATEGIES_COVERED, "strategie", "Strategie coperte", "Strategie coperte",
            "Quante strategie del piano hanno almeno un progetto nell'area.", 0,
            lambda area: area[s.STRATEGIES_COVERED]),
    Measure(s.PER_10K, "abitanti", "Progetti ogni 10.000 abitanti", "Progetti / 10.000 ab.",
            "Progetti dell'area divisi per i suoi abitanti (ISTAT 2023), per 10.000.", 2,
            lambda area: (area[s.COUNT] / area[s.POPULATION] * 10_000).round(2)),
)
MEASURE_BY_KEY: dict[str, Measure] = {m.key: m for m in MEASURES}
MEASURE_BY_PARAM: dict[str, Measure] = {m.param: m for m in MEASURES}
DEFAULT_MEASURE = MEASURES[0].key


def add_measures(area_df: pd.DataFrame) -> pd.DataFrame:
    """The area summary with one column per measure."""
    return area_df.assign(**{m.key: m.compute(area_df) for m in MEASURES})
