"""Subprocess probe: the default map as the app builds it, from cold caches, for the registry in the env.

Run as `python -m bench.mapprobe OUT.json` with PSM_PROJECTS_CSV set. It goes through `lib.loaders` (the
same cached loaders the home page calls, used outside a Streamlit runtime), so the HTML measured is the
string the home page passes to its map component.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
import time
from pathlib import Path
from typing import Any

# Asset references in the map document: scripts and stylesheets the browser fetches separately.
_ASSET_URL = re.compile(r'(?:src|href)="(/component/[^"]+)"')


def count_markers(html: str) -> int:
    """Markers in a map document: the `points` of every JSON `data` object the layers embed."""
    decoder = json.JSONDecoder()
    total = 0
    for match in re.finditer(r"var data = ", html):
        try:
            payload, _ = decoder.raw_decode(html, match.end())
        except json.JSONDecodeError:
            continue
        if isinstance(payload, dict) and isinstance(payload.get("points"), list):
            total += len(payload["points"])
    return total


def asset_urls_in(html: str) -> list[str]:
    """The /component/... URLs of the scripts and stylesheets a map document loads."""
    return sorted(set(_ASSET_URL.findall(html)))


def measure_assets(urls: list[str]) -> dict[str, dict[str, int]]:
    """Bytes (raw and gzip) of each asset file a map loads, plus the map frame page; served once, cacheable.

    URLs look like /component/<module>.assets_<key>/<file>, with <key> from `geo.map_assets.asset_dirs()`.
    """
    from geo.map_assets import MAP_FRAME_DIR, asset_dirs

    folders = asset_dirs()
    files: dict[str, Path] = {"map_frame/index.html": MAP_FRAME_DIR / "index.html"}
    for url in urls:
        component, _, name = url.removeprefix("/component/").partition("/")
        key = component.rsplit(".", 1)[-1].removeprefix("assets_")
        if key in folders:
            files[f"{key}/{name}"] = folders[key] / name
    sizes = {}
    for label, path in files.items():
        if path.is_file():
            raw = path.read_bytes()
            sizes[label] = {"bytes": len(raw), "gzip_bytes": len(gzip.compress(raw, 6))}
    return sizes


def measure() -> dict[str, Any]:
    """Time each cold step up to the default map's HTML; measure that HTML."""
    t0 = time.perf_counter()
    from lib import loaders
    from lib.views.map_view import MapRequest

    imported = time.perf_counter()
    loaders.load_projects()
    registry = time.perf_counter()
    loaders.load_zone_summary()  # builds the long form
    long_form = time.perf_counter()
    html = loaders.load_map_html(MapRequest())
    built = time.perf_counter()
    loaders.load_map_html(MapRequest())
    cached = time.perf_counter()
    raw = html.encode("utf-8")
    return {
        "n_projects": len(loaders.load_projects()),
        "n_issues": len(loaders.load_registry_issues()),
        "basemap": loaders.basemap_enabled(),
        "html_bytes": len(raw),
        "html_gzip_bytes": len(gzip.compress(raw, 6)),
        "markers": count_markers(html),
        "asset_urls": asset_urls_in(html),
        "seconds": {
            "import": imported - t0,
            "registry": registry - imported,
            "long_form": long_form - registry,
            "map_build": built - long_form,
            "map_cached": cached - built,
            "file_to_html": built - imported,
        },
        "assets": measure_assets(asset_urls_in(html)),
    }


def main() -> None:
    """Write the measurement as JSON to the path given."""
    out = Path(sys.argv[1])
    out.write_text(json.dumps(measure(), indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
