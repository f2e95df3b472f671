"""Printable documents of a co-planning day: the tables' access cards (code and QR code) and the minutes."""
from __future__ import annotations

import io
from datetime import datetime

import pandas as pd
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import KeepInFrame, PageBreak, SimpleDocTemplate, Spacer, Table, TableStyle

from geo.territory import ZONES
from lib.event import model as m
from lib.event import synthesis as syn
from lib.views import fmt
from lib.views.params import CODE
from lib.views.pdf import column_widths, grid, para, qr_drawing, register_fonts, replacement_notice, style

CARD_GAP = 8 * mm


def table_url(base_url: str, code: str) -> str:
    """The facilitator page of one table, opened by its code (what the QR code on its card encodes)."""
    return f"{base_url.rstrip('/')}/facilitator?{CODE.name}={code}"


def access_cards_pdf(event: m.Event, codes: dict[int, str], base_url: str) -> bytes:
    """One card per table, two per A4 page: zone, venue, code in large type, and the QR code of its link."""
    register_fonts()
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm, topMargin=15 * mm,
                            bottomMargin=15 * mm, title=f"Codici dei tavoli – {event.spec.name}")
    venues = {t.zone_id: t.venue for t in event.spec.tables}
    cards = []
    for zone_id, code in sorted(codes.items()):
        url = table_url(base_url, code)
        card = Table([[para(event.spec.name, style(11, color="#333333"))],
                      [para(f"Tavolo della Zona {zone_id} – {ZONES[zone_id].name}", style(17, bold=True))],
                      [para(f"Sede: {venues.get(zone_id, '')}", style(11))],
                      [para(code, style(34, bold=True, leading=40))],
                      [qr_drawing(url, 62 * mm)],
                      [para(f"Oppure apri {url}", style(9, color="#333333"))],
                      [para("Il codice apre solo questo tavolo. Conservalo: serve anche per riprendere il lavoro da "
                            "un altro telefono.", style(9, color="#333333"))]],
                     colWidths=[175 * mm])
        card.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.8, "#444444"), ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                                  ("TOPPADDING", (0, 0), (-1, -1), 3)]))
        # Each card fits half a page (a long name or venue shrinks it), so two always share a page.
        cards.append(KeepInFrame(175 * mm, (A4[1] - 30 * mm - CARD_GAP) / 2 - 1, [card], mode="shrink"))
    # Two cards a page, a break only between pages: a break after the last card made a blank page.
    story = []
    for first in range(0, len(cards), 2):
        story += ([PageBreak()] if first else []) + [cards[first]] + (
            [Spacer(1, CARD_GAP), cards[first + 1]] if first + 1 < len(cards) else [])
    story += replacement_notice(story, style(9))
    doc.build(story)
    return out.getvalue()


def _cell(value: object) -> str:
    return ("sì" if value else "no") if pd.api.types.is_bool(value) else str(value)


def _table(frame: pd.DataFrame, widths: list[float]) -> Table:
    cell, head = style(7.5), style(7.5, bold=True)
    table = Table([[para(c, head) for c in frame.columns]] + [[para(_cell(v), cell) for v in row]
                                                              for row in frame.itertuples(index=False)],
                  colWidths=column_widths(frame.columns, [w * mm for w in widths], head), repeatRows=1)
    table.setStyle(grid())
    return table


def _with_merged(frame: pd.DataFrame) -> pd.DataFrame:
    """Every table's own words under its group: the merged contributions' texts, each with its zone, as lines
    of the group's cell."""
    merged = frame.copy()
    merged["Contributo"] = [text + "".join(f"\nUnito: {line}" for line in others.split("\n") if line)
                            for text, others in zip(frame["Contributo"], frame[syn.TEXTS], strict=True)]
    return merged.drop(columns=[syn.TEXTS])


def minutes_pdf(state: m.EventState, uncovered: pd.DataFrame, generated_at: datetime) -> bytes:
    """The synthesis for the minutes: priorities by zone, highlighted contributions by theme, priorities
    against coverage, every contribution (merged ones under their group, with their zones), and how many
    acts the audit holds."""
    register_fonts()
    out = io.BytesIO()
    spec = state.event.spec
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=14 * mm, rightMargin=14 * mm, topMargin=13 * mm,
                            bottomMargin=13 * mm, title=f"Sintesi – {spec.name}")
    h2, small = style(12, bold=True), style(9, color="#333333")
    body = [para("Priorità di ogni tavolo", h2), _table(syn.priorities_frame(state), [14, 18, 16, 70, 64]),
            Spacer(1, 4 * mm), para("Contributi scelti per la plenaria, per tema", h2)]
    for theme, frame in syn.highlights_by_theme(state).items():
        body += [para(theme, style(10, bold=True)), _table(_with_merged(frame), [92, 36, 16, 38])]
    body += [Spacer(1, 4 * mm), para("Priorità e copertura del piano in vigore", h2),
             _table(uncovered, [14, 16, 70, 62, 20]) if len(uncovered) else para("Nessuna.", style(9)),
             Spacer(1, 4 * mm), para("Tutti i contributi (dopo le unioni della regia)", h2),
             _table(_with_merged(syn.contributions_frame(state).drop(columns=["key", "Titolo della voce", "Salvato"])),
                    [58, 26, 12, 16, 26, 22, 12, 10]),
             Spacer(1, 3 * mm),
             para(f"Registro delle azioni della regia: {fmt.count(len(state.acts), 'azione', 'azioni')}. "
                  "Ogni salvataggio dei tavoli è conservato come revisione nel database.", style(8.5))]
    head = [para(f"Sintesi: {spec.name}", style(16, bold=True)),
            para(f"{fmt.date_time(generated_at)} · giornata del {spec.day:%d/%m/%Y} · PSM {spec.plan_edition} · "
                 f"{len(spec.tables)} tavoli", small)]
    doc.build(head + replacement_notice(head + body, small) + [Spacer(1, 4 * mm)] + body)
    return out.getvalue()
