"""Cached views derived from the displayed projects: coverage summaries, project lists, zone extras, needs."""
from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, TypedDict

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from lib import schema as s
from lib.analysis import coverage as cov
from lib.analysis.needs import needs_coverage
from lib.loaders.projects import Source, current_source, displayed_projects, load_quantities, long_form
from lib.loaders.reference import load_catalogue, load_categories, load_comuni, load_layer, load_needs, load_plan
from lib.loaders.shared_values import shared
from lib.views import charts, fmt
from lib.views import labels as lb
from lib.views import needs_view as nv
from lib.views.frames import (
    MapLists,
    map_lists,
    project_display,
    search_index,
    sheet_projects,
    split_by_scope,
    zone_checklist,
    zone_comuni,
    zone_project_list,
)
from lib.views.map_view import (
    LAYER_ZONES,
    MapRequest,
    filter_projects,
    map_legend,
    projects_in_zone,
    projects_without_marker,
)
from lib.views.presentation import AXIS, GAPS, GROUP, OVERVIEW, Slide, Step, coverage_slide, needs_slide

COVERAGE_STEPS = (OVERVIEW, AXIS, GROUP, GAPS)

# The list of a zone's projects with no dot on its map: which project, and where it is placed instead.
UNMAPPED_COLUMNS = (lb.PROJECT_LINK_COLUMN, lb.COLUMN_LABELS[s.PROJECT_ID], lb.COLUMN_LABELS[s.TITLE],
                    lb.PLACEMENT_COLUMN)

# No axis or strategy chosen: the whole edition (a frozen dataclass, shared as a default).
ALL = cov.CoverageFilter()


def _edition(edition: str | None) -> str:
    return edition or load_catalogue().default


@st.cache_data(show_spinner=False)
def zone_summary_of(source: Source, edition: str, view: cov.CoverageFilter) -> pd.DataFrame:
    """Per-zone figures of one edition and filter (see lib.analysis.coverage.zone_summary)."""
    return cov.zone_summary(cov.filter_long(long_form(source, edition), view), load_comuni())


def load_zone_summary(edition: str | None = None, view: cov.CoverageFilter = ALL) -> pd.DataFrame:
    """Per-zone projects, strategies covered and every measure, for an axis or strategy."""
    return zone_summary_of(current_source(), _edition(edition), view)


@st.cache_data(show_spinner=False)
def group_summary_of(source: Source, edition: str, view: cov.CoverageFilter) -> pd.DataFrame:
    """The same figures per venue group A–F."""
    return cov.group_summary(cov.filter_long(long_form(source, edition), view), load_comuni())


def load_group_summary(edition: str | None = None, view: cov.CoverageFilter = ALL) -> pd.DataFrame:
    """Per-group projects, strategies covered and every measure, for an axis or strategy."""
    return group_summary_of(current_source(), _edition(edition), view)


@st.cache_data(show_spinner=False)
def _coverage_tables(source: Source, edition: str, basis: str) -> dict[str, pd.DataFrame]:
    plan = load_plan(edition)
    rows = cov.filter_long(long_form(source, edition), cov.CoverageFilter(basis=basis))
    return cov.coverage_tables(rows, plan.strategies, plan.axes)


def load_coverage_tables(edition: str | None = None, basis: str = cov.COUNT_TOUCHED) -> dict[str, pd.DataFrame]:
    """Zone × strategy matrix, axis totals, strategy totals and strategies with no project."""
    return _coverage_tables(current_source(), _edition(edition), basis)


# Plotly figures cost more to build than the data behind them: each is built once per process and view and
# shared (Streamlit turns a figure into a new dict before sending it, so the shared one is never changed).
@shared(max_entries=64)
def _coverage_charts(source: Source, edition: str, axis: int | None) -> dict[str, go.Figure]:
    plan, tables = load_plan(edition), _coverage_tables(source, edition, cov.COUNT_TOUCHED)
    ramp = plan.axis_colors().get(axis, charts.DEFAULT_RAMP) if axis is not None else charts.DEFAULT_RAMP
    view = cov.CoverageFilter(axis=axis)
    return {"heatmap": charts.coverage_heatmap(tables["matrix"], tables["strategies"]),
            "axes": charts.axis_bars(tables["axes"]),
            "groups": charts.area_bars(group_summary_of(source, edition, view), s.GROUP_ID, s.COUNT, ramp),
            "per_10k": charts.area_bars(zone_summary_of(source, edition, view), s.ZONE_ID, s.PER_10K, ramp)}


def load_coverage_charts(edition: str | None = None, axis: int | None = None) -> dict[str, go.Figure]:
    """The coverage page's plotly figures: heatmap, axis totals, groups and zones per capita (for `axis`)."""
    return _coverage_charts(current_source(), _edition(edition), axis)


@shared()
def _needs_chart(source: Source, edition: str) -> go.Figure:
    needs, plan = _needs_coverage(source, edition), load_plan(edition)
    return charts.needs_bars(needs, nv.STATUS_LABELS, nv.STATUS_COLORS, plan.axis_titles())


def load_needs_chart() -> go.Figure | None:
    """Needs per axis by standing, for the needs page and the presentation (None if no needs)."""
    book = load_needs()
    return None if book is None else _needs_chart(current_source(), book.linked_edition)


@st.cache_data(show_spinner=False, max_entries=32)
def _project_tables(source: Source, edition: str, zone_id: int | None) -> tuple[pd.DataFrame, pd.Series]:
    projects = displayed_projects(source)
    mine = projects[projects[s.PLAN_EDITION] == edition]
    shown = split_by_scope(mine)[1] if zone_id is None else projects_in_zone(mine, zone_id)
    return project_display(shown, load_categories(), load_quantities()), search_index(shown, load_categories())


def load_project_table(zone_id: int | None, edition: str | None = None) -> tuple[pd.DataFrame, pd.Series]:
    """A zone's projects (or, with None, those in no zone) ready to show, and their search index."""
    return _project_tables(current_source(), _edition(edition), zone_id)


@st.cache_data(show_spinner=False)
def _registry_search(source: Source) -> tuple[pd.DataFrame, pd.Series]:
    projects = displayed_projects(source)
    return project_display(projects, load_categories(), load_quantities()), search_index(projects, load_categories())


def load_registry_search() -> tuple[pd.DataFrame, pd.Series]:
    """Every project of every edition ready to show, and its search index (the search across zones)."""
    return _registry_search(current_source())


@st.cache_data(show_spinner=False, max_entries=64)
def _map_lists(source: Source, edition: str, axis: int | None, strategy: str | None) -> MapLists:
    shown = filter_projects(displayed_projects(source), load_plan(edition), axis, strategy)
    return map_lists(shown, load_categories(), lb.MAX_LIST_ROWS)


def load_map_lists(edition: str | None = None, axis: int | None = None,
                   strategy: str | None = None) -> MapLists:
    """The lists beside the home map, capped to MAX_LIST_ROWS rows (with the counts of the rest)."""
    return _map_lists(current_source(), _edition(edition), axis, strategy)


class ZoneExtras(TypedDict):
    """What the zone page shows besides its summary (see load_zone_extras)."""

    n_unplaced: int
    unmapped: pd.DataFrame
    checklist: pd.DataFrame
    comuni: pd.DataFrame


@st.cache_data(show_spinner=False, max_entries=32)
def _zone_extras(source: Source, edition: str, zone_id: int) -> ZoneExtras:
    projects = displayed_projects(source)
    unplaced = split_by_scope(projects[projects[s.PLAN_EDITION] == edition])[1]
    plan = load_plan(edition)
    unmapped = projects_without_marker(zone_id, plan, projects, load_comuni())
    return {"n_unplaced": len(unplaced),
            "unmapped": zone_project_list(project_display(unmapped, load_categories()))[list(UNMAPPED_COLUMNS)],
            "checklist": zone_checklist(zone_id, _coverage_tables(source, edition, cov.COUNT_TOUCHED)["matrix"],
                                        plan.strategies, unplaced, plan.judgements),
            "comuni": zone_comuni(zone_id, load_comuni(), long_form(source, edition))}


def load_zone_extras(zone_id: int, edition: str | None = None) -> ZoneExtras:
    """For the zone page: number of projects in no zone, the zone's projects with no dot on its map, the strategy
    checklist and the comuni table."""
    return _zone_extras(current_source(), _edition(edition), zone_id)


@st.cache_data(show_spinner=False)
def _needs_coverage(source: Source, edition: str) -> pd.DataFrame:
    book = load_needs()
    assert book is not None  # asked for only when there are needs (tells the type checker)
    return needs_coverage(book, long_form(source, edition))


def load_needs_coverage() -> pd.DataFrame | None:
    """Each need for the next plan against the coverage of the strategies it continues (None if no needs)."""
    book = load_needs()
    return None if book is None else _needs_coverage(current_source(), book.linked_edition)


@st.cache_data(show_spinner=False, max_entries=64)
def _slide(source: Source, step: Step) -> Slide:
    plan = load_plan()
    edition = plan.edition.key
    if step.kind in COVERAGE_STEPS:
        axis = int(str(step.value)) if step.kind == AXIS else None
        return coverage_slide(step, plan, _coverage_tables(source, edition, cov.COUNT_TOUCHED),
                              zone_summary_of(source, edition, cov.CoverageFilter(axis=axis)),
                              group_summary_of(source, edition, ALL),
                              int((displayed_projects(source)[s.PLAN_EDITION] == edition).sum()))
    book = load_needs()
    assert book is not None  # the needs steps exist only when there are needs (tells the type checker)
    return needs_slide(step, book, _needs_coverage(source, book.linked_edition), load_plan(book.linked_edition))


def load_slide(step: Step) -> Slide:
    """What one step of the presentation shows (for the default edition)."""
    return _slide(current_source(), step)


@st.cache_data(show_spinner=False, max_entries=64)
def _legend(source: Source, request: MapRequest) -> dict[str, Any]:
    edition = request.edition or load_catalogue().default
    summary = (zone_summary_of if request.layer == LAYER_ZONES else group_summary_of)(source, edition, request.coverage)
    return map_legend(request, load_plan(edition), displayed_projects(source), summary, load_layer(request.layer))


def load_map_legend(request: MapRequest) -> dict[str, Any]:
    """The legend of a map view as data, for drawing it beside the map."""
    return _legend(current_source(), request)


def zone_sheet_pdf(zone_id: int) -> bytes:
    """The zone's one-page printable sheet (PDF), built when asked for (a download button's callback)."""
    # Here, not at the top: lib.views.sheet imports reportlab, ~60 ms of every cold start otherwise.
    from lib.views.sheet import ZoneSheet
    from lib.views.sheet import zone_sheet_pdf as sheet_pdf

    source, plan = current_source(), load_plan()
    edition = plan.edition.key
    summary = zone_summary_of(source, edition, ALL).set_index(s.ZONE_ID).loc[zone_id]
    comuni = load_comuni()
    mine = displayed_projects(source)
    in_zone = projects_in_zone(mine[mine[s.PLAN_EDITION] == edition], zone_id)
    sited = long_form(source, edition)
    sited = sited[(sited[s.ZONE_ID] == zone_id) & sited[s.ISTAT].notna()]
    layer = load_layer("comuni")
    extras = _zone_extras(source, edition, zone_id)
    sheet = ZoneSheet(
        title=lb.zone_label(zone_id),
        subtitle=f"{lb.group_label(summary[s.GROUP_ID])} · {lb.group_detail(summary[s.GROUP_ID])} · "
                 f"{fmt.count(int(summary[s.N_COMUNI]), 'comune', 'comuni')} · "
                 f"{fmt.number(summary[s.POPULATION])} abitanti"
                 f" · {plan.edition.label}",
        figures=[("Progetti nella zona", fmt.number(summary[s.COUNT])),
                 ("di cui con posizione dedotta", fmt.number(summary[s.INFERRED_COUNT])),
                 ("Strategie coperte", fmt.share(summary[s.STRATEGIES_COVERED], len(plan.codes))),
                 ("Progetti ogni 10.000 abitanti", fmt.number(summary[s.PER_10K], 2)),
                 ("Progetti senza zona (valgono per tutte)", fmt.number(extras["n_unplaced"]))],
        projects=sheet_projects(in_zone, dict(zip(comuni[s.ISTAT], comuni[s.NAME], strict=True))),
        checklist=extras["checklist"][["Strategia", "Titolo", "Nella zona"]],
        comuni_gdf=layer[layer[s.ZONE_ID] == zone_id],
        counts=sited.groupby(s.ISTAT)[s.PROJECT_ID].nunique().to_dict(),
        sources=f"Fonti: monitoraggio PSM, interviste 2023 (progetti); {lb.ATTRIBUTION}",
        generated_at=datetime.now(UTC))
    return sheet_pdf(sheet)
