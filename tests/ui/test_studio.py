"""工作室 (issue 14): edit → checked as you type; an invalid file is never saved; save keeps a backup
and hot-reloads the playtest at the same place; the diagram lights the buyer's state."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QGraphicsRectItem
from pytestqt.qtbot import QtBot

from simulator.ui.studio_page import CHECK_DELAY_MS, StudioPage


@pytest.fixture
def studio(studio_on_copy: StudioPage) -> StudioPage:
    assert studio_on_copy.open_file(Path(studio_on_copy.library.persona("haggler").path))
    return studio_on_copy


def _rect_fill(page: StudioPage, state: str) -> str:
    for item in page.diagram.scene.items():
        if isinstance(item, QGraphicsRectItem) and item.data(0) == state:
            return item.brush().color().name()
    raise AssertionError(f"no box for {state}")


def test_an_edit_is_checked_as_you_type_and_an_invalid_file_is_never_saved(
    studio: StudioPage, qtbot: QtBot
) -> None:
    path = studio.edit.path
    assert path is not None and studio.edit.check is not None and studio.edit.check.valid
    original = path.read_text(encoding="utf-8")
    studio.edit.editor.setPlainText(original.replace("initial: bargaining", "initial: haggling_hard", 1))
    qtbot.waitUntil(lambda: studio.edit.problem_list.count() > 0, timeout=CHECK_DELAY_MS * 10)
    edit = studio.edit
    assert "haggling_hard" in edit.problem_list.item(0).text() and not edit.save_button.isEnabled()
    assert not studio.edit.save()
    assert path.read_text(encoding="utf-8") == original and not path.with_name(path.name + ".bak").exists()
    studio.edit.problem_list.itemClicked.emit(studio.edit.problem_list.item(0))  # jumps to the line
    line = studio.edit.problem_list.item(0).data(256)
    assert studio.edit.editor.textCursor().blockNumber() == line - 1


def test_save_keeps_a_backup_and_the_playtest_resumes_where_it_was(studio: StudioPage, qtbot: QtBot) -> None:
    path = studio.edit.path
    assert path is not None
    original = path.read_text(encoding="utf-8")
    studio.send("亲,99已经是活动价了哈,价格对每位顾客都一样~😊")
    assert studio.playtest is not None
    state = studio.playtest.training.buyer.state
    assert _rect_fill(studio, state) == "#fde68a"  # the buyer's state is lit
    edited = original.replace("name_zh: 讲价型买家", "name_zh: 很会砍价的买家", 1)
    studio.edit.editor.setPlainText(edited)
    studio.edit.validate()
    assert studio.edit.save_button.isEnabled() and studio.edit.save()
    assert path.read_text(encoding="utf-8") == edited
    assert path.with_name(path.name + ".bak").read_text(encoding="utf-8") == original
    assert (
        studio.playtest.training.buyer.state == state and studio.playtest.persona.name_zh == "很会砍价的买家"
    )
    assert "已重新载入" in studio.log.toPlainText() and "重放了 1 句" in studio.log.toPlainText()
    assert studio.library.persona("haggler").name_zh == "很会砍价的买家"


def test_a_playtest_saved_as_a_test_is_run_by_main_py_test_and_by_the_studio(studio: StudioPage) -> None:
    import subprocess
    import sys

    from simulator.app import PROJECT_ROOT

    studio.send("亲 在的哦")
    studio.send("亲,99已经是活动价了哈,价格对每位顾客都一样~😊")
    path = studio.save_as_test()
    assert path is not None and path.parent.name == "tests" and path.name.startswith("haggler_playtest_")
    text = path.read_text(encoding="utf-8")
    assert "亲,99已经是活动价了哈" in text and "techniques: [" in text
    result = subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "main.py"), "test", str(path)],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0 and result.stdout.strip().endswith("1 passed, 0 failed"), result.stdout
    results = studio.run_tests()
    assert path.stem in [r.test.name for r in results] and all(
        r.passed for r in results if r.test.name == path.stem
    )
    assert "个通过" in studio.log.toPlainText()


def test_a_pack_is_exported_and_imported_from_the_studio(studio: StudioPage, tmp_path: Path) -> None:
    pack = studio.export_pack(str(tmp_path / "haggler.zip"))
    assert pack is not None and pack.exists()
    shoes = studio.edit.path.parent.parent / "scenarios" / "leather_shoes.yaml"  # type: ignore[union-attr]
    shoes.write_text(shoes.read_text(encoding="utf-8") + "\n# a local edit\n", encoding="utf-8")
    plan = studio.import_pack(str(pack), confirm=True)
    assert plan is not None and plan.installable
    assert shoes.with_name(shoes.name + ".bak").exists() and "# a local edit" not in shoes.read_text(
        encoding="utf-8"
    )
    assert "已导入" in studio.log.toPlainText()


def test_the_detector_is_taught_by_example_and_the_corpus_effect_is_shown_first(
    studio: StudioPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    from simulator.detection.evaluation import LabelledLine
    from simulator.ui import detector_workbench

    corpus = [
        LabelledLine("俺们这边价格是统一的哦", frozenset({"hold_price"})),
        LabelledLine("亲 在的哦", frozenset({"greeting"})),
    ]
    monkeypatch.setattr(detector_workbench, "_labelled_corpus", lambda: corpus)
    bench = studio.workbench
    rows = bench.explain("这个已经是活动价了哦没法再少了呢")
    assert any(row.startswith("hold_price 「") and "规则(目录第" in row for row in rows)
    lexicon = bench.catalogue_path.parent / "lexicons.yaml"
    before = lexicon.read_text(encoding="utf-8")
    effect = bench.add_word("SHOP_SELF", "俺们这边")
    assert effect is not None and bench.save_button.isEnabled()
    assert "句改对了" in bench.effect.toPlainText()
    assert lexicon.read_text(encoding="utf-8") == before  # nothing written before 保存修改
    assert bench.save() == lexicon
    assert "俺们这边" in lexicon.read_text(encoding="utf-8")
    assert lexicon.with_name("lexicons.yaml.bak").read_text(encoding="utf-8") == before
    assert bench.add_word("NO_SUCH_CLASS", "词") is None and "不能这样改" in bench.effect.toPlainText()
    assert bench.add_example(counter=True, technique_id="hold_price", text="爱要不要,反正不讲价") is not None
    bench.save()
    assert "爱要不要,反正不讲价" in bench.catalogue_path.read_text(encoding="utf-8")


def test_the_coverage_view_names_what_no_test_exercises(studio: StudioPage) -> None:
    report = studio.show_coverage()
    assert report is not None and report.persona == "haggler"
    assert report.total_transitions > 0 and len(report.transitions) < report.total_transitions
    assert "测试覆盖:反应" in studio.log.toPlainText()
    persona = studio.library.persona("haggler")
    lines = {transition.line for transition in persona.transitions}
    assert all(line in lines for line, _, _ in report.transitions)  # each named by its line in the file


def test_the_form_edits_the_text_and_a_scenario_is_checked_and_saved(studio: StudioPage) -> None:
    name = studio.edit.form_fields["name_zh"]
    assert name.text() == "讲价型买家"
    name.setText("砍价高手")
    name.editingFinished.emit()
    assert "name_zh: '砍价高手'" in studio.edit.editor.toPlainText() and studio.edit.save_button.isEnabled()
    scenario_path = studio.edit.path.parent.parent / "scenarios" / "suitcase.yaml"  # type: ignore[union-attr]
    studio.edit.ask_discard = lambda: True  # the unsaved name edit is dropped
    assert studio.open_file(scenario_path)
    assert studio.edit.kind == "scenarios" and "shop" in studio.edit.form_fields
    renamed = studio.edit.editor.toPlainText().replace("id: suitcase", "id: suitcase_x", 1)
    studio.edit.editor.setPlainText(renamed)
    studio.edit.validate()
    assert studio.edit.problem_list.count() and not studio.edit.save()
    studio.edit.editor.setPlainText(scenario_path.read_text(encoding="utf-8"))
    studio.edit.form_fields["shop"].setText("新的旅行箱店")
    studio.edit.form_fields["shop"].editingFinished.emit()
    assert studio.edit.save() and studio.library.scenario("suitcase").shop == "新的旅行箱店"
    assert scenario_path.with_name("suitcase.yaml.bak").exists()
