"""Tavolo: a facilitator sends the table's priorities (session 1) and contributions (session 2) from a phone."""
import time

import streamlit as st

from lib import data
from lib.data import event as live
from lib.event import facilitator as fac
from lib.event import keys as k
from lib.event import labels as lb
from lib.event import model as m
from lib.safe_text import escape_markdown
from lib.views import params as p
from lib.views.frames import comuni_of_zone

data.through_entrypoint()

store = live.get_event_store()
st.title(lb.FACILITATOR_TITLE)
if k.TABLE not in st.session_state:
    from_link = k.CODE_INPUT not in st.session_state and p.parse_text(st.query_params.to_dict(), p.CODE, limit=20)
    with st.form(k.LOGIN_FORM):
        st.text_input(lb.CODE_LABEL, key=k.CODE_INPUT, value=from_link or "", help=lb.CODE_HELP)
        opened = st.form_submit_button("Apri il tavolo", type="primary")
    if opened or from_link:  # a typed code once per press; a QR code's link once when it is opened
        problem = fac.open_table(st.session_state, store, st.session_state[k.CODE_INPUT], data.client_address(),
                                 time.time())
        if problem is None:
            st.rerun()
        st.error(problem)
    st.stop()

event_id, zone_id = st.session_state[k.TABLE]
state = live.load_event_state(event_id, fresh=True)
event, items = state.event, {item.code: item for item in state.event.spec.items}
fac.fill_from(st.session_state, state, zone_id)
st.subheader(lb.table_title(zone_id))
venue = next(t.venue for t in event.spec.tables if t.zone_id == zone_id)
st.caption(f"{escape_markdown(event.spec.name)} · {event.spec.day:%d/%m/%Y} · sede: {escape_markdown(venue)}")
if notice := st.session_state.get(k.SAVED_NOTICE):
    st.caption(notice)

one, two = st.tabs([lb.SESSION1, lb.SESSION2])
with one:
    st.write(lb.SESSION1_HELP.format(n=event.spec.max_priorities))
    for rank in range(1, event.spec.max_priorities + 1):
        st.selectbox(lb.RANK_LABEL.format(rank=rank), ["", *items], key=k.RANK_ITEM.format(rank=rank),
                     format_func=lambda c: f"{c} – {items[c].label}" if c else lb.EMPTY_CHOICE,
                     on_change=fac.save_ranking, args=(st.session_state, store, event))
        st.text_input(lb.REASON_LABEL, key=k.RANK_REASON.format(rank=rank), help=lb.limit_help("reason"),
                      on_change=fac.save_ranking, args=(st.session_state, store, event))
with two:
    st.write(lb.SESSION2_HELP)
    ranking = state.priorities.get(zone_id, [])
    if not ranking:
        st.info(lb.NO_PRIORITY_YET)
    comuni = comuni_of_zone(data.load_comuni(), zone_id)
    for priority in ranking:
        st.markdown(f"**{priority.rank}. {escape_markdown(priority.item)}** – {escape_markdown(items[priority.item].label)}")
        for c in (c for c in state.contributions if c.zone_id == zone_id and c.item == priority.item and not c.deleted):
            text, delete = st.columns([5, 1], vertical_alignment="bottom")
            text.text_input(lb.kind_label(c.kind), key=k.EDIT_TEXT.format(key=c.key), help=lb.limit_help("text"),
                            on_change=fac.edit_contribution, args=(st.session_state, store, c))
            delete.button(lb.DELETE, key=k.DELETE.format(key=c.key), on_click=fac.delete_contribution,
                          args=(st.session_state, store, c))
        kind = st.selectbox("Tipo", list(m.CONTRIBUTION_KINDS), format_func=lb.kind_label,
                            key=f"{k.NEW_KIND}_{priority.item}")
        st.multiselect(lb.COMUNI_LABEL, comuni, key=f"{k.NEW_COMUNI}_{priority.item}", max_selections=m.MAX_COMUNI)
        st.text_input(lb.NEW_TEXT_LABEL.format(kind=lb.kind_label(kind).lower()), key=f"{k.NEW_TEXT}_{priority.item}",
                      help=lb.limit_help("text"), on_change=fac.add_contribution,
                      args=(st.session_state, store, priority.item))
