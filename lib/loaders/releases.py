"""Registry releases for the pages: the list (shared by all sessions, read again at most every few seconds, so
a release made by another process shows up there too), publishing one, and the Atom feeds."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from lib import config
from lib.analysis import releases as rel
from lib.loaders import projects  # by module: tests swap its store (tests/ui/conftest.use_store)
from lib.opendata import build as opendata
from lib.submissions.feeds import UNSET_URL, feed_name, feeds, publish_feeds
from lib.submissions.releases import Release, list_releases, make_release
from lib.submissions.store import StorageUnavailableError
from lib.views.changes import project_history

RELEASES_TTL_S = 5


@st.cache_data(show_spinner=False, ttl=RELEASES_TTL_S)
def load_releases() -> list[Release]:
    """Every release, oldest first."""
    return list_releases(projects.get_submission_store())


def latest_release() -> Release | None:
    """The latest release, or None when there is none or the database cannot be read (the page goes on)."""
    try:
        releases = load_releases()
    except StorageUnavailableError:
        return None
    return releases[-1] if releases else None


def load_project_history(project_id: str) -> pd.DataFrame | None:
    """The project's history across releases, or None when the database cannot be read."""
    try:
        releases = load_releases()
    except StorageUnavailableError:
        return None
    return project_history([(r.number, r.made_at, r.projects) for r in releases], project_id)


def publish_release(actor: str, note: str) -> Release:
    """A release of what the app shows now (ReleaseError with the Italian reason when refused)."""
    made = make_release(projects.get_submission_store(), projects.displayed_projects(projects.current_source()),
                        actor, note)
    load_releases.clear()
    publish_feeds(projects.get_submission_store())
    return made


def release_changes(releases: list[Release], since: int) -> list[rel.Change]:
    """What changed from release `since` (0: before the first) to the latest."""
    old = next((r.projects for r in releases if r.number == since), {})
    return rel.diff(old, releases[-1].projects)


def feed_bytes(zone_id: int | None, app_url: str) -> bytes:
    """The Atom feed of a zone, or of all zones, as nginx serves it at /feeds/ (`app_url`: no trailing slash)."""
    return feeds(load_releases(), app_url)[feed_name(zone_id)]


@st.cache_data(show_spinner=False, max_entries=2)
def _opendata_zip(source: projects.Source, latest: int | None) -> bytes:
    shown = projects.displayed_projects(source)
    last = next((r for r in load_releases() if r.number == latest), None)
    is_release = last is not None and not rel.diff(last.projects, rel.snapshot(shown))
    files = opendata.package_files(shown, release=latest, is_release=is_release)
    # DCAT needs absolute addresses: without PSM_PUBLIC_URL they say plainly that none was configured.
    files["dcat.jsonld"] = opendata.dcat_metadata(files, f"{config.public_url() or UNSET_URL}/sources", None)
    return opendata.to_zip(files)


def load_opendata_zip() -> bytes:
    """The open-data package of what the app shows now (lib/opendata), as a zip stamped with the latest release;
    built when first asked for."""
    latest = latest_release()
    return _opendata_zip(projects.current_source(), latest.number if latest else None)
