"""nginx in front of a benchmark server, configured by `deploy/` exactly as the README tells an operator to.

Used for the fresh-browser burst a second time: static files from disk, compressed, Streamlit for the rest.
Where nginx is not installed that run is skipped and its figure is absent from the results.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import time
from pathlib import Path
from types import TracebackType
from typing import Self

from bench import sessions
from deploy.static_site import build


def nginx_available() -> bool:
    """Whether an `nginx` binary is on the PATH."""
    return shutil.which("nginx") is not None


def nginx_command(conf: Path) -> list[str]:
    """nginx in the foreground with the configuration `deploy/` wrote (for benchmarks and tests)."""
    # Started as root, nginx would drop its workers to "nobody", who cannot read a private temp folder.
    directives = "daemon off;" + (" user root;" if os.geteuid() == 0 else "")
    return ["nginx", "-p", str(conf.parent), "-c", str(conf), "-g", directives]


class Proxy:
    """`async with Proxy(app_ports, folder, port):` runs nginx on `port` in front of one or more Streamlit
    processes, site files in `folder`, the files the servers write read from their `data_dir` if given."""

    def __init__(self, app_ports: int | list[int], folder: Path, port: int, data_dir: Path | None = None) -> None:
        self.port = port
        ports = [app_ports] if isinstance(app_ports, int) else app_ports
        self.conf = build(folder, [f"{sessions.HOST}:{p}" for p in ports], f"{sessions.HOST}:{self.port}",
                          data_dir=data_dir)
        self.proc: asyncio.subprocess.Process | None = None

    async def __aenter__(self) -> Self:
        self.proc = await asyncio.create_subprocess_exec(
            *nginx_command(self.conf), stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.proc.returncode is not None:
                error = await self.proc.stderr.read() if self.proc.stderr else b""
                raise RuntimeError(f"nginx exited: {error.decode(errors='replace')}")
            try:
                status, _ = await sessions.http_get(self.port, "/_stcore/health", timeout=2)
            except OSError:
                status = 0
            if status == 200:
                return self
            await asyncio.sleep(0.1)
        raise RuntimeError("nginx did not answer within 10 s")

    async def __aexit__(self, kind: type[BaseException] | None, value: BaseException | None,
                        traceback: TracebackType | None) -> None:
        if self.proc is not None and self.proc.returncode is None:
            self.proc.terminate()
            await asyncio.wait_for(self.proc.wait(), 10)
