"""Write the package: one CSV per resource, the GeoJSON outlines, datapackage.json and dcat.jsonld.

Every package is stamped with its version, in datapackage.json and the DCAT metadata: the number of the registry
release it holds (`release-3`), or, when what it holds is not a release, the latest release, the day and a
fingerprint of the files (`release-3+2026-12-02.bda1c31e9062`; the same rows give the same fingerprint).
"""
from __future__ import annotations

import hashlib
import io
import json
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from lib import schema as s
from lib.opendata import dcat
from lib.opendata import resources as r
from lib.opendata.content import package_frames, to_csv

NAME = "psm-torino-registro-progetti"
TITLE = "Piano strategico metropolitano di Torino: progetti del monitoraggio, zone e strategie"
DESCRIPTION = ("I progetti riferiti nel monitoraggio del PSM (Restituzione della fase preliminare, cap. 3), "
               "con le strategie, le zone omogenee e i comuni di ciascuno e la provenienza di ogni localizzazione; "
               "il piano (assi e strategie), le esigenze per il piano successivo e i confini del territorio.")
# The outlines are ISTAT's under CC BY 4.0, which any reuse of the package must credit; the registry is proposed
# under the same licence, for CMT to confirm.
LICENSE = {"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
           "title": "Creative Commons Attribuzione 4.0 Internazionale"}
SOURCES = [{"title": "Città Metropolitana di Torino, PSM: Restituzione della fase preliminare (2023)"},
           {"title": "ISTAT 2023, confini delle unità amministrative e popolazione residente (CC BY 4.0)"}]


def package_files(projects: pd.DataFrame, data_dir: Path = s.DATA_DIR, release: int | None = None,
                  is_release: bool = False) -> dict[str, bytes]:
    """Every file of the package by its path, datapackage.json included (dcat.jsonld is added by `write`)."""
    from lib.opendata import workbook  # openpyxl: ~130 ms of every cold start of the app otherwise

    frames = package_frames(projects, data_dir)
    files = {res.path: to_csv(frames[res.name]) for res in r.RESOURCES}
    files |= {path: (data_dir / path).read_bytes() for path, _ in r.GEOMETRIES.values()}
    # The fingerprint covers the data files; the workbook (which carries its own timestamps) holds the same rows.
    digest = hashlib.sha256(b"".join(hashlib.sha256(files[p]).digest() for p in sorted(files))).hexdigest()[:12]
    files[workbook.PATH] = workbook.to_xlsx(frames)
    version = stamp(release, is_release, digest)
    files["datapackage.json"] = json.dumps(descriptor(files, version), ensure_ascii=False, indent=1).encode()
    return files


def version_of(files: dict[str, bytes]) -> str:
    return json.loads(files["datapackage.json"])["version"]


def stamp(release: int | None, is_release: bool, digest: str, issued: date | None = None) -> str:
    """'release-3' when the package is release 3; else 'release-3+2026-12-02.<digest>' ('0' before any)."""
    if release is not None and is_release:
        return f"release-{release}"
    return f"release-{release or 0}+{(issued or date.today()).isoformat()}.{digest}"


def descriptor(files: dict[str, bytes], version: str, issued: date | None = None) -> dict[str, Any]:
    day = (issued or date.today()).isoformat()
    geo = [{"name": name, "path": path, "title": title, "format": "geojson", "mediatype": "application/geo+json",
            "encoding": "utf-8", "bytes": len(files[path]),
            "hash": "sha256:" + hashlib.sha256(files[path]).hexdigest()}
           for name, (path, title) in r.GEOMETRIES.items()]
    return {"name": NAME, "title": TITLE, "description": DESCRIPTION, "version": version,
            "created": f"{day}T00:00:00Z",
            "licenses": [LICENSE], "sources": SOURCES, "keywords": ["PSM", "Torino", "zone omogenee"],
            "resources": [res.descriptor() for res in r.RESOURCES] + geo}


def dcat_metadata(files: dict[str, bytes], base_url: str, publisher_id: str | None) -> bytes:
    from lib.opendata import workbook  # see package_files

    package = json.loads(files["datapackage.json"])
    meta = {"identifier": f"{publisher_id}:{NAME}" if publisher_id else NAME, "title": TITLE,
            "description": DESCRIPTION,
            "issued": package["created"][:10], "version": package["version"], "license": LICENSE["title"],
            "license_url": LICENSE["path"]}
    listed = [{"path": res["path"], "title": res["title"], "format": res["format"]} for res in package["resources"]]
    listed.append({"path": "datapackage.json", "title": "Descrizione del pacchetto (Frictionless)", "format": "json"})
    listed.append({"path": workbook.PATH, "title": "Le stesse tabelle in un foglio di calcolo", "format": "xlsx"})
    return json.dumps(dcat.dataset_jsonld(meta, listed, base_url, publisher_id), ensure_ascii=False,
                      indent=1).encode()


def write(out: Path, files: dict[str, bytes]) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    for path, content in files.items():
        (out / path).write_bytes(content)
    return [out / p for p in files]


def to_zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, content in sorted(files.items()):
            archive.writestr(path, content)
    return buffer.getvalue()
