"""`python -m bench.coldstart [--rounds 6] [--against CHECKOUT ...]`: cold start alone (issue 20).

The same probe as the registry part's `cold_start` figure (a real `streamlit run`, PSM_BASEMAP=off, an empty
data folder of its own; from starting the process to the first session's `script_finished` of the home page),
for the one-line page (`bench/one_line_app.py`, the framework's floor) and for `dashboard.py` of this checkout
and of any other checkout given (e.g. a `git worktree` of an older commit, to compare before and after in one
run). Targets run one after another in an order rotated between rounds; medians over rounds, and each median
as a multiple of the one-line page's (target: home ≤ 2×); the same for the server's CPU seconds by then.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path

from bench import server, sessions

ROOT = server.ROOT  # this checkout


def cold_start(root: Path, script: str, log_dir: Path, timeout: float = 120.0) -> tuple[float, float]:
    """Seconds from starting `streamlit run <script>` in `root` to the first session's script_finished, and the
    server's CPU seconds by then (less sensitive than the wall time to what else the machine runs)."""
    server.ROOT = root  # Server starts streamlit in server.ROOT
    try:
        stamp = time.monotonic_ns()
        srv = server.Server(None, log_dir / f"{stamp}.log", data_dir=log_dir / f"var{stamp}", script=script)
    finally:
        server.ROOT = ROOT
    try:
        first = asyncio.run(sessions.first_render(srv.port, srv.started, srv.started + timeout))
        cpu = server.cpu_seconds(srv.pid)
    finally:
        srv.stop()
    if not first.ok:
        raise RuntimeError(f"{root}/{script}: {first.error}")
    return first.seconds, cpu



def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--against", type=Path, nargs="*", default=[], help="other checkouts' dashboard.py too")
    args = parser.parse_args()
    targets = [(ROOT, "bench/one_line_app.py"), (ROOT, "dashboard.py"),
               *((Path(p).resolve(), "dashboard.py") for p in args.against)]
    times: dict[tuple[Path, str], list[tuple[float, float]]] = {t: [] for t in targets}
    with tempfile.TemporaryDirectory() as tmp:
        for n in range(args.rounds):
            for target in targets[n % len(targets):] + targets[:n % len(targets)]:
                times[target].append(cold_start(*target, Path(tmp)))
                time.sleep(0.5)  # let the port and the files go
    floor = [statistics.median(v[i] for v in times[targets[0]]) for i in (0, 1)]
    for (root, script), values in times.items():
        wall, cpu = (statistics.median(v[i] for v in values) for i in (0, 1))
        print(f"cold start {root}/{script}: median {wall:.2f} s ({wall / floor[0]:.2f}x the one-line page), "
              f"server CPU {cpu:.2f} s ({cpu / floor[1]:.2f}x); rounds {', '.join(f'{w:.2f}' for w, _ in values)} s")


if __name__ == "__main__":
    main()
