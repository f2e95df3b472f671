"""A simulated co-planning morning: facilitators saving, a room watching the live plenary, 1 or N processes.

`n_processes` Streamlit servers share one database (SQLite in WAL mode, or the PostgreSQL URL given) behind
nginx as deploy/ configures it (sticky sessions). `n_viewers` real sessions open /plenary at once over the
websocket protocol (first render: time to `script_finished`) and then behave as a browser does with a
`run_every` fragment: every time the server asks (`auto_rerun`), they ask for the fragment again. Meanwhile
`n_tables` facilitators each save a contribution every `save_every` seconds, staggered. A save is the
database write the facilitator page's callback makes, done by this process; what is measured is the path
from that committed write to each viewer's screen: the first fragment run whose HTML carries the new
state version (data-psm-version). The server processes' RSS is read at the end.
"""
from __future__ import annotations

import asyncio
import re
import statistics
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect
from websockets.typing import Subprotocol

from bench import sessions
from bench.proxy import Proxy
from bench.server import Server, free_port
from lib.event import model as m
from lib.event.files import default_tables
from lib.event.store import EventStore
from lib.plan.catalogue import read_catalogue
from lib.submissions.db import sqlite_url
from lib.submissions.store import SubmissionStore

PLENARY_PAGE = "plenary"
# The peer: the same load on a bare Streamlit app with the same navigation (bench/bare_app.py).
BARE_APP = "bench/bare_app.py"
_VERSION = re.compile(rb'data-psm-version=\\?"([0-9.]+)')


@dataclass
class Viewer:
    """One screen in the room: when it first rendered, and when it first saw each state version."""

    first_render: float = float("nan")
    ok: bool = False
    error: str = ""
    seen: list[tuple[float, tuple[int, ...]]] = field(default_factory=list)
    fragment_runs: int = 0
    bytes_received: int = 0


def _fragment_rerun(fragment_id: str, query: str, cached: set[str]) -> bytes:
    """What the browser sends when a fragment's run_every timer fires, with the messages it has cached (the
    server then sends a reference instead of a large element it already has, as it does for a browser)."""
    msg = BackMsg()
    msg.rerun_script.query_string = query
    msg.rerun_script.page_name = PLENARY_PAGE
    msg.rerun_script.fragment_id = fragment_id
    msg.rerun_script.is_auto_rerun = True
    msg.rerun_script.cached_message_hashes.extend(sorted(cached))
    return msg.SerializeToString()


async def _watch(port: int, t0: float, query: str, until: float, viewer: Viewer) -> None:
    """Open the plenary, then rerun its fragment whenever the server's auto_rerun interval says so."""
    try:
        async with connect(f"ws://{sessions.HOST}:{port}/_stcore/stream", max_size=None, compression=None,
                           subprotocols=[Subprotocol("streamlit")], ping_interval=None, open_timeout=120) as ws:
            await ws.send(sessions.rerun_message(query, PLENARY_PAGE))
            timers: dict[str, float] = {}
            next_due: dict[str, float] = {}
            cached: set[str] = set()
            while time.perf_counter() < until:
                wait = min([d - time.perf_counter() for d in next_due.values()] or [1.0])
                try:
                    raw = await asyncio.wait_for(ws.recv(decode=False), timeout=max(0.01, wait))
                except TimeoutError:
                    raw = None
                now = time.perf_counter()
                if raw is not None:
                    for found in _VERSION.findall(raw):
                        version = tuple(int(x) for x in found.split(b"."))
                        if not viewer.seen or version > viewer.seen[-1][1]:
                            viewer.seen.append((now, version))
                    fm = ForwardMsg()
                    fm.ParseFromString(raw)
                    viewer.bytes_received += len(raw)
                    if fm.metadata.cacheable:
                        cached.add(fm.hash)
                    kind = fm.WhichOneof("type")
                    if kind == "auto_rerun":
                        timers[fm.auto_rerun.fragment_id] = fm.auto_rerun.interval
                        next_due.setdefault(fm.auto_rerun.fragment_id, now + fm.auto_rerun.interval)
                    elif kind == "script_finished" and not viewer.ok:
                        viewer.ok, viewer.first_render = True, now - t0
                for fragment_id, due in list(next_due.items()):
                    if now >= due and viewer.ok:
                        await ws.send(_fragment_rerun(fragment_id, query, cached))
                        viewer.fragment_runs += 1
                        next_due[fragment_id] = now + timers[fragment_id]
    except Exception as err:
        viewer.error = f"{type(err).__name__}: {str(err)[:120]}"


async def _facilitators(events: EventStore, event_id: int, n_tables: int, every: float, until: float,
                        saves: list[tuple[float, tuple[int, ...]]]) -> None:
    """Each table saves a contribution every `every` seconds, tables staggered across the interval."""
    items = [i.code for i in events.state(event_id).event.spec.items]

    async def table(zone: int) -> None:
        await asyncio.sleep(every * (zone - 1) / n_tables)
        n = 0
        while time.perf_counter() < until - 6:  # leave the screens time to show the last saves
            n += 1
            await asyncio.to_thread(events.save_contribution, event_id, zone, items[(zone + n) % len(items)],
                                    "proposta", f"Contributo {n} del tavolo {zone}")
            saves.append((time.perf_counter(), await asyncio.to_thread(events.version, event_id)))
            await asyncio.sleep(every)
    await asyncio.gather(*(table(zone) for zone in range(1, n_tables + 1)))


def _latencies(saves: list[tuple[float, tuple[int, ...]]], viewers: list[Viewer], until: float) -> list[float]:
    """For every save and every viewer: seconds until the viewer first showed that version or a later one."""
    out = []
    for saved_at, version in saves:
        for viewer in viewers:
            shown = next((t for t, v in viewer.seen if v >= version), None)
            out.append((shown if shown is not None else until) - saved_at)
    return out


def create_event(database_url: str) -> int:
    """A co-planning day over the default edition's strategies, one table per zone."""
    plan = read_catalogue().plan()
    items = tuple(m.Item(c, t, int(a)) for c, t, a in zip(plan.codes, plan.strategy_titles().values(),
                                                          plan.strategies["axis"], strict=True))
    store = SubmissionStore(database_url)
    try:
        spec = m.EventSpec(name="Giornata di prova del benchmark", day=date.today(), plan_edition=plan.edition.key,
                           item_kind=m.ITEMS_STRATEGIES, max_priorities=3, items=items, tables=default_tables())
        return EventStore(store).create(spec, "benchmark")[0]
    finally:
        store.close()


async def measure_event(work: Path, n_processes: int, n_viewers: int, *, n_tables: int = 11, save_every: float = 10.0,
                        duration: float = 60.0, database_url: str | None = None,
                        script: str = "dashboard.py") -> dict[str, Any]:
    """Run the morning and return first-render and save-to-screen figures and the servers' memory."""
    database = "postgresql" if database_url and database_url.startswith("postgresql") else "sqlite"
    folder = work / f"event_{Path(script).stem}_{n_processes}p_{database}"
    folder.mkdir(parents=True, exist_ok=True)
    url = database_url or sqlite_url(folder / "event.sqlite3")
    event_id = create_event(url)
    servers = [Server(None, folder / f"server_{i}.log", env={"PSM_DATABASE_URL": url}, script=script)
               for i in range(n_processes)]
    try:
        for server in servers:
            await sessions.first_render(server.port, server.started, server.started + 120)
        async with Proxy([s.port for s in servers], folder / "site", free_port()) as proxy:
            warm = await sessions.open_batch(proxy.port, 2 * n_processes, page_name=PLENARY_PAGE,
                                             query=f"evento={event_id}")
            await warm.close()
            store = SubmissionStore(url)
            events = EventStore(store)
            viewers = [Viewer() for _ in range(n_viewers)]
            t0 = time.perf_counter()
            until = t0 + duration
            saves: list[tuple[float, tuple[int, ...]]] = []
            await asyncio.gather(*(_watch(proxy.port, t0, f"evento={event_id}", until, v) for v in viewers),
                                 _facilitators(events, event_id, n_tables, save_every, until, saves))
            store.close()
        memory = [s.memory() for s in servers]
    finally:
        for server in servers:
            server.stop()
    rendered = [v.first_render for v in viewers if v.ok]
    latencies = _latencies(saves, [v for v in viewers if v.ok], until)
    return {"processes": n_processes, "viewers": n_viewers, "viewers_ok": len(rendered),
            "first_error": next((v.error for v in viewers if v.error), ""),
            "first_render_p95": sessions.p95(rendered),
            "first_render_median": statistics.median(rendered) if rendered else None,
            "saves": len(saves), "update_p95": sessions.p95(latencies),
            "update_median": statistics.median(latencies) if latencies else None,
            "fragment_runs_per_viewer": statistics.mean(v.fragment_runs for v in viewers) if viewers else 0,
            "kb_per_viewer": statistics.mean(v.bytes_received for v in viewers) / 1000 if viewers else 0,
            "rss_mb": [mem.get("VmRSS") for mem in memory], "peak_rss_mb": [mem.get("VmHWM") for mem in memory],
            "database": database, "duration_s": duration, "script": script, "tables": n_tables,
            "save_every_s": save_every}
