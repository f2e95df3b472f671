"""Novità (/changes?zona=6&da=1): what changed since a release, the zone's sentence, each project's fields, the
release notes as plain text, an Atom feed; the zone page links to it."""
from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

import pytest

from lib import loaders
from lib import schema as s
from lib.registry.read import read_registry
from lib.registry.references import read_references
from lib.submissions import keys as sk
from lib.submissions import releases
from lib.submissions.db import sqlite_url
from lib.submissions.store import SubmissionStore
from lib.views import changes as ch
from lib.views import labels as lb
from tests.ui.conftest import frame, open_page, use_store

HOSTILE_NOTE = "**grassetto** [link](javascript:alert(1)) <script>x</script>"


@pytest.fixture
def two_releases(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> SubmissionStore:
    store = SubmissionStore(sqlite_url(tmp_path / "submissions.sqlite3"))
    use_store(monkeypatch, store)
    registry = read_registry(str(s.PROJECTS_CSV), read_references()).valid
    releases.make_release(store, registry, "Anna Verdi", "Prima release")
    edited = registry.copy()
    edited.loc[edited[s.PROJECT_ID] == "P019", [s.TITLE, s.LOCATION_BASIS]] = ["Titolo corretto", s.BASIS_SOURCE]
    releases.make_release(store, edited[edited[s.PROJECT_ID] != "P001"], "Bruno Neri", HOSTILE_NOTE)
    yield store
    store.close()


def test_a_zone_sees_what_changed_for_it_since_a_release(two_releases: SubmissionStore) -> None:
    at = open_page("pages/changes.py", zona="6", da="1")
    assert not at.exception
    assert at.info[0].value == ("Zona 6 – Valli di Susa e Sangone: 1 progetto modificato (1 con la posizione ora "
                                "dalla fonte).")
    rows = frame(at, ch.PROJECT, ch.KIND, ch.WHAT)
    assert list(rows[ch.PROJECT]) == ["P019 – Titolo corretto"] and list(rows[ch.KIND]) == ["Modificato"]
    assert "Base della posizione: «posizione dedotta» → «dalla fonte»" in rows[ch.WHAT].iloc[0]
    assert list(rows[lb.PROJECT_LINK_COLUMN]) == [lb.project_link("P019")]
    shown = " ".join(m.value for m in at.markdown)
    assert "\\*\\*grassetto\\*\\*" in shown and "<script>" not in shown.replace("\\<script\\>", "")


def test_all_zones_and_the_start_list_every_change(two_releases: SubmissionStore) -> None:
    at = open_page("pages/changes.py")  # by default: what the latest release changed
    rows = frame(at, ch.PROJECT, ch.KIND)
    assert set(rows[ch.KIND]) == {"Tolto", "Modificato"} and len(rows) == 2
    assert "Progetti" in frame(at, "Release", "Nota").columns
    at = open_page("pages/changes.py", da="0")  # from the start, everything is new
    assert len(frame(at, ch.PROJECT, ch.KIND)) == 105


@pytest.mark.parametrize("value", ["99", "-1", "x", "2"])
def test_an_odd_release_number_falls_back_to_the_latest_release(two_releases: SubmissionStore, value: str) -> None:
    at = open_page("pages/changes.py", da=value)
    assert not at.exception and len(frame(at, ch.PROJECT, ch.KIND)) == 2


def test_the_feed_has_an_entry_per_release_with_the_zone_changes(two_releases: SubmissionStore) -> None:
    open_page("pages/changes.py")
    feed = ElementTree.fromstring(loaders.feed_bytes(6, "https://psm.example.it"))
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = feed.findall("a:entry", ns)
    assert [e.find("a:title", ns).text for e in entries] == [f"Release 2: {HOSTILE_NOTE}", "Release 1: Prima release"]
    assert "P019: Modificato" in entries[0].find("a:summary", ns).text
    assert entries[0].find("a:link", ns).get("href") == "https://psm.example.it/changes?zona=6&da=1"
    assert feed.find("a:link", ns).get("href") == "https://psm.example.it/changes?zona=6"


def test_without_releases_the_page_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = SubmissionStore(sqlite_url(tmp_path / "submissions.sqlite3"))
    use_store(monkeypatch, store)
    at = open_page("pages/changes.py")
    assert at.info[0].value == lb.NO_RELEASES
    store.close()


def test_a_moderator_publishes_a_release_and_novita_shows_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from lib.submissions import moderation as mod
    from tests.ui import test_moderation_page as moderation_page

    monkeypatch.delenv(mod.PASSWORD_ENV, raising=False)
    store = SubmissionStore(sqlite_url(tmp_path / "submissions.sqlite3"))
    use_store(monkeypatch, store)
    at = moderation_page.log_in(moderation_page.open_page())
    at.text_input(key=sk.RELEASE_NOTE_KEY).set_value("Prima release del registro")
    at = at.button(key=sk.RELEASE_SUBMIT_KEY).click().run()
    assert not at.exception and at.success[0].value.startswith("Pubblicata la release 1: 106 progetti")
    at.text_input(key=sk.RELEASE_NOTE_KEY).set_value("Di nuovo")
    at = at.button(key=sk.RELEASE_SUBMIT_KEY).click().run()
    assert at.warning[0].value == releases.NOTHING_CHANGED  # nothing changed: refused, said in Italian
    made = releases.list_releases(store)
    assert [(r.number, r.made_by, r.note) for r in made] == [(1, "Anna Verdi", "Prima release del registro")]
    store.close()


def test_the_zone_page_links_to_its_changes(two_releases: SubmissionStore) -> None:
    at = open_page("pages/zone.py", zona="6")
    link = next(e for e in at.get("page_link") if "cambiato per la zona" in e.proto.label)
    assert link.proto.page.endswith("changes") and link.proto.query_string == "zona=6"
    assert "ultima release 2 del" in link.proto.label


def test_a_project_page_shows_its_history_across_releases(two_releases: SubmissionStore) -> None:
    at = open_page("pages/project.py", progetto="P019")
    history = frame(at, "Release", ch.KIND, ch.WHAT)
    assert list(history["Release"]) == [1, 2] and list(history[ch.KIND]) == ["Aggiunto", "Modificato"]
    assert "Progetto: «" in history[ch.WHAT].iloc[1] and "» → «Titolo corretto»" in history[ch.WHAT].iloc[1]
    gone = frame(open_page("pages/project.py", progetto="P005"), "Release", ch.KIND)
    assert list(gone[ch.KIND]) == ["Aggiunto"]  # unchanged in release 2: one line only
