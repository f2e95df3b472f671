"""Plain readers for the reference tables: strategy catalogue, categories, territory, reported gaps."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from lib import schema as s
from lib.registry import References


def read_strategies(path: Path = s.STRATEGIES_CSV, edition: str = s.CURRENT_EDITION) -> pd.DataFrame:
    """Strategies of one plan edition, in catalogue order."""
    frame = pd.read_csv(path, dtype=s.STRATEGIES_DTYPES, encoding="utf-8")
    return frame[frame[s.PLAN_EDITION] == edition].reset_index(drop=True)


def read_axes(strategies_df: pd.DataFrame) -> pd.DataFrame:
    """One row per axis: number, title, colour and number of strategies."""
    return (strategies_df.groupby(s.AXIS, as_index=False)
            .agg(**{s.AXIS_TITLE: (s.AXIS_TITLE, "first"), s.AXIS_COLOR: (s.AXIS_COLOR, "first"),
                    "n_strategies": (s.STRATEGY, "count")}))


def read_comuni(path: Path = s.COMUNI_CSV) -> pd.DataFrame:
    """The 312 comuni with zone, table, population and area."""
    # keep_default_na=False: one comune is really called "None" (001168).
    return pd.read_csv(path, dtype=s.COMUNI_DTYPES, encoding="utf-8", keep_default_na=False)


def read_categories(path: Path = s.CATEGORIES_CSV) -> pd.DataFrame:
    """Category codes and their Italian labels."""
    return pd.read_csv(path, dtype="string", encoding="utf-8", keep_default_na=False)


def read_no_action(path: Path = s.NO_ACTION_CSV) -> pd.DataFrame:
    """Strategies the monitoring report says had no new action."""
    return pd.read_csv(path, dtype="string", encoding="utf-8", keep_default_na=False)


def read_references() -> References:
    """Reference sets for validating the registry, from the project's own data files."""
    return References.from_frames(read_strategies(), read_comuni(), read_categories())
