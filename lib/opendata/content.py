"""The package's rows: the displayed registry (the file's rows with the approved reports merged in) split into
a projects table and its link tables, and the territory, the plan and the needs as the app reads them."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from lib import schema as s
from lib.opendata import resources as r


def _read(path: Path) -> pd.DataFrame:
    # keep_default_na=False: one comune is really called "None" (001168).
    return pd.read_csv(path, dtype=str, encoding="utf-8", keep_default_na=False)


def _properties(path: Path) -> pd.DataFrame:
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    return pd.DataFrame([f["properties"] for f in features])


def _links(projects: pd.DataFrame, column: str, name: str) -> pd.DataFrame:
    rows = [(pid, value) for pid, values in zip(projects[s.PROJECT_ID], projects[column], strict=True)
            for value in values]
    return pd.DataFrame(rows, columns=[s.PROJECT_ID, name]).drop_duplicates()


def package_frames(projects: pd.DataFrame, data_dir: Path = s.DATA_DIR) -> dict[str, pd.DataFrame]:
    """Every CSV resource of RESOURCES as a frame with its declared columns, in order.

    `projects` is a parsed registry frame (strategy_list, comune_codes and zone_list filled), as the app shows it.
    """
    plan = data_dir / s.PLAN_DIR.name
    shown = projects.assign(**{s.REPORTED: projects.get(s.REPORTED, False)})
    strategies = [(pid, edition, code) for pid, edition, codes in
                  zip(shown[s.PROJECT_ID], shown[s.PLAN_EDITION], shown[s.STRATEGY_LIST], strict=True)
                  for code in codes]
    frames = {
        r.PROJECTS: shown,
        "progetti_zone": _links(shown, s.ZONE_LIST, s.ZONE_ID),
        "progetti_comuni": _links(shown, s.COMUNE_CODES, "istat"),
        "progetti_strategie": pd.DataFrame(strategies, columns=[s.PROJECT_ID, s.PLAN_EDITION, "strategy"]),
        r.ZONES: _properties(data_dir / s.ZONES_GEOJSON.name),
        r.COMUNI: _read(data_dir / s.COMUNI_CSV.name),
        r.AXES: _read(plan / "axes.csv"),
        r.STRATEGIES: _read(plan / "strategies.csv"),
        "esigenze": _read(plan / s.NEEDS_FILE),
        r.CATEGORIES: _read(data_dir / s.CATEGORIES_CSV.name),
    }
    return {res.name: frames[res.name].reindex(columns=res.columns) for res in r.RESOURCES}


def to_csv(frame: pd.DataFrame) -> bytes:
    """RFC 4180 CSV, UTF-8 without BOM (what Frictionless and most tools expect), booleans as true/false."""
    out = frame.copy()
    for column in out.columns:
        if pd.api.types.is_bool_dtype(out[column]):
            out[column] = out[column].map({True: "true", False: "false"})
    return out.to_csv(index=False, lineterminator="\r\n").encode("utf-8")
