"""Failures: a writer killed mid-transaction, a read-only or full data folder. Nothing acknowledged is lost.

The tests run as root, which ignores file permissions, so a read-only folder is made in ways root cannot
write either: a path below a regular file, /sys, and a tmpfs remounted read-only. A full disk is a tmpfs of
a few hundred KiB, and also SQLite's max_page_count (the same SQLITE_FULL error, where mount is not allowed).
"""
from __future__ import annotations

import contextlib
import os
import random
import shutil
import signal
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import event, func, select

from lib.submissions import db
from lib.submissions.store import DB_FILE_NAME, StorageUnavailableError, SubmissionStore
from tests.unit.submission_helpers import make_draft

ROOT = Path(__file__).resolve().parents[2]
BIG = "Descrizione lunga. " * 100


def _writer(mode: str, url: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "tests.unit.submission_workers", mode, url], cwd=ROOT,
                            stdout=subprocess.PIPE, text=True)


def _integrity(store: SubmissionStore) -> str:
    with store.engine().connect() as conn:
        if conn.dialect.name != "sqlite":
            return "ok"
        return conn.exec_driver_sql("PRAGMA integrity_check").scalar()


def _status_rows_per_submission(store: SubmissionStore) -> set[int]:
    with store.engine().connect() as conn:
        rows = conn.execute(select(func.count()).select_from(db.STATUS_CHANGES)
                            .group_by(db.STATUS_CHANGES.c.submission_id)).scalars().all()
    return set(rows)


def test_a_writer_killed_inside_its_transaction_leaves_no_trace(db_url: str) -> None:
    store = SubmissionStore(db_url)
    kept = [store.add(make_draft(title=f"Prima {i}"), f"SEG-KEEP-000{i}").receipt for i in range(3)]
    writer = _writer("hold", db_url)
    assert writer.stdout.readline().strip() == "inserted"
    if db_url.startswith("sqlite"):
        # 1,500 rows of 1.5 KB are more than SQLite's page cache: uncommitted pages are in the WAL file.
        wal = Path(db_url.removeprefix("sqlite:///") + "-wal")
        assert wal.stat().st_size > 1_000_000
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait(timeout=10)

    assert _integrity(store) == "ok"
    assert [s.receipt for s in store.list_submissions()] == kept
    store.add(make_draft(title="Dopo"), "SEG-KEEP-0009")  # the dead writer's lock is gone
    assert store.count() == 4
    store.close()


def test_writers_killed_while_committing_lose_no_acknowledged_report(tmp_path: Path) -> None:
    url = db.sqlite_url(tmp_path / DB_FILE_NAME)
    acknowledged: list[str] = []
    for _ in range(3):
        writer = _writer("commit", url)
        for _ in range(random.randint(20, 60)):
            acknowledged.append(writer.stdout.readline().strip())
        os.kill(writer.pid, signal.SIGKILL)
        writer.wait(timeout=10)
        acknowledged.extend(line.strip() for line in writer.stdout if line.strip())
    store = SubmissionStore(url)
    assert _integrity(store) == "ok"
    stored = {s.receipt for s in store.list_submissions()}
    assert set(acknowledged) <= stored
    # At most the report being committed when each writer died is there without having been printed.
    assert len(stored) - len(set(acknowledged)) <= 3
    assert _status_rows_per_submission(store) == {1}
    store.close()


@pytest.mark.parametrize("data_dir", ["{tmp}/a-file/var", "/sys/psm-test-{uid}/var"])
def test_a_data_folder_that_cannot_be_created_gives_a_clear_error(tmp_path: Path, data_dir: str) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    folder = data_dir.format(tmp=tmp_path, uid=uuid.uuid4().hex[:8])
    store = SubmissionStore.from_environment({"PSM_DATA_DIR": folder})
    with pytest.raises(StorageUnavailableError, match="cannot be used") as err:
        store.add(make_draft(), "SEG-RDON-0001")
    assert folder in str(err.value)
    with pytest.raises(StorageUnavailableError):
        store.list_submissions()


def _fill_until_full(store: SubmissionStore, limit: int = 2000) -> tuple[list[str], StorageUnavailableError]:
    acknowledged = []
    for i in range(limit):
        try:
            acknowledged.append(store.add(make_draft(description=BIG), f"SEG-FULL-{i:04d}").receipt)
        except StorageUnavailableError as err:
            return acknowledged, err
    raise AssertionError("the database never filled up")


def test_a_full_database_gives_a_clear_error_and_keeps_what_it_has(tmp_path: Path) -> None:
    store = SubmissionStore(db.sqlite_url(tmp_path / DB_FILE_NAME))
    engine = store.engine()
    event.listen(engine, "connect", lambda conn, _: conn.execute("PRAGMA max_page_count = 80"))
    engine.dispose()
    acknowledged, err = _fill_until_full(store)
    assert "full" in str(err) and len(acknowledged) > 10
    assert [s.receipt for s in store.list_submissions()] == acknowledged
    assert _integrity(store) == "ok"
    store.close()


@contextlib.contextmanager
def _tmpfs(path: Path, size: str) -> Iterator[Path]:
    path.mkdir()
    mounted = shutil.which("mount") and subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)], capture_output=True,
        check=False).returncode == 0
    if not mounted:
        pytest.skip("cannot mount a tmpfs here (needs root with CAP_SYS_ADMIN)")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


def _remount(path: Path, options: str) -> None:
    subprocess.run(["mount", "-o", f"remount,{options}", str(path)], check=True)


def test_a_full_disk_gives_a_clear_error_and_writing_resumes_when_space_is_freed(tmp_path: Path) -> None:
    with _tmpfs(tmp_path / "disk", "1m") as disk:
        store = SubmissionStore.from_environment({"PSM_DATA_DIR": str(disk / "var")})
        acknowledged, err = _fill_until_full(store)
        assert "full" in str(err) and len(acknowledged) > 10
        assert [s.receipt for s in store.list_submissions()] == acknowledged
        _remount(disk, "size=8m")
        store.add(make_draft(), "SEG-FULL-AFTR")
        assert store.count() == len(acknowledged) + 1 and _integrity(store) == "ok"
        store.close()


def test_a_disk_turned_read_only_gives_a_clear_error_and_loses_nothing(tmp_path: Path) -> None:
    with _tmpfs(tmp_path / "disk", "8m") as disk:
        store = SubmissionStore.from_environment({"PSM_DATA_DIR": str(disk / "var")})
        store.add(make_draft(), "SEG-RDON-0001")
        store.close()  # Linux refuses to remount read-only while a file is open for writing
        _remount(disk, "ro")
        with pytest.raises(StorageUnavailableError, match="cannot be used"):
            store.add(make_draft(title="Mentre il disco è in sola lettura"), "SEG-RDON-0002")
        store.close()
        _remount(disk, "rw")
        reopened = SubmissionStore.from_environment({"PSM_DATA_DIR": str(disk / "var")})
        reopened.add(make_draft(title="Dopo"), "SEG-RDON-0004")
        assert [s.receipt for s in reopened.list_submissions()] == ["SEG-RDON-0001", "SEG-RDON-0004"]
        assert _integrity(reopened) == "ok"
        reopened.close()
