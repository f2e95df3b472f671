"""House conventions, checked: streamlit only in lib/data/ among lib/ and geo/, no star imports, small modules."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MODULES = sorted([*ROOT.glob("lib/**/*.py"), *ROOT.glob("geo/**/*.py")])
MAX_LINES = 300


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_module_conventions(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            imported.add((node.module or "").split(".")[0])
            assert all(alias.name != "*" for alias in node.names), "star import"
    if ROOT / "lib" / "data" not in path.parents:
        assert "streamlit" not in imported, "only the cached loaders in lib/data/ may import streamlit"
    assert len(path.read_text(encoding="utf-8").splitlines()) <= MAX_LINES


def test_pages_stay_thin() -> None:
    for page in ROOT.glob("pages/*.py"):
        tree = ast.parse(page.read_text(encoding="utf-8"))
        assert not any(isinstance(n, ast.ClassDef) for n in ast.walk(tree)), page
        assert "groupby(" not in page.read_text(encoding="utf-8"), page
