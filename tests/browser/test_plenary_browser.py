"""The live plenary read from the back of the room: a busy morning (every table with priorities, highlighted
contributions on six themes) at 1280×720 and 1920×1080, one part of the synthesis at a time, each at the
presentation's reading sizes and wholly on the screen; on a phone all three parts, one under the other."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from lib.event import model as m
from lib.event import plenary
from lib.event.store import EventStore
from lib.submissions.store import SubmissionStore
from lib.views import slides
from tests.browser.conftest import Page, running_app, todays_day, wait_app
from tests.browser.test_screens_browser import _SLIDE_TEXT, LEGEND_PX, READABLE_PX

THEMES = ("Mobilità dolce", "Aree interne e montagna", "Energia e comunità", "Scuola e formazione",
          "Salute di prossimità", "Casa e rigenerazione")
SIZES = {"1280x720": (1280, 720), "1920x1080": (1920, 1080)}
# Which parts show, and whether the synthesis column and the page fit the screen without scrolling.
_PARTS = """() => {
  const shown = [...document.querySelectorAll('.psm-part')].filter(e => e.offsetHeight > 0)
    .map(e => e.dataset.psmPart);
  const column = document.querySelector('.psm-live').closest('[data-testid=stElementContainer]');
  return {shown: shown, column: [column.scrollHeight, column.clientHeight],
          page: [document.documentElement.scrollHeight, window.innerHeight]};
}"""


@pytest.fixture(scope="module")
def busy_day(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    """A server with a morning already done: two priorities a table, 66 highlighted contributions."""
    folder = tmp_path_factory.mktemp("plenary")
    store = SubmissionStore(f"sqlite:///{folder / 'submissions.sqlite3'}")
    spec = todays_day()
    events = EventStore(store)
    event_id, _ = events.create(spec, "Regia")
    codes = [item.code for item in spec.items]
    for zone in range(1, 12):
        picks = [codes[(zone * 3) % len(codes)], codes[(zone * 5 + 1) % len(codes)]]
        events.save_priorities(event_id, zone, [m.Priority(i, c, "serve") for i, c in enumerate(picks, start=1)])
        for n, theme in enumerate(THEMES):
            key = events.save_contribution(event_id, zone, picks[n % 2], "progetto",
                                           f"Proposta della zona {zone} su {theme.lower()}: collegare i comuni "
                                           "alle stazioni con servizi frequenti, percorsi sicuri e orari chiari")
            events.act(event_id, "Regia", m.ACT_TAG, key, theme)
            events.act(event_id, "Regia", m.ACT_HIGHLIGHT, key)
    store.close()
    with running_app(folder) as url:
        yield url, event_id


def _open(tab: Page, url: str) -> None:
    tab.page.goto(url)
    wait_app(tab.page)
    tab.map_frame()
    tab.page.wait_for_selector(".psm-live", timeout=15_000)
    tab.page.wait_for_timeout(500)


@pytest.mark.parametrize("size", SIZES)
def test_each_part_of_the_plenary_is_read_from_the_back_of_the_room(busy_day: tuple[str, int], browser: object,
                                                                    size: str, review_shots: Path) -> None:
    url, event_id = busy_day
    width, height = SIZES[size]
    tab = Page(browser, height)
    tab.page.set_viewport_size({"width": width, "height": height})
    for part in range(1, plenary.N_PARTS + 1):
        _open(tab, f"{url}/plenary?evento={event_id}&parte={part}")
        layout = tab.page.evaluate(_PARTS)
        assert layout["shown"] == [str(part)], layout
        assert layout["column"][0] <= layout["column"][1] + 1 and layout["page"][0] <= layout["page"][1] + 1, layout
        seen = tab.page.evaluate(_SLIDE_TEXT, slides.FOOTER_CLASS)
        small = [t for t in seen["texts"] if t["px"] < (LEGEND_PX if t["legend"] else READABLE_PX[size]) - 0.01]
        assert small == [], (part, small)
        sizes = tab.map_frame().evaluate("[...document.querySelectorAll('.psm-label')]"
                                         ".map(e => parseFloat(getComputedStyle(e).fontSize))")
        assert len(sizes) == 11 and min(sizes) >= READABLE_PX[size] - 0.01, sizes
        tab.page.screenshot(path=str(review_shots / f"plenaria_{part}_{size}.png"))
    assert "parte=3" in tab.page.evaluate("location.search")  # the pinned part stays in the link
    assert tab.errors == []


def test_the_plenary_shows_its_parts_in_turn_and_all_on_a_phone(busy_day: tuple[str, int], browser: object,
                                                                review_shots: Path) -> None:
    url, event_id = busy_day
    tab = Page(browser, 720)
    _open(tab, f"{url}/plenary?evento={event_id}")
    first = tab.page.evaluate(_PARTS)["shown"]
    assert len(first) == 1
    tab.page.wait_for_function(f"[...document.querySelectorAll('.psm-part')].filter(e => e.offsetHeight > 0)"
                               f".map(e => e.dataset.psmPart).join() !== '{first[0]}'",
                               timeout=(plenary.PART_S + 8) * 1000)
    phone = Page(browser, 844)
    phone.page.set_viewport_size({"width": 390, "height": 844})
    _open(phone, f"{url}/plenary?evento={event_id}")
    assert phone.page.evaluate(_PARTS)["shown"] == [str(n) for n in range(1, plenary.N_PARTS + 1)]
    assert phone.page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    phone.page.screenshot(path=str(review_shots / "plenaria_390x844.png"), full_page=True)
    assert tab.errors == [] and phone.errors == []
