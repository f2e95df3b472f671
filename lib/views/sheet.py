"""A zone's one-page printable sheet (PDF) for the Assemblea dei Sindaci, drawn with ReportLab.

Map of the zone's comuni (shaded by projects sited there), key figures, the project list, the strategy
checklist, the date and the sources. Every text is set as text (escaped for ReportLab's paragraph markup).
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime

import geopandas as gpd
import pandas as pd
from reportlab.graphics.shapes import Drawing, Polygon
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import KeepInFrame, SimpleDocTemplate, Spacer, Table, TableStyle

from geo.maps import EMPTY_FILL, class_breaks, mix
from lib.views import fmt
from lib.views.pdf import column_widths, register_fonts, replacement_notice
from lib.views.pdf import grid as _grid
from lib.views.pdf import para as _p
from lib.views.pdf import style as _style

MAP_SIZE_MM = (80, 66)
GAP_MARK = "0 ✗"  # a strategy with no project in the zone
GAP_FILL = "#fde2e1"
GAP_NOTE = f"In grassetto, su fondo rosato e con {GAP_MARK}: le strategie senza alcun progetto nella zona."
RAMP = "#08306b"


@dataclass(frozen=True)
class ZoneSheet:
    """What the sheet shows; every text already in Italian."""

    title: str
    subtitle: str
    figures: list[tuple[str, str]]
    projects: pd.DataFrame          # columns shown as they are (Italian headings)
    checklist: pd.DataFrame         # "Strategia", "Titolo", "Nella zona"
    comuni_gdf: gpd.GeoDataFrame    # the zone's comuni, WEB_CRS
    counts: dict[str, int]          # ISTAT code → projects sited there
    sources: str
    generated_at: datetime


def _map(sheet: ZoneSheet) -> Drawing:
    """The zone's comuni as filled polygons, projected by a simple equirectangular fit."""
    width, height = MAP_SIZE_MM[0] * mm, MAP_SIZE_MM[1] * mm
    drawing = Drawing(width, height)
    minx, miny, maxx, maxy = sheet.comuni_gdf.total_bounds
    scale = min(width / (maxx - minx), height / ((maxy - miny) * 1.42))  # 1/cos(45°): degrees of longitude are short
    breaks = class_breaks(list(sheet.counts.values()), integer=True)
    for row in sheet.comuni_gdf.itertuples(index=False):
        value = sheet.counts.get(row.istat, 0)
        step = next((i for i, b in enumerate(breaks) if value <= b), 0)
        fill = EMPTY_FILL if value <= 0 else mix("#ffffff", RAMP, 0.3 + 0.7 * step / max(1, len(breaks) - 1))
        parts = getattr(row.geometry, "geoms", [row.geometry])
        for part in parts:
            points = [v for x, y in part.exterior.coords for v in ((x - minx) * scale, (y - miny) * scale * 1.42)]
            drawing.add(Polygon(points, fillColor=colors.HexColor(fill), strokeColor=colors.HexColor("#555555"),
                                strokeWidth=0.3))
    return drawing


def zone_sheet_pdf(sheet: ZoneSheet) -> bytes:
    """The sheet as a one-page A4 PDF; a long project list is shrunk to fit the page, never cut."""
    register_fonts()
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=12 * mm, rightMargin=12 * mm, topMargin=11 * mm,
                            bottomMargin=10 * mm, title=sheet.title, author="Città metropolitana di Torino – PSM",
                            subject="Scheda della zona omogenea", lang="it-IT")
    small, cell, head = _style(7.5, color="#333333"), _style(7), _style(7, bold=True)
    figures = Table([[_p(value, _style(15, bold=True)), _p(label, _style(8, color="#333333"))]
                     for label, value in sheet.figures], colWidths=[28 * mm, 62 * mm])
    figures.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]))
    top = Table([[_map(sheet), figures]], colWidths=[(MAP_SIZE_MM[0] + 6) * mm, None])
    top.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    projects = Table([[_p(c, head) for c in sheet.projects.columns]]
                     + [[_p(v, cell) for v in row] for row in sheet.projects.itertuples(index=False)],
                     colWidths=column_widths(sheet.projects.columns, [w * mm for w in (11, 62, 16, 44, 53)], head),
                     repeatRows=1)
    projects.setStyle(_grid())
    half = (len(sheet.checklist) + 1) // 2
    gap = _style(7, bold=True)

    def checklist_row(r: pd.Series) -> list[object]:
        empty = r["Nella zona"] == 0
        count = GAP_MARK if empty else fmt.number(r["Nella zona"])
        return [_p(text, gap if empty else cell) for text in (r["Strategia"], r["Titolo"], count)]

    rows = [checklist_row(r) for _, r in sheet.checklist.iterrows()]
    pairs = [rows[i] + (rows[i + half] if i + half < len(rows) else ["", "", ""]) for i in range(half)]
    headers = ("Strat.", "Titolo", "Prog.") * 2
    checklist = Table([[_p(h, head) for h in headers]] + pairs,
                      colWidths=column_widths(headers, [w * mm for w in (10, 70, 11) * 2], head))
    # A strategy with no project in the zone: bold, "0 ✗" and a shaded cell row, so a gap reads in black and white
    # too. Row i of the list sits in the left half (columns 0-2) or the right one (3-5).
    zero = [("BACKGROUND", (3 * (i // half), 1 + i % half), (3 * (i // half) + 2, 1 + i % half),
             colors.HexColor(GAP_FILL)) for i, count in enumerate(sheet.checklist["Nella zona"]) if count == 0]
    checklist.setStyle(TableStyle([*_grid().getCommands(), *zero]))
    story = [_p(sheet.title, _style(15, bold=True)), _p(sheet.subtitle, small), Spacer(1, 3 * mm), top,
             Spacer(1, 2 * mm), _p("Progetti della zona", _style(9.5, bold=True)), projects, Spacer(1, 2 * mm),
             _p("Strategie del piano nella zona (progetti nella zona)", _style(9.5, bold=True)),
             _p(GAP_NOTE, small), checklist,
             Spacer(1, 2 * mm), _p(f"Scheda generata il {fmt.date_time(sheet.generated_at)}. {sheet.sources}", small)]
    story += replacement_notice(story, small)
    doc.build([KeepInFrame(doc.width, doc.height, story, mode="shrink")])
    return out.getvalue()

