"""Exams the teacher assigns: checked against the content before they are stored.

An exam is a persona met in one of the scenarios it is offered in, with a fixed seed (every trainee
meets the same buyer) and a time limit of 1–180 minutes. Trainees see open exams on the start page;
a session started for one carries its id (TrainingSession.start(..., exam_id=)).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy.exc import SQLAlchemyError

from simulator.services.archive import SessionArchive
from simulator.services.library import ContentLibrary
from simulator.storage.exams import Exam, ExamStore

__all__ = ["MAX_MINUTES", "MAX_SEED", "MIN_MINUTES", "Exam", "ExamError", "ExamService"]

MIN_MINUTES, MAX_MINUTES = 1, 180
MAX_SEED = 2**31 - 1  # what the sessions' seed column holds on every database
MAX_TITLE_CHARS = 120


class ExamError(ValueError):
    """An exam that cannot be assigned or closed, said in words for the teacher."""


class ExamService:
    def __init__(
        self,
        store: ExamStore,
        library: ContentLibrary,
        read_only: bool = False,
        clock: Callable[[], datetime] = datetime.now,
    ) -> None:
        self._store = store
        self.library = library
        self.read_only = read_only  # a database that can only be read: exams are listed, not assigned
        self._clock = clock

    @classmethod
    def for_archive(cls, archive: SessionArchive, library: ContentLibrary) -> ExamService:
        """The exams of the database the window's sessions are kept in."""
        return cls(ExamStore(archive.repository.engine), library, read_only=archive.read_only)

    def pairings(self) -> list[tuple[str, str]]:
        """Every (persona id, scenario id) an exam may use: the persona's offered scenarios that loaded."""
        return [
            (persona.id, scenario_id)
            for persona in sorted(self.library.personas.values(), key=lambda p: (p.difficulty, p.id))
            for scenario_id in persona.scenarios
            if scenario_id in self.library.scenarios
        ]

    def create(
        self, title: str, persona_id: str, scenario_id: str, seed: int, time_limit_minutes: int
    ) -> Exam:
        """Store a new open exam; ExamError says what is wrong with it (nothing is stored then)."""
        if self.read_only:
            raise ExamError("记录数据库只能读取,不能布置考试")
        title = " ".join(title.split())
        if not title:
            raise ExamError("请填写考试名称")
        if len(title) > MAX_TITLE_CHARS:
            raise ExamError(f"考试名称太长(最多 {MAX_TITLE_CHARS} 个字)")
        if (persona_id, scenario_id) not in self.pairings():
            persona = self.library.personas.get(persona_id)
            if persona is None:
                raise ExamError(f"没有这位买家:{persona_id}")
            offered = "、".join(s for s in persona.scenarios if s in self.library.scenarios)
            raise ExamError(f"{persona.name_zh}不在场景 {scenario_id} 里出现;可选场景:{offered}")
        if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed <= MAX_SEED:
            raise ExamError(f"题目编号(随机种子)应为 0 到 {MAX_SEED} 之间的整数")
        if isinstance(time_limit_minutes, bool) or not isinstance(time_limit_minutes, int):
            raise ExamError("限时应为整数分钟")
        if not MIN_MINUTES <= time_limit_minutes <= MAX_MINUTES:
            raise ExamError(f"限时应在 {MIN_MINUTES} 到 {MAX_MINUTES} 分钟之间")
        try:
            return self._store.create(title, persona_id, scenario_id, seed, time_limit_minutes, self._clock())
        except SQLAlchemyError as error:
            raise ExamError(f"考试没能保存:{_first_line(error)}") from error

    def open_exams(self) -> list[Exam]:
        """The open exams, newest first; none when the database cannot be read."""
        try:
            return self._store.list_open()
        except SQLAlchemyError:
            return []

    def all_exams(self) -> list[Exam]:
        try:
            return self._store.list_all()
        except SQLAlchemyError:
            return []

    def still_open(self, exam_id: int) -> Exam | None:
        """The exam if it is still open (a trainee's card may be older than the teacher's close)."""
        try:
            exam = self._store.get(exam_id)
        except SQLAlchemyError:
            return None
        return exam if exam is not None and exam.is_open else None

    def close(self, exam_id: int) -> bool:
        """Close an exam: it leaves the start pages; its sessions stay on the board. False when it
        was already closed (or does not exist)."""
        if self.read_only:
            raise ExamError("记录数据库只能读取,不能结束考试")
        try:
            return self._store.close(exam_id, self._clock())
        except SQLAlchemyError as error:
            raise ExamError(f"考试没能结束:{_first_line(error)}") from error


def _first_line(error: Exception) -> str:
    message = str(getattr(error, "orig", None) or error)
    return message.splitlines()[0][:200] if message else type(error).__name__
