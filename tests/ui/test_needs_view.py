"""The needs page reads one shared view and one per axis (lib/loaders/needs.py; issue 20: it was the page with
the most server time per viewer), and its recommendations are sent only once their expander is opened."""
from __future__ import annotations

import pandas as pd

from lib import loaders
from lib import schema as s
from lib.analysis import needs as an
from lib.loaders.arrow import shown_table
from lib.views import findings
from lib.views import needs_view as nv
from lib.views import state as k
from tests.ui.conftest import open_page

RECOMMENDATIONS_COLUMN = "Indicazioni e proposte"


def test_the_recommendations_are_sent_only_once_opened() -> None:
    at = open_page("pages/needs.py")
    assert not at.exception
    assert not any(RECOMMENDATIONS_COLUMN in d.value.columns for d in at.dataframe)
    at.session_state[k.NEEDS_RECOMMENDATIONS_OPEN] = True  # what opening the expander does
    at.run()
    shown = [d.value for d in at.dataframe if RECOMMENDATIONS_COLUMN in d.value.columns]
    assert len(shown) == 1 and len(shown[0]) == len(loaders.load_needs().recommendations) > 0


def test_the_shared_needs_view_holds_what_the_page_built_on_every_run() -> None:
    view = loaders.load_needs_view()
    book, needs = loaders.load_needs(), loaders.load_needs_coverage()
    assert view is not None and view.book is book
    pd.testing.assert_frame_equal(view.needs, needs)
    assert view.finding == findings.needs_finding(needs)
    assert view.counts == (len(needs), int((book.proposals[s.PARENT_ID] == "").sum()),
                           int((needs[an.STATUS] == an.STATUS_NO_PROJECT).sum()), int(needs[s.IS_NEW].sum()))
    assert view.missing.equals(shown_table(nv.needs_frame(needs[needs[an.STATUS] == an.STATUS_ZONES_MISSING])))
    assert view.without.equals(shown_table(nv.needs_frame(needs[needs[an.STATUS] == an.STATUS_NO_PROJECT])))
    assert view.themes.equals(shown_table(nv.themes_frame(book)))
    assert loaders.load_needs_view() is view  # shared, not copied
    for axis in loaders.load_plan(book.linked_edition).axis_numbers:
        shown = loaders.load_needs_axis(axis)
        rows = needs[needs[s.AXIS] == axis]
        assert shown.table.equals(shown_table(nv.needs_frame(rows)))
        assert list(shown.labels) == list(rows[s.NEED_ID])
        assert all(label.startswith(f"{need} – ") for need, label in shown.labels.items())


def test_the_picker_and_the_detail_still_follow_the_url() -> None:
    at = open_page("pages/needs.py", asse="3", esigenza="N3.1")
    assert not at.exception and at.selectbox(key=k.NEEDS_PICK).value == "N3.1"
    assert any(m.value.startswith("**N3.1**") for m in at.markdown)
