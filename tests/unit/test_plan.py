"""The plan as data: catalogue checks, the importer command, and the declarations that pages derive from."""
from __future__ import annotations

import ast
import csv
import re
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from lib import schema as s
from lib.analysis.coverage import zone_summary
from lib.analysis.joins import build_long_form
from lib.analysis.measures import MEASURES, add_measures
from lib.event import keys as event_keys
from lib.plan.catalogue import catalogue_problems, read_catalogue, read_editions
from lib.registry.read import read_registry
from lib.registry.references import read_comuni, read_references
from lib.submissions import keys as submission_keys
from lib.views import params as p
from lib.views import state as k
from lib.views.presentation import presentation_steps
from tests.source_text import code_strings

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "plan_alt"


def _frames(plan_dir: Path = s.PLAN_DIR) -> tuple[pd.DataFrame, ...]:
    return tuple(pd.read_csv(plan_dir / name, dtype="string", keep_default_na=False)
                 for name in (s.AXES_FILE, s.STRATEGIES_FILE, s.JUDGEMENTS_FILE))


def test_the_real_catalogue_and_the_fixture_edition_are_consistent() -> None:
    assert catalogue_problems(read_editions(), *_frames()) == []
    fixture = read_catalogue(FIXTURE)
    assert fixture.default == "2030-2032" and fixture.plan().axis_numbers == [1, 2, 3, 4]
    assert len(fixture.plan().codes) == 9



def test_a_plans_lookups_match_its_frames_and_callers_cannot_change_them() -> None:
    """The lookups are built once per plan (pages read them on every run): they must say what the frames say,
    and what one caller does to its copy must not reach the next caller."""
    plan = read_catalogue().plan()
    axes, strategies = plan.axes, plan.strategies
    assert plan.codes == list(strategies[s.STRATEGY]) and len(plan.codes) == 24
    assert plan.axis_numbers == [int(a) for a in axes[s.AXIS]] == [1, 2, 3, 4, 5, 6]
    assert plan.strategy_axis() == {c: int(a) for c, a in zip(strategies[s.STRATEGY], strategies[s.AXIS], strict=True)}
    assert plan.axis_titles() == {int(a): t for a, t in zip(axes[s.AXIS], axes[s.AXIS_TITLE], strict=True)}
    assert plan.axis_colors()[1] == axes[s.AXIS_COLOR].iloc[0]
    assert plan.strategy_titles()["6.2"] == strategies.set_index(s.STRATEGY).loc["6.2", s.STRATEGY_TITLE]
    plan.codes.clear()
    plan.axis_numbers.append(99)
    plan.strategy_axis()["9.9"] = 9
    plan.axis_titles()[1] = "changed"
    assert len(plan.codes) == 24 and 99 not in plan.axis_numbers and "9.9" not in plan.strategy_axis()
    assert plan.axis_titles()[1] != "changed"

@pytest.mark.parametrize(("change", "message"), [
    (lambda a, st: (a, st.iloc[:-1]), "editions.csv dichiara 24 strategie, il catalogo ne ha 23"),
    (lambda a, st: (a, pd.concat([st, st.tail(1)])), "codici di strategia ripetuti: 6.2"),
    (lambda a, st: (a.assign(**{s.AXIS_COLOR: "#123456"}), st), "ogni asse vuole un colore #rrggbb diverso"),
    (lambda a, st: (a.iloc[:-1], st), "gli assi devono essere numerati da 1 a 6"),
])
def test_a_catalogue_that_disagrees_with_its_totals_is_refused(change, message: str) -> None:
    axes, strategies, judgements = _frames()
    axes, strategies = change(axes, strategies)
    problems = catalogue_problems(read_editions(), axes, strategies, judgements)
    assert any(message in problem for problem in problems), problems


def test_exactly_one_default_edition_with_a_catalogue() -> None:
    editions = read_editions()
    editions["2024-2026"] = replace(editions["2024-2026"], is_default=True)
    assert "editions.csv: serve esattamente un'edizione predefinita" in catalogue_problems(editions, *_frames())[0]


def _catalogue_file(path: Path, rows: list[tuple[str, ...]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow([s.AXIS, s.AXIS_TITLE, s.AXIS_COLOR, s.STRATEGY, s.STRATEGY_TITLE])
        writer.writerows(rows)
    return path


def _run_importer(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lib.plan.importer", *args], cwd=ROOT, capture_output=True, text=True,
                          check=False)


def test_the_importer_checks_totals_and_writes_only_a_valid_catalogue(tmp_path: Path) -> None:
    plan_dir = tmp_path / "plan"
    shutil.copytree(s.PLAN_DIR, plan_dir)
    before = (plan_dir / s.STRATEGIES_FILE).read_bytes()
    # 2024-2026 declares 6 axes and 25 strategies: 5 strategies are not enough, and nothing is written.
    short = _catalogue_file(tmp_path / "breve.csv", [("1", "Asse uno", "#0072B2", f"1.{i}", f"Strategia {i}")
                                                       for i in range(1, 6)])
    refused = _run_importer(str(short), "--edition", "2024-2026", "--write", "--source", "Prova",
                            "--plan-dir", str(plan_dir))
    assert refused.returncode == 1 and "il catalogo ne ha 5" in refused.stdout
    assert "nulla è stato scritto" in refused.stdout
    assert (plan_dir / s.STRATEGIES_FILE).read_bytes() == before
    colors = ["#0072B2", "#009E73", "#E69F00", "#CC79A7", "#D55E00", "#56B4E9"]
    per_axis = {1: 5, 2: 5, 3: 4, 4: 4, 5: 4, 6: 3}
    rows = [(str(a), f"Asse {a}", colors[a - 1], f"{a}.{i}", f"Strategia {a}.{i}")
            for a, n in per_axis.items() for i in range(1, n + 1)]
    assert len(rows) == 25
    valid = _catalogue_file(tmp_path / "catalogo.csv", rows)
    checked = _run_importer(str(valid), "--edition", "2024-2026", "--plan-dir", str(plan_dir))
    assert checked.returncode == 0 and "aggiungi --write" in checked.stdout
    written = _run_importer(str(valid), "--edition", "2024-2026", "--write", "--source", "Catalogo CMT 2024",
                            "--plan-dir", str(plan_dir))
    assert written.returncode == 0, written.stdout
    catalogue = read_catalogue(plan_dir)
    assert list(catalogue.plans) == ["2021-2023", "2024-2026"] and len(catalogue.plan("2024-2026").codes) == 25
    assert catalogue.default == "2021-2023"


def test_every_measure_is_complete_and_computed_for_every_zone() -> None:
    assert len({m.key for m in MEASURES}) == len({m.param for m in MEASURES}) == len(MEASURES)
    plan = read_catalogue().plan()
    registry = read_registry(s.PROJECTS_CSV, read_references()).valid
    summary = zone_summary(build_long_form(registry, plan.strategies, read_comuni()), read_comuni())
    for measure in MEASURES:
        assert measure.label and measure.short_label and measure.help and measure.decimals >= 0
        assert summary[measure.key].notna().all() and len(summary) == 11
    assert add_measures(summary).columns.tolist() == summary.columns.tolist()  # adding twice changes nothing


def test_presentation_steps_follow_the_plan() -> None:
    real, fixture = read_catalogue().plan(), read_catalogue(FIXTURE).plan()
    assert len(presentation_steps(real, with_needs=True)) == 1 + 6 + 6 + 1 + 3
    assert len(presentation_steps(fixture, with_needs=False)) == 1 + 4 + 6 + 1


# Where session keys are declared: one module per room, all listed here (and in the README's "add a page").
KEY_MODULES = (k, event_keys, submission_keys)


def _session_keys() -> list[str]:
    """Every declared key; a templated one ('facilitator_rank_item_{rank}') by its fixed part."""
    return [value.split("{")[0] for module in KEY_MODULES for name, value in vars(module).items()
            if name.isupper() and isinstance(value, str)]


def test_no_module_outside_the_key_modules_declares_a_session_key() -> None:
    declared = {path.stem for path in ROOT.glob("lib/*/keys.py")} | {"state"}
    for path in [*ROOT.glob("lib/**/*.py"), *ROOT.glob("pages/*.py")]:
        if path.stem in declared or path.parent.name == "loaders":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) and isinstance(
                    node.value.value, str):
                names = [t.id for t in node.targets if isinstance(t, ast.Name)]
                assert not [n for n in names if n.endswith("_KEY")], f"{path.relative_to(ROOT)}: {names}"


def test_url_parameters_and_session_keys_are_declared_once() -> None:
    assert len({param.name for param in p.PARAMS}) == len(p.PARAMS)
    keys = _session_keys()
    assert len(keys) == len(set(keys)), sorted(key for key in keys if keys.count(key) > 1)
    assert set(KEY_MODULES) == {k, *(__import__(f"lib.{path.parent.name}.keys", fromlist=["keys"])
                                     for path in ROOT.glob("lib/*/keys.py"))}
    # Pages never spell a session key or a URL parameter name themselves.
    names = {param.name for param in p.PARAMS} | set(keys)
    for page in (ROOT / "pages").glob("*.py"):
        tree = ast.parse(page.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.keyword) and node.arg == "key":
                assert not isinstance(node.value, ast.Constant), f"{page.name}: key={node.value.value!r}"
            if isinstance(node, ast.Dict):
                literal = [key.value for key in node.keys if isinstance(key, ast.Constant)]
                assert not set(literal) & names, f"{page.name}: {literal}"


def test_no_edition_number_or_year_is_written_in_code() -> None:
    for path in [*ROOT.glob("lib/**/*.py"), *ROOT.glob("pages/*.py"), ROOT / "dashboard.py"]:
        text = path.read_text(encoding="utf-8")
        assert "range(1, 7)" not in text and "ZONE_NUMBERS" not in text, path
        for string in code_strings(path):
            assert not re.search(r"20[0-9]{2}-20[0-9]{2}|\b24 strategie|^24$", string), \
                f"{path.relative_to(ROOT)} spells {string!r}"
