"""Coverage: zone × strategy heatmap, the report's judgement of each strategy, axis totals, venue groups, per capita."""
import streamlit as st

from lib import loaders
from lib import schema as s
from lib.safe_text import escape_markdown
from lib.views import charts, findings, grids
from lib.views import labels as lb
from lib.views import params as p
from lib.views import state as k
from lib.views.frames import strategy_judgements

loaders.through_entrypoint()

catalogue = loaders.load_catalogue()
editions = loaders.load_catalogued_editions()
query = st.query_params.to_dict()
st.session_state.setdefault(k.COVERAGE_EDITION, p.parse_choice(query, p.EDITION, editions) or catalogue.default)
if len(editions) > 1:
    st.selectbox("Edizione del piano", editions, key=k.COVERAGE_EDITION, format_func=lambda e: f"PSM {e}")
plan = loaders.load_plan(st.session_state[k.COVERAGE_EDITION])
axis_titles = plan.axis_titles()
st.session_state.setdefault(k.COVERAGE_AXIS, p.parse_int(query, p.AXIS, plan.axis_numbers) or 0)
if st.session_state[k.COVERAGE_AXIS] not in [0, *axis_titles]:
    st.session_state[k.COVERAGE_AXIS] = 0

st.title(f"Copertura delle strategie del {plan.edition.label}")
tables = loaders.load_coverage_tables(plan.edition.key)
st.info(escape_markdown(findings.coverage_finding(tables["strategies"], loaders.load_zone_summary(plan.edition.key))))
# The councillor's question, "which strategies have no project?", answered on the first screen.
st.header(f"Strategie senza progetti ({len(tables['empty'])})")
if none := grids.empty_sentence(tables["empty"], "Ogni strategia ha almeno un progetto."):
    st.success(none)
else:
    st.markdown("\n".join(f"- **{escape_markdown(code)}** – {escape_markdown(title)}" for code, title in
                          zip(tables["empty"][s.STRATEGY], tables["empty"][s.STRATEGY_TITLE], strict=True)))
axis = st.selectbox("Asse per i confronti tra aree", [0, *axis_titles], key=k.COVERAGE_AXIS,
                    format_func=lambda a: lb.axis_label(a, axis_titles[a]) if a else lb.ALL_AXES) or None
edition = None if plan.edition.key == catalogue.default else plan.edition.key
wanted = {**({p.EDITION.name: edition} if edition else {}), **({p.AXIS.name: str(axis)} if axis else {})}
if st.query_params.to_dict() != wanted:
    st.query_params.from_dict(wanted)
figures = loaders.load_coverage_charts(plan.edition.key, axis)

st.header("Zone × strategie")
st.caption(lb.HEATMAP_NOTE)
with st.container(key=k.COVERAGE_HEATMAP):
    st.plotly_chart(figures["heatmap"], **charts.SHOW)

st.header("Ogni strategia: progetti e giudizio del monitoraggio")
st.caption("Il giudizio è quello del rapporto di monitoraggio (interviste 2023), con le sue parole; "
           "i numeri sono i progetti del registro.")
judged = strategy_judgements(tables["strategies"], plan.judgements)
st.dataframe(judged, hide_index=True, height=grids.fit_height(judged),
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
