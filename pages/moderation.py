"""Moderazione: moderators approve, reject or edit reports, and export the approved ones for the registry."""
import time

import streamlit as st

from geo.territory import ZONE_IDS
from lib import loaders
from lib import schema as s
from lib.export import to_registry_csv
from lib.safe_text import escape_markdown
from lib.submissions import fields as f
from lib.submissions import form
from lib.submissions import keys as sk
from lib.submissions import labels as lb
from lib.submissions import moderation as mod
from lib.submissions import registry_rows as rr
from lib.submissions.releases import NOTE_MAX, ReleaseError
from lib.submissions.store import StatusConflictError, StorageUnavailableError
from lib.views import grids
from lib.views.labels import zone_label

loaders.through_entrypoint()

st.title(lb.MODERATION_TITLE)
expected = mod.moderator_password(st.secrets)
if expected is None:
    st.info(lb.MODERATION_DISABLED)
    st.stop()
store = loaders.get_submission_store()
if sk.MODERATOR_KEY not in st.session_state:
    with st.form("login_form"):
        name = st.text_input(lb.FIELD_LABELS[f.ACTOR], key=sk.LOGIN_NAME_KEY)
        password = st.text_input("Password", type="password", key=sk.LOGIN_PASSWORD_KEY)
        if st.form_submit_button("Accedi", key=sk.LOGIN_SUBMIT_KEY):
            try:
                problem = mod.log_in(st.session_state, store, password, name, expected, loaders.client_address(),
                                     time.time())
            except StorageUnavailableError:
                problem = lb.STORAGE_READ_ERROR
            if problem is None:
                st.rerun()
            st.error(problem)
    st.stop()

projects = loaders.load_registry_file()
registry_ids = set(projects[s.PROJECT_ID])
refs = loaders.load_references()
choices = form.build_choices(loaders.load_comuni(), loaders.load_plan().strategies, loaders.load_categories())
st.caption(f"Moderatore: {escape_markdown(st.session_state[sk.MODERATOR_KEY])}")
if done := st.session_state.get(sk.DONE_KEY):
    st.success(done)  # kept until the next action: a rerun in between must not wipe it

status = st.selectbox("Mostra", options=[*f.STATUSES, ""], key=sk.STATUS_FILTER_KEY,
                      format_func=lambda code: lb.STATUS_LABELS.get(code, "Tutte"))
try:
    submissions = store.list_submissions(status or None)
    approved = store.list_submissions(f.STATUS_APPROVED)
except StorageUnavailableError:
    st.error(lb.STORAGE_READ_ERROR)
    st.stop()
if not grids.empty_sentence(submissions, lb.NO_SUBMISSIONS):  # none: said once below, under the choice
    st.dataframe(mod.submissions_frame(submissions), hide_index=True)

by_id = {x.submission_id: x for x in submissions}
chosen = st.selectbox("Segnalazione", options=list(by_id), key=sk.SELECTED_KEY,
                      format_func=lambda i: mod.option_label(by_id[i]))
if chosen is None:
    st.info(lb.NO_SUBMISSIONS)
else:
    sub = by_id[chosen]
    mod.prepare_state(st.session_state, sub)
    st.dataframe(mod.content_frame(sub), hide_index=True)
    history = mod.history_frame(store.history(chosen))
    if none := grids.empty_sentence(history, "Nessuna modifica registrata."):
        st.info(none)
    else:
        st.dataframe(history, hide_index=True)
    action = None
    approve_col, reject_col = st.columns(2)
    if approve_col.button("Approva", type="primary", key=sk.APPROVE_KEY):
        action = f.ACTION_APPROVE
    reject_col.text_input(lb.FIELD_LABELS[f.REASON], help=lb.limit_help(f.REASON), key=sk.REJECT_REASON_KEY)
    if reject_col.button("Respingi", key=sk.REJECT_KEY):
        action = f.ACTION_REJECT
    with st.expander("Modifica"), st.form("edit_form", clear_on_submit=False):
        K = form.EDIT_KEYS
        st.multiselect(lb.FIELD_LABELS[f.ZONES], options=list(ZONE_IDS), key=K[f.ZONES], format_func=zone_label)
        st.multiselect(lb.FIELD_LABELS[f.COMUNI], options=list(choices.comuni), key=K[f.COMUNI],
                       format_func=form.label_of(choices.comuni))
        st.text_input(lb.FIELD_LABELS[f.TITLE], help=lb.limit_help(f.TITLE), key=K[f.TITLE])
        st.multiselect(lb.FIELD_LABELS[f.STRATEGIES], options=list(choices.strategies), key=K[f.STRATEGIES],
                       format_func=form.label_of(choices.strategies))
        st.selectbox(lb.FIELD_LABELS[f.CATEGORY], options=list(choices.categories), key=K[f.CATEGORY],
                     format_func=form.label_of(choices.categories))
        st.text_area(lb.FIELD_LABELS[f.DESCRIPTION], help=lb.limit_help(f.DESCRIPTION), key=K[f.DESCRIPTION])
        st.text_input(lb.FIELD_LABELS[f.PROMOTER], help=lb.limit_help(f.PROMOTER), key=K[f.PROMOTER])
        st.text_input(lb.FIELD_LABELS[f.REASON], help=lb.limit_help(f.REASON), key=K[f.REASON])
        if st.form_submit_button("Salva la modifica", key=sk.EDIT_KEY):
            action = f.ACTION_EDIT
    if action:
        try:
            problems: list[f.Problem] | None = mod.run_action(action, st.session_state, store, sub, refs, registry_ids)
        except StatusConflictError:
            problems = None
            st.warning(lb.CONFLICT)
        except StorageUnavailableError:
            problems = None
            st.error(lb.STORAGE_ERROR_MODERATION)
        if problems == []:
            loaders.refresh_submissions()
            st.rerun()
        for issue in problems or []:
            st.error(lb.problem_message(issue))

st.header("Pubblica una release del registro")
st.caption(lb.RELEASE_HELP)
with st.form("release_form"):
    st.text_input("Nota della release", max_chars=NOTE_MAX, key=sk.RELEASE_NOTE_KEY,
                  placeholder="Es.: correzioni della zona 6 approvate a dicembre")
    if st.form_submit_button("Pubblica la release", key=sk.RELEASE_SUBMIT_KEY):
        try:
            made = loaders.publish_release(st.session_state[sk.MODERATOR_KEY], st.session_state[sk.RELEASE_NOTE_KEY])
            st.session_state[sk.DONE_KEY] = lb.release_done(made.number, len(made.projects))
            st.rerun()
        except ReleaseError as refused:
            st.warning(str(refused))
        except StorageUnavailableError:
            st.error(lb.STORAGE_ERROR_MODERATION)

st.header("Esportazione per data/projects.csv")
reported_df, issues = rr.build_reported_rows(approved, refs, registry_ids)
exports = rr.export_frames(reported_df, registry_ids)
st.caption(lb.EXPORT_HELP)
new_col, fix_col = st.columns(2)
new_col.download_button(f"Nuovi progetti ({len(exports[rr.EXPORT_NEW])})",
                        to_registry_csv(exports[rr.EXPORT_NEW]), file_name="segnalazioni_nuove.csv",
                        mime="text/csv", key=sk.EXPORT_NEW_KEY)
fix_col.download_button(f"Correzioni ({len(exports[rr.EXPORT_CORRECTIONS])})",
                        to_registry_csv(exports[rr.EXPORT_CORRECTIONS]), file_name="segnalazioni_correzioni.csv",
                        mime="text/csv", key=sk.EXPORT_CORRECTIONS_KEY)
if issues:
    st.warning(lb.EXPORT_ISSUES)
    st.text("\n".join(str(issue) for issue in issues))
