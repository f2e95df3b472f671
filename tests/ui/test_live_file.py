"""The live plenary's file (lib/loaders/live_file.py): what a room of screens polls instead of rerunning the page.

A process reads the event's version once per interval however many screens watch, rewrites the file only
when what they should show changed (so nginx keeps answering 304), never leaves half a file, and while the
database does not answer keeps the last synthesis with a line saying so."""
from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from lib.event import plenary
from lib.event.store import EventStore
from lib.loaders import event as live
from lib.loaders import live_file, map_files
from tests.ui import test_coplanning_safety as safety
from tests.ui.conftest import open_page
from tests.ui.test_coplanning_day import _synthesis
from tests.ui.test_coplanning_safety import FlakyStore, _day

store = safety.store  # the same fixture: a real SQLite store that can be made to stop answering


def _read(event_id: int) -> dict:
    return json.loads((live_file.live_folder() / live_file.file_name(event_id)).read_bytes())


def _next_interval() -> None:
    time.sleep(live.VERSION_TTL_S + 0.05)


def test_a_room_of_screens_costs_one_database_read_per_interval(store: FlakyStore,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    event_id, _ = _day(store)
    reads: list[int] = []
    real_version = EventStore.version

    def counted(self: EventStore, asked: int) -> tuple[int, int, int]:
        reads.append(asked)
        return real_version(self, asked)

    monkeypatch.setattr(EventStore, "version", counted)
    publisher = live_file.Publisher()
    publisher.watch(event_id)
    _next_interval()
    reads.clear()
    for _ in range(300):  # 300 screens opening the plenary in one interval, and the publisher's ticks
        live.load_plenary_views(event_id)
        publisher.tick()
    assert reads == [event_id]
    # The page sends its synthesis once and leaves the rest to the map frame: no timed reruns.
    page = open_page("pages/plenary.py", evento=str(event_id))
    assert not page.exception and "psm-live" in _synthesis(page)
    frame = next(a for a in (json.loads(c.proto.json_args) for c in page.get("component_instance")) if "live" in a)
    assert frame["live"]["url"] == live_file.live_path() + live_file.file_name(event_id)
    assert frame["src"].startswith(map_files.maps_path()) and frame["html"] == ""  # the map: a file, kept
    source = (Path(__file__).resolve().parents[2] / "pages" / "plenary.py").read_text(encoding="utf-8")
    assert "run_every" not in source and "st.fragment" not in source


def test_the_file_changes_only_with_what_the_screens_show(store: FlakyStore) -> None:
    event_id, _ = _day(store)
    publisher = live_file.Publisher()
    publisher.watch(event_id)
    path = live_file.live_folder() / live_file.file_name(event_id)
    first = _read(event_id)
    assert first["key"] == plenary.live_key(first["version"], None)
    assert "0 tavoli hanno salvato le priorità" in first["html"] and set(first["overlay"]) == {str(z) for z in
                                                                                               range(1, 12)}
    os.utime(path, (1, 1))  # an old time: a rewrite would change it
    _next_interval()
    assert publisher.publish(event_id) is False and path.stat().st_mtime == 1
    EventStore(store).save_contribution(event_id, 4, first_item(store, event_id), "proposta",
                                        "<script>alert(1)</script> Navetta per Rivarolo")
    _next_interval()
    publisher.tick()
    second = _read(event_id)
    assert second["version"] != first["version"] and path.stat().st_mtime > 1
    assert "<script>" not in second["html"]  # user text is escaped before it reaches any screen


def first_item(store: FlakyStore, event_id: int) -> str:
    return EventStore(store).state(event_id).event.spec.items[0].code


def test_a_write_that_fails_leaves_the_last_whole_file(store: FlakyStore, monkeypatch: pytest.MonkeyPatch) -> None:
    event_id, _ = _day(store)
    publisher = live_file.Publisher()
    publisher.watch(event_id)
    before = (live_file.live_folder() / live_file.file_name(event_id)).read_bytes()
    EventStore(store).save_contribution(event_id, 2, first_item(store, event_id), "proposta", "Pista ciclabile")
    _next_interval()

    def disk_full(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    publisher.tick()  # logged, not raised: the next tick tries again
    assert (live_file.live_folder() / live_file.file_name(event_id)).read_bytes() == before
    assert [p.name for p in live_file.live_folder().iterdir() if p.name.startswith(".")] == []
    monkeypatch.undo()
    publisher.tick()
    assert "Pista ciclabile" not in before.decode() and _read(event_id)["version"] != json.loads(before)["version"]


def test_while_the_database_does_not_answer_the_file_keeps_the_last_synthesis(store: FlakyStore) -> None:
    event_id, _ = _day(store)
    publisher = live_file.Publisher()
    publisher.watch(event_id)
    before = _read(event_id)
    store.down = True
    _next_interval()
    publisher.tick()
    after = _read(event_id)
    assert after["version"] == before["version"] and after["key"] != before["key"]
    assert "il database non risponde" in after["html"] and before["html"].split("psm-live")[1] in after["html"]
    store.down = False
    _next_interval()
    publisher.tick()
    assert _read(event_id)["key"] == before["key"]


def test_a_process_forgets_an_event_nobody_opened_for_hours(store: FlakyStore,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    event_id, _ = _day(store)
    publisher = live_file.Publisher()
    publisher.watch(event_id)
    assert publisher.watched() == [event_id]
    later = time.monotonic() + live_file.WATCH_S + 1
    monkeypatch.setattr(live_file.time, "monotonic", lambda: later)
    assert publisher.watched() == []

