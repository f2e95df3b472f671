"""The open-data package: valid Frictionless with its keys enforced, outlines in RFC 7946, links that match the
registry, DCAT-AP_IT metadata per file, nothing of the maintainers' own notes."""
from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import zipfile
from datetime import date
from pathlib import Path
from xml.etree import ElementTree

import frictionless
import pandas as pd
import pytest
import shapely
from shapely.geometry import shape

from lib import schema as s
from lib.opendata import build, workbook
from lib.opendata import resources as r
from lib.opendata.content import package_frames
from lib.registry.read import read_registry
from lib.registry.references import read_references


@pytest.fixture(scope="module")
def projects() -> object:
    return read_registry(str(s.PROJECTS_CSV), read_references()).valid


@pytest.fixture(scope="module")
def files(projects: object) -> dict[str, bytes]:
    made = build.package_files(projects)
    made["dcat.jsonld"] = build.dcat_metadata(made, "https://dati.example.it/psm/", None)
    return made


def _rows(files: dict[str, bytes], path: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(files[path].decode("utf-8"))))


def test_the_package_is_valid_and_its_keys_are_checked(files: dict[str, bytes], tmp_path: Path) -> None:
    build.write(tmp_path, files)
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    with (tmp_path / "progetti_zone.csv").open("a", encoding="utf-8") as broken:
        broken.write("P001,99\r\n")  # zone 99 does not exist
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    assert not report.valid and "foreign-key" in {e[0] for e in report.flatten(["type"])}


def test_every_resource_has_its_declared_columns_and_no_maintainers_notes(files: dict[str, bytes]) -> None:
    package = json.loads(files["datapackage.json"])
    for res in r.RESOURCES:
        header = files[res.path].decode("utf-8").splitlines()[0].split(",")
        assert header == res.columns
    assert s.NOTES not in r.RESOURCES[0].columns and s.NOTES not in files["progetti.csv"].decode()[:500]
    assert re.fullmatch(r"release-0\+\d{4}-\d\d-\d\d\.[0-9a-f]{12}", package["version"])
    assert package["licenses"][0]["name"] == "CC-BY-4.0"


def test_the_stamp_names_the_release_only_when_the_package_is_that_release() -> None:
    assert build.stamp(3, True, "abc") == "release-3"
    assert build.stamp(3, False, "abc", date(2026, 12, 2)) == "release-3+2026-12-02.abc"
    assert build.stamp(None, False, "abc", date(2026, 12, 2)) == "release-0+2026-12-02.abc"


def test_the_link_tables_hold_every_zone_comune_and_strategy_of_every_project(files: dict[str, bytes],
                                                                              projects: object) -> None:
    zones = {(row[s.PROJECT_ID], int(row[s.ZONE_ID])) for row in _rows(files, "progetti_zone.csv")}
    comuni = {(row[s.PROJECT_ID], row["istat"]) for row in _rows(files, "progetti_comuni.csv")}
    strategies = {(row[s.PROJECT_ID], row["strategy"]) for row in _rows(files, "progetti_strategie.csv")}
    for pid, zone_list, codes, strategy_list in zip(projects[s.PROJECT_ID], projects[s.ZONE_LIST],
                                                    projects[s.COMUNE_CODES], projects[s.STRATEGY_LIST], strict=True):
        assert {(pid, z) for z in zone_list} <= zones and {(pid, c) for c in codes} <= comuni
        assert {(pid, code) for code in strategy_list} <= strategies
    # Seed 002 §3 places P004 in Fenestrelle and Oulx (ISTAT 001103 and 001175).
    assert {("P004", "001103"), ("P004", "001175")} <= comuni
    assert len(_rows(files, "progetti.csv")) == len(projects) == 106


@pytest.mark.parametrize("name", r.GEOMETRIES)
def test_outlines_follow_rfc_7946(files: dict[str, bytes], name: str) -> None:
    """WGS84 longitude/latitude, no `crs` member, exterior rings counter-clockwise and holes clockwise."""
    collection = json.loads(files[r.GEOMETRIES[name][0]])
    assert collection["type"] == "FeatureCollection" and "crs" not in collection
    for feature in collection["features"]:
        geometry = shape(feature["geometry"])
        assert geometry.is_valid
        for polygon in getattr(geometry, "geoms", [geometry]):
            assert shapely.is_ccw(polygon.exterior), feature["properties"]
            assert not any(shapely.is_ccw(ring) for ring in polygon.interiors), feature["properties"]
        min_x, min_y, max_x, max_y = geometry.bounds
        assert 6.5 < min_x < max_x < 8.3 and 44.6 < min_y < max_y < 45.7  # the metro area, in degrees


def test_dcat_metadata_describes_the_dataset_and_each_file(files: dict[str, bytes], projects: object) -> None:
    dataset = json.loads(files["dcat.jsonld"])
    assert "dcatapit:Dataset" in dataset["@type"] and dataset["dct:publisher"]["foaf:name"]
    assert "dct:identifier" not in dataset["dct:publisher"]  # CMT's IPA code is never invented
    urls = {d["dcat:downloadURL"]["@id"] for d in dataset["dcat:distribution"]}
    package = json.loads(files["datapackage.json"])
    assert urls == {f"https://dati.example.it/psm/{res['path']}" for res in package["resources"]} | {
        "https://dati.example.it/psm/datapackage.json", f"https://dati.example.it/psm/{workbook.PATH}"}
    given = json.loads(build.dcat_metadata(files, "https://x.it/", "c_l219"))
    assert given["dct:publisher"]["dct:identifier"] == "c_l219" and given["owl:versionInfo"] == package["version"]


def test_the_zip_holds_the_same_files(files: dict[str, bytes]) -> None:
    with zipfile.ZipFile(io.BytesIO(build.to_zip(files))) as archive:
        assert sorted(archive.namelist()) == sorted(files)
        assert archive.read("progetti.csv") == files["progetti.csv"]


SOFFICE = shutil.which("soffice")


def _libreoffice_cells(workbook: bytes, tmp_path: Path, sheet: str) -> list[list[tuple[str | None, str, bool]]]:
    """The sheet as LibreOffice reads it (converted headless to flat ODS): per cell its value type, its text and
    whether LibreOffice took it for a formula."""
    (tmp_path / "book.xlsx").write_bytes(workbook)
    subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to",
                    "fods", "--outdir", str(tmp_path), str(tmp_path / "book.xlsx")], check=True,
                   capture_output=True, timeout=120)
    ns = {"table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
          "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0"}
    root = ElementTree.parse(tmp_path / "book.fods").getroot()
    table = next(t for t in root.iter(f"{{{ns['table']}}}table") if t.get(f"{{{ns['table']}}}name") == sheet)
    rows = []
    for row in table.iter(f"{{{ns['table']}}}table-row"):
        cells = [(c.get(f"{{{ns['office']}}}value-type"), "".join(c.itertext()).strip(),
                  c.get(f"{{{ns['table']}}}formula") is not None) for c in row.iter(f"{{{ns['table']}}}table-cell")]
        rows.append(cells)
    return rows


@pytest.mark.skipif(SOFFICE is None and not os.environ.get("PSM_REQUIRE_LIBREOFFICE"),
                    reason="LibreOffice (apt-get install libreoffice-calc-nogui) opens the workbook")
def test_a_spreadsheet_reads_the_workbook_with_its_types_and_no_formula(projects: object, tmp_path: Path) -> None:
    assert SOFFICE, "PSM_REQUIRE_LIBREOFFICE is set but soffice is missing"
    frames = package_frames(projects)
    frames["categorie"] = pd.concat([frames["categorie"], pd.DataFrame(
        [{"category": "ostile", "label": '=HYPERLINK("http://x.invalid";"clic")'}])])
    book = workbook.to_xlsx(frames)
    comuni = _libreoffice_cells(book, tmp_path, "comuni")
    assert [c[1] for c in comuni[0][:3]] == ["istat", "name", "zone_id"]
    agliè = next(r for r in comuni if r and r[0][1] == "001001")
    assert agliè[0][0] == "string" and agliè[1][1] == "Agliè"  # the code keeps its zeros, the name its accent
    assert agliè[5] == ("float", "2558", False) and agliè[6][0] == "float"  # population and area are numbers
    categories = _libreoffice_cells(book, tmp_path, "categorie")
    hostile = next(r for r in categories if r and r[0][1] == "ostile")
    assert hostile[1] == ("string", '=HYPERLINK("http://x.invalid";"clic")', False)
