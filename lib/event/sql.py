"""The event's tables in the shared database; every one append-only, so each save and act is kept.

Created by migration step 4 (lib/submissions/db.py), in the same database as the reports; step 5 adds the
columns and the index marked below (ADDED_IN_5), on databases made before it.
"""
from __future__ import annotations

from sqlalchemy import (
                        Boolean,
                        Column,
                        Date,
                        DateTime,
                        ForeignKey,
                        Index,
                        Integer,
                        MetaData,
                        String,
                        Table,
                        Text,
                        UniqueConstraint,
)

EVENT_METADATA = MetaData()

EVENTS = Table(
    "events", EVENT_METADATA,
    Column("id", Integer, primary_key=True),
    Column("name", Text, nullable=False),
    Column("day", Date, nullable=False),
    Column("plan_edition", String(32), nullable=False),
    Column("item_kind", String(16), nullable=False),
    Column("max_priorities", Integer, nullable=False),
    # The items and tables as JSON, a snapshot: a later change of the catalogue does not change the event.
    Column("items_json", Text, nullable=False),
    Column("tables_json", Text, nullable=False),
    Column("created_by", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    # Salt of the slow hash of this event's access codes (lib/event/access.py); NULL for events made before
    # migration step 5, whose codes were stored as plain SHA-256 (and have long expired).
    Column("code_salt", String(64)),
    sqlite_autoincrement=True,
)

# A table's access code is stored as a hash only; a new code is a new row and the older ones stop working.
ACCESS_CODES = Table(
    "event_access_codes", EVENT_METADATA,
    Column("id", Integer, primary_key=True),
    Column("event_id", Integer, ForeignKey("events.id"), nullable=False),
    Column("zone_id", Integer, nullable=False),
    Column("code_hash", String(64), nullable=False, unique=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    sqlite_autoincrement=True,
)

# Session 1: every save of a table's ranking is a whole new revision.
PRIORITY_REVISIONS = Table(
    "event_priority_revisions", EVENT_METADATA,
    Column("id", Integer, primary_key=True),
    Column("event_id", Integer, ForeignKey("events.id"), nullable=False),
    Column("zone_id", Integer, nullable=False),
    Column("ranking_json", Text, nullable=False),
    Column("saved_at", DateTime(timezone=True), nullable=False),
    # The revision this one was made on (0: the first); unique per table, so two phones saving on the same
    # revision cannot both succeed (lib/event/store.py turns the second into a conflict). NULL before step 5.
    Column("parent_id", Integer),
    # Who saved it, as the phone's user gave their name when opening the table ('' if not given).
    Column("author", Text, nullable=False, server_default=""),
    Index("ix_priority_revisions_event", "event_id", "zone_id"),
    Index("ux_priority_revisions_parent", "event_id", "zone_id", "parent_id", unique=True),
    sqlite_autoincrement=True,
)

# Session 2: a contribution is a key; each save (an edit, a deletion) is a new revision of it.
CONTRIBUTION_REVISIONS = Table(
    "event_contribution_revisions", EVENT_METADATA,
    Column("id", Integer, primary_key=True),
    Column("event_id", Integer, ForeignKey("events.id"), nullable=False),
    Column("contribution_key", String(32), nullable=False),
    Column("revision", Integer, nullable=False),
    Column("zone_id", Integer, nullable=False),
    Column("item", String(32), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("text", Text, nullable=False),
    Column("comuni", Text, nullable=False, server_default=""),
    Column("deleted", Boolean, nullable=False, server_default="0"),
    Column("saved_at", DateTime(timezone=True), nullable=False),
    Column("author", Text, nullable=False, server_default=""),
    UniqueConstraint("contribution_key", "revision", name="uq_contribution_revision"),
    Index("ix_contribution_revisions_event", "event_id"),
    sqlite_autoincrement=True,
)

# The regia's acts (merge, tag, highlight and their undoing) and new access codes: the audit trail.
ACTS = Table(
    "event_acts", EVENT_METADATA,
    Column("id", Integer, primary_key=True),
    Column("event_id", Integer, ForeignKey("events.id"), nullable=False),
    Column("actor", Text, nullable=False),
    Column("act", String(16), nullable=False),
    Column("target", String(64), nullable=False),
    Column("value", Text, nullable=False, server_default=""),
    Column("at", DateTime(timezone=True), nullable=False),
    Index("ix_event_acts_event", "event_id"),
    sqlite_autoincrement=True,
)

# What migration step 5 adds to tables that step 4 created: (table, column) and the unique index.
ADDED_IN_5 = (("events", "code_salt"), ("event_priority_revisions", "parent_id"),
              ("event_priority_revisions", "author"), ("event_contribution_revisions", "author"))
INDEX_ADDED_IN_5 = "ux_priority_revisions_parent"

APPEND_ONLY = ("events", "event_access_codes", "event_priority_revisions", "event_contribution_revisions",
               "event_acts")
