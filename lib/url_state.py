"""Page state carried in the URL: parse untrusted query parameters into validated scalars, and back.

Unknown or malformed values are dropped (the page falls back to its default), never raised, so a
mistyped shared link still opens.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from lib import schema as s
from lib.map_view import LAYER_TABLES, LAYER_ZONES, MapRequest

# URL values of the shading metric (short Italian words, stable in shared links).
METRIC_PARAMS = {"progetti": s.COUNT, "strategie": s.STRATEGIES_COVERED, "abitanti": s.PER_10K}
_METRIC_NAMES = {v: k for k, v in METRIC_PARAMS.items()}
_STRATEGY = re.compile(r"^[1-6]\.[1-9]$")
MAX_SEARCH = 80
# Integers in links are small (zone, axis, step): ASCII digits only, at most this many. `str.isdigit()`
# accepts "²" and "①", which `int()` refuses, and a 5,000-digit value hits Python's integer-string limit.
_SMALL_INT = re.compile(r"[0-9]{1,4}")
# Longest value read from any parameter: anything longer is not a value this app wrote.
MAX_VALUE = 200


def _first(params: Mapping[str, str | list[str]], name: str) -> str | None:
    value = params.get(name)
    if isinstance(value, list):
        value = value[0] if value else None
    if not isinstance(value, str) or len(value) > MAX_VALUE:
        return None
    return value.strip()


def _small_int(params: Mapping[str, str | list[str]], name: str) -> int | None:
    """A small non-negative integer written in ASCII digits, else None."""
    value = _first(params, name)
    return int(value) if value and _SMALL_INT.fullmatch(value) else None


def parse_zone(params: Mapping[str, str | list[str]]) -> int | None:
    """`zona=7` → 7; anything but 1–11 → None."""
    value = _small_int(params, "zona")
    return value if value in s.ZONE_NUMBERS else None


def parse_table(params: Mapping[str, str | list[str]]) -> str | None:
    """`tavolo=D` → 'D'; anything but A–F → None."""
    value = (_first(params, "tavolo") or "").upper()
    return value if value in s.TABLE_IDS else None


def parse_axis(params: Mapping[str, str | list[str]]) -> int | None:
    """`asse=2` → 2; anything but 1–6 → None."""
    value = _small_int(params, "asse")
    return value if value is not None and 1 <= value <= 6 else None


def parse_strategy(params: Mapping[str, str | list[str]], known: set[str]) -> str | None:
    """`strategia=2.3` → '2.3' when it is a known strategy code."""
    value = _first(params, "strategia")
    return value if value and _STRATEGY.match(value) and value in known else None


def parse_search(params: Mapping[str, str | list[str]]) -> str:
    """`cerca=...` → the search text, trimmed to a sane length."""
    return (_first(params, "cerca") or "")[:MAX_SEARCH]


def parse_map_request(params: Mapping[str, str | list[str]], known_strategies: set[str]) -> MapRequest:
    """The map view a URL asks for; a strategy implies its axis."""
    layer = LAYER_TABLES if _first(params, "vista") == LAYER_TABLES else LAYER_ZONES
    strategy = parse_strategy(params, known_strategies)
    axis = int(strategy.split(".")[0]) if strategy else parse_axis(params)
    metric = METRIC_PARAMS.get(_first(params, "misura") or "", s.COUNT)
    selected = parse_zone(params) if layer == LAYER_ZONES else parse_table(params)
    return MapRequest(layer=layer, axis=axis, strategy=strategy, metric=metric,
                      selected=str(selected) if selected is not None else None)


def map_request_params(request: MapRequest) -> dict[str, str]:
    """Query parameters that reproduce a map view (defaults are left out to keep links short)."""
    params: dict[str, str] = {}
    if request.layer != LAYER_ZONES:
        params["vista"] = request.layer
    if request.strategy:
        params["strategia"] = request.strategy
    elif request.axis:
        params["asse"] = str(request.axis)
    if request.metric != s.COUNT:
        params["misura"] = _METRIC_NAMES[request.metric]
    if request.selected:
        params["zona" if request.layer == LAYER_ZONES else "tavolo"] = request.selected
    return params


@dataclass(frozen=True)
class Step:
    """One view of the presentation sequence."""

    kind: str              # "overview", "axis", "table" or "gaps"
    value: int | str | None = None


PRESENTATION_STEPS: tuple[Step, ...] = (
    Step("overview"),
    *(Step("axis", a) for a in range(1, 7)),
    *(Step("table", t) for t in s.TABLE_IDS),
    Step("gaps"),
)


def parse_step(params: Mapping[str, str | list[str]]) -> int:
    """`passo=3` → 3 (1-based), clamped to the sequence; default 1."""
    value = _small_int(params, "passo")
    return 1 if value is None else min(max(value, 1), len(PRESENTATION_STEPS))
