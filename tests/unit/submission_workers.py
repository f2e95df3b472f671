"""Writers for the concurrency and crash tests; light to import, because each runs in its own process.

Runnable as `python -m tests.unit.submission_workers MODE URL` for the writer that the crash tests kill:
`hold` inserts rows in one open transaction and waits; `commit` stores reports one by one and prints each
receipt once it is committed.
"""
from __future__ import annotations

import sys
import time
from datetime import UTC, datetime

from sqlalchemy import insert

from lib.submissions import db
from lib.submissions import fields as f
from lib.submissions.store import SubmissionStore


def make_content(**changes: object) -> f.Content:
    """A valid report content, with `changes` applied."""
    values = {"title": "Ciclovia della Stura", "description": "Pista ciclabile lungo la Stura di Lanzo.",
              "zones": (7,), "comuni": ("Lanzo Torinese",), "strategies": ("3.3",), "promoter": "Comune",
              "category": ""}
    return f.Content(**{**values, **changes})


def make_draft(project_id: str | None = None, **changes: object) -> f.Draft:
    """A valid report from a zone representative."""
    return f.Draft(make_content(**changes), f.Sender("Maria Bianchi", "maria.bianchi@comune.it",
                                                     "Referente della zona 7"), project_id)


def write_batch(url: str, worker: str, count: int, barrier: object, results: object) -> None:
    """Store `count` reports with receipts W<worker>-<i>, starting with everyone else at the barrier."""
    store = SubmissionStore(url)
    store.engine()
    barrier.wait()
    stored = []
    for i in range(count):
        receipt = f"W{worker}-{i:04d}"
        stored.append((receipt, store.add(make_draft(title=f"Progetto {receipt}"), receipt).submission_id))
    store.close()
    results.put(stored)


def guess(url: str, kind: str, count: int, now: float, fresh: bool, barrier: object, results: object) -> None:
    """Send `count` wrong codes (kind "code") or passwords ("login") at the same moment `now`, starting with
    the other processes at the barrier; each from a new session if `fresh`. Puts the waits it was given."""
    from lib.event import facilitator as fac
    from lib.event.store import EventStore
    from lib.submissions import moderation as mod

    store = SubmissionStore(url)
    events = EventStore(store)
    store.engine()
    waits: list[float] = []
    session: dict = {}
    barrier.wait()
    for i in range(count):
        session = {} if fresh else session
        if kind == "code":
            fac.open_table(session, events, f"ZZZZ-{i:04d}", "151.0.0.66", now, sleep=waits.append)
        else:
            mod.log_in(session, store, f"tentativo-{i}", "Anna", "giusta", "151.0.0.66", now,
                       sleep=waits.append)
    store.close()
    results.put(waits)


def hold(url: str) -> None:
    engine = SubmissionStore(url).engine()
    with engine.connect() as conn:
        conn.execution_options(**{db.WRITE_OPTION: True})
        with conn.begin():
            for i in range(1500):
                conn.execute(insert(db.SUBMISSIONS).values(
                    receipt=f"HOLD-{i:05d}", created_at=datetime.now(UTC), kind=f.KIND_NEW,
                    title=f"Mai salvato {i}", description="x" * 1500, sender_name="A", sender_email="a@b.it",
                    sender_role="r"))
            print("inserted", flush=True)
            time.sleep(120)


def commit(url: str) -> None:
    store = SubmissionStore(url)
    for i in range(100_000):
        receipt = f"K-{i:06d}"
        store.add(make_draft(title=f"Progetto {receipt}", description="y" * 800), receipt)
        print(receipt, flush=True)


if __name__ == "__main__":
    {"hold": hold, "commit": commit}[sys.argv[1]](sys.argv[2])
