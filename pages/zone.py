"""Zone page: comuni, every project touching the zone, the strategy checklist, a small map, CSV export."""
import streamlit as st

from lib import data
from lib import labels as lb
from lib import schema as s
from lib.export import to_safe_csv
from lib.tables import filter_by_words
from lib.url_state import parse_search, parse_zone

params = st.query_params.to_dict()
st.session_state.setdefault("zone_pick", parse_zone(params) or 1)
st.session_state.setdefault("zone_search", parse_search(params))

zone_id = st.selectbox("Zona omogenea", list(s.ZONE_NUMBERS), key="zone_pick", format_func=lb.zone_label)
summary = data.load_zone_summary().set_index(s.ZONE_ID).loc[zone_id]
st.title(lb.zone_label(zone_id))
st.caption(f"{lb.table_label(summary[s.TABLE_ID])} · {summary[s.SUA_LABEL]} · "
           f"{summary[s.N_COMUNI]} comuni · {summary[s.POPULATION]:,} abitanti".replace(",", "."))

metrics = st.columns(4)
metrics[0].metric("Progetti nella zona", int(summary[s.COUNT]))
metrics[1].metric("Strategie coperte", f"{int(summary[s.STRATEGIES_COVERED])} / 24")
metrics[2].metric(lb.METRIC_LABELS[s.PER_10K], f"{summary[s.PER_10K]:.2f}".replace(".", ","))
extras = data.load_zone_extras(zone_id)
# A short label: the long one was cut off on a 1280-pixel screen; the rest is in the help.
metrics[3].metric("Progetti metropolitani", extras["n_metro"],
                  help="Progetti dell'intera Città metropolitana: valgono per tutte le zone.")

search = st.text_input("Cerca nei progetti (titolo, comune, promotore, categoria…)", key="zone_search",
                       max_chars=80)
wanted = {"zona": str(zone_id), **({"cerca": search} if search else {})}
if st.query_params.to_dict() != wanted:
    st.query_params.from_dict(wanted)

local = filter_by_words(*data.load_project_table(zone_id), search)
metro = filter_by_words(*data.load_project_table(None), search)
st.subheader(f"Progetti della zona ({len(local)})")
st.dataframe(local, hide_index=True, key="zone_projects")
st.download_button("Scarica questo elenco (CSV)", lambda: to_safe_csv(local), file_name=f"zona_{zone_id}_progetti.csv",
                   mime="text/csv", key="zone_download_local", on_click="ignore")
st.subheader(f"Progetti a scala metropolitana ({len(metro)})")
st.caption(lb.METRO_NOTE)
st.dataframe(metro, hide_index=True, key="zone_metro")
st.download_button("Scarica questo elenco (CSV)", lambda: to_safe_csv(metro), file_name=f"zona_{zone_id}_metropolitani.csv",
                   mime="text/csv", key="zone_download_metro", on_click="ignore")

st.info("Manca un progetto della zona o un dato è sbagliato? Segnalalo: la segnalazione arriva alla "
        "redazione del Piano e, se approvata, compare sulla mappa.")
st.page_link("pages/report.py", label="Segnala un progetto mancante o errato", icon="✉️",
             query_params={"zona": str(zone_id)})

left, right = st.columns([1.4, 1])
with left:
    st.subheader("Le 24 strategie nella zona")
    st.dataframe(extras["checklist"], hide_index=True, key="zone_checklist", height=880,
                 column_config={"Coperta nella zona": st.column_config.CheckboxColumn()})
with right:
    st.subheader("Mappa della zona")
    st.iframe(data.load_zone_map_html(zone_id), height=420)
    st.subheader("Comuni")
    st.dataframe(extras["comuni"], hide_index=True, key="zone_comuni")
