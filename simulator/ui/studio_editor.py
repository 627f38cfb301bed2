"""The studio's editor: any persona, scenario, rubric or catalogue file as text and as a form of its
common fields, checked as it is typed by the checks `lint` runs, problems listed with their line (a
click jumps there), saved only when valid with the previous version kept as .bak; 新建场景 starts a
scenario from a shipped one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from simulator.content.yaml_source import ContentProblem
from simulator.domain.persona import Persona
from simulator.domain.scenario import Scenario
from simulator.services.library import ContentLibrary, yaml_files
from simulator.services.studio import StudioFolders, check_persona_text, check_scenario_text, save_text
from simulator.services.studio_checks import (
    SCENARIO_ID_RE,
    CatalogueChecker,
    FileCheck,
    check_rubric_text,
    new_scenario_text,
)
from simulator.services.studio_form import FORM_FIELDS, field_value, with_field

CHECK_DELAY_MS = 300  # validate this long after the last key press
CATALOGUE_CHECK_DELAY_MS = 700  # the catalogue's check takes ~0.15 s: wait for a longer pause
KINDS = ("personas", "scenarios", "rubrics", "catalogue")


class StudioEditor(QWidget):
    opened = Signal(str)  # the path of the file now in the editor
    checked = Signal(object)  # the FileCheck of the editor's text
    saved = Signal(str, object)  # the path written and what it loaded as

    def __init__(
        self, library: ContentLibrary, folders: StudioFolders, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.library, self.folders = library, folders
        self.path: Path | None = None
        self.check: FileCheck | None = None
        self._saved_text = ""
        self._catalogue_checker: CatalogueChecker | None = None  # built when a catalogue file is opened
        # Asked before edits that were not saved are dropped (another file, a new scenario).
        self.ask_discard: Callable[[], bool] = self._ask_discard

        self.kind_box = QComboBox()
        for kind, label in zip(
            KINDS, (self.tr("买家"), self.tr("场景"), self.tr("评分表"), self.tr("技巧目录")), strict=True
        ):
            self.kind_box.addItem(label, kind)
        self.file_box = QComboBox()
        self.new_scenario_button = QPushButton(self.tr("新建场景…"))
        self.save_button = QPushButton(self.tr("保存"))
        self.undo_button = QPushButton(self.tr("撤销"))
        self.form = QFormLayout()
        self.form_fields: dict[str, QLineEdit] = {}
        form_box = QWidget()
        form_box.setLayout(self.form)
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("studioEditor")
        self.editor.setFont(QFont("monospace", 10))
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.status_label = QLabel()
        self.status_label.setObjectName("studioStatus")
        self.status_label.setWordWrap(True)
        self.problem_list = QListWidget()
        self.problem_list.setObjectName("studioProblems")
        self.problem_list.setMaximumHeight(140)
        self.problem_list.setWordWrap(True)  # a message names the file's classes or macros: keep it whole
        top = QHBoxLayout()
        top.addWidget(self.kind_box)
        top.addWidget(self.file_box, 1)
        top.addWidget(self.new_scenario_button)
        top.addWidget(self.undo_button)
        top.addWidget(self.save_button)
        self.top_row = top  # the page adds its own buttons here
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(top)
        column.addWidget(form_box)
        column.addWidget(self.editor, 1)
        column.addWidget(self.status_label)
        column.addWidget(self.problem_list)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.validate)
        self.editor.textChanged.connect(self._typed)
        self.problem_list.itemClicked.connect(self._jump_to_problem)
        self.problem_list.itemActivated.connect(self._jump_to_problem)
        self.kind_box.currentIndexChanged.connect(lambda _index: self._list_files())
        self.file_box.activated.connect(lambda _index: self._file_chosen())
        self.save_button.clicked.connect(lambda: self.save())
        self.undo_button.clicked.connect(self.editor.undo)
        self.new_scenario_button.clicked.connect(lambda: self.new_scenario())
        self._list_files()

    # -- choosing a file ------------------------------------------------------------------------------

    @property
    def kind(self) -> str:
        if self.path is not None:
            for kind in KINDS:
                if self.path.parent.resolve() == self._folder(kind).resolve():
                    return kind
        return str(self.kind_box.currentData())

    @property
    def unsaved(self) -> bool:
        return self.path is not None and self.editor.toPlainText() != self._saved_text

    def _folder(self, kind: str) -> Path:
        return {
            "personas": self.folders.personas,
            "scenarios": self.folders.scenarios,
            "rubrics": self.folders.rubrics,
            "catalogue": self.folders.catalogue,
        }[kind]

    def _list_files(self, select: Path | None = None) -> None:
        kind = str(self.kind_box.currentData())
        self.file_box.blockSignals(True)
        self.file_box.clear()
        for path in yaml_files(self._folder(kind)):
            self.file_box.addItem(self._file_label(kind, path), str(path))
        self.file_box.blockSignals(False)
        if select is not None:
            self.file_box.setCurrentIndex(max(0, self.file_box.findData(str(select))))
        if self.file_box.count() and (select is None or self.path != select):
            self._file_chosen()

    def _file_label(self, kind: str, path: Path) -> str:
        if kind == "personas":
            persona = next((p for p in self.library.personas.values() if Path(p.path) == path), None)
            return f"{persona.name_zh} ({path.stem})" if persona else path.name
        if kind == "scenarios":
            scenario = self.library.scenarios.get(path.stem)
            return f"{scenario.name_zh} ({path.stem})" if scenario else path.name
        if kind == "rubrics":
            persona = self.library.personas.get(path.stem)
            return (
                self.tr("共用细则") + " (common)"
                if path.stem == "common"
                else (f"{persona.name_zh} ({path.stem})" if persona else path.name)
            )
        names = {
            "techniques": self.tr("技巧与识别规则"),
            "lexicons": self.tr("词类"),
            "reader_words": self.tr("数字与说法"),
        }
        return f"{names.get(path.stem, path.stem)} ({path.name})"

    def _file_chosen(self) -> None:
        data = self.file_box.currentData()
        if data and Path(data) != self.path:
            self.open_file(Path(data))

    def open_file(self, path: Path, text: str | None = None) -> bool:
        """Show a file (or, with ``text``, a file not written yet); False when the instructor keeps
        edits that are not saved."""
        if self.unsaved and not self.ask_discard():
            if self.path is not None:
                self.file_box.setCurrentIndex(max(0, self.file_box.findData(str(self.path))))
            return False
        self.path = path
        self._saved_text = path.read_text(encoding="utf-8") if path.exists() else ""
        kind = self.kind
        if self.kind_box.currentData() != kind:
            self.kind_box.blockSignals(True)
            self.kind_box.setCurrentIndex(self.kind_box.findData(kind))
            self.kind_box.blockSignals(False)
            self._list_files(select=path)
        if self.file_box.findData(str(path)) >= 0:
            self.file_box.blockSignals(True)
            self.file_box.setCurrentIndex(self.file_box.findData(str(path)))
            self.file_box.blockSignals(False)
        self._build_form(kind)
        self.editor.blockSignals(True)
        self.editor.setPlainText(self._saved_text if text is None else text)
        self.editor.blockSignals(False)
        self.new_scenario_button.setVisible(kind == "scenarios")
        self.validate()
        self.opened.emit(str(path))
        return True

    def _ask_discard(self) -> bool:
        answer = QMessageBox.question(
            self, self.tr("没有保存的修改"), self.tr("这个文件的修改还没有保存,放弃这些修改吗?")
        )
        return answer == QMessageBox.StandardButton.Yes

    # -- the form -------------------------------------------------------------------------------------

    def _labels(self) -> dict[str, str]:
        labels = {
            "name_zh": self.tr("名称"),
            "name_en": self.tr("英文名"),
            "summary": self.tr("一句话描述"),
            "difficulty": self.tr("难度 1–5"),
            "buyer_name": self.tr("旺旺名"),
            "patience_seconds": self.tr("耐心秒数"),
            "leave_after_seconds": self.tr("离开秒数"),
            "shop": self.tr("店铺"),
            "product.name": self.tr("商品全名"),
            "product.kind": self.tr("商品类别({kind})"),
            "product.list_price": self.tr("页面价"),
            "product.floor_price": self.tr("最低价"),
            "buyer.for_whom": self.tr("给谁买"),
            "buyer.complaint": self.tr("售后问题"),
            "buyer.demand": self.tr("买家的要求"),
            "buyer.deadline": self.tr("买家的期限"),
            "pass_mark": self.tr("及格线"),
            "technique_target": self.tr("技巧目标数"),
            "bargaining_expected": self.tr("应当讲价(true/false)"),
            "version": self.tr("版本"),
        }
        weight = self.tr("权重 · %1")
        for key in FORM_FIELDS["rubrics"]:
            if key.startswith("weights."):
                labels[key] = weight.replace("%1", key.partition(".")[2])
        return labels

    def _build_form(self, kind: str) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        self.form_fields = {}
        labels = self._labels()
        fields = FORM_FIELDS.get(kind, ())
        if kind == "rubrics" and self.path is not None and self.path.name == "common.yaml":
            fields = ("pass_mark", *(key for key in fields if key.startswith("weights.")))
        for key in fields:
            field = QLineEdit()
            field.editingFinished.connect(lambda key=key: self._field_edited(key))
            if kind == "rubrics" and key == "pass_mark":
                field.setPlaceholderText(self.tr("不填则沿用共用细则"))
            if not key.startswith("weights."):
                self.form.addRow(labels.get(key, key), field)
            self.form_fields[key] = field
        self._weights_row(labels)

    def _weights_row(self, labels: dict[str, str]) -> None:
        """A rubric's seven weights side by side in one row (one row each would push the text out of
        sight)."""
        weights = [key for key in self.form_fields if key.startswith("weights.")]
        if not weights:
            return
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        for index, key in enumerate(weights):
            field = self.form_fields[key]
            field.setMaximumWidth(52)
            field.setToolTip(labels.get(key, key))
            row, column = divmod(index, 4)
            grid.addWidget(QLabel(key.partition(".")[2]), row, column * 2)
            grid.addWidget(field, row, column * 2 + 1)
        grid.setColumnStretch(8, 1)
        holder = QWidget()
        holder.setLayout(grid)
        self.form.addRow(self.tr("权重(合计 100)"), holder)

    def _field_edited(self, key: str) -> None:
        text = self.editor.toPlainText()
        value = self.form_fields[key].text().strip()
        if field_value(text, key) != value and (value or field_value(text, key) is not None):
            self.replace_text(with_field(text, key, value))
            self.validate()

    def replace_text(self, text: str) -> None:
        """The whole text replaced as one step that 撤销 takes back (setPlainText would clear undo)."""
        cursor = QTextCursor(self.editor.document())
        cursor.beginEditBlock()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.insertText(text)
        cursor.endEditBlock()

    def _fill_form(self) -> None:
        text = self.editor.toPlainText()
        for key, field in self.form_fields.items():
            if not field.hasFocus():
                field.setText(field_value(text, key) or "")

    # -- checking -------------------------------------------------------------------------------------

    def _typed(self) -> None:
        catalogue = self.kind == "catalogue"
        self._timer.start(CATALOGUE_CHECK_DELAY_MS if catalogue else CHECK_DELAY_MS)
        self.status_label.setText(self.tr("检查中…"))
        self.status_label.setProperty("valid", None)
        self.save_button.setEnabled(False)

    def validate(self) -> FileCheck | None:
        """Check the editor's text now (also run after typing pauses)."""
        self._timer.stop()
        if self.path is None:
            return None
        self._fill_form()
        text = self.editor.toPlainText()
        self.check = self.check_text(self.path, text)
        self.problem_list.clear()
        for problem in self.check.problems:
            where = self.tr("第 %1 行:").replace("%1", str(problem.line)) if problem.line > 0 else ""
            item = QListWidgetItem(where + problem.message)
            item.setData(Qt.ItemDataRole.UserRole, problem.line)
            item.setToolTip(str(problem))
            self.problem_list.addItem(item)
        valid = self.check.valid
        if valid:
            note = self.tr("✓ 没有问题")
            if self.kind == "catalogue":
                note += self.tr("(保存后,识别规则在下次启动软件时生效)")
            self.status_label.setText(note)
        else:
            count = len(self.check.problems) or 1
            self.status_label.setText(self.tr("%1 处问题,修好后才能保存").replace("%1", str(count)))
        self.status_label.setProperty("valid", valid)
        self.save_button.setEnabled(valid and (text != self._saved_text or not self.path.exists()))
        self.checked.emit(self.check)
        return self.check

    def check_text(self, path: Path, text: str) -> FileCheck:
        kind = self.kind
        if kind == "personas":
            persona_check = check_persona_text(path, text, self.library)
            return FileCheck(persona_check.persona, persona_check.problems)
        if kind == "scenarios":
            scenario_check = check_scenario_text(path, text, self.library)
            problems = scenario_check.problems
            scenario = scenario_check.scenario
            if scenario is not None and scenario.id != path.stem:
                problem = ContentProblem(
                    str(path), 1, f"id {scenario.id!r} must match the file name {path.stem!r}"
                )
                problems = (*problems, problem)
            return FileCheck(scenario, problems)
        if kind == "rubrics":
            return check_rubric_text(path, text, self.library)
        if self._catalogue_checker is None:
            self._catalogue_checker = CatalogueChecker(self.folders.catalogue)
        return self._catalogue_checker.check(path, text)

    def _jump_to_problem(self, item: QListWidgetItem) -> None:
        line = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(line, int) and line > 0:
            block = self.editor.document().findBlockByNumber(line - 1)
            self.editor.setTextCursor(QTextCursor(block))
            self.editor.centerCursor()
            self.editor.setFocus()

    # -- saving ---------------------------------------------------------------------------------------

    def save(self) -> bool:
        """Write the file only when it is valid (the previous version kept as .bak)."""
        check = self.validate()
        if self.path is None or check is None or not check.valid:
            return False
        text = self.editor.toPlainText()
        created = not self.path.exists()
        save_text(self.path, text)
        self._saved_text = text
        self.save_button.setEnabled(False)
        self._update_library(check.loaded)
        if created:
            self._list_files(select=self.path)
        self.saved.emit(str(self.path), check.loaded)
        return True

    def _update_library(self, loaded: object) -> None:
        """What the rest of the app sees at once (the catalogue waits for the next start: the
        detector in use was built from the old one)."""
        if isinstance(loaded, Persona):
            self.library.personas[loaded.id] = loaded
        elif isinstance(loaded, Scenario):
            self.library.scenarios[loaded.id] = loaded
        elif self.kind == "rubrics" and self.library.rubrics is not None and self.path is not None:
            if self.path.name == "common.yaml":
                self.library.rubrics.common = loaded  # type: ignore[assignment]
            else:
                self.library.rubrics.parts[self.path.stem] = loaded  # type: ignore[assignment]

    # -- a new scenario -------------------------------------------------------------------------------

    def new_scenario(
        self, scenario_id: str | None = None, name_zh: str | None = None, template_id: str | None = None
    ) -> Path | None:
        """A scenario started from a shipped one (valid as it stands) under a new id, opened unsaved:
        the instructor changes the case, then 保存 writes scenarios/<id>.yaml as any save does."""
        if scenario_id is None or name_zh is None or template_id is None:
            answers = self._ask_new_scenario()
            if answers is None:
                return None
            scenario_id, name_zh, template_id = answers
        path = self.folders.scenarios / f"{scenario_id}.yaml"
        problem = self._new_scenario_problem(scenario_id, name_zh, template_id, path)
        if problem:
            self.status_label.setText(problem)
            return None
        template = (self.folders.scenarios / f"{template_id}.yaml").read_text(encoding="utf-8")
        if not self.open_file(path, new_scenario_text(template, scenario_id, name_zh)):
            return None
        if self.file_box.findData(str(path)) < 0:
            self.file_box.addItem(self.tr("(新)") + f" {name_zh} ({scenario_id})", str(path))
        self.file_box.setCurrentIndex(self.file_box.findData(str(path)))
        return path

    def _new_scenario_problem(self, scenario_id: str, name_zh: str, template_id: str, path: Path) -> str:
        if not SCENARIO_ID_RE.fullmatch(scenario_id):
            return self.tr("编号只能用小写字母、数字和下划线,并以字母开头")
        if path.exists() or scenario_id in self.library.scenarios:
            return self.tr("已经有这个编号的场景:%1").replace("%1", scenario_id)
        if not name_zh.strip():
            return self.tr("请填写场景名称")
        if not (self.folders.scenarios / f"{template_id}.yaml").exists():
            return self.tr("找不到模板场景:%1").replace("%1", template_id)
        return ""

    def _ask_new_scenario(self) -> tuple[str, str, str] | None:
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("新建场景"))
        scenario_id, name = QLineEdit(), QLineEdit()
        scenario_id.setPlaceholderText("color_diff_aftersale")
        template = QComboBox()
        for scenario in sorted(self.library.scenarios.values(), key=lambda s: (s.situation.value, s.id)):
            template.addItem(f"{scenario.name_zh} ({scenario.id}, {scenario.situation.value})", scenario.id)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        form = QFormLayout(dialog)
        form.addRow(self.tr("编号(文件名)"), scenario_id)
        form.addRow(self.tr("名称"), name)
        form.addRow(self.tr("从这个场景开始"), template)
        form.addRow(buttons)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return scenario_id.text().strip(), name.text().strip(), str(template.currentData())


__all__ = ["CATALOGUE_CHECK_DELAY_MS", "CHECK_DELAY_MS", "KINDS", "StudioEditor"]
