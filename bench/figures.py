"""Figures from the probes' raw results: payload, reruns, server runs, and the peer comparison."""

from __future__ import annotations

import math
from typing import Any

from bench.report import Figure, figure

REAL = "real"


def map_figures(size: str, probe: dict[str, Any]) -> list[Figure]:
    """Payload and marker figures from bench.mapprobe."""
    if "error" in probe:
        return [figure("map_payload", "map payload, default view", size, None, "B", error=probe["error"])]
    seconds = probe["seconds"]
    figs = [
        figure(
            "map_payload",
            "map payload, default view",
            size,
            probe["html_bytes"],
            "B",
            gzip_bytes=probe["html_gzip_bytes"],
            n_projects=probe["n_projects"],
            basemap=probe["basemap"],
        ),
        figure("map_markers", "markers in the default map", size, probe["markers"], "markers"),
        figure(
            "map_build",
            "default map built from the registry file, cold",
            size,
            seconds["file_to_html"],
            "s",
            judged=False,
            steps=seconds,
        ),
    ]
    if size == REAL:
        assets = probe.get("assets", {})
        figs.append(
            figure(
                "assets",
                "map assets, served once and cached",
                size,
                sum(a["bytes"] for a in assets.values()),
                "B",
                judged=False,
                gzip_bytes=sum(a["gzip_bytes"] for a in assets.values()),
                files=assets,
            )
        )
    return figs


def rerun_figures(size: str, probe: dict[str, Any]) -> list[Figure]:
    """One median-rerun figure per interaction from bench.reruns."""
    if "error" in probe and not isinstance(probe.get("error"), list):
        return [figure("rerun_median", "median rerun", size, None, "s", error=probe["error"])]
    figs = []
    for name, result in probe.items():
        if name.startswith("_"):
            continue
        if "warm" not in result:
            figs.append(
                figure("rerun_median", f"median rerun, {name}", size, None, "s", error=result.get("error"))
            )
            continue
        figs.append(
            figure(
                "rerun_median",
                f"median rerun, {name}",
                size,
                result["warm"]["median"],
                "s",
                p90=result["warm"]["p90"],
                max=result["warm"]["max"],
                n=result["warm"]["n"],
                first_visit_median=result["first_visit"]["median"],
                first_visit_max=result["first_visit"]["max"],
                open_seconds=result["open_seconds"],
                exceptions=result.get("exceptions", []),
            )
        )
    return figs


def _finite(value: float | None) -> float | None:
    return value if value is not None and math.isfinite(value) else None


def _burst_figure(name: str, size: str, burst: dict[str, Any], judged: bool, **extra: Any) -> Figure:
    """The p95 figure of one burst of sessions, with its spread, failures and server CPU."""
    return figure(
        "burst_p95",
        name,
        size,
        _finite(burst.get("p95")),
        "s",
        judged=judged,
        median=_finite(burst.get("median")),
        max=_finite(burst.get("max")),
        failed=burst["failed"],
        first_error=burst["first_error"],
        server_cpu_seconds=burst["server_cpu_seconds"],
        **extra,
        aborted=burst.get("aborted", ""),
    )


def server_figures(size: str, result: dict[str, Any], suffix: str = "", judged: bool = True) -> list[Figure]:
    """Cold start, memory per session, burst and peak memory from one server run."""
    label = f" ({suffix})" if suffix else ""
    if "error" in result:
        return [
            figure(
                "cold_start",
                f"cold start to first render{label}",
                size,
                None,
                "s",
                judged=judged,
                error=result["error"],
            )
        ]
    cold = result["cold_start"]
    figs = [
        figure(
            "cold_start",
            f"cold start to first render{label}",
            size,
            cold["seconds"] if cold["ok"] else None,
            "s",
            judged=judged,
            error=cold["error"],
        )
    ]
    if "memory" not in result:
        return figs
    mem, burst = result["memory"], result["burst"]
    figs.append(
        figure(
            "session_memory",
            f"memory per additional session{label}",
            size,
            None if mem["per_session_mb"] is None else round(mem["per_session_mb"], 3),
            "MB",
            judged=judged,
            sessions=mem["sessions"],
            rss_before_mb=mem["rss_before_mb"],
            rss_after_mb=mem["rss_after_mb"],
            held_median_seconds=mem.get("median"),
            failed=mem["failed"],
            aborted=mem.get("aborted", ""),
        )
    )
    figs.append(_burst_figure(f"p95 time to fully run, {burst['sessions']} sessions at once{label}", size, burst,
                              judged, rss_mb=burst["rss_mb"], ws_bytes_per_session=burst.get("ws_bytes")))
    for key, where in (("burst_with_page", ""), ("burst_with_page_nginx", ", behind nginx (deploy/)")):
        if key in result:
            page = result[key]
            figs.append(_burst_figure(
                f"p95 time to fully run incl. page and asset fetch{where}, {page['sessions']} sessions at once{label}",
                size, page, judged, http_bytes_per_viewer=page.get("http_bytes"),
                http_requests_per_viewer=page.get("http_requests")))
    figs.append(
        figure(
            "peak_memory",
            f"peak server memory (VmHWM){label}",
            size,
            round(result["peak_rss_mb"], 1),
            "MB",
            judged=False,
            final_rss_mb=result["final_rss_mb"],
        )
    )
    if not suffix and burst.get("map_message_bytes"):
        figs.append(
            figure(
                "map_message",
                "map message on the websocket, first visit",
                size,
                burst["map_message_bytes"],
                "B",
                judged=False,
                page_ws_bytes=burst.get("ws_bytes"),
            )
        )
    return figs


def peer_entry(size: str, ours: dict[str, Any], peer: dict[str, Any]) -> dict[str, Any]:
    """Our default map against the naive peer: raw numbers and ratios (ours / peer)."""
    entry: dict[str, Any] = {"peer": peer}
    if "error" in peer or "skipped" in peer or "error" in ours:
        return entry
    mine = {
        "html_bytes": ours["html_bytes"],
        "html_gzip_bytes": ours["html_gzip_bytes"],
        "build_seconds": ours["seconds"]["file_to_html"],
        "markers": ours["markers"],
    }
    entry["ours"] = mine
    entry["ratios"] = {
        key: (mine[key] / peer[key] if peer.get(key) else None)
        for key in ("html_bytes", "html_gzip_bytes", "build_seconds", "markers")
    }
    return entry


def print_peer(size: str, entry: dict[str, Any]) -> None:
    """One line per ratio."""
    peer = entry["peer"]
    if "ratios" not in entry:
        print(f"peer [{size}]: {peer.get('skipped') or peer.get('error') or 'no comparison'}", flush=True)
        return
    ours = entry["ours"]
    for key, unit in (
        ("html_bytes", "B"),
        ("html_gzip_bytes", "B"),
        ("build_seconds", "s"),
        ("markers", "markers"),
    ):
        ratio = entry["ratios"][key]
        text = "n/a" if ratio is None else f"{ratio:.3f}"
        mine, theirs = (f"{v:.3f}" if unit == "s" else f"{v:,.0f}" for v in (ours[key], peer[key]))
        print(f"ours/peer {key} [{size}]: {text} (ours {mine} {unit}, peer {theirs} {unit})", flush=True)


def _event_label(result: dict[str, Any]) -> str:
    processes = result["processes"]
    return (f"{result['viewers']} viewers, {processes} {'process' if processes == 1 else 'processes'}, "
            f"{result['database']}")


def event_figures(result: dict[str, Any], peer: dict[str, Any] | None = None) -> list[Figure]:
    """First render, save-to-screen latency and memory of one simulated co-planning morning (bench.event),
    and the bare-app peer's first render under the same load."""
    if "error" in result:
        return [figure("event_update_p95", "co-planning morning", REAL, None, "s", error=result["error"])]
    label = _event_label(result)
    failed = result["viewers"] - result["viewers_ok"]
    error = f"{failed} viewers failed: {result['first_error']}" if failed else ""
    figs = [
        figure("event_first_render_p95", f"p95 first render of the live plenary, {label}", REAL,
               None if failed else result["first_render_p95"], "s", judged=result["processes"] >= 2,
               median=result["first_render_median"], error=error),
        figure("event_update_p95", f"p95 save to screen on the live plenary, {label}", REAL,
               None if failed else result["update_p95"], "s", median=result["update_median"], saves=result["saves"],
               tables=result["tables"], save_every_s=result["save_every_s"], duration_s=result["duration_s"],
               polls_per_viewer=result["polls_per_viewer"], kb_per_viewer=result["kb_per_viewer"],
               error=error),
        figure("event_idle_cores", f"server CPU of the screens watching, no saves, {label}", REAL,
               None if failed else round(result["idle_cores"], 4), "cores", idle_s=result["idle_s"],
               busy_cores=round(result["busy_cores"], 4), error=error),
        figure("event_memory", f"server memory after the morning (sum of processes), {label}", REAL,
               round(sum(m or 0 for m in result["rss_mb"]), 1), "MB", judged=False, rss_mb=result["rss_mb"],
               peak_rss_mb=result["peak_rss_mb"]),
    ]
    if peer is not None and "error" not in peer:
        figs.append(figure("event_first_render_p95", f"peer: p95 first render of a bare Streamlit page with the "
                           f"same navigation, {_event_label(peer)}", REAL, peer["first_render_p95"], "s",
                           judged=False, median=peer["first_render_median"]))
    return figs
