"""Every page survives untrusted input: broken registry files, hostile registry text and odd URL values.

Each page must answer with a clear Italian message, never a traceback, and show text exactly as written.
"""
from __future__ import annotations

import csv
import html
import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from lib import schema as s
from lib.safe_text import escape_markdown
from tests import payloads
from tests.ui.conftest import open_page
from tests.ui.test_pages import dashboard_pages

# Every page dashboard.py registers: a new page is tested here without anybody adding it.
PAGES = dashboard_pages()
HEADER = ",".join(s.PROJECT_COLUMNS)


def _real_rows() -> list[dict[str, str]]:
    with s.PROJECTS_CSV.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _write(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(s.PROJECT_COLUMNS), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


def _broken(kind: str, path: Path) -> Path:
    """A registry file broken the way a clumsy edit or a wrong export breaks it."""
    rows = _real_rows()
    if kind == "semicolons":
        path.write_text(HEADER.replace(",", ";") + "\nP001;x\n", encoding="utf-8")
    elif kind == "missing_column":
        path.write_text(HEADER.replace(",precision", "") + "\n", encoding="utf-8")
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "binary":
        path.write_bytes(bytes(range(256)) * 4)
    elif kind == "utf16":
        path.write_bytes(HEADER.encode("utf-16"))
    elif kind == "huge_cell":
        rows[0][s.DESCRIPTION] = "x" * 200_000
        _write(path, rows)
    elif kind == "no_valid_row":
        _write(path, [{**row, s.ZONES: "99"} for row in rows[:5]])
    return path


BROKEN = ["semicolons", "missing_column", "empty", "binary", "utf16", "huge_cell", "no_valid_row"]
UNREADABLE = {"semicolons", "missing_column", "empty", "binary", "utf16"}


@pytest.mark.parametrize("kind", BROKEN)
@pytest.mark.parametrize("page", PAGES)
def test_a_broken_registry_file_gives_a_message_not_a_traceback(kind: str, page: str, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    path = _broken(kind, tmp_path / f"{kind}.csv")
    monkeypatch.setenv("PSM_PROJECTS_CSV", str(path))
    at = open_page(page)
    assert not at.exception, [e.value for e in at.exception]
    # AppTest keeps only the page's own elements after switch_page, so the banner the entrypoint draws
    # above every page is checked on the home page here and on every page in the browser test.
    messages = [e.value.replace("\\", "") for e in at.error]  # as read on screen, without Markdown escapes
    if page == "pages/home_map.py" and kind in UNREADABLE:
        assert len(messages) == 1 and "non si può leggere" in messages[0] and path.name in messages[0]
    else:
        assert messages == []


def test_the_sources_page_gives_the_full_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PSM_PROJECTS_CSV", str(_broken("huge_cell", tmp_path / "huge.csv")))
    at = open_page("pages/sources.py")
    report = next(d.value for d in at.dataframe if "Problema" in d.value.columns)
    assert list(report["Riga"]) == [2]
    assert "cella troppo lunga: 200.000 caratteri" in report["Problema"][0]
    assert "105 progetti" not in " ".join(w.value for w in at.warning)  # only the bad row is left out


@pytest.fixture
def hostile_registry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The real registry with hostile titles and promoters on projects sited in Torino (zone 1)."""
    rows = _real_rows()
    chosen = [r for r in rows if r[s.COMUNI] == "Torino"][:len(payloads.ALL)]
    assert len(chosen) == len(payloads.ALL)
    for row, text in zip(chosen, payloads.ALL, strict=True):
        row[s.TITLE] = text
        row[s.PROMOTER] = text
    monkeypatch.setenv("PSM_PROJECTS_CSV", str(_write(tmp_path / "hostile.csv", rows)))
    return [r[s.PROJECT_ID] for r in chosen]


@pytest.mark.parametrize("page", PAGES)
def test_hostile_registry_text_never_breaks_a_page(page: str, hostile_registry: list[str]) -> None:
    at = open_page(page, zona="1")
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def test_hostile_titles_show_literally_in_the_zone_tables(hostile_registry: list[str]) -> None:
    at = open_page("pages/zone.py", zona="1")
    shown = next(d.value for d in at.dataframe if "Progetto" in d.value.columns)
    titles = set(shown["Progetto"])
    assert set(payloads.ALL) <= titles
    promoters = set(shown["Promotore"])
    assert set(payloads.ALL) <= promoters


def test_hostile_titles_show_literally_on_the_project_pages(hostile_registry: list[str]) -> None:
    for project_id, text in zip(hostile_registry, payloads.ALL, strict=True):
        at = open_page("pages/project.py", progetto=project_id)
        assert not at.exception and not at.error
        assert at.title[0].value == escape_markdown(text)  # Markdown-escaped: shown as written
        card = next(h.proto.body for h in at.get("html") if "psm-project" in h.proto.body)
        assert f"<dd>{html.escape(text)}</dd>" in card and "<script" not in card and "<img" not in card
        map_html = next(e.proto.srcdoc for e in at.main if getattr(e, "type", "") == "iframe")
        for evaluated in payloads.EVALUATED:
            assert evaluated not in map_html
        # As Jinja's tojson writes it into the frame: inert JSON that the popup sets as textContent.
        as_json = json.dumps(text)
        for char, code in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"), ("'", "\\u0027")):
            as_json = as_json.replace(char, code)
        assert as_json in map_html


def test_hostile_titles_reach_the_map_as_literal_text(hostile_registry: list[str]) -> None:
    at = open_page("pages/home_map.py", zona="1")
    from lib.loaders import map_files

    args = [json.loads(c.proto.json_args) for c in at.get("component_instance")]
    src = next(a["src"] for a in args if str(a.get("src", "")).startswith(map_files.maps_path()))
    html = (map_files.maps_folder() / src.removeprefix(map_files.maps_path())).read_text(encoding="utf-8")
    assert "psm-area" in html
    for evaluated in payloads.EVALUATED:
        assert evaluated not in html
    for text in (payloads.JINJA_EXPRESSION, payloads.JINJA_COMMENT, payloads.JINJA_SSTI):
        assert json.dumps(text).replace("'", "\\u0027") in html


ODD_VALUES = ["²", "①", "٣", "7" * 5000, "-1", "0x7", " 7 ", "7.0", "", "<script>", "{{7*7}}"]


@pytest.mark.parametrize("value", ODD_VALUES, ids=lambda v: repr(v[:12]))
@pytest.mark.parametrize("page", PAGES)
def test_odd_url_values_fall_back_to_defaults(page: str, value: str) -> None:
    at = open_page(page, zona=value, asse=value, passo=value, strategia=value, vista=value, misura=value,
                   tavolo=value, cerca=value, progetto=value)
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    # Not only no crash: every choice the page offers is the one the bare URL gives (a free search text is
    # not a choice, and the query text itself may legitimately be any text). " 7 " is zone 7 trimmed, not odd.
    if value.strip() != "7":
        assert _choices(at) == _choices(open_page(page))


def _choices(at: AppTest) -> dict[str, object]:
    """The value of each choice widget of a page, by its label (and kind)."""
    kinds = ("selectbox", "radio", "multiselect", "slider", "select_slider", "number_input", "checkbox", "toggle")
    return {f"{kind}:{w.label}": w.value for kind in kinds for w in getattr(at, kind)}
