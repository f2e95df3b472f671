"""Verso il nuovo piano: the needs for the next edition beside the coverage of the plan they continue."""
import streamlit as st

from lib import loaders
from lib import schema as s
from lib.analysis import needs as an
from lib.safe_text import escape_markdown
from lib.views import charts, findings, fmt, grids
from lib.views import labels as lb
from lib.views import needs_view as nv
from lib.views import params as p
from lib.views import state as k

loaders.through_entrypoint()

book, needs = loaders.load_needs(), loaders.load_needs_coverage()
if book is None or needs is None:  # both, or neither
    st.title("Verso il nuovo piano")
    st.info("Le esigenze per la prossima edizione del piano non sono ancora nei dati.")
    st.stop()
plan = loaders.load_plan(book.linked_edition)
axis_titles = plan.axis_titles()
query = st.query_params.to_dict()
st.session_state.setdefault(k.NEEDS_AXIS, p.parse_int(query, p.AXIS, plan.axis_numbers) or plan.axis_numbers[0])
st.session_state.setdefault(k.NEEDS_PICK, p.parse_choice(query, p.NEED, list(needs[s.NEED_ID])) or "")

st.title(f"Verso il PSM {book.edition}")
st.info(escape_markdown(findings.needs_finding(needs)))
st.caption(f"Esigenze emerse dalle interviste 2023 (Restituzione della fase preliminare, cap. 4 e 5), accanto ai "
           f"progetti del {plan.edition.label} sulle strategie che ciascuna continua.")
with st.container(key=k.NEEDS_FIGURES):  # two by two on a phone (lib/views/chrome.py)
    figures = st.columns(4)
figures[0].metric("Esigenze", fmt.number(len(needs)))
figures[1].metric("Proposte", fmt.number(int((book.proposals[s.PARENT_ID] == "").sum())))
figures[2].metric("Senza progetti", fmt.number(int((needs[an.STATUS] == an.STATUS_NO_PROJECT).sum())))
figures[3].metric("Nuove", fmt.number(int(needs[s.IS_NEW].sum())))
st.plotly_chart(loaders.load_needs_chart(), **charts.SHOW)

axis = st.selectbox("Asse", plan.axis_numbers, key=k.NEEDS_AXIS, format_func=lambda a: lb.axis_label(a, axis_titles[a]))
mine = needs[needs[s.AXIS] == axis]
if st.session_state[k.NEEDS_PICK] not in ["", *mine[s.NEED_ID]]:
    st.session_state[k.NEEDS_PICK] = ""
if none := grids.empty_sentence(mine, "Nessuna esigenza su questo asse."):
    st.info(none)
else:
    st.dataframe(nv.needs_frame(mine), hide_index=True, height=grids.fit_height(mine),
                 column_config={"Testo": st.column_config.TextColumn(width="large")})
pick = st.selectbox("Dettaglio di un'esigenza", ["", *mine[s.NEED_ID]], key=k.NEEDS_PICK,
                    format_func=lambda n: f"{n} – {mine.set_index(s.NEED_ID).at[n, s.TEXT][:90]}" if n else "Scegli…")
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
without = needs[needs[an.STATUS] == an.STATUS_NO_PROJECT]
if none := grids.empty_sentence(without, "Nessuna esigenza senza progetti."):
    st.info(none)
else:
    st.dataframe(nv.needs_frame(without), hide_index=True, height=grids.fit_height(without))
st.header("Esigenze i cui progetti mancano in zone intere")
missing = needs[needs[an.STATUS] == an.STATUS_ZONES_MISSING]
if none := grids.empty_sentence(missing, "Nessuna esigenza con zone intere scoperte."):
    st.info(none)
else:
    st.dataframe(nv.needs_frame(missing), hide_index=True, height=grids.fit_height(missing))
st.header("Nuovi temi e punti di attenzione")
st.dataframe(nv.themes_frame(book), hide_index=True,
             column_config={"Indicazioni": st.column_config.TextColumn(width="large")})
with st.expander("Indicazioni per la Città metropolitana (cap. 5)"):
    st.dataframe(nv.recommendations_frame(book), hide_index=True)
