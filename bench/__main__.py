"""`python -m bench [--quick] [--sizes real,10000,100000] [--out bench/results.json]`: the speed budget.

For each registry (the real one, then seeded synthetic ones) it runs, each in processes of its own so
caches never mix: the default map's payload (bench.mapprobe), server time per interaction through AppTest
(bench.reruns), a real server for cold start, memory per session, the burst and peak RSS (bench.server),
and the naive geopandas `explore()` peer (bench.peer). Then home and plenary against the framework's floor
(bench.floor: a one-line page and same-elements peers; bench.floor_scale: the same behind nginx with two
processes and at 100k projects), every page's warm CPU beside its peer (bench.pages), and a simulated
co-planning morning (bench.event)
with 1 and 2 processes behind nginx, beside a bare Streamlit app under the same load. It prints one line
per figure and writes JSON.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Coroutine
from pathlib import Path
from typing import Any

from bench import report, synthetic
from bench.event import BARE_APP, measure_event
from bench.figures import REAL, event_figures, map_figures, peer_entry, print_peer, rerun_figures, server_figures
from bench.floor import floor_figures, measure_floor
from bench.floor_scale import LARGE, NGINX, measure_large, measure_nginx, scale_figures
from bench.pages import measure_pages, page_figures
from bench.report import Figure, format_line
from bench.server import measure_server

ROOT = Path(__file__).resolve().parents[1]
PARTS = ("registry", "floor", "pages", "event")
# Config variants compared on the real registry (full mode): what the project's config.toml turns off.
VARIANTS = {
    "postScriptGC=true": ("--runner.postScriptGC", "true"),
    "fileWatcherType=auto": ("--server.fileWatcherType", "auto"),
}


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Command-line options; --quick sets the CI smoke-test defaults."""
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick",
        action="store_true",
        help="CI smoke test: real registry, 3 reruns, 10 sessions, no config variants",
    )
    parser.add_argument("--sizes", default=None, help="comma-separated: real and/or project counts")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results.json")
    parser.add_argument("--reruns", type=int, default=None, help="timed reruns per interaction (default 20)")
    parser.add_argument("--sessions", type=int, default=None, help="sessions held for memory (default 50)")
    parser.add_argument("--burst", type=int, default=None, help="sessions opened at once (default 300)")
    parser.add_argument("--seed", type=int, default=synthetic.DEFAULT_SEED)
    parser.add_argument(
        "--page-burst",
        default=None,
        help="registries whose burst is repeated with each viewer fetching the page and "
        "map assets first (default: real; 'none' for none)",
    )
    parser.add_argument("--no-variants", action="store_true", help="skip the config.toml comparison")
    parser.add_argument("--parts", default=",".join(PARTS), help=f"what to run: {', '.join(PARTS)}")
    parser.add_argument("--floor-rounds", type=int, default=None, help="rounds of bench.floor and bench.pages "
                        "(default 3)")
    parser.add_argument("--floor-large", type=int, default=100_000, help="projects of the floor's large registry "
                        "(skipped with --quick)")
    parser.add_argument("--event-viewers", type=int, default=None, help="viewers on the live plenary (default 300)")
    parser.add_argument("--event-processes", default=None, help="process counts to compare (default 1,2)")
    parser.add_argument("--event-duration", type=float, default=None, help="seconds of the morning (default 60)")
    parser.add_argument("--event-database-url", default=os.environ.get("PSM_BENCH_DATABASE_URL"),
                        help="a PostgreSQL URL: every process count runs on it too, beside SQLite "
                        "(default $PSM_BENCH_DATABASE_URL)")
    parser.add_argument("--workdir", type=Path, default=None, help="keep registries and logs here")
    parser.add_argument(
        "--memory-limit-mb",
        type=float,
        default=None,
        help="kill a server whose RSS passes this (default 60%% of the machine's memory)",
    )
    args = parser.parse_args(argv)
    quick = args.quick
    args.sizes = [
        x.strip() for x in (args.sizes or (REAL if quick else "real,10000,100000")).split(",") if x.strip()
    ]
    args.reruns = args.reruns or (3 if quick else 20)
    args.sessions = args.sessions or (10 if quick else 50)
    args.burst = args.burst or (10 if quick else 300)
    page_burst = args.page_burst or REAL
    args.page_burst = set() if page_burst == "none" else {x.strip() for x in page_burst.split(",")}
    args.variants = {} if (quick or args.no_variants) else VARIANTS
    args.parts = {x.strip() for x in args.parts.split(",") if x.strip()}
    if not args.parts or args.parts - set(PARTS):
        parser.error(f"--parts: choose from {', '.join(PARTS)} (got {','.join(sorted(args.parts))})")
    args.floor_rounds = args.floor_rounds or (1 if quick else 3)
    args.event_viewers = args.event_viewers or (20 if quick else 300)
    args.event_duration = args.event_duration or (15.0 if quick else 60.0)
    try:
        args.event_processes = [int(x) for x in (args.event_processes or ("2" if quick else "1,2")).split(",")]
    except ValueError:
        parser.error("--event-processes: comma-separated numbers of processes, e.g. 1,2")
    for size in args.sizes:
        if size != REAL and not size.isdigit():
            parser.error(f"--sizes: {size!r} is neither 'real' nor a number of projects")
    return args


def emit(figures: list[Figure], *new: Figure) -> None:
    """Keep the figures and print their lines at once (long runs show progress)."""
    for fig in new:
        figures.append(fig)
        print(format_line(fig), flush=True)


def run_probe(module: str, args: list[str], env: dict[str, str], log: Path, timeout: float) -> dict[str, Any]:
    """Run `python -m bench.<module> OUT.json ...` with `env`; return its JSON or {'error': ...}."""
    out = log.with_suffix(".json")
    started = time.perf_counter()
    with log.open("w", encoding="utf-8") as handle:
        try:
            proc = subprocess.run(
                [sys.executable, "-m", f"bench.{module}", str(out), *args],
                cwd=ROOT,
                env=env,
                stdout=handle,
                stderr=subprocess.STDOUT,
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired:
            return {"error": f"timed out after {timeout:.0f} s (log {log})"}
    if proc.returncode != 0 or not out.exists():
        return {"error": f"exit {proc.returncode} (log {log})"}
    result = json.loads(out.read_text(encoding="utf-8"))
    result["_wall_seconds"] = time.perf_counter() - started
    return result


def registry_env(path: Path | None) -> dict[str, str]:
    """The environment for a process reading `path` (None: the real registry), tiles off."""
    env = {**os.environ, "PSM_BASEMAP": "off"}
    env.pop("PSM_PROJECTS_CSV", None)
    if path is not None:
        env["PSM_PROJECTS_CSV"] = str(path)
    return env


def _run(probe: Coroutine[Any, Any, dict[str, Any]]) -> dict[str, Any]:
    """An async probe's result, or {'error': ...} when it crashed."""
    try:
        return asyncio.run(probe)
    except Exception as err:
        return {"error": f"{type(err).__name__}: {err}"}


def run_event(args: argparse.Namespace, work: Path, figures: list[Figure]) -> dict[str, Any]:
    """The co-planning morning for each process count and database, beside the bare-app peer."""
    raw: dict[str, Any] = {}
    for processes in args.event_processes:
        # The peer first: only its first render is compared, so a short run is enough.
        idle_s = 5.0 if args.quick else 15.0
        peer = _run(measure_event(work, processes, args.event_viewers, n_tables=0, duration=15.0, idle_s=idle_s,
                                  script=BARE_APP))
        raw[f"{processes}p bare peer"] = peer
        for url in [None, args.event_database_url] if args.event_database_url else [None]:
            result = _run(measure_event(work, processes, args.event_viewers, duration=args.event_duration,
                                        idle_s=idle_s, database_url=url))
            raw[f"{processes}p {result.get('database', 'postgresql' if url else 'sqlite')}"] = result
            emit(figures, *event_figures(result, peer if url is None else None))
    return raw


def main(argv: list[str] | None = None) -> int:
    """Run every figure for every registry size, print them, write the JSON; exit 0 even on misses."""
    args = parse_args(argv)
    started = time.perf_counter()
    work = args.workdir or Path(tempfile.mkdtemp(prefix="psm-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    figures: list[Figure] = []
    peers: dict[str, Any] = {}
    raw: dict[str, Any] = {}
    durations: dict[str, float] = {}
    settings = {
        "quick": args.quick, "sizes": args.sizes, "reruns": args.reruns, "sessions": args.sessions,
        "burst": args.burst, "seed": args.seed, "variants": list(args.variants),
        "page_burst": sorted(args.page_burst), "memory_limit_mb": args.memory_limit_mb, "workdir": str(work),
        "parts": sorted(args.parts), "floor_rounds": args.floor_rounds, "floor_large": args.floor_large,
        "event_viewers": args.event_viewers, "event_processes": args.event_processes,
        "event_duration": args.event_duration,
        "event_databases": ["sqlite"] + (["postgresql"] if args.event_database_url else []),
    }
    print(
        f"bench: sizes {','.join(args.sizes)}, {args.reruns} reruns, {args.sessions} held sessions, "
        f"burst {args.burst}; work dir {work}",
        flush=True,
    )
    for size in args.sizes if "registry" in args.parts else []:
        t_size = time.perf_counter()
        registry = None if size == REAL else synthetic.write_registry(int(size), work, args.seed)
        env = registry_env(registry)
        # The payload is measured as deployed (base map on): the tile layer is part of the HTML.
        map_env = {k: v for k, v in env.items() if k != "PSM_BASEMAP"}
        ours = run_probe("mapprobe", [], map_env, work / f"mapprobe_{size}.log", 900)
        emit(figures, *map_figures(size, ours))
        reruns = run_probe(
            "reruns",
            [
                "--reruns",
                str(args.reruns),
                "--profile-over",
                str(report.target_for("rerun_median", size) or 0.1),
            ],
            env,
            work / f"reruns_{size}.log",
            3600,
        )
        emit(figures, *rerun_figures(size, reruns))
        try:
            served = measure_server(
                registry,
                work / f"server_{size}.log",
                n_memory=args.sessions,
                n_burst=args.burst,
                asset_paths=ours.get("asset_urls", []),
                burst_with_page=size in args.page_burst,
                memory_limit_mb=args.memory_limit_mb,
            )
        except Exception as err:
            served = {"error": f"{type(err).__name__}: {err}"}
        emit(figures, *server_figures(size, served))
        peer = run_probe(
            "peer", [str(registry or ROOT / "data" / "projects.csv")], env, work / f"peer_{size}.log", 900
        )
        peers[size] = peer_entry(size, ours, peer)
        print_peer(size, peers[size])
        raw[size] = {"mapprobe": ours, "reruns": reruns, "server": served}
        if size == REAL:
            for variant, extra in args.variants.items():
                try:
                    result = measure_server(
                        None,
                        work / f"server_{size}_{variant}.log",
                        n_memory=args.sessions,
                        n_burst=args.burst,
                        extra_args=extra,
                        memory_limit_mb=args.memory_limit_mb,
                    )
                except Exception as err:
                    result = {"error": f"{type(err).__name__}: {err}"}
                raw[size][f"server {variant}"] = result
                emit(figures, *server_figures(size, result, suffix=variant, judged=False))
        durations[size] = time.perf_counter() - t_size
        # Written after every registry, so a long run that is stopped still leaves its figures.
        report.write_results(
            report.build_results(
                figures, peers, settings, {"durations_seconds": durations, "raw": raw, "partial": True}
            ),
            args.out,
        )
    if "floor" in args.parts:
        t_floor = time.perf_counter()
        # Sequential sessions for CPU: enough for the 10 ms clock ticks of /proc to average out.
        raw["floor"] = _run(measure_floor(work, 10 if args.quick else 60, args.burst, args.floor_rounds))
        emit(figures, *floor_figures(raw["floor"]))
        raw["floor nginx"] = _run(measure_nginx(work, 2, args.burst, args.floor_rounds))
        emit(figures, *scale_figures(raw["floor nginx"], NGINX))
        raw["floor large"] = {"skipped": "--quick"} if args.quick else _run(measure_large(
            work, synthetic.write_registry(args.floor_large, work, args.seed), args.floor_large, args.burst,
            args.floor_rounds))
        emit(figures, *scale_figures(raw["floor large"], LARGE))
        durations["floor"] = time.perf_counter() - t_floor
    if "pages" in args.parts:
        t_pages = time.perf_counter()
        raw["pages"] = _run(measure_pages(work, 10 if args.quick else 30, args.floor_rounds))
        emit(figures, *page_figures(raw["pages"]))
        durations["pages"] = time.perf_counter() - t_pages
    if "event" in args.parts:
        t_event = time.perf_counter()
        raw["event"] = run_event(args, work, figures)
        durations["event"] = time.perf_counter() - t_event
    durations["total"] = time.perf_counter() - started
    results = report.build_results(figures, peers, settings, {"durations_seconds": durations, "raw": raw})
    report.write_results(results, args.out)
    missed = [f for f in figures if f.ok is False]
    print(
        f"bench: {len(figures)} figures, {len(missed)} missed, {durations['total']:.0f} s; wrote {args.out}",
        flush=True,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
