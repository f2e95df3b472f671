"""The sources page's tables, built once per process and registry and shared by every session (as
lib/loaders/home.py does for the map).

Measured with `python -m bench --parts pages`: a warm sources page cost about 12 ms of server CPU, against 4 ms
for a bare app sending the same elements; most of it was converting the same three small tables to Arrow on
every run (the editions table's mixed columns take Streamlit's slower path).
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import pyarrow as pa

from lib import schema as s
from lib.loaders.arrow import shown_table
from lib.loaders.projects import Source, _load_registry, _project_count, _quantities, current_source
from lib.loaders.reference import load_catalogue, load_categories
from lib.loaders.shared_values import shared
from lib.views.frames import editions_frame

ISSUE_COLUMNS = ("File", "Riga", "Colonna", "Problema")


@dataclass(frozen=True)
class SourcesView:
    """The sources page's tables, as sent, and the counts it states."""

    editions: pa.Table
    # The problems found in the registry's files (rows with problems are not shown), and how many projects the
    # app shows.
    issues: pa.Table
    n_projects: int
    categories: pa.Table


@shared(max_entries=8)
def _sources_view(source: Source) -> SourcesView:
    path = source[0]
    issues = _load_registry(path)[1] + _quantities(path)[1]
    rows = pd.DataFrame([(i.file, i.line, i.column, i.message) for i in issues], columns=list(ISSUE_COLUMNS))
    categories = load_categories().rename(columns={s.CATEGORY: "Codice", s.CATEGORY_LABEL: "Categoria"})
    return SourcesView(editions=shown_table(editions_frame(load_catalogue())), issues=shown_table(rows),
                       n_projects=_project_count(source, None), categories=shown_table(categories))


def load_sources_view() -> SourcesView:
    """The tables and counts of the sources page, for the registry shown."""
    return _sources_view(current_source())
