"""Column names, dtypes and value vocabularies of the project's data files.

This module is the single source of column truth: code elsewhere uses these constants, never raw strings.
"""
from __future__ import annotations

from pathlib import Path

DATA_DIR = Path(__file__).resolve().parents[1] / "data"

PROJECTS_CSV = DATA_DIR / "projects.csv"
QUANTITIES_CSV = DATA_DIR / "project_quantities.csv"
COMUNI_CSV = DATA_DIR / "comuni.csv"
CATEGORIES_CSV = DATA_DIR / "categories.csv"
ZONES_GEOJSON = DATA_DIR / "zones.geojson"
GROUPS_GEOJSON = DATA_DIR / "groups.geojson"
COMUNI_GEOJSON = DATA_DIR / "comuni.geojson"
# The sources page's prose (Italian Markdown): what each source is, with its editions and dates.
SOURCES_MD = DATA_DIR / "sources.md"
# The plan as data (lib/plan): one folder, its file names below.
PLAN_DIR = DATA_DIR / "plan"
EDITIONS_FILE = "editions.csv"
AXES_FILE = "axes.csv"
STRATEGIES_FILE = "strategies.csv"
JUDGEMENTS_FILE = "judgements.csv"
NEEDS_FILE = "needs.csv"
PROPOSALS_FILE = "proposals.csv"
NEED_LINKS_FILE = "need_links.csv"
THEMES_FILE = "themes.csv"
RECOMMENDATIONS_FILE = "recommendations.csv"
RECOMMENDATION_POINTS_FILE = "recommendation_points.csv"

# Registry (projects.csv) columns.
PROJECT_ID = "project_id"
PLAN_EDITION = "plan_edition"
TITLE = "title"
DESCRIPTION = "description"
CATEGORY = "category"
STRATEGIES = "strategies"
COMUNI = "comuni"
ZONES = "zones"
REPORTING_ZONE = "reporting_zone"
PRECISION = "precision"
LOCATION_BASIS = "location_basis"
LOCATION_NOTE = "location_note"
PROMOTER = "promoter"
SOURCE = "source"
SOURCE_QUOTE = "source_quote"
EDITOR_NOTE = "editor_note"
NOTES = "notes"

PROJECT_COLUMNS: tuple[str, ...] = (
    PROJECT_ID, PLAN_EDITION, TITLE, DESCRIPTION, CATEGORY, STRATEGIES, COMUNI, ZONES, REPORTING_ZONE,
    PRECISION, LOCATION_BASIS, LOCATION_NOTE, PROMOTER, SOURCE, SOURCE_QUOTE, EDITOR_NOTE, NOTES,
)
# Cells that may be empty; every other column needs a value on every row.
OPTIONAL_PROJECT_COLUMNS = frozenset({COMUNI, ZONES, REPORTING_ZONE, PROMOTER, SOURCE_QUOTE, EDITOR_NOTE, NOTES})

# Lists inside one cell ("2.1;2.5") use this separator, so that commas stay the field delimiter.
LIST_SEP = ";"
PROJECT_ID_PATTERN = r"^P\d{3,}$"

# Where a project is, as precisely as its source says (data/NOTES.md explains each).
PRECISION_COMUNE = "comune"
PRECISION_ZONE = "zona"
PRECISION_METRO = "metropolitana"
PRECISION_UNNAMED = "ambito_non_indicato"
PRECISION_NONE = "non_localizzata"
PRECISIONS = (PRECISION_COMUNE, PRECISION_ZONE, PRECISION_METRO, PRECISION_UNNAMED, PRECISION_NONE)
# Precisions that place a project in zones; the others have neither comuni nor zones.
PLACED = (PRECISION_COMUNE, PRECISION_ZONE)
# Whether the place is the source's own words or the project inferred it.
BASIS_SOURCE = "fonte"
BASIS_INFERRED = "dedotta"
BASES = (BASIS_SOURCE, BASIS_INFERRED)

# Parsed columns added to a validated registry (never written back to the CSV).
AXIS = "axis"
STRATEGY_LIST = "strategy_list"
COMUNE_CODES = "comune_codes"
ZONE_LIST = "zone_list"
# True on rows that come from approved reports of zone representatives ("segnalato" on screen).
REPORTED = "reported"
# CSV line of each registry row, kept so that later messages can point back into the file.
SOURCE_LINE = "source_line"

# project_quantities.csv: numbers the source gives for a project ("50 interventi", "una ventina di imprese").
QUANTITY_VALUE = "value"
QUANTITY_UNIT = "unit"
QUANTITY_APPROXIMATE = "approximate"
QUOTE = "quote"
QUANTITY_COLUMNS: tuple[str, ...] = (PROJECT_ID, QUANTITY_VALUE, QUANTITY_UNIT, QUANTITY_APPROXIMATE, QUOTE)

# Territory (comuni.csv, zones.geojson, groups.geojson) columns.
ISTAT = "istat"
NAME = "name"
ZONE_ID = "zone_id"
GROUP_ID = "group_id"
SUA_LABEL = "sua_label"
POPULATION = "population"
AREA_KM2 = "area_km2"
LON = "lon"
LAT = "lat"
N_COMUNI = "n_comuni"
ZONE_IDS = "zone_ids"

COMUNI_DTYPES = {ISTAT: "string", NAME: "string", ZONE_ID: "int64", GROUP_ID: "string",
                 SUA_LABEL: "string", POPULATION: "int64", AREA_KM2: "float64",
                 LON: "float64", LAT: "float64"}

# The plan (data/plan/): editions.csv, axes.csv, strategies.csv, judgements.csv.
EDITION_TITLE = "title"
N_AXES = "n_axes"
N_STRATEGIES = "n_strategies"
N_ACTIONS = "n_actions"
APPROVED = "approved"
HAS_CATALOGUE = "catalogue"
IS_DEFAULT = "default"
STRATEGY = "strategy"
STRATEGY_TITLE = "title"
AXIS_TITLE = "axis_title"
AXIS_COLOR = "axis_color"
JUDGEMENT = "judgement"
SCOPE = "scope"

# Needs for the next plan (needs.csv, proposals.csv, need_links.csv, themes.csv, recommendations…).
NEED_ID = "need_id"
NUMBER = "number"
TEXT = "text"
IS_NEW = "is_new"
PROPOSAL_ID = "proposal_id"
LETTER = "letter"
PARENT_ID = "parent_id"
REASON = "reason"
THEME_ID = "theme_id"
THEME_AXES = "axes"
TRANSVERSAL = "transversal"
RECOMMENDATION_ID = "recommendation_id"
SECTION = "section"

# categories.csv.
CATEGORY_LABEL = "label"

# Long-form join and coverage columns.
COUNT = "n_projects"
STRATEGIES_COVERED = "n_strategies_covered"
PER_10K = "per_10k"
ZONE_LEVEL_COUNT = "n_zone_level"
INFERRED_COUNT = "n_inferred"
