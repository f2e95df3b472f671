"""plotly figures for the coverage page and presentation mode."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from lib import labels as lb
from lib import schema as s

# Zero cells get their own flat grey, clearly apart from the lightest blue of "1 project".
_HEAT_SCALE = [[0.0, "#e0e0e0"], [1e-6, "#e0e0e0"], [1e-6 + 1e-9, "#c6dbef"], [1.0, "#08306b"]]
FONT = dict(family="system-ui, sans-serif", size=16)


def coverage_heatmap(matrix_df: pd.DataFrame, strategies_df: pd.DataFrame) -> go.Figure:
    """Zone × strategy heatmap: the count in every cell, empty cells grey and marked with a dash."""
    zmax = max(1, int(matrix_df.values.max()))
    titles = dict(zip(strategies_df[s.STRATEGY], strategies_df[s.STRATEGY_TITLE]))
    text = [["–" if v == 0 else str(v) for v in row] for row in matrix_df.values]
    hover = [[f"{lb.zone_label(int(z))}<br>{c} – {titles[c]}<br>Progetti: {v}" for c, v in row.items()]
             for z, row in matrix_df.iterrows()]
    fig = go.Figure(go.Heatmap(
        z=matrix_df.values, x=list(matrix_df.columns), y=[lb.zone_label(int(z)) for z in matrix_df.index],
        text=text, texttemplate="%{text}", textfont={"size": 15}, hovertext=hover, hoverinfo="text",
        colorscale=_HEAT_SCALE, zmin=0, zmax=zmax, xgap=2, ygap=2,
        colorbar={"title": {"text": "Progetti"}}))
    fig.update_layout(font=FONT, height=560, margin=dict(l=10, r=10, t=30, b=10),
                      xaxis={"side": "top", "type": "category", "title": "Strategia"},
                      yaxis={"autorange": "reversed", "type": "category"})
    return fig


def axis_bars(axis_totals_df: pd.DataFrame) -> go.Figure:
    """Projects per axis, split into located and metro-wide, in the axis colours."""
    names = [f"Asse {a}" for a in axis_totals_df[s.AXIS]]
    fig = go.Figure([
        go.Bar(name="Localizzati in zone", x=names, y=axis_totals_df["n_local"],
               marker_color=list(axis_totals_df[s.AXIS_COLOR]), text=axis_totals_df["n_local"]),
        go.Bar(name="Scala metropolitana", x=names, y=axis_totals_df["n_metro"],
               marker_color=list(axis_totals_df[s.AXIS_COLOR]), marker_pattern_shape="/",
               text=axis_totals_df["n_metro"]),
    ])
    fig.update_layout(barmode="stack", font=FONT, height=380, margin=dict(l=10, r=10, t=30, b=10),
                      yaxis_title="Progetti", legend={"orientation": "h", "y": -0.15})
    return fig


def area_bars(summary_df: pd.DataFrame, key: str, metric: str, color: str = "#08306b") -> go.Figure:
    """One bar per zone or table for a metric, lowest first, so areas left behind stand out."""
    ordered = summary_df.sort_values(metric)
    labels = [lb.zone_label(int(k)) if key == s.ZONE_ID else lb.table_label(k) for k in ordered[key]]
    fig = go.Figure(go.Bar(x=ordered[metric], y=labels, orientation="h", marker_color=color,
                           text=ordered[metric], textposition="outside"))
    fig.update_layout(font=FONT, height=max(300, 42 * len(ordered)), margin=dict(l=10, r=40, t=30, b=10),
                      xaxis_title=lb.METRIC_LABELS[metric], yaxis={"type": "category"})
    return fig
