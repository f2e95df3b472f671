"""Verso il nuovo piano: the needs for the next edition beside the coverage of the plan they continue."""
import streamlit as st

from lib import loaders
from lib import schema as s
from lib.analysis import needs as an
from lib.safe_text import escape_markdown
from lib.views import charts, fmt, grids
from lib.views import labels as lb
from lib.views import needs_view as nv
from lib.views import params as p
from lib.views import state as k

loaders.through_entrypoint()

# One cached value for the page and one per axis (lib/loaders/needs.py): a room opening the page at once pays
# for its tables and finding once, not once per viewer.
view = loaders.load_needs_view()
if view is None:
    st.title("Verso il nuovo piano")
    st.info("Le esigenze per la prossima edizione del piano non sono ancora nei dati.")
    st.stop()
book, needs = view.book, view.needs
plan = loaders.load_plan(book.linked_edition)
axis_titles = plan.axis_titles()
query = st.query_params.to_dict()
st.session_state.setdefault(k.NEEDS_AXIS, p.parse_int(query, p.AXIS, plan.axis_numbers) or plan.axis_numbers[0])
st.session_state.setdefault(k.NEEDS_PICK, p.parse_choice(query, p.NEED, list(needs[s.NEED_ID])) or "")

st.title(f"Verso il PSM {book.edition}")
st.info(escape_markdown(view.finding))
st.caption(f"Esigenze emerse dalle interviste 2023 (Restituzione della fase preliminare, cap. 4 e 5), accanto ai "
           f"progetti del {plan.edition.label} sulle strategie che ciascuna continua.")
with st.container(key=k.NEEDS_FIGURES):  # two by two on a phone (lib/views/chrome.py)
    figures = st.columns(4)
for column, label, value in zip(figures, ("Esigenze", "Proposte", "Senza progetti", "Nuove"), view.counts,
                                strict=True):
    column.metric(label, fmt.number(value))
st.plotly_chart(loaders.load_needs_chart(), **charts.SHOW)

axis = st.selectbox("Asse", plan.axis_numbers, key=k.NEEDS_AXIS, format_func=lambda a: lb.axis_label(a, axis_titles[a]))
shown = loaders.load_needs_axis(axis)
mine, labels = shown.rows, shown.labels
if st.session_state[k.NEEDS_PICK] not in ["", *labels]:
    st.session_state[k.NEEDS_PICK] = ""
if none := grids.empty_sentence(mine, "Nessuna esigenza su questo asse."):
    st.info(none)
else:
    st.dataframe(shown.table, hide_index=True, height=grids.fit_height(mine),
                 column_config={"Testo": st.column_config.TextColumn(width="large")})
pick = st.selectbox("Dettaglio di un'esigenza", ["", *labels], key=k.NEEDS_PICK,
                    format_func=lambda n: labels[n] if n else "Scegli…")
wanted = {p.AXIS.name: str(axis), **({p.NEED.name: pick} if pick else {})}
if st.query_params.to_dict() != wanted:
    st.query_params.from_dict(wanted)
if pick:
    row = mine.set_index(s.NEED_ID).loc[pick]
    st.markdown(f"**{pick}** · {escape_markdown(nv.STATUS_LABELS[row[an.STATUS]])}")
    lines = [f"- {escape_markdown(line)}" for line in nv.proposal_lines(book, pick)]
    st.markdown("\n".join(lines) or "_Nessuna proposta._")
    links = nv.links_frame(book, pick, plan)
    if none := grids.empty_sentence(links, "Esigenza nuova: non continua strategie del piano in vigore."):
        st.info(none)
    else:
        st.dataframe(links, hide_index=True)
    st.caption(f"Zone senza progetti su queste strategie: {lb.zones_list(row[an.ZONES_WITHOUT]) or 'nessuna'}.")
    served = nv.projects_frame(an.projects_for_need(loaders.load_projects(), plan.edition.key, row[an.LINKED]))
    if none := grids.empty_sentence(served, "Nessun progetto sulle strategie che continua."):
        st.info(none)
    else:
        st.dataframe(served, hide_index=True, column_config={
            lb.PROJECT_LINK_COLUMN: st.column_config.LinkColumn(display_text=lb.PROJECT_LINK_TEXT)})

st.header("Esigenze senza alcun progetto sulle strategie che continuano")
if none := grids.empty_sentence(view.without, "Nessuna esigenza senza progetti."):
    st.info(none)
else:
    st.dataframe(view.without, hide_index=True, height=grids.fit_height(view.without))
st.header("Esigenze i cui progetti mancano in zone intere")
if none := grids.empty_sentence(view.missing, "Nessuna esigenza con zone intere scoperte."):
    st.info(none)
else:
    st.dataframe(view.missing, hide_index=True, height=grids.fit_height(view.missing))
st.header("Nuovi temi e punti di attenzione")
st.dataframe(view.themes, hide_index=True, column_config={"Indicazioni": st.column_config.TextColumn(width="large")})
# Folded, and its table sent only once opened: nobody pays for a table they have not asked to see.
with st.expander("Indicazioni per la Città metropolitana (cap. 5)", key=k.NEEDS_RECOMMENDATIONS_OPEN,
                 on_change="rerun"):
    if st.session_state.get(k.NEEDS_RECOMMENDATIONS_OPEN):
        st.dataframe(view.recommendations, hide_index=True)
