"""The score's wording lives in rubrics/common.yaml: instructors edit it, the loader checks it."""

from __future__ import annotations

import shutil
from pathlib import Path

from simulator.app import ContentPaths, load_library
from simulator.domain.rubric import WORDING_KEYS


def _copy(tmp_path: Path) -> ContentPaths:
    for folder in ("catalogue", "personas", "scenarios", "rubrics", "assets/products"):
        shutil.copytree(ContentPaths().root / folder, tmp_path / folder)
    return ContentPaths(tmp_path)


def test_every_reason_the_scorer_needs_is_in_the_rubric() -> None:
    library = load_library()
    rubric = library.rubric(library.persona("haggler"), library.scenario("leather_shoes"))
    assert set(rubric.wording) == set(WORDING_KEYS)
    assert (
        rubric.say("price_below_floor", floor_price="96") == "价格给到了店铺底价96元以下,店铺不能接受这一单"
    )


def test_an_edited_reason_reaches_the_score(tmp_path: Path) -> None:
    paths = _copy(tmp_path)
    common = paths.rubrics / "common.yaml"
    text = common.read_text(encoding="utf-8").replace("一次让价太多,买家只会要得更多", "一口气让太多了")
    common.write_text(text, encoding="utf-8")
    library = load_library(paths)
    rubric = library.rubric(library.persona("haggler"), library.scenario("leather_shoes"))
    assert rubric.say("concession_big").startswith("一口气让太多了")


def test_a_missing_or_unknown_wording_key_is_reported_with_its_line(tmp_path: Path) -> None:
    paths = _copy(tmp_path)
    common = paths.rubrics / "common.yaml"
    text = common.read_text(encoding="utf-8")
    text = text.replace("  hold_price_missed:", "  hold_price_mised:")
    common.write_text(text, encoding="utf-8")
    library = load_library(paths)
    (problem,) = [problem for problem in library.problems if "wording" in problem.message]
    assert "missing hold_price_missed" in problem.message and "unknown hold_price_mised" in problem.message
    assert problem.line > 0


def test_lint_names_a_question_answer_that_is_no_event_with_its_line(tmp_path: Path) -> None:
    import io

    from simulator.cli.lint_command import lint_command

    paths = _copy(tmp_path)
    scenario = paths.scenarios / "cardigan.yaml"
    scenario.write_text(
        scenario.read_text(encoding="utf-8").replace("by: [help_choose]", "by: [help_choise]"),
        encoding="utf-8",
    )
    out, err = io.StringIO(), io.StringIO()
    assert lint_command([], paths, out, err) == 1
    assert "cardigan.yaml:" in out.getvalue() and "'help_choise' is no technique id" in out.getvalue()
