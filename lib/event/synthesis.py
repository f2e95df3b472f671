"""The regia's synthesis of a co-planning day, from the event's state: merges, themes, highlights,
priorities by zone, and priorities against the coverage of the plan in force."""
from __future__ import annotations

from collections import Counter, defaultdict
from datetime import datetime

import pandas as pd

from geo.territory import ZONES
from lib.event import model as m
from lib.views import fmt

# Columns of the frames below (Italian headings: they are shown and exported as they are).
ZONE, ITEM, RANK, REASON = "Zona", "Voce", "Posizione", "Motivo"
TEXTS = "Testi uniti"


def _merge_tree(state: m.EventState) -> tuple[dict[str, str], dict[str, int]]:
    """Replay the regia's acts: key → the key it is merged into, and key → when (act order) it was merged."""
    parent: dict[str, str] = {}
    joined: dict[str, int] = {}
    for n, act in enumerate(state.acts):
        if act.act == m.ACT_MERGE and act.value and act.value != act.target:
            parent[act.target], joined[act.target] = act.value, n
        elif act.act == m.ACT_UNMERGE:
            parent.pop(act.target, None)
    return parent, joined


def canonical(state: m.EventState) -> dict[str, str]:
    """Contribution key → the key that stands for its merged group (itself when not merged).

    A merge groups contributions; it never makes one table's words depend on another's. The group is the
    tree of merges, deleted members included, so it survives while any member is alive; it is represented by
    the contribution the others were merged into while that is alive, else by the alive member merged
    earliest (stable: the acts are append-only).
    """
    parent, joined = _merge_tree(state)

    def root(key: str) -> str:
        seen = set()
        while key in parent and key not in seen:
            seen.add(key)
            key = parent[key]
        return key
    roots = {c.key: root(c.key) for c in state.contributions}
    members: dict[str, list[m.Contribution]] = defaultdict(list)
    for c in state.contributions:
        members[roots[c.key]].append(c)
    standing = {}
    for top, group in members.items():
        alive = sorted((c for c in group if not c.deleted),
                       key=lambda c: (c.key != top, joined.get(c.key, len(state.acts))))
        standing[top] = alive[0].key if alive else top
    return {key: standing[top] for key, top in roots.items()}


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
    """One row per contribution still standing after merges, keyed by the group's representative: its text,
    kind and item; the zones and comuni of every member; themes; whether highlighted; how many others were
    merged into it; and their own words, one line each with its zone ("Testi uniti")."""
    groups, tags, marked, labels = canonical(state), themes(state), highlighted(state), item_labels(state)
    members: dict[str, list[m.Contribution]] = defaultdict(list)
    everyone: dict[str, list[m.Contribution]] = defaultdict(list)
    for c in state.contributions:
        everyone[groups[c.key]].append(c)
        if not c.deleted:
            members[groups[c.key]].append(c)
    rows = []
    for lead in (c for c in state.contributions if not c.deleted and groups[c.key] == c.key):
        key, group = lead.key, members[lead.key]
        others = [c for c in group if c.key != key]
        # A merged group carries every theme and highlight given to any of its members (deleted ones too): the
        # regia may act on a duplicate before or after merging it, and nothing it did is lost.
        acted_on = sorted(everyone[key], key=lambda c: c.key != key)
        group_tags = list(dict.fromkeys(t for c in acted_on for t in tags.get(c.key, [])))
        rows.append({"key": key, "Contributo": lead.text, "Tipo": m.CONTRIBUTION_KINDS[lead.kind], "Voce": lead.item,
                     "Titolo della voce": labels.get(lead.item, lead.item),
                     "Zone": ", ".join(str(z) for z in sorted({c.zone_id for c in group})),
                     "Comuni": ", ".join(dict.fromkeys(x for c in group for x in c.comuni)),
                     "Temi": ", ".join(group_tags), "In plenaria": any(c.key in marked for c in acted_on),
                     "Uniti": len(others), TEXTS: "\n".join(f"{c.text} (Zona {c.zone_id})" for c in others),
                     "Salvato": fmt.date_time(lead.saved_at)})
    return pd.DataFrame(rows, columns=["key", "Contributo", "Tipo", "Voce", "Titolo della voce", "Zone", "Comuni",
                                       "Temi", "In plenaria", "Uniti", TEXTS, "Salvato"])


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
    # Plain dicts: one .loc per zone and item cost 77 ms for a morning's 275 pairs, a dict lookup 1 ms.
    counts = {zone: {c: int(n) for c, n in row.items()} for zone, row in matrix_df.to_dict("index").items()}
    rows = []
    for zone, ranking in sorted(state.priorities.items()):
        chosen = {p.item for p in ranking}
        zone_counts = counts.get(zone, {})
        for code in item_strategies:
            projects = sum(zone_counts.get(c, 0) for c in item_strategies[code])
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
    for index, tags in zip(frame.index, frame["Temi"], strict=True):
        for theme in (tags.split(", ") if tags else ["Altri contributi"]):
            groups[theme].append(index)
    return {theme: frame.loc[indexes, ["Contributo", "Tipo", "Voce", "Zone", TEXTS]]
            for theme, indexes in groups.items()}


def progress(state: m.EventState) -> pd.DataFrame:
    """Per table: venue, priorities chosen, contributions, last save (what the regia watches arrive)."""
    counts = Counter(c.zone_id for c in state.contributions if not c.deleted)
    last: dict[int, datetime] = dict(state.priorities_saved_at)
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
