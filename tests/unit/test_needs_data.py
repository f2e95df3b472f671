"""The needs for the 2024-2026 plan (seed 002, chapters 4 and 5) as data, pinned against the source's words."""
from __future__ import annotations

import pandas as pd
import pytest

from lib import schema as s
from lib.analysis import needs as an
from lib.analysis.joins import build_long_form
from lib.plan.catalogue import read_catalogue
from lib.plan.needs import needs_problems, read_needs, theme_axes
from lib.registry.read import read_registry
from lib.registry.references import read_comuni, read_references


@pytest.fixture(scope="module")
def book():
    return read_needs()


def test_the_files_agree_with_each_other_and_the_catalogue(book) -> None:
    assert needs_problems(book, read_catalogue()) == []
    assert (book.edition, book.linked_edition) == ("2024-2026", "2021-2023")


def test_thirty_needs_on_six_axes_with_89_lettered_proposals(book) -> None:
    assert book.needs.groupby(s.AXIS).size().to_dict() == {1: 7, 2: 5, 3: 7, 4: 3, 5: 5, 6: 3}
    lettered = book.proposals[book.proposals[s.PARENT_ID] == ""]
    assert len(lettered) == 89
    # Asse 3, esigenza 2, proposta c) has four dash sub-points, the first "Potenziare la Metropolitana
    # Automatica di Torino (Linea 1 e 2)".
    subpoints = book.proposals[book.proposals[s.PARENT_ID] == "N3.2.c"]
    assert list(subpoints[s.TEXT])[0] == "Potenziare la Metropolitana Automatica di Torino (Linea 1 e 2)"
    assert len(subpoints) == 4


@pytest.mark.parametrize(("need", "text"), [
    ("N1.2", "Garantire una diffusa digitalizzazione del territorio e delle sue attività, ponendo le leve della "
             "digitalizzazione a servizio dei diversi settori (economici e non)"),
    ("N2.5", "Promuovere la cultura e l'educazione ambientale con attività di comunicazione e sensibilizzazione "
             "rivolte alla cittadinanza"),
    ("N6.3", "Investire sulla formazione, sulla ricerca e sull'industria legata a temi sanitari"),
])
def test_needs_are_the_sources_words(book, need: str, text: str) -> None:
    assert book.needs.set_index(s.NEED_ID).at[need, s.TEXT] == text


def test_every_need_continues_strategies_with_a_reason_or_is_new(book) -> None:
    links = book.links
    assert links[s.REASON].str.len().between(10, 160).all()
    linked = set(links[s.NEED_ID])
    assert all(is_new != (need in linked)
               for need, is_new in zip(book.needs[s.NEED_ID], book.needs[s.IS_NEW], strict=True))
    # "Accelerare sulla creazione di CER" (N2.1.e) belongs to a need that continues 2.3, the renewables strategy.
    assert "2.3" in set(book.links_of("N2.1")[s.STRATEGY])


def test_ten_new_themes_with_the_axes_they_link_to(book) -> None:
    themes = book.themes.set_index(s.NUMBER)
    assert len(themes) == 10
    # "Sport … ASSE 5 / ASSE 6"; "Cultura … ASSE 4 / ASSE 1 / ASSE 5"; "Metro-Montanità … Trasversale".
    assert (themes.at[4, s.TITLE], theme_axes(themes.at[4, s.THEME_AXES])) == ("Sport", [5, 6])
    assert theme_axes(themes.at[6, s.THEME_AXES]) == [4, 1, 5]
    assert themes.at[1, s.TITLE] == "Metro-Montanità" and bool(themes.at[1, s.TRANSVERSAL])


def test_eleven_recommendations_in_three_sections(book) -> None:
    assert book.recommendations.groupby(s.SECTION).size().to_dict() == {"costruzione": 4, "governance": 5,
                                                                        "processo": 2}
    assert (book.points[s.RECOMMENDATION_ID] == "R2").sum() == 2


def test_needs_against_coverage(book) -> None:
    plan = read_catalogue().plan("2021-2023")
    registry = read_registry(s.PROJECTS_CSV, read_references()).valid
    table = an.needs_coverage(book, build_long_form(registry, plan.strategies, read_comuni())).set_index(s.NEED_ID)
    assert set(table[an.STATUS]) <= set(an.STATUSES)
    assert table.loc[table[s.IS_NEW], an.STATUS].eq(an.STATUS_NEW).all()
    # Strategy 5.4 (young people) has no project: a need continuing only 5.4 would have none either.
    only_54 = [n for n in table.index if table.at[n, an.LINKED] == ["5.4"]]
    assert all(table.at[n, an.STATUS] == an.STATUS_NO_PROJECT for n in only_54)
    projects = an.projects_for_need(registry, "2021-2023", table.at["N1.2", an.LINKED])
    assert not projects.empty and len(projects) == table.at["N1.2", an.N_PROJECTS]
    assert isinstance(table.at["N1.2", an.ZONES_WITHOUT], list)


def test_a_need_marked_new_with_links_is_a_problem(book) -> None:
    broken = type(book)(needs=book.needs.assign(**{s.IS_NEW: True}), proposals=book.proposals, links=book.links,
                        themes=book.themes, recommendations=book.recommendations, points=book.points)
    problems = needs_problems(broken, read_catalogue())
    assert "needs.csv: N1.1 è nuova ma ha collegamenti" in problems
    links = pd.concat([book.links, book.links.head(1).assign(**{s.STRATEGY: "9.9"})])
    unknown = type(book)(needs=book.needs, proposals=book.proposals, links=links, themes=book.themes,
                         recommendations=book.recommendations, points=book.points)
    assert any("strategia sconosciuta 9.9" in p for p in needs_problems(unknown, read_catalogue()))
