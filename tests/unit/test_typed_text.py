"""Typed text with lone surrogates (a browser can send half of a broken pair) is cleaned, never a failed save."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from lib.event import files
from lib.event import model as m
from lib.event.store import EventStore
from lib.safe_text import clean_cells, clean_text
from lib.submissions.store import SubmissionStore

SPEC = m.EventSpec(name="Giornata", day=date(2026, 12, 5), plan_edition="2021-2023", item_kind=m.ITEMS_STRATEGIES,
                   max_priorities=3, items=(m.Item("1.1", "Costruire capacità 4.0", 1),), tables=files.default_tables())


@pytest.mark.parametrize("typed", ["prima\ud800dopo", "prima\udfffdopo", "prima\udbff\u200bdopo"])
def test_clean_text_drops_lone_surrogates(typed: str) -> None:
    assert clean_text(typed) == "primadopo"
    assert clean_cells([typed, "altro"]) == ["primadopo", "altro"]
    clean_text(typed).encode("utf-8")  # would raise UnicodeEncodeError with the surrogate kept


def test_a_lone_surrogate_alone_is_no_text() -> None:
    assert clean_text("\ud800") == "" and clean_text("🙂") == "🙂"  # a whole emoji is a character, kept


def test_the_store_saves_and_creates_with_surrogates_cleaned(submission_store: SubmissionStore) -> None:
    events = EventStore(submission_store)
    event_id, _ = events.create(replace(SPEC, name="Giornata\ud800 di Ciriè"), "Anna\udc00")
    key = events.save_contribution(event_id, 7, "1.1", "proposta", "prima\ud800dopo")
    events.save_priorities(event_id, 7, [m.Priority(1, "1.1", "motivo\udfff")])
    state = events.state(event_id)
    assert state.event.spec.name == "Giornata di Ciriè"
    assert {c.key: c.text for c in state.contributions} == {key: "primadopo"}
    assert state.priorities[7][0].reason == "motivo"
    with pytest.raises(ValueError, match="text is required"):
        events.save_contribution(event_id, 7, "1.1", "proposta", "\ud800")
