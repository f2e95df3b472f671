"""Entry point: page config, shared sidebar, navigation. Run with `streamlit run dashboard.py`."""
import copy

import streamlit as st

from lib import errors, loaders
from lib.safe_text import escape_markdown
from lib.submissions.store import StorageUnavailableError
from lib.views import chrome, slides
from lib.views import labels as lb
from lib.views import state as k

# No page or page_icon icons: Streamlit fetches Material favicons from a CDN, which fails offline.
st.set_page_config(page_title=lb.APP_TITLE, layout="wide")


# url_path equals each file's name: with a pages/ folder beside the entrypoint, Streamlit first resolves
# a direct link against the file names and shows "Page not found" for any other path (see README).
# Adding a page is one line here; the tests run every page listed.
def registered_pages() -> tuple[st.Page, ...]:
    """The pages, built once per process (below): each st.Page looks its file up about a hundred times, which a
    room of 300 opening the app at once pays 300 times. Every session gets copies (st.navigation marks them)."""
    return (
        st.Page("pages/home_map.py", title="Mappa", url_path="coverage_map", default=True),
        st.Page("pages/zone.py", title="Zona omogenea", url_path="zone"),
        st.Page("pages/search.py", title="Cerca un progetto", url_path="search"),
        st.Page("pages/project.py", title="Progetto", url_path="project", visibility="hidden"),
        st.Page("pages/coverage.py", title="Copertura", url_path="coverage"),
        st.Page("pages/needs.py", title="Verso il nuovo piano", url_path="needs"),
        st.Page("pages/presentation.py", title="Presentazione", url_path="presentation"),
        st.Page("pages/facilitator.py", title="Tavolo (facilitatori)", url_path="facilitator"),
        st.Page("pages/control_room.py", title="Regia", url_path="control_room"),
        st.Page("pages/plenary.py", title="Plenaria", url_path="plenary"),
        st.Page("pages/report.py", title="Segnala", url_path="report"),
        st.Page("pages/moderation.py", title="Moderazione", url_path="moderation"),
        st.Page("pages/changes.py", title="Novità", url_path="changes"),
        st.Page("pages/sources.py", title="Dati e fonti", url_path="sources"),
    )


page = st.navigation([copy.copy(p) for p in loaders.once_per_process("pages", registered_pages)], position="top")
st.session_state[k.ENTRYPOINT_SEEN] = True
# The page's language, Streamlit's interface words in Italian and the shared style (lib/views/chrome.py): our
# own fixed script, with no text from users, the registry or the URL in it.
st.html(chrome.head_html(), unsafe_allow_javascript=True)
# Shown only in embed mode (?embed=true, which st.query_params leaves out: the link is this view without it).
st.html(chrome.embed_bar_html(slides.view_url(st.context.url or "", st.query_params.to_dict())))
if (failure := loaders.load_registry_failure()) is not None:
    st.error(lb.REGISTRY_UNREADABLE.format(file=escape_markdown(failure.file),
                                           problem=escape_markdown(failure.message)))
try:
    page.run()
except StorageUnavailableError:
    # The database blinked: say so in Italian, keep nothing half-done, and try the page again by itself.
    st.warning(lb.DATABASE_PAUSED)
    loaders.rerun_later(lb.DATABASE_RETRY_S)
except Exception as error:  # the last guard: no traceback or database URL ever reaches a visitor
    st.error(lb.UNEXPECTED_ERROR.format(error_id=errors.report(error)))
