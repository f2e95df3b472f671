"""Registry releases: numbered immutable snapshots, refused when nothing changed, one number per release whatever
the number of processes; the diff between two releases per project, field and zone."""
from __future__ import annotations

import threading
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy.exc import DBAPIError

from lib import schema as s
from lib.analysis import releases as rel
from lib.registry.read import read_registry
from lib.registry.references import read_references
from lib.submissions import releases
from lib.submissions.store import SubmissionStore


@pytest.fixture(scope="module")
def registry() -> pd.DataFrame:
    return read_registry(str(s.PROJECTS_CSV), read_references()).valid


def _edited(registry: pd.DataFrame, project_id: str, **values: str) -> pd.DataFrame:
    edited = registry.copy()
    for column, value in values.items():
        edited.loc[edited[s.PROJECT_ID] == project_id, column] = value
    return edited


def test_a_release_keeps_what_was_shown_and_nothing_unchanged_is_released_twice(store: SubmissionStore,
                                                                                registry: pd.DataFrame) -> None:
    first = releases.make_release(store, registry, "Anna Verdi", "  Prima   release  ",
                                  datetime(2026, 3, 1, tzinfo=UTC))
    assert (first.number, first.note, len(first.projects)) == (1, "Prima release", 106)
    assert s.NOTES not in first.projects["P001"]  # the maintainers' notes are not part of the public record
    with pytest.raises(releases.ReleaseError, match="Nessun progetto è cambiato"):
        releases.make_release(store, registry, "Anna Verdi", "Di nuovo")
    for note in ("", "   ", "x" * (releases.NOTE_MAX + 1)):
        with pytest.raises(releases.ReleaseError):
            releases.make_release(store, _edited(registry, "P004", title="Altro"), "Anna Verdi", note)
    second = releases.make_release(store, _edited(registry, "P004", title="Dorsale Fenestrelle-Oulx"), "Bruno",
                                   "Correzione P004")
    kept = releases.list_releases(store)
    assert [r.number for r in kept] == [1, 2] and kept[0].projects["P004"] != kept[1].projects["P004"]
    assert kept[0].made_at == datetime(2026, 3, 1, tzinfo=UTC) and second.made_by == "Bruno"


def test_a_release_cannot_be_changed_afterwards(store: SubmissionStore, registry: pd.DataFrame) -> None:
    releases.make_release(store, registry, "Anna", "Prima")
    for statement in ("UPDATE registry_releases SET note = 'altra'", "DELETE FROM registry_releases"):
        with pytest.raises(DBAPIError, match="append-only"), store.engine().begin() as conn:
            conn.exec_driver_sql(statement)


def test_releases_made_at_once_get_one_number_each(store: SubmissionStore, registry: pd.DataFrame) -> None:
    """Four moderators press «Pubblica» at once, each with a different registry: each release gets its own
    number or is refused with RACED (told to reload); none overwrites another."""
    outcomes: list[object] = []
    start = threading.Barrier(4)

    def publish(i: int) -> None:
        start.wait()
        try:
            outcomes.append(releases.make_release(store, _edited(registry, "P004", title=f"Titolo {i}"), f"M{i}",
                                                  f"Release {i}"))
        except releases.ReleaseError as err:
            outcomes.append(str(err))

    threads = [threading.Thread(target=publish, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    made = [o for o in outcomes if isinstance(o, releases.Release)]
    assert made and all(o == releases.RACED for o in outcomes if isinstance(o, str))
    kept = releases.list_releases(store)
    assert sorted(r.number for r in made) == [r.number for r in kept] == list(range(1, len(made) + 1))
    assert {r.note for r in kept} == {r.note for r in made}


def test_the_diff_names_each_changed_field_and_the_zones_it_concerns(registry: pd.DataFrame) -> None:
    old = rel.snapshot(registry)
    assert old["P019"][s.LOCATION_BASIS] == s.BASIS_INFERRED and old["P019"][s.ZONES] == "5;6"
    moved = _edited(registry, "P019", location_basis=s.BASIS_SOURCE, title="Titolo corretto")
    new = rel.snapshot(moved[moved[s.PROJECT_ID] != "P001"])
    new["P999"] = {**old["P019"], s.ZONES: "9"}
    changes = {c.project_id: c for c in rel.diff(old, new)}
    assert set(changes) == {"P001", "P019", "P999"}
    assert changes["P001"].kind == rel.REMOVED and changes["P999"].kind == rel.ADDED
    assert changes["P019"].fields == (rel.FieldChange(s.TITLE, old["P019"][s.TITLE], "Titolo corretto"),
                                      rel.FieldChange(s.LOCATION_BASIS, s.BASIS_INFERRED, s.BASIS_SOURCE))
    assert changes["P019"].zones == {5, 6}
    zone6 = rel.tally(rel.in_zone(list(changes.values()), 6))
    assert zone6 == rel.ZoneTally(changed=1, to_source=1)
    assert rel.tally(rel.in_zone(list(changes.values()), 9)) == rel.ZoneTally(added=1)


def test_the_command_makes_a_release_of_what_the_app_shows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("PSM_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("PSM_DATABASE_URL", raising=False)
    assert releases.main(["Prima release", "--autore", "Anna Verdi"]) == 0
    assert "Release 1 del " in capsys.readouterr().out
    assert releases.main(["Di nuovo"]) == 1 and releases.NOTHING_CHANGED in capsys.readouterr().err
    store = SubmissionStore.from_environment()
    assert [(r.number, r.made_by, len(r.projects)) for r in releases.list_releases(store)] == [(1, "Anna Verdi", 106)]
    store.close()


def test_each_release_rewrites_the_feeds_of_every_zone(store: SubmissionStore, registry: pd.DataFrame,
                                                       tmp_path: Path) -> None:
    from xml.etree import ElementTree

    from lib.submissions import feeds

    releases.make_release(store, registry, "Anna", "Prima")
    releases.make_release(store, _edited(registry, "P019", title="Titolo corretto"), "Anna", "Seconda")
    written = feeds.write_feeds(tmp_path, releases.list_releases(store), "https://psm.example.it")
    assert sorted(p.name for p in written) == sorted(["tutte.xml", *(f"zona-{z}.xml" for z in range(1, 12))])
    assert not list(tmp_path.glob(".*.tmp"))  # written whole, then renamed
    ns = {"a": "http://www.w3.org/2005/Atom"}
    zone5 = ElementTree.parse(tmp_path / "zona-5.xml").getroot().findall("a:entry", ns)
    zone1 = ElementTree.parse(tmp_path / "zona-1.xml").getroot().findall("a:entry", ns)
    assert "P019: Modificato" in zone5[0].find("a:summary", ns).text  # seed 002 §3: P019 is in zones 5 and 6
    assert "P019" not in zone1[0].find("a:summary", ns).text
