"""Each user's question answered on the first screen (issue 18), in a real browser.

- The councillor: the sentence naming the strategies with no project is on the first screen of the map and of
  the coverage page (with the list of those strategies), the needs page's finding on its first screen, at
  1280×720 and 390×844 (and the other two sizes, for the screenshots); on a phone the map's sources are folded.
  The heatmap's header names each strategy on hover. A tap on a zone shows its tooltip inside the frame, and a
  second tap or a tap off the zones closes it.
- Everyone: no page shows an empty grid (Streamlit would draw the English word "empty" on its canvas).
- The zone representative: every search result and every row of the zone's table offers "Segnala una
  correzione"; the zone's placement column is the one after its id and title; the report link is a button that
  wraps on a phone.
Screenshots of each page at each size go to `review_shots` ($PSM_REVIEW_SHOTS).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from lib.views import labels as lb
from lib.views import state as k
from tests.browser.conftest import Page, wait_app
from tests.browser.test_screens_browser import SIZES, _open, _tab

FIRST_SCREEN_SIZES = ("1280x720", "390x844")
# The accessible table behind a grid's canvas: its header cells and its rows (the first row is the header).
_GRID = """g => ({headers: [...g.querySelectorAll('[role=columnheader]')].map(e => e.textContent.trim()),
  rows: [...g.querySelectorAll('[role=row]')].slice(1)
    .map(r => [...r.querySelectorAll('[role=gridcell]')].map(c => c.textContent.trim()))})"""


def _grids(tab: Page) -> list[dict]:
    """Every visible grid of the page, each scrolled into view first (a grid draws its table once in view)."""
    out = []
    for grid in tab.page.locator("[data-testid=stDataFrame]").all():
        if not grid.is_visible():
            continue  # in a closed expander
        grid.scroll_into_view_if_needed()
        tab.page.wait_for_function("g => g.querySelector('[role=columnheader]')", arg=grid.element_handle(),
                                   timeout=10_000)
        out.append(grid.evaluate(_GRID))
    return out


# A point inside the named area of the map document (its aria-label starts with the name), in frame coordinates.
_POINT_IN = """(name) => { for (let y = 0; y < innerHeight; y += 5) for (let x = 0; x < innerWidth; x += 5) {
  const e = document.elementFromPoint(x, y);
  if (e && e.classList.contains('psm-area') && (e.getAttribute('aria-label') || '').startsWith(name)) return [x, y]; }
  return null; }"""
_TOOLTIPS = """() => [...document.querySelectorAll('.leaflet-tooltip')].map(e => { const r = e.getBoundingClientRect();
  return {left: r.left, right: r.right, top: r.top, bottom: r.bottom, text: e.textContent,
          width: document.documentElement.clientWidth, height: document.documentElement.clientHeight,
          zoom: document.querySelector('.leaflet-control-zoom').getBoundingClientRect().bottom}; })"""


def _in_view(box: dict | None, height: int) -> bool:
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height


@pytest.mark.parametrize("size", list(SIZES))
def test_each_page_says_its_answer_on_the_first_screen(server: str, browser: object, size: str,
                                                       review_shots: Path) -> None:
    tab = _tab(browser, size)
    height = SIZES[size][1]
    _open(tab, server + "/")
    tab.map_frame()
    sentence = tab.page.get_by_text("Senza progetti: 1.2, 5.4.")
    assert _in_view(sentence.bounding_box(), height), size
    if size == "390x844":
        details = tab.page.locator("[data-testid=stExpander] details").filter(has_text=lb.MAP_SOURCES_TITLE)
        assert details.get_attribute("open") is None  # the sources are folded on a phone
    tab.page.screenshot(path=str(review_shots / f"answer_mappa_{size}.png"))
    _open(tab, server + "/coverage")
    for text in ("22 strategie su 24 hanno progetti", "Strategie senza progetti (2)",
                 "Innovare nella produzione montana e agricola",
                 "Attivare i giovani come risorsa per il futuro della Torino metropolitana"):
        assert _in_view(tab.page.get_by_text(text).first.bounding_box(), height), (size, text)
    tab.page.screenshot(path=str(review_shots / f"answer_copertura_{size}.png"))
    _open(tab, server + "/needs")
    callout = tab.page.locator("[data-testid=stAlertContainer]").first
    assert "Ogni esigenza che continua il piano" in callout.inner_text()
    assert _in_view(callout.bounding_box(), height), size
    tab.page.screenshot(path=str(review_shots / f"answer_esigenze_{size}.png"))
    assert tab.errors == []


def test_no_page_shows_an_empty_grid(server: str, browser: object) -> None:
    tab = _tab(browser, "1280x800")
    for path in ("/", "/zone?zona=7", "/zone?zona=1&cerca=Ivrea", "/search?cerca=Ivrea", "/search?cerca=zzqqxx",
                 "/coverage", "/needs?asse=1&esigenza=", "/sources", "/changes", "/project?progetto=P012"):
        _open(tab, server + path)
        grids = _grids(tab)
        assert all(grid["rows"] for grid in grids), (path, [g["headers"] for g in grids if not g["rows"]])
    assert tab.errors == []


def test_every_search_result_and_zone_row_offers_a_correction(server: str, browser: object,
                                                              review_shots: Path) -> None:
    tab = _tab(browser, "1280x800")
    _open(tab, server + "/search?cerca=Ivrea")
    tab.page.wait_for_selector("[data-testid=stDataFrame] [role=gridcell]", state="attached", timeout=20_000)
    found = _grids(tab)[0]
    column = found["headers"].index(lb.CORRECTION_LINK_COLUMN)
    assert found["headers"][:3] == [lb.PROJECT_LINK_COLUMN, "ID", "Progetto"] and column > 2
    # The accessible table holds each link's address (the canvas draws "Segnala una correzione").
    assert len(found["rows"]) == 5 and all(row[column] == lb.correction_link(row[1]) for row in found["rows"])
    assert "Segnala un progetto mancante" not in tab.page.inner_text("[data-testid=stMain]")
    _open(tab, server + "/zone?zona=7")
    tab.page.wait_for_selector("[data-testid=stDataFrame] [role=gridcell]", state="attached", timeout=20_000)
    table = _grids(tab)[0]
    assert table["headers"][:5] == [lb.PROJECT_LINK_COLUMN, "ID", "Progetto", lb.PLACEMENT_COLUMN,
                                    lb.CORRECTION_LINK_COLUMN]
    assert len(table["rows"]) >= 10 and all(row[4] == lb.correction_link(row[1]) for row in table["rows"])
    assert any(row[3].startswith("nella zona, senza comune · ") for row in table["rows"])
    assert tab.page.get_by_role("heading", name=f"{lb.ZONE_UNMAPPED_TITLE} (11)").count() == 1
    tab.page.screenshot(path=str(review_shots / "answer_zona_1280x800.png"))
    assert tab.errors == []


@pytest.mark.parametrize("size", ["1280x720", "390x844"])
def test_the_zone_report_link_is_a_button_that_wraps(server: str, browser: object, size: str,
                                                     review_shots: Path) -> None:
    tab = _tab(browser, size)
    _open(tab, server + "/zone?zona=7")
    button = tab.page.locator(f".st-key-{k.ZONE_REPORT} a")
    style = button.evaluate("a => { const s = getComputedStyle(a); const r = a.getBoundingClientRect();"
                            " return {border: parseFloat(s.borderTopWidth), right: r.right, height: r.height,"
                            " fits: a.scrollWidth <= a.clientWidth + 1, text: a.innerText}; }")
    assert style["border"] >= 1 and style["fits"] and style["right"] <= SIZES[size][0], style
    assert " ".join(style["text"].split()) == lb.ZONE_REPORT_BUTTON
    if size == "390x844":
        assert style["height"] > 50, style  # two lines, not one line cut
    tab.page.screenshot(path=str(review_shots / f"answer_zona_pulsante_{size}.png"))
    assert tab.errors == []


def test_the_heatmap_header_names_each_strategy_on_hover(server: str, browser: object) -> None:
    tab = _tab(browser, "1280x800")
    _open(tab, server + "/coverage")
    tab.page.wait_for_selector(".js-plotly-plot .annotation-text", timeout=20_000)
    header = tab.page.locator(".js-plotly-plot .annotation").filter(has_text="1.2").first
    assert "✕" in header.text_content()  # a strategy with no project at all
    header.scroll_into_view_if_needed()
    header.hover()
    tab.page.wait_for_function("(document.querySelector('.hoverlayer') || {}).textContent"
                               "?.includes('Innovare nella produzione montana')", timeout=10_000)
    assert tab.errors == []


def _tap(tab: Page, name: str) -> None:
    """A finger's tap inside the named zone of the home map."""
    frame = tab.map_frame()
    box = tab.page.locator("[data-testid=stCustomComponentV1]").first.bounding_box()
    point = frame.evaluate(_POINT_IN, name + " ")
    assert point is not None, name
    tab.page.touchscreen.tap(box["x"] + point[0], box["y"] + point[1])
    tab.page.wait_for_timeout(900)
    wait_app(tab.page)


def test_a_tap_shows_a_zone_tooltip_inside_the_frame_and_the_next_tap_closes_it(server: str, browser: object,
                                                                              review_shots: Path) -> None:
    # A phone: a touch screen with no hover, where a tooltip used to stay stuck, cut by the frame's edge.
    tab = Page(browser, viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    _open(tab, server + "/")
    tab.page.evaluate("document.querySelector('[data-testid=stMain]').scrollTo(0, 300)")
    _tap(tab, "Zona 6")  # selects the zone: the page shows its figures, the map is drawn again
    assert tab.page.evaluate("location.search").endswith("zona=6")
    _tap(tab, "Zona 6")
    tips = tab.map_frame().evaluate(_TOOLTIPS)
    assert len(tips) == 1 and tips[0]["text"].startswith("Zona 6 – Valli di Susa e Sangone"), tips
    tip = tips[0]
    assert tip["left"] >= 0 and tip["right"] <= tip["width"] and tip["top"] >= 0 and tip["bottom"] <= tip["height"]
    assert tip["top"] >= tip["zoom"], tip  # the zone's name is not under the zoom buttons
    tab.page.screenshot(path=str(review_shots / "answer_tooltip_390x844.png"))
    _tap(tab, "Zona 6")  # the same zone again: closed
    assert tab.map_frame().evaluate(_TOOLTIPS) == []
    _tap(tab, "Zona 6")
    assert len(tab.map_frame().evaluate(_TOOLTIPS)) == 1
    box = tab.page.locator("[data-testid=stCustomComponentV1]").first.bounding_box()
    tab.page.touchscreen.tap(box["x"] + box["width"] - 12, box["y"] + box["height"] - 40)  # off the zones
    tab.page.wait_for_timeout(500)
    assert tab.map_frame().evaluate(_TOOLTIPS) == []
    assert tab.errors == []


def test_the_figures_are_two_by_two_on_a_phone(server: str, browser: object) -> None:
    tab = _tab(browser, "390x844")
    for path, key in (("/zone?zona=7", k.ZONE_FIGURES), ("/needs", k.NEEDS_FIGURES)):
        _open(tab, server + path)
        tab.page.wait_for_function(f"document.querySelectorAll('.st-key-{key} [data-testid=stMetric]').length === 4",
                                   timeout=20_000)
        tops = tab.page.evaluate(f"[...document.querySelectorAll('.st-key-{key} [data-testid=stMetric]')]"
                                 ".map(m => Math.round(m.getBoundingClientRect().top))")
        assert len(tops) == 4 and len(set(tops)) == 2, (path, tops)
    assert tab.errors == []


def test_the_heatmap_is_read_on_a_phone_by_scrolling_it_sideways(server: str, browser: object) -> None:
    """At 390 px the heatmap keeps its 920 px (Plotly draws at the width Streamlit measures, so the minimum is set on
    the frame it measures); the box that scrolls takes Tab and scrolls with the arrow keys."""
    tab = _tab(browser, "390x844")
    _open(tab, server + "/coverage")
    tab.page.locator(f".st-key-{k.COVERAGE_HEATMAP} .main-svg").first.wait_for(state="attached", timeout=15_000)
    tab.page.wait_for_timeout(500)
    drawn = tab.page.evaluate(f"""() => {{
      const svg = document.querySelector('.st-key-{k.COVERAGE_HEATMAP} .main-svg');
      const box = document.querySelector('.st-key-{k.COVERAGE_HEATMAP} > [data-testid=stElementContainer]');
      return {{svg: parseFloat(svg.getAttribute('width')), scroll: box.scrollWidth, client: box.clientWidth,
              tabindex: box.getAttribute('tabindex')}}; }}""")
    assert drawn["svg"] >= 900 and drawn["scroll"] > drawn["client"] and drawn["tabindex"] == "0", drawn
    region = tab.page.locator(f".st-key-{k.COVERAGE_HEATMAP} > [data-testid=stElementContainer]")
    region.focus()
    tab.page.keyboard.press("ArrowRight")
    tab.page.keyboard.press("ArrowRight")
    tab.page.wait_for_timeout(300)
    assert region.evaluate("e => e.scrollLeft") > 0
    assert tab.errors == []
