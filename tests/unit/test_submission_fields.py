"""Report validation with its Italian messages, length limits, text cleaning and escaping, the form state."""
from __future__ import annotations

import re
from dataclasses import replace

import pandas as pd
import pytest

from lib import schema as s
from lib.safe_text import clean_cells, clean_text, escape_markdown
from lib.submissions import fields as f
from lib.submissions import form, limits
from lib.submissions import keys as sk
from lib.submissions import labels as lb
from tests.unit.submission_helpers import PROJECT_IDS, REFS, make_content, make_draft

SENDER = f.Sender("Maria Bianchi", "maria.bianchi@comune.it", "Referente della zona 7")


def problems_of(draft: f.Draft) -> list[tuple[str, str]]:
    return [(p.field, p.code) for p in f.validate_draft(f.clean_draft(draft), REFS, PROJECT_IDS)]


def test_a_complete_report_has_no_problem() -> None:
    assert problems_of(make_draft()) == []
    assert problems_of(make_draft("P012")) == []
    assert problems_of(make_draft(zones=(), comuni=(), strategies=(), promoter="")) == []


@pytest.mark.parametrize(("draft", "field", "code", "message"), [
    (make_draft(title="  "), f.TITLE, f.PROBLEM_REQUIRED, "«Titolo del progetto» è obbligatorio."),
    (make_draft(description=""), f.DESCRIPTION, f.PROBLEM_REQUIRED, "«Descrizione» è obbligatorio."),
    (f.Draft(make_content(), f.Sender("", SENDER.email, SENDER.role)), f.SENDER_NAME, f.PROBLEM_REQUIRED,
     "«Il tuo nome e cognome» è obbligatorio."),
    (f.Draft(make_content(), f.Sender(SENDER.name, "maria@", SENDER.role)), f.SENDER_EMAIL, f.PROBLEM_EMAIL,
     "«La tua email» non sembra un indirizzo valido (esempio: nome.cognome@comune.it)."),
    (f.Draft(make_content(), f.Sender(SENDER.name, SENDER.email, "")), f.SENDER_ROLE, f.PROBLEM_REQUIRED,
     "«Il tuo ruolo (es. referente della zona 7)» è obbligatorio."),
    (make_draft(title="x" * 201), f.TITLE, f.PROBLEM_TOO_LONG,
     "«Titolo del progetto» è troppo lungo: al massimo 200 caratteri (ora 201)."),
    (make_draft(comuni=("Torino", "Atlantide")), f.COMUNI, f.PROBLEM_UNKNOWN,
     "«Comuni»: valore non riconosciuto «Atlantide»; scegli dall'elenco."),
    (make_draft(strategies=("9.9",)), f.STRATEGIES, f.PROBLEM_UNKNOWN,
     "«Strategie del PSM»: valore non riconosciuto «9\\.9»; scegli dall'elenco."),
    (make_draft(zones=(12,)), f.ZONES, f.PROBLEM_UNKNOWN,
     "«Zone omogenee»: valore non riconosciuto «12»; scegli dall'elenco."),
    (make_draft(strategies=tuple(f"{a}.{b}" for a in range(1, 4) for b in range(1, 5))), f.STRATEGIES,
     f.PROBLEM_TOO_MANY, "«Strategie del PSM»: al massimo 10 voci (ora 12)."),
    (make_draft("P999"), f.PROJECT_ID, f.PROBLEM_UNKNOWN,
     "«Progetto da correggere»: valore non riconosciuto «P999»; scegli dall'elenco."),
])
def test_each_problem_has_a_clear_italian_message(draft: f.Draft, field: str, code: str,
                                                  message: str) -> None:
    problems = f.validate_draft(f.clean_draft(draft), REFS, PROJECT_IDS)
    assert [(p.field, p.code) for p in problems][:1] == [(field, code)]
    assert lb.problem_message(problems[0]) == message


@pytest.mark.parametrize("name", [f.TITLE, f.DESCRIPTION, f.PROMOTER, f.SENDER_NAME, f.SENDER_ROLE])
def test_every_text_field_has_a_length_limit(name: str) -> None:
    limit = f.TEXT_LIMITS[name]

    def draft(size: int) -> f.Draft:
        value = "a" * size
        if name in (f.SENDER_NAME, f.SENDER_ROLE):
            return f.Draft(make_content(), replace(SENDER, **{name.removeprefix("sender_"): value}))
        return f.Draft(make_content(**{name: value}), SENDER)

    assert problems_of(draft(limit)) == []
    assert problems_of(draft(limit + 1)) == [(name, f.PROBLEM_TOO_LONG)]


def test_email_and_list_limits() -> None:
    long_email = "a" * 250 + "@x.it"
    assert problems_of(f.Draft(make_content(), f.Sender("A", long_email, "r"))) == \
        [(f.SENDER_EMAIL, f.PROBLEM_TOO_LONG)]
    assert problems_of(make_draft(comuni=("Torino",) * 61)) == []  # duplicates collapse to one
    many = tuple(f"Comune {i}" for i in range(61))
    assert (f.COMUNI, f.PROBLEM_TOO_MANY) in problems_of(make_draft(comuni=many))
    assert (f.COMUNI, f.PROBLEM_TOO_LONG) in problems_of(make_draft(comuni=("x" * 81,)))
    assert (f.COMUNI, f.PROBLEM_UNKNOWN) in problems_of(make_draft(comuni=("Torino;Ivrea",)))


@pytest.mark.parametrize(("raw", "multiline", "expected"), [
    ("  Ciclovia   della\tStura  ", False, "Ciclovia della Stura"),
    ("riga 1\r\nriga 2", False, "riga 1 riga 2"),
    ("riga 1\r\n\n\n\nriga 2  ", True, "riga 1\n\nriga 2"),
    ("nul\x00 e bell\x07", False, "nul e bell"),
    ("abc\u202edcba", False, "abcdcba"),
    ("Citta\u0300", False, "Città"),
    (None, False, ""),
    ("Pista\u200b ciclabile\u200d\u2060\ufeff", False, "Pista ciclabile"),  # zero-width characters
    ("riga 1\u2028riga 2\u2029riga 3", False, "riga 1 riga 2 riga 3"),     # line/paragraph separators
    ("riga 1\u2028riga 2", True, "riga 1\nriga 2"),
    ("ca\u00adsa", False, "casa"),                                          # soft hyphen
])
def test_text_is_cleaned_on_the_way_in(raw: str | None, multiline: bool, expected: str) -> None:
    assert clean_text(raw, multiline=multiline) == expected


@pytest.mark.parametrize("cells", [
    ["Torino", "Ivrea", ""],                        # clean: only stripped
    ["  Torino ", "Città", "Ciriè"],
    ["Pista\u200bciclabile", "a\u2028b", "Citta\u0300"],
])
def test_file_cells_are_cleaned_like_typed_text(cells: list[str]) -> None:
    assert clean_cells(cells) == [clean_text(c, multiline=True) for c in cells]


@pytest.mark.parametrize("payload", [
    "[clicca](javascript:alert(1))", "![x](https://tracker.example/p.png)", "<img src=x onerror=alert(1)>",
    ":red[rosso] :material/home:", "$\\frac{1}{2}$", "**grassetto** _corsivo_ `code`", "# Titolo",
    "| a | b |", "~~barrato~~", "1. elenco", "- elenco", "> citazione", "a\\*b",
])
def test_user_text_is_escaped_for_markdown(payload: str) -> None:
    escaped = escape_markdown(payload)
    # Every Markdown-significant character is preceded by a backslash, so nothing is markup any more.
    unescaped = re.sub(r"\\.", "", escaped)
    assert not re.search(r"[\\`*_{}\[\]()<>#+\-.!|~$:&=]", unescaped)
    assert re.sub(r"\\(.)", r"\1", escaped) == payload


def test_receipts_are_unique_and_readable() -> None:
    receipts = {f.new_receipt() for _ in range(2000)}
    assert len(receipts) == 2000
    assert all(re.fullmatch(r"SEG-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}", r) for r in receipts)
    assert all(f.RECEIPT_PATTERN.match(r) for r in receipts)


LIMIT = limits.Limit(per_client=5, overall=8, window_s=600)


@pytest.mark.parametrize(("mine", "everyone", "now", "allowed", "retry_after"), [
    ([], [], 1000.0, True, 0.0),
    ([100.0, 200.0, 300.0, 400.0], [], 500.0, True, 0.0),
    ([100.0, 200.0, 300.0, 400.0, 500.0], [], 600.0, False, 100.0),
    ([0.0, 200.0, 300.0, 400.0, 500.0], [], 600.0, True, 0.0),
    ([100.0, 200.0, 300.0, 400.0, 500.0, 550.0], [], 650.0, False, 150.0),
    ([9999.0], [], 600.0, True, 0.0),
    # The overall ceiling holds even for an address that has sent nothing.
    ([], [100.0, 150.0, 200.0, 250.0, 300.0, 350.0, 400.0, 450.0], 500.0, False, 200.0),
])
def test_a_limit_counts_the_client_and_everyone(mine: list[float], everyone: list[float], now: float,
                                                allowed: bool, retry_after: float) -> None:
    decision = limits.decide(LIMIT, mine, mine + everyone, now)
    assert (decision.allowed, decision.retry_after_s) == (allowed, retry_after)
    assert lb.minutes_label(decision.retry_after_s) >= 1


@pytest.mark.parametrize(("ip", "headers", "expected"), [
    ("151.12.3.4", {"X-Real-Ip": "10.0.0.1"}, "151.12.3.4"),   # a direct connection: its own address
    (None, {"X-Real-Ip": "151.12.3.4"}, "151.12.3.4"),         # through nginx on the same machine
    (None, {"x-real-ip": " 2001:db8::1 "}, "2001:db8::1"),
    (None, {"X-Real-Ip": "'; DROP TABLE"}, limits.LOCAL_CLIENT),
    (None, {}, limits.LOCAL_CLIENT),
])
def test_the_client_key_is_an_address_or_local(ip: str | None, headers: dict, expected: str) -> None:
    assert limits.client_key(ip, headers) == expected


PROJECTS = pd.DataFrame([{s.PROJECT_ID: "P012", s.TITLE: "Dorsale in fibra", s.DESCRIPTION: "Una dorsale.",
                          s.CATEGORY: "fibra_ottica", s.AXIS: 1, s.STRATEGIES: "1.1",
                          s.COMUNI: "Torino;Ivrea", s.ZONES: "1;9", s.PRECISION: "comune",
                          s.PROMOTER: "Open Fiber", s.SOURCE: "seed", s.NOTES: ""}])


@pytest.mark.parametrize(("params", "expected"), [
    ({"progetto": "P012"}, "P012"), ({"progetto": "p012 "}, "P012"), ({"progetto": ["P012"]}, "P012"),
    ({"progetto": "P999"}, None), ({"progetto": "<script>"}, None), ({}, None),
])
def test_progetto_in_the_url_must_name_a_registry_project(params: dict, expected: str | None) -> None:
    assert form.parse_project(params, {"P012"}) == expected
    row = form.find_project(params, PROJECTS)
    assert (row[s.PROJECT_ID] if row is not None else None) == expected


def test_the_form_is_prefilled_from_the_project_and_keeps_what_the_user_types() -> None:
    state: dict = {}
    form.prepare_report_state(state, PROJECTS.iloc[0], None)
    k = form.REPORT_KEYS
    assert (state[k[f.TITLE]], state[k[f.ZONES]], state[k[f.COMUNI]], state[k[f.STRATEGIES]],
            state[k[f.PROMOTER]], state[k[f.CATEGORY]], state[sk.TARGET_KEY]) == \
        ("Dorsale in fibra", [1, 9], ["Torino", "Ivrea"], ["1.1"], "Open Fiber", "fibra_ottica", "P012")
    receipt = state[sk.RECEIPT_KEY]
    state[k[f.TITLE]] = "Titolo corretto"
    form.prepare_report_state(state, PROJECTS.iloc[0], None)
    assert state[k[f.TITLE]] == "Titolo corretto" and state[sk.RECEIPT_KEY] == receipt
    del state[k[f.TITLE]]  # Streamlit drops widget values when the user visits another page
    form.prepare_report_state(state, PROJECTS.iloc[0], None)
    assert state[k[f.TITLE]] == "Dorsale in fibra"


def test_a_zone_link_preselects_the_zone_and_a_sent_form_is_emptied_but_the_sender_kept() -> None:
    state: dict = {}
    form.prepare_report_state(state, None, 7)
    k = form.REPORT_KEYS
    assert state[k[f.ZONES]] == [7] and state[k[f.TITLE]] == "" and state[sk.TARGET_KEY] is None
    state.update({k[f.TITLE]: "Nuovo", k[f.SENDER_NAME]: "Maria", sk.RESET_KEY: True})
    receipt = state[sk.RECEIPT_KEY]
    form.prepare_report_state(state, None, 7)
    assert state[k[f.TITLE]] == "" and state[k[f.SENDER_NAME]] == "Maria"
    assert state[sk.RECEIPT_KEY] != receipt


def test_the_draft_is_read_from_the_form_and_cleaned() -> None:
    k = form.REPORT_KEYS
    state = {k[f.TITLE]: "  Ciclovia\tStura ", k[f.DESCRIPTION]: "Riga\r\ndue", k[f.ZONES]: [7, 7],
             k[f.COMUNI]: ["Lanzo Torinese"], k[f.STRATEGIES]: [], k[f.PROMOTER]: None,
             k[f.SENDER_NAME]: " Maria ", k[f.SENDER_EMAIL]: "m@c.it", k[f.SENDER_ROLE]: "Referente",
             sk.TARGET_KEY: "P012"}
    draft = form.draft_from_state(state)
    assert draft == f.Draft(f.Content("Ciclovia Stura", "Riga\ndue", (7,), ("Lanzo Torinese",), (), "", ""),
                            f.Sender("Maria", "m@c.it", "Referente"), "P012")
