"""The database blinks during the morning: nothing typed is lost, saves wait and go in by themselves.

Issue 19: with PostgreSQL stopped for a few seconds, 44 of 44 facilitator saves raised an exception on the
page (a traceback with the database URL) and the typed text was gone. Here a PostgreSQL server of the test's
own is really stopped and started again while eleven tables save.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from lib.event import facilitator as fac
from lib.event import keys as k
from lib.event import saving as sv
from lib.event.store import EventStore
from lib.submissions.store import StorageUnavailableError, SubmissionStore
from tests.unit.event_workers import MORNING, SPEC

_BIN = sorted(Path("/usr/lib/postgresql").glob("*/bin"))
_REQUIRED = bool(os.environ.get("PSM_TEST_POSTGRES_URL"))  # CI installs PostgreSQL: never skip there


class Server:
    """A throwaway PostgreSQL cluster on a free port, owned by the 'postgres' user, stopped and started at will."""

    def __init__(self, folder: Path, port: int) -> None:
        self.folder, self.port = folder, port
        self.url = f"postgresql+psycopg://psm@127.0.0.1:{port}/postgres?connect_timeout=2"

    def _ctl(self, *args: str) -> None:
        subprocess.run(["runuser", "-u", "postgres", "--", str(_BIN[-1] / "pg_ctl"), "-D", str(self.folder / "data"),
                        "-w", *args], check=True, capture_output=True, timeout=60)

    def start(self) -> None:
        self._ctl("-o", f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1", "-l",
                  str(self.folder / "log"), "start")

    def stop(self) -> None:
        self._ctl("-m", "fast", "stop")


@pytest.fixture
def server() -> Iterator[Server]:
    if not _BIN or not shutil.which("runuser") or os.geteuid() != 0:
        if _REQUIRED:
            raise RuntimeError("PostgreSQL binaries and root are needed for the outage test")
        pytest.skip("needs PostgreSQL's binaries and root (to run them as the postgres user)")
    folder = Path(tempfile.mkdtemp(prefix="psm-pg-"))
    shutil.chown(folder, "postgres")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    subprocess.run(["runuser", "-u", "postgres", "--", str(_BIN[-1] / "initdb"), "-D", str(folder / "data"), "-A",
                    "trust", "-U", "psm"], check=True, capture_output=True, timeout=120)
    pg = Server(folder, port)
    pg.start()
    try:
        yield pg
    finally:
        subprocess.run(["runuser", "-u", "postgres", "--", str(_BIN[-1] / "pg_ctl"), "-D", str(folder / "data"),
                        "-m", "immediate", "stop"], capture_output=True, timeout=60, check=False)
        shutil.rmtree(folder, ignore_errors=True)


def test_saves_during_an_outage_wait_on_the_phone_and_go_in_when_the_database_is_back(server: Server) -> None:
    events = EventStore(SubmissionStore(server.url), clock=lambda: MORNING)
    event_id, codes = events.create(SPEC, "Anna")
    tables = {}
    for zone in codes:
        session: dict = {k.AUTHOR_INPUT: f"Tavolo {zone}"}
        assert fac.open_table(session, events, codes[zone], f"151.0.0.{zone}", 1.0) is None
        fac.fill_from(session, events.state(event_id), zone)
        tables[zone] = session
    for zone, session in tables.items():
        session[f"{k.NEW_TEXT}_3.3"] = f"Prima del guasto, zona {zone}"
        fac.add_contribution(session, events, "3.3")
    event = events.state(event_id).event  # as the page last read it: it keeps it while the database is away
    server.stop()
    for zone, session in tables.items():
        session[k.RANK_ITEM.format(rank=1)] = "3.3"
        session[k.RANK_REASON.format(rank=1)] = f"Mobilità della zona {zone}"
        fac.save_ranking(session, events, event)
        session[f"{k.NEW_TEXT}_3.3"] = f"Durante il guasto, zona {zone}"
        fac.add_contribution(session, events, "3.3")
        notice = session[k.SAVED_NOTICE]
        assert notice.startswith("Database non raggiungibile: il salvataggio è in pausa")
        assert "postgresql" not in notice and str(server.port) not in notice
        assert session[f"{k.NEW_TEXT}_3.3"] == f"Durante il guasto, zona {zone}"  # kept in its field
        assert len(sv.pending(session)) == 2
        assert not sv.retry(session, events, time.time() + 30)  # still down: waits longer each time
        assert session[k.RETRY][1] == 2 * sv.RETRY_FIRST_S
    with pytest.raises(StorageUnavailableError):  # what the pages catch (tests/ui/test_event_outage_pages.py)
        events.state(event_id)
    server.start()
    for session in tables.values():
        assert sv.retry(session, events, time.time() + 60)
        assert session[k.SAVED_NOTICE].startswith("Salvato alle ") and session[f"{k.NEW_TEXT}_3.3"] == ""
    state = events.state(event_id)
    texts = sorted(c.text for c in state.contributions)
    assert len(texts) == 22 and len(set(texts)) == 22
    assert {z: [p.item for p in r] for z, r in state.priorities.items()} == {z: ["3.3"] for z in codes}
    events.store.close()

