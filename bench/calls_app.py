"""The same-calls peer (bench.floor): a bare Streamlit app that, on every run, makes the elements one of our pages
sent (recorded in the file $PSM_BENCH_REPLAY) with the public `st.*` call that makes each of them, with the
same labels, options and bodies, inside the same navigation (one page per url_path of dashboard.py, built once
per process as ours are), and does nothing else: no data, no caches, no logic of ours.

Beside the same-elements peer (bench/replay_app.py, which enqueues the recorded messages as they are), it
splits the distance from our page to the replay into Streamlit's element functions and widget registration
(this peer minus the replay) and our own code (our page minus this peer). Element types it cannot make stop
the run with an error naming them (bench.calls.ELEMENTS lists the ones it can)."""
import copy
import os

import streamlit as st

from bench.calls import remake
from bench.pages import page_paths
from bench.recording import read_messages

st.set_page_config(page_title="calls", layout="wide")


def _play() -> None:
    remake(read_messages(os.environ["PSM_BENCH_REPLAY"]), {page.url_path: page for page in _pages()})


@st.cache_resource
def _pages() -> list[st.Page]:
    """Built once per process and handed out as copies, as dashboard.py does."""
    return [st.Page(_play, title=path, url_path=path, default=i == 0) for i, path in enumerate(page_paths())]


st.navigation([copy.copy(page) for page in _pages()], position="top").run()
