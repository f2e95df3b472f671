"""Coverage page: zone × strategy heatmap, axis totals, tables A–F, strategies with no project, per capita."""
import streamlit as st

from lib import charts, data
from lib import labels as lb
from lib import schema as s
from lib.url_state import parse_axis

strategies = data.load_strategies()
tables = data.load_coverage_tables()
axis_titles = dict(zip(data.load_axes()[s.AXIS], data.load_axes()[s.AXIS_TITLE]))

st.title("Copertura delle strategie")
st.session_state.setdefault("coverage_axis", parse_axis(st.query_params.to_dict()) or 0)
axis = st.selectbox("Asse per i confronti tra aree", [0, *axis_titles], key="coverage_axis",
                    format_func=lambda a: lb.axis_label(a, axis_titles[a]) if a else lb.ALL_AXES) or None
wanted = {"asse": str(axis)} if axis else {}
if st.query_params.to_dict() != wanted:
    st.query_params.from_dict(wanted)

st.subheader("Zone × strategie")
st.caption("Numero di progetti localizzati per zona e strategia. Le celle grigie con il trattino sono "
           "strategie senza alcun progetto nella zona. I progetti a scala metropolitana sono contati a parte.")
st.plotly_chart(charts.coverage_heatmap(tables["matrix"], strategies), key="coverage_heatmap")

left, right = st.columns(2)
with left:
    st.subheader("Progetti per asse")
    st.plotly_chart(charts.axis_bars(tables["axes"]), key="coverage_axes")
with right:
    st.subheader("Strategie senza progetti")
    empty = tables["empty"]
    if empty.empty:
        st.success("Ogni strategia ha almeno un progetto.")
    else:
        st.dataframe(empty[[s.STRATEGY, s.STRATEGY_TITLE]].rename(columns={s.STRATEGY_TITLE: "Titolo"})
                     .rename(columns=lb.COLUMN_LABELS), hide_index=True, key="coverage_empty")
    st.caption("Il monitoraggio dichiara inoltre senza nuove azioni:")
    no_action = data.load_no_action()
    st.dataframe(no_action[[s.STRATEGY, s.SCOPE]].rename(columns={s.SCOPE: "Ambito"})
                 .rename(columns=lb.COLUMN_LABELS), hide_index=True, key="coverage_no_action")

ramp = data.load_axes().set_index(s.AXIS)[s.AXIS_COLOR].get(axis, "#08306b")
left, right = st.columns(2)
with left:
    st.subheader("Tavoli A–F (SUA)")
    table_summary = data.load_table_summary(axis)
    st.dataframe(table_summary.rename(columns=lb.COLUMN_LABELS), hide_index=True, key="coverage_tables")
    st.plotly_chart(charts.area_bars(table_summary, s.TABLE_ID, s.COUNT, ramp), key="coverage_table_bars")
with right:
    st.subheader("Progetti ogni 10.000 abitanti")
    st.plotly_chart(charts.area_bars(data.load_zone_summary(axis), s.ZONE_ID, s.PER_10K, ramp),
                    key="coverage_per_capita")

st.subheader("Dettaglio per strategia")
st.dataframe(tables["strategies"].rename(columns={s.STRATEGY_TITLE: "Titolo", "n_total": "Progetti",
                                                  "n_local": "Localizzati", "n_zones": "Zone raggiunte"})
             .rename(columns=lb.COLUMN_LABELS), hide_index=True, key="coverage_strategies")
