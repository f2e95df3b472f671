"""A table kept ready to send (lib/loaders/arrow.py) reaches the browser exactly as its frame would: the same
Arrow bytes and the same column settings, for every table the shared views keep (issue 20: converting them
on every run was a tenth of the zone page's server time). A Streamlit upgrade that changes its conversion
fails here."""
from __future__ import annotations

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from lib import loaders
from lib.loaders.arrow import shown_table
from lib.views import needs_view as nv
from lib.views.frames import zone_project_list


def _send_both(frames, config):  # no annotations: AppTest runs its source as a script of its own
    import streamlit as st

    from lib.loaders.arrow import shown_table

    for frame in frames:
        st.dataframe(frame, hide_index=True, column_config=config)
        st.dataframe(shown_table(frame), hide_index=True, column_config=config)


def _frames() -> dict[str, pd.DataFrame]:
    projects, _ = loaders.load_project_table(7)
    listed = zone_project_list(projects)
    extras = loaders.load_zone_extras(7)
    book = loaders.load_needs()
    return {"zone list": listed, "zone list, searched": listed.iloc[[2, 0]], "checklist": extras["checklist"],
            "no rows": extras["unmapped"].iloc[0:0], "comuni": extras["comuni"],
            "needs": nv.needs_frame(loaders.load_needs_coverage()), "themes": nv.themes_frame(book),
            "recommendations": nv.recommendations_frame(book)}


@pytest.mark.parametrize("name", list(_frames()))
def test_a_shown_table_sends_what_its_frame_sends(name: str) -> None:
    import streamlit as st

    from lib.views import labels as lb

    config = {lb.PROJECT_LINK_COLUMN: st.column_config.LinkColumn(display_text=lb.PROJECT_LINK_TEXT)}
    at = AppTest.from_function(_send_both, args=([_frames()[name]], config), default_timeout=30).run()
    assert not at.exception
    as_frame, as_table = (d.proto for d in at.dataframe)
    assert as_table.arrow_data.data == as_frame.arrow_data.data and len(as_frame.arrow_data.data) > 0
    assert as_table.columns == as_frame.columns


def test_the_shared_zone_view_holds_what_the_separate_loaders_give() -> None:
    for zone_id in (1, 7, 11):
        view = loaders.load_zone_view(zone_id, loaders.map_assets_key())
        projects, index = loaders.load_project_table(zone_id)
        extras = loaders.load_zone_extras(zone_id)
        pd.testing.assert_frame_equal(view.projects, projects)
        assert view.listed_table.equals(shown_table(zone_project_list(projects)))
        assert view.checklist.equals(shown_table(extras["checklist"])) and view.n_unplaced == extras["n_unplaced"]
        assert view.comuni.equals(shown_table(extras["comuni"]))
        assert view.map_html == loaders.load_zone_map_html(zone_id)
        summary = loaders.load_zone_summary().set_index("zone_id").loc[zone_id]
        assert view.summary == summary.to_dict()
        assert loaders.load_zone_view(zone_id, loaders.map_assets_key()) is view  # shared, not copied
        shown, listed = view.matching("")
        assert shown is view.projects and listed is view.listed_table
    word = str(view.projects.iloc[0, 2]).split()[0]
    rows, listed = view.matching(word)
    assert 0 < len(rows) == len(listed) and list(rows.index) == list(listed.index)
