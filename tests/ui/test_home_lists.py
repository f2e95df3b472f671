"""The home map's two lists are built and sent only when their expander is opened (issue 20: they cost every
viewer 6.4 ms and 42 KB although nobody had opened them)."""
from __future__ import annotations

from lib.views import state as k
from tests.ui.conftest import open_page


def test_the_lists_under_the_map_are_sent_only_once_opened() -> None:
    at = open_page("pages/home_map.py")
    assert not at.exception and len(at.expander) >= 2
    assert not any("Progetto" in d.value.columns for d in at.dataframe)  # nothing built for closed lists
    at.session_state[k.MAP_PLACED_OPEN] = True  # what opening the expander does
    at.run()
    placed = [d.value for d in at.dataframe if "Progetto" in d.value.columns]
    assert len(placed) == 1 and len(placed[0]) > 0
    at.session_state[k.MAP_UNPLACED_OPEN] = True
    at.run()
    assert len([d for d in at.dataframe if "Progetto" in d.value.columns]) == 2
