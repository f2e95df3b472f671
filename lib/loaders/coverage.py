"""The coverage page's results, built once per process, edition and axis and shared by every session (as
lib/loaders/home.py does for the map).

Measured with `python -m bench --parts pages`: a warm coverage page cost about 20 ms of server CPU, against 5 ms
for a bare app sending the same elements. Each run unpickled the coverage tables and the zone summary from
`cache_data`, wrote the finding again, and rebuilt the judgement table with a lookup per strategy. The four
plotly figures stay as they were: Streamlit turns each into JSON on every run, whatever we keep.
"""
from __future__ import annotations

from dataclasses import dataclass

import plotly.graph_objects as go
import pyarrow as pa

from lib import schema as s
from lib.analysis import coverage as cov
from lib.loaders.arrow import shown_table
from lib.loaders.projects import Source, current_source
from lib.loaders.reference import load_plan
from lib.loaders.shared_values import shared
from lib.loaders.views import ALL, _coverage_charts, _coverage_tables, zone_summary_of
from lib.safe_text import escape_markdown
from lib.views import findings
from lib.views.frames import strategy_judgements


@dataclass(frozen=True)
class CoverageView:
    """What the coverage page shows for one edition; `charts` for one axis (None: every axis)."""

    finding: str
    # The strategies with no project: how many, and as a Markdown list (text escaped).
    n_empty: int
    empty_markdown: str
    # Per strategy its projects, zones reached and the monitoring report's judgement, as sent.
    judged: pa.Table
    charts: dict[str, go.Figure]


@shared(max_entries=64)
def _coverage_view(source: Source, edition: str, axis: int | None) -> CoverageView:
    tables = _coverage_tables(source, edition, cov.COUNT_TOUCHED)
    empty = tables["empty"]
    return CoverageView(
        finding=findings.coverage_finding(tables["strategies"], zone_summary_of(source, edition, ALL)),
        n_empty=len(empty),
        empty_markdown="\n".join(f"- **{escape_markdown(code)}** – {escape_markdown(title)}" for code, title in
                                 zip(empty[s.STRATEGY], empty[s.STRATEGY_TITLE], strict=True)),
        judged=shown_table(strategy_judgements(tables["strategies"], load_plan(edition).judgements)),
        charts=_coverage_charts(source, edition, axis))


def load_coverage_view(edition: str, axis: int | None) -> CoverageView:
    """Everything the coverage page shows for an edition and the axis of its comparisons (None: every axis)."""
    return _coverage_view(current_source(), edition, axis)
