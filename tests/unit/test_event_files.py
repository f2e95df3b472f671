"""Hostile event files: each refused with an Italian message naming the field, nothing created, no exception."""
from __future__ import annotations

import json
from datetime import date

import pytest

from lib.event import files
from lib.event import model as m

ITEMS = (m.Item("1.1", "Costruire capacità 4.0", 1),)
ITEMS_FOR = {(m.ITEMS_STRATEGIES, "2021-2023"): ITEMS}
TODAY = date(2026, 12, 2)
GOOD = {"name": "Giornata", "day": "2026-12-05", "plan_edition": "2021-2023", "item_kind": "strategie",
        "max_priorities": 3}


def _file(**changes: object) -> str:
    return json.dumps({**GOOD, **changes})


# 100,000 levels are refused by size; 25,000 (within the size limit) by the depth scan, before json.loads
# would overflow the interpreter's recursion limit.
DEEP, DEEP_SMALL = "[" * 100_000 + "]" * 100_000, "[" * 25_000 + "]" * 25_000
HOSTILE = {
    "deep_top": ('{"name": "G", "x": ' + DEEP + "}", "troppo grande"),
    "deep_tables": (_file()[:-1] + ', "tables": ' + DEEP + "}", "troppo grande"),
    "deep_top_small": ('{"name": "G", "x": ' + DEEP_SMALL + "}", "8 livelli"),
    "deep_tables_small": (_file()[:-1] + ', "tables": ' + DEEP_SMALL + "}", "8 livelli"),
    "deep_objects_small": ('{"a":' * 10_000 + "1" + "}" * 10_000, "8 livelli"),
    "brackets_in_strings_are_text": (_file(name="[" * 20, tables=[]), "«tables»"),
    "too_big": (_file(name="x" * 70_000), "troppo grande"),
    "zero_width_name": (_file(name="\u200b"), "«name»"),
    "soft_hyphen_name": (_file(name="\u00ad"), "«name»"),
    "bidi_name": (_file(name="\u202e"), "«name»"),
    "nul_name": (_file(name="\u0000"), "«name»"),
    "lone_surrogate_name": ('{"name": "\\ud800", "day": "2026-12-05", "plan_edition": "2021-2023", '
                            '"item_kind": "strategie", "max_priorities": 3}', "«name»"),
    "name_not_text": (_file(name=["G"]), "«name»"),
    "empty_tables": (_file(tables=[]), "«tables»"),
    "zone_1e400": (_file()[:-1] + ', "tables": [{"zone_id": 1e400, "venue": "Ciriè"}]}', "«tables»"),
    "zone_float": (_file(tables=[{"zone_id": 7.5, "venue": "Ciriè"}]), "«tables»"),
    "zone_bool": (_file(tables=[{"zone_id": True, "venue": "Ciriè"}]), "«tables»"),
    "zone_text": (_file(tables=[{"zone_id": "7", "venue": "Ciriè"}]), "«tables»"),
    "zone_unknown": (_file(tables=[{"zone_id": 12, "venue": "Ciriè"}]), "«tables»"),
    "venue_invisible": (_file(tables=[{"zone_id": 7, "venue": "\u200b"}]), "«tables»"),
    "day_integer": (_file(day=20261205), "«day»"),
    "day_basic_format": (_file(day="20261205"), "«day»"),
    "day_year_1": (_file(day="0001-01-01"), "«day»"),
    "day_year_9999": (_file(day="9999-12-31"), "«day»"),
    "max_true": (_file(max_priorities=True), "«max_priorities»"),
    "max_float": (_file(max_priorities=2.5), "«max_priorities»"),
    "duplicate_key": ('{"name": "A", "name": "B", "day": "2026-12-05", "plan_edition": "2021-2023", '
                      '"item_kind": "strategie", "max_priorities": 3}', "«name»: il campo compare più volte"),
    "max_twice": (_file()[:-1] + ', "max_priorities": 2}', "«max_priorities»: il campo compare più volte"),
    "max_nan": (_file()[:-1].replace('"max_priorities": 3', '"max_priorities": NaN') + "}", "«max_priorities»"),
    "unknown_field": (_file(nmae="G"), "«nmae»: campo sconosciuto"),
    "not_an_object": ("[1, 2]", "oggetto JSON"),
    "kind_not_text": (_file(item_kind=1), "«item_kind»"),
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_a_hostile_event_file_is_refused_naming_the_field(name: str) -> None:
    text, expected = HOSTILE[name]
    spec, problems = files.spec_from_json(text, ITEMS_FOR, today=TODAY)
    assert spec is None and problems
    assert any(expected in problem for problem in problems), problems


def test_the_good_file_and_the_limits_of_the_day_are_accepted() -> None:
    for day in ("2000-01-01", "2026-12-05", "2036-12-02"):
        spec, problems = files.spec_from_json(_file(day=day), ITEMS_FOR, today=TODAY)
        assert problems == [] and spec.day == date.fromisoformat(day)
    spec, problems = files.spec_from_json(_file(day="2036-12-03"), ITEMS_FOR, today=TODAY)
    assert spec is None and problems == ["«day»: la data deve essere tra il 01/01/2000 e il 02/12/2036"]


def test_invisible_characters_are_cleaned_from_name_and_venue_not_counted_as_text() -> None:
    text = _file(name="Giornata\u200b di\u00ad Ciriè", tables=[{"zone_id": 7, "venue": " Comune\u202e di Ciriè "}])
    spec, problems = files.spec_from_json(text, ITEMS_FOR, today=TODAY)
    assert problems == [] and spec.name == "Giornata di Ciriè" and spec.tables == (m.TableSpec(7, "Comune di Ciriè"),)
    spec, _ = files.spec_from_json(text.replace("Giornata", "Gior\\ud800nata"), ITEMS_FOR, today=TODAY)
    assert spec.name == "Giornata di Ciriè"


def test_event_files_are_checked_with_italian_messages() -> None:
    spec, problems = files.spec_from_json('{"name": "Giornata", "day": "2023-12-05", "plan_edition": "2021-2023", '
                                          '"item_kind": "strategie", "max_priorities": 3}', ITEMS_FOR)
    assert problems == [] and spec.tables == files.default_tables() and spec.tables[6].venue == "Comune di Ciriè"
    _, problems = files.spec_from_json('{"name": "", "day": "5/12", "plan_edition": "2030-2032", '
                                       '"item_kind": "strategie", "max_priorities": 40}', ITEMS_FOR)
    assert len(problems) == 4 and problems[1] == "«day»: serve una data come 2026-12-05"
    assert files.spec_from_json("{non json", ITEMS_FOR)[1][0].startswith("il file non è JSON valido")
