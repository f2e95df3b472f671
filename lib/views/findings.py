"""The main finding of a page in one sentence, computed from the data (never written by hand)."""
from __future__ import annotations

import pandas as pd

from lib import schema as s
from lib.analysis.needs import STATUS, STATUS_NEW, STATUS_NO_PROJECT, zones_left_out
from lib.views import fmt
from lib.views import labels as lb

# How many zones the needs' sentence names: the ones most often left out.
TOP_ZONES = 3


def _names(zone_ids: list[int]) -> str:
    names = [lb.zone_label(z, short=True) for z in zone_ids]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} e {names[-1]}"


def coverage_finding(strategies_df: pd.DataFrame, zone_summary_df: pd.DataFrame) -> str:
    """'22 strategie su 24 hanno progetti; senza progetti: 1.2, 5.4; la zona con meno strategie coperte è …'.

    Args:
        strategies_df: per-strategy totals (the "strategies" frame of lib.analysis.coverage.coverage_tables).
        zone_summary_df: per-zone figures, all axes (lib.analysis.coverage.zone_summary).
    """
    total = len(strategies_df)
    covered = int((strategies_df["n_total"] > 0).sum())
    gaps = list(strategies_df.loc[strategies_df["n_total"] == 0, s.STRATEGY])
    least = int(zone_summary_df[s.STRATEGIES_COVERED].min())
    weakest = sorted(int(z) for z in zone_summary_df.loc[zone_summary_df[s.STRATEGIES_COVERED] == least, s.ZONE_ID])
    zones = (f"la zona con meno strategie coperte è {_names(weakest)}" if len(weakest) == 1
             else f"le zone con meno strategie coperte sono {_names(weakest)}")
    head = f"{fmt.number(covered)} strategie su {fmt.number(total)} hanno progetti"
    middle = f"senza progetti: {', '.join(gaps)}" if gaps else "nessuna è senza progetti"
    return f"{head}; {middle}; {zones}, con {fmt.number(least)} su {fmt.number(total)}."


def needs_finding(needs_df: pd.DataFrame) -> str:
    """'Ogni esigenza che continua il piano ha progetti sulle sue strategie, ma restano fuori intere zone: …; N
    esigenze sono nuove: …' (from needs_coverage)."""
    old = needs_df[needs_df[STATUS] != STATUS_NEW]
    without = int((old[STATUS] == STATUS_NO_PROJECT).sum())
    new = len(needs_df) - len(old)
    left_out = zones_left_out(needs_df).head(TOP_ZONES)
    zones = ", ".join(f"{lb.zone_label(int(z), short=True)} ({fmt.count(int(n), 'esigenza', 'esigenze')})"
                      for z, n in left_out.items())
    news = (f" {fmt.count(new, 'esigenza è nuova', 'esigenze sono nuove')}: non continua"
            f"{'' if new == 1 else 'no'} alcuna strategia del piano in vigore.") if new else ""
    if without == 0:
        head = "Ogni esigenza che continua il piano ha progetti sulle sue strategie"
        return (f"{head}, ma restano fuori intere zone: più spesso {zones}." if zones
                else f"{head}, in ogni zona.") + news
    head = f"{fmt.count(without, 'esigenza continua', 'esigenze continuano')} strategie senza alcun progetto"
    return (f"{head}; le altre lasciano fuori intere zone: più spesso {zones}." if zones else f"{head}.") + news
