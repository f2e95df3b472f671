"""A zone's one-page printable sheet (PDF) for the Assemblea dei Sindaci, drawn with ReportLab.

Map of the zone's comuni (shaded by projects sited there), key figures, the project list, the strategy
checklist, the date and the sources. Every text is set as text (escaped for ReportLab's paragraph markup).
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import escape

import geopandas as gpd
import pandas as pd
import reportlab
from reportlab.graphics.shapes import Drawing, Polygon
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import KeepInFrame, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from geo.maps import EMPTY_FILL, class_breaks, mix
from lib.views import fmt

# Bitstream Vera ships with ReportLab: it has the en dash, curly quotes and guillemets the texts use.
_FONTS = Path(reportlab.__file__).resolve().parent / "fonts"
FONT, BOLD = "PsmVera", "PsmVeraBold"
MAP_SIZE_MM = (80, 66)
RAMP = "#08306b"


def _register_fonts() -> None:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(_FONTS / "Vera.ttf")))
        pdfmetrics.registerFont(TTFont(BOLD, str(_FONTS / "VeraBd.ttf")))


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


def _style(size: float, bold: bool = False, color: str = "#111111", leading: float | None = None) -> ParagraphStyle:
    return ParagraphStyle("psm", fontName=BOLD if bold else FONT, fontSize=size, leading=leading or size * 1.22,
                          textColor=colors.HexColor(color))


def _p(text: object, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(str(text)), style)


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
    _register_fonts()
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=12 * mm, rightMargin=12 * mm, topMargin=11 * mm,
                            bottomMargin=10 * mm, title=sheet.title, author="Città metropolitana di Torino – PSM",
                            subject="Scheda della zona omogenea")
    small, cell, head = _style(7.5, color="#333333"), _style(7), _style(7, bold=True)
    figures = Table([[_p(value, _style(15, bold=True)), _p(label, _style(8, color="#333333"))]
                     for label, value in sheet.figures], colWidths=[28 * mm, 62 * mm])
    figures.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]))
    top = Table([[_map(sheet), figures]], colWidths=[(MAP_SIZE_MM[0] + 6) * mm, None])
    top.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    projects = Table([[_p(c, head) for c in sheet.projects.columns]]
                     + [[_p(v, cell) for v in row] for row in sheet.projects.itertuples(index=False)],
                     colWidths=[11 * mm, 62 * mm, 16 * mm, 44 * mm, 53 * mm], repeatRows=1)
    projects.setStyle(_grid())
    half = (len(sheet.checklist) + 1) // 2
    rows = [[_p(r["Strategia"], cell), _p(r["Titolo"], cell), _p(fmt.number(r["Nella zona"]), cell)]
            for _, r in sheet.checklist.iterrows()]
    pairs = [rows[i] + (rows[i + half] if i + half < len(rows) else ["", "", ""]) for i in range(half)]
    checklist = Table([[_p(h, head) for h in ("Strat.", "Titolo", "Prog.") * 2]] + pairs,
                      colWidths=[10 * mm, 70 * mm, 11 * mm] * 2)
    checklist.setStyle(_grid())
    story = [_p(sheet.title, _style(15, bold=True)), _p(sheet.subtitle, small), Spacer(1, 3 * mm), top,
             Spacer(1, 2 * mm), _p("Progetti della zona", _style(9.5, bold=True)), projects, Spacer(1, 2 * mm),
             _p("Strategie del piano nella zona (progetti nella zona)", _style(9.5, bold=True)), checklist,
             Spacer(1, 2 * mm), _p(f"Scheda generata il {fmt.date_time(sheet.generated_at)}. {sheet.sources}", small)]
    doc.build([KeepInFrame(doc.width, doc.height, story, mode="shrink")])
    return out.getvalue()


def _grid() -> TableStyle:
    return TableStyle([("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#999999")),
                       ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8e8e8")),
                       ("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                       ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5)])
