"""Persona scripts: the loader and `lint` catch what the transitions library would not, with FILE:LINE."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from simulator.content.persona_loader import load_persona, parse_condition
from simulator.content.yaml_source import ContentError
from simulator.domain.techniques import Catalogue
from tests.conftest import PROJECT_ROOT

HAGGLER = (PROJECT_ROOT / "personas" / "haggler.yaml").read_text(encoding="utf-8")


def broken(tmp_path: Path, old: str, new: str) -> Path:
    assert old in HAGGLER, old
    folder = tmp_path / "personas"
    folder.mkdir(exist_ok=True)
    path = folder / "haggler.yaml"
    path.write_text(HAGGLER.replace(old, new, 1), encoding="utf-8")
    return path


def line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def problems(path: Path, catalogue: Catalogue) -> list:
    with pytest.raises(ContentError) as caught:
        load_persona(path, catalogue.ids, {"leather_shoes"})
    return list(caught.value.problems)


@pytest.mark.parametrize(
    ("old", "new", "marker", "words"),
    [
        ("    to: pushing\n", "    to: pushhing\n", "to: pushhing", "unknown state 'pushhing'"),
        (
            "  - on: hold_price\n    from: [bargaining]",
            "  - on: hold_prize\n    from: [bargaining]",
            "on: hold_prize",
            "unknown event",
        ),
        (
            "    when: desire >= 80 and trust >= 60\n",
            "    when: desire >= 80 and trsut >= 60\n",
            "trsut",
            "unknown name 'trsut'",
        ),
        ("    when: patience <= 0\n", "    when: patience is low\n", "patience is low", "cannot read"),
        (
            "    change: {trust: 8, desire: 3, offer: 4}",
            "    change: {trust: 8, wish: 3}",
            "wish: 3",
            "unknown variable 'wish'",
        ),
        ("    say: probes_again\n", "    say: probes_agian\n", "probes_agian", "no line group"),
        (
            "        - 别家同款比你们便宜多了。\n",
            "        - 别家同款才{competitor}。\n",
            "{competitor}",
            "unknown placeholder",
        ),
        (
            "    label_zh: 拿别家压价\n",
            "    label_zh: 拿别家压价\n    colour: red\n",
            "colour: red",
            "Extra inputs",
        ),
        (
            "  trust: {initial: 45, label_zh: 信任, label_en: Trust}\n",
            "  trust: {initial: 45, label_zh: 信任, label_en: Trust}\n  trust: {initial: 50}\n",
            "trust: {initial: 50}",
            "appears twice",
        ),
        ("difficulty: 3\n", "difficulty: 9\n", "difficulty: 9", "less than or equal"),
        (
            "default_scenario: leather_shoes\n",
            "default_scenario: sandals\n",
            "default_scenario",
            "no scenario 'sandals'",
        ),
    ],
)
def test_a_broken_script_names_the_line_and_the_problem(
    tmp_path: Path, catalogue: Catalogue, old: str, new: str, marker: str, words: str
) -> None:
    path = broken(tmp_path, old, new)
    found = problems(path, catalogue)
    assert any(words in problem.message and problem.line == line_of(path, marker) for problem in found), found


def test_an_unreachable_state_is_reported(tmp_path: Path, catalogue: Catalogue) -> None:
    path = broken(
        tmp_path,
        "    to: pushing\n    note: 第一次被礼貌拒绝",
        "    to: bargaining\n    note: 第一次被礼貌拒绝",
    )
    found = problems(path, catalogue)
    assert any("'pushing' cannot be reached" in problem.message for problem in found)


def test_a_syntax_error_names_its_line(tmp_path: Path, catalogue: Catalogue) -> None:
    path = broken(tmp_path, "initial: bargaining\n", "initial: [bargaining\n")
    (problem,) = problems(path, catalogue)
    assert "YAML syntax error" in problem.message and problem.line > 0


def test_all_problems_of_a_file_are_reported_together(tmp_path: Path, catalogue: Catalogue) -> None:
    path = broken(tmp_path, "    to: pushing\n", "    to: pushhing\n")
    path.write_text(
        path.read_text(encoding="utf-8").replace("    say: probes_again\n", "    say: nope\n"),
        encoding="utf-8",
    )
    assert len(problems(path, catalogue)) >= 2


@pytest.mark.parametrize(
    ("text", "groups"),
    [("trust >= 60", 1), ("a > 1 and b < 2", 1), ("a > 1 or b < 2 and c == 3", 2), ("", 0)],
)
def test_conditions_parse(text: str, groups: int) -> None:
    assert len(parse_condition(text).any_of) == groups


@pytest.mark.parametrize("text", ["trust >=", "__import__('os')", "a > 1 and", "trust => 3", "len(x) > 1"])
def test_conditions_are_never_code(text: str) -> None:
    with pytest.raises(ValueError, match="cannot read"):
        parse_condition(text)


def run_lint(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "main.py"), "lint", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


def test_lint_passes_on_every_shipped_file() -> None:
    result = run_lint()
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


def test_lint_reports_file_and_line_and_checks_the_other_files(tmp_path: Path) -> None:
    path = broken(tmp_path, "    to: pushing\n", "    to: pushhing\n")
    good = tmp_path / "personas" / "copy.yaml"
    good.write_text(HAGGLER.replace("id: haggler", "id: copy"), encoding="utf-8")
    bad_yaml = tmp_path / "personas" / "zz_broken.yaml"
    bad_yaml.write_text("id: [broken\n", encoding="utf-8")
    result = run_lint(str(tmp_path / "personas"))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert f"{path}:{line_of(path, 'to: pushhing')}: " in result.stdout
    assert any(line.startswith(f"{bad_yaml}:") and "YAML syntax error" in line for line in lines)
    assert not any(str(good) in line for line in lines), "the good copy is checked and clean"


def test_lint_lists_the_events_scripts_may_use() -> None:
    result = run_lint("--events")
    assert result.returncode == 0
    for name in ("hold_price", "concession_big", "timeout", "price_ok", "check"):
        assert name in result.stdout
