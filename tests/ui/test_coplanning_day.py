"""A whole simulated co-planning morning in AppTest: the regia creates the day, eleven tables send their
priorities and contributions from their own sessions, the regia merges and tags, the plenary updates."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from lib.event import keys as k
from lib.event import labels as lb
from lib.event.store import EventStore
from lib.submissions.store import SubmissionStore
from tests import payloads
from tests.ui.conftest import event_day, open_page

PASSWORD = "prova-regia"
# Seed 004: session 1 picks the strategies that matter most; these are the morning's choices per zone.
CHOICES = {1: ["5.2", "6.1", "1.3"], 2: ["3.3", "5.2", "6.1"], 3: ["6.2", "3.3", "4.1"], 4: ["3.2", "6.1", "2.2"],
           5: ["3.3", "2.3", "6.2"], 6: ["1.1", "2.1", "3.2"], 7: ["3.3", "5.2", "1.5"], 8: ["1.1", "3.2", "2.3"],
           9: ["4.2", "6.1", "3.3"], 10: ["2.5", "3.1", "6.1"], 11: ["6.2", "3.3", "5.2"]}


@pytest.fixture
def morning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    with event_day(tmp_path / "day.sqlite3", monkeypatch, PASSWORD) as store:
        yield store


def _regia():
    at = open_page("pages/control_room.py")
    at.text_input(key=k.LOGIN_NAME).set_value("Anna Verdi")
    at.text_input(key=k.LOGIN_PASSWORD).set_value(PASSWORD)
    return at.button[0].click().run()


def _synthesis(at) -> str:
    return next(h.proto.body for h in at.get("html") if "psm-live" in h.proto.body)


def test_a_whole_morning(morning: SubmissionStore) -> None:
    regia = _regia()
    regia.text_input(key=k.NEW_NAME).set_value("Dalle strategie alle azioni")
    regia.button[0].click().run()
    assert not regia.exception
    event_id = regia.session_state[k.EVENT]
    codes_shown = next(d.value for d in regia.dataframe if "Codice" in d.value.columns)
    assert list(codes_shown["Sede"])[6] == "Comune di Ciriè"
    codes = {int(zone.split(" – ")[0]): code
             for zone, code in zip(codes_shown["Zona"], codes_shown["Codice"], strict=True)}
    assert sorted(codes) == list(range(1, 12))
    # Shown once: the next run of the regia's page no longer carries them.
    assert not any("Codice" in d.value.columns for d in regia.run().dataframe)

    plenary = open_page("pages/plenary.py")
    assert "0 tavoli hanno salvato le priorità" in _synthesis(plenary)
    first_version = re.search(r'data-psm-version="([\d.]+)"', _synthesis(plenary)).group(1)

    # Each table in its own session, opened from its QR code's link, as typed on a phone for zone 7.
    for zone, choices in CHOICES.items():
        typed = codes[zone].lower().replace("-", " ") if zone == 7 else codes[zone]
        table = open_page("pages/facilitator.py", codice=typed)
        assert not table.exception and not table.error, zone
        assert table.header[0].value.startswith(f"Tavolo della Zona {zone} – ")
        for rank, item in enumerate(choices, start=1):
            table.selectbox(key=k.RANK_ITEM.format(rank=rank)).set_value(item).run()
        table.text_input(key=k.RANK_REASON.format(rank=1)).set_value(f"Priorità della zona {zone}").run()
        text = payloads.JINJA_EXPRESSION if zone == 3 else f"Ciclabili verso le stazioni (zona {zone})"
        table.text_input(key=f"{k.NEW_TEXT}_{choices[0]}").set_value(text).run()
        assert table.text_input(key=f"{k.NEW_TEXT}_{choices[0]}").value == ""  # saved and emptied
        # ... and shown in its own field, as saved, also on the next run (it was an empty box once)
        assert [t.value for t in table.run().text_input if t.key.startswith(k.EDIT_TEXT.format(key=""))] == [text]
        assert any("Salvato alle" in c.value for c in table.caption)

    plenary.run()
    synthesis = _synthesis(plenary)
    assert re.search(r'data-psm-version="([\d.]+)"', synthesis).group(1) != first_version
    assert "11 tavoli hanno salvato le priorità" in synthesis
    assert '<li><span class="psm-clamp"><b>3.3</b>' in synthesis and "6 tavoli" in synthesis  # the most chosen

    regia = _regia()
    regia.selectbox(key=k.EVENT).set_value(event_id).run()
    picks = regia.selectbox(key=k.PICK).options
    assert len(picks) == 12 and any("{{7*7}}" in o for o in picks)  # 11 contributions shown as typed
    by_zone = {c.zone_id: c.key for c in EventStore(morning).state(event_id).contributions}
    # Zone 5's and zone 7's "Ciclabili verso le stazioni" say the same thing: the regia merges them.
    regia.selectbox(key=k.PICK).set_value(by_zone[7]).run()
    regia.selectbox(key=k.MERGE_INTO).set_value(by_zone[5]).run()
    regia.button(key=k.APPLY).click().run()
    regia.selectbox(key=k.PICK).set_value(by_zone[5]).run()
    regia.multiselect(key=k.THEMES).set_value(["Mobilità dolce"]).run()
    regia.toggle(key=k.HIGHLIGHT).set_value(True).run()
    regia.button(key=k.APPLY).click().run()
    assert not regia.exception
    # The outcome stays on screen after the rerun, not only in a passing toast.
    assert any(s.value.startswith("2 azioni registrate alle ") for s in regia.success)
    audit = next(d.value for d in regia.dataframe if "Azione" in d.value.columns)
    assert list(audit["Azione"]) == ["unito a", "tema aggiunto", "in plenaria"]
    assert set(audit["Chi"]) == {"Anna Verdi"}
    merged = next(d.value for d in regia.dataframe if "Uniti" in d.value.columns)
    assert len(merged) == 10 and merged.loc[merged["Uniti"] == 1, "Zone"].tolist() == ["5, 7"]

    plenary.run()
    synthesis = _synthesis(plenary)
    assert "Mobilità dolce" in synthesis and "Priorità scoperte" in synthesis
    assert "Lotto 49" not in synthesis  # nothing typed is ever evaluated
    assert not plenary.exception


def test_wrong_codes_reach_the_regia_and_never_lock_out_the_right_one(morning: SubmissionStore) -> None:
    """Issue 19: all phones of a venue share an address; wrong codes from it used to lock the tables out."""
    regia = _regia()
    regia.text_input(key=k.NEW_NAME).set_value("Dalle strategie alle azioni")
    regia.button[0].click().run()
    shown = next(d.value for d in regia.dataframe if "Codice" in d.value.columns)
    codes = {int(zone.split(" – ")[0]): code for zone, code in zip(shown["Zona"], shown["Codice"], strict=True)}
    assert not [w for w in regia.warning if "errati" in w.value]
    for i in range(12):  # each from a new session, like a script would
        wrong = open_page("pages/facilitator.py", codice=f"ZZZZ-{i:04d}")
        assert not wrong.exception and wrong.error
    table = open_page("pages/facilitator.py", codice=codes[7])
    assert not table.exception and not table.error
    assert table.header[0].value.startswith("Tavolo della Zona 7 – ")
    regia.run()
    assert [w.value for w in regia.warning if "errati" in w.value] == [
        "Codici del tavolo errati negli ultimi 15 minuti: 12 da 1 indirizzo (più attivi: locale 12). "
        + lb.GUESSING_NOBODY_LOCKED]
