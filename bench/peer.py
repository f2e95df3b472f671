"""The naive peer: geopandas `explore()` of the comuni joined with every project, plus one marker per project.

Run as `python -m bench.peer OUT.json REGISTRY.csv` (a subprocess per registry). It reads the same files as
the app and does what a first notebook would: join, `explore()`, render. Needs matplotlib and mapclassify
(geopandas imports them for `explore()`); without them the result says so and the benchmark goes on.
"""

from __future__ import annotations

import gzip
import json
import resource
import sys
import time
from pathlib import Path
from typing import Any

from lib import schema as s


def build_peer_html(registry: Path) -> tuple[str, dict[str, Any]]:
    """The peer's map document for a registry file, and what it contains."""
    import geopandas as gpd
    import pandas as pd

    comuni_gdf = gpd.read_file(s.COMUNI_GEOJSON)
    comuni = pd.read_csv(s.COMUNI_CSV, dtype={s.ISTAT: str}, keep_default_na=False)
    projects = pd.read_csv(registry, dtype=str, keep_default_na=False)
    pairs = (
        projects.assign(**{s.NAME: projects[s.COMUNI].str.split(s.LIST_SEP)})
        .explode(s.NAME)
        .query(f"{s.NAME} != ''")
        .merge(comuni[[s.ISTAT, s.NAME, s.LAT, s.LON]], on=s.NAME)
    )
    per_comune = (
        pairs.groupby(s.ISTAT)
        .agg(n_projects=(s.PROJECT_ID, "count"), projects=(s.TITLE, "; ".join))
        .reset_index()
    )
    areas = comuni_gdf.merge(per_comune, on=s.ISTAT, how="left")
    areas["n_projects"] = areas["n_projects"].fillna(0).astype(int)
    areas["projects"] = areas["projects"].fillna("")
    fmap = areas.explore(column="n_projects", tooltip=[s.NAME, "n_projects", "projects"], cmap="Blues")
    # A first notebook colours by the first strategy code's prefix (the registry stores no axis column).
    pairs[s.AXIS] = pairs[s.STRATEGIES].str.split(".").str[0]
    points = gpd.GeoDataFrame(
        pairs[[s.PROJECT_ID, s.TITLE, s.AXIS, s.STRATEGIES]],
        geometry=gpd.points_from_xy(pairs[s.LON], pairs[s.LAT]),
        crs="EPSG:4326",
    )
    points.explore(
        m=fmap,
        column=s.AXIS,
        tooltip=[s.PROJECT_ID, s.TITLE, s.STRATEGIES],
        marker_kwds={"radius": 5},
        legend=False,
    )
    html = fmap.get_root().render()
    return html, {"markers": len(points), "areas": len(areas), "n_projects": len(projects)}


def measure(registry: Path) -> dict[str, Any]:
    """Build time (file to HTML string), HTML bytes and peak memory of the peer."""
    try:
        import mapclassify  # noqa: F401 - geopandas.explore imports it
        import matplotlib  # noqa: F401
    except ImportError as err:
        return {"skipped": f"{err}; pip install matplotlib mapclassify (see bench/requirements.txt)"}
    t0 = time.perf_counter()
    html, counts = build_peer_html(registry)
    seconds = time.perf_counter() - t0
    raw = html.encode("utf-8")
    return {
        "html_bytes": len(raw),
        "html_gzip_bytes": len(gzip.compress(raw, 6)),
        "build_seconds": seconds,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        **counts,
    }


def main() -> None:
    """Write the peer's measurement as JSON."""
    out, registry = Path(sys.argv[1]), Path(sys.argv[2])
    out.write_text(json.dumps(measure(registry), indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
