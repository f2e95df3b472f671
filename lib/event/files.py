"""An event described in a file (JSON), read with Italian messages for each problem."""
from __future__ import annotations

import json
from datetime import date

from geo.territory import GROUPS, ZONE_GROUP, ZONE_IDS
from lib.event import model as m


def default_tables() -> tuple[m.TableSpec, ...]:
    """One table per zone, at its group's venue (seed 004)."""
    return tuple(m.TableSpec(zone_id, GROUPS[ZONE_GROUP[zone_id]].venue) for zone_id in ZONE_IDS)


def spec_from_json(text: str, items_for: dict[tuple[str, str], tuple[m.Item, ...]]) -> tuple[m.EventSpec | None, list[str]]:
    """Read an event file: name, day (YYYY-MM-DD), plan_edition, item_kind, max_priorities, and optionally
    tables ([{"zone_id": 7, "venue": "Comune di Ciriè"}, …]; default one per zone at its group's venue).

    Args:
        items_for: (item kind, edition) → the items an event of that kind and edition prioritises.
    Returns the spec, or None and every problem found (Italian).
    """
    try:
        raw = json.loads(text)
    except (ValueError, UnicodeDecodeError) as err:
        return None, [f"il file non è JSON valido ({err})"]
    if not isinstance(raw, dict):
        return None, ["il file deve contenere un oggetto JSON con i campi dell'evento"]
    problems = []
    name = str(raw.get("name", "")).strip()
    if not name or len(name) > m.TEXT_LIMITS["name"]:
        problems.append(f"«name»: serve un nome di al massimo {m.TEXT_LIMITS['name']} caratteri")
    try:
        day = date.fromisoformat(str(raw.get("day", "")))
    except ValueError:
        day = None
        problems.append("«day»: serve una data come 2026-12-05")
    kind, edition = str(raw.get("item_kind", "")), str(raw.get("plan_edition", ""))
    items = items_for.get((kind, edition))
    if items is None:
        known = ", ".join(f"{k} {e}" for k, e in items_for)
        problems.append(f"«item_kind» e «plan_edition»: combinazione non disponibile (disponibili: {known})")
    top = raw.get("max_priorities")
    if not isinstance(top, int) or not 1 <= top <= m.MAX_PRIORITIES_LIMIT:
        problems.append(f"«max_priorities»: un numero da 1 a {m.MAX_PRIORITIES_LIMIT}")
    tables = default_tables()
    if "tables" in raw:
        try:
            tables = tuple(m.TableSpec(int(t["zone_id"]), str(t["venue"]).strip()) for t in raw["tables"])
        except (KeyError, TypeError, ValueError):
            problems.append("«tables»: un elenco di {\"zone_id\": numero, \"venue\": \"sede\"}")
        else:
            zones = [t.zone_id for t in tables]
            if set(zones) - set(ZONE_IDS) or len(set(zones)) != len(zones) or not all(t.venue for t in tables):
                problems.append("«tables»: ogni zona da 1 a 11 al massimo una volta, ciascuna con la sua sede")
    if problems:
        return None, problems
    return m.EventSpec(name=name, day=day, plan_edition=edition, item_kind=kind, max_priorities=top, items=items,
                       tables=tables), []
