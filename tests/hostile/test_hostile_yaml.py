"""Issue 13 probes: a hostile YAML file among the shipped ones is one problem on its line, never a hang."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from simulator.app import ContentPaths, load_library
from simulator.content.yaml_source import MAX_FILE_BYTES, ContentError, read_yaml

BOMB = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def _copy(tmp_path: Path) -> ContentPaths:
    for folder in ("catalogue", "personas", "scenarios", "rubrics", "assets/products"):
        shutil.copytree(ContentPaths().root / folder, tmp_path / folder)
    return ContentPaths(tmp_path)


def _problem(path: Path) -> tuple[int, str]:
    with pytest.raises(ContentError) as raised:
        read_yaml(path)
    (problem,) = raised.value.problems
    assert problem.path == str(path)
    return problem.line, problem.message


def test_an_alias_bomb_stops_at_the_limit_on_its_line(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text(BOMB, encoding="utf-8")
    line, message = _problem(bomb)
    assert line == 6  # f repeats e nine times: about 600,000 values, the first line past 200,000
    assert "aliases" in message


def test_an_alias_that_repeats_a_small_block_still_loads(tmp_path: Path) -> None:
    path = tmp_path / "reuse.yaml"
    path.write_text("base: &base {a: 1, b: [x, y]}\none: *base\ntwo: *base\n", encoding="utf-8")
    assert read_yaml(path).data == {
        "base": {"a": 1, "b": ["x", "y"]},
        "one": {"a": 1, "b": ["x", "y"]},
        "two": {"a": 1, "b": ["x", "y"]},
    }


@pytest.mark.parametrize(
    "text",
    [
        "[" * 3000 + "]" * 3000,
        "".join(" " * depth + "k:\n" for depth in range(500)),  # block nesting costs its indent
        "".join(" " * (2 * depth) + "-\n" for depth in range(500)),
    ],
    ids=["flow", "block-maps", "block-lists"],
)
def test_a_deeply_nested_file_is_an_error_not_a_recursion_error(tmp_path: Path, text: str) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text(text, encoding="utf-8")
    line, message = _problem(path)
    assert "nested more than 64 levels" in message
    assert line >= 1


def test_a_file_over_the_size_cap_is_refused_without_being_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_bytes(b"a: " + b"x" * MAX_FILE_BYTES + b"\n")
    line, message = _problem(path)
    assert (line, "at most 2 MB" in message) == (0, True)


def test_an_unknown_alias_and_a_second_document_are_syntax_errors(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("a: 1\nb: *nowhere\n", encoding="utf-8")
    assert _problem(path)[0] == 2
    path.write_text("a: 1\n---\nb: 2\n", encoding="utf-8")
    assert "more than one document" in _problem(path)[1]


@pytest.mark.parametrize("hostile", ["bomb", "deep", "binary", "empty"])
def test_a_hostile_persona_among_the_shipped_ones_is_skipped_and_the_rest_load(
    tmp_path: Path, hostile: str
) -> None:
    paths = _copy(tmp_path)
    shipped = set(load_library(ContentPaths()).personas)
    text = {
        "bomb": BOMB,
        "deep": "[" * 3000 + "]" * 3000,
        "binary": "\x00\x01\x02 not yaml: [",
        "empty": "",
    }[hostile]
    (paths.personas / "zz_hostile.yaml").write_text(text, encoding="utf-8")
    (paths.scenarios / "zz_hostile.yaml").write_text(text, encoding="utf-8")
    library = load_library(paths)
    assert set(library.personas) == shipped
    flagged = {Path(problem.path).name for problem in library.problems}
    assert flagged == {"zz_hostile.yaml"}


def test_lint_and_list_answer_at_once_with_a_bomb_among_the_files(tmp_path: Path) -> None:
    import subprocess
    import sys

    from simulator.app import PROJECT_ROOT

    bomb = tmp_path / "personas" / "bomb.yaml"
    bomb.parent.mkdir()
    bomb.write_text(BOMB, encoding="utf-8")
    deep = tmp_path / "personas" / "deep.yaml"
    deep.write_text("[" * 3000 + "]" * 3000, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "main.py"), "lint", str(bomb), str(deep)],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{bomb}:6: " in result.stdout and f"{deep}:1: " in result.stdout
