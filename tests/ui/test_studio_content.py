"""工作室 beyond personas (issue 14): rubrics and the catalogue edited and checked as you type, a new
scenario authored with 新建场景 and offered in the playtest, unsaved edits kept when asked, and the
layered diagram (labels with event and condition, boxes never on top of each other)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QGraphicsRectItem,
    QGraphicsTextItem,
    QLineEdit,
)
from pytestqt.qtbot import QtBot

from simulator.ui.studio_page import CATALOGUE_CHECK_DELAY_MS, CHECK_DELAY_MS, StudioPage


@pytest.fixture
def studio(studio_on_copy: StudioPage) -> StudioPage:
    return studio_on_copy


def _choose(box: QComboBox, data: str) -> None:
    box.setCurrentIndex(box.findData(data))
    box.activated.emit(box.currentIndex())


def test_a_rubric_is_edited_in_its_form_checked_saved_and_undone(studio: StudioPage, qtbot: QtBot) -> None:
    edit = studio.edit
    _choose(edit.kind_box, "rubrics")
    path = studio.folders.rubrics / "sociable.yaml"
    _choose(edit.file_box, str(path))
    assert edit.path == path and edit.check is not None and edit.check.valid
    strategy = edit.form_fields["weights.strategy"]
    assert strategy.text() == "25" and edit.form_fields["technique_target"].text() == "6"
    strategy.setText("35")
    strategy.editingFinished.emit()
    assert "strategy: 35" in edit.editor.toPlainText()
    assert edit.problem_list.count() == 1 and "now 110" in edit.problem_list.item(0).text()
    assert not edit.save_button.isEnabled() and not edit.save()
    edit.problem_list.itemClicked.emit(edit.problem_list.item(0))
    assert edit.editor.textCursor().blockNumber() == 6  # the weights line
    edit.undo_button.click()  # the form's edit is one undo step
    qtbot.waitUntil(lambda: edit.check is not None and edit.check.valid, timeout=CHECK_DELAY_MS * 10)
    assert "strategy: 25" in edit.editor.toPlainText()
    edit.form_fields["weights.strategy"].setText("20")
    edit.form_fields["weights.strategy"].editingFinished.emit()
    edit.form_fields["weights.outcome"].setText("30")
    edit.form_fields["weights.outcome"].editingFinished.emit()
    assert edit.check.valid and edit.save()
    assert path.with_name("sociable.yaml.bak").exists() and "outcome: 30" in path.read_text(encoding="utf-8")
    rubrics = studio.library.rubrics
    assert rubrics is not None and rubrics.parts["sociable"].weights is not None
    assert rubrics.parts["sociable"].weights["outcome"] == 30  # the next session is scored on it


def test_the_catalogue_is_checked_after_a_pause_and_a_broken_rule_is_never_saved(
    studio: StudioPage, qtbot: QtBot
) -> None:
    edit = studio.edit
    _choose(edit.kind_box, "catalogue")
    catalogue = studio.folders.catalogue / "techniques.yaml"
    _choose(edit.file_box, str(catalogue))
    assert edit.path == catalogue and edit.check is not None and edit.check.valid
    assert "version" in edit.form_fields
    original = catalogue.read_text(encoding="utf-8")
    edit.editor.setPlainText(original.replace("{SHOP_SELF}", "{SHOP_SELFX}", 1))
    assert edit.status_label.text() == "检查中…" and not edit.save_button.isEnabled()
    qtbot.waitUntil(lambda: edit.problem_list.count() > 0, timeout=CATALOGUE_CHECK_DELAY_MS * 10)
    assert "SHOP_SELFX" in edit.problem_list.item(0).text() and not edit.save()
    assert catalogue.read_text(encoding="utf-8") == original
    lexicon = studio.folders.catalogue / "lexicons.yaml"
    edit.ask_discard = lambda: True
    assert studio.open_file(lexicon) and edit.kind == "catalogue" and edit.check is not None
    words = lexicon.read_text(encoding="utf-8").replace(
        "classes:", "classes:\n  SPARE: {label_zh: 备用, label_en: spare, words: [哈]}", 1
    )
    edit.replace_text(words)
    edit.validate()
    assert "SPARE is not used by any rule" in edit.problem_list.item(0).text() and not edit.save()


def test_unsaved_edits_are_kept_when_the_instructor_says_so(studio: StudioPage) -> None:
    edit = studio.edit
    persona_path = Path(studio.library.persona("haggler").path)
    assert studio.open_file(persona_path)
    edit.replace_text(edit.editor.toPlainText() + "\n# a note\n")
    edit.ask_discard = lambda: False
    assert not studio.open_file(studio.folders.scenarios / "suitcase.yaml")
    assert edit.path == persona_path and edit.editor.toPlainText().endswith("# a note\n")


def test_a_new_scenario_is_authored_saved_and_offered_in_the_playtest(
    studio: StudioPage, qtbot: QtBot
) -> None:
    edit = studio.edit
    _choose(edit.kind_box, "scenarios")
    assert edit.new_scenario_button.isVisible()

    def fill_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QDialog)
        identifier, name = dialog.findChildren(QLineEdit)[:2]
        identifier.setText("cup_chipped_aftersale")
        name.setText("杯口磕破售后")
        template = dialog.findChild(QComboBox)
        template.setCurrentIndex(template.findData("glass_cup_aftersale"))
        dialog.accept()

    QTimer.singleShot(0, fill_dialog)
    edit.new_scenario_button.click()
    path = studio.folders.scenarios / "cup_chipped_aftersale.yaml"
    assert edit.path == path and not path.exists() and edit.check is not None and edit.check.valid
    assert edit.save_button.isEnabled()  # valid as it stands, and not written yet
    edit.form_fields["shop"].setText("拾光玻璃生活馆·二店")
    edit.form_fields["shop"].editingFinished.emit()
    edit.form_fields["buyer.complaint"].setText("杯口磕破了一块")
    edit.form_fields["buyer.complaint"].editingFinished.emit()
    assert edit.save() and path.exists()
    assert "complaint: '杯口磕破了一块'" in path.read_text(encoding="utf-8")
    scenario = studio.library.scenario("cup_chipped_aftersale")
    assert scenario.shop == "拾光玻璃生活馆·二店" and edit.file_box.findData(str(path)) >= 0
    # Offered: a persona that plays after-sale cases takes it in its plays_in, and the playtest has it.
    persona_path = Path(studio.library.persona("self_centered").path)
    assert studio.open_file(persona_path)
    text = edit.editor.toPlainText()
    line = next(row for row in text.splitlines() if row.startswith("plays_in:"))
    edit.replace_text(text.replace(line, line[:-1] + ", cup_chipped_aftersale]", 1))
    assert edit.validate() is not None and edit.check.valid and edit.save()
    offered = [studio.scenario_box.itemData(i) for i in range(studio.scenario_box.count())]
    assert "cup_chipped_aftersale" in offered
    studio.scenario_box.setCurrentIndex(offered.index("cup_chipped_aftersale"))
    assert studio.playtest is not None and studio.playtest.scenario_id == "cup_chipped_aftersale"
    assert "杯口磕破了一块" in studio.log.toPlainText()  # the buyer opens with the new case
    refused = edit.new_scenario("cup_chipped_aftersale", "再来一个", "glass_cup_aftersale")
    assert refused is None and "已经有这个编号" in edit.status_label.text()


def test_the_diagram_labels_event_and_condition_and_never_stacks_states(studio: StudioPage) -> None:
    assert studio.open_file(Path(studio.library.persona("sociable").path))
    scene = studio.diagram.scene
    boxes = [
        item.sceneBoundingRect()
        for item in scene.items()
        if isinstance(item, QGraphicsRectItem) and item.data(0)
    ]
    assert len(boxes) == len(studio.library.persona("sociable").states)
    assert not any(a.intersects(b) for i, a in enumerate(boxes) for b in boxes[i + 1 :])
    texts = " ".join(item.toPlainText() for item in scene.items() if isinstance(item, QGraphicsTextItem))
    transition = next(
        t
        for t in studio.library.persona("sociable").transitions
        if t.when is not None and "*" not in t.sources
    )
    assert f"{transition.on} [" in texts and "任何状态 →" in texts
    layout = studio.diagram.layout_
    assert layout is not None and layout.layer_of("chatting") == 0
