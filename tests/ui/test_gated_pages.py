"""The smoke tests of test_pages.py meet the regia, moderation, table and plenary pages at their gate ("disattivata",
"nessuna giornata"). These go past it, on the real plan and on the fixture edition: logged in, with a day created,
a table saving and a report waiting, every gated page runs its real content without an error."""
from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from lib.event import keys as k
from lib.event import labels as lb
from lib.submissions import keys as sk
from lib.submissions import labels as sub_lb
from lib.submissions.store import SubmissionStore
from tests.ui.conftest import ROOT, event_day, open_page
from tests.unit.submission_workers import make_draft

PASSWORD = "prova-cancello"
EDITIONS = {"reale": None, "fixture": ROOT / "tests" / "fixtures" / "plan_alt"}


@pytest.fixture(params=list(EDITIONS))
def day(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    if (folder := EDITIONS[request.param]) is not None:
        monkeypatch.setenv("PSM_PLAN_DIR", str(folder))
        monkeypatch.setenv("PSM_PROJECTS_CSV", str(folder / "projects.csv"))
    with event_day(tmp_path / "gate.sqlite3", monkeypatch, PASSWORD) as store:
        yield store


def _clean(at: AppTest) -> AppTest:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    gates = (sub_lb.MODERATION_DISABLED, lb.NO_EVENT)
    assert not [i.value for i in at.info if i.value in gates]
    return at


def _regia_with_a_day() -> tuple[AppTest, int, dict[int, str]]:
    at = open_page("pages/control_room.py")
    at.text_input(key=k.LOGIN_NAME).set_value("Anna Verdi")
    at.text_input(key=k.LOGIN_PASSWORD).set_value(PASSWORD)
    at = at.button[0].click().run()
    at.text_input(key=k.NEW_NAME).set_value("Giornata di prova")
    at.button[0].click().run()
    codes = next(d.value for d in _clean(at).dataframe if "Codice" in d.value.columns)
    by_zone = {int(z.split(" – ")[0]): c for z, c in zip(codes["Zona"], codes["Codice"], strict=True)}
    return at, at.session_state[k.EVENT], by_zone


def test_the_regia_table_and_plenary_run_past_their_gates(day: SubmissionStore) -> None:
    regia, event_id, codes = _regia_with_a_day()
    assert len(codes) == 11
    table = _clean(open_page("pages/facilitator.py", codice=codes[1]))
    assert table.header[0].value.startswith("Tavolo della Zona 1 – ")
    first = table.selectbox(key=k.RANK_ITEM.format(rank=1))
    first.set_value(first.options[1]).run()
    assert any("Salvato alle" in c.value for c in _clean(table).caption)
    plenary = _clean(open_page("pages/plenary.py", evento=str(event_id)))
    synthesis = next(h.proto.body for h in plenary.get("html") if "psm-live" in h.proto.body)
    assert "1 tavolo ha salvato le priorità" in synthesis, synthesis[:300]
    regia.run()
    assert any(d for d in _clean(regia).dataframe)  # the day's tables and what they sent


def test_moderation_runs_past_its_gate(day: SubmissionStore) -> None:
    day.add(make_draft(), "SEG-GATE-0001")
    at = AppTest.from_file(str(ROOT / "pages" / "moderation.py"), default_timeout=60).run()
    at.text_input(key="login_name").set_value("Anna Verdi")
    at.text_input(key="login_password").set_value(PASSWORD)
    at = _clean(at.button(key="login_submit").click().run())
    assert sk.MODERATOR_KEY in at.session_state
    assert any("SEG-GATE-0001" in str(d.value.to_dict()) for d in at.dataframe)
