"""The Metropolitan Strategic Plan as data: its editions, their axes and strategies, the report's judgements.

Everything edition-specific (how many axes and strategies, their titles and colours, which edition is
shown by default) comes from the files in data/plan/; code never spells an edition, a count or a code.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from lib import schema as s

# The report's own judgement of each strategy (seed 002, chapter 3), from the strongest to none, with the
# words the coverage page uses for it.
JUDGEMENT_LABELS: dict[str, str] = {
    "prevalente": "la più attuata del suo asse, secondo il monitoraggio",
    "azioni_segnalate": "azioni segnalate",
    "parziale": "attuata solo in parte",
    "nessuna_azione": "nessuna nuova azione segnalata",
}
_COLOR = re.compile(r"#[0-9A-Fa-f]{6}")
_TRUE = "true"


@dataclass(frozen=True)
class Edition:
    """One edition of the plan, with the totals its source gives even when its catalogue is not in the data."""

    key: str
    title: str
    n_axes: int
    n_strategies: int
    n_actions: int
    approved: str
    has_catalogue: bool
    is_default: bool
    source: str

    @property
    def label(self) -> str:
        """'PSM 2021-2023'."""
        return f"PSM {self.key}"


@dataclass(frozen=True)
class Plan:
    """One edition with its catalogue: axes (number, title, colour, strategy count), strategies (code, axis,
    title, axis title and colour) and the monitoring report's judgement of each strategy, if any."""

    edition: Edition
    axes: pd.DataFrame
    strategies: pd.DataFrame
    judgements: pd.DataFrame

    # The lookups below are read on every page run (the home page reads five of them), and each pandas column
    # access and astype costs far more than the dict: they are built from the frames once per Plan (the plans
    # are shared per process, lib/loaders/reference.py) and handed out as copies, so no caller can change them.
    @cached_property
    def _lookups(self) -> _Lookups:
        axes, strategies = self.axes, self.strategies
        numbers = [int(a) for a in axes[s.AXIS]]
        return _Lookups(
            codes=tuple(strategies[s.STRATEGY]),
            axis_numbers=tuple(numbers),
            strategy_axis=dict(zip(strategies[s.STRATEGY], (int(a) for a in strategies[s.AXIS]), strict=True)),
            strategy_titles=dict(zip(strategies[s.STRATEGY], strategies[s.STRATEGY_TITLE], strict=True)),
            axis_titles=dict(zip(numbers, axes[s.AXIS_TITLE], strict=True)),
            axis_colors=dict(zip(numbers, axes[s.AXIS_COLOR], strict=True)),
        )

    @property
    def codes(self) -> list[str]:
        """Strategy codes in catalogue order."""
        return list(self._lookups.codes)

    @property
    def axis_numbers(self) -> list[int]:
        """Axis numbers in order."""
        return list(self._lookups.axis_numbers)

    def strategy_axis(self) -> dict[str, int]:
        """Strategy code → axis number."""
        return dict(self._lookups.strategy_axis)

    def strategy_titles(self) -> dict[str, str]:
        """Strategy code → title."""
        return dict(self._lookups.strategy_titles)

    def axis_titles(self) -> dict[int, str]:
        """Axis number → title."""
        return dict(self._lookups.axis_titles)

    def axis_colors(self) -> dict[int, str]:
        """Axis number → colour."""
        return dict(self._lookups.axis_colors)


class _Lookups(NamedTuple):
    """A plan's frames as plain Python values (see Plan._lookups)."""

    codes: tuple[str, ...]
    axis_numbers: tuple[int, ...]
    strategy_axis: dict[str, int]
    strategy_titles: dict[str, str]
    axis_titles: dict[int, str]
    axis_colors: dict[int, str]


@dataclass(frozen=True)
class Catalogue:
    """Every edition of the plan, and the plans of those whose catalogue is in the data."""

    editions: dict[str, Edition]
    plans: dict[str, Plan]

    @property
    def default(self) -> str:
        """The edition shown when a link names none."""
        return next(key for key, edition in self.editions.items() if edition.is_default)

    def plan(self, edition: str | None = None) -> Plan:
        """The plan of an edition with a catalogue (the default one when None)."""
        return self.plans[edition or self.default]


def _read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype="string", encoding="utf-8", keep_default_na=False)


class CatalogueError(ValueError):
    """The plan files in data/plan/ do not agree; `problems` says how (Italian, one per line)."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("il catalogo del piano non è coerente: " + "; ".join(problems))
        self.problems = problems


def read_editions(plan_dir: Path = s.PLAN_DIR) -> dict[str, Edition]:
    """editions.csv, in file order."""
    frame = _read(plan_dir / s.EDITIONS_FILE)
    return {row[s.PLAN_EDITION]: Edition(
        key=row[s.PLAN_EDITION], title=row[s.EDITION_TITLE], n_axes=int(row[s.N_AXES]),
        n_strategies=int(row[s.N_STRATEGIES]), n_actions=int(row[s.N_ACTIONS]), approved=row[s.APPROVED],
        has_catalogue=row[s.HAS_CATALOGUE] == _TRUE, is_default=row[s.IS_DEFAULT] == _TRUE,
        source=row[s.SOURCE]) for _, row in frame.iterrows()}


def read_catalogue(plan_dir: Path = s.PLAN_DIR) -> Catalogue:
    """Every edition, and the plan of each edition whose catalogue is in the data; raises ValueError with
    every problem found when the files do not agree (see `catalogue_problems`)."""
    editions = read_editions(plan_dir)
    axes, strategies, judgements = (_read(plan_dir / name) for name in
                                    (s.AXES_FILE, s.STRATEGIES_FILE, s.JUDGEMENTS_FILE))
    problems = catalogue_problems(editions, axes, strategies, judgements)
    if problems:
        raise CatalogueError(problems)
    plans = {key: build_plan(edition, axes, strategies, judgements)
             for key, edition in editions.items() if edition.has_catalogue}
    return Catalogue(editions=editions, plans=plans)


def build_plan(edition: Edition, axes: pd.DataFrame, strategies: pd.DataFrame,
               judgements: pd.DataFrame) -> Plan:
    """One edition's rows of the catalogue files, typed and joined (strategies carry their axis' title and
    colour; axes their number of strategies)."""
    mine = axes[axes[s.PLAN_EDITION] == edition.key].astype({s.AXIS: "int64"})
    axes_df = mine[[s.AXIS, s.AXIS_TITLE, s.AXIS_COLOR]].reset_index(drop=True)
    strategies_df = (strategies[strategies[s.PLAN_EDITION] == edition.key].astype({s.AXIS: "int64"})
                     [[s.STRATEGY, s.AXIS, s.STRATEGY_TITLE]].merge(axes_df, on=s.AXIS, how="left")
                     .reset_index(drop=True))
    axes_df[s.N_STRATEGIES] = axes_df[s.AXIS].map(strategies_df[s.AXIS].value_counts()).astype("int64")
    judged = judgements[judgements[s.PLAN_EDITION] == edition.key]
    return Plan(edition=edition, axes=axes_df, strategies=strategies_df,
                judgements=judged[[s.STRATEGY, s.JUDGEMENT, s.SCOPE, s.QUOTE, s.SOURCE]].reset_index(drop=True))


def catalogue_problems(editions: dict[str, Edition], axes: pd.DataFrame, strategies: pd.DataFrame,
                       judgements: pd.DataFrame) -> list[str]:
    """Every way the catalogue files disagree with each other or with editions.csv (Italian, for the staff
    who edit them); empty when they agree."""
    problems = []
    defaults = [key for key, e in editions.items() if e.is_default]
    if len(defaults) != 1 or not editions[defaults[0]].has_catalogue:
        problems.append("editions.csv: serve esattamente un'edizione predefinita (default=true) con catalogo")
    for name, frame in (("axes.csv", axes), ("strategies.csv", strategies), ("judgements.csv", judgements)):
        unknown = sorted(set(frame[s.PLAN_EDITION]) - set(editions))
        if unknown:
            problems.append(f"{name}: edizioni non presenti in editions.csv: {', '.join(unknown)}")
    for key, edition in editions.items():
        problems += plan_problems(edition, axes[axes[s.PLAN_EDITION] == key],
                                  strategies[strategies[s.PLAN_EDITION] == key])
    for row in judgements.itertuples(index=False):
        edition_codes = set(strategies.loc[strategies[s.PLAN_EDITION] == getattr(row, s.PLAN_EDITION), s.STRATEGY])
        if getattr(row, s.STRATEGY) not in edition_codes:
            problems.append(f"judgements.csv: la strategia {getattr(row, s.STRATEGY)} non è nel catalogo "
                            f"{getattr(row, s.PLAN_EDITION)}")
        if getattr(row, s.JUDGEMENT) not in JUDGEMENT_LABELS:
            problems.append(f"judgements.csv: giudizio sconosciuto «{getattr(row, s.JUDGEMENT)}» "
                            f"(ammessi: {', '.join(JUDGEMENT_LABELS)})")
    return problems


def plan_problems(edition: Edition, axes: pd.DataFrame, strategies: pd.DataFrame) -> list[str]:
    """Problems of one edition's axes and strategies against its declared totals."""
    key = edition.key
    if not edition.has_catalogue:
        return [f"{key}: il catalogo non è dichiarato (catalogue=false) ma ha righe in axes.csv o strategies.csv"] \
            if len(axes) or len(strategies) else []
    problems = []
    numbers = [int(a) for a in axes[s.AXIS]] if all(a.isascii() and a.isdigit() for a in axes[s.AXIS]) else []
    if sorted(numbers) != list(range(1, edition.n_axes + 1)):
        problems.append(f"{key}: gli assi devono essere numerati da 1 a {edition.n_axes} (trovati: "
                        f"{', '.join(axes[s.AXIS]) or 'nessuno'})")
    if len(strategies) != edition.n_strategies:
        problems.append(f"{key}: editions.csv dichiara {edition.n_strategies} strategie, il catalogo ne ha "
                        f"{len(strategies)}")
    duplicated = sorted(set(strategies.loc[strategies[s.STRATEGY].duplicated(), s.STRATEGY]))
    if duplicated:
        problems.append(f"{key}: codici di strategia ripetuti: {', '.join(duplicated)}")
    orphans = sorted(set(strategies[s.AXIS]) - set(axes[s.AXIS]))
    if orphans:
        problems.append(f"{key}: strategie di assi che non esistono: {', '.join(orphans)}")
    empty = sorted(set(axes[s.AXIS]) - set(strategies[s.AXIS]), key=lambda a: (len(a), a))
    if empty:
        problems.append(f"{key}: assi senza strategie: {', '.join(empty)}")
    colors = list(axes[s.AXIS_COLOR])
    if not all(_COLOR.fullmatch(c) for c in colors) or len(set(c.lower() for c in colors)) != len(colors):
        problems.append(f"{key}: ogni asse vuole un colore #rrggbb diverso dagli altri")
    blank = [c for c, t in zip(strategies[s.STRATEGY], strategies[s.STRATEGY_TITLE], strict=True)
             if not c or not t.strip()]
    if blank or not all(t.strip() for t in axes[s.AXIS_TITLE]):
        problems.append(f"{key}: codici o titoli vuoti nel catalogo")
    return problems
