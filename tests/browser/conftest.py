"""Shared fixtures of the real-browser tests: a real server on loopback and Debian's Chromium.

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
from contextlib import contextmanager
from pathlib import Path

import pytest

from lib.event.model import EventSpec

ROOT = Path(__file__).resolve().parents[2]
README_SHOTS = ROOT / "docs" / "screenshots"
MODERATOR_PASSWORD = "prova-browser"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# Flags for a closed network: without them Chromium keeps trying Google services and logs errors.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
VIEWPORT = {"width": 1280, "height": 720}
# Taller screenshots for the README, so the whole map shows; presentation mode stays at 1280x720.
README_HEIGHT = 1000
# Parameters a page needs to show its content rather than its "choose one" state.
PAGE_PARAMETERS = {"pages/zone.py": "?zona=7", "pages/project.py": "?progetto=P001", "pages/search.py": "?cerca=Ivrea",
                   "pages/presentation.py": "?passo=2"}
DEFAULT_PAGE = "pages/home_map.py"


def todays_day() -> EventSpec:
    """A co-planning day on today's date over the default plan's strategies, two priorities a table (codes work
    until the end of the event's day, lib/event/access.py)."""
    from datetime import date

    from lib.event import model as m
    from lib.event.files import default_tables
    from lib.plan.catalogue import read_catalogue

    plan = read_catalogue().plan()
    items = tuple(m.Item(c, t, int(a)) for c, t, a in zip(plan.codes, plan.strategy_titles().values(),
                                                          plan.strategies["axis"], strict=True))
    return m.EventSpec(name="Dalle strategie alle azioni", day=date.today(), plan_edition=plan.edition.key,
                       item_kind=m.ITEMS_STRATEGIES, max_priorities=2, items=items, tables=default_tables())


def page_url(page: str) -> str:
    """The address of a page file of dashboard.py, with the parameters that make it show its content."""
    return ("/" if page == DEFAULT_PAGE else "/" + Path(page).stem) + PAGE_PARAMETERS.get(page, "")

if not CHROMIUM:
    if os.environ.get("PSM_REQUIRE_BROWSER") == "1":
        raise RuntimeError("PSM_REQUIRE_BROWSER=1 but no chromium on PATH (apt-get install chromium)")
    collect_ignore_glob = ["test_*.py"]  # no chromium on this machine: the browser tests are skipped
else:
    from playwright import sync_api


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def healthy_within(url: str, seconds: float) -> bool:
    """Wait until the app at `url` answers its health check; False if it has not within `seconds`."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url + "/_stcore/health", timeout=2)
            return True
        except OSError:
            time.sleep(0.3)
    return False


@pytest.fixture(scope="session")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where screenshots go: a temporary folder, or the README's with PSM_UPDATE_SCREENSHOTS=1."""
    if os.environ.get("PSM_UPDATE_SCREENSHOTS") == "1":
        README_SHOTS.mkdir(parents=True, exist_ok=True)
        return README_SHOTS
    return tmp_path_factory.mktemp("screenshots")


@pytest.fixture(scope="session")
def review_shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the screenshots of every page at every size go, to be looked at: $PSM_REVIEW_SHOTS or a temporary
    folder (too many for the README)."""
    if folder := os.environ.get("PSM_REVIEW_SHOTS"):
        Path(folder).mkdir(parents=True, exist_ok=True)
        return Path(folder)
    return tmp_path_factory.mktemp("review")


@contextmanager
def running_app(data_dir: Path, **env: str) -> Iterator[str]:
    """`streamlit run dashboard.py` on a free loopback port, with its own database and `env`; yields its URL."""
    port = free_port()
    # Its own empty database, never the checkout's var/; stdout to a file, so a full pipe never blocks it.
    log = (data_dir / "streamlit.log").open("wb")
    full_env = {**os.environ, "PSM_BASEMAP": "off", "PSM_DATA_DIR": str(data_dir),
                "PSM_MODERATOR_PASSWORD": MODERATOR_PASSWORD, **env}
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard.py"),
                             "--server.port", str(port), "--server.address", "127.0.0.1"],
                            cwd=ROOT, env=full_env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        if not healthy_within(url, 60):
            raise RuntimeError("streamlit did not start: " + (data_dir / "streamlit.log").read_text(errors="replace"))
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        log.close()


@pytest.fixture(scope="session")
def server_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shared server's PSM_DATA_DIR: nginx in front of it serves its map and live files from there."""
    return tmp_path_factory.mktemp("var")


@pytest.fixture(scope="session")
def server(server_data_dir: Path) -> Iterator[str]:
    with running_app(server_data_dir) as url:
        yield url


# Module scope: Playwright's sync API keeps an event loop running in this thread until it stops, and later
# tests that call asyncio.run() (the benchmark's) cannot start one while it does.
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

    def __init__(self, browser: object, height: int = VIEWPORT["height"], **context: object) -> None:
        """`context`: Playwright context options, e.g. has_touch=True and is_mobile=True for a phone's touch screen."""
        viewport = {**VIEWPORT, "height": height, **context.pop("viewport", {})}
        self.page = (browser.new_context(viewport=viewport, **context).new_page() if context
                     else browser.new_page(viewport=viewport))
        self.events: list[str] = []
        self.page.on("console", lambda msg: msg.type == "error" and self.events.append(msg.text))
        self.page.on("pageerror", lambda exc: self.events.append(f"uncaught {exc}"))
        self.page.on("response", lambda r: r.status >= 400 and self.events.append(f"HTTP {r.status} {r.url}"))
        # A request cut short because the test moved to another page (net::ERR_ABORTED) is not a failure.
        self.page.on("requestfailed", lambda r: "ERR_ABORTED" not in (r.failure or "")
                     and self.events.append(f"request failed {r.url} {r.failure}"))

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


def wait_app(page: object) -> None:
    page.wait_for_selector("[data-testid='stApp']", timeout=30_000)
    page.wait_for_function(
        "!document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=30_000)
    page.wait_for_timeout(800)


def pick_option(page: object, label: str, option: str) -> None:
    """Type into a select box and click the option by its text ("Z1 ·" never takes "Z10 ·", as Enter on a list
    still filtering once did). In CI's full run a rerun still arriving closed the list (Enter then picked nothing
    and an edit was saved without its category): wait for the page and retry."""
    for attempt in range(3):
        box = page.get_by_label(label, exact=True)
        box.click()
        box.fill(option)
        try:
            page.get_by_role("option", name=option).first.click(timeout=8_000)
            break
        except sync_api.TimeoutError:
            if attempt == 2:
                shown = page.get_by_role("option").all_inner_texts()
                raise AssertionError(f"{label}: no option {option!r} among {shown}") from None
            page.keyboard.press("Escape")
            wait_app(page)
    page.keyboard.press("Escape")
