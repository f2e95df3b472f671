"""The README names only what exists: every path it quotes, every test it cites, every package in its Layout."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
# Files the README mentions that a run writes, not the checkout.
WRITTEN_BY_A_RUN = {"bench/results.json"}


def _quoted_paths() -> set[str]:
    return set(re.findall(r"`((?:lib|pages|geo|tests|bench|deploy|data|docs|\.ci)/[\w./-]*)`", README))


def _layout_block() -> str:
    return README.split("## Layout", 1)[1].split("```", 2)[1]


def test_every_path_the_readme_quotes_exists() -> None:
    missing = sorted(path for path in _quoted_paths() - WRITTEN_BY_A_RUN if not (ROOT / path).exists())
    assert not missing, f"the README names paths that do not exist: {missing}"


def test_every_test_the_readme_cites_exists() -> None:
    defined = {name for path in (ROOT / "tests").rglob("test_*.py")
               for name in re.findall(r"^def (test_\w+)", path.read_text(encoding="utf-8"), re.M)}
    cited = set(re.findall(r"`(test_\w+)`", README))
    assert cited, "the README cites no test: the pattern above is out of date"
    assert not cited - defined, f"the README cites tests that do not exist: {sorted(cited - defined)}"


def test_the_layout_names_every_package_and_nothing_else() -> None:
    named = set(re.findall(r"^(\S+/)\s", _layout_block(), re.M))
    packages = {f"lib/{p.parent.name}/" for p in (ROOT / "lib").glob("*/__init__.py")}
    assert packages <= named, f"lib packages missing from the README's Layout: {sorted(packages - named)}"
    assert all((ROOT / path).is_dir() for path in named), sorted(p for p in named if not (ROOT / p).is_dir())
