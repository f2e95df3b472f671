"""Segnala: a zone representative reports a missing project, or a correction to one (?progetto=P012)."""
import time

import streamlit as st

from geo.territory import ZONE_IDS
from lib import loaders
from lib import schema as s
from lib.submissions import fields as f
from lib.submissions import form
from lib.submissions import keys as sk
from lib.submissions import labels as lb
from lib.views import params as p
from lib.views.labels import zone_label

loaders.through_entrypoint()

projects = loaders.load_projects()
choices = loaders.load_report_choices()
query = st.query_params.to_dict()
form.prepare_report_state(st.session_state, form.find_project(query, projects), p.parse_int(query, p.ZONE, ZONE_IDS),
                          p.parse_text(query, p.SEARCH))
K = form.REPORT_KEYS

st.title(lb.REPORT_TITLE)


def look_up() -> None:
    form.track_receipt(st.session_state, loaders.get_submission_store(), loaders.client_address(), time.time())


# Where a report went: that receipt's state only (lib/submissions/tracking.py), for a returning sender.
answer = st.session_state.get(sk.TRACK_RESULT_KEY)
with st.expander(lb.TRACK_TITLE, expanded=answer is not None):
    # Not an st.form: the report form below is the page's only form.
    st.text_input(lb.TRACK_FIELD, key=sk.TRACK_RECEIPT_KEY, max_chars=40)
    st.button(lb.TRACK_SUBMIT, key=sk.TRACK_SUBMIT_KEY, on_click=look_up)
    if answer == form.NOTICE_STORAGE:
        st.error(lb.STORAGE_READ_ERROR)
    elif answer is not None:
        level, text = lb.track_notice(answer)
        getattr(st, level)(text)

if receipt := st.session_state.get(sk.LAST_RECEIPT_KEY):
    # In place of the form, so the confirmation is where the user's eyes are after pressing "Invia".
    st.success(lb.RECEIPT.format(receipt=receipt))
    st.write(lb.RECEIPT_NEXT)
    st.button(lb.NEW_REPORT, key=sk.NEW_REPORT_KEY, on_click=form.start_new_report, args=(st.session_state,))
    st.stop()

st.write(lb.REPORT_INTRO)
if st.session_state[sk.TARGET_KEY]:
    st.info(lb.CORRECTION_INTRO.format(project_id=st.session_state[sk.TARGET_KEY]))


def problems(name: str) -> None:
    """What is wrong with one field, right under it."""
    for problem in form.problems_for(st.session_state, name):
        st.error(lb.problem_message(problem))


def send() -> None:
    form.send_report(st.session_state, loaders.get_submission_store(), loaders.load_references(),
                     set(projects[s.PROJECT_ID]), loaders.client_address(), time.time())


# No max_chars: a browser cuts a pasted text at the limit and then the field looks empty; the limit is in
# each field's help and a longer text is refused with its length, never cut.
with st.form("report_form", clear_on_submit=False):
    st.multiselect(lb.form_label(f.ZONES), options=list(ZONE_IDS), format_func=zone_label,
                   key=K[f.ZONES])
    problems(f.ZONES)
    st.multiselect(lb.form_label(f.COMUNI), options=list(choices.comuni), format_func=form.label_of(choices.comuni),
                   max_selections=f.LIST_LIMITS[f.COMUNI], key=K[f.COMUNI])
    problems(f.COMUNI)
    for name in (f.TITLE, f.STRATEGIES, f.DESCRIPTION, f.PROMOTER):
        if name == f.STRATEGIES:
            st.multiselect(lb.form_label(f.STRATEGIES), options=list(choices.strategies),
                           format_func=form.label_of(choices.strategies), max_selections=f.LIST_LIMITS[f.STRATEGIES],
                           key=K[f.STRATEGIES])
        elif name == f.DESCRIPTION:
            st.text_area(lb.form_label(name), help=lb.limit_help(name), key=K[name])
        else:
            st.text_input(lb.form_label(name), help=lb.limit_help(name), key=K[name])
        problems(name)
    st.caption(lb.SENDER_NOTE)
    for name in (f.SENDER_NAME, f.SENDER_EMAIL, f.SENDER_ROLE):
        st.text_input(lb.form_label(name), help=lb.limit_help(name), key=K[name])
        problems(name)
    problems(f.PROJECT_ID)
    notice = st.session_state.get(sk.NOTICE_KEY)
    if notice and notice[0] == form.NOTICE_STORAGE:
        st.error(lb.STORAGE_ERROR)
    elif notice:
        st.error(lb.RATE_LIMITED.format(minutes=lb.minutes_label(notice[1])))
    elif st.session_state.get(sk.PROBLEMS_KEY):
        st.error(lb.fix_fields(st.session_state[sk.PROBLEMS_KEY]))
    st.form_submit_button(lb.SUBMIT, type="primary", key=sk.SUBMIT_KEY, on_click=send)
