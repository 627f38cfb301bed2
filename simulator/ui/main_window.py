"""The main window: start page → chat → report, in one stack."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QFrame,
    QLabel,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from simulator.detection.detector import TechniqueDetector
from simulator.domain.history import SessionSummary
from simulator.locations import content_root
from simulator.services.archive import Repository, SessionArchive
from simulator.services.class_board import ClassBoardService
from simulator.services.exams import ExamService
from simulator.services.library import ContentLibrary
from simulator.services.report_html import chart_svg, render_report
from simulator.services.report_view import report_view
from simulator.services.studio import StudioFolders
from simulator.services.training import SessionInUse, TrainingSession
from simulator.ui.chat_page import ChatPage
from simulator.ui.class_board_page import ClassBoardPage
from simulator.ui.history_page import HistoryPage
from simulator.ui.i18n import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    SETTINGS_KEY,
    install_language,
    saved_language,
    settings,
)
from simulator.ui.main_window_classroom import ClassroomActions
from simulator.ui.presenter import CONTRAST_KEY, SCALE_KEY, STEP, ViewSettings
from simulator.ui.progress_page import ProgressPage
from simulator.ui.replay_page import ReplayPage
from simulator.ui.report_page import ReportPage
from simulator.ui.session_controller import SessionController
from simulator.ui.start_page import StartPage
from simulator.ui.studio_page import StudioPage

EXAM_SEED = 1  # 考核 uses a fixed seed so that every trainee meets the same buyer


class MainWindow(ClassroomActions, QMainWindow):
    def __init__(
        self,
        library: ContentLibrary,
        detector: TechniqueDetector,
        seed: int | None = None,
        repository: SessionArchive | None = None,
    ) -> None:
        super().__init__()
        self.library = library
        self.detector = detector
        self.seed = seed
        self.repository = repository  # every session is kept when there is one
        self.compare_with: SessionSummary | None = None  # 从这里重试: the session being retried
        self.resize(1100, 720)
        self.stack = QStackedWidget()
        # Above every page: why sessions are not being kept (a read-only database, a failed write).
        self.banner = QLabel()
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.hide()
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.banner)
        column.addWidget(self.stack, 1)
        self.stack.currentChanged.connect(self._size_to_current_page)
        # At 300 % a dense page needs more room than a projector's 1080 lines: it scrolls inside the
        # window instead of pushing the window off the screen.
        self.page_scroll = QScrollArea()
        self.page_scroll.setObjectName("pageScroll")
        self.page_scroll.setWidgetResizable(True)
        self.page_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.page_scroll.setWidget(central)
        self.setCentralWidget(self.page_scroll)
        self._storage_error = ""
        self._damage = ""
        self.controller: SessionController | None = None
        self._last: tuple[str, str, str, int] | None = None
        self.language = saved_language()
        app = QApplication.instance()
        self.view = ViewSettings(app, self) if isinstance(app, QApplication) else None
        if self.view is not None:
            scale = float(settings().value(SCALE_KEY, 1.0) or 1.0)
            self.view.apply(scale, str(settings().value(CONTRAST_KEY, "false")).lower() == "true")
        for keys, action in (
            ("F11", self.toggle_full_screen),
            (QKeySequence.StandardKey.ZoomIn, lambda: self.zoom(STEP)),
            ("Ctrl+=", lambda: self.zoom(STEP)),
            (QKeySequence.StandardKey.ZoomOut, lambda: self.zoom(-STEP)),
            ("Ctrl+0", lambda: self.zoom(None)),
        ):
            QShortcut(QKeySequence(keys), self, activated=action)
        self._build()
        self.show_content_problems()
        self._show_banner()

    def _size_to_current_page(self) -> None:
        """Only the page shown sets the window's minimum size: a stack otherwise takes the largest of
        all its pages, and at 300 % one wide page would make every page scroll sideways."""
        current = self.stack.currentWidget()
        for index in range(self.stack.count()):
            page = self.stack.widget(index)
            policy = QSizePolicy.Policy.Preferred if page is current else QSizePolicy.Policy.Ignored
            page.setSizePolicy(policy, policy)
        self.stack.updateGeometry()

    # -- presenter mode (issue 15) -------------------------------------------------------------

    def toggle_full_screen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()

    def zoom(self, step: float | None) -> float:
        """Scale every page by ``step`` (None: back to 100 %), 100–300 %; remembered on this machine."""
        if self.view is None:
            return 1.0
        self.view.apply(1.0 if step is None else self.view.scale + step)
        settings().setValue(SCALE_KEY, self.view.scale)
        self.statusBar().showMessage(
            self.tr("显示比例 %1%").replace("%1", str(round(self.view.scale * 100))), 3000
        )
        return self.view.scale

    def set_high_contrast(self, on: bool) -> None:
        if self.view is not None:
            self.view.apply(high_contrast=on)
            settings().setValue(CONTRAST_KEY, "true" if on else "false")

    def database_damaged(self, detail: str) -> None:
        """The full check of the database, run after start-up, found damage: said now, and at the
        next start the check runs first and offers a fresh file."""
        head = self.tr("会话记录文件有损坏,新的练习可能无法保存;重新启动软件时可以新建记录文件")
        self._damage = f"{head}: {detail}"
        self._show_banner()

    def set_storage_error(self, text: str) -> None:
        """A write failed (kept in memory, retried with the next one), or '' once one succeeds."""
        self._storage_error = text
        self._show_banner()

    def _show_banner(self) -> None:
        lines = []
        if self.repository is not None and self.repository.notice:
            if self.repository.read_only:
                head = self.tr("会话记录只能查看,新的练习不会保存") + ": "
            elif self.repository.in_memory:
                head = self.tr("会话记录无法保存,本次运行的练习只保存在内存里") + ": "
            else:
                head = ""
            lines.append(head + self.repository.notice)
        if self._damage:
            lines.append(self._damage)
        if self._storage_error:
            lines.append(self._storage_error)
        self.banner.setText("\n".join(lines))
        self.banner.setVisible(bool(lines))

    def show_content_problems(self) -> None:
        """Files the library skipped (a broken persona, a scenario that does not load) are said."""
        problems = self.library.problems
        if not problems:
            return
        text = self.tr("有 %1 个内容文件没有加载(请运行 python main.py lint 查看):").replace(
            "%1", str(len(problems))
        )
        self.statusBar().showMessage(text + " " + "; ".join(str(problem) for problem in problems[:3]))
        self.statusBar().setToolTip("\n".join(str(problem) for problem in problems))

    def _build(self) -> None:
        """Pages and menus, in the current language (rebuilt when the language changes)."""
        self.setWindowTitle(self.tr("网店客服陪练"))
        while self.stack.count():
            page = self.stack.widget(0)
            self.stack.removeWidget(page)
            page.deleteLater()
        english = self.language != DEFAULT_LANGUAGE
        archive = self.repository
        self.exams = ExamService.for_archive(archive, self.library) if archive is not None else None
        self.start_page = StartPage(self.library, english, exams=self.exams)
        self.start_page.exam_chosen.connect(self.start_exam)
        self.chat_page = ChatPage(self.library.catalogue, english)
        self.report_page = ReportPage()
        for page in (self.start_page, self.chat_page, self.report_page):
            self.stack.addWidget(page)
        self.history_page: HistoryPage | None = None
        self.class_board_page: ClassBoardPage | None = None
        if self.repository is not None:
            names = {technique.id: technique.name_zh for technique in self.library.catalogue.techniques}
            self.history_page = HistoryPage(self.repository, names)
            self.history_page.set_personas(
                [(p.id, p.name_en if english else p.name_zh) for p in self.library.personas.values()]
            )
            self.history_page.set_scenarios(
                [(s.id, s.name_en if english else s.name_zh) for s in self.library.scenarios.values()]
            )
            self.history_page.set_labels(self._label)
            self.history_page.set_content(self.library, self.detector)
            self.history_page.discuss_requested.connect(self.show_replay)
            self.history_page.back_requested.connect(self.show_start)
            self.history_page.retry_requested.connect(self.retry_from)
            self.history_page.report_requested.connect(lambda session_id: self.export_report(session_id))
            self.stack.addWidget(self.history_page)
            self.progress_page = ProgressPage(self.repository, self.library)
            self.progress_page.back_requested.connect(self.show_start)
            self.stack.addWidget(self.progress_page)
            assert self.exams is not None
            self.class_board_page = ClassBoardPage(
                ClassBoardService.for_archive(self.repository, self.library), self.exams, self.library
            )
            self.class_board_page.back_requested.connect(self.show_start)
            self.class_board_page.turn_requested.connect(self.show_replay)
            self.class_board_page.exams_changed.connect(self.start_page.refresh_exams)
            self.stack.addWidget(self.class_board_page)
        self.start_page.start_requested.connect(self.start_session)
        self.chat_page.end_requested.connect(self.end_session)
        self.chat_page.session_finished.connect(self.show_report)
        self.report_page.retry_requested.connect(self.retry)
        self.report_page.change_requested.connect(self.show_start)
        self.studio_page: StudioPage | None = None
        self.replay_page: ReplayPage | None = None
        self._replay_return: QWidget | None = None
        self.menuBar().clear()
        studio = self.menuBar().addMenu(self.tr("工作室"))
        studio.addAction(self.tr("编辑与试玩买家"), self.show_studio)
        if self.history_page is not None:
            records = self.menuBar().addMenu(self.tr("记录"))
            records.addAction(self.tr("历史会话"), self.show_history)
            records.addAction(self.tr("我的进步"), self.show_progress)
            records.addAction(self.tr("班级看板"), self.show_class_board)
        menu = self.menuBar().addMenu(self.tr("设置"))
        presenter = menu.addMenu(self.tr("演示模式"))
        presenter.addAction(self.tr("全屏 (F11)"), self.toggle_full_screen)
        presenter.addAction(self.tr("放大 (Ctrl+)"), lambda: self.zoom(STEP))
        presenter.addAction(self.tr("缩小 (Ctrl−)"), lambda: self.zoom(-STEP))
        presenter.addAction(self.tr("原始大小 (Ctrl+0)"), lambda: self.zoom(None))
        contrast = presenter.addAction(self.tr("高对比度"))
        contrast.setCheckable(True)
        contrast.setChecked(self.view is not None and self.view.high_contrast)
        contrast.toggled.connect(self.set_high_contrast)
        menu.addAction(self.tr("班级数据库…"), self.choose_database)
        languages = menu.addMenu(self.tr("语言 Language"))
        for code, name in LANGUAGES.items():
            action = languages.addAction(name)
            action.setCheckable(True)
            action.setChecked(code == self.language)
            action.triggered.connect(lambda _checked=False, code=code: self.set_language(code))

    @property
    def _store(self) -> Repository | None:
        """Where TrainingSession writes (the archive's repository), None when sessions are not kept."""
        return self.repository.writer if self.repository is not None else None

    def _label(self, persona_id: str, kind: str, name: str) -> str:
        """A stored variable's or state's name as the trainee sees it, in the window's language."""
        persona = self.library.personas.get(persona_id)
        if persona is None:
            return name
        english = self.language != DEFAULT_LANGUAGE
        if kind == "variable":
            return persona.variable_label(name, english)
        try:
            state = persona.state(name)
        except KeyError:
            return name
        return state.label_en if english else state.label_zh

    def set_language(self, language: str) -> bool:
        """Switch the interface language; refused while a conversation is running."""
        if self.session_running():
            QMessageBox.information(self, self.tr("语言"), self.tr("请先结束当前会话再切换语言。"))
            return False
        app = QApplication.instance()
        if not isinstance(app, QApplication) or not install_language(app, language):
            QMessageBox.warning(self, self.tr("语言"), self.tr("找不到这种语言的翻译文件。"))
            return False
        if self.stack.currentWidget() is self.chat_page:
            self._leave_session()  # a chat not yet begun: the pages are rebuilt without it
        current = self.stack.currentWidget()
        showing = next(
            (
                name
                for name in ("report_page", "history_page", "progress_page")
                if getattr(self, name, None) is current
            ),
            "start_page",
        )
        chosen = self.start_page.persona_list.currentIndex()
        persona_id = self.start_page.persona_model.persona(chosen.row()).id if chosen.isValid() else None
        self.language = language
        settings().setValue(SETTINGS_KEY, language)
        self._build()
        # The trainee stays where it was (the report it was reading, the history, the buyer it chose).
        if persona_id is not None:
            self.start_page.select_persona(persona_id)
        if showing == "report_page" and self.controller is not None:
            self.show_report()
        elif showing == "history_page":
            self.show_history()
        elif showing == "progress_page":
            self.show_progress()
        return True

    def start_session(self, persona_id: str, scenario_id: str, mode: str, seed: int | None = None) -> None:
        if seed is None:
            seed = EXAM_SEED if mode == "exam" else (self.seed if self.seed is not None else _fresh_seed())
        self._last = (persona_id, scenario_id, mode, seed)
        training = TrainingSession.start(
            self.library, self.detector, persona_id, scenario_id, seed, mode, self._store, datetime.now(),
            trainee=self.start_page.trainee_name(),
        )  # fmt: skip
        self._open_chat(training, mode)

    def show_start(self) -> None:
        self.start_page.refresh_exams()  # an exam assigned or closed elsewhere shows up or goes away
        self.stack.setCurrentWidget(self.start_page)

    def _open_chat(
        self, training: TrainingSession, mode: str, resumed: bool = False, time_limit_s: float | None = None
    ) -> None:
        """Every session, new, resumed or retried, opens here: a fresh controller on a clean chat page."""
        previous = self.controller
        self.rubric = training.rubric  # frozen for the session
        self.controller = SessionController(training, self.library.catalogue, self)
        self.controller.notice.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.controller.storage_changed.connect(self.set_storage_error)
        self.set_storage_error(training.storage_error)
        self.chat_page.start(
            self.controller, practice=mode == "practice", resumed=resumed, time_limit_s=time_limit_s
        )
        if previous is not None:  # disconnected from the page by now: its timers stop, it goes
            previous.stop(announce=False)
            previous.training.leave(datetime.now())
            previous.deleteLater()
        self.stack.setCurrentWidget(self.chat_page)

    def _leave_session(self) -> None:
        """Leaving the chat for another page or session: the session is stored as it stands
        (scored if the buyer ended it, kept as not finished otherwise), never left dangling."""
        if self.controller is None:
            return
        self.controller.stop(announce=False)
        self.controller.training.leave(datetime.now())

    def show_studio(self) -> None:
        """工作室: edit, check and playtest a persona; saved edits are on the start page afterwards."""
        if self.session_running():
            return
        self._leave_session()
        if self.studio_page is None:
            self.studio_page = StudioPage(self.library, self.detector, StudioFolders.under(content_root()))
            self.studio_page.back_requested.connect(self._back_from_studio)
            self.studio_page.saved.connect(lambda _path: setattr(self, "_content_changed", True))
            self.stack.addWidget(self.studio_page)
        self.stack.setCurrentWidget(self.studio_page)

    def _back_from_studio(self) -> None:
        if getattr(self, "_content_changed", False):
            self._content_changed = False
            self._build()  # the start page shows the edited persona (names, description, scenarios)
        self.stack.setCurrentWidget(self.start_page)

    def show_history(self) -> None:
        if self.history_page is None or self.session_running():
            return
        self._leave_session()
        self.history_page.refresh()
        self.stack.setCurrentWidget(self.history_page)

    def show_progress(self) -> None:
        if self.history_page is None or self.session_running():
            return
        self._leave_session()
        self.progress_page.refresh()
        self.stack.setCurrentWidget(self.progress_page)

    def retry_from(self, session_id: int, turn: int) -> None:
        """从这里重试: the same buyer and seed, the first ``turn`` messages replayed, then new answers."""
        assert self.repository is not None
        stored = self.repository.load(session_id)
        training = TrainingSession.retry_from(
            self.library, self.detector, self._store, stored, turn, datetime.now()
        )
        summary = stored.summary
        self._last = (summary.persona, summary.scenario, summary.mode, summary.seed)
        self.compare_with = summary
        self._open_chat(training, summary.mode, resumed=True)

    def export_report(self, session_id: int, path: str | None = None) -> Path | None:
        """A stored session as the HTML report, rebuilt exactly from its inputs and seed."""
        assert self.repository is not None
        training = TrainingSession.rebuilt(self.library, self.detector, self.repository.load(session_id))
        card = training.finish()
        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("导出报告"), f"report-{session_id}.html", "HTML (*.html)"
            )
        if not path:
            return None
        target = Path(path)
        english = self.language != DEFAULT_LANGUAGE
        html = render_report(training.buyer, card, self.library.catalogue, training.rubric, english=english)
        target.write_text(html, encoding="utf-8")
        return target

    def offer_unfinished(self, ask: Callable[[str], bool] | None = None) -> bool:
        """After a crash or a kill: resume the newest unfinished session, or close it (kept either way)."""
        if self.repository is None:
            return False
        unfinished = self.repository.unfinished()
        if not unfinished:
            return False
        newest = unfinished[-1]
        for older in unfinished[:-1]:
            self.repository.close(older.id, datetime.now())
        stored = self.repository.load(newest.id)
        question = self.tr("上次的练习没有正常结束(%1,%2 句)。继续这次练习吗?选“否”则结束它并保留记录。")
        persona = self.library.personas.get(newest.persona)
        name = persona.name_zh if persona is not None else newest.persona
        question = question.replace("%1", name).replace(
            "%2", str(sum(m.sender == "trainee" for m in stored.messages))
        )
        ask = ask or (
            lambda text: (
                QMessageBox.question(self, self.tr("继续练习?"), text) == QMessageBox.StandardButton.Yes
            )
        )
        if not ask(question):
            self.repository.close(newest.id, datetime.now())
            return False
        assert self._store is not None
        try:
            training = TrainingSession.resume(self.library, self.detector, self._store, newest.id)
        except SessionInUse:
            # Another window took it between the question and the answer: it stays that window's.
            self.statusBar().showMessage(self.tr("这次练习已在另一个窗口中继续"), 8000)
            return False
        summary = stored.summary
        self._last = (summary.persona, summary.scenario, summary.mode, summary.seed)
        self._open_chat(training, summary.mode, resumed=True)
        return True

    def end_session(self) -> None:
        if self.controller is not None:
            self.controller.stop()

    def show_report(self) -> None:
        if self.controller is None:
            return
        training = self.controller.training
        card = training.finish(datetime.now())
        self.set_storage_error(training.storage_error)
        session = training.buyer
        outcome = session.outcome()
        verdict = self.tr("及格") if card.passed else self.tr("不及格")
        rating = outcome.satisfaction or "—"
        results = {
            "purchased": self.tr("成交"),
            "unpaid": self.tr("拍下未付"),
            "left": self.tr("买家离开"),
            "complained": self.tr("投诉/差评"),
            "resolved": self.tr("问题解决"),
            "open": self.tr("未结束"),
        }
        satisfaction = self.tr("满意度")
        summary = (
            f"{card.total} / 100 · {verdict} · {results[outcome.result.value]} · {satisfaction} {rating}/5"
        )
        if card.verdict:  # why it passed or failed, first thing under the score
            summary += "\n" + card.verdict

        if self.compare_with is not None:  # 从这里重试: the two outcomes side by side
            before = self.compare_with
            summary += " · " + self.tr("对比") + f" #{before.id}: {before.total} → {card.total}"
            summary += f"({results.get(before.result or 'open', '')} → {results[outcome.result.value]})"
            self.compare_with = None

        english = self.language != DEFAULT_LANGUAGE

        def render(turn: int | None) -> str:
            return render_report(
                session, card, self.library.catalogue, self.rubric, highlight_turn=turn, english=english
            )

        view = report_view(session, card, self.library.catalogue, self.rubric, english)
        self.report_page.show_report(summary, render(None), render, view, chart_svg(session, english))
        self.stack.setCurrentWidget(self.report_page)

    def retry(self) -> None:
        if self._last is not None:
            persona_id, scenario_id, mode, seed = self._last
            self.start_session(persona_id, scenario_id, mode, seed)

    def session_running(self) -> bool:
        return (
            self.controller is not None
            and self.stack.currentWidget() is self.chat_page
            and not self.controller.session.finished
            and self.controller.session.turns > 0
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.session_running():
            answer = QMessageBox.question(
                self,
                self.tr("结束练习?"),
                self.tr("会话还没有结束,关闭窗口会放弃这次练习。确定关闭吗?"),
            )
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        self._leave_session()
        event.accept()


def _fresh_seed() -> int:
    import random

    return random.randrange(1, 1_000_000)
