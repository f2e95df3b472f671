"""Data frames shaped for display: Italian headings, readable lists, searchable project lists."""
from __future__ import annotations

from typing import TypedDict

import numpy as np
import pandas as pd

from lib import schema as s
from lib.plan.catalogue import JUDGEMENT_LABELS, Catalogue
from lib.views import fmt
from lib.views import labels as lb

# What a project list shows, in this order (never the maintainers' English notes).
DISPLAY_COLUMNS = (s.PROJECT_ID, s.TITLE, s.DESCRIPTION, s.CATEGORY, s.STRATEGIES, s.COMUNI, s.ZONES,
                   s.REPORTING_ZONE, s.PRECISION, s.LOCATION_BASIS, s.LOCATION_NOTE, s.PROMOTER, s.SOURCE,
                   s.SOURCE_QUOTE, s.EDITOR_NOTE)
QUANTITIES = "quantities"
# What a search looks in: the words users know a project by.
_SEARCHED = (s.PROJECT_ID, s.TITLE, s.DESCRIPTION, s.CATEGORY, s.COMUNI, s.PROMOTER, s.STRATEGIES, s.SOURCE_QUOTE)


def split_by_scope(projects_df: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(projects placed in comuni or zones, projects in no zone: metro-wide, unnamed area or unplaced)."""
    placed = projects_df[s.PRECISION].isin(s.PLACED)
    return projects_df[placed], projects_df[~placed]


def search_index(projects_df: pd.DataFrame, categories_df: pd.DataFrame) -> pd.Series:
    """The lower-case text searched for each project (built once, reused for every search)."""
    category_labels = dict(zip(categories_df[s.CATEGORY], categories_df[s.CATEGORY_LABEL], strict=True))
    columns = [projects_df[c].astype(str) for c in _SEARCHED]
    columns.append(projects_df[s.CATEGORY].map(lambda c: category_labels.get(c, c)).astype(str))
    return columns[0].str.cat(columns[1:], sep=" ").str.lower()


def filter_by_words(frame: pd.DataFrame, index: pd.Series, text: str) -> pd.DataFrame:
    """Rows of `frame` whose `index` text contains every word of `text` (case-insensitive)."""
    mask = word_mask(index, text)
    return frame if mask is None else frame[mask]


def word_mask(index: pd.Series, text: str) -> np.ndarray | None:
    """Which rows' `index` text contains every word of `text` (case-insensitive); None when it has no word."""
    words = [w for w in text.lower().split() if w]
    if not words:
        return None
    mask = pd.Series(True, index=index.index)
    for word in words:
        mask &= index.str.contains(word, regex=False)
    return mask.to_numpy()


def first_rows(frame: pd.DataFrame, limit: int) -> tuple[pd.DataFrame, int]:
    """The first `limit` rows and how many more there are."""
    return frame.head(limit), max(0, len(frame) - limit)


def quantities_by_project(quantities_df: pd.DataFrame) -> dict[str, str]:
    """Project id → 'circa 20 imprese; 50 interventi' (as the source gives them)."""
    texts: dict[str, list[str]] = {}
    for row in quantities_df.itertuples(index=False):
        value = getattr(row, s.QUANTITY_VALUE)
        number = fmt.number(value, 0 if value == int(value) else 1)
        approx = "circa " if getattr(row, s.QUANTITY_APPROXIMATE) else ""
        texts.setdefault(getattr(row, s.PROJECT_ID), []).append(f"{approx}{number} {getattr(row, s.QUANTITY_UNIT)}")
    return {pid: "; ".join(items) for pid, items in texts.items()}


def project_display(projects_df: pd.DataFrame, categories_df: pd.DataFrame,
                    quantities: dict[str, str] | None = None) -> pd.DataFrame:
    """Registry rows with Italian headings and values, comma-separated lists and the source's quantities."""
    category_labels = dict(zip(categories_df[s.CATEGORY], categories_df[s.CATEGORY_LABEL], strict=True))
    out = projects_df[list(DISPLAY_COLUMNS)].copy()
    out[s.CATEGORY] = out[s.CATEGORY].map(lambda c: category_labels.get(c, c))
    for column in (s.STRATEGIES, s.COMUNI, s.ZONES):
        out[column] = out[column].str.replace(s.LIST_SEP, ", ", regex=False)
    out[s.PRECISION] = out[s.PRECISION].map(lb.PRECISION_LABELS)
    out[s.LOCATION_BASIS] = out[s.LOCATION_BASIS].map(lb.BASIS_LABELS)
    known = quantities or {}
    out.insert(out.columns.get_loc(s.SOURCE), QUANTITIES, [known.get(pid, "") for pid in out[s.PROJECT_ID]])
    if s.REPORTED in projects_df.columns:
        out[s.REPORTED] = projects_df[s.REPORTED].map({True: lb.REPORTED_FLAG, False: ""}).fillna("")
    return out.rename(columns=lb.COLUMN_LABELS).reset_index(drop=True)


def with_project_links(display_df: pd.DataFrame, correction: bool = False) -> pd.DataFrame:
    """A displayed project list with, first, the link to each project's page (and, with `correction`, the
    link to the report form pre-filled for it), for st.column_config.LinkColumn."""
    ids = display_df[lb.COLUMN_LABELS[s.PROJECT_ID]]
    links = {lb.PROJECT_LINK_COLUMN: [lb.project_link(pid) for pid in ids]}
    if correction:
        links[lb.CORRECTION_LINK_COLUMN] = [lb.correction_link(pid) for pid in ids]
    return pd.concat([pd.DataFrame(links, index=display_df.index), display_df], axis=1)


def placement(precision_label: str, note: str) -> str:
    """Where a project is placed and on what basis, in one cell: 'nella zona, senza comune · Posizione dedotta: …'
    (the registry's note says whether the place comes from the source or is inferred, and why)."""
    return f"{precision_label} · {note}" if note else precision_label


def zone_project_list(display_df: pd.DataFrame) -> pd.DataFrame:
    """A zone's projects as its page shows them: the link to each project's page, its id and title, then where it
    is placed and why (the zone representative's question), the correction link, then the other columns."""
    label = lb.COLUMN_LABELS
    shown = display_df.copy()
    shown.insert(0, lb.PLACEMENT_COLUMN, [placement(p, n) for p, n in
                                          zip(shown[label[s.PRECISION]], shown[label[s.LOCATION_NOTE]], strict=True)])
    first = [label[s.PROJECT_ID], label[s.TITLE], lb.PLACEMENT_COLUMN]
    shown = shown[first + [c for c in shown.columns if c not in first]]
    linked = with_project_links(shown, correction=True)
    order = [lb.PROJECT_LINK_COLUMN, *first, lb.CORRECTION_LINK_COLUMN]
    return linked[order + [c for c in linked.columns if c not in order]]


def zone_checklist(zone_id: int, matrix_df: pd.DataFrame, strategies_df: pd.DataFrame,
                   unplaced_df: pd.DataFrame, judgements_df: pd.DataFrame) -> pd.DataFrame:
    """The strategies of the plan for one zone: projects there, projects in no zone, covered or not, and
    the monitoring report's judgement of the strategy."""
    unplaced_counts = unplaced_df[s.STRATEGY_LIST].explode().value_counts()
    judged = dict(zip(judgements_df[s.STRATEGY], judgements_df[s.JUDGEMENT], strict=True))
    out = pd.DataFrame({
        "Strategia": strategies_df[s.STRATEGY],
        "Titolo": strategies_df[s.STRATEGY_TITLE],
        "Nella zona": strategies_df[s.STRATEGY].map(matrix_df.loc[zone_id]).fillna(0).astype(int),
        "Senza zona": strategies_df[s.STRATEGY].map(unplaced_counts).fillna(0).astype(int),
    })
    out["Coperta"] = out["Nella zona"] > 0
    out["Giudizio del monitoraggio"] = strategies_df[s.STRATEGY].map(judged).map(JUDGEMENT_LABELS).fillna("")
    return out


def zone_comuni(zone_id: int, comuni_df: pd.DataFrame, long_df: pd.DataFrame) -> pd.DataFrame:
    """The comuni of a zone with population and number of projects sited in each, those with most projects first
    (then by name), so a comune with a project is never buried among forty zeros."""
    comuni = comuni_df[comuni_df[s.ZONE_ID] == zone_id]
    counts = long_df.dropna(subset=[s.ISTAT]).groupby(s.ISTAT)[s.PROJECT_ID].nunique()
    table = pd.DataFrame({
        "Comune": comuni[s.NAME].to_numpy(),
        "Abitanti": comuni[s.POPULATION].map(fmt.number).to_numpy(),
        "Progetti nel comune": comuni[s.ISTAT].map(counts).fillna(0).astype(int).to_numpy(),
    })
    return table.sort_values(["Progetti nel comune", "Comune"], ascending=[False, True],
                             kind="stable").reset_index(drop=True)


class MapLists(TypedDict):
    """The lists beside the home map (see map_lists)."""

    unplaced: pd.DataFrame
    unplaced_more: int
    n_unplaced: int
    placed: pd.DataFrame
    placed_more: int
    n_placed: int


def map_lists(projects_df: pd.DataFrame, categories_df: pd.DataFrame, limit: int) -> MapLists:
    """The lists beside the home map: the first `limit` unplaced and placed projects (each with the link to its
    page first), and the counts."""
    placed, unplaced = split_by_scope(projects_df)
    unplaced_head, unplaced_more = first_rows(unplaced, limit)
    placed_head, placed_more = first_rows(placed, limit)
    unplaced_view = pd.DataFrame({
        lb.PROJECT_LINK_COLUMN: unplaced_head[s.PROJECT_ID].map(lb.project_link),
        lb.COLUMN_LABELS[s.TITLE]: unplaced_head[s.TITLE],
        lb.COLUMN_LABELS[s.PRECISION]: unplaced_head[s.PRECISION].map(lb.PRECISION_LABELS),
        lb.COLUMN_LABELS[s.STRATEGIES]: unplaced_head[s.STRATEGIES].str.replace(s.LIST_SEP, ", ", regex=False)})
    return {"unplaced": unplaced_view.reset_index(drop=True), "unplaced_more": unplaced_more,
            "n_unplaced": len(unplaced), "placed": with_project_links(project_display(placed_head, categories_df)),
            "placed_more": placed_more, "n_placed": len(placed)}


def zone_of_comune(comuni_df: pd.DataFrame, name: str) -> int | None:
    """The zone of a comune by its exact ISTAT name, or None."""
    match = comuni_df.loc[comuni_df[s.NAME] == name, s.ZONE_ID]
    return int(match.iloc[0]) if len(match) else None


# A search across zones answers "is it recorded, and where?": those columns come first.
SEARCH_FIRST = [lb.COLUMN_LABELS[c] for c in (s.PROJECT_ID, s.TITLE, s.ZONES, s.COMUNI, s.PRECISION)]


def search_results(display_df: pd.DataFrame, index: pd.Series, text: str, limit: int) -> tuple[pd.DataFrame, int]:
    """The projects matching every word of `text`, the first `limit` of them, and how many match in all; the
    project, its zones and comuni first."""
    found = filter_by_words(display_df, index, text) if text.strip() else display_df.iloc[0:0]
    first = [c for c in SEARCH_FIRST if c in found.columns]
    return found[first + [c for c in found.columns if c not in first]].head(limit), len(found)


def search_result_list(found_df: pd.DataFrame) -> pd.DataFrame:
    """Search results as the page shows them: the link to each project's page, the project and where it is, then
    the correction link (so a phone shows which project it corrects), then the other columns."""
    linked = with_project_links(found_df, correction=True)
    first = [lb.PROJECT_LINK_COLUMN, *(c for c in SEARCH_FIRST if c in found_df.columns), lb.CORRECTION_LINK_COLUMN]
    return linked[first + [c for c in linked.columns if c not in first]]


def strategy_judgements(totals_df: pd.DataFrame, judgements_df: pd.DataFrame) -> pd.DataFrame:
    """Per strategy: projects, zones reached, and the monitoring report's judgement in its own words."""
    judged = judgements_df.set_index(s.STRATEGY)
    codes = totals_df[s.STRATEGY]
    return pd.DataFrame({
        "Strategia": codes, "Titolo": totals_df[s.STRATEGY_TITLE],
        "Progetti": totals_df["n_total"], "Zone raggiunte": totals_df["n_zones"],
        "Giudizio": codes.map(judged[s.JUDGEMENT]).map(JUDGEMENT_LABELS).fillna("—"),
        "Dal monitoraggio": codes.map(lambda c: f"«{judged.at[c, s.QUOTE]}»" if c in judged.index else ""),
    })


def editions_frame(catalogue: Catalogue) -> pd.DataFrame:
    """Every edition of the plan with its totals, whether its catalogue is in the data, and the source."""
    editions = list(catalogue.editions.values())
    return pd.DataFrame({
        "Edizione": [e.label for e in editions], "Assi": [e.n_axes for e in editions],
        "Strategie": [e.n_strategies for e in editions], "Azioni": [e.n_actions for e in editions],
        "Catalogo nei dati": ["sì" if e.has_catalogue else "no (solo i totali)" for e in editions],
        "Predefinita": ["sì" if e.is_default else "" for e in editions], "Fonte": [e.source for e in editions]})


def placement_text(basis: str, note: str) -> str:
    """Where a place comes from, said once: "dalla fonte: …", or the note alone when it already opens with its
    basis ("Posizione dedotta dal territorio del GAL …")."""
    label, note = lb.BASIS_LABELS[basis], (note or "").strip()
    if not note:
        return label
    return note if note.casefold().startswith(label.casefold()) else f"{label}: {note}"


def sheet_projects(projects_df: pd.DataFrame, comune_names: dict[str, str]) -> pd.DataFrame:
    """A zone's projects for its printable sheet: id, title, strategies, place, and where the place comes from."""
    def place(row: pd.Series) -> str:
        names = ", ".join(comune_names[c] for c in row[s.COMUNE_CODES])
        return names or f"zona {', '.join(map(str, row[s.ZONE_LIST]))}"
    return pd.DataFrame({
        "ID": projects_df[s.PROJECT_ID], "Progetto": projects_df[s.TITLE],
        "Strategie": projects_df[s.STRATEGIES].str.replace(s.LIST_SEP, ", ", regex=False),
        "Luogo": projects_df.apply(place, axis=1) if len(projects_df) else pd.Series(dtype=object),
        "Posizione": [placement_text(b, note) for b, note in
                      zip(projects_df[s.LOCATION_BASIS], projects_df[s.LOCATION_NOTE], strict=True)],
    }).reset_index(drop=True)


def comuni_of_zone(comuni_df: pd.DataFrame, zone_id: int) -> list[str]:
    """The names of a zone's comuni, sorted."""
    return sorted(comuni_df.loc[comuni_df[s.ZONE_ID] == zone_id, s.NAME])
