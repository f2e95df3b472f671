"""Tables, engine set-up and schema migrations of the submissions database (SQLite or PostgreSQL)."""
from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import (
    CheckConstraint,
    Column,
    Connection,
    DateTime,
    Engine,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    create_engine,
    event,
    func,
    insert,
    inspect,
    select,
    text,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from lib.event.sql import ADDED_IN_5, APPEND_ONLY, EVENT_METADATA, INDEX_ADDED_IN_5
from lib.submissions import fields as f

# Execution option that makes a SQLite transaction start with BEGIN IMMEDIATE: a writer takes the write
# lock up front, so two writers queue on busy_timeout instead of failing when a read lock is upgraded.
WRITE_OPTION = "psm_write"
# Seconds a SQLite writer waits for the lock before giving up; far above any real transaction here.
BUSY_TIMEOUT_S = 30
# Any constant key: serialises migrations of several replicas starting at once on PostgreSQL.
_MIGRATION_LOCK_KEY = 0x50534D01

METADATA = MetaData()


def _content_columns(table: str) -> list:
    """Columns of a report's content, with length checks that hold in SQLite and PostgreSQL alike."""
    list_chars = {name: limit * (f.ITEM_LIMIT + 1) for name, limit in f.LIST_LIMITS.items()}
    limits = {**{n: f.TEXT_LIMITS[n] for n in (f.TITLE, f.DESCRIPTION, f.PROMOTER, f.CATEGORY)}, **list_chars}
    columns = [Column(name, Text, nullable=False, server_default="") for name in
               (f.ZONES, f.COMUNI, f.TITLE, f.STRATEGIES, f.DESCRIPTION, f.PROMOTER, f.CATEGORY)]
    checks = [CheckConstraint(f"length({name}) <= {limit}", name=f"ck_{table}_{name}_length")
              for name, limit in limits.items()]
    return columns + checks


def _statuses_check(column: str, table: str) -> CheckConstraint:
    values = ", ".join(f"'{s}'" for s in f.STATUSES)
    return CheckConstraint(f"{column} IN ({values})", name=f"ck_{table}_{column}")


# Tables are defined once, in their current shape. A migration creates a table from these definitions only
# in the step that introduces it; a later change to an existing table must be its own ALTER step.
SCHEMA_MIGRATIONS = Table(
    "schema_migrations", METADATA,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("applied_at", DateTime(timezone=True), nullable=False),
)

SUBMISSIONS = Table(
    "submissions", METADATA,
    Column("id", Integer, primary_key=True),
    Column("receipt", String(32), nullable=False, unique=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("kind", String(16), nullable=False),
    Column(f.PROJECT_ID, String(f.TEXT_LIMITS[f.PROJECT_ID])),
    *_content_columns("submissions"),
    Column(f.SENDER_NAME, Text, nullable=False),
    Column(f.SENDER_EMAIL, Text, nullable=False),
    Column(f.SENDER_ROLE, Text, nullable=False),
    CheckConstraint(f"kind IN ('{f.KIND_NEW}', '{f.KIND_CORRECTION}')", name="ck_submissions_kind"),
    *(CheckConstraint(f"length({n}) <= {f.TEXT_LIMITS[n]}", name=f"ck_submissions_{n}_length")
      for n in (f.SENDER_NAME, f.SENDER_EMAIL, f.SENDER_ROLE)),
    sqlite_autoincrement=True,
)

STATUS_CHANGES = Table(
    "status_changes", METADATA,
    Column("id", Integer, primary_key=True),
    Column("submission_id", Integer, ForeignKey("submissions.id"), nullable=False),
    # 1, 2, 3… per submission; the unique pair makes two concurrent changes of one submission collide.
    Column("seq", Integer, nullable=False),
    Column("from_status", String(16)),
    Column("to_status", String(16), nullable=False),
    Column(f.ACTOR, Text, nullable=False),
    Column(f.REASON, Text, nullable=False, server_default=""),
    Column("changed_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("submission_id", "seq", name="uq_status_changes_seq"),
    _statuses_check("to_status", "status_changes"),
    CheckConstraint(f"length({f.ACTOR}) <= {f.TEXT_LIMITS[f.ACTOR]}", name="ck_status_changes_actor_length"),
    CheckConstraint(f"length({f.REASON}) <= {f.TEXT_LIMITS[f.REASON]}",
                    name="ck_status_changes_reason_length"),
    sqlite_autoincrement=True,
)

REVISIONS = Table(
    "revisions", METADATA,
    Column("id", Integer, primary_key=True),
    Column("submission_id", Integer, ForeignKey("submissions.id"), nullable=False),
    Column("revision_no", Integer, nullable=False),
    *_content_columns("revisions"),
    Column("editor", Text, nullable=False),
    Column(f.REASON, Text, nullable=False, server_default=""),
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("submission_id", "revision_no", name="uq_revisions_no"),
    CheckConstraint(f"length(editor) <= {f.TEXT_LIMITS[f.ACTOR]}", name="ck_revisions_editor_length"),
    CheckConstraint(f"length({f.REASON}) <= {f.TEXT_LIMITS[f.REASON]}", name="ck_revisions_reason_length"),
    sqlite_autoincrement=True,
)

# Attempts that count against a limit (lib/submissions/limits.py): reports sent, failed logins and codes.
# Not part of the audit: old rows are deleted as new ones arrive.
RATE_EVENTS = Table(
    "rate_events", METADATA,
    Column("id", Integer, primary_key=True),
    Column("kind", String(32), nullable=False),
    Column("client", String(64), nullable=False),
    Column("at", Float, nullable=False),
    Index("ix_rate_events_kind_at", "kind", "at"),
    sqlite_autoincrement=True,
)

APPEND_ONLY_TABLES = ("submissions", "status_changes", "revisions")


def _append_only_triggers(conn: Connection, tables: tuple[str, ...] = APPEND_ONLY_TABLES) -> None:
    """Make the database itself refuse UPDATE and DELETE on the append-only tables."""
    if conn.dialect.name == "sqlite":
        for table in tables:
            for action in ("UPDATE", "DELETE"):
                conn.exec_driver_sql(
                    f"CREATE TRIGGER {table}_no_{action.lower()} BEFORE {action} ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END")
        return
    # text() rather than exec_driver_sql: it escapes the '%' for the driver's paramstyle.
    conn.execute(text(
        "CREATE OR REPLACE FUNCTION psm_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$"))
    for table in tables:
        conn.exec_driver_sql(f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                             "FOR EACH ROW EXECUTE FUNCTION psm_append_only()")
        conn.exec_driver_sql(f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
                             "FOR EACH STATEMENT EXECUTE FUNCTION psm_append_only()")


def _v1_submissions(conn: Connection) -> None:
    """Version 1: reports and their status history."""
    SUBMISSIONS.create(conn)
    STATUS_CHANGES.create(conn)


def _v2_revisions_and_immutability(conn: Connection) -> None:
    """Version 2: moderators' edits as revisions; reports, history and revisions become append-only."""
    REVISIONS.create(conn)
    _append_only_triggers(conn)


def _v3_rate_events(conn: Connection) -> None:
    """Version 3: attempts counted by the limits that hold across sessions and processes."""
    RATE_EVENTS.create(conn)


def _v4_events(conn: Connection) -> None:
    """Version 4: the co-planning day (lib/event/sql.py), append-only like the reports."""
    EVENT_METADATA.create_all(conn)
    _append_only_triggers(conn, APPEND_ONLY)


def _v5_event_safety(conn: Connection) -> None:
    """Version 5: salted slow hashes of access codes, each ranking's parent revision (unique, so two phones
    cannot both save on one revision) and who saved each revision. Step 4 creates the tables in their current
    shape, so on a database made by step 4 of this version there is nothing to add."""
    tables = {t.name: t for t in EVENT_METADATA.sorted_tables}
    for table, column in ADDED_IN_5:
        if column not in {c["name"] for c in inspect(conn).get_columns(table)}:
            definition = tables[table].c[column]
            kind = definition.type.compile(dialect=conn.dialect)
            default = " NOT NULL DEFAULT ''" if definition.server_default is not None else ""
            conn.exec_driver_sql(f"ALTER TABLE {table} ADD COLUMN {column} {kind}{default}")
    if INDEX_ADDED_IN_5 not in {i["name"] for i in inspect(conn).get_indexes("event_priority_revisions")}:
        next(i for i in tables["event_priority_revisions"].indexes if i.name == INDEX_ADDED_IN_5).create(conn)


def _v6_releases(conn: Connection) -> None:
    """Version 6: registry releases (lib/submissions/releases.py), append-only."""
    from lib.submissions.releases import RELEASES  # that module imports the store, which imports this one

    RELEASES.create(conn)
    _append_only_triggers(conn, (RELEASES.name,))


# Step n brings the schema from version n-1 to n. Append new steps; never edit a released one.
MIGRATIONS: tuple[Callable[[Connection], None], ...] = (_v1_submissions, _v2_revisions_and_immutability,
                                                        _v3_rate_events, _v4_events, _v5_event_safety, _v6_releases)
LATEST_VERSION = len(MIGRATIONS)


class SchemaVersionError(RuntimeError):
    """The database was written by a newer version of the app than this one."""


def schema_version(conn: Connection) -> int:
    """The version the database is at; 0 for an empty database."""
    if not inspect(conn).has_table(SCHEMA_MIGRATIONS.name):
        return 0
    return conn.scalar(select(func.max(SCHEMA_MIGRATIONS.c.version))) or 0


def migrate(engine: Engine, target: int = LATEST_VERSION) -> int:
    """Bring the schema to `target` in one transaction, whoever else is migrating at the same time."""
    with engine.connect() as conn:
        conn.execution_options(**{WRITE_OPTION: True})
        with conn.begin():
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK_KEY})
            SCHEMA_MIGRATIONS.create(conn, checkfirst=True)
            current = conn.scalar(select(func.max(SCHEMA_MIGRATIONS.c.version))) or 0
            if current > LATEST_VERSION:
                raise SchemaVersionError(f"the submissions database is at schema version {current}, "
                                         f"newer than this app's {LATEST_VERSION}")
            for version in range(current + 1, target + 1):
                MIGRATIONS[version - 1](conn)
                conn.execute(insert(SCHEMA_MIGRATIONS).values(version=version, applied_at=datetime.now(UTC)))
            return max(current, target)


def _sqlite_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    # Take BEGIN away from the sqlite3 module (see _sqlite_begin); enforce foreign keys; make a commit
    # durable on power loss as well as on a crash (WAL with synchronous=FULL).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.close()


def _sqlite_begin(conn: Connection) -> None:
    immediate = conn.get_execution_options().get(WRITE_OPTION)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def enable_wal(engine: Engine) -> str:
    """Switch a SQLite database to write-ahead logging (a lasting property of the file); return the mode."""
    try:
        raw = engine.raw_connection()
        try:
            return str(raw.cursor().execute("PRAGMA journal_mode = WAL").fetchone()[0]).lower()
        finally:
            raw.close()
    except engine.dialect.loaded_dbapi.Error as err:
        # A raw DB-API connection raises the driver's own errors; report them like every other query.
        raise OperationalError("PRAGMA journal_mode = WAL", None, err) from err


def sqlite_url(path: Path) -> str:
    """The SQLAlchemy URL of a SQLite file."""
    return f"sqlite:///{path}"


def make_engine(url: str) -> Engine:
    """An engine for `url`; a SQLite file gets its folder, WAL mode and explicit transaction control."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(parsed, pool_pre_ping=True)
    database = parsed.database or ""
    if database and database != ":memory:" and not database.startswith("file:"):
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    # One connection per writing thread; sized for the threads a Streamlit server runs at once.
    engine = create_engine(parsed, connect_args={"timeout": BUSY_TIMEOUT_S, "check_same_thread": False},
                           pool_size=8, max_overflow=24, pool_timeout=BUSY_TIMEOUT_S)
    event.listen(engine, "connect", _sqlite_connect)
    event.listen(engine, "begin", _sqlite_begin)
    return engine
