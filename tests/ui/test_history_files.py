"""The history page's session-file buttons: export the selected (or shown) sessions, import with a
confirmation of what is added, skipped and refused, and no import into a read-only archive."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog
from pytestqt.qtbot import QtBot

from simulator.detection.detector import TechniqueDetector
from simulator.services.archive import SessionArchive
from simulator.services.library import ContentLibrary
from simulator.services.session_files import read_session_file
from simulator.services.training import TrainingSession
from simulator.storage.database import open_database
from simulator.storage.repository import SessionRepository
from simulator.ui.history_page import HistoryPage, ImportConfirmation


@pytest.fixture
def archives() -> Iterator[list[SessionArchive]]:
    opened: list[SessionArchive] = []
    yield opened
    for archive in opened:
        archive.repository.engine.dispose()


def _archive(archives: list[SessionArchive], read_only: bool = False, notice: str = "") -> SessionArchive:
    archive = SessionArchive(
        SessionRepository(open_database("sqlite://")), read_only=read_only, notice=notice
    )
    archives.append(archive)
    return archive


def _page(
    qtbot: QtBot, archive: SessionArchive, library: ContentLibrary, detector: TechniqueDetector
) -> HistoryPage:
    page = HistoryPage(archive)
    page.set_content(library, detector)
    qtbot.addWidget(page)
    page.refresh()
    return page


def _play(
    library: ContentLibrary, detector: TechniqueDetector, archive: SessionArchive, seed: int, name: str
) -> int:
    training = TrainingSession.start(
        library, detector, "haggler", "leather_shoes", seed, "practice", archive.writer,
        started_at=datetime(2025, 3, 4, 9, seed), trainee=name,
    )  # fmt: skip
    training.send("亲 在的哦", 6.0)
    training.finish()
    assert training.session_id is not None
    return training.session_id


class Confirmations:
    """The confirmation dialog, answered as a teacher would; what it listed is kept."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, answer: QDialog.DialogCode) -> None:
        self.shown: list[list[str]] = []
        self.ok_enabled: list[bool] = []
        confirmations = self

        def exec_(dialog: ImportConfirmation) -> int:
            confirmations.shown.append(dialog.lines())
            confirmations.ok_enabled.append(
                dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
            )
            return int(answer.value)

        monkeypatch.setattr(ImportConfirmation, "exec", exec_)


def test_export_writes_the_selected_sessions_and_import_adds_them_after_confirmation(
    qtbot: QtBot, library: ContentLibrary, detector: TechniqueDetector, archives: list[SessionArchive],
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    trainee = _archive(archives)
    for seed, name in ((1, "小王"), (2, "小李"), (3, "小赵")):
        _play(library, detector, trainee, seed, name)
    page = _page(qtbot, trainee, library, detector)
    chosen = tmp_path / "两个会话"  # without an extension: the page adds .json.gz
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(chosen), ""))
    selection = page.table.selectionModel()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in (0, 2):  # newest first: 小赵 and 小王
        selection.select(page.model.index(row, 0), flags)
    qtbot.mouseClick(page.files_export_button, Qt.MouseButton.LeftButton)
    exported = tmp_path / "两个会话.json.gz"
    assert [s.trainee for s in read_session_file(exported).sessions] == ["小赵", "小王"]
    assert "已导出 2 个会话" in page.files_status.text()
    # Nothing selected: every session shown is exported.
    selection.clearSelection()
    everything = tmp_path / "all.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(everything), ""))
    qtbot.mouseClick(page.files_export_button, Qt.MouseButton.LeftButton)
    assert len(json.loads(everything.read_text("utf-8"))["sessions"]) == 3

    teacher = _page(qtbot, _archive(archives), library, detector)
    assert teacher.files_import_button.isEnabled()
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *args, **kwargs: ([str(exported)], ""))
    confirmations = Confirmations(monkeypatch, QDialog.DialogCode.Accepted)
    qtbot.mouseClick(teacher.files_import_button, Qt.MouseButton.LeftButton)
    assert confirmations.shown[0] == [
        "添加:小赵 · haggler/leather_shoes · 2025-03-04 09:03",
        "添加:小王 · haggler/leather_shoes · 2025-03-04 09:01",
    ]
    assert teacher.model.rowCount() == 2  # refreshed: the imported sessions are in the history
    assert "已导入 2 个会话" in teacher.files_status.text()
    teacher.open_session(teacher.model.session_id(0))
    assert "亲 在的哦" in teacher.detail.toPlainText()

    # The file with all three: two are skipped as duplicates, one is added.
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *args, **kwargs: ([str(everything)], ""))
    qtbot.mouseClick(teacher.files_import_button, Qt.MouseButton.LeftButton)
    skipped = [line for line in confirmations.shown[1] if line.startswith("跳过(重复)")]
    added = [line for line in confirmations.shown[1] if line.startswith("添加:")]
    assert len(skipped) == 2 and added == ["添加:小李 · haggler/leather_shoes · 2025-03-04 09:02"]
    assert teacher.model.rowCount() == 3


def test_nothing_is_imported_when_the_teacher_cancels_or_nothing_is_new(
    qtbot: QtBot, library: ContentLibrary, detector: TechniqueDetector, archives: list[SessionArchive],
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    trainee = _archive(archives)
    _play(library, detector, trainee, 1, "小王")
    exported = tmp_path / "one.json"
    trainee.export_sessions(None, exported)
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "wangdian-kefu-sessions", "version": 7, "sessions": []}', "utf-8")
    teacher = _page(qtbot, _archive(archives), library, detector)
    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", lambda *args, **kwargs: ([str(exported), str(broken)], "")
    )
    confirmations = Confirmations(monkeypatch, QDialog.DialogCode.Rejected)
    qtbot.mouseClick(teacher.files_import_button, Qt.MouseButton.LeftButton)
    assert confirmations.shown[0][-1].startswith("拒绝:broken.json — 会话文件版本为 7")
    assert teacher.model.rowCount() == 0 and teacher.files_status.text() == "没有导入任何会话"
    # Only the broken file: the dialog says why, and its import button is disabled.
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *args, **kwargs: ([str(broken)], ""))
    qtbot.mouseClick(teacher.files_import_button, Qt.MouseButton.LeftButton)
    assert confirmations.ok_enabled == [True, False]
    assert teacher.repository.list() == []


def test_a_read_only_archive_disables_import_and_says_why(
    qtbot: QtBot, library: ContentLibrary, detector: TechniqueDetector, archives: list[SessionArchive],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    page = _page(qtbot, _archive(archives, read_only=True, notice="由更新版本的程序创建"), library, detector)
    assert not page.files_import_button.isEnabled()
    assert "只能读取" in page.files_import_button.toolTip()
    assert "由更新版本的程序创建" in page.files_import_button.toolTip()
    assert page.files_export_button.isEnabled()  # reading is all an export needs
    opened: list[object] = []
    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", lambda *args, **kwargs: opened.append(args) or ([], "")
    )
    assert page.import_session_files() == [] and opened == []


def test_without_content_the_import_button_is_disabled_with_the_reason(
    qtbot: QtBot, archives: list[SessionArchive]
) -> None:
    page = HistoryPage(_archive(archives))
    qtbot.addWidget(page)
    assert not page.files_import_button.isEnabled()
    assert "尚未加载" in page.files_import_button.toolTip()


def test_an_export_that_cannot_be_written_says_so_on_the_page(
    qtbot: QtBot, library: ContentLibrary, detector: TechniqueDetector, archives: list[SessionArchive],
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    archive = _archive(archives)
    _play(library, detector, archive, 1, "小王")
    page = _page(qtbot, archive, library, detector)
    missing = tmp_path / "U盘" / "class.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(missing), ""))
    qtbot.mouseClick(page.files_export_button, Qt.MouseButton.LeftButton)
    assert page.files_status.text().startswith("导出失败:文件夹不存在")
    assert not missing.parent.exists()
    empty = _page(qtbot, _archive(archives), library, detector)
    assert empty.export_session_file(str(tmp_path / "none.json")) == 0
    assert empty.files_status.text() == "列表里没有会话可导出" and not (tmp_path / "none.json").exists()
