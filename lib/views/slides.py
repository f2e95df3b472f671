"""The presentation's HTML parts (header, figures, lines, legend, QR code), every text escaped at the edge."""
from __future__ import annotations

import html
from typing import Any
from urllib.parse import urlencode, urlsplit, urlunsplit

import segno

from lib.views.presentation import Slide


def escape(value: object) -> str:
    """Text for HTML, escaped."""
    return html.escape(str(value))


_e = escape


def slide_header_html(slide: Slide, position: str) -> str:
    """Title, subtitle and the slide's position ('3 / 17')."""
    return (f'<div class="psm-slide-head"><p class="psm-slide-title">{_e(slide.title)}</p>'
            f'<p class="psm-slide-sub">{_e(slide.subtitle)} <span class="psm-slide-pos">· {_e(position)}</span></p></div>')


def slide_body_html(slide: Slide) -> str:
    """The key figures and the named lines: every line is shown (the type shrinks on long lists)."""
    figures = "".join(f'<div class="psm-fig"><span class="psm-fig-value">{_e(value)}</span>'
                      f'<span class="psm-fig-label">{_e(label)}</span></div>' for label, value in slide.figures)
    size = "psm-lines-long" if len(slide.lines) > 8 else ""
    lines = "".join(f"<li>{_e(line)}</li>" for line in slide.lines)
    return (f'<div class="psm-figs">{figures}</div><p class="psm-lines-title">{_e(slide.lines_title)}</p>'
            f'<ul class="psm-lines {size}">{lines}</ul>')


def legend_html(legend: dict[str, Any]) -> str:
    """A map legend (lib.views.map_view.map_legend) drawn below the map, never over it."""
    items = []
    for item in legend["items"]:
        shape = "psm-sw-ring" if item.get("ring") else "psm-sw-dot" if item.get("dot") else "psm-sw"
        style = "" if item.get("ring") else f"background:{_e(item['color'])};"
        if item.get("dashed"):
            style += "border-style:dashed;"
        items.append(f'<span class="psm-leg-item"><i class="{shape}" style="{style}"></i>{_e(item["label"])}</span>')
    return (f'<div class="psm-legend-out"><b>{_e(legend["title"])}</b> {"".join(items)}'
            f'<span class="psm-leg-note">{_e(legend["note"])}</span></div>')


def qr_svg(url: str) -> str:
    """The QR code of a URL as inline SVG (segno: no network, no image files)."""
    return segno.make(url, error="m").svg_inline(scale=4, dark="#000", light="#fff", border=2)


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
.psm-slide-title { font-size: clamp(22px, 4.2vh, 46px); font-weight: 700; margin: 0; line-height: 1.1; }
.psm-slide-sub { font-size: clamp(14px, 2.3vh, 26px); color: #333; margin: .15rem 0 0 0; }
.psm-slide-pos { color: #555; }
.psm-figs { display: flex; flex-wrap: wrap; gap: .3rem 1.4rem; margin: 0 0 .4rem 0; }
.psm-fig { display: flex; flex-direction: column; }
.psm-fig-value { font-size: clamp(24px, 5vh, 56px); font-weight: 700; line-height: 1.05; }
.psm-fig-label { font-size: clamp(13px, 1.9vh, 21px); color: #333; }
.psm-lines-title { font-size: clamp(14px, 2.3vh, 26px); font-weight: 700; margin: .3rem 0 .2rem 0; }
.psm-lines { font-size: clamp(13px, 2.15vh, 24px); margin: 0; padding-left: 1.1em; line-height: 1.3; }
.psm-lines-long { font-size: clamp(13px, 1.8vh, 20px); line-height: 1.22; }
.psm-theme { font-weight: 700; font-size: clamp(14px, 2.1vh, 24px); margin: .35rem 0 .1rem 0; }
.psm-hint, .psm-attribution { font-size: clamp(13px, 1.6vh, 18px); color: #333; margin: 0; }
.psm-qr svg { width: clamp(110px, 22vh, 240px); height: auto; }
iframe[title="Mappa della presentazione"], [data-testid="stCustomComponentV1"] {
  height: calc(100vh - 13.5rem - 6vh) !important; min-height: 280px; }
</style>"""


def view_url(page_url: str, query: dict[str, str]) -> str:
    """The address of this page with exactly this query: what a QR code on a slide should open."""
    parts = urlsplit(page_url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))
