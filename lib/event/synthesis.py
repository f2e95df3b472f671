"""The regia's synthesis of a co-planning day, from the event's state: merges, themes, highlights,
priorities by zone, and priorities against the coverage of the plan in force."""
from __future__ import annotations

from collections import Counter, defaultdict

import pandas as pd

from geo.territory import ZONES
from lib.event import model as m
from lib.views import fmt

# Columns of the frames below (Italian headings: they are shown and exported as they are).
ZONE, ITEM, RANK, REASON = "Zona", "Voce", "Posizione", "Motivo"


def canonical(state: m.EventState) -> dict[str, str]:
    """Contribution key → the key it is merged into (itself when not merged), replaying the regia's acts."""
    parent: dict[str, str] = {}
    for act in state.acts:
        if act.act == m.ACT_MERGE and act.value and act.value != act.target:
            parent[act.target] = act.value
        elif act.act == m.ACT_UNMERGE:
            parent.pop(act.target, None)

    def root(key: str) -> str:
        seen = set()
        while key in parent and key not in seen:
            seen.add(key)
            key = parent[key]
        return key
    return {c.key: root(c.key) for c in state.contributions}


def themes(state: m.EventState) -> dict[str, list[str]]:
    """Contribution key → its cross-cutting themes, in the order the regia gave them."""
    tagged: dict[str, list[str]] = defaultdict(list)
    for act in state.acts:
        if act.act == m.ACT_TAG and act.value not in tagged[act.target]:
            tagged[act.target].append(act.value)
        elif act.act == m.ACT_UNTAG and act.value in tagged[act.target]:
            tagged[act.target].remove(act.value)
    return dict(tagged)


def highlighted(state: m.EventState) -> set[str]:
    """Contributions the regia marked for the plenary."""
    marked: set[str] = set()
    for act in state.acts:
        if act.act == m.ACT_HIGHLIGHT:
            marked.add(act.target)
        elif act.act == m.ACT_UNHIGHLIGHT:
            marked.discard(act.target)
    return marked


def item_labels(state: m.EventState) -> dict[str, str]:
    """Item code → its label."""
    return {item.code: item.label for item in state.event.spec.items}


def contributions_frame(state: m.EventState) -> pd.DataFrame:
    """One row per contribution still standing after merges: text, kind, item, zones (all merged ones),
    themes, whether highlighted, and the keys merged into it."""
    roots, tags, marked, labels = canonical(state), themes(state), highlighted(state), item_labels(state)
    alive = [c for c in state.contributions if not c.deleted]
    zones: dict[str, set[int]] = defaultdict(set)
    merged: dict[str, list[str]] = defaultdict(list)
    # A merged group carries every theme and highlight given to any of its members: the regia may act
    # on a duplicate before or after merging it, and nothing it did is lost.
    group_tags: dict[str, list[str]] = defaultdict(list)
    group_marked: set[str] = set()
    for c in alive:
        root = roots[c.key]
        zones[root].add(c.zone_id)
        if root != c.key:
            merged[root].append(c.key)
    for c in sorted(alive, key=lambda c: roots[c.key] != c.key):
        root = roots[c.key]
        group_tags[root] += [t for t in tags.get(c.key, []) if t not in group_tags[root]]
        if c.key in marked:
            group_marked.add(root)
    rows = [{"key": c.key, "Contributo": c.text, "Tipo": m.CONTRIBUTION_KINDS[c.kind], "Voce": c.item,
             "Titolo della voce": labels.get(c.item, c.item),
             "Zone": ", ".join(str(z) for z in sorted(zones[c.key])), "Comuni": ", ".join(c.comuni),
             "Temi": ", ".join(group_tags[c.key]), "In plenaria": c.key in group_marked,
             "Uniti": len(merged[c.key]), "Salvato": fmt.date_time(c.saved_at)}
            for c in alive if roots[c.key] == c.key]
    return pd.DataFrame(rows, columns=["key", "Contributo", "Tipo", "Voce", "Titolo della voce", "Zone", "Comuni",
                                       "Temi", "In plenaria", "Uniti", "Salvato"])


def priorities_frame(state: m.EventState) -> pd.DataFrame:
    """Every table's current ranking: zone, rank, item, label, reason."""
    labels = item_labels(state)
    rows = [{ZONE: zone, RANK: p.rank, ITEM: p.item, "Titolo": labels.get(p.item, p.item), REASON: p.reason}
            for zone, ranking in sorted(state.priorities.items()) for p in ranking]
    return pd.DataFrame(rows, columns=[ZONE, RANK, ITEM, "Titolo", REASON])


def priority_counts(state: m.EventState) -> pd.DataFrame:
    """Per item: how many tables chose it, and which, most chosen first."""
    by_item: dict[str, list[int]] = defaultdict(list)
    for zone, ranking in state.priorities.items():
        for p in ranking:
            by_item[p.item].append(zone)
    labels = item_labels(state)
    rows = [{ITEM: code, "Titolo": labels.get(code, code), "Tavoli": len(zs), "Zone": ", ".join(map(str, sorted(zs)))}
            for code, zs in by_item.items()]
    return pd.DataFrame(rows, columns=[ITEM, "Titolo", "Tavoli", "Zone"]).sort_values(
        ["Tavoli", ITEM], ascending=[False, True], ignore_index=True)


def uncovered_priorities(state: m.EventState, matrix_df: pd.DataFrame,
                         item_strategies: dict[str, list[str]]) -> pd.DataFrame:
    """Priorities against the coverage of the plan in force ("priorità scoperte").

    A zone chose an item whose strategies have no project in that zone; and the reverse, an item whose
    strategies have projects in the zone that the zone did not choose.

    Args:
        matrix_df: zone × strategy projects of the plan in force (lib.analysis.coverage.zone_strategy_matrix).
        item_strategies: item code → the strategy codes it stands for (a strategy itself, or a need's links).
    """
    labels = item_labels(state)
    rows = []
    for zone, ranking in sorted(state.priorities.items()):
        chosen = {p.item for p in ranking}
        for code in item_strategies:
            strategies = [c for c in item_strategies[code] if c in matrix_df.columns]
            projects = int(matrix_df.loc[zone, strategies].sum()) if strategies else 0
            if code in chosen and projects == 0:
                rows.append({ZONE: zone, ITEM: code, "Titolo": labels.get(code, code),
                             "Situazione": "scelta dalla zona, nessun progetto nella zona", "Progetti": 0})
            elif code not in chosen and projects > 0:
                rows.append({ZONE: zone, ITEM: code, "Titolo": labels.get(code, code),
                             "Situazione": "progetti nella zona, non scelta", "Progetti": projects})
    return pd.DataFrame(rows, columns=[ZONE, ITEM, "Titolo", "Situazione", "Progetti"])


def highlights_by_theme(state: m.EventState) -> dict[str, pd.DataFrame]:
    """The highlighted contributions grouped by theme (untagged ones under 'Altri contributi')."""
    frame = contributions_frame(state)
    frame = frame.loc[frame["In plenaria"].astype(bool)]
    groups: dict[str, list[int]] = defaultdict(list)
    for index, tags in zip(frame.index, frame["Temi"]):
        for theme in (tags.split(", ") if tags else ["Altri contributi"]):
            groups[theme].append(index)
    return {theme: frame.loc[indexes, ["Contributo", "Tipo", "Voce", "Zone"]] for theme, indexes in groups.items()}


def progress(state: m.EventState) -> pd.DataFrame:
    """Per table: venue, priorities chosen, contributions, last save (what the regia watches arrive)."""
    counts = Counter(c.zone_id for c in state.contributions if not c.deleted)
    last: dict[int, object] = dict(state.priorities_saved_at)
    for c in state.contributions:
        last[c.zone_id] = max(last.get(c.zone_id, c.saved_at), c.saved_at)
    rows = [{ZONE: f"{t.zone_id} – {ZONES[t.zone_id].short}", "Sede": t.venue,
             "Priorità": len(state.priorities.get(t.zone_id, [])), "Contributi": counts.get(t.zone_id, 0),
             "Ultimo salvataggio": fmt.date_time(last[t.zone_id]) if t.zone_id in last else "—"}
            for t in state.event.spec.tables]
    return pd.DataFrame(rows)


def audit_frame(state: m.EventState) -> pd.DataFrame:
    """The regia's acts, oldest first, in words."""
    words = {m.ACT_MERGE: "unito a", m.ACT_UNMERGE: "separato", m.ACT_TAG: "tema aggiunto",
             m.ACT_UNTAG: "tema tolto", m.ACT_HIGHLIGHT: "in plenaria", m.ACT_UNHIGHLIGHT: "tolto dalla plenaria",
             m.ACT_CODE: "nuovo codice per la zona", m.ACT_CLOSE: "giornata chiusa", m.ACT_REOPEN: "giornata riaperta",
             m.ACT_EXTEND: "codici prorogati fino al"}
    return pd.DataFrame([{"Quando": fmt.date_time(a.at), "Chi": a.actor, "Azione": words[a.act],
                          "Su": a.target, "Valore": a.value} for a in state.acts],
                        columns=["Quando", "Chi", "Azione", "Su", "Valore"])
