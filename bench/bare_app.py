"""The event benchmark's peer: a bare Streamlit app shaped like ours (page config, twelve pages in the
navigation, the same URL for the plenary) whose plenary page writes one line. Served under the same load as
the real plenary, it shows how much of the first-render time is the engine's own."""
import streamlit as st


def _page(name: str):
    def page() -> None:
        st.write(name)
    page.__name__ = name
    return page


st.set_page_config(page_title="bare", layout="wide")
NAMES = ["coverage_map", "zone", "search", "coverage", "needs", "presentation", "facilitator", "control_room",
         "plenary", "report", "moderation", "sources"]
st.navigation([st.Page(_page(name), title=name, url_path=name, default=i == 0)
               for i, name in enumerate(NAMES)]).run()
