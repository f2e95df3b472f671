"""Cerca: find any project in the whole registry by title, comune, promoter or words; each result shows its zones."""
import streamlit as st

from lib import loaders
from lib.safe_text import escape_markdown
from lib.views import fmt
from lib.views import labels as lb
from lib.views import params as p
from lib.views import state as k

loaders.through_entrypoint()

st.session_state.setdefault(k.SEARCH_TEXT, p.parse_text(st.query_params.to_dict(), p.SEARCH))
st.title("Cerca un progetto")
st.write("Cerca in tutto il registro, in ogni zona: per titolo, comune, promotore, categoria o parole della fonte.")
text = st.text_input("Cerca", key=k.SEARCH_TEXT, max_chars=p.MAX_SEARCH, placeholder="Es. Pinerolo, bike-to-rail, GAL")
wanted = {p.SEARCH.name: text} if text else {}
if st.query_params.to_dict() != wanted:
    st.query_params.from_dict(wanted)

# One cached value per search (lib/loaders/search.py): a room opening the same link pays for it once.
results = loaders.load_search_results(text)
n_found = results.n_found
shown = escape_markdown(text)  # typed or from the URL: shown as written, never read as Markdown
if text and n_found:
    st.header(f"{lb.projects_count(n_found)} per «{shown}»")
    # Each result opens its project's page, or the report form pre-filled with a correction to it.
    st.dataframe(results.table, hide_index=True, column_config={
        lb.PROJECT_LINK_COLUMN: st.column_config.LinkColumn(display_text=lb.PROJECT_LINK_TEXT,
                                                            width=lb.PROJECT_LINK_WIDTH),
        lb.CORRECTION_LINK_COLUMN: st.column_config.LinkColumn(display_text=lb.MAP_REPORT_LINK,
                                                               width=lb.CORRECTION_LINK_WIDTH)})
    if n_found > results.table.num_rows:
        st.caption(f"Sono mostrati i primi {fmt.number(results.table.num_rows)}: aggiungi una parola per restringere.")
if text and not n_found:
    st.warning(f"Nessun progetto del registro corrisponde a «{shown}». Prova con meno parole, o con il nome del "
               "comune o del promotore.")
    # Only when nothing matches: a project that is found is corrected from its row, not added again.
    st.info("Non lo trovi? Segnalalo: la segnalazione arriva alla redazione del Piano.")
    st.page_link("pages/report.py", label=f"Segnala un progetto mancante: «{shown}»",
                 query_params={p.SEARCH.name: text})
