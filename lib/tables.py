"""Frames shaped for display: Italian headings, readable lists, searchable project tables."""
from __future__ import annotations

import pandas as pd

from lib import labels as lb
from lib import schema as s

DISPLAY_COLUMNS = (s.PROJECT_ID, s.TITLE, s.DESCRIPTION, s.CATEGORY, s.STRATEGIES, s.COMUNI, s.ZONES,
                   s.PRECISION, s.PROMOTER, s.SOURCE, s.NOTES)
_SEARCHED = (s.PROJECT_ID, s.TITLE, s.DESCRIPTION, s.CATEGORY, s.COMUNI, s.PROMOTER, s.STRATEGIES, s.NOTES)


def split_by_scope(projects_df: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(projects located in comuni or zones, metro-wide projects)."""
    metro = projects_df[s.PRECISION] == s.PRECISION_METRO
    return projects_df[~metro], projects_df[metro]


def search_index(projects_df: pd.DataFrame) -> pd.Series:
    """The lower-case text searched for each project (build once, reuse for every search)."""
    columns = [projects_df[c].astype(str) for c in _SEARCHED]
    return columns[0].str.cat(columns[1:], sep=" ").str.lower()


def filter_by_words(frame: pd.DataFrame, index: pd.Series, text: str) -> pd.DataFrame:
    """Rows of `frame` whose `index` text contains every word of `text` (case-insensitive)."""
    words = [w for w in text.lower().split() if w]
    if not words:
        return frame
    mask = pd.Series(True, index=index.index)
    for word in words:
        mask &= index.str.contains(word, regex=False)
    return frame[mask.to_numpy()]


def first_rows(frame: pd.DataFrame, limit: int) -> tuple[pd.DataFrame, int]:
    """The first `limit` rows and how many more there are."""
    return frame.head(limit), max(0, len(frame) - limit)


def project_display(projects_df: pd.DataFrame, categories_df: pd.DataFrame) -> pd.DataFrame:
    """Registry rows with Italian headings, category labels and comma-separated lists."""
    category_labels = dict(zip(categories_df[s.CATEGORY], categories_df[s.CATEGORY_LABEL]))
    out = projects_df[list(DISPLAY_COLUMNS)].copy()
    out[s.CATEGORY] = out[s.CATEGORY].map(lambda c: category_labels.get(c, c))
    for column in (s.STRATEGIES, s.COMUNI, s.ZONES):
        out[column] = out[column].str.replace(s.LIST_SEP, ", ", regex=False)
    out[s.PRECISION] = out[s.PRECISION].map(lb.PRECISION_LABELS)
    if s.REPORTED in projects_df.columns:
        out[s.REPORTED] = projects_df[s.REPORTED].map({True: lb.REPORTED_FLAG, False: ""}).fillna("")
    return out.rename(columns=lb.COLUMN_LABELS).reset_index(drop=True)


def zone_checklist(zone_id: int, matrix_df: pd.DataFrame, strategies_df: pd.DataFrame,
                   metro_df: pd.DataFrame) -> pd.DataFrame:
    """The strategies of the plan for one zone: local projects, metro-wide projects, covered or not."""
    metro_counts = metro_df[s.STRATEGY_LIST].explode().value_counts()
    out = pd.DataFrame({
        "Strategia": strategies_df[s.STRATEGY],
        "Titolo": strategies_df[s.STRATEGY_TITLE],
        "Asse": strategies_df[s.AXIS],
        "Progetti nella zona": strategies_df[s.STRATEGY].map(matrix_df.loc[zone_id]).fillna(0).astype(int),
        "Progetti metropolitani": strategies_df[s.STRATEGY].map(metro_counts).fillna(0).astype(int),
    })
    out["Coperta nella zona"] = out["Progetti nella zona"] > 0
    return out


def zone_comuni(zone_id: int, comuni_df: pd.DataFrame, long_df: pd.DataFrame) -> pd.DataFrame:
    """The comuni of a zone with population and number of projects sited in each."""
    comuni = comuni_df[comuni_df[s.ZONE_ID] == zone_id]
    counts = long_df.dropna(subset=[s.ISTAT]).groupby(s.ISTAT)[s.PROJECT_ID].nunique()
    return pd.DataFrame({
        "Comune": comuni[s.NAME].to_numpy(),
        "Abitanti": comuni[s.POPULATION].to_numpy(),
        "Progetti nel comune": comuni[s.ISTAT].map(counts).fillna(0).astype(int).to_numpy(),
    })


def map_lists(projects_df: pd.DataFrame, categories_df: pd.DataFrame, limit: int) -> dict[str, object]:
    """The lists beside the home map: the first `limit` metro-wide and located projects, and the counts."""
    local, metro = split_by_scope(projects_df)
    metro_head, metro_more = first_rows(metro[[s.TITLE, s.STRATEGIES]], limit)
    local_head, local_more = first_rows(local, limit)
    return {"metro": metro_head, "metro_more": metro_more, "n_metro": len(metro),
            "local": project_display(local_head, categories_df), "local_more": local_more,
            "n_local": len(local)}
