"""Tavolo: a facilitator sends the table's priorities (session 1) and contributions (session 2) from a phone."""
import time

import streamlit as st

from lib import loaders
from lib.event import facilitator as fac
from lib.event import keys as k
from lib.event import labels as lb
from lib.event import model as m
from lib.event import saving as sv
from lib.loaders import event as live
from lib.safe_text import escape_markdown
from lib.submissions.store import StorageUnavailableError
from lib.views import params as p
from lib.views.frames import comuni_of_zone

loaders.through_entrypoint()

store = live.get_event_store()
st.title(lb.FACILITATOR_TITLE)


def show_unsaved() -> None:
    """What is typed and not saved, as text to copy (a save waiting, or the user's side of a conflict)."""
    if saves := sv.unsaved(st.session_state):
        st.write(lb.UNSAVED_TITLE)
        for save in saves:
            st.code(lb.save_text(save), language=None, wrap_lines=True)


@st.fragment(run_every=2.0)
def retry_waiting() -> None:
    """Send the saves the database did not take, by itself; redraw the page once they are in."""
    if sv.retry(st.session_state, store, time.time()):
        st.rerun(scope="app")


if k.TABLE not in st.session_state:
    if reason := st.session_state.get(k.ENDED):
        st.warning(lb.ENDED[reason])
        show_unsaved()
    # The code of a QR card's link is read once, on the session's first run; the page script takes it out of
    # the address bar and the history (lib/views/chrome.py); nginx never logs query strings (deploy/).
    from_link = k.CODE_INPUT not in st.session_state and p.parse_text(st.query_params.to_dict(), p.CODE, limit=20)
    with st.form(k.LOGIN_FORM):
        st.text_input(lb.CODE_LABEL, key=k.CODE_INPUT, value=from_link or "", help=lb.CODE_HELP)
        st.text_input(lb.AUTHOR_LABEL, key=k.AUTHOR_INPUT, help=lb.limit_help("author"))
        opened = st.form_submit_button("Apri il tavolo", type="primary")
    if opened or from_link or st.session_state.get(k.OPEN_RETRY):
        try:
            problem = fac.open_table(st.session_state, store, st.session_state[k.CODE_INPUT],
                                     loaders.client_address(), time.time())
        except StorageUnavailableError:
            st.session_state[k.OPEN_RETRY] = True
            st.warning(lb.OPEN_PAUSED)
            loaders.rerun_later(3.0)
            st.stop()
        st.session_state.pop(k.OPEN_RETRY, None)
        if problem is None:
            st.rerun()
        st.error(problem)
    st.stop()

access = st.session_state[k.TABLE]
state, read_at = live.load_table_state(st.session_state, access.event_id)
if state is None:  # the database has not answered since the table was opened
    st.warning(lb.OPEN_PAUSED)
    loaders.rerun_later(3.0)
    st.stop()
event, items = state.event, {item.code: item for item in state.event.spec.items}
if read_at is None:
    fac.fill_from(st.session_state, state, access.zone_id)
st.header(lb.table_title(access.zone_id))
venue = next(t.venue for t in event.spec.tables if t.zone_id == access.zone_id)
st.caption(f"{escape_markdown(event.spec.name)} · {event.spec.day:%d/%m/%Y} · sede: {escape_markdown(venue)}")
# One container always in the same place: notices and conflicts come and go without moving the tabs below,
# which would send the phone back to the first tab.
with st.container(key=k.NOTICES):
    if read_at is not None:
        st.warning(lb.READ_PAUSED.format(time=read_at))
    st.caption(escape_markdown(st.session_state.get(k.SAVED_NOTICE, "")))
    for target, conflict in list(sv.conflicts(st.session_state).items()):
        st.markdown(f"**{lb.CONFLICT_TITLE}** · {escape_markdown(lb.conflict_heading(conflict))}")
        st.caption(f"{lb.CONFLICT_MINE}: {escape_markdown(lb.save_text(conflict.save))}")
        st.caption(f"{lb.CONFLICT_THEIRS}: {escape_markdown(lb.current_text(conflict.current))}")
        for choice, label in lb.conflict_choices(conflict).items():
            st.button(label, key=k.RESOLVE.format(target=target, choice=choice), on_click=sv.resolve,
                      args=(st.session_state, store, target, choice, event.spec.max_priorities, time.time()))
    if sv.pending(st.session_state):
        retry_waiting()

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
    ranking = state.priorities.get(access.zone_id, [])
    if not ranking:
        st.info(lb.NO_PRIORITY_YET)
    comuni = comuni_of_zone(loaders.load_comuni(), access.zone_id)
    for priority in ranking:
        label = escape_markdown(items[priority.item].label)
        st.markdown(f"**{priority.rank}. {escape_markdown(priority.item)}** – {label}")
        for c in fac.contributions_of(state, access.zone_id, priority.item):
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
