"""The live plenary as a small file per event, which the room's screens poll instead of rerunning the page.

Every process that has shown an event's plenary watches that event: once per VERSION_TTL_S it reads the
event's state version (one database read per process and interval, whatever the number of screens) and,
when what the screens should show has changed, rewrites `live/<event>.json` in PSM_DATA_DIR (a temporary
file, then a rename: a reader never sees half a file; several processes write the same content). The map
frame on each screen fetches that file every LIVE_POLL_S (geo/map_frame/index.html): nginx serves it from
disk (deploy/), and without nginx Streamlit serves it as the files of a component declared on the folder.
An event nobody opened for WATCH_S is no longer watched.
"""
from __future__ import annotations

import json
import logging
import threading
import time
from pathlib import Path

from streamlit.runtime import Runtime

from lib import config
from lib.atomic import write_atomically
from lib.event import plenary
from lib.loaders import event as live
from lib.loaders.served import served_folder

# The screens fetch the file this often (seconds). A save reaches them within this, VERSION_TTL_S and the
# time to build the views: under 2 s.
LIVE_POLL_S = 1.0
# A process stops watching an event this long after its plenary was last opened there (seconds).
WATCH_S = 4 * 3600.0
_log = logging.getLogger(__name__)


def live_folder() -> Path:
    """Where the files are written: live/ in PSM_DATA_DIR (the folder nginx serves at `live_path()`)."""
    return config.data_folder("live")


def file_name(event_id: int) -> str:
    return f"{int(event_id)}.json"


def live_path() -> str:
    """The URL prefix of the folder ('/component/lib.loaders.served.live/'), for the frame and nginx."""
    return served_folder("live", str(live_folder()))


def live_content(event_id: int) -> bytes:
    """What the screens show now, as the file's bytes: its key (the state version, and the time of the views
    while the database does not answer), the box's HTML (lib/event/plenary.py, every text escaped), and the
    map's colours and labels."""
    views, stale = live.load_plenary_views(event_id)
    body = {"key": plenary.live_key(views.version, stale), "version": views.version, "overlay": views.overlay,
            "html": plenary.live_inner(views.legend, views.synthesis, stale)}
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _in_server() -> bool:
    """Whether this process is a Streamlit server (AppTest runs pages beside a stand-in runtime)."""
    return Runtime.exists() and type(Runtime.instance()) is Runtime


class Publisher:
    """The events this process watches and the content it last wrote for each; `tick()` rewrites what changed.
    `watch()` starts a daemon thread that ticks every VERSION_TTL_S while any event is watched (in a running
    server only: AppTest and the tests call `tick()` themselves)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._watched: dict[int, float] = {}
        self._written: dict[int, bytes] = {}
        self._thread: threading.Thread | None = None

    def watch(self, event_id: int) -> None:
        """Keep the event's file current from now on; write it now if this process has not yet (after that the
        thread keeps it current, and a page run costs only this call)."""
        with self._lock:
            self._watched[event_id] = time.monotonic()
            running = self._thread is not None and self._thread.is_alive()
            if _in_server() and not running:
                self._thread = threading.Thread(target=self._run, name="psm-live-file", daemon=True)
                self._thread.start()
            current = running and event_id in self._written
        if not current:
            self.publish(event_id)

    def watched(self) -> list[int]:
        with self._lock:
            now = time.monotonic()
            for event_id in [e for e, asked in self._watched.items() if now - asked > WATCH_S]:
                del self._watched[event_id]
                self._written.pop(event_id, None)
            return sorted(self._watched)

    def publish(self, event_id: int) -> bool:
        """Rewrite the event's file if what it should say changed; True when written."""
        content = live_content(event_id)
        if self._written.get(event_id) == content and (live_folder() / file_name(event_id)).exists():
            return False
        write_atomically(live_folder(), file_name(event_id), content)
        self._written[event_id] = content
        return True

    def tick(self) -> None:
        for event_id in self.watched():
            try:
                self.publish(event_id)
            except Exception:  # a database that does not answer yet, a full disk: the next tick tries again
                _log.warning("live file of event %s not written", event_id, exc_info=True)

    def _run(self) -> None:
        while self.watched():
            time.sleep(live.VERSION_TTL_S)
            self.tick()
        with self._lock:
            self._thread = None


PUBLISHER = Publisher()
