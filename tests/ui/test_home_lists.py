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


def test_the_shared_home_view_holds_what_the_separate_loaders_give() -> None:
    """One cached value per view (lib/loaders/home.py) instead of a dozen cached calls per run: the same
    map document, legend, ranking, summary, lists and strategy picker as the loaders it is built from."""
    import pandas as pd

    from lib import loaders
    from lib.analysis import coverage as cov
    from lib.analysis.measures import MEASURE_BY_KEY
    from lib.views import labels as lb
    from lib.views import slides
    from lib.views.map_state import LAYER_GROUPS, MapRequest, strategy_choices, strategy_gaps_sentence
    from lib.views.map_view import ranking, ranking_html

    plan = loaders.load_plan()
    edition = plan.edition.key
    for request in (MapRequest(), MapRequest(axis=2, measure="per_10k"), MapRequest(layer=LAYER_GROUPS, axis=3),
                    MapRequest(strategy=plan.codes[0], basis=cov.COUNT_TOUCHED, selected="5")):
        view = loaders.load_home_view(request, loaders.map_assets_key())
        assert view.map_html == loaders.load_map_html(request)
        assert view.legend_html == slides.legend_html(loaders.load_map_legend(request))
        summary = (loaders.load_zone_summary if request.layer == "zone" else loaders.load_group_summary)(
            edition, request.coverage)
        pd.testing.assert_frame_equal(view.summary, summary)
        caption = lb.RANKING_CAPTION.format(measure=MEASURE_BY_KEY[request.measure].label.lower())
        assert view.ranking_html == ranking_html(ranking(summary, request.layer, request.measure), caption)
        lists = loaders.load_map_lists(edition, request.axis, request.strategy)
        assert view.lists.keys() == lists.keys()
        for key, value in lists.items():
            if isinstance(value, pd.DataFrame):
                pd.testing.assert_frame_equal(view.lists[key], value)
            else:
                assert view.lists[key] == value
        assert loaders.load_home_view(request, loaders.map_assets_key()) is view  # shared, not copied
    for axis in (None, 1, 4):
        totals = loaders.load_coverage_tables(edition)["strategies"]
        picker = loaders.load_home_controls(edition, axis)
        assert picker.choices == strategy_choices(plan, axis, totals)
        assert picker.gaps == strategy_gaps_sentence(plan, axis, totals)
