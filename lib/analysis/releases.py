"""Registry releases as data: a release's snapshot of the projects, and what changed between two releases, per
project and field and per zone. Pure functions; the database keeps them (lib/submissions/releases.py).
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from lib import schema as s

# What a release records of each project: the public columns as the registry file writes them (lists as
# "1.1;2.5"), never the maintainers' English notes.
RELEASE_FIELDS: tuple[str, ...] = (s.PLAN_EDITION, s.TITLE, s.DESCRIPTION, s.CATEGORY, s.STRATEGIES, s.COMUNI,
                                   s.ZONES, s.REPORTING_ZONE, s.PRECISION, s.LOCATION_BASIS, s.LOCATION_NOTE,
                                   s.PROMOTER, s.SOURCE, s.SOURCE_QUOTE, s.EDITOR_NOTE)
ADDED, REMOVED, CHANGED = "added", "removed", "changed"

Snapshot = dict[str, dict[str, str]]


def snapshot(projects: pd.DataFrame) -> Snapshot:
    """project id → its RELEASE_FIELDS as text, from a parsed registry frame (the displayed one)."""
    rows = projects.reindex(columns=[s.PROJECT_ID, *RELEASE_FIELDS]).fillna("")
    return {str(row[s.PROJECT_ID]): {f: str(row[f]) for f in RELEASE_FIELDS}
            for row in rows.to_dict(orient="records")}


@dataclass(frozen=True)
class FieldChange:
    name: str
    old: str
    new: str


@dataclass(frozen=True)
class Change:
    """One project between two releases: added, removed, or changed in these fields."""

    project_id: str
    kind: str
    fields: tuple[FieldChange, ...] = ()
    zones: frozenset[int] = field(default=frozenset())  # the zones it had before and has after


def zones_of(row: Mapping[str, str] | None) -> frozenset[int]:
    return frozenset(int(z) for z in (row or {}).get(s.ZONES, "").split(s.LIST_SEP) if z.strip())


def diff(old: Snapshot, new: Snapshot) -> list[Change]:
    """Every project added, removed or changed from `old` to `new`, by id."""
    changes = []
    for pid in sorted(old.keys() | new.keys()):
        before, after = old.get(pid), new.get(pid)
        zones = zones_of(before) | zones_of(after)
        if before is None:
            changes.append(Change(pid, ADDED, zones=zones))
        elif after is None:
            changes.append(Change(pid, REMOVED, zones=zones))
        elif before != after:
            fields = tuple(FieldChange(f, before.get(f, ""), after.get(f, "")) for f in RELEASE_FIELDS
                           if before.get(f, "") != after.get(f, ""))
            changes.append(Change(pid, CHANGED, fields, zones))
    return changes


def in_zone(changes: list[Change], zone_id: int) -> list[Change]:
    """The changes that concern a zone: the project was there before, or is there now."""
    return [c for c in changes if zone_id in c.zones]


@dataclass(frozen=True)
class ZoneTally:
    added: int = 0
    removed: int = 0
    changed: int = 0
    to_source: int = 0  # a place that was inferred now comes from the source
    to_inferred: int = 0


def tally(changes: list[Change]) -> ZoneTally:
    """How many projects were added, removed and changed; of the changed, how many changed location basis."""
    basis = [next((f for f in c.fields if f.name == s.LOCATION_BASIS), None) for c in changes if c.kind == CHANGED]
    return ZoneTally(added=sum(c.kind == ADDED for c in changes), removed=sum(c.kind == REMOVED for c in changes),
                     changed=sum(c.kind == CHANGED for c in changes),
                     to_source=sum(b is not None and b.new == s.BASIS_SOURCE for b in basis),
                     to_inferred=sum(b is not None and b.new == s.BASIS_INFERRED for b in basis))
