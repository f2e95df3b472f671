"""Data and sources: where every figure comes from, licences, and the registry's validation report."""
import streamlit as st

from lib import data
from lib import labels as lb
from lib import schema as s

st.title("Dati e fonti")
st.markdown(lb.SOURCES_TEXT)

issues = data.load_registry_issues()
st.subheader("Controllo del registro dei progetti")
if issues:
    st.warning(f"{len(issues)} problemi nel file del registro: le righe interessate non sono mostrate.")
    st.dataframe([{"Riga": i.line, "Colonna": i.column, "Problema": i.message} for i in issues],
                 hide_index=True, key="sources_issues")
else:
    st.success(f"Registro valido: {data.load_project_count()} progetti, nessun problema.")

st.subheader("Categorie di progetto")
st.dataframe(data.load_categories().rename(columns={s.CATEGORY: "Codice", s.CATEGORY_LABEL: "Categoria"}),
             hide_index=True, key="sources_categories")
