"""Files and an nginx configuration for serving the dashboard to a room: `python -m deploy.static_site OUT`.

A browser that has never opened the app downloads about 2.35 MB, mostly Streamlit's JavaScript, which
Streamlit serves uncompressed through Python. Copied here with a gzip twin of each file, nginx sends
them from disk, compressed, while Streamlit keeps the page, the websocket and downloads. See the README,
"Serving a plenary session".
"""
from __future__ import annotations

import argparse
import gzip
import logging
import shutil
from pathlib import Path

import streamlit

from geo.map_assets import MAP_FRAME_DIR, asset_dirs
from lib import config
from lib.submissions.feeds import FEEDS_PATH, feeds_folder

TEMPLATE = Path(__file__).resolve().parent / "nginx.conf.in"
STREAMLIT_BUNDLE = Path(streamlit.__file__).resolve().parent / "static" / "static"
COMPRESSED_SUFFIXES = frozenset({".js", ".css", ".html", ".json", ".svg", ".map", ".txt", ".ttf", ".otf"})
TEMP_DIRS = ("body", "proxy", "fastcgi", "uwsgi", "scgi")
# Sent with every response (nginx does not inherit add_header into a location that has its own, so each
# location gets them all). The policy allows what Streamlit and the maps need: Streamlit's inline styles,
# the inline scripts of the map documents (srcdoc frames inherit this policy), the app's own component
# frames and websocket, and OpenStreetMap tiles; no other origin may serve script, frame or connect.
def security_headers(embed_origins: list[str]) -> dict[str, str]:
    """The headers, with the sites allowed to show the app in a frame (PSM_EMBED_ORIGINS) besides itself."""
    ancestors = " ".join(["'self'", *embed_origins])
    headers = {
        "Content-Security-Policy": "; ".join([
            "default-src 'self'",
            "script-src 'self' 'unsafe-inline'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob: https://tile.openstreetmap.org https://*.tile.openstreetmap.org",
            "font-src 'self' data:",
            "connect-src 'self'",
            "frame-src 'self' blob:",
            "worker-src 'self' blob:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            f"frame-ancestors {ancestors}",
        ]),
        "X-Content-Type-Options": "nosniff",
        # The origin only, and only over HTTPS: OpenStreetMap's tile policy asks for a Referer.
        "Referrer-Policy": "strict-origin-when-cross-origin",
    }
    if not embed_origins:  # for browsers without frame-ancestors; it cannot name other sites, so only then
        headers["X-Frame-Options"] = "SAMEORIGIN"
    return headers


def _header_lines(headers: dict[str, str]) -> str:
    return "".join(f'            add_header {name} "{value}" always;\n' for name, value in headers.items())


_COMPONENT_LOCATION = """        location ^~ {url} {{
            root {www};
            gzip_static on;
            add_header Cache-Control "public, max-age=3600";
{headers}        }}
"""


def component_folders() -> tuple[dict[str, Path], dict[str, tuple[str, Path]]]:
    """URL prefix → folder of each component the app declares (the Leaflet packages and the map frame), copied
    into the site; and, by name ("live", "maps"), the prefix and folder of the files the app writes while it
    runs (the live plenary, map documents), which nginx reads where the app writes them."""
    previous = logging.root.manager.disable
    logging.disable(logging.WARNING)  # the app's loaders warn when used outside a running app
    try:
        from lib import loaders  # imported late, with those warnings quiet
        from lib.loaders import live_file, map_files

        folders = {url: asset_dirs()[key] for key, url in loaders.map_asset_urls().items()}
        folders[f"/component/{loaders.map_frame_component().name}/"] = MAP_FRAME_DIR
        written = {"live": (live_file.live_path(), live_file.live_folder().resolve()),
                   "maps": (map_files.maps_path(), map_files.maps_folder().resolve())}
        return folders, written
    finally:
        logging.disable(previous)


def _copy_compressed(source: Path, target: Path) -> int:
    """Copy a folder; beside each text file write its gzip twin (for nginx's gzip_static). Returns files."""
    shutil.copytree(source, target)
    count = 0
    for path in sorted(target.rglob("*")):
        if path.is_file() and path.suffix in COMPRESSED_SUFFIXES:
            path.with_name(path.name + ".gz").write_bytes(gzip.compress(path.read_bytes(), 9, mtime=0))
            count += 1
    return count


def build(out: Path, app_addresses: str | list[str], listen: str, embed_origins: list[str] | None = None,
          data_dir: Path | None = None) -> Path:
    """Write `out/www` (the static files) and `out/nginx.conf` for one or more Streamlit processes; return the
    configuration's path. `embed_origins` defaults to PSM_EMBED_ORIGINS, `data_dir` to PSM_DATA_DIR, where the
    app writes its live files and map documents (run this with the app's environment)."""
    addresses = [app_addresses] if isinstance(app_addresses, str) else list(app_addresses)
    header_lines = _header_lines(security_headers(config.embed_origins() if embed_origins is None
                                                  else embed_origins))
    out = out.resolve()
    www = out / "www"
    shutil.rmtree(www, ignore_errors=True)
    _copy_compressed(STREAMLIT_BUNDLE, www / "static")
    locations = []
    folders, written = component_folders()
    (live_path, live_dir), (maps_path, maps_dir) = written["live"], written["maps"]
    if data_dir is not None:
        live_dir, maps_dir = ((data_dir / folder.name).resolve() for folder in (live_dir, maps_dir))
    for url, folder in folders.items():
        _copy_compressed(folder, www / url.strip("/"))
        locations.append(_COMPONENT_LOCATION.format(url=url, www=www, headers=header_lines))
    for name in TEMP_DIRS:
        (out / "tmp" / name).mkdir(parents=True, exist_ok=True)
    conf = (TEMPLATE.read_text(encoding="utf-8")
            .replace("@PREFIX@", str(out)).replace("@WWW@", str(www))
            .replace("@APP_SERVERS@", "".join(f"        server {a};\n" for a in addresses)).replace("@LISTEN@", listen)
            .replace("@COMPONENT_LOCATIONS@\n", "".join(locations))
            .replace("@LIVE_PATH@", live_path).replace("@LIVE_DIR@", str(live_dir))
            .replace("@MAPS_PATH@", maps_path).replace("@MAPS_DIR@", str(maps_dir))
            .replace("@FEEDS_PATH@", FEEDS_PATH).replace("@FEEDS_DIR@", str(feeds_folder().resolve()))
            .replace("@SECURITY_HEADERS@\n", header_lines))
    target = out / "nginx.conf"
    target.write_text(conf, encoding="utf-8")
    return target


def main(argv: list[str] | None = None) -> None:
    """Build the site and print how to start nginx."""
    parser = argparse.ArgumentParser(prog="python -m deploy.static_site", description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to write (www/, nginx.conf, tmp/)")
    parser.add_argument("--app", action="append", help="where a Streamlit process listens; repeat for each "
                        "process (default 127.0.0.1:8501)")
    parser.add_argument("--listen", default="8080", help="nginx's listen address or port (default %(default)s)")
    args = parser.parse_args(argv)
    try:
        conf = build(args.out, args.app or ["127.0.0.1:8501"], args.listen)
    except ValueError as error:  # a PSM_EMBED_ORIGINS entry that is not an origin
        raise SystemExit(str(error)) from None
    print(f"wrote {conf.parent}; start nginx with: nginx -p {conf.parent} -c {conf}")


if __name__ == "__main__":
    main()
