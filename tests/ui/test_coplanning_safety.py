"""The co-planning pages under real conditions, in AppTest: a database that stops answering, a revoked code,
two phones on one table, a regia that closes the day. No page shows a traceback or a database URL."""
from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from lib.event import keys as k
from lib.event import labels as lb
from lib.event import saving as sv
from lib.event.store import EventStore
from lib.submissions.db import sqlite_url
from lib.submissions.store import StorageUnavailableError, SubmissionStore
from lib.views import labels as view_labels
from tests.ui.conftest import open_page, use_store
from tests.ui.test_coplanning_day import PASSWORD, _regia, _synthesis


class FlakyStore(SubmissionStore):
    """A real SQLite store that can be made to stop answering, as a database server that went away."""

    down = False

    @contextmanager
    def transaction(self, write: bool = False) -> Iterator[object]:
        if self.down:
            raise StorageUnavailableError(f"the submissions database {self.display_url} cannot be used: gone")
        with super().transaction(write) as conn:
            yield conn


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FlakyStore]:
    flaky = FlakyStore(sqlite_url(tmp_path / "day.sqlite3"))
    use_store(monkeypatch, flaky)
    _forget()
    monkeypatch.setenv("PSM_MODERATOR_PASSWORD", PASSWORD)
    yield flaky
    _forget()
    flaky.close()


def _forget() -> None:
    """Each test has a database of its own, with the same event ids: drop what the loaders cached."""
    from lib.loaders import event as live
    for loader in (live.get_event_store, live.load_events, live.event_version, live._state, live._uncovered,
                   live._plenary):
        loader.clear()
    live._last_good.clear()


def _day(store: FlakyStore) -> tuple[int, dict[int, str]]:
    from dataclasses import replace
    from datetime import date

    from tests.unit.event_workers import SPEC
    return EventStore(store).create(replace(SPEC, day=date.today()), "Anna")


def _texts(at) -> str:
    """Every text on the page, Markdown escapes undone (what the user reads)."""
    shown = " ".join(str(e.value) for e in (*at.markdown, *at.caption, *at.warning, *at.error, *at.info, *at.success))
    return re.sub(r"\\(.)", r"\1", shown)


def test_an_outage_keeps_the_table_on_screen_and_saves_when_the_database_is_back(store: FlakyStore) -> None:
    event_id, codes = _day(store)
    table = open_page("pages/facilitator.py", codice=codes[7])
    table.selectbox(key=k.RANK_ITEM.format(rank=1)).set_value("3.3").run()
    store.down = True
    table.text_input(key=f"{k.NEW_TEXT}_3.3").set_value("Bike-to-rail Ciriè-Lanzo").run()
    shown = _texts(table)
    assert "Database non raggiungibile" in shown and "salvataggio è in pausa" in shown
    assert "sqlite" not in shown and "Traceback" not in shown and not table.exception
    assert table.text_input(key=f"{k.NEW_TEXT}_3.3").value == "Bike-to-rail Ciriè-Lanzo"  # still typed
    assert table.header[0].value.startswith("Tavolo della Zona 7")  # the table stays on screen
    store.down = False
    table.session_state[k.RETRY] = (0.0, sv.RETRY_FIRST_S)  # the pause is over
    table.run()
    assert any(c.value.startswith("Salvato alle ") for c in table.caption)
    assert [c.text for c in EventStore(store).state(event_id).contributions] == ["Bike-to-rail Ciriè-Lanzo"]


def test_every_page_says_the_database_is_away_in_italian(store: FlakyStore) -> None:
    _day(store)
    plenary = open_page("pages/plenary.py")
    before = _synthesis(plenary)
    store.down = True
    from lib.loaders import event as live
    live.event_version.clear()
    plenary.run()
    # The room's screen keeps the last synthesis and says when it was updated.
    assert "il database non risponde" in _synthesis(plenary) and before.split("psm-live")[1][:20] in _synthesis(plenary)


def test_the_last_guard_names_an_error_by_its_id_and_a_missing_database_in_italian(
        monkeypatch: pytest.MonkeyPatch, no_unexpected_errors) -> None:
    # AppTest runs a page reached by switch_page on its own; the home page runs inside dashboard.py's guard,
    # as every page does in a browser (tests/browser/test_coplanning_browser.py checks the regia there).
    from streamlit.testing.v1 import AppTest

    from lib import loaders
    from tests.ui.conftest import ENTRYPOINT

    def gone(*_args: object, **_kwargs: object) -> None:
        raise StorageUnavailableError("the submissions database postgresql://psm:secret@db/psm cannot be used")

    monkeypatch.setattr(loaders, "load_home_view", gone)
    at = AppTest.from_file(ENTRYPOINT, default_timeout=60).run()
    assert [w.value for w in at.warning] == [view_labels.DATABASE_PAUSED] and not at.exception
    assert "secret" not in _texts(at) and "postgresql" not in _texts(at)

    def broken(*_args: object, **_kwargs: object) -> None:
        raise KeyError("a bug")

    monkeypatch.setattr(loaders, "load_home_view", broken)
    at = AppTest.from_file(ENTRYPOINT, default_timeout=60).run()
    error_id = no_unexpected_errors.ids.pop()
    assert error_id.startswith("unexpected error E-") and not at.exception
    assert [e.value for e in at.error] == [view_labels.UNEXPECTED_ERROR.format(error_id=error_id.split()[-1])]
    assert "KeyError" not in _texts(at) and "Traceback" not in _texts(at)


def test_a_revoked_code_ends_the_phone_session_with_what_it_typed_on_screen(store: FlakyStore) -> None:
    event_id, codes = _day(store)
    table = open_page("pages/facilitator.py", codice=codes[5])
    table.selectbox(key=k.RANK_ITEM.format(rank=1)).set_value("3.3").run()
    EventStore(store).new_code(event_id, 5, "Anna")
    table.text_input(key=f"{k.NEW_TEXT}_3.3").set_value("Casa di comunità a Nichelino").run()
    assert table.warning[0].value == lb.ENDED["revoked"]
    assert [c.value for c in table.code] == ["Proposta: Casa di comunità a Nichelino"]
    assert EventStore(store).state(event_id).contributions == []


def test_two_phones_on_one_table_see_the_conflict_and_choose(store: FlakyStore) -> None:
    event_id, codes = _day(store)
    phones = []
    for name in ("Marta", "Luca"):
        phone = open_page("pages/facilitator.py")
        phone.text_input(key=k.CODE_INPUT).set_value(codes[7])
        phone.text_input(key=k.AUTHOR_INPUT).set_value(name)
        phones.append(phone.button[0].click().run())
    marta, luca = phones
    marta.selectbox(key=k.RANK_ITEM.format(rank=1)).set_value("3.3").run()
    luca.selectbox(key=k.RANK_ITEM.format(rank=1)).set_value("5.2").run()
    shown = _texts(luca)
    assert "Le priorità: Marta le ha salvate alle " in shown and lb.CONFLICT_NOTICE in shown
    assert [b.label for b in luca.button if b.key and b.key.startswith("facilitator_resolve")] == \
        list(lb.CHOICES_EDITED.values())
    luca.button(key=k.RESOLVE.format(target=sv.RANKING, choice=sv.BOTH)).click().run()
    ranking = EventStore(store).state(event_id).priorities[7]
    assert [p.item for p in ranking] == ["5.2", "3.3"] and not luca.exception


def test_the_regia_closes_the_day_and_the_codes_stop(store: FlakyStore) -> None:
    event_id, codes = _day(store)
    regia = _regia()
    assert any(i.value.startswith("Giornata aperta: i codici dei tavoli valgono fino alla fine del ")
               for i in regia.info)
    regia.checkbox(key=k.CLOSE_CONFIRM).check().run()
    regia.button(key=k.CLOSE).click().run()
    assert any(i.value.startswith("Giornata chiusa") for i in regia.info)
    assert EventStore(store).table_for_code(codes[1]) is None
    table = open_page("pages/facilitator.py", codice=codes[1])
    assert table.error[0].value == lb.CODE_WRONG
    plenary = open_page("pages/plenary.py")  # the synthesis stays readable
    assert "psm-live" in _synthesis(plenary)


def test_cards_are_printed_only_with_the_public_address(store: FlakyStore, monkeypatch: pytest.MonkeyPatch) -> None:
    regia = _regia()
    regia.text_input(key=k.NEW_NAME).set_value("Giornata")
    regia.button[0].click().run()
    assert lb.CARDS_NEED_ADDRESS in _texts(regia)
    assert not [b for b in regia.get("download_button") if "Schede" in b.proto.label]
    monkeypatch.setenv("PSM_PUBLIC_URL", "https://psm.example.it")
    regia = _regia()
    regia.text_input(key=k.NEW_NAME).set_value("Giornata 2")
    regia.button[0].click().run()
    assert [b for b in regia.get("download_button") if "Schede" in b.proto.label]
