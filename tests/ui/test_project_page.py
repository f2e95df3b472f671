"""The project page (/project?progetto=P012) and the links to it from the search and the zone page."""
from __future__ import annotations

import csv
import html
import json
from pathlib import Path

import pytest

from lib import loaders
from lib import schema as s
from lib.registry.references import read_references
from lib.safe_text import escape_markdown
from lib.submissions import moderation
from lib.submissions.db import sqlite_url
from lib.submissions.store import SubmissionStore
from lib.views import labels as lb
from lib.views import state as k
from tests.ui.conftest import frame, open_page, use_store
from tests.unit.submission_workers import make_draft


def registry_row(project_id: str) -> dict[str, str]:
    """The project's row as written in data/projects.csv: the values the page must show."""
    with s.PROJECTS_CSV.open(encoding="utf-8", newline="") as handle:
        return next(r for r in csv.DictReader(handle) if r[s.PROJECT_ID] == project_id)


def card_body(at) -> str:
    return html.unescape(next(h.proto.body for h in at.get("html") if "psm-project" in h.proto.body))


def map_frames(at) -> list[str]:
    return [e.proto.srcdoc for e in at.main if getattr(e, "type", "") == "iframe"]


def links(at) -> list[tuple[str, str]]:
    return [(e.proto.page, e.proto.query_string) for e in at.get("page_link")]


@pytest.mark.parametrize("project_id", ["P012", "P027", "P004"])
def test_the_page_of_a_project_shows_every_field_of_its_row(project_id: str) -> None:
    row = registry_row(project_id)
    at = open_page("pages/project.py", progetto=project_id)
    assert not at.exception and not at.error
    assert at.title[0].value == escape_markdown(row[s.TITLE])
    assert escape_markdown(row[s.DESCRIPTION]) in [m.value for m in at.markdown]
    body = card_body(at)
    for column in (s.PROMOTER, s.SOURCE, s.LOCATION_NOTE, s.EDITOR_NOTE, s.REPORTING_ZONE):
        assert row[column] in body, column
    assert f"«{row[s.SOURCE_QUOTE]}»" in body
    assert "<dt>Nota della redazione</dt>" in body if row[s.EDITOR_NOTE] else True
    for code in row[s.STRATEGIES].split(";"):
        assert f"{code} – " in body and "(Asse " in body
    for zone in row[s.ZONES].split(";"):
        assert lb.zone_label(int(zone)) in body
    for comune in row[s.COMUNI].split(";"):
        assert comune in body
    basis = lb.BASIS_LABELS[{"fonte": s.BASIS_SOURCE, "dedotta": s.BASIS_INFERRED}[row[s.LOCATION_BASIS]]]
    assert f"<dd>{basis}</dd>" in body and lb.PRECISION_LABELS[row[s.PRECISION]] in body
    # Its own map, with its markers and their link to this page; the correction form one click away.
    assert len(map_frames(at)) == 1 and json.dumps(row[s.TITLE]) in map_frames(at)[0]
    assert ("report", f"progetto={project_id}") in links(at)


def test_an_inferred_place_says_so_with_its_sentence() -> None:
    row = registry_row("P012")
    assert row[s.LOCATION_BASIS] == "dedotta"
    notes = [i.value for i in open_page("pages/project.py", progetto="P012").info]
    assert notes == [f"**Posizione dedotta.** {escape_markdown(row[s.LOCATION_NOTE])}"]
    assert not open_page("pages/project.py", progetto="P004").info  # stated by the source: no such note


def test_the_source_quantities_are_shown() -> None:
    with (s.PROJECTS_CSV.parent / "project_quantities.csv").open(encoding="utf-8") as handle:
        quantity = next(r for r in csv.DictReader(handle) if r[s.PROJECT_ID] == "P027")
    body = card_body(open_page("pages/project.py", progetto="P027"))
    assert f"<dt>Quantità indicate dalla fonte</dt><dd>circa {quantity['value']} {quantity['unit']}</dd>" in body


def test_a_metro_wide_project_has_no_map_and_says_why() -> None:
    assert registry_row("P001")[s.PRECISION] == "metropolitana"
    at = open_page("pages/project.py", progetto="P001")
    assert not map_frames(at)
    assert any("non ha un luogo sulla mappa" in c.value for c in at.caption)


@pytest.mark.parametrize("value", ["P999", "p012", "<script>", "{{7*7}}", "P" + "1" * 300, ""])
def test_an_unknown_or_malformed_id_says_so_in_italian_and_offers_the_search(value: str) -> None:
    at = open_page("pages/project.py", progetto=value)
    assert not at.exception and not at.error
    assert at.title[0].value == "Progetto non trovato"
    assert at.warning and ("Nel registro non c'è" in at.warning[0].value or "non indica un progetto"
                           in at.warning[0].value)
    assert "49" not in at.warning[0].value and "<script>" not in at.warning[0].value
    assert links(at) == [("search", "")]


def test_no_id_at_all_says_so() -> None:
    at = open_page("pages/project.py")
    assert at.title[0].value == "Progetto non trovato" and "non indica un progetto" in at.warning[0].value


def test_approved_reports_on_a_project_are_listed_without_their_sender(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    store = SubmissionStore(sqlite_url(tmp_path / "submissions.sqlite3"))
    use_store(monkeypatch, store)
    sub = store.add(make_draft("P004", title="Dorsale Fenestrelle-Oulx", category="fibra_ottica",
                               strategies=("1.1",), comuni=("Fenestrelle",), zones=(5,)), "SEG-TEST-0016")
    store.add(make_draft("P004", title="Altra correzione in attesa"), "SEG-TEST-0017")
    assert moderation.approve(store, sub, "Anna Verdi", read_references(), {"P004"}) == []
    loaders.refresh_submissions()
    at = open_page("pages/project.py", progetto="P004")
    assert at.title[0].value == "Dorsale Fenestrelle\\-Oulx"  # the approved correction is what is shown
    lines = [m.value.replace("\\", "") for m in at.markdown if "SEG" in m.value]
    assert len(lines) == 1 and lines[0].startswith("Correzione SEG-TEST-0016 inviata il ")
    shown = " ".join(e.value for e in at.markdown) + " ".join(c.value for c in at.caption)
    assert "Maria Bianchi" not in shown and "SEG-TEST-0017" not in shown
    assert any("segnalazione approvata" in c.value for c in at.caption)
    store.close()


def test_search_results_link_each_project_and_its_correction() -> None:
    at = open_page("pages/search.py", cerca="Ivrea")
    found = frame(at, "Progetto", lb.PROJECT_LINK_COLUMN)
    assert list(found[lb.PROJECT_LINK_COLUMN]) == [f"/project?progetto={pid}" for pid in found["ID"]]
    assert list(found[lb.CORRECTION_LINK_COLUMN]) == [f"/report?progetto={pid}" for pid in found["ID"]]
    # Something matches: no invitation to report it as missing.
    assert not any("mancante" in e.proto.label for e in at.get("page_link"))
    at = open_page("pages/search.py", cerca="zzqqxx")
    assert [e.proto.label for e in at.get("page_link")] == ["Segnala un progetto mancante: «zzqqxx»"]


def test_the_zone_table_links_each_project_to_its_page() -> None:
    at = open_page("pages/zone.py", zona="5")
    shown = frame(at, "Progetto", lb.PROJECT_LINK_COLUMN)
    assert len(shown) > 5 and list(shown[lb.PROJECT_LINK_COLUMN]) == [f"/project?progetto={p}" for p in shown["ID"]]


def test_the_home_lists_and_a_needs_projects_link_each_project_to_its_page() -> None:
    at = open_page("pages/home_map.py")
    at.session_state[k.MAP_UNPLACED_OPEN] = at.session_state[k.MAP_PLACED_OPEN] = True  # lists built when opened
    at.run()
    for listed in (frame(at, "Progetto", "Localizzazione", lb.PROJECT_LINK_COLUMN, index=i) for i in (0, 1)):
        assert len(listed) and listed[lb.PROJECT_LINK_COLUMN].str.fullmatch(r"/project\?progetto=P\d{3,}").all()
    at = open_page("pages/needs.py")
    need = at.selectbox(key=k.NEEDS_PICK).options[1]
    at.selectbox(key=k.NEEDS_PICK).set_value(need.split(" – ")[0]).run()
    projects = frame(at, "Progetto", lb.PROJECT_LINK_COLUMN)
    assert projects[lb.PROJECT_LINK_COLUMN].str.fullmatch(r"/project\?progetto=P\d{3,}").all()
