"""Presentation mode: overview, each axis, each venue group, the gaps, the needs; large type, no chrome."""
import streamlit as st

from geo.maps import SLIDE_KEYS
from lib import loaders
from lib.views import charts, slides
from lib.views import labels as lb
from lib.views import params as p
from lib.views import state as k
from lib.views.presentation import presentation_steps

loaders.through_entrypoint()

st.html(slides.PRESENTATION_CSS)
steps = presentation_steps(loaders.load_plan(), with_needs=loaders.load_needs() is not None)
url_step = p.clamp_step(st.query_params.to_dict(), len(steps))
written = st.session_state.get(k.PRESENTATION_WRITTEN)
if k.PRESENTATION_STEP not in st.session_state or (written is not None and url_step != written):
    st.session_state[k.PRESENTATION_STEP] = url_step  # a shared link, Back or Forward chose the slide


def move(delta: int) -> None:
    st.session_state[k.PRESENTATION_STEP] = min(max(st.session_state[k.PRESENTATION_STEP] + delta, 1), len(steps))


def key_on_map() -> None:
    """Arrow keys pressed while the map has the focus still change slide."""
    pressed = (st.session_state[k.PRESENTATION_MAP_KEY] or {}).get("key", "")
    move(SLIDE_KEYS.get(pressed, 0))


number = st.session_state[k.PRESENTATION_STEP]
if st.query_params.get(p.STEP.name) != str(number):
    st.query_params.from_dict({p.STEP.name: str(number)})
st.session_state[k.PRESENTATION_WRITTEN] = number
slide = loaders.load_slide(steps[number - 1])


def flip_qr() -> None:
    st.session_state[k.PRESENTATION_QR] = not st.session_state.get(k.PRESENTATION_QR, False)


qr = st.session_state.get(k.PRESENTATION_QR, False)
nav = st.columns([1.2, 1.2, 4.2, 1.6, 0.8], vertical_alignment="center")
nav[0].button("◀ Indietro", key=k.PRESENTATION_PREV, on_click=move, args=(-1,), shortcut="ArrowLeft",
              disabled=number == 1)
nav[1].button("Avanti ▶", key=k.PRESENTATION_NEXT, on_click=move, args=(1,), shortcut="ArrowRight",
              disabled=number == len(steps), type="primary")
# No tooltip: it stayed open over the slide, in small print, under the mouse that had just clicked.
nav[3].button("Nascondi QR" if qr else "Codice QR", key=k.PRESENTATION_QR_BUTTON, on_click=flip_qr)
nav[4].page_link("pages/home_map.py", label="Esci")
st.html(slides.slide_header_html(slide, f"{number} / {len(steps)}"))
visual = slide.request is not None or slide.chart
left, right = st.columns([1.6, 1]) if visual else (None, st.container())
legend = loaders.load_map_legend(slide.request) if slide.request is not None else None
if slide.request is not None:
    assert left is not None and legend is not None  # a map is visual and has a legend (tells the type checker)
    with left:
        loaders.map_frame_component()(html=loaders.load_map_html(slide.request, presenting=True), height=480,
                                   title="Mappa della presentazione", key=k.PRESENTATION_MAP_KEY,
                                   on_change=key_on_map, default=None)
        st.html(slides.legend_html(legend, with_note=False))
elif slide.chart:
    assert left is not None  # a chart is visual (tells the type checker)
    left.plotly_chart(charts.projected(loaders.load_needs_chart()), **charts.SHOW)
with right:
    qr_url = slides.view_url(st.context.url, {p.STEP.name: str(number)}) if qr and st.context.url is not None else None
    st.html(slides.slide_body_html(slide, qr_url))
st.html(slides.footer_html(f"Frecce ← → della tastiera per cambiare vista · {number} / {len(steps)}",
                           legend["note"] if legend else "", lb.ATTRIBUTION))
