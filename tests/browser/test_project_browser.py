"""The project page in a real browser, on a laptop-projector and a phone: the title on the first screen, all
Italian, no traceback, the correction link and the project's own map with its popup linking back here; a
search result opening it; and the receipt lookup of Segnala on a phone.

Screenshots go to $PSM_REVIEW_SHOTS (or a temporary folder) to be looked at.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import Page
from tests.browser.test_screens_browser import _READ_ALL, _english, _open, _tab

SIZES = ("1280x720", "390x844")
PROJECT = "P012"  # Digital Revolution House, Torino: placed in a comune, the place inferred (data/projects.csv)
TITLE = "Digital Revolution House"


@pytest.mark.parametrize("size", SIZES)
def test_the_project_page_fits_and_speaks_italian(server: str, browser: object, size: str,
                                                  review_shots: Path) -> None:
    tab: Page = _tab(browser, size)
    _open(tab, f"{server}/project?progetto={PROJECT}")
    height = tab.page.viewport_size["height"]
    title = tab.page.locator("h1", has_text=TITLE)
    box = title.bounding_box()
    assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height, box
    texts = tab.page.evaluate(_READ_ALL)
    assert _english(texts) == []
    assert not any("Traceback" in t for t in texts) and tab.page.locator("[data-testid=stException]").count() == 0
    correction = tab.page.locator(f"a[href*='report?progetto={PROJECT}']")
    assert correction.count() == 1 and correction.is_visible()
    assert "Posizione dedotta." in " ".join(texts) and "Nota della redazione" in texts
    tab.page.screenshot(path=str(review_shots / f"project_{size}.png"))
    # Streamlit scrolls its main container, not the page: scroll it to look at the rest.
    tab.page.evaluate("document.querySelector('[data-testid=stMain]').scrollTo(0, 10000)")
    tab.page.wait_for_timeout(400)
    tab.page.screenshot(path=str(review_shots / f"project_{size}_end.png"))
    assert tab.errors == []


def test_the_projects_marker_opens_a_popup_linking_to_its_page(server: str, browser: object) -> None:
    tab: Page = _tab(browser, "1280x720")
    _open(tab, f"{server}/project?progetto={PROJECT}")
    frame = tab.map_frame()
    frame.locator("path.psm-marker").first.click(force=True)
    frame.wait_for_selector(".psm-popup", timeout=10_000)
    hrefs = frame.eval_on_selector_all(".psm-popup a", "els => els.map(a => a.getAttribute('href'))")
    assert hrefs == [f"/project?progetto={PROJECT}", f"/report?progetto={PROJECT}"]
    assert frame.inner_text(".psm-popup h4") == TITLE
    assert tab.errors == []


def test_an_unknown_project_says_so_and_offers_the_search(server: str, browser: object) -> None:
    tab: Page = _tab(browser, "390x844")
    _open(tab, f"{server}/project?progetto=P999")
    assert tab.page.locator("h1", has_text="Progetto non trovato").is_visible()
    assert tab.page.locator("a[href$='/search']").first.is_visible()
    assert _english(tab.page.evaluate(_READ_ALL)) == [] and tab.errors == []


def test_a_search_result_opens_the_project_page(server: str, browser: object) -> None:
    tab: Page = _tab(browser, "1280x720")
    _open(tab, f"{server}/search?cerca=Digital%20Revolution")
    # The grid draws on a canvas once its rows arrive; its accessible table says which column is first.
    tab.page.wait_for_selector("[data-testid=stDataFrame] [role=gridcell]", state="attached", timeout=20_000)
    first = tab.page.evaluate("document.querySelector('[data-testid=stDataFrame] [role=columnheader]').textContent")
    assert first.strip() == "Scheda"
    tab.page.wait_for_timeout(500)
    box = tab.page.locator("[data-testid=stDataFrame]").first.bounding_box()
    tab.page.mouse.move(box["x"] + 30, box["y"] + 35 + 17)
    tab.page.wait_for_timeout(300)
    # The first column is the link to the project's page ("Apri la scheda"); the header row is about 35 px.
    with tab.page.context.expect_page(timeout=10_000) as opened:
        tab.page.mouse.click(box["x"] + 30, box["y"] + 35 + 17)
    new = opened.value
    new.wait_for_load_state()
    assert new.url == f"{server}/project?progetto={PROJECT}"
    new.wait_for_selector(f"h1:has-text('{TITLE}')", timeout=30_000)
    new.close()
    assert tab.errors == []


def test_a_sender_looks_up_a_receipt_on_a_phone(server: str, browser: object, review_shots: Path) -> None:
    tab: Page = _tab(browser, "390x844")
    _open(tab, f"{server}/report")
    tab.page.get_by_text("Dove è arrivata la tua segnalazione?").click()
    tab.page.get_by_role("textbox", name="Numero di ricevuta").fill("SEG-ZZZZ-9999")
    tab.page.get_by_role("button", name="Controlla").click()
    tab.page.wait_for_selector("text=Nessuna segnalazione ha la ricevuta SEG-ZZZZ-9999", timeout=15_000)
    tab.page.screenshot(path=str(review_shots / "receipt_lookup_390x844.png"))
    assert _english(tab.page.evaluate(_READ_ALL)) == [] and tab.errors == []
