"""Real browser (Debian Chromium, headless, driven by Playwright) against a real server on loopback.

Checks what only a browser shows: the map renders offline with 11 zones and the markers, clicking a zone
selects it, pages load with no console errors, and the app works behind nginx as deploy/ sets it up. Saves the README screenshots to docs/screenshots/.
Skipped when Chromium is missing, unless PSM_REQUIRE_BROWSER=1 (CI sets it, so CI never skips).
"""
from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "docs" / "screenshots"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# Flags for a closed network: without them Chromium keeps trying Google services and logs errors.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
VIEWPORT = {"width": 1280, "height": 720}
# Taller screenshots for the README, so the whole map shows; presentation mode stays at 1280x720.
README_HEIGHT = 1000

if not CHROMIUM:
    if os.environ.get("PSM_REQUIRE_BROWSER") == "1":
        raise RuntimeError("PSM_REQUIRE_BROWSER=1 but no chromium on PATH (apt-get install chromium)")
    pytest.skip("no chromium on this machine", allow_module_level=True)

sync_api = pytest.importorskip("playwright.sync_api")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _healthy_within(url: str, seconds: float) -> bool:
    """Wait until the app at `url` answers its health check; False if it has not within `seconds`."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url + "/_stcore/health", timeout=2)
            return True
        except OSError:
            time.sleep(0.3)
    return False


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    port = _free_port()
    env = {**os.environ, "PSM_BASEMAP": "off"}
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard.py"),
                             "--server.port", str(port), "--server.address", "127.0.0.1"],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    if not _healthy_within(url, 60):
        proc.kill()
        raise RuntimeError("streamlit did not start: " + proc.stdout.read().decode(errors="replace"))
    yield url
    proc.terminate()
    proc.wait(timeout=20)


@pytest.fixture(scope="module")
def play() -> Iterator[object]:
    with sync_api.sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="module")
def browser(play: object) -> Iterator[object]:
    chromium = play.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()


# Streamlit's frontend, opened on a page path such as /zone, first probes whether the app is served
# under that path (GET /zone/_stcore/health and host-config), gets 404 and falls back to the root.
# Those probes are Streamlit's, not ours; every other 4xx, failed request or console error counts.
_STREAMLIT_PROBE = re.compile(r"^HTTP 404 http://[\w.]+:\d+/\w+/_stcore/(health|host-config)$")
_PROBE_CONSOLE = "Failed to load resource: the server responded with a status of 404 (Not Found)"


class Page:
    """A browser tab that records console errors, uncaught exceptions and failed requests."""

    def __init__(self, browser: object, height: int = VIEWPORT["height"]) -> None:
        self.page = browser.new_page(viewport={**VIEWPORT, "height": height})
        self.events: list[str] = []
        self.page.on("console", lambda msg: msg.type == "error" and self.events.append(msg.text))
        self.page.on("pageerror", lambda exc: self.events.append(f"uncaught {exc}"))
        self.page.on("response", lambda r: r.status >= 400 and self.events.append(f"HTTP {r.status} {r.url}"))
        self.page.on("requestfailed", lambda r: self.events.append(f"request failed {r.url}"))

    @property
    def errors(self) -> list[str]:
        """Errors, less Streamlit's own base-path probes (each probe 404 also logs one console line)."""
        probes = [e for e in self.events if _STREAMLIT_PROBE.match(e)]
        others = [e for e in self.events if not _STREAMLIT_PROBE.match(e)]
        for _ in probes:
            if _PROBE_CONSOLE in others:
                others.remove(_PROBE_CONSOLE)
        return others

    def map_frame(self, timeout_ms: int = 30_000) -> object:
        """The frame holding the Leaflet map, once its zones are drawn."""
        deadline = time.time() + timeout_ms / 1000
        while time.time() < deadline:
            for frame in self.page.frames:
                try:
                    if frame.evaluate("document.querySelectorAll('path.psm-area').length") > 0:
                        return frame
                except Exception:  # frames come and go while Streamlit renders
                    pass
            self.page.wait_for_timeout(250)
        raise AssertionError("no map frame with zones appeared")


def _wait_app(page: object) -> None:
    page.wait_for_selector("[data-testid='stApp']", timeout=30_000)
    page.wait_for_function(
        "!document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=30_000)
    page.wait_for_timeout(800)


def test_map_renders_offline_with_zones_markers_and_no_console_errors(server: str, browser: object) -> None:
    tab = Page(browser, README_HEIGHT)
    tab.page.goto(server + "/")
    _wait_app(tab.page)
    frame = tab.map_frame()
    assert frame.evaluate("document.querySelectorAll('path.psm-area').length") == 11
    markers = frame.evaluate("document.querySelectorAll('path.psm-marker, .marker-cluster').length")
    assert markers > 0
    assert frame.evaluate("typeof L.markerClusterGroup") == "function"
    labels = frame.evaluate("Array.from(document.querySelectorAll('.psm-label')).map(e => e.textContent)")
    assert sorted(labels, key=int) == [str(z) for z in range(1, 12)]
    assert "ISTAT" in frame.evaluate("document.querySelector('.leaflet-control-attribution').textContent")
    SHOTS.mkdir(parents=True, exist_ok=True)
    tab.page.wait_for_timeout(1500)  # let Leaflet's fade-in animations finish
    tab.page.screenshot(path=str(SHOTS / "mappa.png"))
    assert tab.errors == []


def test_clicking_a_zone_selects_it(server: str, browser: object) -> None:
    tab = Page(browser)
    tab.page.goto(server + "/")
    _wait_app(tab.page)
    frame = tab.map_frame()
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
    _wait_app(tab.page)
    frame = tab.map_frame()
    assert "Apri la scheda della zona" in tab.page.inner_text("[data-testid='stMain']")
    widths = frame.evaluate("Array.from(document.querySelectorAll('path.psm-area'))"
                            ".map(p => p.getAttribute('stroke-width'))")
    assert widths.count("4") == 1
    assert tab.errors == []


@pytest.mark.parametrize(("path", "shot", "text"), [
    ("/zone?zona=7", "zona.png", "Zona 7"),
    ("/coverage", "copertura.png", "Zone × strategie"),
    ("/presentation?passo=2", "presentazione.png", "Asse 1"),
])
def test_page_loads_without_console_errors(server: str, browser: object, path: str, shot: str,
                                           text: str) -> None:
    tab = Page(browser, VIEWPORT["height"] if shot == "presentazione.png" else README_HEIGHT)
    tab.page.goto(server + path)
    _wait_app(tab.page)
    if shot != "copertura.png":
        tab.map_frame()
    else:
        tab.page.wait_for_selector(".js-plotly-plot", timeout=30_000)
    assert text in tab.page.inner_text("[data-testid='stMain']")
    tab.page.wait_for_timeout(1500)
    tab.page.screenshot(path=str(SHOTS / shot))
    assert tab.errors == []


@pytest.fixture(scope="module")
def behind_nginx(server: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The same server behind nginx, set up by deploy/ as the README's plenary section says."""
    if not shutil.which("nginx"):
        if os.environ.get("PSM_REQUIRE_NGINX") == "1":
            raise RuntimeError("PSM_REQUIRE_NGINX=1 but no nginx on PATH (apt-get install nginx)")
        pytest.skip("nginx is not installed")
    from bench.proxy import nginx_command
    from deploy.static_site import build

    port = _free_port()
    conf = build(tmp_path_factory.mktemp("site"), server.removeprefix("http://"), f"127.0.0.1:{port}")
    proc = subprocess.Popen(nginx_command(conf))
    url = f"http://127.0.0.1:{port}"
    if not _healthy_within(url, 10):
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
        tab.page.goto(f"http://psm.test:{port}/zone?zona=7")
        _wait_app(tab.page)
        tab.map_frame()
        assert "Zona 7" in tab.page.inner_text("[data-testid='stMain']")
        assert encodings and all(v.startswith("nginx") and v.endswith("gzip") for v in encodings.values())
        assert tab.errors == []
    finally:
        chromium.close()
