"""A `streamlit run dashboard.py` server of our own, on loopback, and the session figures measured on it.

One server per registry (and per config variant), so caches never mix: cold start, memory per held
session, the burst of sessions opened at once, and peak RSS (VmHWM) at the end.
"""

from __future__ import annotations

import asyncio
import gzip
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench import sessions
from bench.memory import MemoryGuard, default_memory_limit_mb
from bench.proxy import Proxy, nginx_available

ROOT = Path(__file__).resolve().parents[1]
# Seconds to let the server settle (sessions registered, garbage freed) before reading its RSS.
SETTLE = 2.0


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as sock:
        sock.bind((sessions.HOST, 0))
        return sock.getsockname()[1]


def proc_status(pid: int) -> dict[str, float]:
    """VmRSS and VmHWM of a process in MB (from /proc/<pid>/status)."""
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            values[key] = int(rest.split()[0]) / 1024
    return values


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds used so far by a process."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Server:
    """`streamlit run dashboard.py` (or another script) on 127.0.0.1 with the registry, options and extra
    environment given; stop() ends it."""

    def __init__(self, registry: Path | None, log_path: Path, extra_args: tuple[str, ...] = (),
                 data_dir: Path | None = None, env: dict[str, str] | None = None,
                 script: str = "dashboard.py") -> None:
        self.port = free_port()
        extra_env = env or {}
        env = {**os.environ, "PSM_BASEMAP": "off"}
        env.pop("PSM_PROJECTS_CSV", None)
        if data_dir is not None:  # the submissions store: SQLite in this folder
            env["PSM_DATA_DIR"] = str(data_dir)
            env.pop("PSM_DATABASE_URL", None)
        if registry is not None:
            env["PSM_PROJECTS_CSV"] = str(registry)
        env.update(extra_env)
        self.log = log_path.open("w", encoding="utf-8")
        cmd = [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            script,
            "--server.port",
            str(self.port),
            "--server.address",
            sessions.HOST,
            "--server.headless",
            "true",
            *extra_args,
        ]
        self.command = cmd
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT)

    @property
    def pid(self) -> int:
        return self.proc.pid

    def memory(self) -> dict[str, float]:
        """Current and peak RSS in MB (empty once the server has exited)."""
        try:
            return proc_status(self.pid)
        except OSError:
            return {}

    def stop(self) -> None:
        """Terminate the server (SIGTERM, then SIGKILL after 10 s)."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        self.log.close()


async def fetch_asset_sizes(port: int, paths: list[str]) -> dict[str, dict[str, int]]:
    """Bytes each asset takes on the wire (as served, gzip when the server compresses it) and unpacked."""
    sizes = {}
    for path in paths:
        status, body = await sessions.http_get(port, path)
        unpacked = gzip.decompress(body) if body[:2] == b"\x1f\x8b" else body
        sizes[path] = {"status": status, "wire_bytes": len(body), "bytes": len(unpacked)}
    return sizes


async def _warm(server: Server, warmup: int, timeout: float) -> None:
    """The first sessions pay for imports and caches that later sessions share."""
    warm = await sessions.open_batch(server.port, warmup, timeout=timeout)
    await warm.close()
    await asyncio.sleep(SETTLE)


async def _burst(
    server: Server, guard: MemoryGuard, n: int, timeout: float, fetch_paths: list[str] | None = None,
    port: int | None = None,
) -> dict[str, Any]:
    cpu_before = cpu_seconds(server.pid)
    batch = await sessions.open_batch(port or server.port, n, fetch_paths=fetch_paths, timeout=timeout)
    alive = server.proc.poll() is None
    out = {
        "server_cpu_seconds": cpu_seconds(server.pid) - cpu_before if alive else None,
        "rss_mb": server.memory().get("VmRSS") if alive else guard.max_rss_mb,
        **batch.stats(),
    }
    if guard.fired:
        out["aborted"] = (
            f"server RSS passed {guard.limit_mb:.0f} MB (max seen {guard.max_rss_mb:.0f} MB); killed"
        )
    await batch.close()
    return out


async def _measure(
    start: Callable[[], Server],
    n_memory: int,
    n_burst: int,
    asset_paths: list[str],
    warmup: int,
    burst_with_page: bool,
    timeout: float,
    limit_mb: float,
    site_dir: Path,
) -> dict[str, Any]:
    server = start()
    servers = [server]
    out: dict[str, Any] = {"command": " ".join(server.command[1:]), "memory_limit_mb": limit_mb}
    try:
        with MemoryGuard(server, limit_mb) as guard:
            first = await sessions.first_render(server.port, server.started, server.started + timeout)
            out["cold_start"] = {
                "ok": first.ok,
                "seconds": first.seconds,
                "error": first.error,
                "rss_mb": server.memory().get("VmRSS"),
            }
            if not first.ok:
                return out
            frame = f"/component/{first.map_component}/index.html" if first.map_component else None
            page_paths = [p for p in [frame, *asset_paths] if p]
            if asset_paths:
                out["assets"] = await fetch_asset_sizes(server.port, page_paths)
            await _warm(server, warmup, timeout)
            before = server.memory().get("VmRSS", 0.0)
            held = await sessions.open_batch(server.port, n_memory, timeout=timeout)
            await asyncio.sleep(SETTLE)
            stats = held.stats()
            per_session: float | None
            if guard.fired:
                # Estimate from the sessions that had finished when the server was stopped.
                after = guard.max_rss_mb
                per_session = (after - before) / stats["ok"] if stats["ok"] and before else None
                stats["aborted"] = f"server RSS passed {limit_mb:.0f} MB after {stats['ok']} sessions; killed"
            else:
                after = server.memory().get("VmRSS", before)
                per_session = (after - before) / max(1, n_memory)
            out["memory"] = {
                "sessions": n_memory,
                "rss_before_mb": before,
                "rss_after_mb": after,
                "per_session_mb": per_session,
                **stats,
            }
            await held.close()
            if not guard.fired:
                await asyncio.sleep(SETTLE)
        if guard.fired:
            # A fresh server for the burst, so that it is measured even when the held sessions did not fit.
            server = start()
            servers.append(server)
            first = await sessions.first_render(server.port, server.started, server.started + timeout)
            await _warm(server, warmup, timeout)
        with MemoryGuard(server, limit_mb) as guard:
            out["burst"] = await _burst(server, guard, n_burst, timeout)
            if burst_with_page and not guard.fired:
                await asyncio.sleep(SETTLE)
                out["burst_with_page"] = await _burst(server, guard, n_burst, timeout, fetch_paths=page_paths)
                if nginx_available() and not guard.fired:
                    await asyncio.sleep(SETTLE)
                    # The same viewers again, through nginx set up by deploy/ (the README's plenary setup).
                    async with Proxy(server.port, site_dir, free_port()) as proxy:
                        out["burst_with_page_nginx"] = await _burst(
                            server, guard, n_burst, timeout, fetch_paths=page_paths, port=proxy.port)
            await asyncio.sleep(SETTLE)
            mem = server.memory()
            if mem:
                out["peak_rss_mb"], out["final_rss_mb"] = mem["VmHWM"], mem["VmRSS"]
            else:
                out["peak_rss_mb"], out["final_rss_mb"] = max(guard.max_rss_mb, limit_mb), None
        return out
    finally:
        for each in servers:
            each.stop()


def measure_server(
    registry: Path | None,
    log_path: Path,
    *,
    n_memory: int,
    n_burst: int,
    asset_paths: list[str] | None = None,
    extra_args: tuple[str, ...] = (),
    warmup: int = 5,
    burst_with_page: bool = False,
    timeout: float = 180.0,
    memory_limit_mb: float | None = None,
) -> dict[str, Any]:
    """Start a server, measure cold start, memory per session, the burst and peak RSS; always stop it.

    A server whose RSS passes `memory_limit_mb` (default 60% of the machine) is killed and the phase it was
    in is reported as aborted; the burst then gets a fresh server.
    """
    runs = iter(range(1, 10))
    # A data folder of its own, empty: no submissions from a developer's var/ in the figures.
    data_dir = log_path.with_name(f"{log_path.stem}-var")
    shutil.rmtree(data_dir, ignore_errors=True)

    def start() -> Server:
        n = next(runs)
        return Server(registry, log_path if n == 1 else log_path.with_suffix(f".{n}.log"), extra_args, data_dir)

    return asyncio.run(
        _measure(
            start,
            n_memory,
            n_burst,
            asset_paths or [],
            warmup,
            burst_with_page,
            timeout,
            memory_limit_mb or default_memory_limit_mb(),
            log_path.with_name(f"{log_path.stem}-site"),
        )
    )
