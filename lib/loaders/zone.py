"""The zone page's results, built once per process and zone and shared by every session (as lib/loaders/home.py
does for the map).

Measured with `python -m bench --parts pages`: a warm zone page cost about 23 ms of server CPU, against 6 ms
for a bare app sending the same elements. Each run unpickled the zone summary, the project table and the
extras from `cache_data`, rebuilt the project list with its placement sentences and links, and sent the
zone's map document inline (about 50 KB). These are shared values (lib/loaders/shared_values.py): the same
objects for everyone, never changed in place; the map is a content-named file (lib/loaders/map_files.py)
where it can be written.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd
import pyarrow as pa

from lib import schema as s
from lib.loaders.arrow import shown_table
from lib.loaders.map_files import map_file_url
from lib.loaders.projects import Source, current_source
from lib.loaders.reference import basemap_enabled, load_catalogue
from lib.loaders.shared_values import shared
from lib.loaders.views import ALL, _project_tables, _zone_extras, zone_summary_of
from lib.views import slides
from lib.views.frames import word_mask, zone_project_list


@dataclass(frozen=True)
class ZoneView:
    """What the zone page shows for one zone."""

    # The zone's row of the summary (lib.analysis.coverage.zone_summary), column → value.
    summary: dict[str, Any]
    # The zone's projects ready to show (the CSV's columns), their search index, and the same rows as the
    # page lists them (links, placement), also as the table sent when no search narrows them.
    projects: pd.DataFrame
    index: pd.Series
    listed: pd.DataFrame
    listed_table: pa.Table
    # Projects in no zone (they count for every zone), and the tables below the list (lib.loaders.views
    # load_zone_extras), as sent.
    n_unplaced: int
    checklist: pa.Table
    unmapped: pa.Table
    comuni: pa.Table
    map_html: str
    # The map as a file the browser keeps; None: send it inline.
    map_url: str | None
    legend_html: str

    def matching(self, text: str) -> tuple[pd.DataFrame, pd.DataFrame | pa.Table]:
        """The projects whose search index holds every word of `text`: as the CSV has them, and as listed."""
        mask = word_mask(self.index, text)
        return (self.projects, self.listed_table) if mask is None else (self.projects[mask], self.listed[mask])


@shared(max_entries=32)
def _zone_view(source: Source, edition: str, zone_id: int, asset_urls: tuple[tuple[str, str], ...],
               tiles: bool) -> ZoneView:
    from lib.loaders import _zone_map_html, _zone_map_legend  # the package imports this module

    summary = zone_summary_of(source, edition, ALL).set_index(s.ZONE_ID).loc[zone_id].to_dict()
    projects, index = _project_tables(source, edition, zone_id)
    listed, extras = zone_project_list(projects), _zone_extras(source, edition, zone_id)
    map_html = _zone_map_html(source, edition, zone_id, asset_urls, tiles)
    return ZoneView(summary=summary, projects=projects, index=index, listed=listed, listed_table=shown_table(listed),
                    n_unplaced=extras["n_unplaced"], checklist=shown_table(extras["checklist"]),
                    unmapped=shown_table(extras["unmapped"]), comuni=shown_table(extras["comuni"]),
                    map_html=map_html, map_url=map_file_url(map_html),
                    legend_html=slides.legend_html(_zone_map_legend(source, edition, zone_id)))


def load_zone_view(zone_id: int, asset_urls: tuple[tuple[str, str], ...]) -> ZoneView:
    """Everything the zone page shows for one zone, default edition (`asset_urls`: lib.loaders.map_assets_key())."""
    return _zone_view(current_source(), load_catalogue().default, zone_id, asset_urls, basemap_enabled())
