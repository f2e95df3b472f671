"""House conventions, checked: streamlit only in lib/loaders/ among lib/ and geo/, no star imports, small modules."""
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
    if ROOT / "lib" / "loaders" not in path.parents:
        assert "streamlit" not in imported, "only the cached loaders in lib/loaders/ may import streamlit"
    assert len(path.read_text(encoding="utf-8").splitlines()) <= MAX_LINES


@pytest.mark.parametrize("path", sorted([*ROOT.glob("pages/*.py"), *ROOT.glob("bench/*.py"), *ROOT.glob("deploy/*.py"),
                                         ROOT / "dashboard.py"]), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_module_outside_lib_stays_under_the_size_limit_too(path: Path) -> None:
    assert len(path.read_text(encoding="utf-8").splitlines()) <= MAX_LINES


def test_pages_stay_thin() -> None:
    for page in ROOT.glob("pages/*.py"):
        tree = ast.parse(page.read_text(encoding="utf-8"))
        assert not any(isinstance(n, ast.ClassDef) for n in ast.walk(tree)), page
        assert "groupby(" not in page.read_text(encoding="utf-8"), page


# The domains of lib/ and what each may import: the plan at the bottom, the cached loaders (lib/loaders/) on top,
# which only pages and dashboard.py import. One exception, named: the database's migrations
# (lib/submissions/db.py) create the co-planning tables declared in lib/event/sql.py.
ALLOWED = {
    "plan": {"schema", "csv_reader"},
    "registry": {"schema", "csv_reader", "safe_text", "export", "plan"},
    "analysis": {"schema", "plan"},
    "views": {"schema", "plan", "analysis"},
    "submissions": {"schema", "config", "atomic", "csv_reader", "safe_text", "export", "registry", "analysis", "views",
                    "event.sql"},
    "event": {"schema", "config", "safe_text", "plan", "views", "submissions"},
    "opendata": {"schema", "registry", "analysis", "submissions"},
}
DOMAIN_MODULES = sorted(p for p in ROOT.glob("lib/*/*.py") if p.parent.name in ALLOWED)


def test_every_domain_has_its_import_rule() -> None:
    """A new package of lib/ is checked too: it needs a line in ALLOWED (the loaders, on top, import anything)."""
    packages = {p.parent.name for p in ROOT.glob("lib/*/__init__.py")}
    assert packages - set(ALLOWED) == {"loaders"}, sorted(packages - set(ALLOWED))


def _lib_imports(path: Path) -> set[str]:
    """What a module imports from lib/, as 'domain' or 'domain.module' (the latter for a named exception)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [f"{node.module}.{a.name}" for a in node.names] if node.module == "lib" else [node.module]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        found |= {".".join(n.split(".")[1:3]) for n in names if n.startswith("lib.")}
    return found


@pytest.mark.parametrize("path", DOMAIN_MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_domains_import_in_one_direction(path: Path) -> None:
    own = path.parent.name
    for name in _lib_imports(path):
        domain = name.split(".")[0]
        if domain != own:
            assert domain in ALLOWED[own] or name in ALLOWED[own], f"lib/{own} may not import lib.{name}"


def test_only_pages_import_the_cached_loaders() -> None:
    outside = [p for p in MODULES if ROOT / "lib" / "loaders" not in p.parents and "loaders" in
               {n.split(".")[0] for n in _lib_imports(p)}]
    assert outside == []


@pytest.mark.parametrize("path", sorted(ROOT.glob("pages/*.py")), ids=lambda p: p.name)
def test_every_page_first_makes_sure_it_runs_through_the_entrypoint(path: Path) -> None:
    # A deep link on a fresh server would otherwise run the page alone, without dashboard.py (lib/loaders/__init__.py).
    body = [n for n in ast.parse(path.read_text(encoding="utf-8")).body
            if not isinstance(n, (ast.Import, ast.ImportFrom)) and not (isinstance(n, ast.Expr) and isinstance(
                n.value, ast.Constant))]
    assert ast.unparse(body[0]) == "loaders.through_entrypoint()"


def test_process_wide_values_go_through_shared_and_only_it_clears_streamlits_caches() -> None:
    # A front (lib/loaders/shared_values.py) must never outlive the cache behind it: st.cache_resource is applied
    # by `shared` alone, and clearing Streamlit's caches is `clear_caches`, which empties the fronts too.
    allowed = ROOT / "lib" / "loaders" / "shared_values.py"
    found = []
    for path in [*MODULES, *ROOT.glob("pages/*.py"), ROOT / "dashboard.py", *ROOT.glob("tests/**/*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            text = ast.unparse(node) if isinstance(node, ast.Attribute) else ""
            if path != allowed and (text in ("st.cache_resource", "st.cache_data.clear", "st.cache_resource.clear")):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} {text}")
    assert found == []
