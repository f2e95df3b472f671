"""What the needs page and slides show: needs against coverage, their links, projects, themes, recommendations."""
from __future__ import annotations

import pandas as pd

from lib import schema as s
from lib.analysis import needs as an
from lib.plan.catalogue import Plan
from lib.plan.needs import NeedsBook, theme_axes
from lib.views import labels as lb

STATUS_LABELS = {
    an.STATUS_NO_PROJECT: "Nessun progetto sulle strategie che continua",
    an.STATUS_ZONES_MISSING: "Progetti, ma zone intere scoperte",
    an.STATUS_COVERED: "Progetti in ogni zona",
    an.STATUS_NEW: "Esigenza nuova",
}
# Colour-blind-safe (Okabe–Ito): vermilion, orange, bluish green, grey.
STATUS_COLORS = {an.STATUS_NO_PROJECT: "#D55E00", an.STATUS_ZONES_MISSING: "#E69F00",
                 an.STATUS_COVERED: "#009E73", an.STATUS_NEW: "#595959"}
SECTION_LABELS = {"governance": "Governance e coordinamento delle politiche del territorio",
                  "costruzione": "Costruzione e attuazione del piano strategico",
                  "processo": "Conduzione del processo partecipativo"}


def needs_frame(needs_df: pd.DataFrame) -> pd.DataFrame:
    """The needs of a view as a table: id, text, strategies continued, projects, zones without, standing."""
    return pd.DataFrame({
        "Esigenza": needs_df[s.NEED_ID], "Testo": needs_df[s.TEXT],
        "Continua le strategie": needs_df[an.LINKED].map(lambda codes: ", ".join(codes) or "— (nuova)"),
        "Progetti": needs_df[an.N_PROJECTS],
        "Zone senza progetti": needs_df[an.ZONES_WITHOUT].map(lambda zones: ", ".join(map(str, zones)) or "nessuna"),
        "Stato": needs_df[an.STATUS].map(STATUS_LABELS),
    })


def links_frame(book: NeedsBook, need_id: str, plan: Plan) -> pd.DataFrame:
    """The strategies one need continues, with their titles and the reason for each link."""
    links = book.links_of(need_id)
    titles = plan.strategy_titles()
    return pd.DataFrame({"Strategia": links[s.STRATEGY], "Titolo": links[s.STRATEGY].map(titles),
                         "Perché": links[s.REASON]})


def proposal_lines(book: NeedsBook, need_id: str) -> list[str]:
    """'a) …' lines, dash sub-points indented under their proposal."""
    rows = book.proposals_of(need_id)
    return [f"{'  – ' if r[s.PARENT_ID] else ''}{r[s.LETTER]}{'.' if r[s.PARENT_ID] else ')'} {r[s.TEXT]}"
            for _, r in rows.iterrows()]


def projects_frame(projects_df: pd.DataFrame) -> pd.DataFrame:
    """Projects serving a need's strategies: the link to each one's page, title, strategies, zones, how they
    are placed."""
    return pd.DataFrame({
        lb.PROJECT_LINK_COLUMN: projects_df[s.PROJECT_ID].map(lb.project_link),
        lb.COLUMN_LABELS[s.TITLE]: projects_df[s.TITLE],
        lb.COLUMN_LABELS[s.STRATEGIES]: projects_df[s.STRATEGIES].str.replace(s.LIST_SEP, ", ", regex=False),
        lb.COLUMN_LABELS[s.ZONES]: projects_df[s.ZONE_LIST].map(lambda zones: ", ".join(map(str, zones)) or "—"),
        lb.COLUMN_LABELS[s.PRECISION]: projects_df[s.PRECISION].map(lb.PRECISION_LABELS),
    }).reset_index(drop=True)


def themes_frame(book: NeedsBook) -> pd.DataFrame:
    """The new themes with the axes they link to."""
    themes = book.themes
    return pd.DataFrame({
        "Tema": themes[s.TITLE], "Indicazioni": themes[s.TEXT],
        "Assi": [("trasversale" + (", " if axes else "") if tr else "") + ", ".join(f"asse {a}" for a in axes)
                 for tr, axes in zip(themes[s.TRANSVERSAL], themes[s.THEME_AXES].map(theme_axes), strict=True)],
    })


def recommendations_frame(book: NeedsBook) -> pd.DataFrame:
    """The recommendations to the Città metropolitana with their points, by section."""
    points = book.points.groupby(s.RECOMMENDATION_ID)[s.TEXT].agg(" · ".join)
    recs = book.recommendations
    return pd.DataFrame({"Ambito": recs[s.SECTION].map(SECTION_LABELS), "Esigenza": recs[s.TEXT],
                         "Indicazioni e proposte": recs[s.RECOMMENDATION_ID].map(points).fillna("")})
