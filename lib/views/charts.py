"""plotly figures for the coverage, needs and presentation pages (Italian number formats, escaped text)."""
from __future__ import annotations

import html
from typing import TypedDict

import pandas as pd
import plotly.graph_objects as go

from lib import schema as s
from lib.analysis.measures import MEASURE_BY_KEY
from lib.views import fmt
from lib.views import labels as lb

# Zero cells get their own flat grey, clearly apart from the lightest blue of "1 project".
# Bars of all axes together; one axis's bars take that axis's colour.
DEFAULT_RAMP = "#08306b"
_HEAT_SCALE = [[0.0, "#e0e0e0"], [1e-6, "#e0e0e0"], [1e-6 + 1e-9, "#c6dbef"], [1.0, "#08306b"]]
# Text on charts is dark enough for 4.5:1 on white (#4d4d4d and darker).
FONT = dict(family="system-ui, sans-serif", size=16, color="#1a1a1a")
# How pages show a chart: our colours and fonts (not Streamlit's theme, whose greys are too light), and no
# plotly toolbar (English, and nothing a reader needs).
class ChartOptions(TypedDict):
    theme: None
    config: dict[str, bool]


SHOW: ChartOptions = {"theme": None, "config": {"displayModeBar": False}}
DARK_TEXT, LIGHT_TEXT = "#1a1a1a", "#ffffff"


def ink(background: str) -> str:
    """Text colour readable on a '#rrggbb' background: white on dark colours, near-black on light ones."""
    r, g, b = (int(background.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4))
    luminance = sum(w * (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4)
                    for w, c in zip((0.2126, 0.7152, 0.0722), (r, g, b), strict=True))
    return LIGHT_TEXT if (1.05 / (luminance + 0.05)) >= (luminance + 0.05) / 0.0525 else DARK_TEXT


def text(value: object) -> str:
    """Data text for a plotly label or hover: plotly reads a subset of HTML, so it is escaped."""
    return html.escape(str(value), quote=False)


def _layout(fig: go.Figure, height: int, **extra: object) -> go.Figure:
    extra = {"margin": dict(l=10, r=10, t=30, b=10), **extra}
    fig.update_layout(font=FONT, height=height, separators=fmt.PLOTLY_SEPARATORS, paper_bgcolor="white",
                      plot_bgcolor="white", **extra)
    fig.update_xaxes(automargin=True, tickfont=dict(color="#1a1a1a"))
    fig.update_yaxes(automargin=True, tickfont=dict(color="#1a1a1a"))
    return fig


# A strategy with no project at all is marked in the heatmap's header in this colour (7:1 on white).
GAP_COLOR = "#a00000"


def coverage_heatmap(matrix_df: pd.DataFrame, strategies_df: pd.DataFrame) -> go.Figure:
    """Zone × strategy heatmap: the count in every cell, empty cells grey and marked with a dash; below the zones a
    row of the projects in no zone, so "nothing placed here" never looks like "nothing at all"; strategies with no
    project at all marked in the header; each code's title on hover.

    Args:
        matrix_df: zones × strategies of placed projects (lib.analysis.coverage.zone_strategy_matrix).
        strategies_df: per-strategy totals, all and placed (the "strategies" frame of coverage_tables).
    """
    totals = strategies_df.set_index(s.STRATEGY)
    titles = totals[s.STRATEGY_TITLE].to_dict()
    unplaced = (totals["n_total"] - totals["n_local"]).reindex(matrix_df.columns).fillna(0).astype(int)
    values = [*matrix_df.values.tolist(), unplaced.tolist()]
    names = [lb.zone_label(int(z), short=True) for z in matrix_df.index] + [lb.HEATMAP_UNPLACED_ROW]
    long_names = [lb.zone_label(int(z)) for z in matrix_df.index] + [lb.HEATMAP_UNPLACED_HOVER]
    codes = list(matrix_df.columns)
    cells = [["–" if v == 0 else fmt.number(v) for v in row] for row in values]
    hover = [[f"{text(name)}<br>{text(c)} – {text(titles[c])}<br>{lb.projects_count(v)}"
              for c, v in zip(codes, row, strict=True)] for name, row in zip(long_names, values, strict=True)]
    fig = go.Figure(go.Heatmap(
        z=values, x=[text(c) for c in codes], y=[text(n) for n in names],
        text=cells, texttemplate="%{text}", textfont={"size": 15}, hovertext=hover, hoverinfo="text",
        colorscale=_HEAT_SCALE, zmin=0, zmax=max(1, *(max(row) for row in values)), xgap=2, ygap=2,
        colorbar={"title": {"text": "Progetti"}}))
    # The header: each code with its title on hover; a strategy with no project at all, in red with a cross.
    gaps = {c for c in codes if int(totals.at[c, "n_total"]) == 0}
    # (x by position: a code such as "1.2" given as x would be read as a number, not as its category.)
    fig.update_layout(annotations=[dict(
        x=i, xref="x", y=1, yref="paper", yanchor="bottom", showarrow=False, font={"size": 15},
        text=(f'<b style="color:{GAP_COLOR}">{text(c)}<br>{lb.HEATMAP_GAP_MARK}</b>' if c in gaps else text(c)),
        hovertext=f"{text(c)} – {text(titles[c])}<br>{lb.projects_count(int(totals.at[c, 'n_total']))} in tutto")
        for i, c in enumerate(codes)])
    # A rule between the zones and the row of projects in no zone.
    fig.add_shape(type="line", xref="paper", x0=0, x1=1, yref="y", y0=len(names) - 1.5, y1=len(names) - 1.5,
                  line={"color": DARK_TEXT, "width": 2})
    return _layout(fig, 610, xaxis={"side": "top", "type": "category", "showticklabels": False, "ticks": ""},
                   yaxis={"autorange": "reversed", "type": "category"}, margin=dict(l=10, r=10, t=56, b=10))


def axis_bars(axis_totals_df: pd.DataFrame) -> go.Figure:
    """Projects per axis, split into those placed in zones and those in no zone, in the axis colours."""
    names = [f"Asse {a}" for a in axis_totals_df[s.AXIS]]
    colors = list(axis_totals_df[s.AXIS_COLOR])
    fig = go.Figure([
        go.Bar(name="In zone", x=names, y=axis_totals_df["n_local"], marker_color=colors,
               text=axis_totals_df["n_local"], textposition="inside",
               insidetextfont={"color": [ink(c) for c in colors]}),
        go.Bar(name="Senza zona", x=names, y=axis_totals_df["n_unplaced"], marker_color=colors,
               marker_pattern_shape="/", text=axis_totals_df["n_unplaced"], textposition="inside",
               insidetextfont={"color": [ink(c) for c in colors]}),
    ])
    return _layout(fig, 380, barmode="stack", yaxis_title="Progetti",
                   legend={"orientation": "h", "y": -0.15})


def area_bars(summary_df: pd.DataFrame, key: str, measure: str, color: str = DEFAULT_RAMP) -> go.Figure:
    """One bar per zone or venue group for a measure, lowest first, so areas left behind stand out."""
    spec = MEASURE_BY_KEY[measure]
    ordered = summary_df.sort_values(measure)
    labels = [text(lb.zone_label(int(k), short=True) if key == s.ZONE_ID else f"Gruppo {k}") for k in ordered[key]]
    values = [fmt.number(v, spec.decimals) for v in ordered[measure]]
    fig = go.Figure(go.Bar(x=ordered[measure], y=labels, orientation="h", marker_color=color, text=values,
                           textposition="outside", cliponaxis=False))
    top = float(ordered[measure].max() or 1)
    return _layout(fig, max(300, 42 * len(ordered)), xaxis_title=text(spec.label),
                   xaxis={"range": [0, top * 1.25]}, yaxis={"type": "category"})


def needs_bars(needs_df: pd.DataFrame, status_labels: dict[str, str], status_colors: dict[str, str],
               axis_titles: dict[int, str]) -> go.Figure:
    """Needs per axis, stacked by their standing against the coverage of the strategies they continue."""
    axes = sorted(needs_df[s.AXIS].unique())
    bars = []
    for status, label in status_labels.items():
        counts = [int(((needs_df[s.AXIS] == a) & (needs_df["status"] == status)).sum()) for a in axes]
        bars.append(go.Bar(name=text(label), x=[f"Asse {a}" for a in axes], y=counts,
                           marker_color=status_colors[status],
                           text=[c or "" for c in counts], textposition="inside",
                           insidetextfont={"color": ink(status_colors[status])},
                           hovertext=[text(axis_titles.get(a, "")) for a in axes], showlegend=any(counts)))
    return _layout(go.Figure(bars), 360, barmode="stack", yaxis_title="Esigenze",
                   legend={"orientation": "h", "y": -0.2})


# On a projector every text of a chart is read from the back of the room: 24 px, bar labels upright.
PROJECTED_FONT_PX = 24


def projected(fig: go.Figure) -> go.Figure:
    """A copy of a chart for the presentation: every text at PROJECTED_FONT_PX (the shared figure is untouched)."""
    big = go.Figure(fig)
    big.update_layout(font={**FONT, "size": PROJECTED_FONT_PX}, height=max(fig.layout.height or 0, 420),
                      uniformtext={"minsize": PROJECTED_FONT_PX, "mode": "show"})
    big.update_traces(textangle=0, selector={"type": "bar"})
    big.update_xaxes(tickfont={"size": PROJECTED_FONT_PX})
    big.update_yaxes(tickfont={"size": PROJECTED_FONT_PX}, title_font={"size": PROJECTED_FONT_PX})
    return big
