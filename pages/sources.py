"""Data and sources: where every fact comes from, the plan's editions, licences, and the files' validation report."""
import streamlit as st

from lib import loaders
from lib import schema as s
from lib.views import fmt, slides
from lib.views import labels as lb
from lib.views import params as p
from lib.views import state as k
from lib.views.frames import editions_frame

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

st.header("Edizioni del piano")
st.dataframe(editions_frame(loaders.load_catalogue()), hide_index=True)

issues = loaders.load_registry_issues() + loaders.load_quantity_issues()
st.header("Controllo del registro dei progetti")
if issues:
    st.warning(f"{fmt.count(len(issues), 'problema', 'problemi')} nei file del registro: le righe interessate "
               "non sono mostrate.")
    st.dataframe([{"File": i.file, "Riga": i.line, "Colonna": i.column, "Problema": i.message} for i in issues],
                 hide_index=True)
else:
    st.success(f"Registro valido: {lb.projects_count(loaders.load_project_count())}, nessun problema.")

st.header("Categorie di progetto")
st.dataframe(loaders.load_categories().rename(columns={s.CATEGORY: "Codice", s.CATEGORY_LABEL: "Categoria"}),
             hide_index=True)
