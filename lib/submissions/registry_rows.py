"""Approved submissions as registry rows: validated like projects.csv, exported, merged for display."""
from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import replace

import pandas as pd

from lib import schema as s
from lib.csv_reader import Issue
from lib.registry.read import validate_rows
from lib.registry.references import References
from lib.submissions import fields as f
from lib.submissions.store import SubmissionStore

# Marker column added for display: True on rows that come from approved reports.
REPORTED = s.REPORTED
# New projects get id P<offset + submission id> (P9001, P9002, …): valid for PROJECT_ID_PATTERN and far above
# the registry's own numbering (P001–P106 today), so the two never meet; a clash is reported, never merged.
NEW_ID_OFFSET = 9000
# Issues about reported rows name this "file"; their line is the submission id.
SUBMISSIONS_FILE = "submissions"
EXPORT_NEW = "new"
EXPORT_CORRECTIONS = "corrections"


def registry_id(submission: f.Submission) -> str:
    """The registry id a submission becomes: the corrected project's, or P9000 + its own id."""
    return submission.draft.project_id or f"P{NEW_ID_OFFSET + submission.submission_id}"


def registry_row(submission: f.Submission, refs: References) -> dict[str, object]:
    """One approved submission as a row of projects.csv (string cells) plus its source line."""
    content = submission.content
    zones = f.zones_with_comuni(content, refs)
    # A report says where the project is, or says nothing: then it is not placed (never "metro-wide").
    precision = (s.PRECISION_COMUNE if content.comuni else s.PRECISION_ZONE if zones else s.PRECISION_NONE)
    sent = f"{submission.created_at:%d/%m/%Y}"
    approved = f"{submission.status_changed_at:%Y-%m-%d}"
    corrects = f"; corrects {submission.draft.project_id}" if submission.draft.project_id else ""
    return {
        s.PROJECT_ID: registry_id(submission),
        s.PLAN_EDITION: refs.default_edition,
        s.TITLE: content.title,
        # One line per row, like the rest of projects.csv.
        s.DESCRIPTION: " ".join(content.description.split()),
        s.CATEGORY: content.category,
        s.STRATEGIES: s.LIST_SEP.join(content.strategies),
        s.COMUNI: s.LIST_SEP.join(content.comuni),
        s.ZONES: s.LIST_SEP.join(str(z) for z in zones),
        s.REPORTING_ZONE: "",
        s.PRECISION: precision,
        s.LOCATION_BASIS: s.BASIS_SOURCE,
        s.LOCATION_NOTE: (f"Luogo indicato nella segnalazione {submission.receipt}." if precision in s.PLACED
                          else f"La segnalazione {submission.receipt} non indica dove si svolge il progetto."),
        s.PROMOTER: content.promoter,
        s.SOURCE: f"Segnalazione {submission.receipt} del {sent}, approvata dalla redazione",
        s.SOURCE_QUOTE: "",
        s.EDITOR_NOTE: "",
        s.NOTES: f"Reported through the dashboard on {sent}, approved on {approved}{corrects}.",
        s.SOURCE_LINE: submission.submission_id,
    }


def _latest_per_project(approved: Iterable[f.Submission]) -> list[f.Submission]:
    """Keep, for each corrected project, only the correction approved last."""
    latest: dict[str, f.Submission] = {}
    for sub in sorted(approved, key=lambda x: (x.status_changed_at, x.submission_id)):
        latest[registry_id(sub)] = sub
    return sorted(latest.values(), key=lambda x: x.submission_id)


def build_reported_rows(approved: Iterable[f.Submission], refs: References,
                        registry_ids: Collection[str]) -> tuple[pd.DataFrame, list[Issue]]:
    """Approved submissions as parsed registry rows (as `validate_rows` returns them) plus REPORTED.

    Rows that fail the registry's validation, or whose new id is already taken, are left out and reported.
    """
    subs = _latest_per_project(x for x in approved if x.status == f.STATUS_APPROVED)
    issues: list[Issue] = []
    rows = []
    for sub in subs:
        row = registry_row(sub, refs)
        if not sub.draft.project_id and row[s.PROJECT_ID] in registry_ids:
            issues.append(Issue(SUBMISSIONS_FILE, sub.submission_id, s.PROJECT_ID,
                                f"new id {row[s.PROJECT_ID]} is already in the registry; "
                                "raise NEW_ID_OFFSET"))
            continue
        rows.append(row)
    frame = pd.DataFrame(rows, columns=[*s.PROJECT_COLUMNS, s.SOURCE_LINE], dtype="object")
    frame[s.SOURCE_LINE] = frame[s.SOURCE_LINE].astype("int64")
    valid, row_issues = validate_rows(frame, refs, SUBMISSIONS_FILE)
    valid[REPORTED] = pd.Series(True, index=valid.index, dtype="bool")
    return valid, sorted(issues + row_issues, key=lambda i: (i.line or 0))


def load_reported_projects(store: SubmissionStore, refs: References,
                           registry_ids: Collection[str]) -> tuple[pd.DataFrame, list[Issue]]:
    """The approved submissions in `store` as registry rows (see `build_reported_rows`)."""
    return build_reported_rows(store.list_submissions(f.STATUS_APPROVED), refs, registry_ids)


def approval_problems(submission: f.Submission, refs: References,
                      registry_ids: Collection[str]) -> list[f.Problem]:
    """Why this submission's current content could not yet become a registry row; empty when it can."""
    content = submission.content
    problems = f.shape_problems(content) + f.reference_problems(content, refs)
    if not content.category:
        problems.append(f.Problem(f.CATEGORY, f.PROBLEM_NO_CATEGORY))
    if not content.strategies:
        problems.append(f.Problem(f.STRATEGIES, f.PROBLEM_NO_STRATEGY))
    if problems:
        return problems
    _, issues = build_reported_rows([replace(submission, status=f.STATUS_APPROVED)], refs, registry_ids)
    return [f.Problem(i.column or s.PROJECT_ID, f.PROBLEM_REGISTRY, values=(i.message,)) for i in issues]


def export_frames(reported_df: pd.DataFrame, registry_ids: Collection[str]) -> dict[str, pd.DataFrame]:
    """projects.csv columns only: rows to append (new projects) and rows that replace existing ones."""
    rows = reported_df.reindex(columns=list(s.PROJECT_COLUMNS))
    is_correction = rows[s.PROJECT_ID].isin(set(registry_ids))
    return {EXPORT_NEW: rows[~is_correction].reset_index(drop=True),
            EXPORT_CORRECTIONS: rows[is_correction].reset_index(drop=True)}


def merge_reported(registry_df: pd.DataFrame, reported_df: pd.DataFrame) -> pd.DataFrame:
    """The registry with approved reports merged in, each row flagged in REPORTED.

    A correction takes the place of the row it corrects; a new project is appended. Both frames are parsed
    registry frames (as `read_registry(...).valid` and `build_reported_rows` return them).
    """
    base = registry_df.assign(**{REPORTED: False})
    if reported_df.empty:
        return base
    reported = reported_df.reindex(columns=base.columns).assign(**{REPORTED: True})
    position = {pid: i for i, pid in enumerate(base[s.PROJECT_ID])}
    order = "_order"
    reported[order] = [position.get(pid, len(base) + i) for i, pid in enumerate(reported[s.PROJECT_ID])]
    kept = base[~base[s.PROJECT_ID].isin(set(reported[s.PROJECT_ID]))]
    kept = kept.assign(**{order: [position[pid] for pid in kept[s.PROJECT_ID]]})
    merged = pd.concat([kept, reported], ignore_index=True).sort_values(order, kind="stable")
    merged = merged.drop(columns=order).reset_index(drop=True)
    merged[REPORTED] = merged[REPORTED].astype("bool")
    merged[s.AXIS] = merged[s.AXIS].astype("int64")
    return merged
