"""The needs for the next edition of the plan (seed 002, chapters 4 and 5) as data.

Needs are numbered per axis, each with lettered proposals (and, once, dash sub-points); each need either
continues strategies of the edition in force (need_links.csv, one reason per link) or is new. The new
themes name the axes they link to; the recommendations to the Città metropolitana have their points.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from lib import schema as s
from lib.plan.catalogue import Catalogue

_TRUE = "true"


@dataclass(frozen=True)
class NeedsBook:
    """All the needs data: needs, proposals, links to strategies, themes, recommendations and their points."""

    needs: pd.DataFrame
    proposals: pd.DataFrame
    links: pd.DataFrame
    themes: pd.DataFrame
    recommendations: pd.DataFrame
    points: pd.DataFrame

    @property
    def edition(self) -> str:
        """The edition the needs are for ('2024-2026')."""
        return str(self.needs[s.PLAN_EDITION].iloc[0])

    @property
    def linked_edition(self) -> str:
        """The edition whose strategies the needs continue ('2021-2023')."""
        return str(self.links[s.PLAN_EDITION].iloc[0])

    def links_of(self, need_id: str) -> pd.DataFrame:
        """The strategies one need continues, with the reason for each link."""
        return self.links[self.links[s.NEED_ID] == need_id]

    def proposals_of(self, need_id: str) -> pd.DataFrame:
        """One need's lettered proposals and their sub-points, in source order."""
        return self.proposals[self.proposals[s.NEED_ID] == need_id]


def _read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype="string", encoding="utf-8", keep_default_na=False)


def read_needs(plan_dir: Path = s.PLAN_DIR) -> NeedsBook:
    """The six needs files, typed (axis and numbers as integers, flags as booleans)."""
    needs = _read(plan_dir / s.NEEDS_FILE).astype({s.AXIS: "int64", s.NUMBER: "int64"})
    needs[s.IS_NEW] = needs[s.IS_NEW] == _TRUE
    themes = _read(plan_dir / s.THEMES_FILE).astype({s.NUMBER: "int64"})
    themes[s.TRANSVERSAL] = themes[s.TRANSVERSAL] == _TRUE
    return NeedsBook(
        needs=needs, proposals=_read(plan_dir / s.PROPOSALS_FILE), links=_read(plan_dir / s.NEED_LINKS_FILE),
        themes=themes, recommendations=_read(plan_dir / s.RECOMMENDATIONS_FILE).astype({s.NUMBER: "int64"}),
        points=_read(plan_dir / s.RECOMMENDATION_POINTS_FILE).astype({s.NUMBER: "int64"}))


def theme_axes(cell: str) -> list[int]:
    """'4;1;5' → [4, 1, 5] (the source's order)."""
    return [int(a) for a in cell.split(s.LIST_SEP) if a.strip()]


def needs_problems(book: NeedsBook, catalogue: Catalogue) -> list[str]:
    """Every way the needs files disagree with each other or with the catalogue (Italian); empty if none."""
    problems = []
    ids = set(book.needs[s.NEED_ID])
    if len(ids) != len(book.needs):
        problems.append("needs.csv: need_id ripetuti")
    if book.needs[s.PLAN_EDITION].nunique() != 1 or book.links[s.PLAN_EDITION].nunique() != 1:
        problems.append("needs.csv e need_links.csv: ciascuno deve riferirsi a una sola edizione")
        return problems
    if book.edition not in catalogue.editions:
        problems.append(f"needs.csv: edizione {book.edition} non presente in editions.csv")
    linked = catalogue.plans.get(book.linked_edition)
    if linked is None:
        return [*problems, f"need_links.csv: l'edizione {book.linked_edition} non ha un catalogo"]
    axes = set(linked.axis_numbers)
    problems += [f"needs.csv: {n} ha un asse che il piano {book.linked_edition} non ha"
                 for n, a in zip(book.needs[s.NEED_ID], book.needs[s.AXIS], strict=True) if a not in axes]
    codes = set(linked.codes)
    for row in book.links.itertuples(index=False):
        need, code, reason = getattr(row, s.NEED_ID), getattr(row, s.STRATEGY), getattr(row, s.REASON)
        if need not in ids:
            problems.append(f"need_links.csv: esigenza sconosciuta {need}")
        if code not in codes:
            problems.append(f"need_links.csv: {need} → strategia sconosciuta {code}")
        if not reason.strip():
            problems.append(f"need_links.csv: {need} → {code} senza motivo")
    linked_needs = set(book.links[s.NEED_ID])
    for need, is_new in zip(book.needs[s.NEED_ID], book.needs[s.IS_NEW], strict=True):
        if is_new == (need in linked_needs):
            problems.append(f"needs.csv: {need} " + ("è nuova ma ha collegamenti" if is_new else
                                                      "non è nuova e non continua alcuna strategia"))
    proposal_ids = set(book.proposals[s.PROPOSAL_ID])
    problems += [f"proposals.csv: {p} di un'esigenza sconosciuta" for p, n in
                 zip(book.proposals[s.PROPOSAL_ID], book.proposals[s.NEED_ID], strict=True) if n not in ids]
    problems += [f"proposals.csv: {p} sotto un punto sconosciuto {parent}" for p, parent in
                 zip(book.proposals[s.PROPOSAL_ID], book.proposals[s.PARENT_ID], strict=True)
                 if parent and parent not in proposal_ids]
    problems += [f"themes.csv: {t} collegato a un asse sconosciuto" for t, cell in
                 zip(book.themes[s.THEME_ID], book.themes[s.THEME_AXES], strict=True) if set(theme_axes(cell)) - axes]
    problems += [f"themes.csv: {t} deve avere assi oppure essere trasversale" for t, cell, tr in
                 zip(book.themes[s.THEME_ID], book.themes[s.THEME_AXES], book.themes[s.TRANSVERSAL], strict=True)
                 if not theme_axes(cell) and not tr]
    recs = set(book.recommendations[s.RECOMMENDATION_ID])
    problems += [f"recommendation_points.csv: raccomandazione sconosciuta {r}"
                 for r in book.points[s.RECOMMENDATION_ID] if r not in recs]
    for name, frame in (("needs.csv", book.needs), ("proposals.csv", book.proposals),
                        ("themes.csv", book.themes), ("recommendations.csv", book.recommendations)):
        if not all(t.strip() for t in frame[s.TEXT]) or (s.SOURCE in frame and not all(frame[s.SOURCE])):
            problems.append(f"{name}: testi o fonti vuoti")
    return problems
