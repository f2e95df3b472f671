"""Every PDF the app makes prints Latin, Latin Extended, Greek, Cyrillic and € as typed; what the font cannot
print shows as □ with a line saying so; headers never break mid-word; the table cards have no blank page."""
from __future__ import annotations

import csv
import io
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from pypdf import PdfReader
from shapely.geometry import box

from lib.event import documents, files
from lib.event import model as m
from lib.views import frames, pdf, sheet
from lib.views.sheet import ZoneSheet, zone_sheet_pdf

ROOT = Path(__file__).resolve().parents[2]

EUROPEAN = "ȘoseauaŁódźŒuvreČakovecğ€"
GREEK = "Ελληνικά κείμενα"
CYRILLIC = "Кириллица щука"
EVERY_SCRIPT = f"{EUROPEAN} {GREEK} {CYRILLIC}"
UNPRINTABLE = ["東京都", "🙂", "שלום", "مرحبا"]
SPEC = m.EventSpec(name=f"Giornata {EUROPEAN}", day=date(2026, 12, 5), plan_edition="2021-2023",
                   item_kind=m.ITEMS_STRATEGIES, max_priorities=3, items=(m.Item("1.1", "Capacità 4.0", 1),),
                   tables=files.default_tables())
NOW = datetime(2026, 12, 5, 11, 0, tzinfo=UTC)
UNCOVERED = pd.DataFrame(columns=["Zona", "Voce", "Titolo", "Situazione", "Progetti"])


def _text(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def _state(name: str, text: str) -> m.EventState:
    event = m.Event(1, replace(SPEC, name=name, tables=(m.TableSpec(7, f"Sede {text}"),)), NOW)
    contribution = m.Contribution("k1", 7, "1.1", "proposta", text, (), 1, NOW)
    return m.EventState(event=event, priorities={7: [m.Priority(1, "1.1", text)]}, contributions=[contribution],
                        acts=[m.Act(1, "Anna", m.ACT_HIGHLIGHT, "k1", "", NOW)])


def _sheet(text: str) -> bytes:
    comuni = gpd.GeoDataFrame({"istat": ["001001", "001002"]},
                              geometry=[box(7, 45, 7.1, 45.1), box(7.1, 45, 7.2, 45.1)],
                              crs="EPSG:4326")
    projects = pd.DataFrame({"ID": ["P001"], "Progetto": [text], "Strategie": ["1.1"], "Luogo": ["Ciriè"],
                             "Posizione": [f"dalla fonte: {text}"]})  # the columns of frames.sheet_projects
    checklist = pd.DataFrame({"Strategia": ["1.1"], "Titolo": [text], "Nella zona": [1]})
    return zone_sheet_pdf(ZoneSheet(title=f"Zona 7 {text}", subtitle="Ciriè", figures=[("Progetti", "1")],
                                    projects=projects, checklist=checklist, comuni_gdf=comuni,
                                    counts={"001001": 1}, sources="Fonti: monitoraggio PSM", generated_at=NOW))


def _every_pdf(text: str) -> dict[str, list[str]]:
    state = _state(f"Giornata {text}", text)
    return {"minutes": _text(documents.minutes_pdf(state, UNCOVERED, NOW)),
            "cards": _text(documents.access_cards_pdf(state.event, {7: "K7QM-2XPA"}, "http://psm.test")),
            "sheet": _text(_sheet(text))}


@pytest.mark.parametrize("written", [EUROPEAN, GREEK, CYRILLIC])
def test_every_pdf_prints_european_scripts_as_typed(written: str) -> None:
    for name, pages in _every_pdf(written).items():
        text = " ".join(pages)
        assert written in text, (name, text)
        assert pdf.REPLACEMENT not in text and "non si possono stampare" not in text, name


@pytest.mark.parametrize("written", UNPRINTABLE)
def test_what_the_font_cannot_print_shows_a_mark_and_a_notice(written: str) -> None:
    for name, pages in _every_pdf(f"Ciriè {written} fine").items():
        text = " ".join(pages).replace("\n", " ")
        assert "Ciriè" in text and pdf.REPLACEMENT in text, name
        assert "Alcuni caratteri non si possono stampare" in text, name


def test_printable_keeps_what_it_can_and_marks_the_rest() -> None:
    assert pdf.printable(EVERY_SCRIPT) == (EVERY_SCRIPT, False)
    assert pdf.printable("a東b🙂\ufe0fc") == ("a□b□c", True)  # the emoji's variation selector adds no second mark


def test_minutes_print_yes_no_and_keep_every_header_word_whole() -> None:
    pages = _text(documents.minutes_pdf(_state("Giornata", "Casa di comunità"), UNCOVERED, NOW))
    lines = [line.strip() for page in pages for line in page.split("\n")]
    words = {word for line in lines for word in line.split()}
    for header in ("Contributo", "Tipo", "Voce", "Zone", "Comuni", "Temi", "In plenaria", "Uniti", "Posizione",
                   "Motivo", "Titolo"):
        assert all(word in words for word in header.split()), (header, lines)
    assert "True" not in words and "False" not in words and "sì" in words


def test_the_zone_sheet_keeps_every_header_word_whole() -> None:
    words = {word for line in _text(_sheet("Ciriè"))[0].split("\n") for word in line.split()}
    assert {"ID", "Progetto", "Strategie", "Luogo", "Posizione", "Strat.", "Titolo", "Prog."} <= words


def test_the_cards_of_eleven_tables_fill_six_pages_none_blank() -> None:
    codes = {zone: f"K7QM-2X{zone:02d}" for zone in range(1, 12)}
    for spec in (SPEC, replace(SPEC, name="Giornata di co-pianificazione " * 4,
                               tables=tuple(m.TableSpec(z, "Sede molto lunga del Comune " * 4) for z in range(1, 12)))):
        pages = _text(documents.access_cards_pdf(m.Event(1, spec, NOW), codes, "http://psm.test"))
        assert len(pages) == 6 and all("Tavolo della Zona" in page for page in pages)
        assert all(codes[zone] in " ".join(pages) for zone in codes)


def test_header_widths_fit_each_word_and_keep_the_total() -> None:
    head = pdf.style(7.5, bold=True)
    widths = pdf.column_widths(["Contributo", "In plenaria", "Uniti"], [150.0, 20.0, 20.0], head)
    assert sum(widths) == pytest.approx(190.0) and widths[1] > 20.0 and widths[0] < 150.0


def test_a_machine_without_dejavu_still_prints_and_marks_what_it_cannot(tmp_path: Path) -> None:
    # Fonts register once per process: a process of its own, where DejaVu is nowhere to be found.
    script = ("from pathlib import Path\nfrom lib.views import pdf\npdf.FONT_DIRS = (Path('/nonexistent'),)\n"
              "print(repr(pdf.printable('Ciriè Łódź €')))")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=120,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == repr(("Ciriè Łód□ €", True))  # Vera has Ł, not ź: □, and the notice
    assert "fonts-dejavu-core" in done.stderr


def test_the_zone_sheet_marks_strategies_with_no_project_and_says_its_language() -> None:
    comuni = gpd.GeoDataFrame({"istat": ["001001"]}, geometry=[box(7, 45, 7.1, 45.1)], crs="EPSG:4326")
    projects = pd.DataFrame({"ID": ["P001"], "Progetto": ["Dorsale"], "Strategie": ["1.1"], "Luogo": ["Ciriè"],
                             "Posizione": ["dalla fonte"]})
    checklist = pd.DataFrame({"Strategia": ["1.1", "1.2", "1.3"], "Titolo": ["Uno", "Due", "Tre"],
                              "Nella zona": [2, 0, 1]})
    data = zone_sheet_pdf(ZoneSheet(title="Zona 7", subtitle="Ciriè", figures=[("Progetti", "1")],
                                    projects=projects, checklist=checklist, comuni_gdf=comuni,
                                    counts={"001001": 1}, sources="Fonti", generated_at=NOW))
    text = _text(data)[0]
    assert f"1.2\nDue\n{sheet.GAP_MARK}" in text and "1.1\nUno\n2" in text and "Tre\n1\n" in text
    assert text.count(sheet.GAP_MARK) == 2  # the gap and the note that explains the mark
    assert PdfReader(io.BytesIO(data)).trailer["/Root"]["/Lang"] == "it-IT"


def test_a_place_says_its_basis_once() -> None:
    assert frames.placement_text("dedotta", "Posizione dedotta dal territorio del GAL") == \
        "Posizione dedotta dal territorio del GAL"
    assert frames.placement_text("fonte", "La fonte indica Ciriè") == "dalla fonte: La fonte indica Ciriè"
    assert frames.placement_text("fonte", "") == "dalla fonte"
    # The registry's own notes: none says "posizione dedotta" twice (9 of them open with it).
    with (ROOT / "data" / "projects.csv").open(encoding="utf-8", newline="") as handle:
        shown = [frames.placement_text(r["location_basis"], r["location_note"]) for r in csv.DictReader(handle)]
    assert sum(t.startswith("Posizione dedotta") for t in shown) >= 9
    assert not [t for t in shown if t.casefold().count("posizione dedotta") > 1]
