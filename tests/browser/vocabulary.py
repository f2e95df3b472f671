"""Is every word a visitor reads Italian? A rule without a dictionary: each visible word must occur in the app's
Italian labels, in the data it shows, or in a short allow-list with a reason. A new English string from
Streamlit (or from us, outside the labels) is a word none of those holds, so the browser test names it.
"""
from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from lib.views import chrome
from tests.source_text import code_strings

ROOT = Path(__file__).resolve().parents[2]
# Where the interface's Italian is written: the label modules (one per room), the views that compose sentences
# from them, the pages and the entry point (page titles), the plan's judgement wording, chrome's translations.
LABEL_MODULES = sorted({*ROOT.glob("lib/*/labels.py"), *ROOT.glob("lib/views/*.py"), *ROOT.glob("pages/*.py"),
                        ROOT / "dashboard.py", ROOT / "lib" / "plan" / "catalogue.py"}
                       # chrome's keys are Streamlit's English; the PDF sheet is not a page (and its errors are for
                       # whoever installs the fonts)
                       - {ROOT / "lib" / "views" / "chrome.py", ROOT / "lib" / "views" / "pdf.py"})
# Where the words of the data come from: every text file the app shows (data/sources.md is the sources page; not
# data/NOTES.md, the maintainers' English notes).
DATA_FILES = sorted([*ROOT.glob("data/*.csv"), *ROOT.glob("data/*.geojson"), *ROOT.glob("data/plan/*.csv"),
                     ROOT / "data" / "sources.md"])
# Words that are neither, each with its reason.
ALLOWED = {
    "psm", "cmt", "sua", "istat", "pnrr", "qr", "pdf", "csv", "json", "geojson", "xlsx", "atom", "dcat", "ap",
    "it", "zip", "url", "id", "mb", "km", "kb", "wgs",  # acronyms, formats and units, the same in Italian
    "openstreetmap", "leaflet", "frictionless", "streamlit",  # names of the tools credited on the pages
    "cc", "by", "odbl",  # licence names (CC BY 4.0, ODbL), which are not translated
    "release",  # the registry's versions are called "release" in Italian open-data practice (dati.gov.it)
    "feed",  # an Atom feed: the word Italian uses
}
_WORD = re.compile(r"[^\W\d_]+")
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")  # str.format fields such as {date}: names in code, not words shown


def _is_prose(text: str) -> bool:
    """A string a person reads, not code: markup, CSS and script start with "<"; an identifier, key or path is
    one lowercase token ("zone_search", "pages/zone.py"). A single capitalised word ("Edizione") is prose."""
    stripped = text.strip()
    return bool(stripped) and not stripped.startswith("<") and (" " in stripped or stripped[:1].isupper())


def words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(_PLACEHOLDER.sub(" ", text))}


@cache
def known_words() -> frozenset[str]:
    known = set(ALLOWED)
    for module in LABEL_MODULES:
        for text in filter(_is_prose, code_strings(module)):
            known |= words(text)
    for table in (chrome.INTERFACE_WORDS, chrome.INTERFACE_SHORT_WORDS):
        for italian in table.values():
            known |= words(italian)
    for _pattern, italian in chrome.INTERFACE_PATTERNS:
        known |= words(italian)
    for name in chrome.SCROLL_REGIONS.values():
        known |= words(name)
    for path in DATA_FILES:
        known |= words(path.read_text(encoding="utf-8"))
    return frozenset(known)


def _is_address(text: str) -> bool:
    """A link's target as a grid's screen-reader copy spells it (/report?progetto=P017): an address, not words."""
    return " " not in text and text.startswith(("/", "http://", "https://"))


def unknown_words(texts: list[str], typed: str = "") -> list[str]:
    """The texts holding a word found in no label, no data file, not in ALLOWED and not `typed` by the visitor
    (shown back as data), each with its words."""
    known = known_words() | words(typed)
    return [f"{text!r}: {sorted(words(text) - known)}" for text in texts
            if not _is_address(text) and words(text) - known]
