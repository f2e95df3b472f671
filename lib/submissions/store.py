"""The submissions store: append-only reports, their status history (the audit) and moderators' revisions.

Nothing stored is ever updated or deleted: the current status is the last audit entry, and the content that
moderation works on is the last revision, else the report as sent. The database enforces this with triggers.
"""
from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Connection, Engine, Select, and_, func, insert, select
from sqlalchemy.engine import Row, make_url
from sqlalchemy.exc import DatabaseError, IntegrityError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError

from lib import config
from lib.safe_text import clean_text
from lib.submissions import db, records
from lib.submissions import fields as f
from lib.submissions.db import REVISIONS, STATUS_CHANGES, SUBMISSIONS

DATA_DIR_ENV = config.DATA_DIR.name
DATABASE_URL_ENV = config.DATABASE_URL.name
# Git-ignored; the app never writes anywhere else.
DEFAULT_DATA_DIR = config.DEFAULT_DATA_DIR
DB_FILE_NAME = "submissions.sqlite3"
_log = logging.getLogger(__name__)



class StorageUnavailableError(RuntimeError):
    """The database cannot be opened or written: read-only or full disk, missing folder, server down."""


class UnknownSubmissionError(LookupError):
    """No submission has this id."""


class StatusConflictError(ValueError):
    """The change does not apply to the submission as it is now (same status, or changed meanwhile)."""


def database_url(environ: Mapping[str, str] | None = None) -> str:
    """PSM_DATABASE_URL if set, else a SQLite file in PSM_DATA_DIR (default: the repository's var/)."""
    environ = os.environ if environ is None else environ
    if environ.get(DATABASE_URL_ENV):
        return environ[DATABASE_URL_ENV]
    return db.sqlite_url(Path(environ.get(DATA_DIR_ENV) or DEFAULT_DATA_DIR) / DB_FILE_NAME)


def _now(moment: datetime | None = None) -> datetime:
    return (moment or datetime.now(UTC)).astimezone(UTC)


def _check_text(name: str, value: str, required: bool = True) -> str:
    value = clean_text(value, multiline=name in f.MULTILINE)
    if required and not value:
        raise ValueError(f"{name} is required")
    if len(value) > f.TEXT_LIMITS[name]:
        raise ValueError(f"{name} is longer than {f.TEXT_LIMITS[name]} characters")
    return value


class SubmissionStore:
    """Reports, audit and revisions in one SQL database; opened on first use and shared by threads."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._engine: Engine | None = None
        self._lock = threading.Lock()

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> SubmissionStore:
        """The store configured by PSM_DATABASE_URL / PSM_DATA_DIR."""
        return cls(database_url(environ))

    @property
    def display_url(self) -> str:
        """The database URL with any password hidden, for messages and logs."""
        return make_url(self.url).render_as_string(hide_password=True)

    def _unavailable(self, err: Exception) -> StorageUnavailableError:
        detail = getattr(err, "orig", None) or err
        # Users get an Italian message from the page; whoever runs the app gets the cause in the log.
        _log.error("submissions database %s unavailable: %s", self.display_url, detail)
        return StorageUnavailableError(
            f"the submissions database {self.display_url} cannot be used: {detail}")

    def engine(self) -> Engine:
        """The engine, after creating the folder, switching SQLite to WAL and migrating the schema."""
        with self._lock:
            if self._engine is None:
                try:
                    engine = db.make_engine(self.url)
                    try:
                        if engine.dialect.name == "sqlite":
                            db.enable_wal(engine)
                        db.migrate(engine)
                    except BaseException:
                        engine.dispose()
                        raise
                except (OSError, DatabaseError, db.SchemaVersionError) as err:
                    raise self._unavailable(err) from err
                self._engine = engine
            return self._engine

    def close(self) -> None:
        """Close every pooled connection; the store reopens on next use."""
        with self._lock:
            if self._engine is not None:
                self._engine.dispose()
                self._engine = None

    @contextmanager
    def transaction(self, write: bool = False) -> Iterator[Connection]:
        """One transaction on the database (write=True takes SQLite's write lock at once); database errors
        become StorageUnavailableError. For modules that keep their own tables in this database."""
        with self._connect(write) as conn:
            yield conn

    @contextmanager
    def _connect(self, write: bool = False) -> Iterator[Connection]:
        engine = self.engine()
        try:
            with engine.connect() as conn:
                if write:
                    conn.execution_options(**{db.WRITE_OPTION: True})
                with conn.begin():
                    yield conn
        except (OSError, OperationalError, PoolTimeoutError) as err:
            raise self._unavailable(err) from err

    def add(self, draft: f.Draft, receipt: str, now: datetime | None = None) -> f.Submission:
        """Store a report once; sending the same receipt again returns the stored one (safe to retry)."""
        draft = f.clean_draft(draft)
        problems = f.shape_problems(draft.content, draft)
        if problems:
            raise ValueError(f"invalid submission: {', '.join(f'{p.field} {p.code}' for p in problems)}")
        if not f.RECEIPT_PATTERN.match(receipt):
            raise ValueError(f"malformed receipt {receipt!r}")
        created = _now(now)
        values = {"receipt": receipt, "created_at": created, "kind": draft.kind,
                  f.PROJECT_ID: draft.project_id,
                  **records.content_values(draft.content), f.SENDER_NAME: draft.sender.name,
                  f.SENDER_EMAIL: draft.sender.email, f.SENDER_ROLE: draft.sender.role}
        try:
            with self._connect(write=True) as conn:
                submission_id = conn.scalar(select(SUBMISSIONS.c.id).where(SUBMISSIONS.c.receipt == receipt))
                if submission_id is None:
                    submission_id = conn.execute(
                        insert(SUBMISSIONS).values(values).returning(SUBMISSIONS.c.id)).scalar_one()
                    conn.execute(insert(STATUS_CHANGES).values(
                        submission_id=submission_id, seq=1, from_status=None, to_status=f.STATUS_PENDING,
                        actor=f.SENDER_ACTOR, reason="", changed_at=created))
        except IntegrityError:
            # Another replica stored the same receipt between our check and our insert.
            stored = self.find_receipt(receipt)
            if stored is None:
                raise
            submission_id = stored.submission_id
        stored = self.get(submission_id)
        if stored.draft != draft:
            raise ValueError(f"receipt {receipt} already belongs to a different submission")
        return stored

    def _select(self) -> Select:
        last_seq = (select(STATUS_CHANGES.c.submission_id, func.max(STATUS_CHANGES.c.seq).label("seq"))
                    .group_by(STATUS_CHANGES.c.submission_id).subquery())
        last_rev = (select(REVISIONS.c.submission_id, func.max(REVISIONS.c.revision_no).label("revision_no"))
                    .group_by(REVISIONS.c.submission_id).subquery())
        status = STATUS_CHANGES.alias("status")
        return (select(SUBMISSIONS, status.c.to_status, status.c.changed_at.label("status_changed_at"),
                       last_rev.c.revision_no)
                .join(last_seq, last_seq.c.submission_id == SUBMISSIONS.c.id)
                .join(status, and_(status.c.submission_id == last_seq.c.submission_id,
                                   status.c.seq == last_seq.c.seq))
                .outerjoin(last_rev, last_rev.c.submission_id == SUBMISSIONS.c.id)
                .order_by(SUBMISSIONS.c.id))

    def _submissions(self, conn: Connection, rows: Sequence[Row]) -> list[f.Submission]:
        wanted = [(r.id, r.revision_no) for r in rows if r.revision_no is not None]
        revisions: dict[int, f.Revision] = {}
        if wanted:
            ids = [sid for sid, _ in wanted]
            for rev in conn.execute(select(REVISIONS).where(REVISIONS.c.submission_id.in_(ids))):
                if (rev.submission_id, rev.revision_no) in wanted:
                    revisions[rev.submission_id] = records.revision(rev)
        return [f.Submission(
            submission_id=r.id, receipt=r.receipt, created_at=records.utc(r.created_at),
            draft=f.Draft(content=records.content(r),
                          sender=f.Sender(r.sender_name, r.sender_email, r.sender_role),
                          project_id=r.project_id),
            status=r.to_status, status_changed_at=records.utc(r.status_changed_at),
            revision=revisions.get(r.id))
            for r in rows]

    def get(self, submission_id: int) -> f.Submission:
        """One submission with its current status and latest revision."""
        with self._connect() as conn:
            rows = conn.execute(self._select().where(SUBMISSIONS.c.id == submission_id)).all()
            if not rows:
                raise UnknownSubmissionError(f"no submission {submission_id}")
            return self._submissions(conn, rows)[0]

    def find_receipt(self, receipt: str) -> f.Submission | None:
        """The submission with this receipt, if any."""
        with self._connect() as conn:
            rows = conn.execute(self._select().where(SUBMISSIONS.c.receipt == receipt)).all()
            return self._submissions(conn, rows)[0] if rows else None

    def list_submissions(self, status: str | None = None) -> list[f.Submission]:
        """All submissions (or those with one status), oldest first."""
        with self._connect() as conn:
            query = self._select()
            if status is not None:
                query = query.where(query.selected_columns.to_status == status)
            return self._submissions(conn, conn.execute(query).all())

    def count(self) -> int:
        """How many submissions are stored."""
        with self._connect() as conn:
            return conn.scalar(select(func.count()).select_from(SUBMISSIONS)) or 0

    def version(self) -> tuple[int, int]:
        """Changes as much as anything stored changes (status or revision): a key for caches of derived data."""
        with self._connect() as conn:
            return (conn.scalar(select(func.max(STATUS_CHANGES.c.id))) or 0,
                    conn.scalar(select(func.max(REVISIONS.c.id))) or 0)

    def set_status(self, submission_id: int, to_status: str, actor: str, reason: str = "",
                   expected: str | None = None, now: datetime | None = None) -> f.StatusChange:
        """Move a submission to a status, writing who, when and why to the audit.

        Raises:
            StatusConflictError: already in that status, not in `expected`, or changed concurrently.
            ValueError: unknown status, missing actor, a rejection without a reason, text too long.
        """
        if to_status not in f.STATUSES:
            raise ValueError(f"unknown status {to_status!r}")
        actor = _check_text(f.ACTOR, actor)
        reason = _check_text(f.REASON, reason, required=to_status == f.STATUS_REJECTED)
        try:
            with self._connect(write=True) as conn:
                last = conn.execute(
                    select(STATUS_CHANGES).where(STATUS_CHANGES.c.submission_id == submission_id)
                    .order_by(STATUS_CHANGES.c.seq.desc()).limit(1)).first()
                if last is None:
                    raise UnknownSubmissionError(f"no submission {submission_id}")
                if last.to_status == to_status or (expected is not None and last.to_status != expected):
                    raise StatusConflictError(f"submission {submission_id} is {last.to_status}")
                change = {"submission_id": submission_id, "seq": last.seq + 1, "from_status": last.to_status,
                          "to_status": to_status, f.ACTOR: actor, f.REASON: reason,
                          "changed_at": _now(now)}
                conn.execute(insert(STATUS_CHANGES).values(change))
        except IntegrityError as err:
            raise StatusConflictError(f"submission {submission_id} was changed meanwhile") from err
        return f.StatusChange(**{**change, "changed_at": records.utc(change["changed_at"])})

    def add_revision(self, submission_id: int, content: f.Content, editor: str, reason: str = "",
                     now: datetime | None = None) -> f.Revision:
        """Store a moderator's edited content as a new revision; the submission itself stays as sent."""
        content = f.clean_content(content)
        problems = f.shape_problems(content)
        if problems:
            raise ValueError(f"invalid revision: {', '.join(f'{p.field} {p.code}' for p in problems)}")
        editor = _check_text(f.ACTOR, editor)
        reason = _check_text(f.REASON, reason, required=False)
        created = _now(now)
        try:
            with self._connect(write=True) as conn:
                if conn.scalar(select(SUBMISSIONS.c.id).where(SUBMISSIONS.c.id == submission_id)) is None:
                    raise UnknownSubmissionError(f"no submission {submission_id}")
                last = conn.scalar(select(func.max(REVISIONS.c.revision_no))
                                   .where(REVISIONS.c.submission_id == submission_id)) or 0
                conn.execute(insert(REVISIONS).values(
                    submission_id=submission_id, revision_no=last + 1, **records.content_values(content),
                    editor=editor, reason=reason, created_at=created))
        except IntegrityError as err:
            raise StatusConflictError(f"submission {submission_id} was edited meanwhile") from err
        return f.Revision(submission_id, last + 1, content, editor, reason, records.utc(created))

    def history(self, submission_id: int) -> list[f.StatusChange]:
        """The audit of one submission: every status it had, oldest first."""
        with self._connect() as conn:
            rows = conn.execute(select(STATUS_CHANGES).where(STATUS_CHANGES.c.submission_id == submission_id)
                                .order_by(STATUS_CHANGES.c.seq))
            return [records.status_change(r) for r in rows]

    def revisions(self, submission_id: int) -> list[f.Revision]:
        """Every moderator edit of one submission, oldest first."""
        with self._connect() as conn:
            rows = conn.execute(select(REVISIONS).where(REVISIONS.c.submission_id == submission_id)
                                .order_by(REVISIONS.c.revision_no))
            return [records.revision(r) for r in rows]
