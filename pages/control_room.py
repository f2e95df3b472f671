"""Regia: create a co-planning day, print the tables' codes, watch what arrives, merge, tag, highlight, export."""
import time
from datetime import UTC, date, datetime

import streamlit as st

from lib import loaders
from lib.event import control_room, documents
from lib.event import keys as k
from lib.event import labels as lb
from lib.event import model as m
from lib.event import synthesis as syn
from lib.export import to_safe_csv
from lib.loaders import event as live
from lib.submissions import guessing
from lib.submissions import keys as sk
from lib.submissions import labels as sub_labels
from lib.submissions import moderation as mod
from lib.views import grids

loaders.through_entrypoint()

st.title(lb.REGIA_TITLE)
expected = mod.moderator_password(st.secrets)
if expected is None:
    st.info(sub_labels.MODERATION_DISABLED)
    st.stop()
if sk.MODERATOR_KEY not in st.session_state:
    with st.form(k.LOGIN_SUBMIT):
        name = st.text_input(sub_labels.FIELD_LABELS["actor"], key=k.LOGIN_NAME)
        password = st.text_input("Password", type="password", key=k.LOGIN_PASSWORD)
        if st.form_submit_button("Accedi"):
            if (problem := mod.log_in(st.session_state, loaders.get_submission_store(), password, name, expected,
                                      loaders.client_address(), time.time())) is None:
                st.rerun()
            st.error(problem)
    st.stop()
actor, store = st.session_state[sk.MODERATOR_KEY], live.get_event_store()
# Wrong codes and failed logins only slow the checks down (nobody is locked out): the regia is told.
if guessing_alert := lb.guessing_alert(guessing.guessing_report(store.store, time.time())):
    st.warning(guessing_alert)

with st.expander("Nuova giornata di co-pianificazione", expanded=not live.load_events()):
    kinds = {kind: label for kind, label in m.ITEM_KINDS.items() if kind != m.ITEMS_NEEDS or loaders.load_needs()}
    # What "Crea" made goes above the form: on a phone the button is at the bottom of the screen.
    outcome = st.container()
    with st.form(k.NEW_CREATE):
        st.text_input("Nome", key=k.NEW_NAME, help=lb.limit_help("name"))
        st.date_input("Giorno", key=k.NEW_DAY, value=date.today(), format="DD/MM/YYYY")
        st.radio("I tavoli scelgono tra", list(kinds), format_func=kinds.get, key=k.NEW_KIND_ITEMS)
        st.number_input("Priorità per tavolo (al massimo)", 1, m.MAX_PRIORITIES_LIMIT, 3, key=k.NEW_MAX)
        created = st.form_submit_button("Crea la giornata e i codici dei tavoli", type="primary")
    upload = st.file_uploader("Oppure da un file di descrizione (JSON, vedi il README)", type=["json"], key=k.NEW_FILE)
    if created or upload is not None:
        spec, problems = control_room.spec_to_create(st.session_state, upload.getvalue() if upload else None,
                                              live.items_by_kind(), loaders.load_needs(),
                                              loaders.load_catalogue().default)
        for problem in problems:
            outcome.error(problem)
        if spec is not None and (upload is None or st.button("Crea la giornata descritta nel file", key=k.NEW_FILE_OK)):
            event_id, codes = store.create(spec, actor)
            st.session_state[k.EVENT] = event_id
            live.load_events.clear()  # type: ignore[attr-defined]  # set beside load_events (lib/loaders/event.py)
            # Shown where the regia is looking, once: later only the cards PDF (or new codes) gives them.
            outcome.success(lb.CODES_ONCE)
            outcome.dataframe(control_room.codes_frame(codes, store.state(event_id).event), hide_index=True)
            st.session_state[k.CARDS_PDF] = live.cards_pdf(event_id, codes)

events = {e.event_id: e for e in store.events()}
if not events:
    st.stop()
event_id = st.selectbox("Giornata", list(events), key=k.EVENT,
                        format_func=lambda i: f"{events[i].spec.name} ({events[i].spec.day:%d/%m/%Y})")
event = events[event_id]
if (cards := st.session_state.get(k.CARDS_PDF)) and cards[0] == event_id:
    if cards[1] is None:
        st.warning(lb.CARDS_NEED_ADDRESS)
    else:
        st.download_button("Schede dei tavoli con QR code (PDF)", cards[1], file_name=f"codici_tavoli_{event_id}.pdf",
                           mime="application/pdf")


@st.fragment(run_every=lb.REGIA_REFRESH_S)
def live_view() -> None:
    """What the tables have sent, refreshed on its own."""
    state = live.load_event_state(event_id)
    st.header("Tavoli")
    st.dataframe(syn.progress(state), hide_index=True)
    st.header("Contributi (dopo le unioni)")
    contributions = syn.contributions_frame(state).drop(columns=["key"])
    if none := grids.empty_sentence(contributions, "Nessun contributo ancora: i tavoli non hanno inviato priorità."):
        st.info(none)
    else:
        st.dataframe(contributions, hide_index=True)


live_view()
state = live.load_event_state(event_id, fresh=True)
options = control_room.contribution_options(state)
st.header("Unisci, classifica per tema, porta in plenaria")
if st.session_state.get(k.PICK) not in ["", *options]:
    st.session_state[k.PICK] = ""
st.selectbox("Contributo", ["", *options], key=k.PICK, format_func=lambda c: options.get(c, "Scegli un contributo…"))
control_room.prepare_pick(st.session_state, state)
if st.session_state[k.PICK]:
    others = {c: label for c, label in options.items() if c != st.session_state[k.PICK]}
    st.selectbox("Duplicato di", ["", *others], key=k.MERGE_INTO, format_func=lambda c: others.get(c, "— nessuno —"))
    st.multiselect("Temi trasversali (scegli o scrivi un tema nuovo)",
                   control_room.theme_suggestions(state, st.session_state[k.THEMES], loaders.load_needs()),
                   key=k.THEMES,
                   accept_new_options=True)
    st.toggle("In plenaria", key=k.HIGHLIGHT)
    if st.button("Applica", key=k.APPLY, type="primary"):
        done = control_room.apply_acts(st.session_state, store, state, actor)
        st.session_state[k.APPLIED] = lb.applied_notice(done, datetime.now(UTC))
        st.rerun()
# The outcome stays on screen (a toast is easy to miss on a busy morning).
if notice := st.session_state.get(k.APPLIED):
    st.success(notice)

st.info(control_room.status_line(state))
with st.expander("Codici, chiusura della giornata e registro delle azioni"):
    zone = st.selectbox("Nuovo codice per il tavolo della zona", [t.zone_id for t in event.spec.tables],
                        key=k.CODE_ZONE)
    if st.button("Genera un nuovo codice (il precedente smette di funzionare)", key=k.CODE_NEW):
        code = store.new_code(event_id, zone, actor)
        st.info(f"Nuovo codice per la zona {zone}: {code} (mostrato solo adesso)")
        st.session_state[k.CARDS_PDF] = live.cards_pdf(event_id, {zone: code})
    st.date_input("Proroga i codici fino alla fine del giorno", key=k.EXTEND_DAY, value=event.spec.day,
                  format="DD/MM/YYYY")
    st.button("Proroga i codici", key=k.EXTEND, on_click=control_room.extend_codes,
              args=(st.session_state, store, state, actor))
    if state.closed:
        st.button("Riapri la giornata", key=k.REOPEN, on_click=store.act, args=(event_id, actor, m.ACT_REOPEN, "event"))
    else:
        st.checkbox("Confermo: chiudere la giornata (i codici smettono di funzionare)", key=k.CLOSE_CONFIRM)
        st.button("Chiudi la giornata", key=k.CLOSE, disabled=not st.session_state.get(k.CLOSE_CONFIRM),
                  on_click=store.act, args=(event_id, actor, m.ACT_CLOSE, "event"))
    audit = syn.audit_frame(state)
    if none := grids.empty_sentence(audit, "Nessuna azione registrata."):
        st.info(none)
    else:
        st.dataframe(audit, hide_index=True)
st.header("Esportazioni per il verbale")
uncovered = live.load_uncovered(event_id)
st.download_button("Sintesi: contributi (CSV)", to_safe_csv(syn.contributions_frame(state).drop(columns=["key"])),
                   file_name=f"sintesi_contributi_{event_id}.csv", mime="text/csv")
st.download_button("Sintesi: priorità dei tavoli (CSV)", to_safe_csv(syn.priorities_frame(state)),
                   file_name=f"sintesi_priorita_{event_id}.csv", mime="text/csv")
st.download_button("Sintesi per il verbale (PDF)", lambda: documents.minutes_pdf(state, uncovered, datetime.now(UTC)),
                   file_name=f"sintesi_{event_id}.pdf", mime="application/pdf", on_click="ignore")
