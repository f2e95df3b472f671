"""What pages show, built without streamlit: labels and formats, URL parameters and session keys, map,
table, chart and slide builders."""
