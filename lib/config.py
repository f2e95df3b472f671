"""The app's settings from the environment, declared once: name, default and meaning.

The README's *Configuration* table is checked against SETTINGS (tests/unit/test_config.py).
"""
from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Setting:
    """One environment variable: its name, its default as the README shows it, what it does."""

    name: str
    default: str
    meaning: str


BASEMAP = Setting("PSM_BASEMAP", "on", "`off` hides the OpenStreetMap tiles (offline venues, tests)")
PROJECTS_CSV = Setting("PSM_PROJECTS_CSV", "data/projects.csv",
                       "registry file to read (the benchmarks point it at synthetic registries)")
DATA_DIR = Setting("PSM_DATA_DIR", "var/", "folder of the SQLite submissions database and of the files the app "
                   "writes for nginx to serve (`feeds/`, `live/`, `maps/`)")
DATABASE_URL = Setting("PSM_DATABASE_URL", "SQLite in `PSM_DATA_DIR`",
                       "SQLAlchemy URL of the database (reports, co-planning days, limits), e.g. "
                       "`postgresql+psycopg://…`")
MODERATOR_PASSWORD = Setting("PSM_MODERATOR_PASSWORD", "unset",
                             "moderation and regia credential, if not in Streamlit secrets")
PLAN_DIR = Setting("PSM_PLAN_DIR", "data/plan/", "folder of the plan files (the tests point it at a fixture edition)")
PUBLIC_URL = Setting("PSM_PUBLIC_URL", "unset",
                     "the address phones open, e.g. `https://psm.example.it`: the table cards' QR codes and links "
                     "use it, and the cards are not printed without it")

EMBED_ORIGINS = Setting("PSM_EMBED_ORIGINS", "unset (only the app itself)",
                        "sites that may show the app in an iframe, space-separated origins such as "
                        "`https://www.cittametropolitana.torino.it`: the `frame-ancestors` of `deploy/`'s nginx")

SETTINGS = (BASEMAP, PROJECTS_CSV, DATA_DIR, DATABASE_URL, MODERATOR_PASSWORD, PLAN_DIR, PUBLIC_URL, EMBED_ORIGINS)
# An origin as frame-ancestors takes it: scheme, host, optional port; no path, no wildcard, no quotes.
_ORIGIN = re.compile(r"^https?://[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$")


DEFAULT_DATA_DIR = Path(__file__).resolve().parents[1] / "var"


def data_folder(name: str = "", environ: Mapping[str, str] | None = None) -> Path:
    """PSM_DATA_DIR (default var/ in the checkout), or the folder `name` in it."""
    return Path(read(DATA_DIR, environ) or DEFAULT_DATA_DIR) / name


def read(setting: Setting, environ: Mapping[str, str] | None = None) -> str | None:
    """The setting's value from the environment, None when it is unset or empty."""
    value = (os.environ if environ is None else environ).get(setting.name, "").strip()
    return value or None


def public_url(environ: Mapping[str, str] | None = None) -> str | None:
    """The app's public address without a trailing slash, if configured as an http(s) address."""
    value = read(PUBLIC_URL, environ)
    if value is None or not value.lower().startswith(("http://", "https://")):
        return None
    return value.rstrip("/")


def embed_origins(environ: Mapping[str, str] | None = None) -> list[str]:
    """The origins allowed to frame the app; ValueError naming each one that is not a plain http(s) origin."""
    origins = (read(EMBED_ORIGINS, environ) or "").split()
    wrong = [o for o in origins if not _ORIGIN.match(o.lower())]
    if wrong:
        raise ValueError(f"{EMBED_ORIGINS.name}: not an origin such as https://www.example.it: {' '.join(wrong)}")
    return [o.lower() for o in origins]
