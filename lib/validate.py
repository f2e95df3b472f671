"""Command line check of a registry file: `python -m lib.validate data/projects.csv`.

Prints one line per problem, in Italian for the staff who edit the file (file, line, column, what is
wrong), and exits 1 if there is any, 2 if the file cannot be read as a table at all.
"""
from __future__ import annotations

import argparse
import sys

from lib import schema as s
from lib.catalogue import read_references
from lib.csv_reader import FileFormatError
from lib.registry import read_registry


def main(argv: list[str] | None = None) -> int:
    """Validate the registry file(s) given and print a report; return the exit status."""
    parser = argparse.ArgumentParser(prog="python -m lib.validate", description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=[str(s.PROJECTS_CSV)], help="registry CSV file(s)")
    args = parser.parse_args(argv)
    refs = read_references()
    status = 0
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
        for issue in report.issues:
            print(f"ERRORE {issue}")
        print(f"{path}: {len(report.valid)} righe valide su {report.n_rows}, {len(report.issues)} problemi")
        if report.issues:
            status = max(status, 1)
    return status


if __name__ == "__main__":
    sys.exit(main())
