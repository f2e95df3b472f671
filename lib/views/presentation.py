"""The presentation: its sequence of views, derived from the plan and the needs, and what each one shows."""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from geo.territory import GROUP_IDS, GROUPS, ZONE_IDS
from lib import schema as s
from lib.analysis.needs import STATUS, STATUS_NO_PROJECT, ZONES_WITHOUT, zones_left_out
from lib.plan.catalogue import JUDGEMENT_LABELS, Plan
from lib.plan.needs import NeedsBook, theme_axes
from lib.views import fmt
from lib.views import labels as lb
from lib.views.map_view import LAYER_GROUPS, LAYER_ZONES, MapRequest

OVERVIEW, AXIS, GROUP, GAPS = "overview", "axis", "group", "gaps"
NEEDS_BY_AXIS, NEEDS_WITHOUT_PROJECTS, THEMES = "needs_by_axis", "needs_without_projects", "themes"


@dataclass(frozen=True)
class Step:
    """One view of the presentation sequence."""

    kind: str
    value: int | str | None = None


def presentation_steps(plan: Plan, with_needs: bool) -> tuple[Step, ...]:
    """Overview, each axis of the plan, each venue group, the gaps, then (with needs) the three needs views."""
    steps = [Step(OVERVIEW), *(Step(AXIS, a) for a in plan.axis_numbers), *(Step(GROUP, g) for g in GROUP_IDS),
             Step(GAPS)]
    if with_needs:
        steps += [Step(NEEDS_BY_AXIS), Step(NEEDS_WITHOUT_PROJECTS), Step(THEMES)]
    return tuple(steps)


@dataclass
class Slide:
    """What one presentation view shows: a map (request), the chart of needs or neither, figures and named lines."""

    title: str
    subtitle: str
    request: MapRequest | None
    chart: bool = False
    figures: list[tuple[str, str]] = field(default_factory=list)
    lines_title: str = ""
    lines: list[str] = field(default_factory=list)


def _zones(zone_ids: list[int]) -> str:
    return lb.zones_list(zone_ids) if zone_ids else "nessuna"


def coverage_slide(step: Step, plan: Plan, coverage: dict[str, pd.DataFrame], zone_summary_df: pd.DataFrame,
                   group_summary_df: pd.DataFrame, n_projects: int) -> Slide:
    """The slide of an overview, axis, group or gaps step.

    Args:
        coverage: the frames of lib.loaders.load_coverage_tables (matrix, axes, strategies, empty).
        zone_summary_df: per-zone figures for this step's axis (all axes for the other steps).
        group_summary_df: per-group figures, all axes.
        n_projects: number of projects of the plan's edition.
    """
    per_strategy = coverage["strategies"]
    titles = plan.strategy_titles()
    edition = plan.edition.key
    if step.kind == OVERVIEW:
        covered = int((per_strategy["n_total"] > 0).sum())
        return Slide(
            title=f"Il {plan.edition.label} sul territorio", subtitle="Progetti segnalati nel monitoraggio",
            request=MapRequest(layer=LAYER_ZONES, edition=edition),
            figures=[("Progetti", fmt.number(n_projects)),
                     ("Strategie con almeno un progetto", fmt.share(covered, len(per_strategy))),
                     ("Zone omogenee", fmt.number(len(ZONE_IDS)))],
            lines_title="Progetti per asse",
            lines=[f"{lb.axis_label(int(r[s.AXIS]), r[s.AXIS_TITLE])}: {fmt.number(r['n_total'])}"
                   for _, r in coverage["axes"].iterrows()])
    if step.kind == AXIS:
        axis = int(str(step.value))
        row = coverage["axes"].set_index(s.AXIS).loc[axis]
        mine = per_strategy[per_strategy[s.AXIS] == axis]
        empty_zones = [int(z) for z in zone_summary_df.loc[zone_summary_df[s.COUNT] == 0, s.ZONE_ID]]
        return Slide(
            title=lb.axis_label(axis, row[s.AXIS_TITLE]), subtitle="Progetti per zona omogenea",
            request=MapRequest(layer=LAYER_ZONES, edition=edition, axis=axis),
            figures=[("Progetti dell'asse", fmt.number(row["n_total"])),
                     ("Di cui senza zona", fmt.number(row["n_unplaced"]))],
            lines_title=f"Zone senza progetti dell'asse: {_zones(empty_zones)}",
            lines=[f"{r[s.STRATEGY]} {titles[r[s.STRATEGY]]}: {fmt.number(r['n_total'])}" for _, r in mine.iterrows()])
    if step.kind == GROUP:
        group = GROUPS[str(step.value)]
        row = group_summary_df.set_index(s.GROUP_ID).loc[group.group_id]
        in_group = coverage["matrix"].loc[list(group.zone_ids)]
        missing = [c for c in plan.codes if int(in_group[c].sum()) == 0]
        return Slide(
            title=lb.group_label(group.group_id), subtitle=lb.group_detail(group.group_id),
            request=MapRequest(layer=LAYER_GROUPS, edition=edition, selected=group.group_id),
            figures=[("Progetti", fmt.number(row[s.COUNT])),
                     ("Strategie coperte", fmt.share(row[s.STRATEGIES_COVERED], len(per_strategy))),
                     ("Progetti / 10.000 ab.", fmt.number(row[s.PER_10K], 2))],
            lines_title=f"Strategie senza progetti nel gruppo ({len(missing)})",
            lines=[f"{c} {titles[c]}" for c in missing])
    empty = coverage["empty"]
    judged = plan.judgements[plan.judgements[s.JUDGEMENT].isin(["nessuna_azione", "parziale"])]
    weakest = zone_summary_df.sort_values(s.STRATEGIES_COVERED).head(3)
    lines = [f"{c} {titles[c]}: nessun progetto" for c in empty[s.STRATEGY]]
    lines += [f"{r[s.STRATEGY]}: {JUDGEMENT_LABELS[r[s.JUDGEMENT]]} ({r[s.SCOPE]})" for _, r in judged.iterrows()
              if r[s.STRATEGY] not in set(empty[s.STRATEGY])]
    lines += [f"{lb.zone_label(int(r[s.ZONE_ID]), short=True)}: "
              f"{fmt.share(r[s.STRATEGIES_COVERED], len(per_strategy))} strategie" for _, r in weakest.iterrows()]
    return Slide(title="Le lacune", subtitle="Strategie senza progetti e zone meno coperte",
                 request=MapRequest(layer=LAYER_ZONES, edition=edition, measure=s.STRATEGIES_COVERED),
                 figures=[("Strategie senza progetti", fmt.number(len(empty))),
                          ("Giudicate dal monitoraggio senza azioni o in parte", fmt.number(len(judged)))],
                 lines_title="Dove intervenire", lines=lines)


def needs_slide(step: Step, book: NeedsBook, needs_df: pd.DataFrame, plan: Plan) -> Slide:
    """The slide of a needs step: needs by axis, needs without projects, or the new themes."""
    title = f"Verso il PSM {book.edition}"
    if step.kind == NEEDS_BY_AXIS:
        axis_titles = plan.axis_titles()
        lines = [f"Asse {a} – {axis_titles.get(a, '')}: {fmt.count(n, 'esigenza', 'esigenze')}"
                 for a, n in needs_df.groupby(s.AXIS).size().items()]
        return Slide(title=title, subtitle="Le esigenze emerse dalle interviste, per asse", request=None, chart=True,
                     figures=[("Esigenze", fmt.number(len(needs_df))),
                              ("Proposte", fmt.number(len(book.proposals[book.proposals[s.PARENT_ID] == ""]))),
                              ("Nuove rispetto al piano in vigore", fmt.number(int(needs_df[s.IS_NEW].sum())))],
                     lines_title="Esigenze per asse", lines=lines)
    if step.kind == NEEDS_WITHOUT_PROJECTS:
        none = needs_df[needs_df[STATUS] == STATUS_NO_PROJECT]
        gaps = needs_df[needs_df[ZONES_WITHOUT].map(len).between(1, len(ZONE_IDS) - 1)]
        figures = [("Senza alcun progetto", fmt.number(len(none))), ("Con zone scoperte", fmt.number(len(gaps)))]
        subtitle = f"Esigenze che continuano strategie del {plan.edition.label} senza progetti"
        if len(none):
            return Slide(title=title, subtitle=subtitle, request=None, figures=figures,
                         lines_title="Esigenze senza progetti",
                         lines=[f"{r[s.NEED_ID]} {r[s.TEXT]}" for _, r in none.iterrows()])
        # Nothing to list: the slide says so, and shows where the needs' projects are missing instead.
        left_out = zones_left_out(needs_df)
        return Slide(title=title, subtitle="Le zone che restano fuori", request=None, figures=figures,
                     lines_title=("Nessuna esigenza senza progetti: ogni esigenza continua strategie che hanno "
                                  "progetti, ma non in ogni zona. Le zone più spesso scoperte:"),
                     lines=[f"{lb.zone_label(int(z), short=True)}: "
                            f"{fmt.count(int(n), 'esigenza', 'esigenze')} senza progetti nella zona"
                            for z, n in left_out.items()])
    themes = book.themes
    lines = [f"{r[s.TITLE]} – " + ("trasversale" if r[s.TRANSVERSAL] else
                                   ", ".join(f"asse {a}" for a in theme_axes(r[s.THEME_AXES])))
             for _, r in themes.iterrows()]
    return Slide(title=title, subtitle="Nuovi temi e punti di attenzione", request=None,
                 figures=[("Nuovi temi", fmt.number(len(themes))),
                          ("Trasversali", fmt.number(int(themes[s.TRANSVERSAL].sum())))],
                 lines_title="I temi", lines=lines)
