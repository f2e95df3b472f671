"""Every page meets WCAG 2.1 AA as axe-core checks it, in the page and in every frame (the map documents too).

axe-core 4 comes from the `axe-playwright-python` wheel (its bundled `axe.min.js`, the npm package's build): the
script is evaluated in each frame and run there, so a violation inside a map document counts like one in the page.
"""
from __future__ import annotations

import json
from importlib.resources import files

import pytest

from tests.browser.conftest import Page, page_url, wait_app
from tests.ui.test_pages import dashboard_pages

AXE = (files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SIZES = {"1280x800": (1280, 800), "390x844": (390, 844)}
# Beyond the WCAG tags, axe's best-practice rule on heading levels: a page's sections are h2 under its h1 title,
# so a screen reader's list of headings skips no level.
EXTRA_RULES = {"heading-order": {"enabled": True}}
_RUN = ("async () => { const r = await axe.run(document, {runOnly: {type: 'tag', values: TAGS}, rules: RULES,"
        " iframes: false});"
        " return r.violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' '))"
        ".slice(0, 5)})); }").replace("TAGS", json.dumps(WCAG_AA)).replace("RULES", json.dumps(EXTRA_RULES))


def violations(tab: Page) -> list[dict[str, object]]:
    """axe's WCAG 2.1 AA violations of every frame of the page, each named with its frame's address."""
    found = []
    for frame in tab.page.frames:
        try:
            frame.evaluate(AXE)
            found += [{**v, "frame": frame.url[:60]} for v in frame.evaluate(_RUN)]
        except Exception as error:  # a frame replaced while it was checked: the page is not idle
            if "destroyed" not in str(error) and "detached" not in str(error):
                raise
    return found


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("page", dashboard_pages())
def test_every_page_and_frame_passes_axe(server: str, browser: object, page: str, size: str) -> None:
    width, height = SIZES[size]
    tab = Page(browser, height)
    tab.page.set_viewport_size({"width": width, "height": height})
    tab.page.goto(server + page_url(page))
    wait_app(tab.page)
    tab.page.wait_for_function("document.documentElement.lang === 'it'", timeout=15_000)
    tab.page.wait_for_timeout(1500)  # the map documents draw
    found = violations(tab)
    tab.page.close()
    assert not found, json.dumps(found, ensure_ascii=False, indent=1)
