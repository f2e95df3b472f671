"""The floor under the two other conditions of issue 20's targets: two processes behind nginx as deploy/ sets
them up (home ≤ 2×, plenary ≤ 1.6× the one-line page), and a registry of 100,000 projects (home ≤ 2.5×).

Each condition starts our app and the one-line page under it side by side (for nginx: two processes of each,
each pair behind its own nginx); then per round, in an order rotated between rounds, `n_burst` sessions open
each page at once (p95 time to script_finished). Ratios are taken within a round; the figure is their median.
"""
from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path
from typing import Any

from bench import sessions
from bench.event import PLENARY_PAGE, create_event
from bench.figures import REAL
from bench.floor import BARE, HOME, LABELS, ONE_LINE_APP, PLENARY, median_or_none, started
from bench.proxy import Proxy, nginx_available
from bench.report import Figure, figure
from bench.server import Server, free_port
from lib.submissions.db import sqlite_url

NGINX, LARGE = "nginx", "large"
# (figure kind, condition, page): the targets are in bench/report.py TARGETS.
SCALE_RATIOS = (("floor_home_vs_bare_nginx", NGINX, HOME), ("floor_plenary_vs_bare_nginx", NGINX, PLENARY),
                ("floor_home_vs_bare_large", LARGE, HOME))
CONDITIONS = {NGINX: "{n} processes behind nginx", LARGE: "{n:,} projects"}


async def _rounds(ports: dict[str, tuple[int, str, str]], n_burst: int, rounds: int) -> dict[str, list[dict]]:
    """`rounds` bursts of each page, rotated; ports maps a page to (port, page name, query)."""
    for port, page, query in ports.values():  # warm: caches filled, the pages visited on every process
        await (await sessions.open_batch(port, 6, page_name=page, query=query)).close()
    order = list(ports)
    measured: dict[str, list[dict]] = {name: [] for name in order}
    for n in range(rounds):
        for name in order[n % len(order):] + order[:n % len(order)]:
            port, page, query = ports[name]
            burst = await sessions.open_batch(port, n_burst, page_name=page, query=query)
            measured[name].append(burst.stats())
            await burst.close()
            await asyncio.sleep(1.0)
    return measured


async def measure_nginx(work: Path, n_processes: int, n_burst: int, rounds: int) -> dict[str, Any]:
    """Home and plenary on `n_processes` of ours behind nginx, the one-line page on as many behind another."""
    if not nginx_available():
        return {"skipped": "nginx is not installed"}
    folder = work / "floor_nginx"
    folder.mkdir(parents=True, exist_ok=True)
    url = sqlite_url(folder / "event.sqlite3")
    event_id = create_event(url)
    ours = [Server(None, folder / f"dashboard_{i}.log", data_dir=folder / "var", env={"PSM_DATABASE_URL": url})
            for i in range(n_processes)]
    bare = [Server(None, folder / f"one_line_{i}.log", script=ONE_LINE_APP) for i in range(n_processes)]
    try:
        if error := await started(ours + bare):
            return {"error": error}
        async with contextlib.AsyncExitStack() as stack:
            front = await stack.enter_async_context(
                Proxy([s.port for s in ours], folder / "site", free_port(), data_dir=folder / "var"))
            bare_front = await stack.enter_async_context(
                Proxy([s.port for s in bare], folder / "site_bare", free_port()))
            ports = {HOME: (front.port, "", ""), PLENARY: (front.port, PLENARY_PAGE, f"evento={event_id}"),
                     BARE: (bare_front.port, "", "")}
            measured = await _rounds(ports, n_burst, rounds)
    finally:
        for server in ours + bare:
            server.stop()
    return {"condition": NGINX, "n": n_processes, "n_burst": n_burst, "rounds": rounds, "pages": measured}


async def measure_large(work: Path, registry: Path, n_projects: int, n_burst: int, rounds: int) -> dict[str, Any]:
    """Home on a synthetic registry of `n_projects` beside the one-line page, one process each."""
    folder = work / "floor_large"
    folder.mkdir(parents=True, exist_ok=True)
    ours = Server(registry, folder / "dashboard.log", data_dir=folder / "var")
    bare = Server(None, folder / "one_line.log", script=ONE_LINE_APP)
    try:
        if error := await started([ours, bare], 900):
            return {"error": error}
        measured = await _rounds({HOME: (ours.port, "", ""), BARE: (bare.port, "", "")}, n_burst, rounds)
    finally:
        ours.stop()
        bare.stop()
    return {"condition": LARGE, "n": n_projects, "n_burst": n_burst, "rounds": rounds, "pages": measured}


def scale_figures(result: dict[str, Any], condition: str) -> list[Figure]:
    """Each page's p95 under the condition, then its ratio to the one-line page's (judged)."""
    kinds = [(kind, page) for kind, cond, page in SCALE_RATIOS if cond == condition]
    if "skipped" in result:
        return [figure(kind, f"{page} p95 / one-line page p95, {condition} (skipped: {result['skipped']})", REAL,
                       None, "x", judged=False) for kind, page in kinds]
    if "error" in result:
        return [figure(kind, f"{page} p95 / one-line page p95, {condition}", REAL, None, "x", error=result["error"])
                for kind, page in kinds]
    where = CONDITIONS[condition].format(n=result["n"])
    pages, n_burst = result["pages"], result["n_burst"]
    errors = {name: next((f"{r['failed']} sessions failed: {r.get('first_error')}" for r in runs if r.get("failed")),
                         "") for name, runs in pages.items()}
    p95 = {name: [None if errors[name] else r.get("p95") for r in runs] for name, runs in pages.items()}
    figs = [figure("floor_p95", f"p95 time to fully run, {n_burst} sessions at once, {LABELS[name]}, {where}", REAL,
                   median_or_none(p95[name]), "s", judged=False, rounds=p95[name], error=errors[name])
            for name in pages]
    for kind, page in kinds:
        ratios = [None if a is None or not b else a / b for a, b in zip(p95[page], p95[BARE], strict=True)]
        figs.append(figure(kind, f"{page} p95 / {LABELS[BARE]} p95, {n_burst} sessions at once, {where}", REAL,
                           median_or_none(ratios), "x", rounds=ratios, error=errors[page] or errors[BARE]))
    return figs
