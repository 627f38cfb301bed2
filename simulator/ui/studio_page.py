"""工作室 Studio: an instructor edits a persona, scenario, rubric or the technique catalogue (the
editor: simulator/ui/studio_editor.py), sees it checked as they type by the checks `lint` runs, sees
the persona's state machine drawn (simulator/ui/studio_diagram.py), and plays it beside the editor
with hot reload on save (RAGE's editor, Ink's live preview and Ren'Py's reload-and-resume are the
models)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from simulator.detection.detector import TechniqueDetector
from simulator.domain.persona import Persona
from simulator.domain.scenario import Scenario
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
from simulator.services.studio import Playtest, StudioFolders, playtest_as_test, state_diagram
from simulator.services.studio_checks import FileCheck
from simulator.ui.detector_workbench import DetectorWorkbench
from simulator.ui.studio_diagram import StateDiagramView
from simulator.ui.studio_editor import CATALOGUE_CHECK_DELAY_MS, CHECK_DELAY_MS, StudioEditor

__all__ = ["CATALOGUE_CHECK_DELAY_MS", "CHECK_DELAY_MS", "StudioPage"]


class StudioPage(QWidget):
    back_requested = Signal()
    saved = Signal(str)  # the path of the file written

    def __init__(
        self,
        library: ContentLibrary,
        detector: TechniqueDetector,
        folders: StudioFolders,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.library, self.detector, self.folders = library, detector, folders
        self.playtest: Playtest | None = None
        self.edited_persona: Persona | None = None  # the persona file in the editor, when it loads

        self.edit = StudioEditor(library, folders)
        self.export_button = QPushButton(self.tr("导出包…"))
        self.import_button = QPushButton(self.tr("导入包…"))
        self.back_button = QPushButton(self.tr("返回"))
        for button in (self.export_button, self.import_button, self.back_button):
            self.edit.top_row.addWidget(button)
        self.diagram = StateDiagramView()

        self.scenario_box = QComboBox()
        self.restart_button = QPushButton(self.tr("重新开始"))
        self.save_test_button = QPushButton(self.tr("存为测试"))
        self.run_tests_button = QPushButton(self.tr("运行测试"))
        self.coverage_button = QPushButton(self.tr("测试覆盖"))
        self.playtest_title = QLabel()
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
        playtest_column.addWidget(self.playtest_title)
        playtest_column.addLayout(scenario_row)
        playtest_column.addWidget(self.log, 1)
        playtest_column.addWidget(self.variables_label)
        playtest_column.addLayout(input_row)

        self.workbench = DetectorWorkbench(library, detector, folders.catalogue / "techniques.yaml")
        self.tabs = QTabWidget()
        self.tabs.addTab(self.diagram, self.tr("状态图"))
        self.tabs.addTab(playtest, self.tr("试玩"))
        self.tabs.addTab(self.workbench, self.tr("识别工作台"))
        splitter = QSplitter()
        splitter.addWidget(self.edit)
        splitter.addWidget(self.tabs)
        splitter.setSizes([560, 540])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self.edit.checked.connect(self._checked)
        self.edit.opened.connect(lambda _path: self._opened())
        self.edit.saved.connect(self._saved)
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
        if self.edit.check is not None:  # the first file was opened before the signals were connected
            self._checked(self.edit.check)
            self._opened()

    # -- the editor's news ----------------------------------------------------------------------------

    def open_file(self, path: Path) -> bool:
        return self.edit.open_file(path)

    def _checked(self, check: FileCheck) -> None:
        persona = check.loaded if isinstance(check.loaded, Persona) and check.valid else None
        if self.edit.kind == "personas":
            self.edited_persona = persona
        if persona is not None:
            current = None
            if self.playtest is not None and self.playtest.persona.id == persona.id:
                current = self.playtest.training.buyer.state
            self.diagram.draw(state_diagram(persona), current)

    def _opened(self) -> None:
        persona = self.edited_persona if self.edit.kind == "personas" else None
        if persona is not None and (self.playtest is None or self.playtest.persona.id != persona.id):
            self.restart_playtest()

    def _saved(self, path: str, loaded: object) -> None:
        if isinstance(loaded, Persona):
            self.edited_persona = loaded
            if self.playtest is not None and self.playtest.persona.id == loaded.id:
                self._note(self.playtest.reload(loaded))
                self._offer_scenarios(loaded)  # its plays_in may have changed
                self._show_state()
            else:
                self.restart_playtest()
        elif isinstance(loaded, Scenario) and self.playtest is not None:
            self._offer_scenarios(self.playtest.persona)
        self.saved.emit(path)

    # -- packs ----------------------------------------------------------------------------------------

    def _content_root(self) -> Path | None:
        """Packs use the shipped layout: personas/, scenarios/, rubrics/ under one folder."""
        return self.folders.personas.parent

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
        added, replaced = self.tr("新增"), self.tr("替换")  # outside the f-string: lupdate skips those
        changes = "\n".join(
            f"{added if entry.action == 'add' else replaced} {entry.member}"
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

    # -- playtest ------------------------------------------------------------------------------------

    def _persona(self) -> Persona | None:
        """The persona in the editor when it loads, else the one being played."""
        if self.edited_persona is not None:
            return self.edited_persona
        return None if self.playtest is None else self.playtest.persona

    def _offer_scenarios(self, persona: Persona) -> None:
        offered = [scenario for scenario in persona.scenarios if scenario in self.library.scenarios]
        if [self.scenario_box.itemData(i) for i in range(self.scenario_box.count())] != offered:
            current = self.scenario_box.currentData()
            self.scenario_box.blockSignals(True)
            self.scenario_box.clear()
            for scenario_id in offered:
                self.scenario_box.addItem(self.library.scenario(scenario_id).name_zh, scenario_id)
            if current in offered:
                self.scenario_box.setCurrentIndex(offered.index(current))
            self.scenario_box.blockSignals(False)

    def restart_playtest(self) -> None:
        persona = self._persona()
        if persona is None:
            return
        self._offer_scenarios(persona)
        scenario_id = self.scenario_box.currentData() or persona.default_scenario
        self.playtest = Playtest(self.library, self.detector, persona, scenario_id)
        self.playtest_title.setText(self.tr("试玩:%1").replace("%1", f"{persona.name_zh} ({persona.id})"))
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
        if self.playtest is None or not self.playtest.said:
            return None
        training = self.playtest.training
        card = score(training.buyer, self.library.catalogue, training.rubric)
        path = playtest_as_test(self.playtest, self.folders.tests, card.passed)
        self._note(self.tr("已存为测试:") + str(path))
        return path

    def run_tests(self) -> list[TestResult]:
        """Every test of this persona, run now against the saved files; each result in the log."""
        persona = self._persona()
        if persona is None:
            return []
        tests, problems = load_tests(persona_test_files([], self.folders.tests))
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
        if persona is None:
            return None
        tests, _ = load_tests(persona_test_files([], self.folders.tests))
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
        shown = self.diagram.diagram
        if shown is not None and set(shown.states) == {state.name for state in self.playtest.persona.states}:
            self.diagram.draw(state_diagram(self.playtest.persona), current=buyer.state)

    def _say(self, who: str, text: str) -> None:
        self.log.append(f"<b>{who}</b>:{_escape(text)}")

    def _note(self, text: str) -> None:
        self.log.append(f"<span style='color:#6b7280'>{_escape(text)}</span>")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
