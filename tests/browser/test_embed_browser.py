"""A view embedded in another site (?embed=true): Streamlit's chrome is gone, a compact bar names the sources and
opens the same view in the full app; outside embed mode the bar takes no room."""
from __future__ import annotations

from tests.browser.conftest import Page, wait_app


def _open(browser: object, url: str) -> Page:
    tab = Page(browser, 800)
    tab.page.set_viewport_size({"width": 1280, "height": 800})
    tab.page.goto(url)
    wait_app(tab.page)
    tab.page.wait_for_function("document.documentElement.lang === 'it'", timeout=15_000)
    return tab


def test_an_embedded_view_has_the_sources_and_a_link_to_the_full_view(server: str, browser: object) -> None:
    tab = _open(browser, server + "/zone?zona=7&embed=true")
    bar = tab.page.locator(".psm-embed-bar")
    assert bar.is_visible() and "ISTAT 2023" in bar.inner_text()
    link = bar.locator("a")
    assert link.get_attribute("href") == server + "/zone?zona=7" and link.get_attribute("target") == "_blank"
    assert not tab.page.locator("[data-testid='stTopNavSection'], header[data-testid='stHeader']").first.is_visible()
    tab.map_frame()  # the zone's map is drawn inside the embed
    tab.page.close()


def test_outside_embed_mode_the_bar_takes_no_room(server: str, browser: object) -> None:
    tab = _open(browser, server + "/zone?zona=7")
    container = tab.page.locator("[data-testid='stElementContainer']:has(.psm-embed-bar)")
    assert container.count() == 1 and not container.is_visible()
    tab.page.close()
