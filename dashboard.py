"""Entry point: page config, shared sidebar, navigation. Run with `streamlit run dashboard.py`."""
import streamlit as st

from lib import data
from lib import labels as lb
from lib.safe_text import escape_markdown

# No page or page_icon icons: Streamlit fetches Material favicons from a CDN, which fails offline.
st.set_page_config(page_title=lb.APP_TITLE, layout="wide")

# url_path equals each file's name: with a pages/ folder beside the entrypoint, Streamlit first resolves
# a direct link against the file names and shows "Page not found" for any other path (see README).
PAGES = [
    st.Page("pages/coverage_map.py", title="Mappa", url_path="coverage_map",
            default=True),
    st.Page("pages/zone.py", title="Zona omogenea", url_path="zone"),
    st.Page("pages/coverage.py", title="Copertura", url_path="coverage"),
    st.Page("pages/presentation.py", title="Presentazione",
            url_path="presentation"),
    st.Page("pages/report.py", title="Segnala", url_path="report"),
    st.Page("pages/moderation.py", title="Moderazione", url_path="moderation"),
    st.Page("pages/sources.py", title="Dati e fonti", url_path="sources"),
]

page = st.navigation(PAGES)
with st.sidebar:
    st.caption(lb.SIDEBAR_NOTE)
if (failure := data.load_registry_failure()) is not None:
    st.error(lb.REGISTRY_UNREADABLE.format(file=escape_markdown(failure.file),
                                           problem=escape_markdown(failure.message)))
page.run()
