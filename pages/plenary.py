"""Plenaria: the co-planning day's synthesis as it arrives, for the room's screen and those following online."""
import time

import streamlit as st

from lib import loaders
from lib.event import keys as k
from lib.event import labels as lb
from lib.event import plenary
from lib.loaders import event as live
from lib.views import params as p
from lib.views import slides

loaders.through_entrypoint()

events = {e.event_id: e for e in live.load_events()}
if not events:
    st.html(slides.PRESENTATION_CSS)
    st.title(lb.PLENARY_TITLE)
    st.info(lb.NO_EVENT)
    st.stop()
st.session_state.setdefault(k.PLENARY_EVENT, p.parse_int(st.query_params.to_dict(), p.EVENT, events) or max(events))
event = events[st.session_state[k.PLENARY_EVENT]]
# A part of the synthesis pinned by the link (?parte=2), else the three in turn.
pinned = p.parse_int(st.query_params.to_dict(), p.PART, range(1, plenary.N_PARTS + 1))
query = {p.EVENT.name: str(event.event_id), **({p.PART.name: str(pinned)} if pinned else {})}
if st.query_params.to_dict() != query:
    st.query_params.from_dict(query)
# One element for the style and the heading: every message counts when a room of screens opens at once.
st.html(f'{slides.PRESENTATION_CSS}{plenary.ROW_CSS}<div class="psm-slide-head">'
        f'<p class="psm-slide-title">{slides.escape(event.spec.name)}</p>'
        f'<p class="psm-slide-sub">Plenaria · le priorità dei tavoli e la sintesi della regia, in diretta</p></div>')


# The map document is sent with the page; the fragment's reruns send only its colours and labels (the frame
# keeps the document it has), so a room of screens refreshing costs the server little.
st.session_state[k.PLENARY_FULL_RUN] = True


@st.fragment(run_every=lb.PLENARY_REFRESH_S)
def live_synthesis() -> None:
    """Redrawn every few seconds; built once per process and state version."""
    map_html, overlay, legend, synthesis, stale = live.load_plenary(event.event_id, loaders.map_assets_key())
    if stale is not None:
        synthesis = lb.plenary_stale(stale) + synthesis
    full_run, st.session_state[k.PLENARY_FULL_RUN] = st.session_state[k.PLENARY_FULL_RUN], False
    # One horizontal container rather than columns: fewer elements for every screen on every refresh.
    with st.container(horizontal=True, key=k.PLENARY_ROW):
        loaders.map_frame_component()(html=map_html if full_run else "", overlay=overlay, height=480,
                                   title="Mappa della presentazione", key=k.PLENARY_MAP, default=None)
        st.html(plenary.part_css(plenary.part_shown(pinned, time.time())) + legend + synthesis)


live_synthesis()
