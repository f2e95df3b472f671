"""Conversion between database rows and the dataclasses of `fields` (lists as `;`-separated cells)."""
from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.engine import Row

from lib.submissions import fields as f


def utc(value: datetime) -> datetime:
    """The timestamp as aware UTC (SQLite hands back naive datetimes; every timestamp is written in UTC)."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def content_values(content: f.Content) -> dict[str, str]:
    """The content columns of a submissions or revisions row."""
    return {f.ZONES: f.LIST_SEP.join(str(z) for z in content.zones),
            f.COMUNI: f.LIST_SEP.join(content.comuni), f.TITLE: content.title,
            f.STRATEGIES: f.LIST_SEP.join(content.strategies), f.DESCRIPTION: content.description,
            f.PROMOTER: content.promoter, f.CATEGORY: content.category}


def _split(cell: str) -> tuple[str, ...]:
    return tuple(item for item in cell.split(f.LIST_SEP) if item)


def content(row: Row) -> f.Content:
    """The content stored in a submissions or revisions row."""
    values = row._mapping
    return f.Content(title=values[f.TITLE], description=values[f.DESCRIPTION],
                     zones=tuple(int(z) for z in _split(values[f.ZONES])), comuni=_split(values[f.COMUNI]),
                     strategies=_split(values[f.STRATEGIES]), promoter=values[f.PROMOTER],
                     category=values[f.CATEGORY])


def revision(row: Row) -> f.Revision:
    """A revisions row as a Revision."""
    return f.Revision(submission_id=row.submission_id, revision_no=row.revision_no, content=content(row),
                      editor=row.editor, reason=row.reason, created_at=utc(row.created_at))


def status_change(row: Row) -> f.StatusChange:
    """A status_changes row as a StatusChange."""
    return f.StatusChange(submission_id=row.submission_id, seq=row.seq, from_status=row.from_status,
                          to_status=row.to_status, actor=row.actor, reason=row.reason,
                          changed_at=utc(row.changed_at))
