"""Presentation mode: one view per step (overview, each axis, each table, gaps), large type, no chrome."""
import html

import streamlit as st

from lib import data
from lib.presentation import build_slide
from lib.url_state import PRESENTATION_STEPS, parse_step

st.html("""<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header[data-testid="stHeader"],
[data-testid="stToolbar"], footer { display: none !important; }
.block-container { padding-top: 1rem !important; padding-bottom: 0 !important; max-width: 100% !important; }
html { font-size: 20px; }
[data-testid="stMetricValue"] { font-size: 2.4rem !important; }
.psm-slide-title { font-size: 2.1rem; font-weight: 700; margin: 0; line-height: 1.15; }
.psm-slide-sub { font-size: 1.2rem; color: #444; margin: .2rem 0 .6rem 0; }
</style>""")

n_steps = len(PRESENTATION_STEPS)
st.session_state.setdefault("presentation_step", parse_step(st.query_params.to_dict()))


def move(delta: int) -> None:
    st.session_state.presentation_step = min(max(st.session_state.presentation_step + delta, 1), n_steps)


step_number = st.session_state.presentation_step
if st.query_params.get("passo") != str(step_number):
    st.query_params.from_dict({"passo": str(step_number)})
step = PRESENTATION_STEPS[step_number - 1]
axis = step.value if step.kind == "axis" else None
slide = build_slide(step, data.load_coverage_tables(), data.load_zone_summary(axis), data.load_table_summary(),
                    data.load_strategies(), data.load_no_action(), data.load_project_count())

nav = st.columns([1.5, 1.5, 5.4, 1.2])
nav[0].button("◀ Indietro", key="presentation_prev", on_click=move, args=(-1,), shortcut="ArrowLeft",
              disabled=step_number == 1)
nav[1].button("Avanti ▶", key="presentation_next", on_click=move, args=(1,), shortcut="ArrowRight",
              disabled=step_number == n_steps, type="primary")
nav[2].markdown(f"**{step_number} / {n_steps}** · frecce ← → della tastiera per cambiare vista")
nav[3].page_link("pages/coverage_map.py", label="Esci", icon="✖️")

st.html(f'<p class="psm-slide-title">{html.escape(slide.title)}</p>'
        f'<p class="psm-slide-sub">{html.escape(slide.subtitle)}</p>')
left, right = st.columns([1.7, 1])
with left:
    st.iframe(data.load_map_html(slide.request), height=470)
with right:
    for label, value in slide.figures:
        st.metric(label, value)
    st.markdown(f"**{slide.lines_title}**")
    st.markdown("\n".join(f"- {line}" for line in slide.lines))
