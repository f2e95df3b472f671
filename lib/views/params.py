"""URL parameters, declared once: every link the app writes or reads uses these names and parsers.

Values from the URL are untrusted: each parser returns a validated scalar or None (then the page uses its
default), never raises, so a mistyped shared link still opens.
"""
from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass

Query = Mapping[str, "str | list[str]"]


@dataclass(frozen=True)
class Param:
    """One URL parameter: its name, older names still read from shared links, and what it selects."""

    name: str
    help: str
    aliases: tuple[str, ...] = ()


EDITION = Param("edizione", "edizione del piano, come in data/plan/editions.csv; predefinita quella con default=true")
LAYER = Param("vista", "aree della mappa: zone omogenee o gruppi di zone A–F", aliases=())
ZONE = Param("zona", "zona omogenea (numero)")
GROUP = Param("gruppo", "gruppo di zone A–F", aliases=("tavolo",))
AXIS = Param("asse", "asse del piano (numero)")
STRATEGY = Param("strategia", "strategia del piano (codice, es. 2.3); implica il suo asse")
MEASURE = Param("misura", "misura che colora le aree")
BASIS = Param("conteggio", "come si conta un progetto nelle zone: zone toccate o zona che lo segnala")
STEP = Param("passo", "vista della presentazione (numero)")
SEARCH = Param("cerca", "testo cercato nei progetti")
PROJECT = Param("progetto", "progetto del registro (es. P012), per segnalarne una correzione")
NEED = Param("esigenza", "esigenza per il prossimo piano (es. N3.2)")
CODE = Param("codice", "codice di accesso di un tavolo della giornata di co-pianificazione")
EVENT = Param("evento", "giornata di co-pianificazione (numero)")
PART = Param("parte", "parte della sintesi che la plenaria tiene sullo schermo (1–3); senza, le mostra a turno")
FROM_RELEASE = Param("da", "release del registro da cui contare le novità (numero)")
PARAMS: tuple[Param, ...] = (EDITION, LAYER, ZONE, GROUP, AXIS, STRATEGY, MEASURE, BASIS, STEP, SEARCH,
                             PROJECT, NEED, CODE, EVENT, PART, FROM_RELEASE)
# Streamlit's own embed mode (`?embed=true`): Streamlit reads it, st.query_params leaves it out, every link keeps it.
EMBED = "embed"

# Integers in links are small (zone, axis, step): ASCII digits only, at most this many. `str.isdigit()`
# accepts "²" and "①", which `int()` refuses, and a 5,000-digit value hits Python's integer-string limit.
_SMALL_INT = re.compile(r"[0-9]{1,4}")
# Longest value read from any parameter: anything longer is not a value this app wrote.
MAX_VALUE = 200
MAX_SEARCH = 80


def raw(query: Query, param: Param) -> str | None:
    """The parameter's first value (or an alias's), stripped; None if absent or too long."""
    for name in (param.name, *param.aliases):
        value = query.get(name)
        if isinstance(value, list):
            value = value[0] if value else None
        if isinstance(value, str):
            return value.strip() if len(value) <= MAX_VALUE else None
    return None


def parse_int(query: Query, param: Param, allowed: Collection[int]) -> int | None:
    """A small integer written in ASCII digits that is one of `allowed`, else None."""
    value = raw(query, param)
    number = int(value) if value and _SMALL_INT.fullmatch(value) else None
    return number if number in allowed else None


def parse_choice(query: Query, param: Param, allowed: Collection[str], upper: bool = False) -> str | None:
    """One of `allowed` (case-insensitive for codes like group letters when upper=True), else None."""
    value = raw(query, param)
    if value is None:
        return None
    value = value.upper() if upper else value
    return value if value in allowed else None


def parse_text(query: Query, param: Param, limit: int = MAX_SEARCH) -> str:
    """Free text (a search), cut to `limit` characters; '' when absent."""
    return (raw(query, param) or "")[:limit]


def clamp_step(query: Query, n_steps: int) -> int:
    """`passo=3` → 3 (1-based), clamped to the sequence; 1 when absent or malformed."""
    value = raw(query, STEP)
    number = int(value) if value and _SMALL_INT.fullmatch(value) else None
    return 1 if number is None else min(max(number, 1), n_steps)
