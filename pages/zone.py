"""Zone page: every project touching the zone, the strategy checklist, a small map, comuni, downloads."""
import streamlit as st

from geo.territory import ZONE_IDS
from lib import loaders
from lib import schema as s
from lib.export import to_safe_csv
from lib.safe_text import escape_markdown
from lib.views import fmt, grids
from lib.views import labels as lb
from lib.views import params as p
from lib.views import state as k
from lib.views.frames import zone_of_comune

loaders.through_entrypoint()

query = st.query_params.to_dict()
st.session_state.setdefault(k.ZONE_PICK, p.parse_int(query, p.ZONE, ZONE_IDS) or ZONE_IDS[0])
st.session_state.setdefault(k.ZONE_SEARCH, p.parse_text(query, p.SEARCH))
comuni = loaders.load_comuni()
plan = loaders.load_plan()


def find_zone() -> None:
    """Choosing a comune opens its zone."""
    if zone := zone_of_comune(comuni, st.session_state[k.ZONE_FIND_COMUNE]):
        st.session_state[k.ZONE_PICK] = zone


pick, find = st.columns([2, 1.4])
zone_id = pick.selectbox("Zona omogenea", list(ZONE_IDS), key=k.ZONE_PICK, format_func=lb.zone_label)
find.selectbox("Oppure trova la zona di un comune", ["", *sorted(comuni[s.NAME])], key=k.ZONE_FIND_COMUNE,
               on_change=find_zone, format_func=lambda name: name or "Scrivi il nome del comune…")
# One cached value for the zone (lib/loaders/zone.py): a room opening a zone's page at once pays for its
# tables and map once, not once per viewer.
view = loaders.load_zone_view(zone_id, loaders.map_assets_key())
summary = view.summary
st.title(lb.zone_label(zone_id))
st.caption(f"{lb.group_label(summary[s.GROUP_ID])} · {lb.group_detail(summary[s.GROUP_ID])} · "
           f"{fmt.count(int(summary[s.N_COMUNI]), 'comune', 'comuni')} · {fmt.number(summary[s.POPULATION])} abitanti")
with st.container(key=k.ZONE_REPORT):  # a button that wraps on a phone (lib/views/chrome.py)
    st.page_link("pages/report.py", label=lb.ZONE_REPORT_BUTTON, query_params={p.ZONE.name: str(zone_id)})
if latest := loaders.latest_release():
    st.page_link("pages/changes.py", label=lb.zone_changes_link(latest.number, latest.made_at),
                 query_params={p.ZONE.name: str(zone_id)})

project_columns = {
    lb.PROJECT_LINK_COLUMN: st.column_config.LinkColumn(display_text=lb.PROJECT_LINK_TEXT, width=lb.PROJECT_LINK_WIDTH),
    lb.COLUMN_LABELS[s.TITLE]: st.column_config.TextColumn(width=320),
    lb.PLACEMENT_COLUMN: st.column_config.TextColumn(width=380),
    lb.CORRECTION_LINK_COLUMN: st.column_config.LinkColumn(display_text=lb.MAP_REPORT_LINK,
                                                           width=lb.CORRECTION_LINK_WIDTH)}
with st.container(key=k.ZONE_FIGURES):  # two by two on a phone (lib/views/chrome.py)
    metrics = st.columns(4)
metrics[0].metric("Progetti nella zona", fmt.number(summary[s.COUNT]),
                  help=f"Di cui con posizione dedotta: {fmt.number(summary[s.INFERRED_COUNT])}")
metrics[1].metric("Strategie coperte", fmt.share(summary[s.STRATEGIES_COVERED], len(plan.codes)))
metrics[2].metric("Progetti / 10.000 ab.", fmt.number(summary[s.PER_10K], 2))
metrics[3].metric(lb.ZONE_UNPLACED_FIGURE, fmt.number(view.n_unplaced), help=lb.UNPLACED_NOTE)

search = st.text_input("Cerca nei progetti della zona (titolo, comune, promotore, categoria…)", key=k.ZONE_SEARCH,
                       max_chars=p.MAX_SEARCH)
wanted = {p.ZONE.name: str(zone_id), **({p.SEARCH.name: search} if search else {})}
if st.query_params.to_dict() != wanted:
    st.query_params.from_dict(wanted)
local, listed = view.matching(search)
st.header(f"Progetti della zona ({len(local)})")
if search and local.empty:
    st.info("Nessun progetto della zona corrisponde. Cerca in tutte le zone:")
    st.page_link("pages/search.py", label=f"Cerca «{escape_markdown(search)}» in tutto il registro",
                 query_params={p.SEARCH.name: search})
if none := grids.empty_sentence(local, "Nessun progetto della zona in questo elenco."):
    st.info(none)
else:
    # Each row opens its project's page or a correction to it, and says where the project is placed and why;
    # the CSV below keeps the registry's columns only.
    st.dataframe(listed, hide_index=True, column_config=project_columns,
                 height=grids.fit_height(local))
st.download_button("Scarica questo elenco (CSV)", lambda: to_safe_csv(local), file_name=f"zona_{zone_id}_progetti.csv",
                   mime="text/csv", on_click="ignore")
st.download_button("Scheda della zona per l'Assemblea dei Sindaci (PDF)", lambda: loaders.zone_sheet_pdf(zone_id),
                   file_name=f"zona_{zone_id}_scheda.pdf", mime="application/pdf", on_click="ignore")

st.header(f"Le {len(plan.codes)} strategie del {plan.edition.label} nella zona")
st.dataframe(view.checklist, hide_index=True, height=grids.fit_height(view.checklist),
             column_config={"Strategia": st.column_config.TextColumn(width=70),
                            "Titolo": st.column_config.TextColumn(width=400),
                            "Nella zona": st.column_config.NumberColumn(width=90),
                            "Senza zona": st.column_config.NumberColumn(width=90),
                            "Coperta": st.column_config.CheckboxColumn(width=75),
                            "Giudizio del monitoraggio": st.column_config.TextColumn(width=360)})
left, right = st.columns([1.3, 1])
with left:
    st.header("Mappa della zona")
    st.iframe(view.map_url or view.map_html, height=420)  # the file's URL, or the document inline
    st.html(view.legend_html)
    unmapped = view.unmapped
    st.header(f"{lb.ZONE_UNMAPPED_TITLE} ({len(unmapped)})")
    if none := grids.empty_sentence(unmapped, lb.ZONE_ALL_MAPPED):
        st.info(none)
    else:
        st.caption(lb.ZONE_UNMAPPED_NOTE)
        st.dataframe(unmapped, hide_index=True, height=grids.fit_height(unmapped), column_config={
            **project_columns, lb.COLUMN_LABELS[s.TITLE]: st.column_config.TextColumn(width="medium")})
with right:
    st.header("Comuni")
    st.dataframe(view.comuni, hide_index=True, height=420)
st.caption(f"{lb.ZONE_MAP_SOURCES} {lb.ATTRIBUTION}")
