"""AppTest fixtures: the whole app through its entrypoint, offline (no base-map tiles)."""
from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from lib import errors

ROOT = Path(__file__).resolve().parents[2]
ENTRYPOINT = str(ROOT / "dashboard.py")


class _Errors(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.ids: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.ids.append(record.getMessage())


@pytest.fixture(autouse=True)
def no_unexpected_errors(request: pytest.FixtureRequest) -> Iterator[_Errors]:
    """Fail any test in which a page hit an unexpected error: dashboard.py shows users an id and logs it
    (lib/errors.py), so AppTest's own `at.exception` no longer sees it. A test that provokes one on purpose
    takes this fixture and empties `.ids`."""
    handler = _Errors()
    logger = logging.getLogger(errors.LOGGER_NAME)
    logger.addHandler(handler)
    yield handler
    logger.removeHandler(handler)
    assert handler.ids == [], f"a page hit an unexpected error: {handler.ids}"


@pytest.fixture(autouse=True)
def _offline(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    monkeypatch.setenv("PSM_BASEMAP", "off")
    # The submissions database of these tests lives in a temporary folder, never in the checkout.
    monkeypatch.setenv("PSM_DATA_DIR", str(tmp_path_factory.getbasetemp() / "ui-data"))


def open_page(page: str, **query: str) -> AppTest:
    """Run the entrypoint, then switch to `page` (path relative to the repo) with the given URL query."""
    at = AppTest.from_file(ENTRYPOINT, default_timeout=60)
    if page != "pages/home_map.py":
        # Land on the home page first, as AppTest needs, then arrive on `page` with the URL's query.
        at.run()
        at.switch_page(page)
        at.query_params.clear()
    for name, value in query.items():
        at.query_params[name] = value
    return at.run()


def frame(at: AppTest, *columns: str, index: int = 0):
    """The index-th displayed dataframe that has all the given columns (display-only frames carry no key)."""
    matches = [d.value for d in at.dataframe if all(c in d.value.columns for c in columns)]
    return matches[index]


def html_table(at: AppTest, css_class: str):
    """The first st.html table with this class, as a DataFrame of its cell texts (HTML entities decoded)."""
    import html
    import re

    import pandas as pd

    body = next(e.proto.body for e in at.get("html") if f'class="{css_class}"' in e.proto.body)
    cells = [[html.unescape(c) for c in re.findall(r"<t[dh]>(.*?)</t[dh]>", row)]
             for row in re.findall(r"<tr>(.*?)</tr>", body)]
    return pd.DataFrame(cells[1:], columns=cells[0])


def use_store(monkeypatch: pytest.MonkeyPatch, store: object) -> None:
    """Make the app use this submissions store: the pages' loader and the loaders that merge approved reports."""
    from lib import loaders
    from lib.loaders import event, projects

    for module in (loaders, event, projects):
        monkeypatch.setattr(module, "get_submission_store", lambda: store)
    _forget_cached_data()
    _SWAPPED.append(store)


@contextmanager
def event_day(path: Path, monkeypatch: pytest.MonkeyPatch, password: str) -> Iterator[object]:
    """A fresh SQLite store the pages of a co-planning day use, with the regia's credential; closed after."""
    from lib.loaders import event as live
    from lib.submissions.db import sqlite_url
    from lib.submissions.store import SubmissionStore

    store = SubmissionStore(sqlite_url(path))
    use_store(monkeypatch, store)
    live.get_event_store.clear()
    monkeypatch.setenv("PSM_MODERATOR_PASSWORD", password)
    try:
        yield store
    finally:
        live.get_event_store.clear()
        store.close()


# Stores swapped in by use_store during the current test: each test's database has the same ids and versions,
# so the loaders' caches (keyed by them) must not carry one test's reports into the next.
_SWAPPED: list[object] = []


def _forget_cached_data() -> None:
    from lib.loaders.shared_values import clear_caches

    clear_caches()


@pytest.fixture(autouse=True)
def _forget_swapped_stores() -> Iterator[None]:
    yield
    if _SWAPPED:
        _SWAPPED.clear()
        _forget_cached_data()
