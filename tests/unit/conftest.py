"""Fixtures of the unit tests: a fresh submissions database, SQLite and (when configured) PostgreSQL."""
from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from lib.submissions import db
from lib.submissions.store import SubmissionStore

# A PostgreSQL server for the store tests, e.g. postgresql+psycopg://psm:psm@127.0.0.1:5432/psm_test; each
# test gets its own schema there. Without it those tests run on SQLite only.
PG_URL_ENV = "PSM_TEST_POSTGRES_URL"
PG_URL = os.environ.get(PG_URL_ENV)


def _pg_schema_url(schema: str) -> str:
    return make_url(PG_URL).update_query_dict({"options": f"-csearch_path={schema}"}) \
        .render_as_string(hide_password=False)


@pytest.fixture(params=["sqlite", pytest.param(
    "postgresql", marks=pytest.mark.skipif(not PG_URL, reason=f"set {PG_URL_ENV} to test PostgreSQL"))])
def submission_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database: a SQLite file, or a new schema on the PostgreSQL test server."""
    if request.param == "sqlite":
        yield db.sqlite_url(tmp_path / "var" / "submissions.sqlite3")
        return
    schema = f"test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield _pg_schema_url(schema)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def submission_store(submission_db_url: str) -> Iterator[SubmissionStore]:
    """A store on a fresh database, closed after the test."""
    opened = SubmissionStore(submission_db_url)
    yield opened
    opened.close()


@pytest.fixture
def db_url(submission_db_url: str) -> str:
    """Short name of `submission_db_url` for the store tests."""
    return submission_db_url


@pytest.fixture
def store(submission_store: SubmissionStore) -> SubmissionStore:
    """Short name of `submission_store` for the store tests."""
    return submission_store
