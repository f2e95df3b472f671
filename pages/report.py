"""Segnala: a zone representative reports a missing project, or a correction to one (?progetto=P012)."""
import time

import streamlit as st

from lib import data
from lib import labels as app_labels
from lib import schema as s
from lib.submissions import fields as f
from lib.submissions import form
from lib.submissions import labels as lb
from lib.submissions.store import StorageUnavailableError
from lib.url_state import parse_zone

projects = data.load_projects()
choices = form.build_choices(data.load_comuni(), data.load_strategies(), data.load_categories())
refs = data.load_references()
form.prepare_report_state(st.session_state, form.find_project(st.query_params, projects),
                          parse_zone(st.query_params))
K = form.REPORT_KEYS

st.title(lb.REPORT_TITLE)
st.write(lb.REPORT_INTRO)
if st.session_state[form.TARGET_KEY]:
    st.info(lb.CORRECTION_INTRO.format(project_id=st.session_state[form.TARGET_KEY]))
if receipt := st.session_state.pop(form.LAST_RECEIPT_KEY, None):
    st.success(lb.RECEIPT.format(receipt=receipt))

with st.form("report_form", clear_on_submit=False):
    st.multiselect(lb.form_label(f.ZONES), options=list(s.ZONE_NUMBERS), format_func=app_labels.zone_label,
                   key=K[f.ZONES])
    st.multiselect(lb.form_label(f.COMUNI), options=list(choices.comuni), format_func=choices.comuni.get,
                   max_selections=f.LIST_LIMITS[f.COMUNI], key=K[f.COMUNI])
    st.text_input(lb.form_label(f.TITLE), max_chars=f.TEXT_LIMITS[f.TITLE], key=K[f.TITLE])
    st.multiselect(lb.form_label(f.STRATEGIES), options=list(choices.strategies),
                   format_func=choices.strategies.get, max_selections=f.LIST_LIMITS[f.STRATEGIES],
                   key=K[f.STRATEGIES])
    st.text_area(lb.form_label(f.DESCRIPTION), max_chars=f.TEXT_LIMITS[f.DESCRIPTION], key=K[f.DESCRIPTION])
    st.text_input(lb.form_label(f.PROMOTER), max_chars=f.TEXT_LIMITS[f.PROMOTER], key=K[f.PROMOTER])
    st.caption(lb.SENDER_NOTE)
    st.text_input(lb.form_label(f.SENDER_NAME), max_chars=f.TEXT_LIMITS[f.SENDER_NAME], key=K[f.SENDER_NAME])
    st.text_input(lb.form_label(f.SENDER_EMAIL), max_chars=f.TEXT_LIMITS[f.SENDER_EMAIL],
                  key=K[f.SENDER_EMAIL])
    st.text_input(lb.form_label(f.SENDER_ROLE), max_chars=f.TEXT_LIMITS[f.SENDER_ROLE], key=K[f.SENDER_ROLE])
    submitted = st.form_submit_button(lb.SUBMIT, type="primary", key="report_submit")

if submitted:
    try:
        outcome = form.submit_report(st.session_state, data.get_submission_store(), refs,
                                     set(projects[s.PROJECT_ID]), time.time())
    except StorageUnavailableError:
        st.error(lb.STORAGE_ERROR)
    else:
        if outcome.receipt:
            st.rerun()
        for problem in outcome.problems:
            st.error(lb.problem_message(problem))
        if outcome.retry_after_s:
            st.error(lb.RATE_LIMITED.format(minutes=lb.minutes_label(outcome.retry_after_s)))
