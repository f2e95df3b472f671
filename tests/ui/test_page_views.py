"""The coverage and sources pages read one shared view each (lib/loaders/coverage.py, lib/loaders/sources.py;
issue 20): the view holds what the page built on every run from the separate loaders, and is the same object
for every viewer."""
from __future__ import annotations

from streamlit.testing.v1 import AppTest

from lib import loaders
from lib import schema as s
from lib.loaders.arrow import shown_table
from lib.safe_text import escape_markdown
from lib.views import findings
from lib.views.frames import editions_frame, strategy_judgements
from tests.ui.conftest import open_page


def test_the_shared_coverage_view_holds_what_the_separate_loaders_give() -> None:
    plan = loaders.load_plan()
    edition = plan.edition.key
    tables = loaders.load_coverage_tables(edition)
    for axis in (None, 1, 6):
        view = loaders.load_coverage_view(edition, axis)
        assert view.finding == findings.coverage_finding(tables["strategies"], loaders.load_zone_summary(edition))
        assert view.n_empty == len(tables["empty"])
        assert view.empty_markdown == "\n".join(
            f"- **{escape_markdown(c)}** – {escape_markdown(t)}"
            for c, t in zip(tables["empty"][s.STRATEGY], tables["empty"][s.STRATEGY_TITLE], strict=True))
        assert view.judged.equals(shown_table(strategy_judgements(tables["strategies"], plan.judgements)))
        assert view.charts is loaders.load_coverage_charts(edition, axis)
        assert loaders.load_coverage_view(edition, axis) is view  # shared, not copied
    assert loaders.load_coverage_view(edition, 2).charts is not loaders.load_coverage_view(edition, 3).charts


def test_the_coverage_page_follows_its_axis_box() -> None:
    at = open_page("pages/coverage.py", asse="4")
    assert not at.exception and at.selectbox(key="coverage_axis").value == 4
    at.selectbox(key="coverage_axis").set_value(0).run()
    assert not at.exception and at.query_params.get("asse") is None


def test_the_shared_sources_view_holds_what_the_separate_loaders_give() -> None:
    view = loaders.load_sources_view()
    assert view.editions.equals(shown_table(editions_frame(loaders.load_catalogue())))
    issues = loaders.load_registry_issues() + loaders.load_quantity_issues()
    assert view.issues.num_rows == len(issues)
    assert view.n_projects == loaders.load_project_count()
    assert view.categories.to_pandas()["Codice"].tolist() == loaders.load_categories()[s.CATEGORY].tolist()
    assert loaders.load_sources_view() is view


def test_the_sources_page_lists_a_registrys_problems_as_before(tmp_path, monkeypatch) -> None:
    # The table the page used to build from the issues (a list of dicts) and the one it now keeps send the same.
    registry = tmp_path / "projects.csv"
    lines = s.PROJECTS_CSV.read_text(encoding="utf-8").splitlines()
    registry.write_text("\n".join([lines[0], lines[1].replace(",2021-2023,", ",1999-2001,", 1), *lines[2:]]) + "\n",
                        encoding="utf-8")
    monkeypatch.setenv("PSM_PROJECTS_CSV", str(registry))
    at = open_page("pages/sources.py")
    assert not at.exception and any("problem" in w.value for w in at.warning)
    issues = loaders.load_registry_issues() + loaders.load_quantity_issues()
    assert issues
    old = AppTest.from_function(_old_table, args=([(i.file, i.line, i.column, i.message) for i in issues],),
                                default_timeout=30).run()
    table = next(d for d in at.dataframe if list(d.value.columns) == ["File", "Riga", "Colonna", "Problema"])
    assert table.proto.arrow_data.data == old.dataframe[0].proto.arrow_data.data


def _old_table(rows):  # no annotations: AppTest runs its source as a script of its own
    import streamlit as st

    st.dataframe([{"File": f, "Riga": r, "Colonna": c, "Problema": m} for f, r, c, m in rows], hide_index=True)


def test_the_shared_search_results_hold_what_the_page_built_on_every_run() -> None:
    from lib.submissions.form import build_choices
    from lib.views import labels as lb
    from lib.views.frames import search_result_list, search_results

    for text in ("bici", "Pinerolo GAL", "zzqqxx", "", "  "):
        results = loaders.load_search_results(text)
        found, n_found = search_results(*loaders.load_registry_search(), text, lb.MAX_LIST_ROWS)
        assert results.n_found == n_found and results.table.num_rows == len(found)
        assert results.table.equals(shown_table(search_result_list(found)))
        assert loaders.load_search_results(text) is results
    assert loaders.load_search_results("bici").n_found > 0 and loaders.load_search_results("zzqqxx").n_found == 0
    choices = loaders.load_report_choices()
    assert choices == build_choices(loaders.load_comuni(), loaders.load_plan().strategies, loaders.load_categories())
    assert loaders.load_report_choices() is choices and len(choices.comuni) == 312


def test_a_long_search_still_says_how_many_it_shows(monkeypatch) -> None:
    from lib.loaders.search import _search
    from lib.views import labels as lb

    monkeypatch.setattr(lb, "MAX_LIST_ROWS", 3)
    _search.clear()  # the results kept are cut at the real limit
    try:
        at = open_page("pages/search.py", cerca="a")
        assert not at.exception and at.dataframe[0].value.shape[0] == 3
        assert any(c.value.startswith("Sono mostrati i primi 3") for c in at.caption)
    finally:
        _search.clear()
