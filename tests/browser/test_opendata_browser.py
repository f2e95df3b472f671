"""The open-data download on Dati e fonti, clicked in a real browser: a zip with the package, built on demand."""
from __future__ import annotations

import io
import json
import zipfile

from lib.views import labels as lb
from tests.browser.test_embed_browser import _open


def test_the_download_gives_the_package(server: str, browser: object) -> None:
    tab = _open(browser, server + "/sources")
    with tab.page.expect_download(timeout=60_000) as download:
        tab.page.get_by_role("button", name=lb.OPENDATA_BUTTON).click()
    assert download.value.suggested_filename == lb.OPENDATA_FILE
    with zipfile.ZipFile(io.BytesIO(open(download.value.path(), "rb").read())) as archive:
        package = json.loads(archive.read("datapackage.json"))
        assert {"progetti.csv", "zones.geojson", "dcat.jsonld", "dati-psm-torino.xlsx"} <= set(archive.namelist())
    assert package["resources"][0]["name"] == "progetti"
    tab.page.close()
