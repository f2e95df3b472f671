"""`python -m lib.opendata build OUT/`: the open-data package of the registry, in folder OUT.

By default the projects are those the app shows: data/projects.csv with the approved reports of the database
(PSM_DATABASE_URL, or the SQLite file under PSM_DATA_DIR) merged in; `--solo-registro` leaves the reports out.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lib import schema as s
from lib.analysis.releases import diff, snapshot
from lib.opendata import build
from lib.registry.read import read_registry
from lib.registry.references import read_references
from lib.submissions.registry_rows import load_reported_projects, merge_reported
from lib.submissions.releases import list_releases
from lib.submissions.store import StorageUnavailableError, SubmissionStore


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lib.opendata", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    make = sub.add_parser("build", help="scrive il pacchetto nella cartella indicata")
    make.add_argument("out", type=Path)
    make.add_argument("--indirizzo", default="https://example.invalid/opendata/",
                      help="dove il pacchetto sarà pubblicato (per i link DCAT)")
    make.add_argument("--codice-ipa", default=None, help="codice IPA dell'ente che pubblica (DCAT-AP_IT)")
    make.add_argument("--solo-registro", action="store_true", help="senza le segnalazioni approvate")
    args = parser.parse_args(argv)
    refs = read_references()
    registry = read_registry(str(s.PROJECTS_CSV), refs)
    if registry.issues:
        print(f"{s.PROJECTS_CSV}: {len(registry.issues)} righe con problemi restano fuori dal pacchetto "
              "(python -m lib.registry.validate le elenca)")
    projects, latest = registry.valid, None
    if not args.solo_registro:
        store = SubmissionStore.from_environment()
        try:
            reported, _ = load_reported_projects(store, refs, set(projects[s.PROJECT_ID]))
            latest = next(reversed(list_releases(store)), None)
        except StorageUnavailableError:
            print("Il database delle segnalazioni non risponde: riprova, o usa --solo-registro.", file=sys.stderr)
            return 2
        projects = merge_reported(projects, reported)
    is_release = latest is not None and not diff(latest.projects, snapshot(projects))
    files = build.package_files(projects, release=latest.number if latest else None, is_release=is_release)
    files["dcat.jsonld"] = build.dcat_metadata(files, args.indirizzo, args.codice_ipa)
    written = build.write(args.out, files)
    print(f"{args.out}: {len(written)} file, versione {build.version_of(files)}, {len(projects)} progetti")
    return 0


if __name__ == "__main__":
    sys.exit(main())
