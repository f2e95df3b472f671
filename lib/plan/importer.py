"""Import a plan edition's catalogue.

    python -m lib.plan.importer CATALOGO.csv --edition 2024-2026 [--write --source "…"]

The file has one row per strategy: axis, axis_title, axis_color, strategy, title (UTF-8, comma-separated).
It is checked against the edition's totals in data/plan/editions.csv (axes numbered from 1, as many
strategies as declared, codes unique, one colour per axis); with --write, and only if nothing is wrong,
the edition's rows in axes.csv and strategies.csv are replaced and editions.csv marks its catalogue present.
Messages are Italian, for the staff who run it. Exit status: 0 done or valid, 1 problems, 2 unreadable.
"""
from __future__ import annotations

import argparse
import csv
import sys
from dataclasses import replace
from pathlib import Path

import pandas as pd

from lib import schema as s
from lib.csv_reader import FileFormatError, read_table
from lib.plan.catalogue import plan_problems, read_catalogue, read_editions

IMPORT_COLUMNS: tuple[str, ...] = (s.AXIS, s.AXIS_TITLE, s.AXIS_COLOR, s.STRATEGY, s.STRATEGY_TITLE)


def catalogue_rows(rows: pd.DataFrame, edition: str, source: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The file's rows as axes.csv and strategies.csv rows of one edition."""
    axes = rows.drop_duplicates(s.AXIS)[[s.AXIS, s.AXIS_TITLE, s.AXIS_COLOR]]
    axes = axes.assign(**{s.PLAN_EDITION: edition, s.SOURCE: source})
    strategies = rows[[s.STRATEGY, s.AXIS, s.STRATEGY_TITLE]].assign(**{s.PLAN_EDITION: edition, s.SOURCE: source})
    return axes, strategies


def import_problems(rows: pd.DataFrame, edition: str, plan_dir: Path) -> list[str]:
    """What is wrong with the file for this edition (and with the whole catalogue once it is in)."""
    editions = read_editions(plan_dir)
    if edition not in editions:
        return [f"l'edizione {edition} non è in editions.csv: aggiungila con i suoi totali prima di importare"]
    axes, strategies = catalogue_rows(rows, edition, "")
    problems = []
    titles = rows.groupby(s.AXIS)[[s.AXIS_TITLE, s.AXIS_COLOR]].nunique()
    if (titles > 1).any().any():
        problems.append("uno stesso asse ha titoli o colori diversi in righe diverse")
    problems += plan_problems(replace(editions[edition], has_catalogue=True), axes, strategies)
    return problems


def write_catalogue(rows: pd.DataFrame, edition: str, source: str, plan_dir: Path) -> None:
    """Replace the edition's rows in axes.csv and strategies.csv and mark its catalogue present."""
    axes, strategies = catalogue_rows(rows, edition, source)
    for name, new in ((s.AXES_FILE, axes), (s.STRATEGIES_FILE, strategies)):
        path = plan_dir / name
        old = pd.read_csv(path, dtype="string", encoding="utf-8", keep_default_na=False)
        merged = pd.concat([old[old[s.PLAN_EDITION] != edition], new[list(old.columns)]], ignore_index=True)
        merged.to_csv(path, index=False, encoding="utf-8", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    path = plan_dir / s.EDITIONS_FILE
    editions = pd.read_csv(path, dtype="string", encoding="utf-8", keep_default_na=False)
    editions.loc[editions[s.PLAN_EDITION] == edition, s.HAS_CATALOGUE] = "true"
    editions.to_csv(path, index=False, encoding="utf-8", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)


def main(argv: list[str] | None = None) -> int:
    """Check (and with --write, import) one edition's catalogue; print what happened."""
    parser = argparse.ArgumentParser(prog="python -m lib.plan.importer", description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path, help="the catalogue CSV (axis, axis_title, axis_color, strategy, title)")
    parser.add_argument("--edition", required=True, help="the edition's key, as in editions.csv")
    parser.add_argument("--source", default="",
                        help="where the catalogue comes from (shown to users; required with --write)")
    parser.add_argument("--write", action="store_true", help="write it into data/plan/ if it is valid")
    parser.add_argument("--plan-dir", type=Path, default=s.PLAN_DIR, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        rows, issues = read_table(args.file, IMPORT_COLUMNS)
    except (FileFormatError, OSError) as err:
        print(f"ERRORE {args.file}: {err}")
        return 2
    problems = [str(issue) for issue in issues] + import_problems(rows, args.edition, args.plan_dir)
    if not problems and args.write and not args.source.strip():
        problems.append("con --write serve --source: la fonte del catalogo, mostrata agli utenti")
    for problem in problems:
        print(f"ERRORE {problem}")
    if problems:
        print(f"{args.file}: {len(problems)} problemi, nulla è stato scritto")
        return 1
    if args.write:
        write_catalogue(rows, args.edition, args.source.strip(), args.plan_dir)
        read_catalogue(args.plan_dir)  # raises if the whole catalogue no longer agrees
        print(f"{args.file}: catalogo {args.edition} importato ({rows[s.AXIS].nunique()} assi, {len(rows)} strategie)")
    else:
        print(f"{args.file}: valido per {args.edition} ({len(rows)} strategie); aggiungi --write per importarlo")
    return 0


if __name__ == "__main__":
    sys.exit(main())
