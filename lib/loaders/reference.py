"""Cached loaders of the reference data: the plan (editions, catalogue, needs), territory and categories."""
from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd
import streamlit as st

from geo.zones import read_comuni_layer, read_groups, read_zones
from lib import config
from lib import schema as s
from lib.loaders.shared_values import shared
from lib.plan.catalogue import Catalogue, Plan, read_catalogue
from lib.plan.needs import NeedsBook, needs_problems, read_needs
from lib.registry.references import References, read_categories, read_comuni
from lib.submissions.form import Choices, build_choices

PLAN_DIR_ENV = config.PLAN_DIR.name


def plan_dir() -> Path:
    """The folder of the plan files: data/plan/, or PSM_PLAN_DIR (tests use a fixture edition)."""
    return Path(config.read(config.PLAN_DIR) or s.PLAN_DIR)


def basemap_enabled() -> bool:
    """OpenStreetMap tiles under the zones, unless PSM_BASEMAP=off (offline venues, tests)."""
    return (config.read(config.BASEMAP) or config.BASEMAP.default).lower() != "off"


# Shared, like the registry: the catalogue is shared and never changed in place, and unpickling its
# Arrow-backed frames on every hit was a tenth of the server's time when a room opened the plenary at once.
@shared()
def _catalogue(folder: str) -> Catalogue:
    return read_catalogue(Path(folder))


def load_catalogue() -> Catalogue:
    """Every edition of the plan and the catalogue of those that have one."""
    return _catalogue(str(plan_dir()))


def load_plan(edition: str | None = None) -> Plan:
    """One edition's plan (axes, strategies, judgements); the default edition when None."""
    return load_catalogue().plan(edition)


def load_catalogued_editions() -> list[str]:
    """The editions whose catalogue is in the data (the ones a user can choose), oldest first."""
    return list(load_catalogue().plans)


@shared()
def _needs(folder: str) -> NeedsBook | None:
    if not (Path(folder) / s.NEEDS_FILE).exists():
        return None
    book = read_needs(Path(folder))
    problems = needs_problems(book, _catalogue(folder))
    if problems:
        raise ValueError("the needs files are inconsistent: " + "; ".join(problems))
    return book


def load_needs() -> NeedsBook | None:
    """The needs for the next edition, or None when the plan folder has none."""
    return _needs(str(plan_dir()))


@st.cache_data(show_spinner=False)
def load_comuni() -> pd.DataFrame:
    """The 312 comuni with zone, venue group, population, area and a point."""
    return read_comuni()


@st.cache_data(show_spinner=False)
def load_categories() -> pd.DataFrame:
    """Category codes and labels."""
    return read_categories()


_LAYERS = {"zone": (read_zones, s.ZONES_GEOJSON), "gruppi": (read_groups, s.GROUPS_GEOJSON),
           "comuni": (read_comuni_layer, s.COMUNI_GEOJSON)}


@st.cache_data(show_spinner=False)
def load_layer(name: str) -> gpd.GeoDataFrame:
    """One polygon layer: "zone" (11), "gruppi" (6 venue groups) or "comuni" (312, simplified)."""
    reader, path = _LAYERS[name]
    return reader(path)


@st.cache_data(show_spinner=False)
def load_references() -> References:
    """What registry values may point to: plan editions and strategies, comuni, zones and categories."""
    return References.from_frames(load_catalogue(), load_comuni(), load_categories())


@shared()
def _report_choices(folder: str) -> Choices:
    return build_choices(load_comuni(), _catalogue(folder).plan().strategies, load_categories())


def load_report_choices() -> Choices:
    """The report form's pickers (comuni, the default edition's strategies, categories), shared by every
    session and never changed: building them sorted and formatted 312 comuni on every run of the form."""
    return _report_choices(str(plan_dir()))
