"""Map documents as files named by their content, so a browser downloads each one once.

A map document (the home map of one view, the plenary's base map) is the same for every viewer, and at
about 100 KB it was most of what a session received. Written once per process and view into maps/ in
PSM_DATA_DIR as `<sha256 prefix>.html` (atomically; every process writes the same bytes under the same name),
it is fetched by the map frame as a file instead: nginx (deploy/) serves the folder with a year's caching,
since a changed map has a new name; without nginx Streamlit serves it as the files of a component declared
on the folder. Where the folder cannot be written the document is sent inline, as before.
"""
from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from lib import config
from lib.atomic import write_atomically
from lib.loaders.served import served_folder

HASH_CHARS = 20
_log = logging.getLogger(__name__)


def maps_folder() -> Path:
    """Where the documents are written: maps/ in PSM_DATA_DIR (the folder nginx serves at `maps_path()`)."""
    return config.data_folder("maps")


def maps_path() -> str:
    """The URL prefix of the folder ('/component/lib.loaders.served.maps/'), for the frame and nginx."""
    return served_folder("maps", str(maps_folder()))


def file_name(document: str) -> str:
    return hashlib.sha256(document.encode("utf-8")).hexdigest()[:HASH_CHARS] + ".html"


def map_file_url(document: str) -> str | None:
    """The URL of the document as a file, written if it is not there yet; None if it cannot be written."""
    name = file_name(document)
    try:
        if not (maps_folder() / name).is_file():
            write_atomically(maps_folder(), name, document.encode("utf-8"))
        return maps_path() + name
    except OSError as err:
        _log.warning("map document not written to %s (sent inline): %s", maps_folder(), err)
        return None
