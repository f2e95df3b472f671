"""Cached views derived from the displayed projects: coverage summaries, project tables, lists, zone extras."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from lib import coverage as cov
from lib.data import Source, _load_displayed, _load_long_form, _source, load_categories, load_comuni, \
    load_strategies, load_axes
from lib.labels import MAX_LIST_ROWS
from lib.map_view import filter_projects, projects_in_zone
from lib.tables import map_lists, project_display, search_index, split_by_scope, zone_checklist, zone_comuni


@st.cache_data(show_spinner=False)
def _zone_summary(source: Source, axis: int | None, strategy: str | None) -> pd.DataFrame:
    return cov.zone_summary(cov.filter_long(_load_long_form(source), axis, strategy), load_comuni())


def load_zone_summary(axis: int | None = None, strategy: str | None = None) -> pd.DataFrame:
    """Per-zone projects, strategies covered and per-capita figures for an axis or strategy."""
    return _zone_summary(_source(), axis, strategy)


@st.cache_data(show_spinner=False)
def _table_summary(source: Source, axis: int | None, strategy: str | None) -> pd.DataFrame:
    return cov.table_summary(cov.filter_long(_load_long_form(source), axis, strategy), load_comuni())


def load_table_summary(axis: int | None = None, strategy: str | None = None) -> pd.DataFrame:
    """The same figures per co-planning table A–F."""
    return _table_summary(_source(), axis, strategy)


@st.cache_data(show_spinner=False)
def _coverage_tables(source: Source) -> dict[str, pd.DataFrame]:
    return cov.coverage_tables(_load_long_form(source), load_strategies(), load_axes())


def load_coverage_tables() -> dict[str, pd.DataFrame]:
    """Zone × strategy matrix, axis totals, strategy totals and strategies with no project."""
    return _coverage_tables(_source())


@st.cache_data(show_spinner=False)
def _zone_projects(source: Source, zone_id: int) -> pd.DataFrame:
    projects = _load_displayed(source)
    return projects_in_zone(projects, zone_id)


@st.cache_data(show_spinner=False, max_entries=32)
def _project_tables(source: Source, zone_id: int | None) -> tuple[pd.DataFrame, pd.Series]:
    if zone_id is None:
        projects = split_by_scope(_load_displayed(source))[1]
    else:
        projects = _zone_projects(source, zone_id)
    return project_display(projects, load_categories()), search_index(projects)


def load_project_table(zone_id: int | None) -> tuple[pd.DataFrame, pd.Series]:
    """A zone's projects (or, with None, the metro-wide ones) ready to show, and their search index."""
    return _project_tables(_source(), zone_id)


@st.cache_data(show_spinner=False, max_entries=64)
def _map_lists(source: Source, axis: int | None, strategy: str | None) -> dict[str, object]:
    return map_lists(filter_projects(_load_displayed(source), axis, strategy), load_categories(), MAX_LIST_ROWS)


def load_map_lists(axis: int | None = None, strategy: str | None = None) -> dict[str, object]:
    """The lists beside the home map, capped to MAX_LIST_ROWS rows (with the counts of the rest)."""
    return _map_lists(_source(), axis, strategy)


@st.cache_data(show_spinner=False, max_entries=32)
def _zone_extras(source: Source, zone_id: int) -> dict[str, object]:
    metro = split_by_scope(_load_displayed(source))[1]
    return {"n_metro": len(metro),
            "checklist": zone_checklist(zone_id, _coverage_tables(source)["matrix"], load_strategies(), metro),
            "comuni": zone_comuni(zone_id, load_comuni(), _load_long_form(source))}


def load_zone_extras(zone_id: int) -> dict[str, object]:
    """For the zone page: number of metro-wide projects, the strategy checklist and the comuni table."""
    return _zone_extras(_source(), zone_id)
