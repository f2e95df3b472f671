"""Folders the app writes while it runs (the live plenary's files, map documents), served by Streamlit as the
files of a component declared on each; nginx serves the same folders from disk (deploy/)."""
from __future__ import annotations

from pathlib import Path

import streamlit.components.v1 as components

from lib.loaders.shared_values import shared


@shared()
def served_folder(name: str, folder: str) -> str:
    """The URL prefix at which Streamlit serves `folder` ('/component/lib.loaders.served.<name>/'); made if
    missing."""
    Path(folder).mkdir(parents=True, exist_ok=True)
    return f"/component/{components.declare_component(name, path=folder).name}/"
