"""Table cards and minutes: real PDFs holding the texts."""
from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest
from pypdf import PdfReader

from lib.event import documents
from lib.event.store import EventStore
from lib.submissions.store import SubmissionStore
from tests.unit.event_workers import MORNING, state_with_acts


@pytest.fixture
def events(submission_store: SubmissionStore) -> EventStore:
    return EventStore(submission_store, clock=lambda: MORNING)


def test_cards_and_minutes_are_real_pdfs_with_the_texts(events: EventStore, tmp_path: Path) -> None:
    state, _ = state_with_acts(events)
    codes = {1: "K7QM-2XPA", 7: "RKS7-S4U7"}
    cards = PdfReader(io.BytesIO(documents.access_cards_pdf(state.event, codes, "http://psm.test")))
    text = "".join(page.extract_text() for page in cards.pages)
    assert "K7QM-2XPA" in text and "Tavolo della Zona 7 – Ciriacese-Valli di Lanzo" in text
    assert "http://psm.test/facilitator?codice=RKS7-S4U7" in text
    minutes = PdfReader(io.BytesIO(documents.minutes_pdf(
        state, pd.DataFrame(columns=["Zona", "Voce", "Titolo", "Situazione", "Progetti"]), state.event.created_at)))
    text = " ".join(page.extract_text() for page in minutes.pages)
    assert "Sintesi: Dalle strategie alle azioni" in text and "Mobilità" in text
    assert "cycler.__init__" in text  # hostile text printed as written
