"""Cached loaders of the projects: the registry file, approved reports, quantities and the long form.

Big frames (registry, long form) are `shared` values (lib/loaders/shared_values.py), never changed in place:
`cache_data` would unpickle a copy on every hit, seconds at 100,000 projects. Pages call the small derived
loaders.
Set PSM_PROJECTS_CSV to read another registry file (the benchmarks use it for synthetic registries).
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from lib import config
from lib import schema as s
from lib.analysis.joins import build_long_form
from lib.csv_reader import FileFormatError, Issue
from lib.loaders.reference import load_comuni, load_plan, load_references
from lib.loaders.shared_values import shared
from lib.registry.quantities import read_quantities
from lib.registry.read import read_registry_report
from lib.submissions import limits
from lib.submissions.registry_rows import load_reported_projects, merge_reported
from lib.submissions.store import StorageUnavailableError, SubmissionStore
from lib.views.frames import quantities_by_project

# What the app shows is the registry file plus the approved reports, so everything derived from it is
# cached under this key: the file, and the submissions store's version (None when the store is down).
Source = tuple[str, "tuple[int, int] | None"]
# Asking the database on every rerun of every session slowed a 300-viewer burst by about 30%; an approval
# shows within this many seconds anyway, and at once for the moderator (refresh_submissions).
STORE_VERSION_TTL_S = 5
# A few registry versions at most (the file, and the store before and after an approval).
BIG_FRAME_ENTRIES = 4


def projects_path() -> Path:
    """The registry file the app reads."""
    return Path(config.read(config.PROJECTS_CSV) or s.PROJECTS_CSV)


# Not a DataFrame: the store holds a connection pool, which is why this one is shared, not copied.
@shared()
def get_submission_store() -> SubmissionStore:
    """The database (PSM_DATABASE_URL, or SQLite under PSM_DATA_DIR), shared by all sessions."""
    return SubmissionStore.from_environment()


def client_address() -> str:
    """The address this session's limits are counted against (see lib.submissions.limits.client_key)."""
    return limits.client_key(st.context.ip_address, st.context.headers)


@shared(ttl=STORE_VERSION_TTL_S)
def _store_version() -> tuple[int, int] | None:
    try:
        return get_submission_store().version()
    except StorageUnavailableError:
        return None


def refresh_submissions() -> None:
    """Show the latest state of the submissions store on the next load (after a moderation action)."""
    _store_version.clear()


def current_source() -> Source:
    """The cache key of everything derived from the displayed projects."""
    return str(projects_path()), _store_version()


@shared(max_entries=BIG_FRAME_ENTRIES)
def _load_registry(path: str) -> tuple[pd.DataFrame, list[Issue], bool]:
    report = read_registry_report(path, load_references())
    return report.valid, report.issues, report.unreadable


@shared(max_entries=BIG_FRAME_ENTRIES)
def displayed_projects(source: Source) -> pd.DataFrame:
    """The valid registry rows with approved reports merged in (flagged in `reported`), every edition."""
    path, version = source
    registry = _load_registry(path)[0]
    if version is None:
        return registry.assign(**{s.REPORTED: False})
    reported, _ = load_reported_projects(get_submission_store(), load_references(), set(registry[s.PROJECT_ID]))
    return merge_reported(registry, reported)


@shared(max_entries=BIG_FRAME_ENTRIES * 2)
def long_form(source: Source, edition: str) -> pd.DataFrame:
    """One edition's projects in long form (project × zone × comune × strategy)."""
    projects = displayed_projects(source)
    mine = projects[projects[s.PLAN_EDITION] == edition]
    return build_long_form(mine, load_plan(edition).strategies, load_comuni())


@st.cache_data(show_spinner=False)
def _project_count(source: Source, edition: str | None) -> int:
    projects = displayed_projects(source)
    return len(projects) if edition is None else int((projects[s.PLAN_EDITION] == edition).sum())


def load_project_count(edition: str | None = None) -> int:
    """How many projects the app shows (registry plus approved reports), of one edition or all."""
    return _project_count(current_source(), edition)


def load_registry_file() -> pd.DataFrame:
    """The valid rows of the registry file alone, without approved reports (for moderation and export)."""
    return _load_registry(str(projects_path()))[0]


def load_projects() -> pd.DataFrame:
    """The valid registry rows, parsed, with approved reports merged in (flagged in `reported`)."""
    return displayed_projects(current_source())


def load_registry_issues() -> list[Issue]:
    """Problems found in the registry file (rows with problems are not shown)."""
    return _load_registry(str(projects_path()))[1]


def load_registry_failure() -> Issue | None:
    """Why the registry file could not be read at all (then no row of it is shown), or None."""
    _, issues, unreadable = _load_registry(str(projects_path()))
    return issues[0] if unreadable else None


@st.cache_data(show_spinner=False)
def _quantities(path: str) -> tuple[dict[str, str], list[Issue]]:
    # The quantities file sits beside the registry it describes (none beside a synthetic registry).
    quantities = Path(path).with_name(s.QUANTITIES_CSV.name)
    if not quantities.exists():
        return {}, []
    try:
        frame, issues = read_quantities(quantities, set(_load_registry(path)[0][s.PROJECT_ID]))
    except FileFormatError as err:
        return {}, err.issues
    except OSError as err:
        return {}, [Issue(str(quantities), None, None, f"il file non si può aprire ({err.strerror or err})")]
    return quantities_by_project(frame), issues


def load_quantities() -> dict[str, str]:
    """Project id → the quantities its source gives ('50 interventi; 9 comuni')."""
    return _quantities(str(projects_path()))[0]


def load_quantity_issues() -> list[Issue]:
    """Problems found in project_quantities.csv."""
    return _quantities(str(projects_path()))[1]

