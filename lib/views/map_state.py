"""The home map's state: which areas, edition, axis or strategy, measure, count basis and selection; how a
view goes to and from the URL and the widgets; and the options of its strategy picker."""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from geo.territory import GROUP_IDS, ZONE_IDS
from lib import schema as s
from lib.analysis.coverage import COUNT_BASES, COUNT_TOUCHED, CoverageFilter
from lib.analysis.measures import DEFAULT_MEASURE, MEASURE_BY_KEY, MEASURE_BY_PARAM
from lib.plan.catalogue import Plan
from lib.views import fmt
from lib.views import labels as lb
from lib.views import params as p
from lib.views import state as k


@dataclass(frozen=True)
class Layer:
    """A way of dividing the map into areas: its `vista=` value, label, key column and selection parameter."""

    key: str
    label: str
    area_column: str
    param: p.Param
    area_ids: tuple[Any, ...]
    area_label: Callable[[Any], str]


LAYER_ZONES = "zone"
LAYER_GROUPS = "gruppi"
LAYERS: dict[str, Layer] = {
    LAYER_ZONES: Layer(LAYER_ZONES, "Zone omogenee", s.ZONE_ID, p.ZONE, ZONE_IDS, lb.zone_label),
    LAYER_GROUPS: Layer(LAYER_GROUPS, "Gruppi di zone A–F (sedi, SUA)", s.GROUP_ID, p.GROUP, GROUP_IDS,
                        lb.group_label),
}


@dataclass(frozen=True)
class MapRequest:
    """A map view. `edition` None means the default edition."""

    layer: str = LAYER_ZONES
    edition: str | None = None
    axis: int | None = None
    strategy: str | None = None
    measure: str = DEFAULT_MEASURE
    basis: str = COUNT_TOUCHED
    selected: str | None = None

    @property
    def coverage(self) -> CoverageFilter:
        """The rows of the long form this view counts."""
        return CoverageFilter(self.axis, self.strategy, self.basis)


def parse_map_request(query: p.Query, plan: Plan, editions: list[str], default_edition: str) -> MapRequest:
    """The map view a URL asks for, for the plan of the edition it names; a strategy implies its axis.

    `plan` must be the plan of the edition the URL names (see `parse_edition`).
    """
    edition = parse_edition(query, editions, default_edition)
    layer = p.parse_choice(query, p.LAYER, tuple(LAYERS)) or LAYER_ZONES
    strategy = p.parse_choice(query, p.STRATEGY, plan.codes)
    axis = plan.strategy_axis()[strategy] if strategy else p.parse_int(query, p.AXIS, plan.axis_numbers)
    measure = MEASURE_BY_PARAM.get(p.raw(query, p.MEASURE) or "", MEASURE_BY_KEY[DEFAULT_MEASURE]).key
    basis = p.parse_choice(query, p.BASIS, COUNT_BASES) or COUNT_TOUCHED
    spec = LAYERS[layer]
    selected = (p.parse_int(query, spec.param, spec.area_ids) if layer == LAYER_ZONES
                else p.parse_choice(query, spec.param, spec.area_ids, upper=True))
    return MapRequest(layer=layer, edition=None if edition == default_edition else edition, axis=axis,
                      strategy=strategy, measure=measure, basis=basis,
                      selected=str(selected) if selected is not None else None)


def parse_edition(query: p.Query, editions: list[str], default_edition: str) -> str:
    """The edition a URL names, if it has a catalogue; else the default."""
    return p.parse_choice(query, p.EDITION, editions) or default_edition


def map_request_params(request: MapRequest) -> dict[str, str]:
    """Query parameters that reproduce a map view (defaults are left out to keep links short)."""
    params: dict[str, str] = {}
    if request.edition:
        params[p.EDITION.name] = request.edition
    if request.layer != LAYER_ZONES:
        params[p.LAYER.name] = request.layer
    if request.strategy:
        params[p.STRATEGY.name] = request.strategy
    elif request.axis:
        params[p.AXIS.name] = str(request.axis)
    if request.measure != DEFAULT_MEASURE:
        params[p.MEASURE.name] = MEASURE_BY_KEY[request.measure].param
    if request.basis != COUNT_TOUCHED:
        params[p.BASIS.name] = request.basis
    if request.selected:
        params[LAYERS[request.layer].param.name] = request.selected
    return params


def request_state(request: MapRequest, default_edition: str) -> dict[str, object]:
    """The home page's widget values (session keys) that show a map view; 0 and "" stand for "all"."""
    return {k.MAP_EDITION: request.edition or default_edition, k.MAP_LAYER: request.layer,
            k.MAP_AXIS: request.axis or 0, k.MAP_STRATEGY: request.strategy or "", k.MAP_MEASURE: request.measure,
            k.MAP_BASIS: request.basis, k.MAP_SELECTED: request.selected or ""}


def request_from_state(state: Mapping, default_edition: str) -> MapRequest:
    """The map view the home page's widgets show."""
    edition = state[k.MAP_EDITION]
    return MapRequest(layer=state[k.MAP_LAYER], edition=None if edition == default_edition else edition,
                      axis=state[k.MAP_AXIS] or None, strategy=state[k.MAP_STRATEGY] or None,
                      measure=state[k.MAP_MEASURE], basis=state[k.MAP_BASIS], selected=state[k.MAP_SELECTED] or None)


def strategy_choices(plan: Plan, axis: int | None, totals_df: pd.DataFrame) -> dict[str, str]:
    """The strategy picker's options ("" = all), each starting with its number of projects: the options are cut
    at the widget's width, so the count, which shows the gaps, comes first ("0 progetti · 1.2 Innovare …")."""
    counts = dict(zip(totals_df[s.STRATEGY], totals_df["n_total"], strict=True))
    titles = plan.strategy_titles()
    return {"": lb.ALL_STRATEGIES, **{
        code: f"{fmt.count(int(counts.get(code, 0)), 'progetto', 'progetti')} · {code} {titles[code]}"
        for code, a in plan.strategy_axis().items() if axis is None or a == axis}}


def strategy_gaps_sentence(plan: Plan, axis: int | None, totals_df: pd.DataFrame) -> str:
    """The sentence under the strategy picker: which strategies (of the axis, if one is chosen) have no project."""
    counts = dict(zip(totals_df[s.STRATEGY], totals_df["n_total"], strict=True))
    gaps = [code for code, a in plan.strategy_axis().items()
            if (axis is None or a == axis) and int(counts.get(code, 0)) == 0]
    if gaps:
        return f"Senza progetti: {', '.join(gaps)}."
    return "Ogni strategia dell'asse ha almeno un progetto." if axis else "Ogni strategia ha almeno un progetto."
