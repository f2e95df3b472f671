"""Our pages against the framework's floor (issue 20): home and plenary beside a one-line Streamlit page and
beside their same-elements peers, under the same burst, on one process each.

Servers, all on loopback and alive together (only one is worked at a time): dashboard.py on SQLite with a
co-planning day for the plenary; bench/one_line_app.py; and for each of our two pages a bench/replay_app.py
that sends the messages the page sent (recorded from a warm session of ours). Per page and round, in an
order rotated between rounds: the server CPU of `n_sequential` warm sessions opened one after the other (one
more held open, as in a room: Streamlit forgets its compiled scripts when the last session leaves), then
`n_burst` sessions opened at once (p95 time to script_finished). Ratios are taken within each round and their
median over rounds is the figure.
"""
from __future__ import annotations

import asyncio
import statistics
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect
from websockets.typing import Subprotocol

from bench import sessions
from bench.event import PLENARY_PAGE, create_event
from bench.figures import REAL
from bench.recording import element_shape, keep, read_messages, write_messages
from bench.report import Figure, figure
from bench.server import Server, cpu_seconds
from lib.submissions.db import sqlite_url

ONE_LINE_APP = "bench/one_line_app.py"
REPLAY_APP = "bench/replay_app.py"
CALLS_APP = "bench/calls_app.py"
BARE, HOME, HOME_PEER, PLENARY, PLENARY_PEER = "bare", "home", "home peer", "plenary", "plenary peer"
HOME_CALLS, PLENARY_CALLS = "home calls", "plenary calls"
LABELS = {BARE: "one-line Streamlit page", HOME: "home /", HOME_PEER: "same-elements peer of home",
          PLENARY: "plenary /plenary?evento=1", PLENARY_PEER: "same-elements peer of the plenary",
          HOME_CALLS: "same-calls peer of home", PLENARY_CALLS: "same-calls peer of the plenary"}
# Each page's peers: (page, its same-elements peer, its same-calls peer).
PEERS = ((HOME, HOME_PEER, HOME_CALLS), (PLENARY, PLENARY_PEER, PLENARY_CALLS))
# (figure kind, page, reference): the targets are on the first three (bench/report.py TARGETS); the
# same-calls peer splits the distance to the same-elements peer into the framework's calls and our code.
RATIOS = (("floor_home_vs_bare", HOME, BARE), ("floor_home_vs_peer", HOME, HOME_PEER),
          ("floor_plenary_vs_bare", PLENARY, BARE), ("floor_plenary_vs_peer", PLENARY, PLENARY_PEER),
          ("floor_home_vs_calls", HOME, HOME_CALLS), ("floor_plenary_vs_calls", PLENARY, PLENARY_CALLS))


@dataclass(frozen=True)
class Target:
    """One page to measure: which server, which page of it and with which query."""

    server: Server
    page_name: str = ""
    query: str = ""


async def record(target: Target) -> list[ForwardMsg]:
    """The messages one warm session of this page receives that its script made."""
    kept: list[ForwardMsg] = []
    async with connect(f"ws://{sessions.HOST}:{target.server.port}/_stcore/stream", max_size=None,
                       compression=None, subprotocols=[Subprotocol("streamlit")], ping_interval=None) as ws:
        await ws.send(sessions.rerun_message(target.query, target.page_name))
        while True:
            message = ForwardMsg()
            message.ParseFromString(await ws.recv())
            if message.WhichOneof("type") == "script_finished":
                return kept
            if (copy := keep(message)) is not None:
                kept.append(copy)


async def open_target(target: Target, n: int) -> sessions.Batch:
    return await sessions.open_batch(target.server.port, n, page_name=target.page_name, query=target.query)


async def started(servers: list[Server], timeout: float = 180.0) -> str:
    """'' once every server has run its first page, else why the first that did not."""
    for server in servers:
        first = await sessions.first_render(server.port, server.started, server.started + timeout)
        if not first.ok:
            return f"{server.command[4]} did not start: {first.error}"
    return ""


async def start_peer(target: Target, folder: Path, name: str, script: str = REPLAY_APP) -> Server:
    """A peer of a page, sending what a warm session of `target` receives: the same-elements peer (REPLAY_APP)
    or the same-calls peer (CALLS_APP, which plays the recording made for the first)."""
    recording = folder / f"{name}.messages"
    if script == REPLAY_APP:
        await (await open_target(target, 3)).close()  # warm: caches filled, pages visited
        write_messages(recording, await record(target))
    return Server(None, folder / f"{name}_{Path(script).stem}.log", script=script,
                  env={"PSM_BENCH_REPLAY": str(recording)})


async def start_peers(target: Target, folder: Path, name: str) -> tuple[tuple[Target, Target], list[Server], str]:
    """Both peers of a page, started and checked: their targets, their servers (to stop, whatever happened), and
    '' or why they cannot be measured."""
    replay = await start_peer(target, folder, name, REPLAY_APP)
    calls = await start_peer(target, folder, name, CALLS_APP)
    # The replay app has no pages; the same-calls peer has ours, by url_path.
    peers = (Target(replay), Target(calls, target.page_name))
    error = await started([replay, calls]) or await same_elements(peers[1], folder, name)
    return peers, [replay, calls], error


async def same_elements(peer: Target, folder: Path, name: str) -> str:
    """'' when a session of the peer receives the elements recorded for `name`, in the same places; else how
    they differ (a same-calls peer that makes something else would measure something else)."""
    made = [element_shape(m) for m in await record(peer) if m.WhichOneof("type") == "delta"]
    wanted = [element_shape(m) for m in read_messages(str(folder / f"{name}.messages"))
              if m.WhichOneof("type") == "delta"]
    if made == wanted:
        return ""
    at = next((i for i, (a, b) in enumerate(zip(made, wanted, strict=False)) if a != b), min(len(made), len(wanted)))
    return (f"the same-calls peer of {name} made {len(made)} elements for {len(wanted)}; the first difference, "
            f"at {at}: {made[at] if at < len(made) else None} for {wanted[at] if at < len(wanted) else None}")


async def cpu_per_session(target: Target, n_sequential: int) -> float | str:
    """Server CPU ms of one warm session, over `n_sequential` opened one after another (the caller holds one
    more open: Streamlit forgets its compiled scripts when the last session leaves); the error if one failed."""
    started = cpu_seconds(target.server.pid)
    for _ in range(n_sequential):
        one = await sessions.run_session(target.server.port, time.perf_counter(), page_name=target.page_name,
                                         query=target.query)
        if not one.ok:
            return one.error or "a session failed"
    return 1000 * (cpu_seconds(target.server.pid) - started) / n_sequential


async def measure_page(target: Target, n_sequential: int, n_burst: int) -> dict[str, Any]:
    """Server CPU per warm session (one at a time) and the burst's p95, with the bytes a session receives."""
    keeper = await open_target(target, 1)
    try:
        cpu_ms = await cpu_per_session(target, n_sequential)
        if isinstance(cpu_ms, str):
            return {"error": cpu_ms}
        await asyncio.sleep(0.5)
        started = cpu_seconds(target.server.pid)
        burst = await open_target(target, n_burst)
        stats = burst.stats()
        stats["server_cpu_seconds"] = cpu_seconds(target.server.pid) - started
        await burst.close()
    finally:
        await keeper.close()
    await asyncio.sleep(1.0)
    return {"cpu_ms_per_session": cpu_ms, **stats}


async def measure_floor(work: Path, n_sequential: int, n_burst: int, rounds: int) -> dict[str, Any]:
    """Start the servers, record our pages, then measure every page `rounds` times in rotated order."""
    folder = work / "floor"
    folder.mkdir(parents=True, exist_ok=True)
    url = sqlite_url(folder / "event.sqlite3")
    event_id = create_event(url)
    ours = Server(None, folder / "dashboard.log", data_dir=folder / "var", env={"PSM_DATABASE_URL": url})
    servers = [ours, Server(None, folder / "one_line.log", script=ONE_LINE_APP)]
    targets = {HOME: Target(ours), PLENARY: Target(ours, PLENARY_PAGE, f"evento={event_id}"),
               BARE: Target(servers[1])}
    try:
        if error := await started(servers):
            return {"error": error}
        for page, peer, calls in PEERS:
            (targets[peer], targets[calls]), started_peers, error = await start_peers(targets[page], folder, page)
            servers += started_peers
            if error:
                return {"error": error}
        for target in targets.values():
            await (await open_target(target, 3)).close()
        order = list(targets)
        measured: dict[str, list[dict[str, Any]]] = {name: [] for name in order}
        for n in range(rounds):
            for name in order[n % len(order):] + order[:n % len(order)]:
                measured[name].append(await measure_page(targets[name], n_sequential, n_burst))
        return {"rounds": rounds, "n_sequential": n_sequential, "n_burst": n_burst, "pages": measured}
    finally:
        for server in servers:
            server.stop()


def median_or_none(values: list[float | None]) -> float | None:
    """The median, or None when any value is missing."""
    clean = [v for v in values if v is not None]
    return statistics.median(clean) if len(clean) == len(values) and clean else None


def floor_figures(result: dict[str, Any]) -> list[Figure]:
    """Per page its CPU per warm session and burst p95; then each ratio to the floor and to the peer."""
    if "error" in result:
        return [figure("floor_home_vs_bare", "home p95 / one-line page p95", REAL, None, "x", error=result["error"])]
    pages, n_burst = result["pages"], result["n_burst"]
    errors = {name: next((r.get("error") or f"{r['failed']} sessions failed: {r.get('first_error')}"
                          for r in runs if "error" in r or r.get("failed")), None) for name, runs in pages.items()}
    p95 = {name: [None if errors[name] else r.get("p95") for r in runs] for name, runs in pages.items()}
    cpu = {name: [r.get("cpu_ms_per_session") for r in runs] for name, runs in pages.items()}
    figs = []
    for name, runs in pages.items():
        figs.append(figure("floor_cpu", f"server CPU per warm session, {LABELS[name]}", REAL, median_or_none(cpu[name]),
                           "ms", judged=False, rounds=cpu[name]))
        figs.append(figure("floor_p95", f"p95 time to fully run, {n_burst} sessions at once, {LABELS[name]}", REAL,
                           median_or_none(p95[name]), "s", judged=False, rounds=p95[name], error=errors[name] or "",
                           ws_bytes_per_session=runs[0].get("ws_bytes"), deltas=runs[0].get("deltas")))
    for kind, page, reference in RATIOS:
        ratios = [None if a is None or not b else a / b for a, b in zip(p95[page], p95[reference], strict=True)]
        cpu_ratio = median_or_none([a / b if a and b else None for a, b in zip(cpu[page], cpu[reference], strict=True)])
        figs.append(figure(kind, f"{page} p95 / {LABELS[reference]} p95, {n_burst} sessions at once", REAL,
                           median_or_none(ratios), "x", rounds=ratios, cpu_ratio=cpu_ratio,
                           error=errors[page] or errors[reference] or ""))
    return figs
