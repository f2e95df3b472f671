"""DCAT-AP_IT metadata (JSON-LD) of the package and of each of its files, for harvesting by dati.gov.it.

The publisher's IPA code is CMT's to give (`--publisher-id`): without it the field is left out, not invented.
"""
from __future__ import annotations

from typing import Any

from geo.territory import PROVINCE_CODE  # ISTAT's code of the Città metropolitana

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/", "foaf": "http://xmlns.com/foaf/0.1/",
    "dcatapit": "http://dati.gov.it/onto/dcatapit#", "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
}
# EU vocabularies that DCAT-AP_IT requires for themes, file types and frequency.
THEME = "http://publications.europa.eu/resource/authority/data-theme/GOVE"
REGIONS_THEME = "http://publications.europa.eu/resource/authority/data-theme/REGI"
FILE_TYPES = {"csv": "CSV", "geojson": "GEOJSON", "json": "JSON", "xlsx": "XLSX"}
FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
FREQUENCY = "http://publications.europa.eu/resource/authority/frequency/IRREG"
PUBLISHER = "Città Metropolitana di Torino"


def dataset_jsonld(meta: dict[str, Any], files: list[dict[str, str]], base_url: str,
                   publisher_id: str | None) -> dict[str, Any]:
    """The dataset and its distributions; `files` are {path, title, format} of the package."""
    agent: dict[str, Any] = {"@type": ["foaf:Agent", "dcatapit:Agent"], "foaf:name": PUBLISHER}
    if publisher_id:
        agent["dct:identifier"] = publisher_id
    licence = {"@id": meta["license_url"], "@type": "dct:LicenseDocument", "foaf:name": meta["license"]}
    distributions = [{
        "@type": ["dcat:Distribution", "dcatapit:Distribution"], "dct:title": f["title"],
        "dcat:accessURL": {"@id": base_url}, "dcat:downloadURL": {"@id": f"{base_url.rstrip('/')}/{f['path']}"},
        "dct:format": {"@id": FILE_TYPE + FILE_TYPES[f["format"]]}, "dct:license": licence,
    } for f in files]
    return {
        "@context": CONTEXT,
        "@type": ["dcat:Dataset", "dcatapit:Dataset"],
        "dct:identifier": meta["identifier"],
        "dct:title": meta["title"], "dct:description": meta["description"],
        "dct:publisher": agent, "dct:rightsHolder": agent,
        "dct:issued": {"@value": meta["issued"], "@type": "xsd:date"},
        "dct:modified": {"@value": meta["issued"], "@type": "xsd:date"},
        "owl:versionInfo": meta["version"],
        "dcat:theme": [{"@id": THEME}, {"@id": REGIONS_THEME}],
        "dct:accrualPeriodicity": {"@id": FREQUENCY},
        "dct:spatial": {"@type": "dct:Location", "dct:identifier": PROVINCE_CODE, "foaf:name": PUBLISHER},
        "dct:language": {"@id": "http://publications.europa.eu/resource/authority/language/ITA"},
        "dcat:keyword": ["piano strategico metropolitano", "zone omogenee", "progetti", "Torino"],
        "dcat:distribution": distributions,
    }
