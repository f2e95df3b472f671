"""Content of each presentation view: title, map view, key figures and a few lines of text."""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from lib import labels as lb
from lib import schema as s
from lib.map_view import LAYER_TABLES, LAYER_ZONES, MapRequest
from lib.url_state import Step

# How many least-covered areas or strategies a slide lists: what fits in large type at 1280×720.
MAX_LINES = 6


@dataclass
class Slide:
    """What one presentation view shows."""

    title: str
    subtitle: str
    request: MapRequest
    figures: list[tuple[str, str]] = field(default_factory=list)
    lines_title: str = ""
    lines: list[str] = field(default_factory=list)


def _fmt(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


def build_slide(step: Step, coverage: dict[str, pd.DataFrame], zone_summary_df: pd.DataFrame,
                table_summary_df: pd.DataFrame, strategies_df: pd.DataFrame, no_action_df: pd.DataFrame,
                n_projects: int) -> Slide:
    """The slide for one step.

    Args:
        coverage: the frames of lib.data.load_coverage_tables (matrix, axes, strategies, empty).
        zone_summary_df: per-zone figures for this step's axis (all axes for the other steps).
        table_summary_df: per-table figures, same filter.
        n_projects: number of valid projects in the registry.
    """
    per_strategy = coverage["strategies"]
    titles = dict(zip(strategies_df[s.STRATEGY], strategies_df[s.STRATEGY_TITLE]))
    if step.kind == "overview":
        totals = coverage["axes"]
        covered = int((per_strategy["n_total"] > 0).sum())
        return Slide(
            title="Il PSM 2021-2023 sul territorio", subtitle="Progetti segnalati nel monitoraggio 2023",
            request=MapRequest(layer=LAYER_ZONES),
            figures=[("Progetti", str(n_projects)),
                     ("Strategie con almeno un progetto", f"{covered} / {len(per_strategy)}"),
                     ("Zone omogenee", "11")],
            lines_title="Progetti per asse",
            lines=[f"Asse {r[s.AXIS]}: {r['n_total']}" for _, r in totals.iterrows()])
    if step.kind == "axis":
        axis = int(step.value)
        row = coverage["axes"].set_index(s.AXIS).loc[axis]
        mine = per_strategy[per_strategy[s.AXIS] == axis]
        zones_without = int((zone_summary_df[s.COUNT] == 0).sum())
        return Slide(
            title=lb.axis_label(axis, row[s.AXIS_TITLE]), subtitle="Progetti per zona omogenea",
            request=MapRequest(layer=LAYER_ZONES, axis=axis),
            figures=[("Progetti dell'asse", str(row["n_total"])),
                     ("Di cui a scala metropolitana", str(row["n_metro"])),
                     ("Zone senza progetti dell'asse", str(zones_without))],
            lines_title="Strategie",
            lines=[f"{r[s.STRATEGY]} {titles[r[s.STRATEGY]]}: {r['n_total']}" for _, r in mine.iterrows()])
    if step.kind == "table":
        table = str(step.value)
        row = table_summary_df.set_index(s.TABLE_ID).loc[table]
        zones = [int(z) for z in row[s.ZONE_IDS].split(";")]
        gaps = coverage["matrix"].loc[zones].sum() == 0
        missing = [c for c, empty in gaps.items() if empty]
        return Slide(
            title=lb.table_label(table), subtitle=f"{row[s.SUA_LABEL]} · zone {', '.join(map(str, zones))}",
            request=MapRequest(layer=LAYER_TABLES, selected=table),
            figures=[("Progetti", str(row[s.COUNT])),
                     ("Strategie coperte", f"{row[s.STRATEGIES_COVERED]} / {len(per_strategy)}"),
                     ("Progetti / 10.000 ab.", _fmt(row[s.PER_10K]))],
            lines_title=f"Strategie senza progetti nel tavolo ({len(missing)})",
            lines=[f"{c} {titles[c]}" for c in missing[:MAX_LINES]]
            + ([f"… e altre {len(missing) - MAX_LINES}"] if len(missing) > MAX_LINES else []))
    empty = coverage["empty"]
    weakest = zone_summary_df.sort_values(s.STRATEGIES_COVERED).head(MAX_LINES // 2)
    lines = [f"{c} {titles[c]}: nessun progetto" for c in empty[s.STRATEGY]]
    lines += [f"{r[s.STRATEGY]} ({r[s.SCOPE]}): nessuna nuova azione" for _, r in no_action_df.iterrows()]
    lines += [f"{lb.zone_label(int(r[s.ZONE_ID]))}: {r[s.STRATEGIES_COVERED]} strategie su {len(per_strategy)}"
              for _, r in weakest.iterrows()]
    return Slide(title="Le lacune", subtitle="Strategie senza progetti e zone meno coperte",
                 request=MapRequest(layer=LAYER_ZONES, metric=s.STRATEGIES_COVERED),
                 figures=[("Strategie senza progetti", str(len(empty))),
                          ("Segnalate senza nuove azioni", str(len(no_action_df)))],
                 lines_title="Dove intervenire", lines=lines)
