"""Check the registry and its quantities: `python -m lib.registry.validate [data/projects.csv]`.

Prints one line per problem, in Italian for the staff who edit the files (file, line, column, what is
wrong), and exits 1 if there is any, 2 if a file cannot be read as a table at all.
"""
from __future__ import annotations

import argparse
import sys

from lib import schema as s
from lib.csv_reader import FileFormatError
from lib.plan.catalogue import CatalogueError
from lib.registry.quantities import read_quantities
from lib.registry.read import read_registry
from lib.registry.references import read_references


def main(argv: list[str] | None = None) -> int:
    """Validate the registry file(s) given, then the quantities file, and print a report; return the status."""
    parser = argparse.ArgumentParser(prog="python -m lib.registry.validate", description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=[str(s.PROJECTS_CSV)], help="registry CSV file(s)")
    parser.add_argument("--quantities", default=str(s.QUANTITIES_CSV), help="quantities CSV file")
    args = parser.parse_args(argv)
    try:
        refs = read_references()
    except (CatalogueError, FileFormatError, OSError) as err:
        for problem in getattr(err, "problems", [str(err)]):
            print(f"ERRORE {s.PLAN_DIR}: {problem}")
        print("il catalogo del piano non si può leggere: correggilo prima di controllare il registro")
        return 2
    status = 0
    ids: set[str] = set()
    for path in args.paths:
        try:
            report = read_registry(path, refs)
        except FileFormatError as err:
            for issue in err.issues:
                print(f"ERRORE {issue}")
            print(f"{path}: non si può leggere, nessuna riga caricata")
            status = max(status, 2)
            continue
        except OSError as err:
            print(f"ERRORE {path}: il file non si può aprire ({err.strerror or err})")
            status = max(status, 2)
            continue
        ids |= set(report.valid[s.PROJECT_ID])
        for issue in report.issues:
            print(f"ERRORE {issue}")
        print(f"{path}: {len(report.valid)} righe valide su {report.n_rows}, {len(report.issues)} problemi")
        status = max(status, 1 if report.issues else 0)
    try:
        quantities, issues = read_quantities(args.quantities, ids)
    except (FileFormatError, OSError) as err:
        print(f"ERRORE {args.quantities}: {err}")
        return max(status, 2)
    for issue in issues:
        print(f"ERRORE {issue}")
    print(f"{args.quantities}: {len(quantities)} quantità valide, {len(issues)} problemi")
    return max(status, 1 if issues else 0)


if __name__ == "__main__":
    sys.exit(main())
