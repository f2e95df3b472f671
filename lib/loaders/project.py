"""Cached loaders of one project's page: its row, its card and the approved reports on it."""
from __future__ import annotations

import re
from typing import TypeGuard

import pandas as pd
import streamlit as st

from lib import schema as s
from lib.loaders import projects
from lib.loaders.projects import Source, current_source, displayed_projects, load_quantities
from lib.loaders.reference import load_catalogued_editions, load_categories, load_plan
from lib.submissions.store import StorageUnavailableError
from lib.submissions.tracking import ApprovedReport, approved_reports_on
from lib.views.project_view import ProjectCard, project_card

_PROJECT_ID = re.compile(s.PROJECT_ID_PATTERN)


def is_project_id(value: str | None) -> TypeGuard[str]:
    """Whether a value from a link has the form of a project id (P012); says nothing of whether it exists."""
    return value is not None and _PROJECT_ID.match(value) is not None


@st.cache_data(show_spinner=False, max_entries=256)
def project_row_of(source: Source, project_id: str) -> pd.Series | None:
    """The displayed row of one project for one source (see load_project)."""
    projects = displayed_projects(source)
    rows = projects[(projects[s.PROJECT_ID] == project_id)
                    & projects[s.PLAN_EDITION].isin(load_catalogued_editions())]
    return rows.iloc[0] if len(rows) else None


def load_project(project_id: str | None) -> pd.Series | None:
    """The displayed row (registry plus approved reports) of a project, or None if the id is malformed or
    unknown, or its plan edition has no catalogue."""
    return project_row_of(current_source(), project_id) if is_project_id(project_id) else None


@st.cache_data(show_spinner=False, max_entries=256)
def _project_card(source: Source, project_id: str) -> ProjectCard | None:
    row = project_row_of(source, project_id)
    if row is None:
        return None
    return project_card(row, load_plan(row[s.PLAN_EDITION]), load_categories(), load_quantities())


def load_project_card(project_id: str) -> ProjectCard | None:
    """What the project's page says about it, labelled in Italian; None for an unknown id."""
    return _project_card(current_source(), project_id) if is_project_id(project_id) else None


@st.cache_data(show_spinner=False, max_entries=256)
def _project_reports(source: Source, project_id: str) -> list[ApprovedReport] | None:
    if source[1] is None:
        return None
    try:
        # Through the module, so the store the app uses is the one tests put there (tests/ui/conftest.use_store).
        return approved_reports_on(projects.get_submission_store(), project_id)
    except StorageUnavailableError:
        return None


def load_project_reports(project_id: str) -> list[ApprovedReport] | None:
    """The approved reports on a project (oldest first), or None when the reports cannot be read."""
    return _project_reports(current_source(), project_id)
