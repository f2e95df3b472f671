"""The search page's results, built once per process and search and shared by every session (as
lib/loaders/home.py does for the map).

Measured with `python -m bench --parts pages`: a warm search (`/search?cerca=bici`, the link a presenter puts on
the screen) cost about 13 ms of server CPU against 5 ms for a bare app sending the same elements: each run
unpickled the whole registry's display table and search index from `cache_data`, matched every row and built
the listed rows again. A search is typed text, so the results of at most `SEARCHES` of them are kept.
"""
from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

from lib.loaders.arrow import shown_table
from lib.loaders.projects import Source, current_source
from lib.loaders.shared_values import shared
from lib.loaders.views import _registry_search
from lib.views import labels as lb
from lib.views.frames import search_result_list, search_results

SEARCHES = 256


@dataclass(frozen=True)
class SearchResults:
    """The first results of a search as the page lists them (links first), and how many match in all."""

    table: pa.Table
    n_found: int


@shared(max_entries=SEARCHES)
def _search(source: Source, text: str) -> SearchResults:
    found, n_found = search_results(*_registry_search(source), text, lb.MAX_LIST_ROWS)
    return SearchResults(table=shown_table(search_result_list(found)), n_found=n_found)


def load_search_results(text: str) -> SearchResults:
    """The projects matching every word of `text` in the whole registry (none for blank text)."""
    return _search(current_source(), text)
