"""The needs page's results, built once per process and shared by every session (as lib/loaders/home.py does for
the map): the page's whole view, and per axis its table and picker.

Measured with `python -m bench --parts pages`: the needs page cost the most server time of any page (about
39 ms a warm session, against 4–6 ms for a bare app sending the same elements). Each run unpickled the needs
coverage from `cache_data`, rebuilt five tables and the finding from it, and rebuilt an index of the axis's
needs for every option of the picker. These are shared values (lib/loaders/shared_values.py): the same
objects for everyone, never changed in place.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import pyarrow as pa

from lib import schema as s
from lib.analysis import needs as an
from lib.loaders.arrow import shown_table
from lib.loaders.projects import Source, current_source
from lib.loaders.reference import load_needs
from lib.loaders.shared_values import shared
from lib.loaders.views import _needs_coverage
from lib.plan.needs import NeedsBook
from lib.views import findings
from lib.views import needs_view as nv

# The picker's label of a need: its id and the start of its text.
PICK_TEXT = 90


@dataclass(frozen=True)
class NeedsView:
    """What the needs page shows whatever the axis."""

    book: NeedsBook
    # Every need against the coverage of the strategies it continues (lib.analysis.needs.needs_coverage).
    needs: pd.DataFrame
    finding: str
    # Needs, proposals, needs without projects, new needs.
    counts: tuple[int, int, int, int]
    # The tables, as sent: the needs with no project and those with whole zones left out; the new themes; the
    # recommendations (sent only once their expander is opened).
    without: pa.Table
    missing: pa.Table
    themes: pa.Table
    recommendations: pa.Table


@dataclass(frozen=True)
class NeedsAxis:
    """One axis of the needs page: its rows, its table as sent, and the picker's labels."""

    rows: pd.DataFrame
    table: pa.Table
    labels: dict[str, str]


@shared(max_entries=8)
def _needs_view(source: Source, edition: str) -> NeedsView:
    book = load_needs()
    assert book is not None  # asked for only when there are needs (tells the type checker)
    needs = _needs_coverage(source, edition)
    counts = (len(needs), int((book.proposals[s.PARENT_ID] == "").sum()),
              int((needs[an.STATUS] == an.STATUS_NO_PROJECT).sum()), int(needs[s.IS_NEW].sum()))
    return NeedsView(book=book, needs=needs, finding=findings.needs_finding(needs), counts=counts,
                     without=shown_table(nv.needs_frame(needs[needs[an.STATUS] == an.STATUS_NO_PROJECT])),
                     missing=shown_table(nv.needs_frame(needs[needs[an.STATUS] == an.STATUS_ZONES_MISSING])),
                     themes=shown_table(nv.themes_frame(book)),
                     recommendations=shown_table(nv.recommendations_frame(book)))


def load_needs_view() -> NeedsView | None:
    """The needs page's view, or None when the plan folder has no needs."""
    book = load_needs()
    return None if book is None else _needs_view(current_source(), book.linked_edition)


@shared(max_entries=64)
def _needs_axis(source: Source, edition: str, axis: int) -> NeedsAxis:
    needs = _needs_view(source, edition).needs
    rows = needs[needs[s.AXIS] == axis]
    labels = {need: f"{need} – {text[:PICK_TEXT]}" for need, text in zip(rows[s.NEED_ID], rows[s.TEXT], strict=True)}
    return NeedsAxis(rows=rows, table=shown_table(nv.needs_frame(rows)), labels=labels)


def load_needs_axis(axis: int) -> NeedsAxis:
    """One axis of the needs page (call only when load_needs_view() is not None)."""
    book = load_needs()
    assert book is not None
    return _needs_axis(current_source(), book.linked_edition, axis)
