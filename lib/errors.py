"""Unexpected errors: logged in full for whoever runs the app, named to the user by a short id only."""
from __future__ import annotations

import logging
import secrets

# The logger of errors no page expected (tests/ui/conftest.py fails a test on any record of it).
LOGGER_NAME = "psm.errors"
_log = logging.getLogger(LOGGER_NAME)


def report(error: BaseException) -> str:
    """Log an unexpected error with its traceback under a fresh id ('E-3F9A2C'), and return the id."""
    error_id = f"E-{secrets.token_hex(3).upper()}"
    _log.error("unexpected error %s", error_id, exc_info=error)
    return error_id
