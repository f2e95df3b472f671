"""Shared pieces of the app's PDFs (ReportLab): fonts with every character the texts use, styles, QR codes."""
from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

import reportlab
import segno
from reportlab.graphics.shapes import Drawing, Rect
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, TableStyle

# Bitstream Vera ships with ReportLab: it has the en dash, curly quotes and guillemets the texts use.
_FONTS = Path(reportlab.__file__).resolve().parent / "fonts"
FONT, BOLD = "PsmVera", "PsmVeraBold"


def register_fonts() -> None:
    """Make the app's two fonts available to ReportLab (once per process)."""
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(_FONTS / "Vera.ttf")))
        pdfmetrics.registerFont(TTFont(BOLD, str(_FONTS / "VeraBd.ttf")))


def style(size: float, bold: bool = False, color: str = "#111111", leading: float | None = None) -> ParagraphStyle:
    """A paragraph style in the app's fonts."""
    return ParagraphStyle("psm", fontName=BOLD if bold else FONT, fontSize=size, leading=leading or size * 1.22,
                          textColor=colors.HexColor(color))


def para(text: object, paragraph_style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text: ReportLab's markup characters are escaped, so text shows as written."""
    return Paragraph(escape(str(text)), paragraph_style)


def grid() -> TableStyle:
    """Thin grey grid, grey header row, compact cells."""
    return TableStyle([("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#999999")),
                       ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8e8e8")),
                       ("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                       ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5)])


def qr_drawing(text: str, size: float) -> Drawing:
    """A QR code as vector squares (segno computes the modules; nothing is rasterised)."""
    matrix = segno.make(text, error="m").matrix
    cell = size / (len(matrix) + 4)
    drawing = Drawing(size, size)
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                drawing.add(Rect((x + 2) * cell, size - (y + 3) * cell, cell, cell, fillColor=colors.black,
                                 strokeColor=None))
    return drawing
