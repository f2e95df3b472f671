"""The submissions store: storing, audit, revisions, immutability (API and database) and migrations."""
from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import create_engine, insert, inspect, text
from sqlalchemy.exc import DBAPIError

from lib.submissions import db, guessing, limits
from lib.submissions import fields as f
from lib.submissions.store import (
    DB_FILE_NAME,
    DEFAULT_DATA_DIR,
    StatusConflictError,
    StorageUnavailableError,
    SubmissionStore,
    UnknownSubmissionError,
    database_url,
)
from tests.unit.submission_helpers import at, make_content, make_draft

ROOT = Path(__file__).resolve().parents[2]


def test_a_report_is_stored_with_its_timestamp_and_a_pending_audit_entry(store: SubmissionStore) -> None:
    sub = store.add(make_draft(), "SEG-AAAA-0001", now=at(9))
    assert sub.status == f.STATUS_PENDING and sub.created_at == at(9) and sub.receipt == "SEG-AAAA-0001"
    assert store.get(sub.submission_id) == sub
    assert store.find_receipt("SEG-AAAA-0001") == sub and store.find_receipt("SEG-NONE-0000") is None
    [entry] = store.history(sub.submission_id)
    assert (entry.seq, entry.from_status, entry.to_status, entry.actor, entry.changed_at) == \
        (1, None, f.STATUS_PENDING, f.SENDER_ACTOR, at(9))


def test_what_is_stored_is_what_was_sent(store: SubmissionStore) -> None:
    draft = make_draft("P012", title="Dorsale «fibra» – Fenestrelle/Oulx", comuni=("Torino", "Ivrea"),
                       zones=(1, 9), strategies=("2.3", "1.1"), description="Riga uno.\n\nRiga due.")
    sub = store.add(draft, "SEG-AAAA-0002")
    assert sub.draft == draft and sub.draft.kind == f.KIND_CORRECTION


def test_sending_the_same_receipt_again_stores_it_once(store: SubmissionStore) -> None:
    first = store.add(make_draft(), "SEG-AAAA-0003")
    assert store.add(make_draft(), "SEG-AAAA-0003") == first
    assert store.count() == 1
    with pytest.raises(ValueError, match="different submission"):
        store.add(make_draft(title="Altro"), "SEG-AAAA-0003")
    assert store.count() == 1


@pytest.mark.parametrize(("draft", "fragment"), [
    (make_draft(title=""), "title required"),
    (make_draft(title="x" * 201), "title too_long"),
    (make_draft(description="x" * 2001), "description too_long"),
    (make_draft(comuni=tuple(f"C{i}" for i in range(61))), "comuni too_many"),
    (f.Draft(make_content(), f.Sender("A", "not-an-email", "r")), "sender_email email"),
])
def test_the_store_refuses_what_the_form_would_refuse(store: SubmissionStore, draft: f.Draft,
                                                      fragment: str) -> None:
    with pytest.raises(ValueError, match=fragment):
        store.add(draft, "SEG-AAAA-0004")
    with pytest.raises(ValueError, match="malformed receipt"):
        store.add(make_draft(), "bad receipt!")


def test_status_changes_are_audited_with_who_when_and_why(store: SubmissionStore) -> None:
    sub = store.add(make_draft(), "SEG-AAAA-0005", now=at(9))
    store.set_status(sub.submission_id, f.STATUS_REJECTED, "Anna", "Duplicato di P012", now=at(10))
    store.set_status(sub.submission_id, f.STATUS_APPROVED, "Luca", "Non è un duplicato", now=at(11))
    assert [(h.seq, h.from_status, h.to_status, h.actor, h.reason, h.changed_at)
            for h in store.history(sub.submission_id)] == [
        (1, None, f.STATUS_PENDING, f.SENDER_ACTOR, "", at(9)),
        (2, f.STATUS_PENDING, f.STATUS_REJECTED, "Anna", "Duplicato di P012", at(10)),
        (3, f.STATUS_REJECTED, f.STATUS_APPROVED, "Luca", "Non è un duplicato", at(11))]
    current = store.get(sub.submission_id)
    assert current.status == f.STATUS_APPROVED and current.status_changed_at == at(11)
    assert current.draft == sub.draft and current.created_at == at(9)
    assert [s.submission_id for s in store.list_submissions(f.STATUS_APPROVED)] == [sub.submission_id]
    assert store.list_submissions(f.STATUS_PENDING) == []


@pytest.mark.parametrize(("status", "actor", "reason", "error"), [
    (f.STATUS_REJECTED, "Anna", "", ValueError),
    (f.STATUS_APPROVED, "", "", ValueError),
    ("deleted", "Anna", "", ValueError),
    (f.STATUS_APPROVED, "Anna", "x" * 501, ValueError),
    (f.STATUS_PENDING, "Anna", "", StatusConflictError),
])
def test_invalid_status_changes_are_refused(store: SubmissionStore, status: str, actor: str, reason: str,
                                            error: type) -> None:
    sub = store.add(make_draft(), "SEG-AAAA-0006")
    with pytest.raises(error):
        store.set_status(sub.submission_id, status, actor, reason)
    assert len(store.history(sub.submission_id)) == 1


def test_a_decision_on_a_stale_view_is_refused(store: SubmissionStore) -> None:
    sub = store.add(make_draft(), "SEG-AAAA-0007")
    store.set_status(sub.submission_id, f.STATUS_REJECTED, "Anna", "Fuori tema", expected=f.STATUS_PENDING)
    with pytest.raises(StatusConflictError):
        store.set_status(sub.submission_id, f.STATUS_APPROVED, "Luca", expected=f.STATUS_PENDING)
    with pytest.raises(UnknownSubmissionError):
        store.set_status(999, f.STATUS_APPROVED, "Luca")


def test_two_moderators_deciding_at_once_make_one_decision(store: SubmissionStore) -> None:
    sub = store.add(make_draft(), "SEG-AAAA-0008")
    outcomes: list[str] = []
    start = threading.Barrier(8)

    def decide(i: int) -> None:
        start.wait()
        try:
            store.set_status(sub.submission_id, f.STATUS_APPROVED, f"Mod {i}", expected=f.STATUS_PENDING)
            outcomes.append("ok")
        except StatusConflictError:
            outcomes.append("conflict")

    threads = [threading.Thread(target=decide, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["conflict"] * 7 + ["ok"]
    assert [h.seq for h in store.history(sub.submission_id)] == [1, 2]


def test_an_edit_is_a_new_revision_and_the_original_stays_as_sent(store: SubmissionStore) -> None:
    sub = store.add(make_draft(), "SEG-AAAA-0009", now=at(9))
    first = store.add_revision(sub.submission_id, make_content(title="Ciclovia Stura", category="ciclabile"),
                               "Anna", "Titolo più breve", now=at(10))
    second = store.add_revision(sub.submission_id, make_content(title="Ciclovia della Stura di Lanzo",
                                                                category="ciclabile"), "Luca", now=at(11))
    current = store.get(sub.submission_id)
    assert current.draft == sub.draft and current.created_at == at(9)
    assert current.revision == second and current.content.title == "Ciclovia della Stura di Lanzo"
    revisions = store.revisions(sub.submission_id)
    assert [(r.revision_no, r.editor, r.reason, r.created_at) for r in revisions] == \
        [(1, "Anna", "Titolo più breve", at(10)), (2, "Luca", "", at(11))]
    assert first.content.category == "ciclabile"
    with pytest.raises(ValueError, match="title required"):
        store.add_revision(sub.submission_id, make_content(title=""), "Anna")
    with pytest.raises(UnknownSubmissionError):
        store.add_revision(999, make_content(), "Anna")


def test_the_store_has_no_way_to_change_or_delete_a_submission() -> None:
    public = {name for name in dir(SubmissionStore) if not name.startswith("_")}
    # `transaction` serves modules with tables of their own (rate_events); the audit tables stay append-only.
    assert public == {"add", "add_revision", "close", "count", "display_url", "engine", "find_receipt",
                      "from_environment", "get", "history", "list_submissions", "revisions", "set_status",
                      "transaction", "version"}


@pytest.mark.parametrize("statement", [
    "UPDATE submissions SET title = 'cambiato'",
    "UPDATE submissions SET created_at = created_at",
    "DELETE FROM submissions",
    "UPDATE status_changes SET to_status = 'approved'",
    "DELETE FROM status_changes",
    "UPDATE revisions SET title = 'cambiato'",
    "DELETE FROM revisions",
])
def test_the_database_itself_refuses_to_change_stored_rows(store: SubmissionStore, statement: str) -> None:
    sub = store.add(make_draft(), "SEG-AAAA-0010")
    store.add_revision(sub.submission_id, make_content(title="Rivista"), "Anna")
    with pytest.raises(DBAPIError, match="append-only"), store.engine().begin() as conn:
        conn.execute(text(statement))
    assert store.get(sub.submission_id).draft == sub.draft
    assert len(store.history(sub.submission_id)) == 1 and len(store.revisions(sub.submission_id)) == 1


def test_sqlite_runs_in_wal_mode_with_foreign_keys(tmp_path: Path) -> None:
    store = SubmissionStore(db.sqlite_url(tmp_path / "new" / "dir" / DB_FILE_NAME))
    store.add(make_draft(), "SEG-AAAA-0011")
    with store.engine().connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        with pytest.raises(DBAPIError, match="FOREIGN KEY"):
            conn.execute(insert(db.STATUS_CHANGES).values(submission_id=999, seq=1, to_status="pending",
                                                          actor="x", changed_at=at(9)))
    store.close()


def test_the_database_location_comes_from_the_environment(tmp_path: Path) -> None:
    assert database_url({}) == db.sqlite_url(DEFAULT_DATA_DIR / DB_FILE_NAME)
    assert DEFAULT_DATA_DIR == ROOT / "var" and "/var/" in (ROOT / ".gitignore").read_text()
    assert database_url({"PSM_DATA_DIR": str(tmp_path)}) == db.sqlite_url(tmp_path / DB_FILE_NAME)
    pg = "postgresql+psycopg://psm:secret@db:5432/psm"
    assert database_url({"PSM_DATA_DIR": str(tmp_path), "PSM_DATABASE_URL": pg}) == pg
    assert "secret" not in SubmissionStore(pg).display_url


def test_an_older_database_is_migrated_and_keeps_its_reports(db_url: str) -> None:
    engine = db.make_engine(db_url)
    assert db.migrate(engine, target=1) == 1
    with engine.begin() as conn:
        assert not inspect(conn).has_table("revisions")
        conn.execute(insert(db.SUBMISSIONS).values(
            receipt="SEG-OLD1-0001", created_at=at(8), kind=f.KIND_NEW, title="Vecchia segnalazione",
            description="Scritta dalla versione 1.", zones="7", sender_name="A", sender_email="a@b.it",
            sender_role="r"))
        conn.execute(text("INSERT INTO status_changes (submission_id, seq, to_status, actor, reason, "
                          "changed_at) VALUES (1, 1, 'pending', 'sender', '', :t)"), {"t": at(8)})
        conn.exec_driver_sql("UPDATE submissions SET title = 'ancora modificabile in v1'")
    engine.dispose()

    store = SubmissionStore(db_url)
    old = store.get(1)
    assert (old.receipt, old.content.title, old.status, old.created_at) == \
        ("SEG-OLD1-0001", "ancora modificabile in v1", f.STATUS_PENDING, at(8))
    store.add_revision(1, make_content(title="Rivista dopo la migrazione"), "Anna")
    assert store.get(1).content.title == "Rivista dopo la migrazione"
    with pytest.raises(DBAPIError, match="append-only"), store.engine().begin() as conn:
        conn.exec_driver_sql("UPDATE submissions SET title = 'no'")
    with store.engine().connect() as conn:
        assert db.schema_version(conn) == db.LATEST_VERSION == 6
        assert inspect(conn).has_table("rate_events") and inspect(conn).has_table("event_acts")
        assert inspect(conn).has_table("registry_releases")
    assert db.migrate(store.engine()) == db.LATEST_VERSION
    store.close()


def test_a_database_from_a_newer_app_is_not_touched(db_url: str) -> None:
    engine = db.make_engine(db_url)
    db.migrate(engine)
    with engine.begin() as conn:
        conn.execute(insert(db.SCHEMA_MIGRATIONS).values(version=db.LATEST_VERSION + 1, applied_at=at(8)))
    engine.dispose()
    with pytest.raises(StorageUnavailableError, match="newer than this app"):
        SubmissionStore(db_url).add(make_draft(), "SEG-AAAA-0012")


def test_an_empty_folder_gets_a_new_database(tmp_path: Path) -> None:
    url = db.sqlite_url(tmp_path / "a" / "b" / DB_FILE_NAME)
    store = SubmissionStore(url)
    assert store.count() == 0 and (tmp_path / "a" / "b" / DB_FILE_NAME).exists()
    with create_engine(url).connect() as conn:
        assert db.schema_version(conn) == db.LATEST_VERSION
    store.close()


def test_version_changes_whenever_something_is_stored(store: SubmissionStore) -> None:
    assert store.version() == (0, 0)
    sub = store.add(make_draft(), "SEG-AAAA-0013")
    after_add = store.version()
    store.set_status(sub.submission_id, f.STATUS_APPROVED, "Anna")
    after_status = store.version()
    store.add_revision(sub.submission_id, make_content(title="Rivista"), "Anna")
    assert len({(0, 0), after_add, after_status, store.version()}) == 4


def test_timestamps_are_stored_in_utc(store: SubmissionStore) -> None:
    rome = timezone(timedelta(hours=1))
    sub = store.add(make_draft(), "SEG-AAAA-0014", now=datetime(2026, 11, 21, 10, 0, tzinfo=rome))
    assert store.get(sub.submission_id).created_at == at(9) and sub.created_at.tzinfo == UTC


def test_an_unavailable_database_is_logged_for_the_operator(tmp_path: Path,
                                                            caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / "a-file").write_text("")
    store = SubmissionStore.from_environment({"PSM_DATA_DIR": str(tmp_path / "a-file" / "var")})
    with pytest.raises(StorageUnavailableError):
        store.count()
    assert "unavailable" in caplog.text and "Not a directory" in caplog.text


def test_limits_hold_across_stores_on_one_database(db_url: str) -> None:
    """Two stores on one database are two app processes: a client cannot get round a limit by switching."""
    first, second = SubmissionStore(db_url), SubmissionStore(db_url)
    try:
        cap = limits.LIMITS[limits.REPORT].per_client
        allowed = [limits.check_and_record(first if i % 2 else second, limits.REPORT, "151.0.0.1", 1000.0 + i)
                   .allowed for i in range(cap + 2)]
        assert allowed == [True] * cap + [False, False]
        # Another address is still welcome, until the overall ceiling.
        assert limits.check_and_record(first, limits.REPORT, "151.0.0.2", 1100.0).allowed
        later = 1000.0 + limits.LIMITS[limits.REPORT].window_s + 1
        assert limits.check_and_record(second, limits.REPORT, "151.0.0.1", later).allowed
    finally:
        first.close()
        second.close()


def test_threads_racing_for_the_last_places_get_exactly_the_limit(store: SubmissionStore) -> None:
    cap = limits.LIMITS[limits.REPORT].per_client
    results: list[bool] = []
    barrier = threading.Barrier(cap + 4)

    def attempt() -> None:
        barrier.wait()
        results.append(limits.check_and_record(store, limits.REPORT, "151.0.0.9", 5000.0).allowed)

    threads = [threading.Thread(target=attempt) for _ in range(cap + 4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [False] * 4 + [True] * cap


def test_old_attempts_are_forgotten(store: SubmissionStore) -> None:
    guessing.record_failure(store, guessing.LOGIN, "151.0.0.3", 0.0)
    limits.check_and_record(store, limits.REPORT, "151.0.0.3", limits.RETENTION_S + 10)
    with store.engine().connect() as conn:
        kinds = [r.kind for r in conn.execute(db.RATE_EVENTS.select())]
    assert kinds == [limits.REPORT]
    guessing.record_failure(store, guessing.CODE, "151.0.0.3", 0.0)
    guessing.reserve(store, guessing.CODE, "151.0.0.3", limits.RETENTION_S + 10)
    with store.engine().connect() as conn:
        kinds = [r.kind for r in conn.execute(db.RATE_EVENTS.select())]
    assert kinds == [limits.REPORT, guessing.CODE + guessing.CHECK_SUFFIX]
