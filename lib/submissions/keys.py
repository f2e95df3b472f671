"""Session and widget keys of the report and moderation pages, declared once (the co-planning pages' are in
lib/event/keys.py, the public views' in lib/views/state.py; tests/unit/test_plan.py keeps them all distinct)."""
from __future__ import annotations

# A form field's key is its prefix and its name in lib/submissions/fields.py: 'report_title', 'edit_zones'.
REPORT_PREFIX = "report_"
EDIT_PREFIX = "edit_"


def widget_key(prefix: str, name: str) -> str:
    """The session key of a form field: 'report_title', 'edit_zones', …"""
    return prefix + name


# Session keys of the report page that are not widgets.
TARGET_KEY = "report_target_project"
PREFILLED_FROM_KEY = "report_prefilled_from"
RECEIPT_KEY = "report_receipt_token"
LAST_RECEIPT_KEY = "report_last_receipt"
RESET_KEY = "report_reset"
# What the last press of "Invia" found wrong, field by field (shown under each field), and a notice for the
# whole form (the limit was reached, or the database could not be written).
PROBLEMS_KEY = "report_problems"
# The page's buttons.
SUBMIT_KEY = "report_submit"
NEW_REPORT_KEY = "report_new"
NOTICE_KEY = "report_notice"
# Where a report went: the receipt typed, its button, and the answer of the last lookup (a ReceiptLookup,
# or NOTICE_STORAGE when the database could not be read).
TRACK_RECEIPT_KEY = "report_track_receipt"
TRACK_SUBMIT_KEY = "report_track_submit"
TRACK_RESULT_KEY = "report_track_result"

# Moderation.
# Session key of the logged-in moderator's name (written to the audit).
MODERATOR_KEY = "moderator_name"
# Failed logins of this session: its own delay grows with them (lib/submissions/guessing.py).
LOGIN_FAILURES_KEY = "login_failures"
# Widget and session keys of the moderation page.
LOGIN_NAME_KEY = "login_name"
LOGIN_PASSWORD_KEY = "login_password"
LOGIN_SUBMIT_KEY = "login_submit"
STATUS_FILTER_KEY = "status_filter"
APPROVE_KEY = "approve_button"
REJECT_KEY = "reject_button"
EDIT_KEY = "edit_button"
EXPORT_NEW_KEY = "export_new"
EXPORT_CORRECTIONS_KEY = "export_corrections"
SELECTED_KEY = "selected_submission"
REJECT_REASON_KEY = "reject_reason"
PREPARED_FOR_KEY = "moderation_prepared_for"
DONE_KEY = "moderation_done"
RELEASE_NOTE_KEY = "moderation_release_note"
RELEASE_SUBMIT_KEY = "moderation_release_submit"
