"""Shared pieces of the app's PDFs (ReportLab): fonts with every character the texts use, styles, QR codes.

Names of people, places and associations use Latin Extended letters and `€`, and participants may write in
Greek or Cyrillic: DejaVu Sans prints all of them. A character it cannot print (CJK, emoji) or that ReportLab
cannot lay out (right-to-left Hebrew and Arabic, which it would print reversed) is replaced by a visible
□, and the document says so (`replacement_notice`): nothing is dropped silently.
"""
from __future__ import annotations

import logging
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from xml.sax.saxutils import escape

import reportlab
import segno
from reportlab.graphics.shapes import Drawing, Rect
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable, KeepInFrame, KeepTogether, Paragraph, Table, TableStyle

# DejaVu Sans from the system (Debian's fonts-dejavu-core, which .ci/run installs; the README names it for
# servers), looked for where Debian, Fedora and Arch put it.
FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu-sans-fonts"),
             Path("/usr/share/fonts/TTF"))
FONT_FILES = {"PsmDejaVu": "DejaVuSans.ttf", "PsmDejaVuBold": "DejaVuSans-Bold.ttf"}
_VERA = Path(reportlab.__file__).resolve().parent / "fonts"
_log = logging.getLogger(__name__)
FONT, BOLD = FONT_FILES
REPLACEMENT = "\u25a1"
REPLACEMENT_NOTICE = (f"Alcuni caratteri non si possono stampare in questo documento (per esempio ideogrammi, emoji, "
                      f"scritture da destra a sinistra): sono segnati con {REPLACEMENT}. Il testo completo è "
                      "nell'app.")
# Bidirectional classes of right-to-left letters: ReportLab has no bidi layout, so it would print them reversed.
_RIGHT_TO_LEFT = {"R", "AL"}
_printable: frozenset[int] = frozenset()


def _font_path(name: str) -> Path:
    for folder in FONT_DIRS:
        if (folder / name).is_file():
            return folder / name
    raise FileNotFoundError(f"{name} not found in {', '.join(map(str, FONT_DIRS))}: install the DejaVu fonts "
                            "(Debian: apt-get install fonts-dejavu-core)")


def register_fonts() -> None:
    """Make the app's two fonts available to ReportLab (once per process).

    Without DejaVu Sans (Debian's fonts-dejavu-core) it falls back to the Vera that ships with ReportLab.
    """
    global _printable  # noqa: PLW0603 - set once per process, when the fonts are registered
    if FONT not in pdfmetrics.getRegisteredFontNames():
        try:
            fonts = {name: TTFont(name, str(_font_path(file))) for name, file in FONT_FILES.items()}
        except FileNotFoundError as missing:
            # A machine without the fonts still prints every PDF, in ReportLab's own Vera (Latin-1 only): what
            # Vera lacks shows as □ with the notice, never dropped. The log says what to install.
            _log.warning("%s; printing with ReportLab's Vera until then", missing)
            fonts = {name: TTFont(name, str(_VERA / file)) for name, file in zip(FONT_FILES, ("Vera.ttf", "VeraBd.ttf"),
                                                                                 strict=True)}
        for font in fonts.values():
            pdfmetrics.registerFont(font)
        # What both faces can print, so a paragraph looks the same in either.
        _printable = frozenset(fonts[FONT].face.charToGlyph) & frozenset(fonts[BOLD].face.charToGlyph)


def printable(text: str) -> tuple[str, bool]:
    """The text with every character the fonts cannot print replaced by □; and whether any was."""
    register_fonts()
    out: list[str] = []
    replaced = False
    for ch in text:
        if unicodedata.category(ch) in ("Mn", "Me", "Cf") and out and out[-1] == REPLACEMENT:
            continue  # a mark or variation selector of a character already shown as □
        if ch in "\n\t " or (ord(ch) in _printable and unicodedata.bidirectional(ch) not in _RIGHT_TO_LEFT):
            out.append(ch)
        else:
            out.append(REPLACEMENT)
            replaced = True
    return "".join(out), replaced


def style(size: float, bold: bool = False, color: str = "#111111", leading: float | None = None) -> ParagraphStyle:
    """A paragraph style in the app's fonts."""
    return ParagraphStyle("psm", fontName=BOLD if bold else FONT, fontSize=size, leading=leading or size * 1.22,
                          textColor=colors.HexColor(color))


def para(text: object, paragraph_style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text, line breaks kept: ReportLab's markup characters are escaped, so text shows
    as written; characters the fonts lack show as □ (see `replacement_notice`)."""
    shown, replaced = printable(str(text))
    paragraph = Paragraph(escape(shown).replace("\n", "<br/>"), paragraph_style)
    paragraph.psm_replaced = replaced
    return paragraph


def _replaced(item: object) -> bool:
    if isinstance(item, (list, tuple)):
        return any(_replaced(i) for i in item)
    if isinstance(item, Table):
        return any(_replaced(cell) for row in item._cellvalues for cell in row)
    if isinstance(item, (KeepTogether, KeepInFrame)):
        return _replaced(item._content)
    return bool(getattr(item, "psm_replaced", False))


def replacement_notice(story: Iterable[Flowable], paragraph_style: ParagraphStyle) -> list[Flowable]:
    """The line saying that some characters could not be printed, if any paragraph of the story had one."""
    return [para(REPLACEMENT_NOTICE, paragraph_style)] if _replaced(list(story)) else []


def column_widths(headers: Iterable[str], widths: list[float], header_style: ParagraphStyle,
                  padding: float = 12) -> list[float]:
    """Column widths (points) as close to `widths` as the headers allow: each column at least as wide as its
    longest header word, so no word breaks mid-way; the space given is taken from the widest columns."""
    needed = [max(pdfmetrics.stringWidth(word, header_style.fontName, header_style.fontSize)
                  for word in str(h).split() or [""]) + padding + 1 for h in headers]
    result = [max(w, n) for w, n in zip(widths, needed, strict=True)]
    excess = sum(result) - sum(widths)
    while excess > 0.01:
        slack = {i: result[i] - needed[i] for i in range(len(result)) if result[i] - needed[i] > 0.01}
        if not slack:
            break
        widest = max(slack, key=lambda i: result[i])
        take = min(excess, slack[widest])
        result[widest] -= take
        excess -= take
    return result


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
