"""Real browser (Debian Chromium, headless, driven by Playwright) against a real server on loopback.

Checks what only a browser shows: the map renders offline with 11 zones and the markers, clicking a zone
selects it, pages load with no console errors, hostile text approved in moderation stays inert text, and the
app works behind nginx as deploy/ sets it up. Screenshots go to a temporary folder; with
PSM_UPDATE_SCREENSHOTS=1 they replace the README's in docs/screenshots/ (the only way those files change).
Skipped when Chromium is missing, unless PSM_REQUIRE_BROWSER=1 (CI sets it, so CI never skips).
"""
from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from deploy import static_site
from lib.views import labels as lb
from tests.browser.conftest import (
    CHROMIUM,
    CHROMIUM_ARGS,
    README_HEIGHT,
    VIEWPORT,
    Page,
    free_port,
    healthy_within,
    wait_app,
)


def test_map_renders_offline_with_zones_markers_and_no_console_errors(server: str, browser: object,
                                                                     shots: Path) -> None:
    tab = Page(browser, README_HEIGHT)
    tab.page.goto(server + "/")
    wait_app(tab.page)
    frame = tab.map_frame()
    assert frame.evaluate("document.querySelectorAll('path.psm-area').length") == 11
    markers = frame.evaluate("document.querySelectorAll('path.psm-marker, .marker-cluster').length")
    assert markers > 0
    assert frame.evaluate("typeof L.markerClusterGroup") == "function"
    labels = frame.evaluate("Array.from(document.querySelectorAll('.psm-label')).map(e => e.textContent)")
    assert sorted(labels, key=int) == [str(z) for z in range(1, 12)]
    # Legend and sources are below the map, not over it; the map's own corner only names Leaflet.
    assert frame.evaluate("document.querySelector('.leaflet-control-attribution').textContent") == "Leaflet"
    assert frame.evaluate("document.querySelectorAll('.psm-legend').length") == 0
    below = tab.page.inner_text("[data-testid='stMain']")
    assert "Numero di progetti" in below and lb.MAP_SOURCES_TITLE in below and "ISTAT" not in below  # folded
    tab.page.wait_for_timeout(1500)  # let Leaflet's fade-in animations finish
    tab.page.screenshot(path=str(shots / "mappa.png"))
    sources = tab.page.locator("[data-testid=stExpander]").filter(has_text=lb.MAP_SOURCES_TITLE)
    sources.get_by_text(lb.MAP_SOURCES_TITLE).click()  # opened, they name every source
    sources.get_by_text("ISTAT", exact=False).wait_for(timeout=10_000)
    assert tab.errors == []


def test_clicking_a_zone_selects_it(server: str, browser: object) -> None:
    tab = Page(browser)
    tab.page.goto(server + "/")
    wait_app(tab.page)
    frame = tab.map_frame()
    tab.page.wait_for_timeout(1000)  # the frame takes its height from the screen, and the map refits to it
    # A point of the frame where the topmost element is zone 5's own shape (not a marker or a label).
    point = frame.evaluate("""(() => { const map = Object.values(window).find(v => v instanceof L.Map);
        let zone = null; map.eachLayer(l => { if (l.feature && l.feature.properties.key === '5') zone = l; });
        const b = zone.getBounds();
        for (let i = 1; i < 20; i++) for (let j = 1; j < 20; j++) {
          const ll = L.latLng(b.getSouth() + (b.getNorth() - b.getSouth()) * i / 20,
                              b.getWest() + (b.getEast() - b.getWest()) * j / 20);
          const p = map.latLngToContainerPoint(ll);
          if (document.elementFromPoint(p.x, p.y) === zone._path) return [p.x, p.y];
        }
        return null; })()""")
    assert point, "zone 5 is not clickable anywhere"
    frame.locator(".leaflet-container").click(position={"x": point[0], "y": point[1]})
    tab.page.wait_for_url("**zona=5**", timeout=20_000, wait_until="commit")
    wait_app(tab.page)
    frame = tab.map_frame()
    assert "Apri la scheda della zona" in tab.page.inner_text("[data-testid='stMain']")
    widths = frame.evaluate("Array.from(document.querySelectorAll('path.psm-area'))"
                            ".map(p => p.getAttribute('stroke-width'))")
    assert widths.count("4") == 1
    assert tab.errors == []


def test_the_lists_under_the_map_appear_when_opened(server: str, browser: object) -> None:
    """Nothing of a closed list reaches the browser (issue 20); opening it reruns the page and shows the table."""
    tab = Page(browser)
    tab.page.goto(server + "/")
    wait_app(tab.page)
    assert tab.page.locator("[data-testid='stExpander'] [data-testid='stDataFrame']").count() == 0
    tab.page.get_by_text("Progetti in zone in questa vista").click()
    tab.page.locator("[data-testid='stExpander'] [data-testid='stDataFrame']").first.wait_for(timeout=20_000)
    assert tab.page.locator("[data-testid='stExpander'] [data-testid='stDataFrame']").count() == 1
    assert tab.errors == []


@pytest.mark.parametrize(("path", "shot", "text"), [
    ("/zone?zona=7", "zona.png", "Zona 7"),
    ("/coverage", "copertura.png", "Zone × strategie"),
    ("/presentation?passo=2", "presentazione.png", "Asse 1"),
])
def test_page_loads_without_console_errors(server: str, browser: object, path: str, shot: str,
                                           text: str, shots: Path) -> None:
    tab = Page(browser, VIEWPORT["height"] if shot == "presentazione.png" else README_HEIGHT)
    tab.page.goto(server + path)
    wait_app(tab.page)
    if shot != "copertura.png":
        tab.map_frame()
    else:
        tab.page.wait_for_selector(".js-plotly-plot", timeout=30_000)
    assert text in tab.page.inner_text("[data-testid='stMain']")
    tab.page.wait_for_timeout(1500)
    tab.page.screenshot(path=str(shots / shot))
    assert tab.errors == []


@pytest.fixture(scope="module")
def behind_nginx(server: str, server_data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The same server behind nginx, set up by deploy/ as the README's plenary section says (with the app's data
    folder, where it writes the map documents nginx serves)."""
    if not shutil.which("nginx"):
        if os.environ.get("PSM_REQUIRE_NGINX") == "1":
            raise RuntimeError("PSM_REQUIRE_NGINX=1 but no nginx on PATH (apt-get install nginx)")
        pytest.skip("nginx is not installed")
    from bench.proxy import nginx_command
    from deploy.static_site import build

    port = free_port()
    conf = build(tmp_path_factory.mktemp("site"), server.removeprefix("http://"), f"127.0.0.1:{port}",
                 data_dir=server_data_dir)
    proc = subprocess.Popen(nginx_command(conf))
    url = f"http://127.0.0.1:{port}"
    if not healthy_within(url, 10):
        proc.kill()
        raise RuntimeError("nginx did not answer within 10 s")
    yield url
    proc.terminate()
    proc.wait(timeout=10)


def test_the_app_works_behind_nginx(behind_nginx: str, play: object) -> None:
    # Opened by a host name, as a room would: Streamlit accepts the websocket only when the Origin matches
    # the Host nginx passes on (or is localhost), so this fails if nginx drops the port from Host.
    port = behind_nginx.rsplit(":", 1)[1]
    chromium = play.chromium.launch(executable_path=CHROMIUM,
                                    args=[*CHROMIUM_ARGS, "--host-resolver-rules=MAP psm.test 127.0.0.1"])
    try:
        tab = Page(chromium)
        encodings: dict[str, str] = {}
        tab.page.on("response", lambda r: "/static/js/" in r.url and encodings.setdefault(
            r.url, f"{r.headers.get('server', '')} {r.headers.get('content-encoding', '')}"))
        response = tab.page.goto(f"http://psm.test:{port}/zone?zona=7")
        headers = {k.lower(): v for k, v in response.headers.items()}
        for name, value in static_site.security_headers([]).items():
            assert headers[name.lower()] == value
        wait_app(tab.page)
        tab.map_frame()
        assert "Zona 7" in tab.page.inner_text("[data-testid='stMain']")
        assert encodings and all(v.startswith("nginx") and v.endswith("gzip") for v in encodings.values())
        # The map drew under the Content-Security-Policy, which would have logged any violation as an error.
        assert tab.errors == []
    finally:
        chromium.close()
