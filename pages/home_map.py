"""Home: zones or venue groups shaded by a measure, project markers, and the projects in no zone beside the map."""
import pandas as pd
import streamlit as st

from lib import loaders
from lib import schema as s
from lib.analysis.coverage import COUNT_BASES
from lib.analysis.measures import MEASURE_BY_KEY, MEASURES
from lib.safe_text import escape_markdown
from lib.views import fmt, grids
from lib.views import labels as lb
from lib.views import params as p
from lib.views import state as k
from lib.views.map_state import (
    LAYER_ZONES,
    LAYERS,
    map_request_params,
    parse_edition,
    parse_map_request,
    request_from_state,
    request_state,
)

loaders.through_entrypoint()

catalogue = loaders.load_catalogue()  # one cached call per run: the plans below are read from it
editions = list(catalogue.plans)
# Widgets start from the URL the first time this page runs in a session, so shared links reopen as sent.
query = st.query_params.to_dict()
url_plan = catalogue.plan(parse_edition(query, editions, catalogue.default))
for key, value in request_state(parse_map_request(query, url_plan, editions, catalogue.default),
                                catalogue.default).items():
    st.session_state.setdefault(key, value)
plan = catalogue.plan(st.session_state[k.MAP_EDITION])
axis_titles = plan.axis_titles()
short_titles = lb.short_axis_titles(axis_titles)  # the controls' column is narrow

st.title("Mappa della copertura delle strategie")
st.caption(lb.home_note(plan.edition.label))


def select_clicked_area() -> None:
    """A click (or Enter) on the map selects that area; runs before the next script run, before the widgets."""
    click = st.session_state[k.MAP_CLICK]
    if click and click.get("param") == LAYERS[st.session_state[k.MAP_LAYER]].param.name:
        st.session_state[k.MAP_SELECTED] = click["value"]


def follow_strategy() -> None:
    """Choosing a strategy under "Tutti gli assi" sets the axis box to that strategy's axis."""
    if strategy := st.session_state[k.MAP_STRATEGY]:
        st.session_state[k.MAP_AXIS] = plan.strategy_axis()[strategy]


# Controls on the left, the map in the middle sized from the screen, the selected area or the ranking on the
# right: at 1280×800 everything is on the first screen. On a phone the map comes first (lib/views/chrome.py).
controls, map_col, side_col = st.columns([1.05, 3, 1.25])
with controls:
    with st.container(key=k.MAP_FILTERS):  # on a phone these come above the map (lib/views/chrome.py)
        if len(editions) > 1:
            st.selectbox("Edizione del piano", editions, key=k.MAP_EDITION, format_func=lambda e: f"PSM {e}")
        if st.session_state[k.MAP_AXIS] not in [0, *axis_titles]:
            st.session_state[k.MAP_AXIS] = 0
        axis = st.selectbox("Asse", [0, *axis_titles], key=k.MAP_AXIS,
                            format_func=lambda a: lb.axis_short_label(a, short_titles[a]) if a else lb.ALL_AXES) or None
        picker = loaders.load_home_controls(plan.edition.key, axis)
        choices = picker.choices
        if st.session_state[k.MAP_STRATEGY] not in choices:
            st.session_state[k.MAP_STRATEGY] = ""
        st.selectbox("Strategia (progetti in tutto il territorio)", list(choices),
                     key=k.MAP_STRATEGY, format_func=lambda c: choices[c], on_change=follow_strategy)
        st.markdown(f"**{escape_markdown(picker.gaps)}**")
    st.radio("Aree", list(LAYERS), format_func=lambda key: LAYERS[key].label, key=k.MAP_LAYER)
    st.radio("Colore delle aree", [m.key for m in MEASURES], format_func=lambda key: MEASURE_BY_KEY[key].label,
             key=k.MAP_MEASURE)
    st.radio("Conta ogni progetto", COUNT_BASES, format_func=lb.BASIS_COUNT_LABELS.get, key=k.MAP_BASIS,
             help=lb.BASIS_COUNT_HELP)

layer = LAYERS[st.session_state[k.MAP_LAYER]]
if st.session_state[k.MAP_SELECTED] not in ["", *map(str, layer.area_ids)]:
    st.session_state[k.MAP_SELECTED] = ""
request = request_from_state(st.session_state, catalogue.default)
if st.query_params.to_dict() != map_request_params(request):
    st.query_params.from_dict(map_request_params(request))
# One cached value for the whole view (lib/loaders/home.py): a room of viewers opening the map at once pays
# for the page's own work once, not once per viewer.
view = loaders.load_home_view(request, loaders.map_assets_key())
summary = view.summary

with map_col:
    # The map document as a file the browser keeps (its URL), or inline where it could not be written.
    loaders.map_frame_component()(src=view.map_url, html="" if view.map_url else view.map_html,
                                  height=lb.MAP_HEIGHT, title="Mappa della copertura",
                                  key=k.MAP_CLICK, on_change=select_clicked_area, default=None)
    st.html(view.legend_html)
    with st.expander(lb.MAP_SOURCES_TITLE):  # folded: on a phone it would push the lists a screen down
        st.caption(f"{lb.ZONE_LEVEL_NOTE} {lb.SHARE_HINT} {lb.ATTRIBUTION}")
with side_col:
    selected = st.selectbox("Area selezionata", ["", *map(str, layer.area_ids)], key=k.MAP_SELECTED,
                            format_func=lambda a: layer.area_label(int(a) if request.layer == LAYER_ZONES else a)
                            if a else "Nessuna: clic su un'area")
    if selected:
        row = summary[summary[layer.area_column].astype(str) == selected].iloc[0]
        for spec in MEASURES:
            st.metric(spec.label, fmt.number(row[spec.key], spec.decimals), help=spec.help)
        st.caption(f"{lb.INFERRED_TOOLTIP.capitalize()}: {fmt.number(row[s.INFERRED_COUNT])}")
        if request.layer == LAYER_ZONES:
            st.page_link("pages/zone.py", label="Apri la scheda della zona", query_params={p.ZONE.name: selected})
    else:
        st.html(view.ranking_html)

lists = view.lists
project_links = {lb.PROJECT_LINK_COLUMN: st.column_config.LinkColumn(display_text=lb.PROJECT_LINK_TEXT, width="small")}


def project_list(title: str, open_key: str, shown: pd.DataFrame, more: int, empty: str, more_text: str,
                 note: str | None = None) -> None:
    """One of the two lists under the map, built and sent only once its expander is opened: a room of viewers
    opening the map never pays for tables nobody looks at."""
    with st.expander(title, key=open_key, on_change="rerun"):
        if not st.session_state.get(open_key):
            return
        if note:
            st.caption(note)
        if none := grids.empty_sentence(shown, empty):
            st.info(none)
        else:
            st.dataframe(shown, hide_index=True, column_config=project_links)
        if more:
            st.caption(f"… e altri {fmt.number(more)}: {more_text}")


project_list(f"{lb.UNPLACED_TITLE} in questa vista ({lists['n_unplaced']})", k.MAP_UNPLACED_OPEN, lists["unplaced"],
             lists["unplaced_more"], "Nessun progetto senza zona in questa vista.",
             "elenco completo nella pagina Cerca un progetto.", note=lb.UNPLACED_NOTE)
project_list(f"Progetti in zone in questa vista ({lists['n_placed']})", k.MAP_PLACED_OPEN, lists["placed"],
             lists["placed_more"], "Nessun progetto in zone in questa vista.",
             "l'elenco completo di ogni zona è nella sua scheda.")
