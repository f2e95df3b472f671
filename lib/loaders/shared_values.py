"""Values every session of a process shares, read on each script run without Streamlit's cache machinery.

Measured with `python -m bench --parts pages` (each page beside its same-calls peer, bench/calls_app.py): once
the pages read one shared view each, most of what was left of our own code on a run was its cached calls. A
home run made nine, and each hit of a `st.cache_resource` costs 50–250 µs: the arguments hashed by Streamlit's
hasher (a frozen dataclass through `asdict`, a tuple element by element), the function's signature read again
for every positional argument, the cache's lock and its statistics.

`shared` is a `st.cache_resource` with a plain dict in front of it. A hit is one lookup of the arguments in
that dict. A miss goes through the cache_resource, which builds the value once however many sessions ask at
the same moment, and keeps it in front. With `ttl`, the value is built by the function itself, one caller
at a time, and read again once it is `ttl` seconds old (the small version reads of the stores).

The rules are Streamlit's: arguments named with a leading "_" are not part of the key; values are shared,
never changed in place. Arguments that cannot be a dict key (a list, a frame) skip the front and take
Streamlit's own path. `.clear()` empties one function's front and its cache; `clear_caches()` empties
every front and all of Streamlit's caches (only this module calls `st.cache_*.clear()`, so a front cannot
outlive the cache behind it: tests/unit/test_architecture.py).
"""
from __future__ import annotations

import functools
import inspect
import threading
import time
from collections.abc import Callable
from typing import Any, Generic, ParamSpec, TypeVar

import streamlit as st

P = ParamSpec("P")
R = TypeVar("R")
_MISSING = object()
_FRONTS: list[Shared[Any, Any]] = []


class Shared(Generic[P, R]):
    """A function whose results are kept per process (see the module's docstring)."""

    def __init__(self, func: Callable[P, R], max_entries: int | None, ttl: float | None) -> None:
        functools.update_wrapper(self, func)
        self._func, self._max_entries, self._ttl = func, max_entries, ttl
        self._cached: Callable[P, R] | None = None if ttl else st.cache_resource(
            show_spinner=False, max_entries=max_entries)(func)
        self._keyed = tuple((i, name) for i, name in enumerate(inspect.signature(func).parameters)
                            if not name.startswith("_"))
        self._front: dict[tuple[Any, ...], Any] = {}  # key → value, or (read at, value) with a ttl
        self._lock = threading.Lock()
        _FRONTS.append(self)

    def _key(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, ...]:
        return tuple(args[i] if i < len(args) else kwargs.get(name, _MISSING) for i, name in self._keyed)

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> R:
        key = self._key(args, kwargs)
        try:
            kept = self._front.get(key, _MISSING)
        except TypeError:  # an argument no dict can hold: Streamlit hashes anything
            return self._build(*args, **kwargs)
        if kept is not _MISSING and (not self._ttl or time.monotonic() - kept[0] < self._ttl):
            return kept[1] if self._ttl else kept
        return self._miss(key, args, kwargs)

    def _miss(self, key: tuple[Any, ...], args: Any, kwargs: Any) -> R:
        if self._ttl:
            with self._lock:  # one caller reads it again; the others wait and take what it read
                kept = self._front.get(key, _MISSING)
                if kept is not _MISSING and time.monotonic() - kept[0] < self._ttl:
                    return kept[1]
                value = self._func(*args, **kwargs)
                self._keep(key, (time.monotonic(), value))
                return value
        value = self._build(*args, **kwargs)
        with self._lock:
            self._keep(key, value)
        return value

    def _build(self, *args: Any, **kwargs: Any) -> R:
        return self._cached(*args, **kwargs) if self._cached else self._func(*args, **kwargs)

    def _keep(self, key: tuple[Any, ...], kept: Any) -> None:
        if self._max_entries and key not in self._front and len(self._front) >= self._max_entries:
            self._front.pop(next(iter(self._front)))  # the oldest first
        self._front[key] = kept

    def clear(self) -> None:
        """Forget every kept value of this function (the next call builds it again)."""
        with self._lock:
            self._front.clear()
        if self._cached is not None:
            self._cached.clear()  # type: ignore[attr-defined]


def shared(*, max_entries: int | None = None, ttl: float | None = None) -> Callable[[Callable[P, R]], Shared[P, R]]:
    """Keep what the function returns per process and arguments (at most `max_entries`; `ttl` seconds)."""
    return lambda func: Shared(func, max_entries, ttl)


def clear_caches() -> None:
    """Forget everything every loader keeps: the fronts and Streamlit's caches (tests)."""
    for front in _FRONTS:
        front.clear()
    st.cache_data.clear()
    st.cache_resource.clear()
