"""Authored persona tests (`python main.py test`, issue 14): the format, the runner, lint of tests."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from simulator.app import PROJECT_ROOT, ContentPaths
from simulator.cli.lint_command import lint_command
from simulator.cli.test_command import persona_tests_command
from simulator.detection.detector import TechniqueDetector
from simulator.services.library import ContentLibrary
from simulator.services.persona_tests import in_range, load_test, run_test

MAIN = str(PROJECT_ROOT / "main.py")


@pytest.mark.parametrize(
    ("value", "expected", "holds"),
    [(96, "96", True), (95.5, "96", False), (4, ">=4", True), (3, ">=4", False), (1, "<=1", True),
     (50, "20..80", True), (80, "20..80", True), (81, "20..80", False), (0, ">0", False),
     (None, ">=0", False)],
)  # fmt: skip
def test_number_ranges(value: float | None, expected: str, holds: bool) -> None:
    assert in_range(value, expected) is holds


def test_the_shipped_tests_all_pass_with_the_closing_line() -> None:
    result = subprocess.run(
        [sys.executable, MAIN, "test"], capture_output=True, text=True, timeout=300, check=False
    )
    lines = result.stdout.strip().splitlines()
    passed = sum(line.startswith("PASS ") for line in lines)
    assert result.returncode == 0 and passed >= 30
    assert lines[-1] == f"{passed} passed, 0 failed"


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_step_and_end_expectations_pass_and_fail_with_reasons(
    tmp_path: Path, library: ContentLibrary, detector: TechniqueDetector
) -> None:
    holding = _write(tmp_path, "hold.yaml", (
        "persona: haggler\nscenario: leather_shoes\nsteps:\n"
        "  - say: 亲,99已经是活动价了哈,价格对每位顾客都一样~😊\n"
        "    after: 8\n"
        "    expect:\n      techniques: [hold_price]\n      not_techniques: [negative_refusal]\n"
        "      variables: {patience: '0..100'}\n"
    ))  # fmt: skip
    assert run_test(load_test(holding), library, detector).passed
    giving_in = _write(tmp_path, "cave.yaml", (
        "persona: haggler\nseeds: [1, 2]\nsteps:\n"
        "  - say: 行吧,80给你。\n"
        "    expect:\n      techniques: [hold_price]\n"
        "expect:\n  result: [purchased]\n  passed: true\n"
    ))  # fmt: skip
    failures = run_test(load_test(giving_in), library, detector).failures
    assert any(f.startswith("seed 1, step 1: hold_price not detected") for f in failures)
    assert any(f.startswith("seed 2: outcome") and "expected purchased" in f for f in failures)
    assert any("the trainee failed" in f for f in failures)


def test_the_command_reports_each_test_and_a_broken_file_by_its_line(
    tmp_path: Path, library: ContentLibrary, detector: TechniqueDetector
) -> None:
    _write(tmp_path, "good.yaml", "persona: friendly\nsteps:\n  - say: 亲 在的哦\n")
    _write(tmp_path, "broken.yaml", "persona: friendly\nsteps:\n  - say: 亲\n    afterr: 3\n")
    out = io.StringIO()
    code = persona_tests_command(library, detector, [str(tmp_path)], tmp_path, out)
    lines = out.getvalue().splitlines()
    assert code == 1 and lines[-1] == "1 passed, 1 failed"
    assert any(line.startswith(f"FAIL {tmp_path / 'broken.yaml'}:4:") for line in lines)
    assert f"PASS {tmp_path / 'good.yaml'}: good" in lines


def test_lint_names_what_a_test_refers_to_that_does_not_exist(tmp_path: Path) -> None:
    test = _write(tmp_path, "wrong.yaml", (
        "persona: haggler\nsteps:\n  - say: 亲\n    expect:\n      techniques: [no_such_technique]\n"
        "      state: flying\n      variables: {mood: '>1'}\nexpect:\n  result: [won]\n"
    ))  # fmt: skip
    out, err = io.StringIO(), io.StringIO()
    assert lint_command([str(test)], ContentPaths(), out, err) == 1
    report = out.getvalue()
    assert f"{test}:5: no technique 'no_such_technique'" in report
    assert f"{test}:6: haggler has no state 'flying'" in report
    assert f"{test}:7: haggler has no variable 'mood'" in report
    assert f"{test}:9: no outcome 'won'" in report


def test_lint_finds_a_persona_without_a_rubric_and_a_scenario_nobody_plays(tmp_path: Path) -> None:
    for folder in ("catalogue", "personas", "scenarios", "rubrics", "assets/products"):
        shutil.copytree(PROJECT_ROOT / folder, tmp_path / folder)
    copy = tmp_path / "personas" / "haggler_copy.yaml"
    copy.write_text(
        (tmp_path / "personas" / "haggler.yaml")
        .read_text(encoding="utf-8")
        .replace("id: haggler", "id: haggler_copy", 1),
        encoding="utf-8",
    )
    lonely = tmp_path / "scenarios" / "lonely_shop.yaml"
    shoes = (tmp_path / "scenarios" / "leather_shoes.yaml").read_text(encoding="utf-8")
    lonely.write_text(shoes.replace("\nid: leather_shoes\n", "\nid: lonely_shop\n"), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert lint_command([], ContentPaths(tmp_path, cache_dir=None), out, err) == 1
    report = out.getvalue()
    assert f"{copy}:1: no rubric for persona 'haggler_copy'" in report
    assert f"{lonely}:1: no persona is played in scenario 'lonely_shop'" in report
