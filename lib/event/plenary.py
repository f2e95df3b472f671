"""The plenary view of a co-planning day: a map of each zone's first priority and the synthesis beside it.

Built from the event's state only, as HTML with every text escaped, and cached per state version, so the
room's screens refresh cheaply. The version is written into the HTML (data-psm-version) for the benchmark.
"""
from __future__ import annotations

import html

import folium
import geopandas as gpd
import pandas as pd

from geo.maps import AreaView, MapTexts, MarkerSet, build_coverage_map
from geo.territory import ZONES
from lib import schema as s
from lib.event import keys
from lib.event import labels as elb
from lib.event import model as m
from lib.event import synthesis as syn
from lib.views import fmt, slides
from lib.views import labels as lb

NO_PRIORITY_FILL = "#e6e6e6"
# The map and the synthesis side by side in one horizontal container (pages/plenary.py), one above the other
# on a phone.
_ROW = f".st-key-{keys.PLENARY_ROW}"
ROW_CSS = f"""<style>
{_ROW} {{ flex-wrap: wrap; align-items: flex-start; }}
{_ROW} > [data-testid="stElementContainer"]:first-child {{ flex: 1.2 1 30rem; min-width: 0; }}
{_ROW} > [data-testid="stElementContainer"]:last-child {{ flex: 1 1 24rem; min-width: 0; }}
{_ROW} [data-testid="stCustomComponentV1"] {{ height: calc(100vh - 7.5rem) !important; min-height: 300px; }}
@media (min-width: 900px) {{
  {_ROW} > [data-testid="stElementContainer"]:last-child {{ max-height: calc(100vh - 7.5rem); overflow-y: auto; }}
}}
@media (max-width: 899px) {{ {_ROW} [data-testid="stCustomComponentV1"] {{ height: 70vh !important; }} }}
</style>"""


def _e(value: object) -> str:
    return html.escape(str(value))


def version_tag(version: tuple[int, int, int]) -> str:
    """The state version as one token ('12.40.3')."""
    return ".".join(map(str, version))


def map_overlay(state: m.EventState, axis_colors: dict[int, str]) -> dict[str, dict[str, object]]:
    """Per zone: the fill (the axis colour of its first priority, grey until the table saves one), the label
    (number and first choice) and the tooltip lines (the whole ranking), sent to the live map as data."""
    fill_of = {item.code: axis_colors.get(item.axis, NO_PRIORITY_FILL) for item in state.event.spec.items}
    labels = syn.item_labels(state)
    overlay: dict[str, dict[str, object]] = {}
    for zone_id in ZONES:
        ranking = state.priorities.get(zone_id, [])
        overlay[str(zone_id)] = {
            "fill": fill_of.get(ranking[0].item, NO_PRIORITY_FILL) if ranking else NO_PRIORITY_FILL,
            "label": f"{zone_id} · {ranking[0].item}" if ranking else str(zone_id),
            "lines": [f"{p.rank}. {p.item} {labels.get(p.item, '')}" for p in ranking] or ["Nessuna priorità ancora"]}
    return overlay


def base_map(zones_gdf: gpd.GeoDataFrame, asset_urls: dict[str, str], *, tiles: bool) -> folium.Map:
    """The plenary's map, the same all morning: zones in grey with their numbers; `map_overlay` colours them."""
    view = AreaView(areas_gdf=zones_gdf, key_column=s.ZONE_ID, labels={z: lb.zone_label(z) for z in ZONES},
                    short_labels={z: str(z) for z in ZONES}, values={z: 0 for z in ZONES},
                    tooltip_lines={z: ["Nessuna priorità ancora"] for z in ZONES}, url_param="",
                    fill_colors={z: NO_PRIORITY_FILL for z in ZONES})
    texts = MapTexts(legend_title="", empty_label="", click_hint="", attribution=lb.ATTRIBUTION,
                     tile_attribution=lb.TILE_ATTRIBUTION)
    return build_coverage_map(view, MarkerSet([], []), texts, "#08306b", asset_urls, tiles=tiles, fit=True,
                              legend=False, keyboard=False)


def legend_html(state: m.EventState, axis_titles: dict[int, str], axis_colors: dict[int, str]) -> str:
    """The map's legend, above the synthesis: axis colours of the first priorities (short axis names, so the
    legend takes three lines, not eight), and grey for no priority yet."""
    used = sorted({item.axis for item in state.event.spec.items})
    short = lb.short_axis_titles(axis_titles)
    items = [{"color": axis_colors[a], "label": lb.axis_short_label(a, short.get(a, ""))} for a in used
             if a in axis_colors]
    return slides.legend_html({"title": "Colore = asse della prima priorità di ogni zona", "note": "",
                               "items": [*items, {"color": NO_PRIORITY_FILL, "label": "nessuna priorità ancora"}]})


# How much of each part the plenary shows (the rest is in the regia's synthesis). Each item is cut at two
# lines (psm-clamp), so a part fits 1280×720 at 20 px.
TOP_PRIORITIES, TOP_THEMES, PER_THEME = 5, 2, 2
# On a wide screen one part at a time, each for this many seconds in turn (or the one `?parte=` pins).
PART_S = 15
N_PARTS = len(elb.PLENARY_PARTS)


def _more(n: int, one: str, many: str) -> str:
    """The last line of a cut list: '… e 3 altri contributi' (nothing when nothing was cut)."""
    return f'<li class="psm-muted">… e {_e(fmt.count(n, one, many))}</li>' if n > 0 else ""


def _clamped(inner: str) -> str:
    """A list item cut at two lines (inner is HTML, already escaped)."""
    return f'<li><span class="psm-clamp">{inner}</span></li>'


def _chosen(state: m.EventState) -> str:
    counts = syn.priority_counts(state)
    chosen = "".join(_clamped(f"<b>{_e(r[syn.ITEM])}</b> {_e(r['Titolo'])} — "
                              f"{_e(fmt.count(int(r['Tavoli']), 'tavolo', 'tavoli'))} (zone {_e(r['Zone'])})")
                     for _, r in counts.head(TOP_PRIORITIES).iterrows())
    chosen = (chosen + _more(len(counts) - TOP_PRIORITIES, "altra voce scelta", "altre voci scelte")
              or "<li>Le priorità dei tavoli compaiono qui appena salvate.</li>")
    return f'<ul class="psm-lines">{chosen}</ul>'


def _uncovered(uncovered: pd.DataFrame) -> str:
    """Each zone's priorities with no project there: at most one line a zone, so all eleven fit."""
    gaps = "".join(_clamped(f"Zona {_e(zone)} – {_e(ZONES[int(zone)].short)}: <b>{_e(', '.join(rows[syn.ITEM]))}</b>")
                   for zone, rows in uncovered[uncovered["Progetti"] == 0].groupby(syn.ZONE, sort=True))
    return f'<ul class="psm-lines">{gaps or "<li>Nessuna, per ora.</li>"}</ul>'


def _themes(state: m.EventState) -> str:
    by_theme = list(syn.highlights_by_theme(state).items())
    themes = "".join(
        f'<p class="psm-theme">{_e(theme)}</p><ul class="psm-lines">'
        + "".join(_clamped(f"{_e(r['Contributo'])} <span class='psm-muted'>({_e(r['Voce'])}, zone {_e(r['Zone'])})"
                           "</span>") for _, r in frame.head(PER_THEME).iterrows())
        + _more(len(frame) - PER_THEME, "altro contributo", "altri contributi") + "</ul>"
        for theme, frame in by_theme[:TOP_THEMES])
    if len(by_theme) > TOP_THEMES:
        themes += f'<p class="psm-hint">… e {_e(fmt.count(len(by_theme) - TOP_THEMES, "altro tema", "altri temi"))}'
        themes += " nella sintesi scaricabile dalla regia.</p>"
    return themes or '<p class="psm-hint">La regia segnala qui i contributi per la plenaria.</p>'


def synthesis_html(state: m.EventState, uncovered: pd.DataFrame, now_label: str) -> str:
    """The synthesis beside the map, in three parts (elb.PLENARY_PARTS): most chosen priorities, each zone's
    priorities without projects, and the contributions the regia highlighted, by theme. Long lists end with how
    many more there are. A wide screen shows one part at a time (PARTS_CSS), a phone all three."""
    parts = "".join(
        f'<section class="psm-part" data-psm-part="{number}"><p class="psm-lines-title">{_e(title)} '
        f'<span class="psm-part-pos">· {number} / {N_PARTS}</span></p>{body}</section>'
        for number, (title, body) in enumerate(zip(elb.PLENARY_PARTS, (_chosen(state), _uncovered(uncovered),
                                                                       _themes(state)), strict=True), start=1))
    saved = sum(1 for ranking in state.priorities.values() if ranking)
    return (f'<div class="psm-live" data-psm-version="{version_tag(state.version)}">'
            f'<p class="psm-hint">{_e(fmt.count(saved, "tavolo ha", "tavoli hanno"))} salvato le priorità · '
            f"aggiornato {_e(now_label)}</p>{parts}</div>")


def part_shown(pinned: int | None, now_s: float) -> int:
    """The part a wide screen shows now: the pinned one, else each in turn for PART_S seconds."""
    if pinned is not None and 1 <= pinned <= N_PARTS:
        return pinned
    return int(now_s // PART_S) % N_PARTS + 1


# The legend and the synthesis sit in one box, which the map frame refills when the live file changes
# (geo/map_frame/index.html). On a wide screen only the part its data-psm-show names is shown (the frame moves
# it on every PART_S, or `?parte=` pins it); on a phone (under 900 px, the map above) all of them.
LIVE_BOX = "psm-live-box"
PARTS_CSS = ("<style>@media (min-width: 900px) {"
             + ",".join(f' .{LIVE_BOX}[data-psm-show="{n}"] .psm-part:not([data-psm-part="{n}"])'
                        for n in range(1, N_PARTS + 1))
             + " { display: none; } }</style>")


def live_key(version: str, stale: str | None) -> str:
    """What a screen compares to know its box is current: the state version, and the time of the views while
    the database does not answer."""
    return f"{version}|{stale or ''}"


def live_inner(legend: str, synthesis: str, stale: str | None) -> str:
    """The box's content: the legend, the line saying the database does not answer (if so), the synthesis."""
    return legend + (elb.plenary_stale(stale) if stale is not None else "") + synthesis


def live_box(key: str, inner: str, part: int) -> str:
    """The box as the page first sends it, with its style, showing `part` (inner is HTML, already escaped)."""
    return f'{PARTS_CSS}<div class="{LIVE_BOX}" data-psm-key="{_e(key)}" data-psm-show="{int(part)}">{inner}</div>'
