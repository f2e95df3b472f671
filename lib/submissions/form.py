"""The report form's state: pre-filling from the registry, reading it into a Draft, rate limit, sending.

Functions here take the session state as a plain mutable mapping, so they run (and are tested) without
Streamlit.
"""
from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, MutableMapping
from dataclasses import dataclass

import pandas as pd

from lib import schema as s
from lib.registry.references import References
from lib.registry.rules import split_list
from lib.submissions import fields as f
from lib.submissions import keys as sk
from lib.submissions import limits, tracking
from lib.submissions.store import StorageUnavailableError, SubmissionStore
from lib.views import params as p

CONTENT_FIELDS = (f.ZONES, f.COMUNI, f.TITLE, f.STRATEGIES, f.DESCRIPTION, f.PROMOTER, f.CATEGORY)
SENDER_FIELDS = (f.SENDER_NAME, f.SENDER_EMAIL, f.SENDER_ROLE)
NOTICE_STORAGE = "storage"
NOTICE_RATE = "rate"


REPORT_KEYS = {name: sk.widget_key(sk.REPORT_PREFIX, name) for name in (*CONTENT_FIELDS, *SENDER_FIELDS)}
EDIT_KEYS = {name: sk.widget_key(sk.EDIT_PREFIX, name) for name in (*CONTENT_FIELDS, f.REASON)}


@dataclass(frozen=True)
class Choices:
    """Options of the form's pickers, each code mapped to the Italian text shown for it."""

    comuni: dict[str, str]
    strategies: dict[str, str]
    categories: dict[str, str]


def build_choices(comuni_df: pd.DataFrame, strategies_df: pd.DataFrame,
                  categories_df: pd.DataFrame) -> Choices:
    """Comuni by name ('Lanzo Torinese (zona 7)'), strategies and categories by code, in display order."""
    comuni = comuni_df.sort_values(s.NAME)
    return Choices(
        comuni={n: f"{n} (zona {z})" for n, z in zip(comuni[s.NAME], comuni[s.ZONE_ID], strict=True)},
        strategies={c: f"{c} – {t}"
                    for c, t in zip(strategies_df[s.STRATEGY], strategies_df[s.STRATEGY_TITLE], strict=True)},
        categories={"": "—", **dict(zip(categories_df[s.CATEGORY], categories_df[s.CATEGORY_LABEL], strict=True))})


def label_of(labels: Mapping[str, str]) -> Callable[[str], str]:
    """A choice widget's format_func: each option's label, and None (from dict.get) for a value not offered,
    such as an unknown comune named in a stored report, which Streamlit then leaves out of the widget."""
    return labels.get  # type: ignore[return-value]  # None for a value not offered, on purpose (see above)


def find_project(params: Mapping[str, str | list[str]], projects_df: pd.DataFrame) -> pd.Series | None:
    """The registry row named by `progetto=` in the URL, if it names one."""
    project_id = parse_project(params, set(projects_df[s.PROJECT_ID]))
    if project_id is None:
        return None
    return projects_df[projects_df[s.PROJECT_ID] == project_id].iloc[0]


def parse_project(params: Mapping[str, str | list[str]], known_ids: Collection) -> str | None:
    """`progetto=P012` → 'P012' when it is a registry id; anything else → None."""
    return p.parse_choice(params, p.PROJECT, known_ids, upper=True)


def content_from_project(row: Mapping) -> f.Content:
    """A registry row (as loaded) as report content, to pre-fill a correction."""
    return f.Content(title=row[s.TITLE], description=row[s.DESCRIPTION],
                     zones=tuple(int(z) for z in split_list(row[s.ZONES])),
                     comuni=tuple(split_list(row[s.COMUNI])), strategies=tuple(split_list(row[s.STRATEGIES])),
                     promoter=row[s.PROMOTER], category=row[s.CATEGORY])


def content_state(content: f.Content, prefix: str) -> dict[str, object]:
    """Widget values showing `content` in a form whose keys start with `prefix`."""
    values = {f.ZONES: list(content.zones), f.COMUNI: list(content.comuni), f.TITLE: content.title,
              f.STRATEGIES: list(content.strategies), f.DESCRIPTION: content.description,
              f.PROMOTER: content.promoter, f.CATEGORY: content.category}
    return {sk.widget_key(prefix, name): value for name, value in values.items()}


def content_from_state(state: Mapping, prefix: str) -> f.Content:
    """The content a form currently shows, cleaned."""
    def text(name: str) -> str:
        return str(state.get(sk.widget_key(prefix, name)) or "")

    def listed(name: str) -> tuple:  # the widget's values as they are: clean_content converts them
        return tuple(state.get(sk.widget_key(prefix, name)) or ())
    return f.clean_content(f.Content(
        title=text(f.TITLE), description=text(f.DESCRIPTION), zones=listed(f.ZONES), comuni=listed(f.COMUNI),
        strategies=listed(f.STRATEGIES), promoter=text(f.PROMOTER), category=text(f.CATEGORY)))


def draft_from_state(state: Mapping) -> f.Draft:
    """The report the form currently shows, as it would be sent."""
    sender = f.Sender(*(str(state.get(sk.widget_key(sk.REPORT_PREFIX, n)) or "") for n in SENDER_FIELDS))
    return f.clean_draft(f.Draft(content_from_state(state, sk.REPORT_PREFIX), sender, state.get(sk.TARGET_KEY)))


def prepare_report_state(state: MutableMapping, project: Mapping | None, zone: int | None,
                         title: str = "") -> None:
    """Fill the form when it is opened for a project, a zone or a title searched in vain, and empty it after a
    report is sent.

    Otherwise leave it alone, so that what the user typed survives reruns and errors. The sender's details
    are kept across reports.
    """
    source = f"project:{project[s.PROJECT_ID]}" if project is not None else f"zone:{zone or ''}:{title}"
    # Streamlit drops the values of widgets that were not drawn (the user went to another page): refill then.
    still_shown = sk.widget_key(sk.REPORT_PREFIX, f.TITLE) in state
    if state.get(sk.PREFILLED_FROM_KEY) == source and still_shown and not state.get(sk.RESET_KEY):
        return
    content = content_from_project(project) if project is not None else \
        f.Content(title, "", zones=(zone,) if zone else ())
    state.update(content_state(content, sk.REPORT_PREFIX))
    for name in SENDER_FIELDS:
        state.setdefault(sk.widget_key(sk.REPORT_PREFIX, name), "")
    state[sk.TARGET_KEY] = project[s.PROJECT_ID] if project is not None else None
    state[sk.PREFILLED_FROM_KEY] = source
    state[sk.RESET_KEY] = False
    # A registry text longer than a field allows is shown whole, never cut: the user is told to shorten it.
    state[sk.PROBLEMS_KEY] = [p for p in f.shape_problems(content) if p.code == f.PROBLEM_TOO_LONG]
    state[sk.NOTICE_KEY] = None
    # A new receipt per filled-in form: sending the same form twice stores it once.
    state[sk.RECEIPT_KEY] = f.new_receipt()


@dataclass(frozen=True)
class SubmitOutcome:
    """What happened to a report: stored (receipt), refused (problems) or held back (retry_after_s)."""

    receipt: str | None = None
    problems: tuple[f.Problem, ...] = ()
    retry_after_s: float = 0.0


def submit_report(state: MutableMapping, store: SubmissionStore, refs: References,
                  project_ids: Collection[str], client: str, now: float) -> SubmitOutcome:
    """Validate, rate-limit (per client address and overall) and store the report in the form.

    StorageUnavailableError passes through; the form's state is untouched unless the report is stored.
    """
    draft = draft_from_state(state)
    problems = f.validate_draft(draft, refs, frozenset(project_ids))
    if problems:
        return SubmitOutcome(problems=tuple(problems))
    if store.find_receipt(state[sk.RECEIPT_KEY]) is None:  # a resent form is stored once, never counted twice
        decision = limits.check_and_record(store, limits.REPORT, client, now)
        if not decision.allowed:
            return SubmitOutcome(retry_after_s=decision.retry_after_s)
    stored = store.add(draft, state[sk.RECEIPT_KEY])
    state[sk.LAST_RECEIPT_KEY] = stored.receipt
    state[sk.RESET_KEY] = True
    return SubmitOutcome(receipt=stored.receipt)


def send_report(state: MutableMapping, store: SubmissionStore, refs: References,
                project_ids: Collection[str], client: str, now: float) -> None:
    """The "Invia" button (run before the page is drawn): store the report, or leave in the state what
    stopped it, so the page can show each problem beside its field. What was typed is never cleared."""
    state[sk.PROBLEMS_KEY] = []
    state[sk.NOTICE_KEY] = None
    try:
        outcome = submit_report(state, store, refs, project_ids, client, now)
    except StorageUnavailableError:
        state[sk.NOTICE_KEY] = (NOTICE_STORAGE, 0.0)
        return
    state[sk.PROBLEMS_KEY] = list(outcome.problems)
    if outcome.retry_after_s:
        state[sk.NOTICE_KEY] = (NOTICE_RATE, outcome.retry_after_s)


def start_new_report(state: MutableMapping) -> None:
    """Leave the confirmation of the report just sent and show an empty form (sender details kept)."""
    state.pop(sk.LAST_RECEIPT_KEY, None)


def problems_for(state: Mapping, name: str) -> list[f.Problem]:
    """The problems to show under one field."""
    return [p for p in state.get(sk.PROBLEMS_KEY) or [] if p.field == name]


def track_receipt(state: MutableMapping, store: SubmissionStore, client: str, now: float) -> None:
    """The "Controlla" button: look up the receipt typed and leave the answer for the page to show."""
    try:
        state[sk.TRACK_RESULT_KEY] = tracking.look_up_receipt(store, state.get(sk.TRACK_RECEIPT_KEY) or "", client, now)
    except StorageUnavailableError:
        state[sk.TRACK_RESULT_KEY] = NOTICE_STORAGE
