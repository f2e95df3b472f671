"""Real Streamlit sessions over the websocket protocol the browser speaks, on loopback only.

A session connects to /_stcore/stream, asks for a script run (as a browser does on page load) and counts
the ForwardMsgs until `script_finished`. Optionally it first fetches the page as a fresh browser would:
index.html, the static files it references, and the map frame with its Leaflet assets.
"""

from __future__ import annotations

import asyncio
import re
import statistics
import time
from dataclasses import dataclass, field
from typing import Any

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import ClientConnection, connect
from websockets.typing import Subprotocol

HOST = "127.0.0.1"
# A browser opens about this many HTTP/1.1 connections to one host at a time.
BROWSER_CONNECTIONS = 6
_STATIC_REF = re.compile(r'(?:src|href)="\./(static/[^"]+)"')


@dataclass
class SessionResult:
    """What one session saw: whether its script finished, how long it took and what it received."""

    ok: bool
    seconds: float
    deltas: int = 0
    ws_bytes: int = 0
    map_message_bytes: int = 0
    map_html_bytes: int = 0
    map_component: str = ""
    http_bytes: int = 0
    http_requests: int = 0
    error: str = ""


@dataclass
class Batch:
    """Sessions opened together, still connected until `close()`."""

    results: list[SessionResult]
    connections: list[ClientConnection] = field(default_factory=list)
    wall: float = 0.0

    async def close(self) -> None:
        """Disconnect every session."""
        await asyncio.gather(*(c.close() for c in self.connections), return_exceptions=True)
        self.connections.clear()

    def stats(self) -> dict[str, Any]:
        """Median, p95 and max time to script_finished over the sessions that finished, and failures."""
        times = sorted(r.seconds for r in self.results if r.ok)
        failed = [r.error for r in self.results if not r.ok]
        out: dict[str, Any] = {
            "sessions": len(self.results),
            "ok": len(times),
            "failed": len(failed),
            "first_error": failed[0] if failed else "",
            "wall": self.wall,
        }
        if times:
            # Sessions that never finished count as slower than every finished one.
            everyone = times + [float("inf")] * len(failed)
            out.update(median=statistics.median(everyone), p95=p95(everyone), max=everyone[-1], min=times[0])
            first = next(r for r in self.results if r.ok)
            out.update(
                deltas=first.deltas,
                ws_bytes=first.ws_bytes,
                map_message_bytes=first.map_message_bytes,
                map_html_bytes=first.map_html_bytes,
                map_component=first.map_component,
                http_bytes=first.http_bytes,
                http_requests=first.http_requests,
            )
        return out


async def http_get(port: int, path: str, timeout: float = 120.0) -> tuple[int, bytes]:
    """A plain HTTP/1.1 GET on loopback (gzip accepted, as browsers do); returns status and body bytes."""
    reader, writer = await asyncio.wait_for(asyncio.open_connection(HOST, port), timeout)
    try:
        writer.write(
            f"GET {path} HTTP/1.1\r\nHost: {HOST}:{port}\r\nAccept-Encoding: gzip\r\n"
            "Connection: close\r\n\r\n".encode("ascii")
        )
        await writer.drain()
        raw = await asyncio.wait_for(reader.read(-1), timeout)
    finally:
        writer.close()
    head, _, body = raw.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1]) if head.startswith(b"HTTP/") else 0
    return status, body


async def read_response(reader: asyncio.StreamReader) -> tuple[int, bytes, bool, dict[str, str]]:
    """One HTTP/1.1 response: status, body (by Content-Length, chunks or until close), whether the connection
    can be used again, and the headers (names in lower case)."""
    head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
    status = int(head[0].split(" ", 2)[1])
    headers = {k.strip().lower(): v.strip() for k, _, v in (h.partition(":") for h in head[1:] if h)}
    reusable = headers.get("connection", "").lower() != "close"
    if headers.get("transfer-encoding", "").lower() == "chunked":
        body = bytearray()
        while size := int((await reader.readuntil(b"\r\n")).split(b";")[0], 16):
            body += await reader.readexactly(size)
            await reader.readexactly(2)
        while await reader.readuntil(b"\r\n") != b"\r\n":  # trailers, if any
            pass
        return status, bytes(body), reusable, headers
    if "content-length" in headers:
        return status, await reader.readexactly(int(headers["content-length"])), reusable, headers
    if status in (204, 304):
        return status, b"", reusable, headers
    return status, await reader.read(-1), False, headers


async def fetch_page(port: int, extra_paths: list[str], timeout: float = 120.0) -> tuple[int, int]:
    """Fetch index.html and every static file it references, then `extra_paths`, as a browser does: over
    at most BROWSER_CONNECTIONS kept-alive HTTP/1.1 connections. Returns (requests, body bytes)."""
    status, index = await http_get(port, "/", timeout)
    if status != 200:
        raise RuntimeError(f"GET / answered {status}")
    queue = ["/" + p for p in dict.fromkeys(_STATIC_REF.findall(index.decode("utf-8", "replace")))]
    queue += extra_paths
    n_requests, total = 1 + len(queue), len(index)

    async def connection() -> int:
        received, reader, writer = 0, None, None
        try:
            while queue:
                path = queue.pop(0)
                if reader is None or writer is None:
                    opened = await asyncio.wait_for(asyncio.open_connection(HOST, port), timeout)
                    reader, writer = opened  # two steps: unpacked at once, mypy would infer the pair as optional
                writer.write(f"GET {path} HTTP/1.1\r\nHost: {HOST}:{port}\r\nAccept-Encoding: gzip\r\n\r\n"
                             .encode("ascii"))
                code, body, reusable, _ = await asyncio.wait_for(read_response(reader), timeout)
                if code != 200:
                    raise RuntimeError(f"GET {path} answered {code}")
                received += len(body)
                if not reusable:
                    writer.close()
                    reader = writer = None
        finally:
            if writer is not None:
                writer.close()
        return received

    sizes = await asyncio.gather(*(connection() for _ in range(BROWSER_CONNECTIONS)))
    return n_requests, total + sum(sizes)


def p95(values: list[float]) -> float | None:
    """The 95th percentile (nearest rank) of the values; None when there are none."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.95 * (len(ordered) - 1) + 0.5))]


def rerun_message(query: str = "", page_name: str = "") -> bytes:
    """The BackMsg a browser sends when it loads a page: run the script for this URL."""
    msg = BackMsg()
    msg.rerun_script.query_string = query
    msg.rerun_script.page_script_hash = ""
    msg.rerun_script.page_name = page_name
    return msg.SerializeToString()


def _map_element(fm: ForwardMsg) -> tuple[str, int] | None:
    """(component name, json args length) when this message draws a custom component (the map)."""
    if fm.WhichOneof("type") != "delta" or fm.delta.WhichOneof("type") != "new_element":
        return None
    element = fm.delta.new_element
    if element.WhichOneof("type") != "component_instance":
        return None
    return element.component_instance.component_name, len(element.component_instance.json_args.encode())


async def run_session(
    port: int,
    t0: float,
    *,
    query: str = "",
    page_name: str = "",
    fetch_paths: list[str] | None = None,
    timeout: float = 120.0,
    connections: list[ClientConnection] | None = None,
) -> SessionResult:
    """One viewer: (optionally fetch the page), connect, ask for a run, wait for script_finished.

    Args:
        port: the server's port on 127.0.0.1.
        t0: the moment the viewer arrived (perf_counter); times are measured from it.
        query: the URL query string (e.g. "zona=5").
        page_name: the page's url_path ("" for the default page).
        fetch_paths: when given, fetch index.html, its static files and these paths first.
        timeout: give up after this many seconds from t0.
        connections: the open websocket is appended here, so the caller decides when it closes.
    """
    result = SessionResult(ok=False, seconds=float("nan"))
    try:
        async with asyncio.timeout(timeout):
            if fetch_paths is not None:
                result.http_requests, result.http_bytes = await fetch_page(port, fetch_paths)
            ws = await connect(
                f"ws://{HOST}:{port}/_stcore/stream",
                max_size=None,
                compression=None,
                subprotocols=[Subprotocol("streamlit")],
                ping_interval=None,
                open_timeout=timeout,
            )
            if connections is not None:
                connections.append(ws)
            await ws.send(rerun_message(query, page_name))
            while True:
                raw = await ws.recv()
                result.ws_bytes += len(raw)
                fm = ForwardMsg()
                fm.ParseFromString(raw)
                kind = fm.WhichOneof("type")
                if kind == "delta":
                    result.deltas += 1
                    found = _map_element(fm)
                    if found:
                        result.map_component, result.map_html_bytes = found
                        result.map_message_bytes = len(raw)
                elif kind == "script_finished":
                    result.ok = True
                    break
            if connections is None:
                await ws.close()
    except Exception as err:
        result.error = f"{type(err).__name__}: {str(err)[:120]}"
    result.seconds = time.perf_counter() - t0
    return result


async def open_batch(
    port: int,
    n: int,
    *,
    query: str = "",
    page_name: str = "",
    fetch_paths: list[str] | None = None,
    timeout: float = 120.0,
) -> Batch:
    """Open `n` sessions at once and keep them connected; every time is measured from the same start."""
    connections: list[ClientConnection] = []
    t0 = time.perf_counter()
    results = await asyncio.gather(
        *(
            run_session(
                port,
                t0,
                query=query,
                page_name=page_name,
                fetch_paths=fetch_paths,
                timeout=timeout,
                connections=connections,
            )
            for _ in range(n)
        )
    )
    return Batch(results=list(results), connections=connections, wall=time.perf_counter() - t0)


async def first_render(port: int, t_start: float, deadline: float) -> SessionResult:
    """Cold start: retry until the server accepts, then time the first script run from `t_start`."""
    last = ""
    while time.perf_counter() < deadline:
        try:
            _, writer = await asyncio.open_connection(HOST, port)
            writer.close()
            break
        except OSError as err:
            last = str(err)
            await asyncio.sleep(0.02)
    else:
        return SessionResult(ok=False, seconds=float("nan"), error=f"server never listened: {last}")
    return await run_session(port, t_start, timeout=max(1.0, deadline - time.perf_counter()))
