"""What changed between two registry releases, in Italian: a sentence per zone, a row per project and field,
and an Atom feed (RFC 4287) per zone and for the whole territory. Every text is data, escaped by ElementTree
in the feed and shown as plain cells on the page."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from xml.etree import ElementTree

import pandas as pd

from lib import schema as s
from lib.analysis import releases as rel
from lib.views import fmt
from lib.views import labels as lb

KIND_LABELS = {rel.ADDED: "Aggiunto", rel.REMOVED: "Tolto", rel.CHANGED: "Modificato"}
ATOM = "http://www.w3.org/2005/Atom"
# Page columns.
PROJECT, KIND, WHAT = "Progetto", "Cambiamento", "Che cosa"


def tally_sentence(tally: rel.ZoneTally) -> str:
    """'2 progetti aggiunti, 1 tolto, 3 modificati (1 con la posizione ora dalla fonte)', or 'nessun cambiamento'."""
    parts = []
    if tally.added:
        parts.append(fmt.count(tally.added, "progetto aggiunto", "progetti aggiunti"))
    if tally.removed:
        parts.append(fmt.count(tally.removed, "progetto tolto", "progetti tolti"))
    if tally.changed:
        moved = []
        if tally.to_source:
            moved.append(f"{fmt.number(tally.to_source)} con la posizione ora dalla fonte")
        if tally.to_inferred:
            moved.append(f"{fmt.number(tally.to_inferred)} con la posizione ora dedotta")
        parts.append(fmt.count(tally.changed, "progetto modificato", "progetti modificati")
                     + (f" ({', '.join(moved)})" if moved else ""))
    return ", ".join(parts) if parts else "nessun cambiamento"


def zone_sentence(zone_id: int, changes: list[rel.Change]) -> str:
    """'Zona 6 – Valli Susa e Sangone: 1 progetto modificato (1 con la posizione ora dalla fonte).'"""
    return f"{lb.zone_label(zone_id)}: {tally_sentence(rel.tally(rel.in_zone(changes, zone_id)))}."


def _value(name: str, value: str) -> str:
    if name == s.LOCATION_BASIS:
        return lb.BASIS_LABELS.get(value, value)
    if name == s.PRECISION:
        return lb.PRECISION_LABELS.get(value, value)
    return value or "—"


def field_lines(change: rel.Change) -> str:
    """'Titolo: «Dorsale» → «Dorsale Fenestrelle-Oulx»; Base della posizione: «posizione dedotta» → «dalla
    fonte»'."""
    return "; ".join(f"{lb.COLUMN_LABELS.get(f.name, f.name)}: «{_value(f.name, f.old)}» → "
                     f"«{_value(f.name, f.new)}»" for f in change.fields)


def changes_frame(changes: list[rel.Change], old: rel.Snapshot, new: rel.Snapshot) -> pd.DataFrame:
    """One row per changed project: its id and title, what happened, and each field's old and new value."""
    rows = [{lb.PROJECT_LINK_COLUMN: lb.project_link(c.project_id) if c.kind != rel.REMOVED else None,
             PROJECT: f"{c.project_id} – {(new.get(c.project_id) or old[c.project_id])[s.TITLE]}",
             KIND: KIND_LABELS[c.kind], WHAT: field_lines(c) if c.kind == rel.CHANGED else ""} for c in changes]
    return pd.DataFrame(rows, columns=[lb.PROJECT_LINK_COLUMN, PROJECT, KIND, WHAT])


def project_history(snapshots: Sequence[tuple[int, datetime, rel.Snapshot]], project_id: str) -> pd.DataFrame:
    """Every release that added, removed or changed this project: when, and what changed."""
    rows: list[dict[str, object]] = []
    before: rel.Snapshot = {}
    for number, made_at, projects in snapshots:
        for change in rel.diff({project_id: before[project_id]} if project_id in before else {},
                               {project_id: projects[project_id]} if project_id in projects else {}):
            rows.append({"Release": number, "Data": fmt.date(made_at), KIND: KIND_LABELS[change.kind],
                         WHAT: field_lines(change)})
        before = projects
    return pd.DataFrame(rows, columns=["Release", "Data", KIND, WHAT])


def atom_feed(releases: Sequence[tuple[int, datetime, str, list[rel.Change]]], zone_id: int | None,
              page_url: str, release_url: Callable[[int], str]) -> bytes:
    """The feed of a zone (or of all zones): an entry per release with what changed there, newest first.

    `releases` are (number, date, note, changes from the previous release); `page_url` is the Novità page of
    the zone, `release_url(n)` the page showing what release n changed."""
    title = f"Registro PSM Torino – {lb.zone_label(zone_id) if zone_id else 'tutte le zone'}"
    feed = ElementTree.Element("feed", xmlns=ATOM)
    ElementTree.SubElement(feed, "title").text = title
    ElementTree.SubElement(feed, "id").text = f"{page_url}#{'zona-' + str(zone_id) if zone_id else 'tutte'}"
    ElementTree.SubElement(feed, "link", href=page_url, rel="alternate")
    ElementTree.SubElement(feed, "author").append(_text("name", "Città Metropolitana di Torino"))
    newest = max((r[1] for r in releases), default=None)
    ElementTree.SubElement(feed, "updated").text = (newest or datetime(2023, 1, 1).astimezone()).isoformat()
    for number, made_at, note, changes in sorted(releases, key=lambda r: -r[0]):
        mine = rel.in_zone(changes, zone_id) if zone_id else changes
        entry = ElementTree.SubElement(feed, "entry")
        ElementTree.SubElement(entry, "title").text = f"Release {number}: {note}"
        ElementTree.SubElement(entry, "id").text = f"{page_url}#release-{number}-{zone_id or 'tutte'}"
        ElementTree.SubElement(entry, "updated").text = made_at.isoformat()
        ElementTree.SubElement(entry, "link", href=release_url(number), rel="alternate")
        lines = [tally_sentence(rel.tally(mine)).capitalize() + "."]
        lines += [f"{c.project_id}: {KIND_LABELS[c.kind]}" + (f" – {field_lines(c)}" if c.fields else "")
                  for c in mine]
        ElementTree.SubElement(entry, "summary").text = "\n".join(lines)
    return ElementTree.tostring(feed, encoding="utf-8", xml_declaration=True)


def _text(tag: str, value: str) -> ElementTree.Element:
    element = ElementTree.Element(tag)
    element.text = value
    return element
