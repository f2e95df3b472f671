"""The browser's English check (tests/browser/vocabulary.py) would notice an English string it has never seen."""
from __future__ import annotations

from lib.views import chrome
from lib.views import labels as lb
from tests.browser.vocabulary import known_words, unknown_words


def test_streamlit_words_not_yet_translated_are_caught() -> None:
    # Strings Streamlit writes that were once missing from chrome's table, and made-up future ones.
    for english in ("Skip to main content", "Help for Zona", "App pages", "Link to heading", "Choose a date range",
                    "Drag and drop files here", "Deploy this app", "Made with Streamlit"):
        assert unknown_words([english]), english


def test_every_interface_phrase_but_one_would_be_caught_untranslated() -> None:
    # "Open" also occurs in the registry's own text (a promoter's English project name), so it counts as data;
    # the exact-phrase check of the browser test (chrome's keys) still fails on it.
    missed = [e for e in (*chrome.INTERFACE_WORDS, *chrome.INTERFACE_SHORT_WORDS) if not unknown_words([e])]
    assert missed == ["Open"]


def test_the_italian_of_labels_data_and_translations_passes() -> None:
    shown = [lb.APP_TITLE, *chrome.INTERFACE_WORDS.values(), "Zona 6 – Valli di Susa e Sangone", "Ivrea",
             "Vai al contenuto principale", "Aiuto: Conta ogni progetto", "/report?progetto=P017"]
    assert unknown_words(shown) == []


def test_placeholders_and_identifiers_are_not_words() -> None:
    # "{error_id}" in a label, "zone_search" as a session key: neither reaches a reader as written.
    assert "error_id" not in known_words() and "zone_search" not in known_words()
