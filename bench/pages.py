"""Every page's warm server CPU beside its same-elements peer (issue 20: "a warm run of every public page
reported in ms of server CPU beside its same-elements peer").

The pages are the ones dashboard.py registers (read from its source, so a new page is measured without a
change here); the gated pages are measured at the screen a visitor without a code or password sees. Each page
is recorded from a warm session of ours and replayed by its own `bench/replay_app.py`, and made again by its
own `bench/calls_app.py` (see bench.floor); then, per round and in an order rotated between rounds, ours and
its two peers are each timed over `n_sequential` warm sessions opened one after another. The figure is our
median CPU per session, with the peers' and the ratios: to the same-elements peer (what the issue asks for)
and to the same-calls peer (what is left of ours once Streamlit's calls for the same elements are paid).
"""
from __future__ import annotations

import ast
import statistics
from pathlib import Path
from typing import Any

from bench.event import create_event
from bench.figures import REAL
from bench.floor import Target, cpu_per_session, open_target, start_peers, started
from bench.report import Figure, figure
from bench.server import ROOT, Server
from lib.submissions.db import sqlite_url
from lib.views import params as p

# Each page, its same-elements peer and its same-calls peer.
SIDES = ("ours", "peer", "calls")
# The query each page is opened with where its first screen needs one ({event}: the bench's co-planning day).
QUERIES = {"zone": f"{p.ZONE.name}=1", "project": f"{p.PROJECT.name}=P001", "plenary": f"{p.EVENT.name}={{event}}",
           "search": f"{p.SEARCH.name}=bici"}


def registered_pages(entrypoint: Path = ROOT / "dashboard.py") -> list[tuple[str, str]]:
    """(file, url_path) of every st.Page the entry point registers, in its order, read from its source ("" for
    a page that names no url_path)."""
    pages = []
    for node in ast.walk(ast.parse(entrypoint.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "Page" and node.args \
                and isinstance(node.args[0], ast.Constant):
            paths = [k.value.value for k in node.keywords if k.arg == "url_path" and isinstance(k.value, ast.Constant)]
            pages.append((str(node.args[0].value), str(paths[0]) if paths else ""))
    return pages


def page_paths() -> list[str]:
    """The url_path of every registered page."""
    return [path for _, path in registered_pages()]


async def measure_pages(work: Path, n_sequential: int, rounds: int) -> dict[str, Any]:
    """Record every page, start its peer, then time ours and the peer `rounds` times in rotated order."""
    folder = work / "pages"
    folder.mkdir(parents=True, exist_ok=True)
    url = sqlite_url(folder / "event.sqlite3")
    event_id = create_event(url)
    ours = Server(None, folder / "dashboard.log", data_dir=folder / "var", env={"PSM_DATABASE_URL": url})
    servers = [ours]
    sides: dict[str, tuple[Target, Target, Target]] = {}
    try:
        if error := await started(servers):
            return {"error": error}
        for path in page_paths():
            target = Target(ours, path, QUERIES.get(path, "").format(event=event_id))
            (peer, calls), started_peers, error = await start_peers(target, folder, path)
            servers += started_peers
            if error:
                return {"error": f"the peers of {path}: {error}"}
            sides[path] = (target, peer, calls)
        measured: dict[str, dict[str, list[float | str]]] = {path: {side: [] for side in SIDES} for path in sides}
        order = list(sides)
        for n in range(rounds):
            for path in order[n % len(order):] + order[:n % len(order)]:
                for side, target in zip(SIDES, sides[path], strict=True):
                    keeper = await open_target(target, 1)
                    try:
                        measured[path][side].append(await cpu_per_session(target, n_sequential))
                    finally:
                        await keeper.close()
        return {"rounds": rounds, "n_sequential": n_sequential, "pages": measured,
                "queries": {path: three[0].query for path, three in sides.items()}}
    finally:
        for server in servers:
            server.stop()


def page_figures(result: dict[str, Any]) -> list[Figure]:
    """One reported figure per page: our CPU per warm session (median over rounds), the peer's, the ratio."""
    if "error" in result:
        return [figure("page_cpu", "server CPU per warm session, every page", REAL, None, "ms", judged=False,
                       error=result["error"])]
    figs = []
    for path, sides in result["pages"].items():
        error = next((v for side in SIDES for v in sides.get(side, []) if isinstance(v, str)), "")
        ours, peer, calls = (None if error or not sides.get(side) else statistics.median(sides[side])
                             for side in SIDES)
        query = result["queries"].get(path, "")
        figs.append(figure("page_cpu", f"server CPU per warm session, /{path}{'?' + query if query else ''}"
                           + (f" (its same-elements peer {peer:.1f} ms, {ours / peer:.2f}x; its same-calls peer "
                              f"{calls:.1f} ms, {ours / calls:.2f}x)" if ours and peer and calls else ""),
                           REAL, ours, "ms", judged=False, error=error, peer_ms=peer, calls_ms=calls,
                           ratio=ours / peer if ours and peer else None,
                           calls_ratio=ours / calls if ours and calls else None, rounds=sides))
    return figs
