"""What the open-data package holds, declared once: each resource's file, its Italian title and its Table Schema
(fields with types and constraints, primary and foreign keys). The frames (lib/opendata/content.py) and
datapackage.json are both built from these declarations."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lib import schema as s


@dataclass(frozen=True)
class Field:
    """One column: its name in the CSV, its Table Schema type, what it means (Italian) and its constraints."""

    name: str
    type: str
    title: str
    required: bool = False
    enum: tuple[str, ...] = ()
    pattern: str = ""

    def descriptor(self) -> dict[str, Any]:
        constraints: dict[str, Any] = {}
        if self.required:
            constraints["required"] = True
        if self.enum:
            constraints["enum"] = list(self.enum)
        if self.pattern:
            constraints["pattern"] = self.pattern
        return {"name": self.name, "type": self.type, "title": self.title,
                **({"constraints": constraints} if constraints else {})}


@dataclass(frozen=True)
class ForeignKey:
    fields: tuple[str, ...]
    resource: str
    reference: tuple[str, ...]


@dataclass(frozen=True)
class Resource:
    """A CSV of the package (GeoJSON files are declared in GEOMETRIES)."""

    name: str
    title: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...] = field(default=())

    @property
    def path(self) -> str:
        return f"{self.name}.csv"

    @property
    def columns(self) -> list[str]:
        return [f.name for f in self.fields]

    def descriptor(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"fields": [f.descriptor() for f in self.fields], "primaryKey": list(self.primary_key),
                                  "missingValues": [""]}
        if self.foreign_keys:
            schema["foreignKeys"] = [{"fields": list(k.fields), "reference": {"resource": k.resource,
                                                                               "fields": list(k.reference)}}
                                     for k in self.foreign_keys]
        return {"name": self.name, "path": self.path, "title": self.title, "profile": "tabular-data-resource",
                "format": "csv", "mediatype": "text/csv", "encoding": "utf-8", "schema": schema}


PROJECT_ID = Field(s.PROJECT_ID, "string", "Codice del progetto nel registro", True, pattern=s.PROJECT_ID_PATTERN)
EDITION = Field(s.PLAN_EDITION, "string", "Edizione del Piano strategico metropolitano", True)
ZONE_ID = Field(s.ZONE_ID, "integer", "Numero della zona omogenea (1-11)", True)
ISTAT = Field("istat", "string", "Codice ISTAT del comune", True, pattern=r"^\d{6}$")
GROUP_ID = Field("group_id", "string", "Gruppo di sedi (A-F, dalle Strategie Urbane d'Area)", True)
STRATEGY = Field("strategy", "string", "Codice della strategia (asse.numero)", True)
AXIS = Field("axis", "integer", "Numero dell'asse", True)
SOURCE = Field("source", "string", "Fonte del dato")

PROJECTS = "progetti"
ZONES = "zone"
COMUNI = "comuni"
STRATEGIES = "strategie"
AXES = "assi"
CATEGORIES = "categorie"

RESOURCES: tuple[Resource, ...] = (
    Resource(PROJECTS, "Progetti del monitoraggio del PSM", (
        PROJECT_ID, EDITION,
        Field(s.TITLE, "string", "Titolo, con le parole della fonte", True),
        Field(s.DESCRIPTION, "string", "Descrizione", True),
        Field(s.CATEGORY, "string", "Categoria (vedi categorie.csv)", True),
        Field(s.PRECISION, "string", "Precisione della localizzazione", True, enum=s.PRECISIONS),
        Field(s.LOCATION_BASIS, "string", "La localizzazione è della fonte o dedotta", True, enum=s.BASES),
        Field(s.LOCATION_NOTE, "string", "Perché il progetto è localizzato così"),
        Field(s.REPORTING_ZONE, "integer", "Zona che ha riferito il progetto, se diversa o unica"),
        Field(s.PROMOTER, "string", "Promotore"),
        Field(s.SOURCE, "string", "Fonte (documento e passo)", True),
        Field(s.SOURCE_QUOTE, "string", "Citazione testuale della fonte"),
        Field(s.EDITOR_NOTE, "string", "Nota della redazione"),
        Field(s.REPORTED, "boolean", "Dato da una segnalazione approvata dai moderatori", True),
    ), (s.PROJECT_ID,), (ForeignKey((s.CATEGORY,), CATEGORIES, (s.CATEGORY,)),)),
    Resource("progetti_zone", "Zone omogenee di ciascun progetto", (PROJECT_ID, ZONE_ID), (s.PROJECT_ID, s.ZONE_ID),
             (ForeignKey((s.PROJECT_ID,), PROJECTS, (s.PROJECT_ID,)), ForeignKey((s.ZONE_ID,), ZONES, (s.ZONE_ID,)))),
    Resource("progetti_comuni", "Comuni di ciascun progetto", (PROJECT_ID, ISTAT), (s.PROJECT_ID, "istat"),
             (ForeignKey((s.PROJECT_ID,), PROJECTS, (s.PROJECT_ID,)), ForeignKey(("istat",), COMUNI, ("istat",)))),
    Resource("progetti_strategie", "Strategie del piano a cui ciascun progetto contribuisce",
             (PROJECT_ID, EDITION, STRATEGY), (s.PROJECT_ID, s.PLAN_EDITION, "strategy"),
             (ForeignKey((s.PROJECT_ID,), PROJECTS, (s.PROJECT_ID,)),
              ForeignKey((s.PLAN_EDITION, "strategy"), STRATEGIES, (s.PLAN_EDITION, "strategy")))),
    Resource(ZONES, "Le 11 zone omogenee", (
        ZONE_ID, Field("name", "string", "Nome ufficiale della zona", True), GROUP_ID,
        Field("sua_label", "string", "Strategie Urbane d'Area della zona", True),
        Field("n_comuni", "integer", "Numero di comuni", True),
        Field("population", "integer", "Popolazione residente (ISTAT 2023)", True),
        Field("area_km2", "number", "Superficie in km²", True)), (s.ZONE_ID,)),
    Resource(COMUNI, "I 312 comuni della Città metropolitana", (
        ISTAT, Field("name", "string", "Nome del comune", True), ZONE_ID, GROUP_ID,
        Field("sua_label", "string", "Strategie Urbane d'Area del comune", True),
        Field("population", "integer", "Popolazione residente (ISTAT 2023)", True),
        Field("area_km2", "number", "Superficie in km²", True),
        Field("lon", "number", "Longitudine di un punto interno (WGS84)", True),
        Field("lat", "number", "Latitudine di un punto interno (WGS84)", True)),
        ("istat",), (ForeignKey((s.ZONE_ID,), ZONES, (s.ZONE_ID,)),)),
    Resource(AXES, "Assi del piano", (EDITION, AXIS, Field("axis_title", "string", "Titolo dell'asse", True),
                                      Field("axis_color", "string", "Colore dell'asse sulla mappa"), SOURCE),
             (s.PLAN_EDITION, "axis")),
    Resource(STRATEGIES, "Strategie del piano", (EDITION, STRATEGY, AXIS,
                                                Field("title", "string", "Titolo della strategia", True), SOURCE),
             (s.PLAN_EDITION, "strategy"), (ForeignKey((s.PLAN_EDITION, "axis"), AXES, (s.PLAN_EDITION, "axis")),)),
    Resource("esigenze", "Esigenze per il piano successivo", (
        Field("need_id", "string", "Codice dell'esigenza", True), EDITION, AXIS,
        Field("number", "integer", "Numero nell'asse", True), Field("text", "string", "Testo dell'esigenza", True),
        Field("is_new", "boolean", "Esigenza nuova rispetto al piano precedente", True), SOURCE), ("need_id",)),
    Resource(CATEGORIES, "Categorie dei progetti", (Field(s.CATEGORY, "string", "Codice", True),
                                                    Field("label", "string", "Categoria", True)), (s.CATEGORY,)),
)
# The territory's outlines, as published in data/ (RFC 7946: WGS84, exterior rings counter-clockwise).
GEOMETRIES: dict[str, tuple[str, str]] = {
    "zone_confini": (s.ZONES_GEOJSON.name, "Confini delle zone omogenee"),
    "gruppi_confini": (s.GROUPS_GEOJSON.name, "Confini dei gruppi di sedi A-F"),
    "comuni_confini": (s.COMUNI_GEOJSON.name, "Confini dei comuni (ISTAT 2023, semplificati a 50 m)"),
}
