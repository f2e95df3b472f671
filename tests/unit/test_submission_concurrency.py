"""Many writers at once, threads and processes together: every report is stored exactly once."""
from __future__ import annotations

import multiprocessing
import queue
import threading
import time

from sqlalchemy import func, select

from lib.submissions import db
from lib.submissions import fields as f
from lib.submissions.store import SubmissionStore
from tests.unit.submission_helpers import make_draft
from tests.unit.submission_workers import write_batch

PROCESSES = 4
THREADS = 4
PER_WRITER = 135  # 8 writers x 135 = 1,080 reports


def test_1080_reports_from_parallel_threads_and_processes_lose_and_duplicate_nothing(db_url: str) -> None:
    # spawn, not fork: a forked child would inherit the parent's open SQLite file descriptors and locks.
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(PROCESSES + THREADS)
    results = ctx.Queue()
    processes = [ctx.Process(target=write_batch, args=(db_url, f"P{i}", PER_WRITER, barrier, results))
                 for i in range(PROCESSES)]
    threads = [threading.Thread(target=write_batch, args=(db_url, f"T{i}", PER_WRITER, barrier, results))
               for i in range(THREADS)]
    started = time.perf_counter()
    for worker in (*processes, *threads):
        worker.start()
    acknowledged = []
    for _ in range(PROCESSES + THREADS):
        acknowledged.extend(results.get(timeout=120))
    for worker in (*processes, *threads):
        worker.join(timeout=60)
    elapsed = time.perf_counter() - started
    assert all(p.exitcode == 0 for p in processes)

    expected = {f"W{w}{i}-{n:04d}" for w in "PT" for i in range(PROCESSES) for n in range(PER_WRITER)}
    assert {receipt for receipt, _ in acknowledged} == expected and len(acknowledged) == len(expected)
    assert len({sid for _, sid in acknowledged}) == len(expected)

    store = SubmissionStore(db_url)
    stored = store.list_submissions()
    assert len(stored) == store.count() == len(expected) == 1080
    assert {s.receipt for s in stored} == expected
    assert {(s.receipt, s.submission_id) for s in stored} == set(acknowledged)
    assert all(s.content.title == f"Progetto {s.receipt}" and s.status == f.STATUS_PENDING for s in stored)
    with store.engine().connect() as conn:
        per_submission = conn.execute(select(db.STATUS_CHANGES.c.submission_id, func.count())
                                      .group_by(db.STATUS_CHANGES.c.submission_id)).all()
        assert len(per_submission) == 1080 and {n for _, n in per_submission} == {1}
        if conn.dialect.name == "sqlite":
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    store.close()
    print(f"\n1,080 reports from {PROCESSES} processes + {THREADS} threads: {elapsed:.2f} s")


def test_the_same_report_sent_from_many_threads_at_once_is_stored_once(store: SubmissionStore) -> None:
    store.engine()
    start = threading.Barrier(12)
    ids: queue.Queue[int] = queue.Queue()

    def send() -> None:
        start.wait()
        ids.put(store.add(make_draft(), "SEG-SAME-0001").submission_id)

    threads = [threading.Thread(target=send) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len({ids.get() for _ in range(12)}) == 1
    assert store.count() == 1 and len(store.history(1)) == 1


def test_readers_see_only_whole_reports_while_writers_write(store: SubmissionStore) -> None:
    store.engine()
    done = threading.Event()
    seen: list[int] = []
    broken: list[str] = []

    def write(i: int) -> None:
        for n in range(20):
            store.add(make_draft(title=f"R{i}-{n}"), f"R{i:02d}-{n:04d}")

    def read() -> None:
        while not done.is_set():
            listed = store.list_submissions()
            broken.extend(s.receipt for s in listed if s.status != f.STATUS_PENDING or not s.content.title)
            seen.append(len(listed))

    reader = threading.Thread(target=read)
    reader.start()
    writers = [threading.Thread(target=write, args=(i,)) for i in range(15)]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join()
    done.set()
    reader.join()
    assert store.count() == 20 * 15 and seen == sorted(seen) and not broken
