"""Figures, targets, the printed lines and results.json (its layout is checked by `python -m bench.check`)."""

from __future__ import annotations

import json
import os
import platform
import subprocess
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]

# The targets. Keys are figure kinds; a figure without a target is reported, never judged.
TARGETS: dict[str, dict[str, Any]] = {
    "map_payload": {"max": 120_000, "unit": "B", "label": "map payload, default view"},
    "rerun_median": {
        "max": {"real": 0.100, "10000": 0.250, "100000": 1.0},
        "unit": "s",
        "label": "median rerun per interaction",
    },
    "cold_start": {"max": 3.0, "unit": "s", "label": "cold start to first render"},
    "session_memory": {"max": 10.0, "unit": "MB", "label": "memory per additional viewer session"},
    "burst_p95": {
        "max": 10.0,
        "unit": "s",
        "label": "p95 time to fully run, sessions opened at once",
        "aim": 3.0,
    },
    # Not in the table but in its text: the browser never gets 100k DOM nodes. Above 1,500
    # markers lib/markers.py aggregates per comune, so this is the most a default map should carry.
    "map_markers": {"max": 1500, "unit": "markers", "label": "markers in the default map"},
    # The co-planning day (issue 13; issue 20 lowered the first target from 5 s and added the second): 11
    # facilitators saving every 10 s, 300 viewers on the live plenary.
    "event_update_p95": {"max": 2.0, "unit": "s", "label": "p95 time from a save to its appearance on viewers"},
    "event_idle_cores": {"max": 0.05, "unit": "cores", "label": "server CPU of 300 screens watching, no saves"},
    "event_first_render_p95": {
        "max": 3.0,
        "unit": "s",
        "label": "p95 first render of the plenary, viewers opening at once (judged with 2 or more processes)",
    },
    # Issue 20: our pages against the framework's floor (bench.floor), p95 ratios under the same burst.
    "floor_home_vs_bare": {"max": 2.0, "unit": "x", "label": "home p95 / one-line Streamlit page p95"},
    "floor_home_vs_peer": {"max": 1.2, "unit": "x", "label": "home p95 / its same-elements peer's p95"},
    "floor_plenary_vs_bare": {"max": 1.6, "unit": "x", "label": "plenary p95 / one-line Streamlit page p95"},
    # The same with two processes of each behind nginx, and home on a registry of 100,000 (bench.floor_scale).
    "floor_home_vs_bare_nginx": {"max": 2.0, "unit": "x", "label": "home / one-line page, 2 processes behind nginx"},
    "floor_plenary_vs_bare_nginx": {"max": 1.6, "unit": "x",
                                    "label": "plenary / one-line page, 2 processes behind nginx"},
    "floor_home_vs_bare_large": {"max": 2.5, "unit": "x", "label": "home / one-line page, 100,000 projects"},
}
# Targets a full run must meet: `python -m bench.check` fails a full run's results that miss one (a --quick
# run's bursts are too small to judge them, so there they are printed, never enforced).
ENFORCED_IN_FULL_RUN = ("floor_home_vs_bare", "floor_home_vs_peer", "floor_plenary_vs_bare",
                        "floor_home_vs_bare_nginx", "floor_plenary_vs_bare_nginx", "floor_home_vs_bare_large",
                        "event_update_p95", "event_idle_cores")


@dataclass
class Figure:
    """One measured number, the registry it was measured on, and its target when there is one."""

    name: str
    registry: str
    value: float | None
    unit: str
    target: float | None = None
    ok: bool | None = None
    kind: str = ""
    details: dict[str, Any] = field(default_factory=dict)

    def judge(self) -> Figure:
        """Set `ok` from value and target: None without a target, False when a judged figure has no value."""
        if self.target is None:
            self.ok = None
        else:
            self.ok = self.value is not None and bool(self.value <= self.target)
        return self


def target_for(kind: str, registry: str) -> float | None:
    """The target of a figure kind on a registry ("real", "10000", ...), or None."""
    spec = TARGETS.get(kind)
    if spec is None:
        return None
    limit = spec["max"]
    if isinstance(limit, dict):
        return limit.get(registry)
    return limit


def figure(
    kind: str,
    name: str,
    registry: str,
    value: float | None,
    unit: str,
    *,
    judged: bool = True,
    **details: Any,
) -> Figure:
    """A figure of a known kind, with its target looked up (judged=False reports without a target)."""
    target = target_for(kind, registry) if judged else None
    return Figure(
        name=name, registry=registry, value=value, unit=unit, target=target, kind=kind, details=details
    ).judge()


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "n/a"
    if unit == "B":
        return f"{value:,.0f}"
    if unit == "s":
        return f"{value:.3f}"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.2f}"
    return f"{value:,.0f}"


def format_line(fig: Figure) -> str:
    """`<figure> [<registry>]: <value> <unit> (target <target>) OK/MISS`."""
    value = _fmt(fig.value, fig.unit)
    if fig.target is None:
        return f"{fig.name} [{fig.registry}]: {value} {fig.unit} (target -) -"
    verdict = "OK" if fig.ok else "MISS"
    return f"{fig.name} [{fig.registry}]: {value} {fig.unit} (target {_fmt(fig.target, fig.unit)}) {verdict}"


def _git(*args: str) -> str:
    try:
        return subprocess.run(
            ["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=10, check=False
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


def _mem_total_mb() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024)
    except OSError:
        pass
    return None


def machine_info() -> dict[str, Any]:
    """What the figures were measured on: CPU, memory, Python and library versions, git state."""
    import folium
    import geopandas
    import pandas
    import streamlit

    return {
        "cpus": os.cpu_count(),
        "cpu_model": _cpu_model(),
        "mem_total_mb": _mem_total_mb(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "streamlit": streamlit.__version__,
        "pandas": pandas.__version__,
        "geopandas": geopandas.__version__,
        "folium": folium.__version__,
        "git_commit": _git("rev-parse", "HEAD"),
        "git_dirty": bool(_git("status", "--porcelain", "--untracked-files=no")),
    }


def build_results(
    figures: list[Figure], peer: dict[str, Any], settings: dict[str, Any], extra: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The results.json document."""
    return {
        "generated_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": machine_info(),
        "settings": settings,
        "targets": TARGETS,
        "figures": [asdict(f) for f in figures],
        "peer": peer,
        **(extra or {}),
    }


def write_results(results: dict[str, Any], path: Path) -> None:
    """Write results.json (creating its folder)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8")


REQUIRED_KEYS = ("generated_at", "machine", "targets", "figures", "peer")
FIGURE_KEYS = ("name", "registry", "value", "unit", "target", "ok")


def check_results(results: dict[str, Any]) -> list[str]:
    """Problems with a results document's layout (empty when it is valid)."""
    problems = [f"missing key '{k}'" for k in REQUIRED_KEYS if k not in results]
    figures = results.get("figures")
    if not isinstance(figures, list) or not figures:
        return [*problems, "no figures"]
    for i, fig in enumerate(figures):
        missing = [k for k in FIGURE_KEYS if k not in fig]
        if missing:
            problems.append(f"figure {i} lacks {', '.join(missing)}")
        elif fig["value"] is not None and not isinstance(fig["value"], (int, float)):
            problems.append(f"figure {i} ({fig['name']}) has a non-numeric value")
        elif fig["value"] is None and (error := (fig.get("details") or {}).get("error")):
            # A probe that crashed is not a measurement: the smoke test must fail, not print "n/a".
            problems.append(f"figure {i} ({fig['name']} [{fig['registry']}]): the probe failed: {str(error)[:300]}")
    if not isinstance(results.get("peer"), dict):
        problems.append("peer is not an object")
    if not (results.get("settings") or {}).get("quick", True):
        problems += [f"figure {i} ({fig['name']} [{fig['registry']}]): missed its target {fig['target']}"
                     f" ({fig['value']})" for i, fig in enumerate(figures)
                     if isinstance(fig, dict) and fig.get("kind") in ENFORCED_IN_FULL_RUN and fig.get("ok") is False]
    return problems
