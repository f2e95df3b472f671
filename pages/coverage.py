"""Coverage: zone × strategy heatmap, the report's judgement of each strategy, axis totals, venue groups, per capita."""
import streamlit as st

from lib import loaders
from lib.safe_text import escape_markdown
from lib.views import charts, grids
from lib.views import labels as lb
from lib.views import params as p
from lib.views import state as k

loaders.through_entrypoint()

catalogue = loaders.load_catalogue()  # one cached call per run: the plans below are read from it
editions = list(catalogue.plans)
query = st.query_params.to_dict()
st.session_state.setdefault(k.COVERAGE_EDITION, p.parse_choice(query, p.EDITION, editions) or catalogue.default)
if len(editions) > 1:
    st.selectbox("Edizione del piano", editions, key=k.COVERAGE_EDITION, format_func=lambda e: f"PSM {e}")
plan = catalogue.plan(st.session_state[k.COVERAGE_EDITION])
axis_titles = plan.axis_titles()
st.session_state.setdefault(k.COVERAGE_AXIS, p.parse_int(query, p.AXIS, plan.axis_numbers) or 0)
if st.session_state[k.COVERAGE_AXIS] not in [0, *axis_titles]:
    st.session_state[k.COVERAGE_AXIS] = 0

# One cached value for the edition and axis (lib/loaders/coverage.py): a room opening the page at once pays for
# its finding and tables once, not once per viewer. The axis box below shows the same session value.
view = loaders.load_coverage_view(plan.edition.key, st.session_state[k.COVERAGE_AXIS] or None)
st.title(f"Copertura delle strategie del {plan.edition.label}")
st.info(escape_markdown(view.finding))
# The councillor's question, "which strategies have no project?", answered on the first screen.
st.header(f"Strategie senza progetti ({view.n_empty})")
if view.n_empty == 0:
    st.success("Ogni strategia ha almeno un progetto.")
else:
    st.markdown(view.empty_markdown)
axis = st.selectbox("Asse per i confronti tra aree", [0, *axis_titles], key=k.COVERAGE_AXIS,
                    format_func=lambda a: lb.axis_label(a, axis_titles[a]) if a else lb.ALL_AXES) or None
edition = None if plan.edition.key == catalogue.default else plan.edition.key
wanted = {**({p.EDITION.name: edition} if edition else {}), **({p.AXIS.name: str(axis)} if axis else {})}
if st.query_params.to_dict() != wanted:
    st.query_params.from_dict(wanted)
figures = view.charts

st.header("Zone × strategie")
st.caption(lb.HEATMAP_NOTE)
with st.container(key=k.COVERAGE_HEATMAP):
    st.plotly_chart(figures["heatmap"], **charts.SHOW)

st.header("Ogni strategia: progetti e giudizio del monitoraggio")
st.caption("Il giudizio è quello del rapporto di monitoraggio (interviste 2023), con le sue parole; "
           "i numeri sono i progetti del registro.")
st.dataframe(view.judged, hide_index=True, height=grids.fit_height(view.judged),
             column_config={"Titolo": st.column_config.TextColumn(width="large"),
                            "Dal monitoraggio": st.column_config.TextColumn(width="large")})

left, right = st.columns(2)
with left:
    st.header("Progetti per asse")
    st.plotly_chart(figures["axes"], **charts.SHOW)
with right:
    st.header("Gruppi di zone A–F (sedi, SUA)")
    st.plotly_chart(figures["groups"], **charts.SHOW)
st.header("Progetti ogni 10.000 abitanti")
st.plotly_chart(figures["per_10k"], **charts.SHOW)
