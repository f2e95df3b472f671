"""A simulated co-planning morning: facilitators saving, a room watching the live plenary, 1 or N processes.

`n_processes` Streamlit servers share one database (SQLite in WAL mode, or the PostgreSQL URL given) behind
nginx as deploy/ configures it (sticky sessions). `n_viewers` real sessions open /plenary at once over the
websocket protocol (first render: time to `script_finished`) and then behave as the page's map frame does
(geo/map_frame/index.html): every LIVE_POLL_S each asks for the event's live file again, on one kept-alive
connection, with the ETag it last got (nginx answers 304 while the file is unchanged). The room first sits
idle for `idle_s` (no saves: the servers' CPU over that time is the cost of the watching screens); then
`n_tables` facilitators each save a contribution every `save_every` seconds, staggered. A save is the
database write the facilitator page's callback makes, done by this process; what is measured is the path
from that committed write to each viewer's screen: the first live file that carries the new state version.
The server processes' RSS is read at the end.
"""
from __future__ import annotations

import asyncio
import gzip
import json
import re
import statistics
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect
from websockets.typing import Subprotocol

from bench import sessions
from bench.proxy import Proxy
from bench.server import Server, cpu_seconds, free_port
from deploy.static_site import component_folders
from lib.event import model as m
from lib.event.files import default_tables
from lib.event.store import EventStore
from lib.loaders.live_file import LIVE_POLL_S, file_name
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
    polls: int = 0
    bytes_received: int = 0

    def saw(self, at: float, tag: str | bytes) -> None:
        text = tag.decode() if isinstance(tag, bytes) else tag
        version = tuple(int(x) for x in text.split("."))
        if not self.seen or version > self.seen[-1][1]:
            self.seen.append((at, version))


async def _poll(port: int, path: str, stop: asyncio.Event, viewer: Viewer) -> None:
    """Ask for the live file every LIVE_POLL_S after the last answer, as the map frame's fetch does."""
    reader = writer = None
    etag = ""
    try:
        while not stop.is_set():
            await asyncio.sleep(LIVE_POLL_S)
            if reader is None or writer is None:
                reader, writer = await asyncio.open_connection(sessions.HOST, port)
            validator = f"If-None-Match: {etag}\r\n" if etag else ""
            writer.write(f"GET {path} HTTP/1.1\r\nHost: {sessions.HOST}:{port}\r\nAccept-Encoding: gzip\r\n"
                         f"{validator}\r\n".encode("latin-1"))
            status, body, reusable, headers = await asyncio.wait_for(sessions.read_response(reader), 30)
            viewer.polls += 1
            viewer.bytes_received += len(body)
            if status == 200:
                text = gzip.decompress(body) if headers.get("content-encoding") == "gzip" else body
                viewer.saw(time.perf_counter(), json.loads(text)["version"])
                etag = headers.get("etag", "")
            if not reusable:
                writer.close()
                reader = writer = None
    finally:
        if writer is not None:
            writer.close()


async def _watch(port: int, t0: float, query: str, live_path: str, stop: asyncio.Event, viewer: Viewer) -> None:
    """Open the plenary, keep its websocket open, and poll its live file until `stop`."""
    try:
        async with connect(f"ws://{sessions.HOST}:{port}/_stcore/stream", max_size=None, compression=None,
                           subprotocols=[Subprotocol("streamlit")], ping_interval=None, open_timeout=120) as ws:
            await ws.send(sessions.rerun_message(query, PLENARY_PAGE))
            while not viewer.ok:
                raw = await asyncio.wait_for(ws.recv(decode=False), timeout=120)
                viewer.bytes_received += len(raw)
                for found in _VERSION.findall(raw):
                    viewer.saw(time.perf_counter(), found)
                fm = ForwardMsg()
                fm.ParseFromString(raw)
                if fm.WhichOneof("type") == "script_finished":
                    viewer.ok, viewer.first_render = True, time.perf_counter() - t0
            await _poll(port, live_path, stop, viewer)
    except Exception as err:
        viewer.error = f"{type(err).__name__}: {str(err)[:120]}"


async def _facilitators(events: EventStore, event_id: int, n_tables: int, every: float, until: float,
                        saves: list[tuple[float, tuple[int, ...]]]) -> None:
    """Each table saves a contribution every `every` seconds, tables staggered across the interval."""
    items = [i.code for i in events.state(event_id).event.spec.items]

    async def table(zone: int) -> None:
        await asyncio.sleep(every * (zone - 1) / n_tables)
        n = 0
        while time.perf_counter() < until - 4:  # leave the screens time to show the last saves
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
                        duration: float = 60.0, idle_s: float = 15.0, database_url: str | None = None,
                        script: str = "dashboard.py") -> dict[str, Any]:
    """Run the morning and return first-render, idle-cost and save-to-screen figures and the servers' memory."""
    database = "postgresql" if database_url and database_url.startswith("postgresql") else "sqlite"
    folder = work / f"event_{Path(script).stem}_{n_processes}p_{database}"
    folder.mkdir(parents=True, exist_ok=True)
    url = database_url or sqlite_url(folder / "event.sqlite3")
    event_id = create_event(url)
    servers = [Server(None, folder / f"server_{i}.log", data_dir=folder, env={"PSM_DATABASE_URL": url},
                      script=script) for i in range(n_processes)]
    live_path = component_folders()[1]["live"][0] + file_name(event_id)
    try:
        for server in servers:
            await sessions.first_render(server.port, server.started, server.started + 120)
        async with Proxy([s.port for s in servers], folder / "site", free_port(), data_dir=folder) as proxy:
            warm = await sessions.open_batch(proxy.port, 2 * n_processes, page_name=PLENARY_PAGE,
                                             query=f"evento={event_id}")
            await warm.close()
            store = SubmissionStore(url)
            events = EventStore(store)
            viewers = [Viewer() for _ in range(n_viewers)]
            stop = asyncio.Event()
            t0 = time.perf_counter()
            watching = asyncio.gather(*(_watch(proxy.port, t0, f"evento={event_id}", live_path, stop, v)
                                        for v in viewers))
            while not all(v.ok or v.error for v in viewers) and time.perf_counter() < t0 + 120:
                await asyncio.sleep(0.2)
            # The room watching, nothing saved: what the screens cost the servers.
            cpu_before = sum(cpu_seconds(s.pid) for s in servers)
            await asyncio.sleep(idle_s)
            idle_cores = (sum(cpu_seconds(s.pid) for s in servers) - cpu_before) / idle_s
            saves: list[tuple[float, tuple[int, ...]]] = []
            until = time.perf_counter() + duration
            cpu_before = sum(cpu_seconds(s.pid) for s in servers)
            await _facilitators(events, event_id, n_tables, save_every, until, saves)
            await asyncio.sleep(max(0.0, until - time.perf_counter()))
            busy_cores = (sum(cpu_seconds(s.pid) for s in servers) - cpu_before) / duration
            stop.set()
            await watching
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
            "idle_cores": idle_cores, "busy_cores": busy_cores, "idle_s": idle_s,
            "polls_per_viewer": statistics.mean(v.polls for v in viewers) if viewers else 0,
            "kb_per_viewer": statistics.mean(v.bytes_received for v in viewers) / 1000 if viewers else 0,
            "rss_mb": [mem.get("VmRSS") for mem in memory], "peak_rss_mb": [mem.get("VmHWM") for mem in memory],
            "database": database, "duration_s": duration, "script": script, "tables": n_tables,
            "save_every_s": save_every}
