"""Registry releases in the shared database: numbered, dated, immutable snapshots of the projects as the app
shows them (the file's rows with the approved reports merged in), each with a short Italian note.

`python -m lib.submissions.releases "nota"` makes one from the command line; moderators make one from their page.
"""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from datetime import UTC, datetime

import pandas as pd
from sqlalchemy import Column, DateTime, Integer, MetaData, String, Table, Text, func, select
from sqlalchemy.exc import IntegrityError

from lib.analysis.releases import Snapshot, diff, snapshot
from lib.submissions.store import SubmissionStore

RELEASE_METADATA = MetaData()
# Created by migration step 6 (lib/submissions/db.py); append-only like the reports.
RELEASES = Table(
    "registry_releases", RELEASE_METADATA,
    Column("number", Integer, primary_key=True, autoincrement=False),
    Column("made_at", DateTime(timezone=True), nullable=False),
    Column("made_by", String(120), nullable=False),
    Column("note", Text, nullable=False),
    Column("projects", Text, nullable=False),  # the snapshot, JSON
)
NOTE_MAX = 500
NOTHING_CHANGED = "Nessun progetto è cambiato dall'ultima release: non c'è niente da pubblicare."
NO_NOTE = "Scrivete una nota breve: che cosa contiene questa release."
LONG_NOTE = f"La nota è troppo lunga (al massimo {NOTE_MAX} caratteri)."
RACED = "Un'altra release è stata pubblicata in questo momento: ricaricate la pagina e guardate che cosa contiene."


class ReleaseError(ValueError):
    """A release that cannot be made, with the Italian reason."""


@dataclass(frozen=True)
class Release:
    number: int
    made_at: datetime
    made_by: str
    note: str
    projects: Snapshot


def list_releases(store: SubmissionStore) -> list[Release]:
    """Every release, oldest first."""
    with store.transaction() as conn:
        rows = conn.execute(select(RELEASES).order_by(RELEASES.c.number)).all()
    return [Release(r.number, r.made_at if r.made_at.tzinfo else r.made_at.replace(tzinfo=UTC), r.made_by, r.note,
                    json.loads(r.projects)) for r in rows]


def first_release_since(store: SubmissionStore, moment: datetime) -> int | None:
    """The number of the first release made at or after `moment` (a report approved then is in it)."""
    with store.transaction() as conn:
        return conn.scalar(select(func.min(RELEASES.c.number)).where(RELEASES.c.made_at >= moment))


def make_release(store: SubmissionStore, projects: pd.DataFrame, made_by: str, note: str,
                 now: datetime | None = None) -> Release:
    """Number and keep a snapshot of `projects` (a parsed, displayed registry frame). Refused, with the reason,
    when nothing changed since the last release, when the note is empty or too long, or when another release
    took the same number at the same moment (the primary key decides, whatever the number of processes)."""
    note = " ".join(note.split())
    if not note:
        raise ReleaseError(NO_NOTE)
    if len(note) > NOTE_MAX:
        raise ReleaseError(LONG_NOTE)
    current = snapshot(projects)
    try:
        with store.transaction(write=True) as conn:
            last = conn.execute(select(RELEASES).order_by(RELEASES.c.number.desc()).limit(1)).first()
            if last is not None and not diff(json.loads(last.projects), current):
                raise ReleaseError(NOTHING_CHANGED)
            number = (conn.scalar(select(func.max(RELEASES.c.number))) or 0) + 1
            made_at = now or datetime.now(UTC)
            conn.execute(RELEASES.insert().values(number=number, made_at=made_at, made_by=made_by.strip()[:120],
                                                  note=note, projects=json.dumps(current, ensure_ascii=False)))
    except IntegrityError as err:
        raise ReleaseError(RACED) from err
    return Release(number, made_at, made_by.strip()[:120], note, current)


def main(argv: list[str] | None = None) -> int:
    """Make a release of what the app shows now, from the command line."""
    from lib import schema as s
    from lib.registry.read import read_registry
    from lib.registry.references import read_references
    from lib.submissions.registry_rows import load_reported_projects, merge_reported

    parser = argparse.ArgumentParser(prog="python -m lib.submissions.releases", description=main.__doc__)
    parser.add_argument("nota", help="che cosa contiene la release (in breve)")
    parser.add_argument("--autore", default="riga di comando", help="chi la pubblica")
    args = parser.parse_args(argv)
    store = SubmissionStore.from_environment()
    refs = read_references()
    registry = read_registry(str(s.PROJECTS_CSV), refs).valid
    reported, _ = load_reported_projects(store, refs, set(registry[s.PROJECT_ID]))
    try:
        release = make_release(store, merge_reported(registry, reported), args.autore, args.nota)
    except ReleaseError as err:
        print(err, file=sys.stderr)
        return 1
    from lib.submissions.feeds import feeds_folder, publish_feeds

    print(f"Release {release.number} del {release.made_at:%d/%m/%Y}: {len(release.projects)} progetti.")
    if not publish_feeds(store):
        print(f"I feed non si sono potuti scrivere in {feeds_folder()}.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
