"""The settings are declared once (lib/config.py); the README's Configuration table and the code follow."""
from __future__ import annotations

import re
from pathlib import Path

from lib import config

ROOT = Path(__file__).resolve().parents[2]


def test_the_readme_configuration_table_is_the_declaration() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Configuration"):]
    rows = re.findall(r"^\| `(PSM_\w+)` \| (.+?) \| (.+?) \|$", section, flags=re.MULTILINE)
    shown = [(name, default[1:-1] if re.fullmatch(r"`[^`]*`", default) else default, meaning)
             for name, default, meaning in rows]
    assert shown == [(s.name, s.default, s.meaning) for s in config.SETTINGS]


def test_no_module_names_a_setting_outside_the_declaration() -> None:
    declared = {s.name for s in config.SETTINGS}
    for path in [*ROOT.glob("lib/**/*.py"), *ROOT.glob("geo/**/*.py"), *ROOT.glob("pages/*.py"), ROOT / "dashboard.py"]:
        if path.name == "config.py":
            continue
        named = set(re.findall(r"[\"'](PSM_[A-Z_]+)[\"']", path.read_text(encoding="utf-8")))
        assert not named, f"{path.relative_to(ROOT)} spells {named} itself: use lib.config"
    assert declared == {s.name for s in config.SETTINGS}


def test_the_public_address_must_be_an_http_address() -> None:
    assert config.public_url({"PSM_PUBLIC_URL": "https://psm.example.it/"}) == "https://psm.example.it"
    assert config.public_url({"PSM_PUBLIC_URL": "psm.example.it"}) is None
    assert config.public_url({}) is None
