"""Project markers for the map: one per project and comune, or one per comune when there are many."""
from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from geo.maps import MarkerSet
from lib import schema as s
from lib.views import labels as lb

# Above this many markers the browser gets one aggregated marker per comune instead (at most 312), so
# a registry of 100,000 projects never becomes 100,000 DOM nodes.
MAX_PROJECT_MARKERS = 1500


# A popup field: the text shown for a row, given the names of the comuni by ISTAT code.
Field = Callable[[pd.Series, dict[str, str]], str]

# What a project's popup lists, in this order (an empty value is left out): each column with how its text is
# made, in one declaration, so a column cannot be listed without its text (or a text shown under another label).
POPUP_FIELDS: tuple[tuple[str, Field], ...] = (
    (s.STRATEGIES, lambda row, names: row[s.STRATEGIES].replace(s.LIST_SEP, ", ")),
    (s.PROMOTER, lambda row, names: row[s.PROMOTER]),
    (s.COMUNI, lambda row, names: ", ".join(names[c] for c in row[s.COMUNE_CODES])),
    (s.ZONES, lambda row, names: ", ".join(str(z) for z in row[s.ZONE_LIST])),
    (s.REPORTING_ZONE, lambda row, names: row[s.REPORTING_ZONE]),
    (s.PRECISION, lambda row, names: lb.PRECISION_LABELS[row[s.PRECISION]]),
    (s.LOCATION_BASIS, lambda row, names: lb.BASIS_LABELS[row[s.LOCATION_BASIS]]),
    (s.LOCATION_NOTE, lambda row, names: row[s.LOCATION_NOTE]),
    (s.SOURCE, lambda row, names: row[s.SOURCE]),
    (s.SOURCE_QUOTE, lambda row, names: row[s.SOURCE_QUOTE]),
    (s.EDITOR_NOTE, lambda row, names: row[s.EDITOR_NOTE]),
    (s.REPORTED, lambda row, names: lb.REPORTED_FLAG if row.get(s.REPORTED, False) else ""),
)
POPUP_COLUMNS = tuple(column for column, _ in POPUP_FIELDS)


def project_fields(row: pd.Series, comune_names: dict[str, str]) -> list[str]:
    """The texts shown in a project's popup, one per POPUP_COLUMNS."""
    return [text(row, comune_names) for _, text in POPUP_FIELDS]


def build_markers(projects_df: pd.DataFrame, comuni_df: pd.DataFrame, axis_colors: dict[int, str],
                  max_markers: int = MAX_PROJECT_MARKERS,
                  only_comuni: set[str] | None = None) -> MarkerSet:
    """Markers for the projects located in comuni (zone-level and metro-wide projects get none).

    Args:
        projects_df: validated registry rows, already filtered to what the view shows.
        comuni_df: the territory table (points and names).
        axis_colors: marker colour of each axis (the project's first axis decides).
        max_markers: above this number, aggregate per comune.
        only_comuni: ISTAT codes to keep markers in (a zone map leaves out comuni of other zones).
    """
    located = projects_df[projects_df[s.PRECISION] == s.PRECISION_COMUNE]
    pairs = located[[s.PROJECT_ID, s.COMUNE_CODES]].explode(s.COMUNE_CODES).dropna()
    if only_comuni is not None:
        pairs = pairs[pairs[s.COMUNE_CODES].isin(only_comuni)]
    labels = [lb.COLUMN_LABELS[c] for c in POPUP_COLUMNS]
    if pairs.empty:
        return MarkerSet(labels, [])
    points = comuni_df.set_index(s.ISTAT)[[s.NAME, s.LAT, s.LON]]
    names = points[s.NAME].to_dict()
    if len(pairs) > max_markers:
        return _aggregate(located, pairs, points, axis_colors)
    by_id = located.set_index(s.PROJECT_ID)
    rows = []
    for pid, code in pairs.itertuples(index=False):
        row = by_id.loc[pid]
        title = row[s.TITLE] + (f" ({lb.REPORTED_FLAG})" if row.get(s.REPORTED, False) else "")
        inferred = row[s.LOCATION_BASIS] == s.BASIS_INFERRED
        rows.append([float(points.at[code, s.LAT]), float(points.at[code, s.LON]), axis_colors[int(row[s.AXIS])],
                     title, project_fields(row, names), pid, 9, int(inferred)])
    return MarkerSet(labels, rows)


def _aggregate(located: pd.DataFrame, pairs: pd.DataFrame, points: pd.DataFrame,
               axis_colors: dict[int, str]) -> MarkerSet:
    """One marker per comune, sized by its number of projects and coloured by its most frequent axis.

    The popup gives counts per axis only (no titles), so 312 markers stay a few tens of KB.
    """
    joined = pairs.merge(located[[s.PROJECT_ID, s.AXIS]], on=s.PROJECT_ID)
    counts = joined.groupby([s.COMUNE_CODES, s.AXIS]).size().unstack(fill_value=0)
    rows = []
    for code, row in counts.iterrows():
        total = int(row.sum())
        # Plain ASCII: the page's JSON escapes anything else to six characters.
        by_axis = ", ".join(f"{a}: {n}" for a, n in row.items() if n)
        rows.append([float(points.at[code, s.LAT]), float(points.at[code, s.LON]), axis_colors[int(row.idxmax())],
                     f"{points.at[code, s.NAME]}: {lb.projects_count(total)}", [by_axis], None,
                     round(min(22, 7 + total ** 0.5), 1), 0])
    return MarkerSet([lb.AGGREGATE_BY_AXIS], rows, note=lb.AGGREGATE_HINT)
