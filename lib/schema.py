"""Column names, dtypes and value vocabularies of the project's data files.

This module is the single source of column truth: code elsewhere uses these constants, never raw strings.
"""
from __future__ import annotations

from pathlib import Path

DATA_DIR = Path(__file__).resolve().parents[1] / "data"

PROJECTS_CSV = DATA_DIR / "projects.csv"
COMUNI_CSV = DATA_DIR / "comuni.csv"
STRATEGIES_CSV = DATA_DIR / "strategies.csv"
CATEGORIES_CSV = DATA_DIR / "categories.csv"
NO_ACTION_CSV = DATA_DIR / "no_action_reports.csv"
ZONES_GEOJSON = DATA_DIR / "zones.geojson"
TABLES_GEOJSON = DATA_DIR / "tables.geojson"
COMUNI_GEOJSON = DATA_DIR / "comuni.geojson"

# Registry (projects.csv) columns.
PROJECT_ID = "project_id"
TITLE = "title"
DESCRIPTION = "description"
CATEGORY = "category"
AXIS = "axis"
STRATEGIES = "strategies"
COMUNI = "comuni"
ZONES = "zones"
PRECISION = "precision"
PROMOTER = "promoter"
SOURCE = "source"
NOTES = "notes"

PROJECT_COLUMNS: tuple[str, ...] = (
    PROJECT_ID, TITLE, DESCRIPTION, CATEGORY, AXIS, STRATEGIES, COMUNI, ZONES,
    PRECISION, PROMOTER, SOURCE, NOTES,
)
# Cells that may be empty; every other column needs a value on every row.
OPTIONAL_PROJECT_COLUMNS = frozenset({COMUNI, ZONES, PROMOTER, NOTES})

# Lists inside one cell ("2.1;2.5") use this separator, so that commas stay the field delimiter.
LIST_SEP = ";"
PROJECT_ID_PATTERN = r"^P\d{3,}$"

PRECISION_COMUNE = "comune"
PRECISION_ZONE = "zona"
PRECISION_METRO = "metropolitana"
PRECISIONS = (PRECISION_COMUNE, PRECISION_ZONE, PRECISION_METRO)

# Parsed list columns added to a validated registry (never written back to the CSV).
STRATEGY_LIST = "strategy_list"
COMUNE_CODES = "comune_codes"
ZONE_LIST = "zone_list"
# True on rows that come from approved reports of zone representatives ("segnalato" on screen).
REPORTED = "reported"
# CSV line of each registry row, kept so that later messages can point back into the file.
SOURCE_LINE = "source_line"

# Territory (comuni.csv, zones.geojson, tables.geojson) columns.
ISTAT = "istat"
NAME = "name"
ZONE_ID = "zone_id"
TABLE_ID = "table_id"
SUA_LABEL = "sua_label"
POPULATION = "population"
AREA_KM2 = "area_km2"
LON = "lon"
LAT = "lat"
N_COMUNI = "n_comuni"
ZONE_IDS = "zone_ids"

COMUNI_DTYPES = {ISTAT: "string", NAME: "string", ZONE_ID: "int64", TABLE_ID: "string",
                 SUA_LABEL: "string", POPULATION: "int64", AREA_KM2: "float64",
                 LON: "float64", LAT: "float64"}

# Strategy catalogue (strategies.csv) columns.
PLAN_EDITION = "plan_edition"
STRATEGY = "strategy"
STRATEGY_TITLE = "title"
AXIS_TITLE = "axis_title"
AXIS_COLOR = "axis_color"
CURRENT_EDITION = "2021-2023"

STRATEGIES_DTYPES = {PLAN_EDITION: "string", STRATEGY: "string", STRATEGY_TITLE: "string",
                     AXIS: "int64", AXIS_TITLE: "string", AXIS_COLOR: "string"}

# categories.csv and no_action_reports.csv columns.
CATEGORY_LABEL = "label"
SCOPE = "scope"

# Long-form join and coverage columns.
COUNT = "n_projects"
STRATEGIES_COVERED = "n_strategies"
PER_10K = "per_10k"
ZONE_LEVEL_COUNT = "n_zone_level"

ZONE_NUMBERS = tuple(range(1, 12))
TABLE_IDS = ("A", "B", "C", "D", "E", "F")
