"""Every short coded value fits the String(n) column it is written to, n read from the table's declaration.

SQLite ignores a String's length; PostgreSQL refuses a longer value, so a new key that is too long would pass
every SQLite test and fail only in production.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import Column, String

from lib import schema as s
from lib.event import files
from lib.event import model as m
from lib.event.sql import ACTS, CONTRIBUTION_REVISIONS, EVENTS
from lib.event.store import EventStore
from lib.plan.catalogue import read_catalogue
from lib.plan.needs import read_needs
from lib.submissions import fields as f
from lib.submissions import guessing, limits
from lib.submissions.db import RATE_EVENTS, STATUS_CHANGES, SUBMISSIONS
from lib.submissions.store import SubmissionStore


def _length(column: Column) -> int:
    """The declared length of a String column (a Text column, with none, is not a short coded value)."""
    assert isinstance(column.type, String) and column.type.length, f"{column} has no declared length"
    return column.type.length


def _rate_kinds() -> list[str]:
    """Every kind a row of rate_events can have: the limits' and the paces' kinds, with their suffixes."""
    paced = [k + suffix for k in guessing.PACES
             for suffix in ("", guessing.CHECK_SUFFIX, guessing.OVERFLOW_SUFFIX, guessing.FAILURE_SUFFIX)]
    return [*limits.LIMITS, *paced]


def _item_codes() -> list[str]:
    """What a table can prioritise or attach a contribution to: strategy codes and need ids."""
    catalogue = read_catalogue()
    return [*(c for plan in catalogue.plans.values() for c in plan.codes),
            *read_needs().needs[s.NEED_ID].tolist()]


CODED_VALUES: list[tuple[str, Column, Iterable[str]]] = [
    ("item kinds", EVENTS.c.item_kind, m.ITEM_KINDS),
    ("contribution kinds", CONTRIBUTION_REVISIONS.c.kind, m.CONTRIBUTION_KINDS),
    ("regia acts", ACTS.c.act, m.ACTS),
    ("report kinds", SUBMISSIONS.c.kind, (f.KIND_NEW, f.KIND_CORRECTION)),
    ("statuses (to)", STATUS_CHANGES.c.to_status, f.STATUSES),
    ("statuses (from)", STATUS_CHANGES.c.from_status, f.STATUSES),
    ("rate kinds", RATE_EVENTS.c.kind, _rate_kinds()),
    ("plan editions", EVENTS.c.plan_edition, read_catalogue().editions),
    ("item codes", CONTRIBUTION_REVISIONS.c.item, _item_codes()),
    ("receipts", SUBMISSIONS.c.receipt, [f.new_receipt() for _ in range(20)]),
]


@pytest.mark.parametrize(("what", "column", "values"), CODED_VALUES, ids=[c[0] for c in CODED_VALUES])
def test_every_coded_value_fits_its_column(what: str, column: Column, values: Iterable[str]) -> None:
    limit = _length(column)
    values = list(values)
    assert values, f"no {what} to check"
    too_long = [v for v in values if len(v) > limit]
    assert not too_long, f"{what} longer than {column.table.name}.{column.name} String({limit}): {too_long}"


def test_the_receipt_pattern_accepts_nothing_longer_than_the_column() -> None:
    limit = _length(SUBMISSIONS.c.receipt)
    assert f.RECEIPT_PATTERN.match("A" * limit) and not f.RECEIPT_PATTERN.match("A" * (limit + 1))


def test_a_contribution_of_every_kind_is_stored_with_a_key_that_fits(submission_store: SubmissionStore) -> None:
    # On PostgreSQL (PSM_TEST_POSTGRES_URL) a kind or key too long for its column is refused here too.
    events = EventStore(submission_store, clock=lambda: datetime(2023, 12, 5, 9, 30, tzinfo=UTC))
    spec = m.EventSpec(name="Giornata", day=date(2023, 12, 5), plan_edition="2021-2023", item_kind=m.ITEMS_STRATEGIES,
                       max_priorities=3, items=(m.Item("1.1", "Costruire capacità 4.0", 1),),
                       tables=files.default_tables())
    event_id, _ = events.create(spec, "Anna")
    keys = [events.save_contribution(event_id, 1, "1.1", kind, f"Contributo {kind}") for kind in m.CONTRIBUTION_KINDS]
    assert all(len(key) <= _length(CONTRIBUTION_REVISIONS.c.contribution_key) for key in keys)
    stored = events.state(event_id).contributions
    assert sorted(c.kind for c in stored) == sorted(m.CONTRIBUTION_KINDS)
