"""Issue 13 probes: a catalogue rule that backtracks is flagged by lint, runs under a time budget and is
switched off with a visible problem when it goes over, never a frozen buyer."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest

from simulator.app import ContentPaths, build_detector, load_library
from simulator.cli.lint_command import lint_command
from simulator.content.catalogue_loader import load_catalogue
from simulator.content.yaml_source import ContentError
from simulator.domain.regex_safety import (
    GuardedPattern,
    SearchTimeout,
    backtracking_risks,
    compile_rule_pattern,
)

RISKY = [
    "(a+)+$",
    "(a|a)*$",
    "(a|aa)*$",
    "(a?a)*$",
    "(a*)*$",
    "(?:哦|哦哦)+!",
    r"(\w+\s?)+$",
    "(.*a){12}",
    ".*.*.*x",
    "(?:还|还是|是)*$",
    "(?:a{1,10}){1,10}$",  # bounded repeats whose splits multiply (found in review)
    "(?i)(?:ab|AB)+$",  # alternatives that differ only in case
]
SAFE = [
    "a+b+c+",
    r"\d+(?:\.\d+)?",
    r"(?:\s*-\s*\d+(?:\.\d+)?)+\s*=",
    "(?:马上|现在|立刻|立即|先|去)+",
    "(?:也|都|全部|全)*$",
    "(?:好|好的)+!",
    "(?:在(?:的|呢|哒)){1,2}",
    "(?:还是|是|还)*+$",  # possessive: never tries a second split
]


@pytest.mark.parametrize("pattern", RISKY)
def test_shapes_that_backtrack_are_flagged(pattern: str) -> None:
    assert backtracking_risks(pattern)
    assert isinstance(compile_rule_pattern(pattern), GuardedPattern)


@pytest.mark.parametrize("pattern", SAFE)
def test_shapes_that_split_one_way_stay_on_plain_re(pattern: str) -> None:
    assert backtracking_risks(pattern) == []
    assert isinstance(compile_rule_pattern(pattern), re.Pattern)


def test_a_guarded_search_stops_at_its_budget_and_says_which_pattern() -> None:
    guarded = GuardedPattern("(a|a)*$", budget_s=0.02)
    with pytest.raises(SearchTimeout) as raised:
        guarded.search("a" * 40 + "!")
    assert "(a|a)*$" in str(raised.value)
    assert guarded.search("xx aaa").span() == (3, 6)  # an ordinary text still matches like re
    assert [m.span() for m in guarded.finditer("aa b aa")] == [
        m.span() for m in re.finditer("(a|a)*$", "aa b aa")
    ]


def test_the_shipped_content_has_no_pattern_that_backtracks() -> None:
    library = load_library()
    assert not [problem for problem in library.problems if "backtrack" in problem.message]


def _catalogue_with_rule(tmp_path: Path, pattern: str) -> ContentPaths:
    for folder in ("catalogue", "personas", "scenarios", "rubrics", "assets/products"):
        shutil.copytree(ContentPaths().root / folder, tmp_path / folder)
    paths = ContentPaths(tmp_path)
    text = paths.catalogue.read_text(encoding="utf-8")
    anchor = "        - match: '(?:早上|上午|中午|下午|晚上)好|早安'\n"
    assert anchor in text
    paths.catalogue.write_text(
        text.replace(anchor, f"        - match: '{pattern}'\n" + anchor), encoding="utf-8"
    )
    return paths


def _rule_line(paths: ContentPaths, pattern: str) -> int:
    lines = paths.catalogue.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if f"'{pattern}'" in line)


def test_lint_reports_a_backtracking_rule_with_its_line(tmp_path: Path) -> None:
    paths = _catalogue_with_rule(tmp_path, "(a+)+$")
    out, err = io.StringIO(), io.StringIO()
    code = lint_command([str(paths.catalogue)], paths, out, err)
    assert code != 0
    line = _rule_line(paths, "(a+)+$")
    assert f"{paths.catalogue}:{line}: greeting: match could backtrack" in out.getvalue() + err.getvalue()


def test_the_app_lists_the_risky_rule_among_the_content_problems(tmp_path: Path) -> None:
    paths = _catalogue_with_rule(tmp_path, "(a+)+$")
    library = load_library(paths)
    (problem,) = [problem for problem in library.problems if "backtrack" in problem.message]
    assert problem.line == _rule_line(paths, "(a+)+$")


def test_the_probe_line_is_detected_at_once_and_an_over_budget_rule_is_switched_off(tmp_path: Path) -> None:
    paths = _catalogue_with_rule(tmp_path, "(a|a)*$")
    detector = build_detector(load_catalogue(paths.catalogue))
    first = detector.detect("a" * 28 + "!")  # 2**28 paths on plain re: minutes
    (disabled,) = detector.disabled_rules
    assert (disabled.technique_id, disabled.rule_line) == ("greeting", _rule_line(paths, "(a|a)*$"))
    assert "greeting" in str(disabled) and "(a|a)*$" in str(disabled)
    assert "greeting" not in first.techniques
    # The other rules go on working, and the switched-off one is not tried again.
    assert "greeting" in detector.detect("您好,在的亲").techniques
    detector.detect("a" * 28 + "!")
    assert len(detector.disabled_rules) == 1


def test_a_backtracking_reader_pattern_is_refused_with_its_line(tmp_path: Path) -> None:
    shutil.copytree(ContentPaths().root / "catalogue", tmp_path / "catalogue")
    words = tmp_path / "catalogue" / "reader_words.yaml"
    text = words.read_text(encoding="utf-8")
    old = "  equals_before: '(?:=|等于)$'"
    assert old in text
    words.write_text(text.replace(old, "  equals_before: '(?:=|等于|等|于)*$'"), encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        load_catalogue(tmp_path / "catalogue" / "techniques.yaml")
    line = next(
        n for n, row in enumerate(words.read_text(encoding="utf-8").splitlines(), 1) if "equals_before" in row
    )
    assert [str(problem).split(": ")[0] for problem in raised.value.problems] == [f"{words}:{line}"]


def test_the_trainee_is_told_when_a_rule_is_switched_off_and_the_buyer_still_answers(tmp_path: Path) -> None:
    from simulator.services.training import TrainingSession

    paths = _catalogue_with_rule(tmp_path, "(a|a)*$")
    library = load_library(paths)
    detector = build_detector(library.catalogue)
    training = TrainingSession.start(library, detector, "friendly", None, seed=1)
    step = training.send("a" * 28 + "!", 3.0)
    assert step.record is not None and step.record.buyer_lines
    assert "规则已停用" in step.note and "greeting" in step.note
    assert "规则已停用" not in training.send("您好", 6.0).note  # said once, when it happened
