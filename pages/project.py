"""Progetto: one project's own page (?progetto=P012), with every field, its map and the links to correct it."""
import streamlit as st

from lib import loaders
from lib.safe_text import escape_markdown
from lib.views import labels as lb
from lib.views import params as p
from lib.views.project_view import card_html

loaders.through_entrypoint()

asked = p.raw(st.query_params.to_dict(), p.PROJECT)
card = loaders.load_project_card(asked) if asked else None
if card is None:
    st.title(lb.PROJECT_NOT_FOUND_TITLE)
    # The id is shown as typed, escaped: never read as Markdown.
    st.warning(lb.PROJECT_NOT_FOUND.format(project_id=escape_markdown(asked[:40])) if asked else lb.PROJECT_MISSING)
    st.page_link("pages/search.py", label=lb.PROJECT_SEARCH_LINK)
    st.stop()

st.title(escape_markdown(card.title))
st.caption(f"{card.project_id} · {escape_markdown(card.edition)}")
st.page_link("pages/report.py", label=lb.PROJECT_CORRECTION_LINK, query_params={p.PROJECT.name: card.project_id})
st.markdown(escape_markdown(card.description))
if card.inferred:
    st.info(lb.PROJECT_INFERRED.format(note=escape_markdown(card.location_note)))
if card.reported:
    st.caption(lb.PROJECT_REPORTED)

left, right = st.columns([1.2, 1])
with left:
    st.html(card_html(card))
with right:
    map_html = loaders.load_project_map_html(card.project_id)
    if map_html is None:
        st.caption(lb.PROJECT_NO_MAP.format(precision=card.precision))
    else:
        st.iframe(map_html, height=380)
        st.caption(lb.ATTRIBUTION)

st.header(lb.PROJECT_REPORTS)
reports = loaders.load_project_reports(card.project_id)
if reports is None:
    st.caption(lb.PROJECT_REPORTS_UNAVAILABLE)
for report in reports or []:
    st.markdown(escape_markdown(lb.report_line(report.receipt, f"{report.sent_at:%d/%m/%Y}",
                                               f"{report.approved_at:%d/%m/%Y}", report.correction)))
if reports == []:
    st.caption(lb.PROJECT_NO_REPORTS)

st.header(lb.PROJECT_HISTORY)
history = loaders.load_project_history(card.project_id)
if history is None:
    st.caption(lb.PROJECT_HISTORY_UNAVAILABLE)
elif history.empty:
    st.caption(lb.PROJECT_NO_HISTORY)
else:
    st.dataframe(history, hide_index=True)
