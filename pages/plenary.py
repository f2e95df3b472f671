"""Plenaria: the co-planning day's synthesis as it arrives, for the room's screen and those following online."""
import time

import streamlit as st

from lib import loaders
from lib.event import keys as k
from lib.event import labels as lb
from lib.event import plenary
from lib.loaders import event as live
from lib.loaders import live_file
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

# The page runs once. From then on the map frame fetches the event's live file every few seconds (served from
# disk by nginx, lib/loaders/live_file.py), recolours the map and refills the synthesis box beside it, and
# turns its parts: a room of screens costs the server one database read per interval, not a run per screen.
live_file.PUBLISHER.watch(event.event_id)
map_src, map_html, views, stale = live.load_plenary(event.event_id, loaders.map_assets_key())
key = plenary.live_key(views.version, stale)
# One horizontal container rather than columns: fewer elements for every screen.
with st.container(horizontal=True, key=k.PLENARY_ROW):
    loaders.map_frame_component()(
        src=map_src, html=map_html, overlay=views.overlay, height=480,
        title="Mappa della presentazione", key=k.PLENARY_MAP,
        live={"url": live_file.live_path() + live_file.file_name(event.event_id), "every_s": live_file.LIVE_POLL_S,
              "box": plenary.LIVE_BOX, "key": key, "parts": plenary.N_PARTS,
              "part_s": 0 if pinned else plenary.PART_S},
        default=None)
    st.html(plenary.live_box(key, plenary.live_inner(views.legend, views.synthesis, stale),
                             plenary.part_shown(pinned, time.time())))
