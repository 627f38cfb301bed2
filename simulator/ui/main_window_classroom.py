"""The classroom's actions of the main window (issue 15): 课堂回放, the class board, assigned exams
and the classroom database setting. A mixin of MainWindow, kept apart so each file stays readable;
it uses the window's stack, archive and session helpers."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QStackedWidget, QWidget
from sqlalchemy.exc import SQLAlchemyError

from simulator.services.exams import Exam
from simulator.services.training import TrainingSession
from simulator.ui.database_dialog import DatabaseDialog
from simulator.ui.i18n import DEFAULT_LANGUAGE
from simulator.ui.replay_page import ReplayPage

if TYPE_CHECKING:
    from simulator.detection.detector import TechniqueDetector
    from simulator.services.archive import SessionArchive
    from simulator.services.exams import ExamService
    from simulator.services.library import ContentLibrary
    from simulator.ui.class_board_page import ClassBoardPage
    from simulator.ui.start_page import StartPage


class ClassroomActions:
    """Mixed into MainWindow (a QMainWindow), whose attributes these are. Its strings are translated
    in MainWindow's context, the class they show in."""

    library: ContentLibrary
    detector: TechniqueDetector
    repository: SessionArchive | None
    exams: ExamService | None
    start_page: StartPage
    class_board_page: ClassBoardPage | None
    stack: QStackedWidget
    language: str
    replay_page: ReplayPage | None
    _replay_return: QWidget | None

    def start_exam(self, exam: Exam) -> None:
        """An exam the teacher assigned: its buyer, shop and seed for everyone, and its time limit."""
        if self.exams is None or self.exams.still_open(exam.id) is None:
            QMessageBox.information(
                self,
                QCoreApplication.translate("MainWindow", "考试"),
                QCoreApplication.translate("MainWindow", "这场考试已经结束了。"),
            )
            self.start_page.refresh_exams()
            return
        self._last = (exam.persona, exam.scenario, "exam", exam.seed)
        training = TrainingSession.start(
            self.library, self.detector, exam.persona, exam.scenario, exam.seed, "exam", self._store,
            datetime.now(), trainee=self.start_page.trainee_name(), exam_id=exam.id,
        )  # fmt: skip
        self._open_chat(training, "exam", time_limit_s=exam.time_limit_minutes * 60.0)

    def show_class_board(self) -> None:
        if self.class_board_page is None or self.session_running():
            return
        self._leave_session()
        self.class_board_page.refresh()
        self.stack.setCurrentWidget(self.class_board_page)

    def choose_database(self) -> None:
        if DatabaseDialog(parent=self).exec():
            self.statusBar().showMessage(
                QCoreApplication.translate("MainWindow", "数据库设置已保存,重新启动后生效"), 8000
            )

    def show_replay(self, session_id: int, message: int | None = None) -> bool:
        """课堂回放: a stored session step by step for the class, at trainee message ``message``."""
        if self.repository is None or self.session_running():
            return False
        try:
            stored = self.repository.load(session_id)
        except (LookupError, SQLAlchemyError) as error:
            QMessageBox.warning(
                self,
                QCoreApplication.translate("MainWindow", "无法回放"),
                QCoreApplication.translate("MainWindow", "读不到这个会话:") + str(error),
            )
            return False
        if self.replay_page is None:
            english = self.language != DEFAULT_LANGUAGE
            self.replay_page = ReplayPage(self.library, self.detector, english)
            self.replay_page.back_requested.connect(
                lambda: self.stack.setCurrentWidget(self._replay_return or self.start_page)
            )
            self.stack.addWidget(self.replay_page)
        self._replay_return = self.stack.currentWidget()
        if not self.replay_page.open(stored):
            return False
        if message:
            self.replay_page.go(self.replay_page.step_for_message(message))
        self.stack.setCurrentWidget(self.replay_page)
        self.replay_page.setFocus()
        return True
