"""Map documents as content-named files (lib/loaders/map_files.py): what a browser downloads once, not per visit.

The home page and the plenary send the URL of their map document, not the document; the file is the
document as rendered, its name changes with its content, and where the folder cannot be written the page
still shows its map, sent inline."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from lib import loaders
from lib.loaders import map_files
from lib.views.map_state import MapRequest
from tests.ui.conftest import open_page


def _frame_args(at: object) -> dict:
    return next(a for a in (json.loads(c.proto.json_args) for c in at.get("component_instance"))
                if "src" in a or "psm-area" in a.get("html", ""))


def test_the_home_page_sends_its_map_as_a_file_the_browser_keeps() -> None:
    at = open_page("pages/home_map.py")
    assert not at.exception
    args = _frame_args(at)
    name = args["src"].removeprefix(map_files.maps_path())
    document = (map_files.maps_folder() / name).read_text(encoding="utf-8")
    # The file is the whole map, named by its content, and the page does not send it as well.
    assert "psm-area" in document and args["html"] == ""
    assert name == map_files.file_name(document) and len(name) == map_files.HASH_CHARS + len(".html")
    # Another view, another name (any process writes the same view's bytes under the same name).
    other = loaders.load_map_html(MapRequest(axis=3))
    assert map_files.file_name(other) != name
    assert len(json.dumps(args)) < 1_000 < len(document) // 50


def test_a_folder_that_cannot_be_written_sends_the_map_inline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from lib.loaders import home

    blocked = tmp_path / "a-file"
    blocked.write_text("maps/ cannot be made inside a file", encoding="utf-8")
    monkeypatch.setattr(map_files, "maps_folder", lambda: blocked / "maps")
    home._home_view.clear()
    try:
        at = open_page("pages/home_map.py")
        args = _frame_args(at)
        assert not at.exception and args.get("src") is None and "psm-area" in args["html"]
    finally:
        home._home_view.clear()
