"""Memory limits of a benchmark server: a registry that does not fit must not take the machine with it."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING, Self

if TYPE_CHECKING:
    from bench.server import Server


class MemoryGuard:
    """Kills the server when its RSS passes a limit: a registry that does not fit cannot take the machine."""

    def __init__(self, server: Server, limit_mb: float) -> None:
        self.server = server
        self.limit_mb = limit_mb
        self.max_rss_mb = 0.0
        self.fired = False
        self._task: asyncio.Task | None = None

    async def _watch(self) -> None:
        while self.server.proc.poll() is None:
            rss = self.server.memory().get("VmRSS", 0.0)
            self.max_rss_mb = max(self.max_rss_mb, rss)
            if rss > self.limit_mb:
                self.fired = True
                self.server.proc.kill()
                return
            await asyncio.sleep(0.2)

    def __enter__(self) -> Self:
        self._task = asyncio.get_running_loop().create_task(self._watch())
        return self

    def __exit__(self, *exc: object) -> None:
        if self._task:
            self._task.cancel()


def default_memory_limit_mb() -> float:
    """60% of the machine's memory: leaves room for everything else on it."""
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            return 0.6 * int(line.split()[1]) / 1024
    return 8000.0
