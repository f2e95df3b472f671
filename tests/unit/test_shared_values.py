"""lib/loaders/shared_values.py: values kept per process in a plain dict in front of Streamlit's cache."""
from __future__ import annotations

import threading
import time
from collections import Counter

import pytest

from lib.loaders import shared_values as sh
from lib.views.map_state import MapRequest


@pytest.fixture(autouse=True)
def _fresh_caches() -> None:
    # Streamlit keys its caches by the function's code, which every _counted() view shares.
    sh.clear_caches()


def _counted(**options: object) -> tuple[sh.Shared, Counter]:
    built: Counter = Counter()

    def view(source: tuple[str, int], request: MapRequest, _build: object = None) -> tuple:
        built[(source, request)] += 1
        return (source, request, object())

    return sh.shared(**options)(view), built  # type: ignore[arg-type]


def test_a_second_call_is_the_same_object_and_builds_nothing() -> None:
    view, built = _counted()
    first = view(("registry.csv", 1), MapRequest(axis=2))
    assert view(("registry.csv", 1), MapRequest(axis=2)) is first
    assert view(source=("registry.csv", 1), request=MapRequest(axis=2)) is first  # by keyword: the same key
    assert view(("registry.csv", 2), MapRequest(axis=2)) is not first  # another store version
    assert built == {(("registry.csv", 1), MapRequest(axis=2)): 1, (("registry.csv", 2), MapRequest(axis=2)): 1}


def test_a_hit_does_not_go_through_streamlits_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    # The point of the front: a hit is a dict lookup, not Streamlit's hashing, lock and statistics.
    view, _ = _counted()
    view(("registry.csv", 1), MapRequest())
    monkeypatch.setattr(view, "_cached", lambda *a, **k: pytest.fail("the hit went to Streamlit's cache"))
    view(("registry.csv", 1), MapRequest())


def test_arguments_named_with_an_underscore_are_not_part_of_the_key() -> None:
    view, built = _counted()
    first = view(("registry.csv", 1), MapRequest(), _build=lambda: None)
    assert view(("registry.csv", 1), MapRequest(), _build=lambda: None) is first and sum(built.values()) == 1


def test_arguments_no_dict_can_hold_take_streamlits_path() -> None:
    built: Counter = Counter()

    @sh.shared()
    def total(values: list[int]) -> int:
        built["total"] += 1
        return sum(values)

    assert total([1, 2, 3]) == 6 and total([1, 2, 3]) == 6 and total([4]) == 4
    assert built["total"] == 2  # Streamlit's hasher still kept the first list's result


def test_the_oldest_value_is_dropped_past_max_entries() -> None:
    view, built = _counted(max_entries=2)
    keys = [(("registry.csv", n), MapRequest()) for n in range(3)]
    for source, request in keys:
        view(source, request)
    assert len(view._front) == 2 and keys[0] not in view._front and keys[2] in view._front


def test_with_a_ttl_the_value_is_read_again_once_it_is_that_old(monkeypatch: pytest.MonkeyPatch) -> None:
    now = [100.0]
    monkeypatch.setattr(sh.time, "monotonic", lambda: now[0])
    reads: list[int] = []

    @sh.shared(ttl=5)
    def version() -> int:
        reads.append(1)
        return len(reads)

    assert version() == 1
    now[0] += 4.9
    assert version() == 1
    now[0] += 0.2
    assert version() == 2


def test_a_ttl_value_is_read_once_however_many_sessions_ask_at_the_same_moment() -> None:
    # A room of 300 screens must cost one database read per process and interval (README, Performance).
    reads: list[int] = []

    @sh.shared(ttl=60)
    def version() -> int:
        reads.append(1)
        time.sleep(0.05)  # a slow database: every thread arrives while the first still reads
        return 7

    threads = [threading.Thread(target=version) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(reads) == 1


def test_a_failed_build_keeps_nothing() -> None:
    calls: list[int] = []

    @sh.shared(ttl=60)
    def flaky() -> int:
        calls.append(1)
        if len(calls) == 1:
            raise ConnectionError("the database blinked")
        return 3

    with pytest.raises(ConnectionError):
        flaky()
    assert flaky() == 3 and len(calls) == 2


def test_clear_and_clear_caches_forget_the_front_and_the_cache_behind_it() -> None:
    view, built = _counted()
    first = view(("registry.csv", 1), MapRequest())
    view.clear()
    second = view(("registry.csv", 1), MapRequest())
    assert second is not first and sum(built.values()) == 2
    sh.clear_caches()
    assert view(("registry.csv", 1), MapRequest()) is not second and sum(built.values()) == 3
