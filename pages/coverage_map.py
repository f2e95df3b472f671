"""Home: choropleth of zones or tables by coverage, project markers, metro-wide list beside the map."""
import streamlit as st

from lib import data
from lib import labels as lb
from lib import schema as s
from lib.map_view import LAYER_ZONES, LAYERS, METRICS, MapRequest
from lib.url_state import map_request_params, parse_map_request

strategies = data.load_strategies()
axes = data.load_axes()
axis_titles = dict(zip(axes[s.AXIS], axes[s.AXIS_TITLE]))
strategy_titles = dict(zip(strategies[s.STRATEGY], strategies[s.STRATEGY_TITLE]))

# Widgets start from the URL the first time this page runs in a session, so shared links reopen as sent.
url_request = parse_map_request(st.query_params.to_dict(), set(strategy_titles))
st.session_state.setdefault("map_layer", url_request.layer)
st.session_state.setdefault("map_axis", url_request.axis or 0)
st.session_state.setdefault("map_strategy", url_request.strategy or "")
st.session_state.setdefault("map_metric", url_request.metric)
st.session_state.setdefault("map_selected", url_request.selected or "")

st.title("Mappa della copertura delle strategie")
controls = st.columns([1.2, 1.6, 2.2, 1.6])
layer = controls[0].radio("Aree", LAYERS, format_func=lb.LAYER_LABELS.get, key="map_layer")
# 0 and "" stand for "all": a None option would show as an empty placeholder.
axis = controls[1].selectbox("Asse", [0, *axis_titles], key="map_axis",
                             format_func=lambda a: lb.axis_label(a, axis_titles[a]) if a else lb.ALL_AXES) or None
options = ["", *(c for c in strategy_titles if axis is None or c.startswith(f"{axis}."))]
if st.session_state.map_strategy not in options:
    st.session_state.map_strategy = ""
strategy = controls[2].selectbox("Strategia", options, key="map_strategy",
                                 format_func=lambda c: lb.strategy_label(c, strategy_titles[c]) if c
                                 else lb.ALL_STRATEGIES) or None
metric = controls[3].radio("Colore delle aree", METRICS, format_func=lb.METRIC_LABELS.get, key="map_metric")

summary = data.load_zone_summary(axis, strategy) if layer == LAYER_ZONES else data.load_table_summary(axis, strategy)
key = s.ZONE_ID if layer == LAYER_ZONES else s.TABLE_ID
area_names = {k: (lb.zone_label(k) if layer == LAYER_ZONES else lb.table_label(k)) for k in summary[key]}
if st.session_state.map_selected not in ["", *map(str, area_names)]:
    st.session_state.map_selected = ""

request = MapRequest(layer=layer, axis=axis, strategy=strategy, metric=metric,
                     selected=st.session_state.map_selected or None)
if st.query_params.to_dict() != map_request_params(request):
    st.query_params.from_dict(map_request_params(request))



def select_clicked_area() -> None:
    """A click on the map selects that area (runs before the next script run, before the widgets)."""
    click = st.session_state.map_click
    if click and click.get("param") in ("zona", "tavolo"):
        st.session_state.map_selected = click["value"]


map_col, side_col = st.columns([3, 1.3])
with map_col:
    data.map_frame_component()(html=data.load_map_html(request), height=lb.MAP_HEIGHT, key="map_click",
                               on_change=select_clicked_area, default=None)
    st.caption(f"{lb.ZONE_LEVEL_NOTE} {lb.ATTRIBUTION} {lb.SHARE_HINT}")

lists = data.load_map_lists(axis, strategy)
with side_col:
    selected = st.selectbox("Area selezionata", ["", *map(str, area_names)], key="map_selected",
                            format_func=lambda k: area_names[int(k) if layer == LAYER_ZONES else k] if k
                            else "Nessuna (clic su un'area della mappa)")
    if selected:
        row = summary[summary[key].astype(str) == selected].iloc[0]
        st.metric(lb.METRIC_LABELS[s.COUNT], int(row[s.COUNT]))
        st.metric(lb.METRIC_LABELS[s.STRATEGIES_COVERED], f"{int(row[s.STRATEGIES_COVERED])} / {len(strategies)}")
        st.metric(lb.METRIC_LABELS[s.PER_10K], f"{row[s.PER_10K]:.2f}".replace(".", ","))
        if layer == LAYER_ZONES:
            st.page_link("pages/zone.py", label="Apri la scheda della zona", icon="📍",
                         query_params={"zona": selected})
    else:
        ranking = summary.sort_values(metric)[[key, s.COUNT, s.STRATEGIES_COVERED, s.PER_10K]]
        st.caption("Aree dalla meno alla più coperta")
        st.dataframe(ranking.rename(columns=lb.COLUMN_LABELS), hide_index=True, key="map_ranking")
    st.subheader(f"{lb.METRO_TITLE} ({lists['n_metro']})")
    st.caption(lb.METRO_NOTE)
    st.dataframe(lists["metro"].rename(columns=lb.COLUMN_LABELS), hide_index=True, key="map_metro")
    if lists["metro_more"]:
        st.caption(f"… e altri {lists['metro_more']}: elenco completo e ricerca nella pagina Zona omogenea.")

with st.expander(f"Elenco dei {lists['n_local']} progetti localizzati in questa vista"):
    st.dataframe(lists["local"], hide_index=True, key="map_projects")
    if lists["local_more"]:
        st.caption(f"… e altri {lists['local_more']}: l'elenco completo di ogni zona è nella pagina "
                   "Zona omogenea.")
