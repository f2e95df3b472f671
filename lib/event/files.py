"""An event described in a file (JSON), read with Italian messages for each problem."""
from __future__ import annotations

import json
import re
from datetime import date
from typing import TypeGuard

from geo.territory import GROUPS, ZONE_GROUP, ZONE_IDS
from lib.event import model as m
from lib.safe_text import clean_text
from lib.views import fmt

# An event file is a few hundred bytes; 64 KB leaves room for long venue names and refuses anything else
# before it is parsed. Nesting deeper than the format's own (object → tables → table) is never needed, and a
# cheap scan refusing it first keeps 100,000 nested brackets from reaching json.loads (RecursionError).
MAX_FILE_CHARS = 64 * 1024
MAX_DEPTH = 8
# A co-planning day from the year 2000 (so past days can be recorded) to ten years ahead: a date outside is a
# typo (0001-01-01, 9999-12-31), and a plan's horizon is shorter than ten years.
FIRST_DAY = date(2000, 1, 1)
YEARS_AHEAD = 10
FIELDS = ("name", "day", "plan_edition", "item_kind", "max_priorities", "tables")
_STRINGS = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class _DuplicateKey(ValueError):
    pass


def default_tables() -> tuple[m.TableSpec, ...]:
    """One table per zone, at its group's venue (seed 004)."""
    return tuple(m.TableSpec(zone_id, GROUPS[ZONE_GROUP[zone_id]].venue) for zone_id in ZONE_IDS)


def _depth(text: str) -> int:
    """How deeply brackets nest in JSON text, strings left out."""
    deepest = depth = 0
    for ch in _STRINGS.sub("", text):
        if ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth -= 1
    return deepest


def _unique_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    seen: dict[str, object] = {}
    for key, value in pairs:
        if key in seen:
            raise _DuplicateKey(key)
        seen[key] = value
    return seen


def _is_int(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)  # JSON's true is a Python int


def _parse(text: str) -> tuple[object, str | None]:
    if len(text) > MAX_FILE_CHARS:
        return None, (f"il file è troppo grande ({fmt.number(len(text))} caratteri, al massimo "
                      f"{fmt.number(MAX_FILE_CHARS)}): non è un file di evento")
    if _depth(text) > MAX_DEPTH:
        return None, f"il file annida parentesi oltre {MAX_DEPTH} livelli: non è un file di evento"
    try:
        return json.loads(text, object_pairs_hook=_unique_keys), None
    except _DuplicateKey as err:
        return None, f"«{clean_text(err.args[0])}»: il campo compare più volte (ciascun campo una volta sola)"
    except (ValueError, RecursionError) as err:
        return None, f"il file non è JSON valido ({clean_text(str(err))})"


def _name(raw: dict) -> tuple[str, list[str]]:
    name = clean_text(raw.get("name")) if isinstance(raw.get("name"), str) else ""
    if not name or len(name) > m.TEXT_LIMITS["name"]:
        return "", [f"«name»: serve un nome (testo visibile) di al massimo {m.TEXT_LIMITS['name']} caratteri"]
    return name, []


def _day(raw: dict, today: date) -> tuple[date | None, list[str]]:
    try:
        last = today.replace(year=today.year + YEARS_AHEAD)
    except ValueError:  # 29 February
        last = today.replace(year=today.year + YEARS_AHEAD, day=28)
    value = raw.get("day")
    try:
        if not isinstance(value, str) or not _ISO_DAY.fullmatch(value):
            raise ValueError(value)
        day = date.fromisoformat(value)
    except ValueError:
        return None, ["«day»: serve una data come 2026-12-05"]
    if not FIRST_DAY <= day <= last:
        return None, [f"«day»: la data deve essere tra il {FIRST_DAY:%d/%m/%Y} e il {last:%d/%m/%Y}"]
    return day, []


def _tables(raw: dict) -> tuple[tuple[m.TableSpec, ...], list[str]]:
    if "tables" not in raw:
        return default_tables(), []
    shape = "«tables»: un elenco non vuoto di {\"zone_id\": numero, \"venue\": \"sede\"}"
    given = raw["tables"]
    if not isinstance(given, list) or not given or not all(isinstance(t, dict) for t in given):
        return (), [shape]
    if not all(_is_int(t.get("zone_id")) and isinstance(t.get("venue"), str) for t in given):
        return (), [shape]
    tables = tuple(m.TableSpec(t["zone_id"], clean_text(t["venue"])) for t in given)
    zones = [t.zone_id for t in tables]
    if set(zones) - set(ZONE_IDS) or len(set(zones)) != len(zones) or not all(
            t.venue and len(t.venue) <= m.TEXT_LIMITS["name"] for t in tables):
        return (), [f"«tables»: ogni zona da {min(ZONE_IDS)} a {max(ZONE_IDS)} al massimo una volta, ciascuna con "
                    f"la sua sede (al massimo {m.TEXT_LIMITS['name']} caratteri)"]
    return tables, []


def spec_from_json(text: str, items_for: dict[tuple[str, str], tuple[m.Item, ...]],
                   today: date | None = None) -> tuple[m.EventSpec | None, list[str]]:
    """Read an event file: name, day (YYYY-MM-DD), plan_edition, item_kind, max_priorities, and optionally
    tables ([{"zone_id": 7, "venue": "Comune di Ciriè"}, …]; default one per zone at its group's venue).

    Args:
        items_for: (item kind, edition) → the items an event of that kind and edition prioritises.
        today: the day the allowed range of `day` counts from (default: today).
    Returns the spec, or None and every problem found (Italian).
    """
    raw, problem = _parse(text)
    if problem:
        return None, [problem]
    if not isinstance(raw, dict):
        return None, ["il file deve contenere un oggetto JSON con i campi dell'evento"]
    problems = [f"«{clean_text(key)[:40]}»: campo sconosciuto (campi possibili: {', '.join(FIELDS)})"
                for key in raw if key not in FIELDS]
    name, found = _name(raw)
    problems += found
    day, found = _day(raw, today or date.today())
    problems += found
    kind, edition = raw.get("item_kind"), raw.get("plan_edition")
    items = items_for.get((kind, edition)) if isinstance(kind, str) and isinstance(edition, str) else None
    if items is None:
        known = ", ".join(f"{k} {e}" for k, e in items_for)
        problems.append(f"«item_kind» e «plan_edition»: combinazione non disponibile (disponibili: {known})")
    top = raw.get("max_priorities")
    if not _is_int(top) or not 1 <= top <= m.MAX_PRIORITIES_LIMIT:
        problems.append(f"«max_priorities»: un numero intero da 1 a {m.MAX_PRIORITIES_LIMIT}")
    tables, found = _tables(raw)
    problems += found
    if problems:
        return None, problems
    # Each of these being None or of another type made a problem above: the assert only tells the type checker.
    assert day is not None and items is not None and _is_int(top) and isinstance(kind, str) and isinstance(edition, str)
    return m.EventSpec(name=name, day=day, plan_edition=edition, item_kind=kind, max_priorities=top, items=items,
                       tables=tables), []
