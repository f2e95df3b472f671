"""The presentation's HTML parts (header, figures, lines, legend, QR code), every text escaped at the edge."""
from __future__ import annotations

import html
from typing import Any
from urllib.parse import urlencode, urlsplit, urlunsplit

import segno

from lib.views import state as k
from lib.views.presentation import Slide


def escape(value: object) -> str:
    """Text for HTML, escaped."""
    return html.escape(str(value))


_e = escape


def slide_header_html(slide: Slide, position: str) -> str:
    """Title, subtitle and the slide's position ('3 / 17')."""
    return (f'<div class="psm-slide-head"><p class="psm-slide-title">{_e(slide.title)}</p>'
            f'<p class="psm-slide-sub">{_e(slide.subtitle)} '
            f'<span class="psm-slide-pos">· {_e(position)}</span></p></div>')


# Lines a room can read on one slide at 20 px; the rest are on the phone, through the slide's QR code.
MAX_SLIDE_LINES = 8
# The one element of a slide nobody in the room must read (key hint, legend note, sources): it may be small.
FOOTER_CLASS = "psm-footer"


def slide_body_html(slide: Slide, qr_url: str | None = None) -> str:
    """The key figures and the named lines: MAX_SLIDE_LINES on the screen and "+N altre", every line on a phone.

    With qr_url, the QR code of that address takes the place of the lines.
    """
    figures = "".join(f'<div class="psm-fig"><span class="psm-fig-value">{_e(value)}</span>'
                      f'<span class="psm-fig-label">{_e(label)}</span></div>' for label, value in slide.figures)
    head = f'<div class="psm-figs">{figures}</div><p class="psm-lines-title">{_e(slide.lines_title)}</p>'
    if qr_url is not None:
        return head + (f'<div class="psm-qr">{qr_img(qr_url)}<p class="psm-qr-note">Inquadra il codice: questa vista '
                       f'sul telefono, con ogni voce dell\'elenco</p></div>')
    shown, rest = slide.lines[:MAX_SLIDE_LINES], slide.lines[MAX_SLIDE_LINES:]
    lines = "".join(f"<li>{_e(line)}</li>" for line in shown)
    lines += "".join(f'<li class="psm-line-extra">{_e(line)}</li>' for line in rest)
    more = (f'<p class="psm-line-more">+{len(rest)} {"altra" if len(rest) == 1 else "altre"}: '
            f'elenco completo con il codice QR</p>' if rest else "")
    return head + f'<ul class="psm-lines">{lines}</ul>{more}'


def footer_html(*parts: str) -> str:
    """The slide's small print, escaped: nothing in it is for the room."""
    return f'<p class="{FOOTER_CLASS}">{" · ".join(_e(part) for part in parts if part)}</p>'


def legend_html(legend: dict[str, Any], with_note: bool = True) -> str:
    """A map legend (lib.views.map_view.map_legend) drawn below the map, never over it (the note left to the
    caller when with_note is False)."""
    items = []
    for item in legend["items"]:
        shape = "psm-sw-ring" if item.get("ring") else "psm-sw-dot" if item.get("dot") else "psm-sw"
        style = "" if item.get("ring") else f"background:{_e(item['color'])};"
        if item.get("dashed"):
            style += "border-style:dashed;"
        items.append(f'<span class="psm-leg-item"><i class="{shape}" style="{style}"></i>{_e(item["label"])}</span>')
    note = f'<span class="psm-leg-note">{_e(legend["note"])}</span>' if with_note else ""
    return f'<div class="psm-legend-out"><b>{_e(legend["title"])}</b> {"".join(items)}{note}</div>'


def qr_img(url: str) -> str:
    """The QR code of a URL as an image (segno's PNG as a data URI: no network, no files, and an <img> survives
    the sanitising of st.html, which drops inline SVG)."""
    src = segno.make(url, error="m").png_data_uri(scale=8, border=4, dark="#000", light="#fff")
    return f'<img class="psm-qr-img" alt="Codice QR di questa vista" src="{_e(src)}">'


_NAV = f'[data-testid="stHorizontalBlock"]:has(.st-key-{k.PRESENTATION_QR_BUTTON})'
_BODY = '[data-testid="stHorizontalBlock"]:has(.psm-figs) > [data-testid="stColumn"]:has(.psm-figs)'
# On a phone (where a slide's QR code leads): the buttons in rows, not one a line, and the list above the map.
_PHONE_CSS = f"""@media (max-width: 640px) {{
  {_NAV} {{ flex-direction: row !important; flex-wrap: wrap !important; gap: .4rem .6rem !important; }}
  {_NAV} > [data-testid="stColumn"] {{ width: auto !important; flex: 0 0 auto !important; min-width: 0 !important; }}
  {_NAV} > [data-testid="stColumn"]:not(:has([data-testid="stElementContainer"])) {{ display: none; }}
  {_BODY} {{ order: -1; }}
}}"""
# Presentation mode: no Streamlit chrome, type and map sized from the screen's height, so every slide fits a
# 1280×720 or 1920×1080 projector without scrolling (checked in the browser tests).
PRESENTATION_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header[data-testid="stHeader"],
[data-testid="stToolbar"], footer { display: none !important; }
.block-container, [data-testid="stMainBlockContainer"] { padding: 0.6rem 1.2rem 0 1.2rem !important;
  max-width: 100% !important; }
[data-testid="stMain"] *:focus { outline: none; }
[data-testid="stVerticalBlock"] { gap: 0.35rem !important; }
.psm-slide-head { margin: 0; }
/* Read from the back of the room: nothing under 20 px at 720p, 24 px at 1080p (2.25vh), but the footer. */
.psm-slide-title { font-size: clamp(28px, 4.4vh, 52px); font-weight: 700; margin: 0; line-height: 1.1; }
.psm-slide-sub { font-size: clamp(20px, 2.4vh, 30px); color: #333; margin: .1rem 0 0 0; line-height: 1.2; }
.psm-slide-pos { color: #444; }
.psm-figs { display: flex; flex-wrap: wrap; gap: .2rem 1.4rem; margin: 0 0 .3rem 0; }
.psm-fig { display: flex; flex-direction: column; }
.psm-fig-value { font-size: clamp(30px, 5vh, 60px); font-weight: 700; line-height: 1.05; }
.psm-fig-label { font-size: clamp(20px, 2.25vh, 28px); color: #333; line-height: 1.15; }
.psm-lines-title { font-size: clamp(20px, 2.4vh, 30px); font-weight: 700; margin: .2rem 0 .15rem 0; line-height: 1.2; }
.psm-lines { font-size: clamp(20px, 2.25vh, 28px); margin: 0; padding-left: 1.1em; line-height: 1.2; }
.psm-line-extra { display: none; }
.psm-line-more, .psm-qr-note { font-size: clamp(20px, 2.25vh, 28px); margin: .1rem 0 0 0; color: #333; }
/* On a phone (the QR code's view) every line of the list. */
@media (max-width: 640px) { .psm-line-extra { display: list-item; } .psm-line-more { display: none; } }
[data-testid="stMain"] button, [data-testid="stMain"] button *, [data-testid="stPageLink"] p {
  font-size: clamp(20px, 2.25vh, 28px) !important; }
.psm-legend-out { font-size: clamp(16px, 2.25vh, 28px) !important; line-height: 1.3 !important; }
/* The live plenary's parts (lib/event/plenary.py), read like a slide: each item cut at two lines. */
.psm-theme { font-weight: 700; font-size: clamp(20px, 2.4vh, 30px); margin: .3rem 0 .1rem 0; line-height: 1.2; }
.psm-hint { font-size: clamp(20px, 2.25vh, 28px); color: #333; margin: 0; line-height: 1.2; }
.psm-clamp { display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden; }
.psm-part-pos { color: #444; font-weight: 400; }
.psm-attribution { font-size: clamp(13px, 1.6vh, 18px); color: #333; margin: 0; }
.psm-footer { font-size: 13px; color: #4a4a4a; margin: 0; line-height: 1.3; }
/* Scanned from the seats: as large as the column allows, the slide still on one screen. */
.psm-qr-img { width: clamp(150px, 46vh, 520px); max-width: 100%; height: auto; display: block;
  image-rendering: pixelated; }
iframe[title="Mappa della presentazione"], [data-testid="stCustomComponentV1"] {
  height: calc(100vh - 13.5rem - 6vh) !important; min-height: 280px; }
""" + _PHONE_CSS + "</style>"


def view_url(page_url: str, query: dict[str, str]) -> str:
    """The address of this page with exactly this query: what a QR code on a slide should open."""
    parts = urlsplit(page_url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))
