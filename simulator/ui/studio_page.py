"""工作室 Studio: an instructor edits a persona's YAML, sees it checked as they type (the same checks
as `lint`), sees its state machine drawn, and plays it beside the editor with hot reload on save
(RAGE's editor, Ink's live preview and Ren'Py's reload-and-resume are the models)."""

from __future__ import annotations

import math
from pathlib import Path

from PySide6.QtCore import QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPen, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from simulator.detection.detector import TechniqueDetector
from simulator.domain.persona import Persona
from simulator.locations import content_root
from simulator.services.library import ContentLibrary
from simulator.services.packs import PackPlan, export_pack, inspect_pack, install_pack
from simulator.services.persona_tests import (
    Coverage,
    TestResult,
    coverage,
    load_tests,
    persona_test_files,
    run_test,
)
from simulator.services.scoring import score
from simulator.services.studio import (
    FORM_FIELDS,
    PersonaCheck,
    Playtest,
    ScenarioCheck,
    StateDiagram,
    check_persona_text,
    check_scenario_text,
    field_value,
    playtest_as_test,
    save_text,
    state_diagram,
    with_field,
)
from simulator.ui.detector_workbench import DetectorWorkbench

CHECK_DELAY_MS = 300  # validate this long after the last key press


class StudioPage(QWidget):
    back_requested = Signal()
    saved = Signal(str)  # the path of the file written

    def __init__(
        self, library: ContentLibrary, detector: TechniqueDetector, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.library, self.detector = library, detector
        self.path: Path | None = None
        self.check: PersonaCheck | None = None
        self.scenario_check: ScenarioCheck | None = None
        self.playtest: Playtest | None = None
        self._saved_text = ""

        self.persona_box = QComboBox()
        for persona in sorted(library.personas.values(), key=lambda p: p.id):
            self.persona_box.addItem(f"{persona.name_zh} ({persona.id})", persona.path)
        root = next((Path(p.path).parent.parent for p in library.personas.values() if p.path), None)
        for scenario in sorted(library.scenarios.values(), key=lambda s: s.id):
            if root is not None:
                self.persona_box.addItem(
                    f"场景 · {scenario.name_zh} ({scenario.id})",
                    str(root / "scenarios" / f"{scenario.id}.yaml"),
                )
        # The common fields as a form: editing one rewrites its line in the text, and back.
        self.form = QFormLayout()
        self.form_fields: dict[str, QLineEdit] = {}
        self._form_box = QWidget()
        self._form_box.setLayout(self.form)
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("studioEditor")
        self.editor.setFont(QFont("monospace", 10))
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.status_label = QLabel()
        self.status_label.setObjectName("studioStatus")
        self.problem_list = QListWidget()
        self.problem_list.setObjectName("studioProblems")
        self.problem_list.setMaximumHeight(140)
        self.problem_list.itemClicked.connect(self._jump_to_problem)
        self.problem_list.itemActivated.connect(self._jump_to_problem)
        self.save_button = QPushButton(self.tr("保存"))
        self.undo_button = QPushButton(self.tr("撤销"))
        self.back_button = QPushButton(self.tr("返回"))
        self.export_button = QPushButton(self.tr("导出包…"))
        self.import_button = QPushButton(self.tr("导入包…"))
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("买家")))
        top.addWidget(self.persona_box, 1)
        top.addWidget(self.undo_button)
        top.addWidget(self.save_button)
        top.addWidget(self.export_button)
        top.addWidget(self.import_button)
        top.addWidget(self.back_button)
        left = QWidget()
        left_column = QVBoxLayout(left)
        left_column.setContentsMargins(0, 0, 0, 0)
        left_column.addLayout(top)
        left_column.addWidget(self._form_box)
        left_column.addWidget(self.editor, 1)
        left_column.addWidget(self.status_label)
        left_column.addWidget(self.problem_list)

        self.diagram_scene = QGraphicsScene(self)
        self.diagram_view = QGraphicsView(self.diagram_scene)
        self.diagram_view.setObjectName("studioDiagram")
        self.diagram_view.setRenderHints(self.diagram_view.renderHints())
        self.legend = QLabel(
            self.tr(
                "粗框:初始状态 · 灰底:结束状态 · 黄底:试玩中的当前状态 · "
                "红框:到不了的状态 · 橙色虚框:走不出去的状态"
            )
        )
        self.legend.setWordWrap(True)
        diagram = QWidget()
        diagram_column = QVBoxLayout(diagram)
        diagram_column.addWidget(self.diagram_view, 1)
        diagram_column.addWidget(self.legend)

        self.scenario_box = QComboBox()
        self.restart_button = QPushButton(self.tr("重新开始"))
        self.save_test_button = QPushButton(self.tr("存为测试"))
        self.run_tests_button = QPushButton(self.tr("运行测试"))
        self.coverage_button = QPushButton(self.tr("测试覆盖"))
        self.log = QTextBrowser()
        self.log.setObjectName("studioPlaytest")
        self.variables_label = QLabel()
        self.variables_label.setWordWrap(True)
        self.input = QLineEdit()
        self.input.setPlaceholderText(self.tr("以客服身份输入,回车发送"))
        self.send_button = QPushButton(self.tr("发送"))
        scenario_row = QHBoxLayout()
        scenario_row.addWidget(QLabel(self.tr("场景")))
        scenario_row.addWidget(self.scenario_box, 1)
        scenario_row.addWidget(self.restart_button)
        scenario_row.addWidget(self.save_test_button)
        scenario_row.addWidget(self.run_tests_button)
        scenario_row.addWidget(self.coverage_button)
        input_row = QHBoxLayout()
        input_row.addWidget(self.input, 1)
        input_row.addWidget(self.send_button)
        playtest = QWidget()
        playtest_column = QVBoxLayout(playtest)
        playtest_column.addLayout(scenario_row)
        playtest_column.addWidget(self.log, 1)
        playtest_column.addWidget(self.variables_label)
        playtest_column.addLayout(input_row)

        first = next(iter(library.personas.values()), None)
        root = Path(first.path).parent.parent if first is not None and first.path else content_root()
        self.workbench = DetectorWorkbench(library, detector, root / "catalogue" / "techniques.yaml")
        self.tabs = QTabWidget()
        self.tabs.addTab(diagram, self.tr("状态图"))
        self.tabs.addTab(playtest, self.tr("试玩"))
        self.tabs.addTab(self.workbench, self.tr("识别工作台"))
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.tabs)
        splitter.setSizes([560, 540])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.validate)
        self.editor.textChanged.connect(lambda: self._timer.start(CHECK_DELAY_MS))
        self.persona_box.currentIndexChanged.connect(
            lambda _index: self.open_file(Path(self.persona_box.currentData()))
        )
        self.save_button.clicked.connect(lambda: self.save())
        self.undo_button.clicked.connect(self.editor.undo)
        self.back_button.clicked.connect(self.back_requested)
        self.export_button.clicked.connect(lambda: self.export_pack())
        self.import_button.clicked.connect(lambda: self.import_pack())
        self.send_button.clicked.connect(lambda: self.send())
        self.input.returnPressed.connect(lambda: self.send())
        self.restart_button.clicked.connect(self.restart_playtest)
        self.save_test_button.clicked.connect(lambda: self.save_as_test())
        self.run_tests_button.clicked.connect(lambda: self.run_tests())
        self.coverage_button.clicked.connect(lambda: self.show_coverage())
        self.scenario_box.currentIndexChanged.connect(lambda _index: self.restart_playtest())
        if self.persona_box.count():
            self.open_file(Path(self.persona_box.currentData()))

    # -- editing ----------------------------------------------------------------------------------

    def open_file(self, path: Path) -> None:
        self.path = path
        self._saved_text = path.read_text(encoding="utf-8")
        self._build_form(path.parent.name)
        self.editor.setPlainText(self._saved_text)
        self.validate()
        self.restart_playtest()

    @property
    def is_scenario(self) -> bool:
        return self.path is not None and self.path.parent.name == "scenarios"

    def _build_form(self, folder: str) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        self.form_fields = {}
        for key, label in FORM_FIELDS.get(folder, ()):
            field = QLineEdit()
            field.editingFinished.connect(lambda key=key: self._field_edited(key))
            self.form.addRow(label, field)
            self.form_fields[key] = field

    def _field_edited(self, key: str) -> None:
        text = self.editor.toPlainText()
        value = self.form_fields[key].text()
        if field_value(text, key) != value:
            self.editor.setPlainText(with_field(text, key, value))
            self.validate()

    def _fill_form(self) -> None:
        text = self.editor.toPlainText()
        for key, field in self.form_fields.items():
            if not field.hasFocus():
                field.setText(field_value(text, key) or "")

    def validate(self) -> PersonaCheck | None:
        """Check the editor's text now (also run 300 ms after typing stops)."""
        self._timer.stop()
        if self.path is None:
            return None
        self._fill_form()
        if self.is_scenario:
            self.scenario_check = check_scenario_text(self.path, self.editor.toPlainText(), self.library)
            self.check = (
                PersonaCheck(None, self.scenario_check.problems) if not self.scenario_check.valid else None
            )
        else:
            self.scenario_check = None
            self.check = check_persona_text(self.path, self.editor.toPlainText(), self.library)
        shown = self.check if self.check is not None else PersonaCheck(None, ())
        valid = self.scenario_check.valid if self.scenario_check is not None else shown.valid
        self.problem_list.clear()
        for problem in shown.problems:
            item = QListWidgetItem(self.tr("第 %1 行:").replace("%1", str(problem.line)) + problem.message)
            item.setData(Qt.ItemDataRole.UserRole, problem.line)
            self.problem_list.addItem(item)
        if valid:
            self.status_label.setText(self.tr("✓ 没有问题"))
        else:
            self.status_label.setText(
                self.tr("%1 处问题,修好后才能保存").replace("%1", str(len(shown.problems)))
            )
        self.status_label.setProperty("valid", valid)
        self.save_button.setEnabled(valid and self.editor.toPlainText() != self._saved_text)
        if shown.persona is not None:
            self._draw(state_diagram(shown.persona))
        return self.check

    def _jump_to_problem(self, item: QListWidgetItem) -> None:
        line = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(line, int) and line > 0:
            block = self.editor.document().findBlockByNumber(line - 1)
            cursor = QTextCursor(block)
            self.editor.setTextCursor(cursor)
            self.editor.centerCursor()
            self.editor.setFocus()

    def save(self) -> bool:
        """Write the file only when it is valid (the previous version kept as .bak); hot reload."""
        check = self.validate()
        if self.path is not None and self.scenario_check is not None:
            if not self.scenario_check.valid or self.scenario_check.scenario is None:
                return False
            save_text(self.path, self.editor.toPlainText())
            self._saved_text = self.editor.toPlainText()
            self.save_button.setEnabled(False)
            self.library.scenarios[self.scenario_check.scenario.id] = self.scenario_check.scenario
            self.saved.emit(str(self.path))
            return True
        if self.path is None or check is None or not check.valid or check.persona is None:
            return False
        text = self.editor.toPlainText()
        save_text(self.path, text)
        self._saved_text = text
        self.save_button.setEnabled(False)
        self.library.personas[check.persona.id] = check.persona
        if self.playtest is not None:
            self._note(self.playtest.reload(check.persona))
            self._show_state()
        self.saved.emit(str(self.path))
        return True

    # -- packs ----------------------------------------------------------------------------------------

    def _content_root(self) -> Path | None:
        return None if self.path is None else self.path.parent.parent

    def export_pack(self, destination: str | None = None) -> Path | None:
        """The persona with its scenarios, rubric and tests, as one zip to share."""
        persona, root = self._persona(), self._content_root()
        if persona is None or root is None:
            return None
        if destination is None:
            destination, _ = QFileDialog.getSaveFileName(
                self, self.tr("导出买家包"), f"{persona.id}.zip", "Zip (*.zip)"
            )
        if not destination:
            return None
        path = export_pack(self.library, persona.id, root, Path(destination))
        self._note(self.tr("已导出:") + str(path))
        return path

    def import_pack(self, source: str | None = None, confirm: bool | None = None) -> PackPlan | None:
        """Check a pack (paths, sizes, schema, lint, its tests), say what it adds and replaces, install."""
        root = self._content_root()
        if root is None:
            return None
        if source is None:
            source, _ = QFileDialog.getOpenFileName(self, self.tr("导入买家包"), "", "Zip (*.zip)")
        if not source:
            return None
        plan = inspect_pack(Path(source), root, self.library, self.detector)
        if not plan.installable:
            reasons = "\n".join(plan.problems) or self.tr("包里的文件和现有的完全一样")
            QMessageBox.warning(self, self.tr("不能导入"), reasons)
            return plan
        changes = "\n".join(
            f"{self.tr('新增') if entry.action == 'add' else self.tr('替换')} {entry.member}"
            for entry in plan.entries
            if entry.action != "same"
        )
        question = (
            self.tr("检查通过(%1 个测试全部通过)。将要:").replace("%1", str(plan.tests_run)) + "\n" + changes
        )
        if confirm is None:
            answer = QMessageBox.question(self, self.tr("导入买家包"), question)
            confirm = answer == QMessageBox.StandardButton.Yes
        if confirm:
            install_pack(plan, root)
            self._note(self.tr("已导入:") + changes.replace("\n", "; "))
            self.saved.emit(source)
        return plan

    # -- the diagram --------------------------------------------------------------------------------

    def _draw(self, diagram: StateDiagram, current: str | None = None) -> None:
        self._diagram = diagram
        scene = self.diagram_scene
        scene.clear()
        count = max(1, len(diagram.states))
        radius = 60 + 28 * count
        centres: dict[str, QPointF] = {}
        for index, name in enumerate(diagram.states):
            angle = 2 * math.pi * index / count - math.pi / 2
            centres[name] = QPointF(radius * math.cos(angle), radius * math.sin(angle))
        pairs: dict[tuple[str, str], list[str]] = {}
        for edge in diagram.edges:
            if edge.source != edge.dest and edge.dest in centres:
                pairs.setdefault((edge.source, edge.dest), []).append(edge.event)
        for (source, dest), events in pairs.items():
            start, end = centres[source], centres[dest]
            scene.addLine(start.x(), start.y(), end.x(), end.y(), QPen(QColor("#9ca3af"), 1))
            tip = start + (end - start) * 0.78  # an arrow's head near the destination
            scene.addEllipse(
                tip.x() - 3, tip.y() - 3, 6, 6, QPen(QColor("#4b5563")), QBrush(QColor("#4b5563"))
            )
            middle = start + (end - start) * 0.5
            label = scene.addText(", ".join(dict.fromkeys(events))[:40])
            label.setDefaultTextColor(QColor("#6b7280"))
            label.setScale(0.75)
            label.setPos(middle)
        for name in diagram.states:
            centre = centres[name]
            pen = QPen(QColor("#374151"), 3 if name == diagram.initial else 1)
            if name in diagram.unreachable:
                pen = QPen(QColor("#dc2626"), 2)
            elif name in diagram.dead_ends:
                pen = QPen(QColor("#ea580c"), 2, Qt.PenStyle.DashLine)
            fill = "#fde68a" if name == current else "#e5e7eb" if name in diagram.finals else "#ffffff"
            box = scene.addRect(centre.x() - 55, centre.y() - 18, 110, 36, pen, QBrush(QColor(fill)))
            box.setData(0, name)
            text = scene.addText(f"{diagram.labels.get(name, name)}\n{name}")
            text.setScale(0.8)
            text.setPos(centre.x() - 50, centre.y() - 18)
        self.diagram_view.fitInView(scene.itemsBoundingRect(), Qt.AspectRatioMode.KeepAspectRatio)

    # -- playtest ------------------------------------------------------------------------------------

    def _persona(self) -> Persona | None:
        return self.check.persona if self.check is not None and self.check.valid else None

    def restart_playtest(self) -> None:
        persona = self._persona()
        if persona is None:
            return
        offered = [scenario for scenario in persona.scenarios if scenario in self.library.scenarios]
        if [self.scenario_box.itemData(i) for i in range(self.scenario_box.count())] != offered:
            self.scenario_box.blockSignals(True)
            self.scenario_box.clear()
            for scenario_id in offered:
                self.scenario_box.addItem(self.library.scenario(scenario_id).name_zh, scenario_id)
            self.scenario_box.blockSignals(False)
        scenario_id = self.scenario_box.currentData() or persona.default_scenario
        self.playtest = Playtest(self.library, self.detector, persona, scenario_id)
        self.log.clear()
        for line in self.playtest.opening:
            self._say("买家", line)
        self._show_state()

    def send(self, text: str | None = None) -> None:
        text = self.input.text() if text is None else text
        if not text.strip() or self.playtest is None:
            return
        self.input.clear()
        self._say("客服", text)
        record = self.playtest.send(text)
        techniques = ", ".join(record.detection.techniques) if record.detection else ""
        if techniques:
            self._note(self.tr("识别到:") + techniques)
        for change in record.changes:
            self._note(
                f"{change.variable} {change.before:g}→{change.after:g}"
                f"({change.cause.event}: {change.cause.note})"
            )
        if record.state_change is not None:
            change = record.state_change
            self._note(f"{change.source} → {change.dest}({change.cause.event},第 {change.cause.line} 行)")
        for line in record.buyer_lines:
            self._say("买家", line)
        self._show_state()

    def save_as_test(self) -> Path | None:
        """The playtest so far, as a persona test in personas/tests (`python main.py test` runs it)."""
        if self.playtest is None or not self.playtest.said or self.path is None:
            return None
        training = self.playtest.training
        card = score(training.buyer, self.library.catalogue, training.rubric)
        path = playtest_as_test(self.playtest, self.path.parent / "tests", card.passed)
        self._note(self.tr("已存为测试:") + str(path))
        return path

    def run_tests(self) -> list[TestResult]:
        """Every test of this persona, run now against the saved files; each result in the log."""
        persona = self._persona()
        if persona is None or self.path is None:
            return []
        tests, problems = load_tests(persona_test_files([], self.path.parent / "tests"))
        results = [
            run_test(test, self.library, self.detector) for test in tests if test.model.persona == persona.id
        ]
        for problem in problems:
            self._note(f"✗ {problem}")
        for result in results:
            mark = "✓" if result.passed else "✗"
            self._note(
                f"{mark} {result.test.name}"
                + ("" if result.passed else ": " + "; ".join(result.failures[:3]))
            )
        passed = sum(result.passed for result in results)
        self._note(
            self.tr("%1 个通过,%2 个失败")
            .replace("%1", str(passed))
            .replace("%2", str(len(results) - passed))
        )
        return results

    def show_coverage(self) -> Coverage | None:
        """Which reactions and transitions of this persona no test ever exercises, by line."""
        persona = self._persona()
        if persona is None or self.path is None:
            return None
        tests, _ = load_tests(persona_test_files([], self.path.parent / "tests"))
        mine = [test for test in tests if test.model.persona == persona.id]
        report = next(iter(coverage(mine, self.library, self.detector)), None)
        if report is None:
            self._note(self.tr("这个买家还没有测试"))
            return None
        reactions = report.total_reactions - len(report.reactions)
        transitions = report.total_transitions - len(report.transitions)
        self._note(
            self.tr("测试覆盖:反应 %1/%2,状态转换 %3/%4")
            .replace("%1", str(reactions))
            .replace("%2", str(report.total_reactions))
            .replace("%3", str(transitions))
            .replace("%4", str(report.total_transitions))
        )
        for line, event, dest in report.transitions:
            self._note(
                self.tr("没有测试走过:第 %1 行 %2 → %3")
                .replace("%1", str(line))
                .replace("%2", event)
                .replace("%3", dest)
            )
        for line, event in report.reactions[:30]:
            self._note(
                self.tr("没有测试触发:第 %1 行 %2 的反应").replace("%1", str(line)).replace("%2", event)
            )
        return report

    def _show_state(self) -> None:
        if self.playtest is None:
            return
        buyer = self.playtest.training.buyer
        values = " · ".join(f"{name} {value:g}" for name, value in buyer.variables.items())
        self.variables_label.setText(f"{buyer.state} · {values}")
        if self.check is not None and self.check.persona is not None:
            self._draw(state_diagram(self.playtest.persona), current=buyer.state)

    def _say(self, who: str, text: str) -> None:
        self.log.append(f"<b>{who}</b>:{_escape(text)}")

    def _note(self, text: str) -> None:
        self.log.append(f"<span style='color:#6b7280'>{_escape(text)}</span>")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


__all__ = ["StudioPage"]
