"""Seeded synthetic registries (projects.csv) of any size, valid for `lib.registry.read_registry`.

The mix follows the issue: about 60% of projects sited in 1-3 named comuni, 25% known only at zone
level (1-2 zones), 15% metro-wide; each serves 1-3 strategies of the default edition.
Comuni are drawn with weight sqrt(population): Torino and the larger towns get more projects, as in
the real registry, while every one of the 312 comuni can appear.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import math
import random
from pathlib import Path

from geo.territory import ZONE_IDS
from lib import schema as s
from lib.plan.catalogue import read_catalogue
from lib.registry.references import read_categories, read_comuni

DEFAULT_SEED = 20240601
# Shares of the three precisions (comune, zona, metropolitana), from the issue.
PRECISION_WEIGHTS = ((s.PRECISION_COMUNE, 0.60), (s.PRECISION_ZONE, 0.25), (s.PRECISION_METRO, 0.15))
# Words for titles and descriptions: varied enough that searches and tooltips look like real text.
_ACTIONS = (
    "Riqualificazione",
    "Potenziamento",
    "Realizzazione",
    "Progetto pilota",
    "Rete",
    "Piano",
    "Sostegno",
    "Recupero",
    "Ampliamento",
    "Laboratorio",
)
_OBJECTS = (
    "del polo scolastico",
    "della ciclovia",
    "del centro civico",
    "degli impianti sportivi",
    "della casa della comunità",
    "del parco fluviale",
    "della rete in fibra",
    "del mercato coperto",
    "delle aree produttive dismesse",
    "dei servizi di trasporto a chiamata",
    "del rifugio alpino",
    "della filiera del legno",
)
_PROMOTERS = (
    "Città metropolitana di Torino",
    "Regione Piemonte",
    "Unione montana",
    "Comune capofila",
    "GAL",
    "ATC",
    "Consorzio socio-assistenziale",
    "",
)


def _comune_weights(population: list[int]) -> list[float]:
    return [math.sqrt(max(p, 1)) for p in population]


def build_rows(n_projects: int, seed: int = DEFAULT_SEED) -> list[dict[str, str]]:
    """`n_projects` registry rows (string cells, `schema.PROJECT_COLUMNS` order); the same for a seed."""
    if n_projects < 1:
        raise ValueError("n_projects must be at least 1")
    rng = random.Random(seed)
    plan = read_catalogue().plan()
    comuni = read_comuni()
    categories = list(read_categories()[s.CATEGORY])
    codes = plan.codes
    names = list(comuni[s.NAME])
    zone_of = dict(zip(comuni[s.NAME], comuni[s.ZONE_ID].astype(int), strict=True))
    cum_weights = list(itertools.accumulate(_comune_weights([int(p) for p in comuni[s.POPULATION]])))
    precisions = [p for p, _ in PRECISION_WEIGHTS]
    shares = [w for _, w in PRECISION_WEIGHTS]
    width = max(6, len(str(n_projects)))

    rows = []
    for number in range(1, n_projects + 1):
        precision = rng.choices(precisions, shares)[0]
        picked = rng.sample(codes, rng.randint(1, 3))
        comuni_cell, zones_cell, place = "", "", "area metropolitana"
        if precision == s.PRECISION_COMUNE:
            chosen: list[str] = []
            for _ in range(rng.randint(1, 3)):
                name = rng.choices(names, cum_weights=cum_weights)[0]
                if name not in chosen:
                    chosen.append(name)
            comuni_cell = s.LIST_SEP.join(chosen)
            zones_cell = s.LIST_SEP.join(str(z) for z in sorted({zone_of[c] for c in chosen}))
            place = chosen[0]
        elif precision == s.PRECISION_ZONE:
            zones = sorted(rng.sample(ZONE_IDS, rng.randint(1, 2)))
            zones_cell = s.LIST_SEP.join(str(z) for z in zones)
            place = f"zona {zones[0]}"
        title = f"{rng.choice(_ACTIONS)} {rng.choice(_OBJECTS)} ({place})"
        rows.append(
            {
                s.PROJECT_ID: f"P{number:0{width}d}",
                s.PLAN_EDITION: plan.edition.key,
                s.TITLE: title,
                s.DESCRIPTION: f"Intervento sintetico n. {number}: {title.lower()}.",
                s.CATEGORY: rng.choice(categories),
                s.STRATEGIES: s.LIST_SEP.join(picked),
                s.COMUNI: comuni_cell,
                s.ZONES: zones_cell,
                s.REPORTING_ZONE: "",
                s.PRECISION: precision,
                s.LOCATION_BASIS: s.BASIS_SOURCE,
                s.LOCATION_NOTE: f"Luogo del registro sintetico: {place}.",
                s.PROMOTER: rng.choice(_PROMOTERS),
                s.SOURCE: f"registro sintetico (bench/synthetic.py, seme {seed})",
                s.SOURCE_QUOTE: "",
                s.EDITOR_NOTE: "",
                s.NOTES: "",
            }
        )
    return rows


def write_registry(n_projects: int, directory: Path | str, seed: int = DEFAULT_SEED) -> Path:
    """Write a synthetic registry CSV into `directory` and return its path."""
    path = Path(directory) / f"projects_{n_projects}_seed{seed}.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(s.PROJECT_COLUMNS), lineterminator="\n")
        writer.writeheader()
        writer.writerows(build_rows(n_projects, seed))
    return path


def main() -> None:
    """CLI: `python -m bench.synthetic 10000 /tmp/out [--seed N]` prints the path written."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n_projects", type=int)
    parser.add_argument("directory", type=Path)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args()
    args.directory.mkdir(parents=True, exist_ok=True)
    print(write_registry(args.n_projects, args.directory, args.seed))


if __name__ == "__main__":
    main()
