"""deploy/: the static site and nginx configuration for plenary sessions, and the proxy the benchmark runs."""
from __future__ import annotations

import asyncio
import gzip
import http.client
import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from bench import sessions
from bench.proxy import Proxy
from bench.server import Server, free_port
from deploy import static_site
from lib import config

# Skipped without nginx, unless PSM_REQUIRE_NGINX=1 (CI sets it, so CI never skips).
if shutil.which("nginx") is None and os.environ.get("PSM_REQUIRE_NGINX") == "1":
    raise RuntimeError("PSM_REQUIRE_NGINX=1 but no nginx on PATH (apt-get install nginx)")
needs_nginx = pytest.mark.skipif(shutil.which("nginx") is None, reason="nginx is not installed")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return static_site.build(tmp_path_factory.mktemp("site"), "127.0.0.1:8501", "127.0.0.1:8080").parent


def test_every_file_the_page_loads_is_on_disk_text_with_a_gzip_twin(site: Path) -> None:
    index = (static_site.STREAMLIT_BUNDLE.parent / "index.html").read_text(encoding="utf-8")
    referenced = re.findall(r'(?:src|href)="\./(static/[^"]+)"', index)
    assert referenced
    for name in referenced:
        served = site / "www" / name
        assert served.is_file(), name
        if served.suffix in static_site.COMPRESSED_SUFFIXES:  # not fonts and images: already compressed
            twin = served.with_name(served.name + ".gz")
            assert twin.is_file() and gzip.decompress(twin.read_bytes()) == served.read_bytes()


def test_the_map_components_are_served_from_disk(site: Path) -> None:
    conf = (site / "nginx.conf").read_text(encoding="utf-8")
    folders, written = static_site.component_folders()
    assert len(folders) == 3 and "/component/lib.loaders.map_frame/" in folders
    for url, folder in folders.items():
        assert f"location ^~ {url} {{" in conf
        for path in folder.iterdir():
            if path.is_file():
                assert (site / "www" / url.strip("/") / path.name).read_bytes() == path.read_bytes()
    assert "server 127.0.0.1:8501;" in conf and "listen 127.0.0.1:8080;" in conf and "@" not in conf
    # What the app writes is read where it writes it, never copied: the live files asked again on every poll,
    # the content-named map documents kept for a year.
    blocks = {name: re.search(rf"location \^~ {re.escape(url)} \{{(.*?)\n        \}}", conf, re.S).group(1)
              for name, (url, _) in written.items()}
    for name, (url, folder) in written.items():
        assert f"alias {folder}/;" in blocks[name] and not (site / "www" / url.strip("/")).exists()
    assert 'add_header Cache-Control "no-cache";' in blocks["live"] and "application/json" in blocks["live"]
    assert 'add_header Cache-Control "public, max-age=31536000, immutable";' in blocks["maps"]


def test_several_processes_share_the_load_with_sticky_sessions(tmp_path: Path) -> None:
    conf = static_site.build(tmp_path, ["127.0.0.1:8501", "127.0.0.1:8502"], "8080").read_text(encoding="utf-8")
    upstream = re.search(r"upstream streamlit \{(.*?)\}", conf, re.S).group(1)
    assert upstream.split() == ["hash", "$psm_node", "consistent;", "server", "127.0.0.1:8501;",
                                "server", "127.0.0.1:8502;"]
    assert 'add_header Set-Cookie "psm_node=$psm_node; Path=/; HttpOnly; SameSite=Lax" always;' in conf


def test_every_location_sends_the_security_headers(site: Path) -> None:
    conf = (site / "nginx.conf").read_text(encoding="utf-8")
    blocks = re.findall(r"location [^{]+\{(.*?)\n        \}", conf, re.S)
    assert len(blocks) == 8  # the bundle, 3 component folders, map documents, live files, feeds, the app
    for block in blocks:
        for name, value in static_site.security_headers([]).items():
            assert f'add_header {name} "{value}" always;' in block
    policy = static_site.security_headers([])["Content-Security-Policy"]
    assert "frame-ancestors 'self'" in policy and "object-src 'none'" in policy and "connect-src 'self'" in policy
    assert "proxy_set_header X-Real-IP $remote_addr;" in conf


def test_the_sites_in_psm_embed_origins_and_only_they_may_frame_the_app(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(config.EMBED_ORIGINS.name, "https://www.cittametropolitana.torino.it  https://Zona6.example.it")
    conf = static_site.build(tmp_path, "127.0.0.1:8501", "8080").read_text(encoding="utf-8")
    ancestors = "frame-ancestors 'self' https://www.cittametropolitana.torino.it https://zona6.example.it"
    assert conf.count(ancestors) == 8 and "X-Frame-Options" not in conf  # XFO cannot name other sites
    if shutil.which("nginx"):
        check = subprocess.run(["nginx", "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
                               check=False, capture_output=True, text=True)
        assert check.returncode == 0, check.stderr
    monkeypatch.delenv(config.EMBED_ORIGINS.name)
    alone = static_site.security_headers(config.embed_origins())
    assert alone["Content-Security-Policy"].endswith("frame-ancestors 'self'")
    assert alone["X-Frame-Options"] == "SAMEORIGIN"


@pytest.mark.parametrize("wrong", ["https://x.it/percorso", "javascript:alert(1)", "*", "'none'", "https://*.it",
                                   "https://x.it; script-src *", "x.it"])
def test_an_embed_origin_that_is_not_one_is_named(wrong: str) -> None:
    with pytest.raises(ValueError) as refused:
        config.embed_origins({config.EMBED_ORIGINS.name: f"https://ok.it {wrong}"})
    assert wrong.split()[0] in str(refused.value) and "https://ok.it" not in str(refused.value).split(": ", 2)[-1]


@needs_nginx
def test_nginx_accepts_the_configuration(site: Path) -> None:
    check = subprocess.run(["nginx", "-t", "-p", str(site), "-c", str(site / "nginx.conf")],
                           check=False, capture_output=True, text=True)
    assert check.returncode == 0, check.stderr


@needs_nginx
def test_the_app_runs_behind_nginx(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(config.DATA_DIR.name, str(tmp_path / "var"))
    (tmp_path / "var" / "feeds").mkdir(parents=True)
    (tmp_path / "var" / "feeds" / "zona-6.xml").write_bytes(b"<feed xmlns='http://www.w3.org/2005/Atom'/>")

    async def scenario() -> tuple[sessions.SessionResult, int, bytes, tuple[int, bytes]]:
        server = Server(None, tmp_path / "app.log", data_dir=tmp_path / "var")
        try:
            await sessions.first_render(server.port, server.started, server.started + 60)
            async with Proxy(server.port, tmp_path / "site", free_port()) as proxy:
                viewer = await sessions.run_session(proxy.port, time.perf_counter(), timeout=60,
                                                    fetch_paths=["/component/lib.loaders.map_frame/index.html"])
                status, leaflet = await sessions.http_get(proxy.port,
                                                          "/component/lib.loaders.assets_leaflet/leaflet.js")
                feed = await sessions.http_get(proxy.port, "/feeds/zona-6.xml")
                return viewer, status, leaflet, feed
        finally:
            server.stop()

    viewer, status, leaflet, feed = asyncio.run(scenario())
    assert feed == (200, b"<feed xmlns='http://www.w3.org/2005/Atom'/>")  # the release feeds, from disk
    assert viewer.ok and viewer.map_component == "lib.loaders.map_frame", viewer.error
    assert viewer.http_requests > 10 and viewer.http_bytes < 1_000_000  # compressed by nginx
    assert status == 200 and gzip.decompress(leaflet).startswith(b"/*")


def _get(port: int, path: str, cookie: str | None) -> tuple[int, str]:
    """A GET through nginx with an optional node cookie: status and the node cookie nginx set."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers={"Cookie": f"psm_node={cookie}"} if cookie else {})
        response = connection.getresponse()
        response.read()
        match = re.search(r"\bpsm_node=([^;]+)", response.getheader("Set-Cookie") or "")
        return response.status, match.group(1) if match else ""
    finally:
        connection.close()


@needs_nginx
def test_two_processes_behind_nginx_keep_each_browser_on_one(tmp_path: Path) -> None:
    """Each browser (node cookie) always reaches the same process; different browsers reach both."""
    async def scenario() -> tuple[set[str], list[str]]:
        servers = [Server(None, tmp_path / f"app{i}.log", data_dir=tmp_path / "var") for i in range(2)]
        try:
            for server in servers:
                await sessions.first_render(server.port, server.started, server.started + 60)
            async with Proxy([s.port for s in servers], tmp_path / "site", free_port()) as proxy:
                def browse() -> list[tuple[str, str]]:
                    seen = []
                    for _ in range(12):  # twelve browsers, three requests each
                        status, node = _get(proxy.port, "/_stcore/health?codice=K7QM-2XPA", None)
                        assert status == 200 and node
                        for _ in range(3):
                            status, again = _get(proxy.port, "/_stcore/health", node)
                            assert status == 200 and again == node
                            seen.append(node)
                    return seen
                nodes = set(await asyncio.to_thread(browse))
                await asyncio.sleep(1.5)  # the access log is flushed every second
                return nodes, (tmp_path / "site" / "app-access.log").read_text(encoding="utf-8").splitlines()
        finally:
            for server in servers:
                server.stop()

    nodes, log = asyncio.run(scenario())
    # A QR card's link carries a table's access code in its query: nginx logs the path only.
    assert log and not any("K7QM" in line or "codice" in line for line in log)
    by_node: dict[str, set[str]] = {}
    for fields in (line.split() for line in log):
        if fields[-1] in nodes:  # not nginx's own start-up check
            by_node.setdefault(fields[-1], set()).add(fields[-2])
    assert len(by_node) == 12 and all(len(upstreams) == 1 for upstreams in by_node.values()), by_node
    assert len(set().union(*by_node.values())) == 2  # both processes serve browsers
