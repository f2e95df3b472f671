"""Data and sources: where every fact comes from, the plan's editions, licences, and the files' validation report."""
import streamlit as st

from lib import loaders
from lib import schema as s
from lib.views import fmt, slides
from lib.views import labels as lb
from lib.views import params as p
from lib.views import state as k

loaders.through_entrypoint()

st.title("Dati e fonti")
# The download first: who comes for the data finds it without reading the sources.
st.download_button(lb.OPENDATA_BUTTON, data=loaders.load_opendata_zip, file_name=lb.OPENDATA_FILE,
                   mime="application/zip", key=k.SOURCES_OPENDATA, on_click="ignore", type="primary")
st.markdown(s.SOURCES_MD.read_text(encoding="utf-8"))

st.header("Dati aperti")
st.markdown(lb.OPENDATA_TEXT)

st.header("Incorporare una vista")
st.markdown(lb.EMBED_HOW)
# Wrapped: a box that scrolls sideways is one more stop for the keyboard (axe: scrollable-region-focusable).
st.code(lb.EMBED_SNIPPET.format(url=slides.view_url(loaders.app_url(), {p.EMBED: "true"})), language="html",
        wrap_lines=True)

# One cached value for the page's tables (lib/loaders/sources.py), sent as they are kept.
view = loaders.load_sources_view()
st.header("Edizioni del piano")
st.dataframe(view.editions, hide_index=True)

st.header("Controllo del registro dei progetti")
if n_issues := view.issues.num_rows:
    st.warning(f"{fmt.count(n_issues, 'problema', 'problemi')} nei file del registro: le righe interessate "
               "non sono mostrate.")
    st.dataframe(view.issues, hide_index=True)
else:
    st.success(f"Registro valido: {lb.projects_count(view.n_projects)}, nessun problema.")

st.header("Categorie di progetto")
st.dataframe(view.categories, hide_index=True)
