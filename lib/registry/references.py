"""What registry values may point to: plan editions and their strategies, comuni, zones, categories."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from geo.territory import ZONE_IDS
from lib import schema as s
from lib.plan.catalogue import Catalogue, read_catalogue


@dataclass(frozen=True)
class References:
    """Reference sets for validating registry rows.

    strategy_axis: for each edition with a catalogue, strategy code → axis.
    comune_index: comune name → (ISTAT code, zone).
    """

    strategy_axis: dict[str, dict[str, int]]
    comune_index: dict[str, tuple[str, int]]
    categories: frozenset[str]
    default_edition: str

    @property
    def zone_codes(self) -> frozenset[str]:
        """Zone numbers as written in the registry ("1" … "11")."""
        return frozenset(str(z) for z in ZONE_IDS)

    def axis_of(self, edition: str, code: str) -> int | None:
        """The axis of a strategy in an edition, or None if either is unknown."""
        return self.strategy_axis.get(edition, {}).get(code)

    @classmethod
    def from_frames(cls, catalogue: Catalogue, comuni_df: pd.DataFrame,
                    categories_df: pd.DataFrame) -> References:
        """Build the reference sets from the loaded catalogue, territory and category tables."""
        return cls(
            strategy_axis={key: plan.strategy_axis() for key, plan in catalogue.plans.items()},
            comune_index={name: (code, int(zone)) for name, code, zone
                          in zip(comuni_df[s.NAME], comuni_df[s.ISTAT], comuni_df[s.ZONE_ID], strict=True)},
            categories=frozenset(categories_df[s.CATEGORY]),
            default_edition=catalogue.default,
        )


def read_comuni(path: Path = s.COMUNI_CSV) -> pd.DataFrame:
    """The 312 comuni with zone, venue group, population and area."""
    # keep_default_na=False: one comune is really called "None" (001168).
    return pd.read_csv(path, dtype=s.COMUNI_DTYPES, encoding="utf-8", keep_default_na=False)


def read_categories(path: Path = s.CATEGORIES_CSV) -> pd.DataFrame:
    """Category codes and their Italian labels."""
    return pd.read_csv(path, dtype="string", encoding="utf-8", keep_default_na=False)


def read_references(plan_dir: Path = s.PLAN_DIR) -> References:
    """Reference sets from the project's own data files (command-line checks, benchmarks and tests)."""
    return References.from_frames(read_catalogue(plan_dir), read_comuni(), read_categories())
