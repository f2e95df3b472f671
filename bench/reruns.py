"""Subprocess probe: server time per interaction, through the entrypoint with AppTest.

Run as `python -m bench.reruns OUT.json --reruns 20` with PSM_PROJECTS_CSV (and PSM_BASEMAP=off) set, one
process per registry so caches never mix. Each interaction opens its page as tests/ui/conftest.py does,
makes one warm-up pass over all its values (the first visit of each view, reported separately), then
times `reruns` more changes, cycling through the same values. Interactions over their target are profiled.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any, Self

from streamlit.testing.v1 import AppTest

from geo.territory import ZONE_IDS
from lib.analysis.measures import MEASURES
from lib.plan.catalogue import read_catalogue
from lib.views import state as k
from lib.views.map_view import LAYERS

ROOT = Path(__file__).resolve().parents[1]
ENTRYPOINT = str(ROOT / "dashboard.py")
HOME = "pages/home_map.py"


def open_page(page: str) -> AppTest:
    """Run the entrypoint and land on `page` (the same steps as tests/ui/conftest.py open_page)."""
    at = AppTest.from_file(ENTRYPOINT, default_timeout=600)
    if page != HOME:
        at.run()
        at.switch_page(page)
        at.query_params.clear()
    return at.run()


@dataclass(frozen=True)
class Interaction:
    """One user action: on which page, which widget (by key) and the values it cycles through."""

    name: str
    page: str
    key: str
    values: tuple[Any, ...] = ()

    def step(self, at: AppTest, i: int) -> Callable[[], AppTest]:
        """Prepare the i-th change on `at` and return the call that runs it (the timed part)."""
        if self.key == k.PRESENTATION_NEXT:
            if at.session_state["presentation_step"] >= 14:
                # Back to the first view in an untimed run (the last view disables the button).
                at.session_state["presentation_step"] = 1
                at.run()
            return at.button(key=self.key).click().run
        return _find_widget(at, self.key).set_value(self.values[i % len(self.values)]).run


def _find_widget(at: AppTest, key: str) -> Any:
    for kind in ("selectbox", "radio", "text_input"):
        for widget in getattr(at, kind):
            if widget.key == key:
                return widget
    raise KeyError(f"no widget with key {key!r} on the page")


# Value cycles: every value once in the warm-up, then again in the timed reruns. Keys and values come from
# the declarations (session keys, layers, measures, the default plan), so a renamed key cannot go unnoticed.
# Strategies: those of the first axis, since picking a strategy also picks its axis (the list then offers
# that axis's strategies only), then "" (all).
_PLAN = read_catalogue().plan()
_FIRST_AXIS = [c for c, axis in _PLAN.strategy_axis().items() if axis == _PLAN.axis_numbers[0]]
INTERACTIONS = (
    Interaction("home: change axis", HOME, k.MAP_AXIS, (*_PLAN.axis_numbers, 0)),
    Interaction("home: change strategy", HOME, k.MAP_STRATEGY, (*_FIRST_AXIS, "")),
    Interaction("home: change metric", HOME, k.MAP_MEASURE, (*[m.key for m in MEASURES[1:]], MEASURES[0].key)),
    Interaction("home: change layer", HOME, k.MAP_LAYER, (*list(LAYERS)[1:], list(LAYERS)[0])),
    Interaction("zone: change zone", "pages/zone.py", k.ZONE_PICK, (*ZONE_IDS[1:], ZONE_IDS[0])),
    Interaction("zone: type a search", "pages/zone.py", k.ZONE_SEARCH, ("s", "sc", "scuola", "parco", "")),
    Interaction("coverage: change axis", "pages/coverage.py", k.COVERAGE_AXIS, (*_PLAN.axis_numbers, 0)),
    Interaction("presentation: next step", "pages/presentation.py", k.PRESENTATION_NEXT),
)


def _summary(times: list[float]) -> dict[str, float]:
    ordered = sorted(times)
    return {
        "median": statistics.median(ordered),
        "p90": ordered[int(0.9 * (len(ordered) - 1))],
        "min": ordered[0],
        "max": ordered[-1],
        "n": len(ordered),
    }


class StackSampler:
    """A sampling profiler for the script thread: AppTest runs the page in a thread cProfile cannot see.

    Every `interval` seconds it takes the stacks of all other threads and counts, per function, the samples
    in which it is running (self) or on the stack (cumulative).
    """

    def __init__(self, interval: float = 0.002) -> None:
        self.interval = interval
        self.samples = 0
        self.cumulative: Counter[str] = Counter()
        self.own: Counter[str] = Counter()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me, main = threading.get_ident(), threading.main_thread().ident
        while not self._stop.wait(self.interval):
            for ident, frame in sys._current_frames().items():
                if ident in (me, main):
                    continue
                names = []
                caller: FrameType | None = frame
                while caller is not None:
                    code = caller.f_code
                    names.append(f"{_short(code.co_filename)}:{code.co_firstlineno}({code.co_name})")
                    caller = caller.f_back
                if not any("scriptrunner" in n or "script_runner" in n for n in names):
                    continue
                self.samples += 1
                self.own[names[0]] += 1
                self.cumulative.update(set(names))

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def report(self, top: int = 30) -> str:
        """The functions with the most samples on the stack, with their share of the script's time."""
        if not self.samples:
            return "no samples"
        lines = [
            f"{self.samples} samples every {self.interval * 1000:.0f} ms; % of samples: on stack / running"
        ]
        for name, n in self.cumulative.most_common(top):
            lines.append(
                f"{100 * n / self.samples:5.1f}% {100 * self.own[name] / self.samples:5.1f}%  {name}"
            )
        lines.append("-- most time running (self):")
        for name, n in self.own.most_common(12):
            lines.append(f"{100 * n / self.samples:5.1f}%  {name}")
        return "\n".join(lines)


def _short(filename: str) -> str:
    """A file name without the long site-packages or checkout prefix."""
    for marker in ("site-packages/", str(ROOT) + "/"):
        if marker in filename:
            return filename.split(marker, 1)[1]
    return filename


def _profile(interaction: Interaction, at: AppTest, start: int, n: int) -> str:
    with StackSampler() as sampler:
        for i in range(start, start + n):
            interaction.step(at, i)()
    return sampler.report()


def measure_interaction(interaction: Interaction, reruns: int, profile_over: float | None) -> dict[str, Any]:
    """Open the page, warm up over every value once, then time `reruns` changes."""
    t0 = time.perf_counter()
    at = open_page(interaction.page)
    opened = time.perf_counter() - t0
    if at.exception:
        return {"error": [e.value for e in at.exception], "open_seconds": opened}
    n_values = len(interaction.values) or 13
    first: list[float] = []
    for i in range(n_values):
        run = interaction.step(at, i)
        t = time.perf_counter()
        run()
        first.append(time.perf_counter() - t)
    timed: list[float] = []
    for i in range(n_values, n_values + reruns):
        run = interaction.step(at, i)
        t = time.perf_counter()
        run()
        timed.append(time.perf_counter() - t)
    result: dict[str, Any] = {
        "open_seconds": opened,
        "first_visit": _summary(first),
        "warm": _summary(timed),
        "exceptions": [e.value for e in at.exception],
    }
    if profile_over is not None and result["warm"]["median"] > profile_over:
        result["profile"] = _profile(interaction, at, n_values + reruns, 5)
    return result


def main() -> None:
    """Measure every interaction and write the results as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--reruns", type=int, default=20)
    parser.add_argument(
        "--profile-over",
        type=float,
        default=None,
        help="sample 5 more reruns of interactions whose median exceeds this many seconds",
    )
    parser.add_argument("--only", default="", help="comma-separated interaction names (default all)")
    args = parser.parse_args()
    wanted = {n.strip() for n in args.only.split(",") if n.strip()}
    results = {}
    for interaction in INTERACTIONS:
        if wanted and interaction.name not in wanted:
            continue
        try:
            results[interaction.name] = measure_interaction(interaction, args.reruns, args.profile_over)
        except Exception as err:
            results[interaction.name] = {"error": f"{type(err).__name__}: {err}"}
    args.out.write_text(json.dumps(results, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
