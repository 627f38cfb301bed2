"""The class board and exams on SQLite and on a real PostgreSQL server, from sessions really played.

Every expected number is computed from the live TrainingSession objects (their score cards and the
detections of their messages), never from the database the board reads."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from simulator.detection.detector import TechniqueDetector
from simulator.services.class_board import BoardFilter, ClassBoardService, check_connection, trainee_label
from simulator.services.exams import ExamError, ExamService
from simulator.services.library import ContentLibrary
from simulator.services.training import TrainingSession
from simulator.storage.database import open_database
from simulator.storage.exams import ExamStore
from simulator.storage.models import SessionRow
from simulator.storage.repository import SessionRepository
from tests.services.classroom import play, techniques_shown
from tests.storage.postgres_server import fresh_database

BACKENDS = ("sqlite", "postgresql")
# (transcript, trainee, started at): 王芳 is stored first (学员 A), 李雷 second, 韩梅 third.
PLAYED = (
    ("haggler_poor", "王芳", datetime(2026, 1, 5, 9, 0)),
    ("haggler_good", "李雷", datetime(2026, 3, 2, 9, 0)),
    ("friendly_good", "王芳", datetime(2026, 3, 3, 9, 0)),
    ("friendly_poor", "韩梅", datetime(2026, 3, 4, 9, 0)),
    ("haggler_good_3", "韩梅", datetime(2026, 3, 5, 9, 0)),
)
UNFINISHED = ("haggler_poor", "李雷", datetime(2026, 3, 6, 9, 0))


@pytest.fixture(scope="module")
def server(postgres_base: str | None) -> str | None:
    return postgres_base  # the run's one server (tests/conftest.py); None: SQLite only


_databases = Counter[str]()


def _url(backend: str, server: str | None, folder: Path) -> str:
    _databases[backend] += 1
    name = f"board{_databases[backend]}"
    if backend == "sqlite":
        return f"sqlite:///{folder / f'{name}.sqlite3'}"
    if server is None:
        pytest.skip("no PostgreSQL server binaries on this machine")
    return fresh_database(server, name)


@dataclass
class Classroom:
    engine: Engine
    repository: SessionRepository
    board: ClassBoardService
    exams: ExamService
    played: list[tuple[TrainingSession, str, datetime]] = field(default_factory=list)
    unfinished: TrainingSession | None = None


def _classroom(url: str, library: ContentLibrary) -> Classroom:
    engine = open_database(url)
    repository = SessionRepository(engine)
    return Classroom(
        engine, repository, ClassBoardService(engine, library), ExamService(ExamStore(engine), library)
    )


@pytest.fixture(scope="module", params=BACKENDS)
def classroom(
    request: pytest.FixtureRequest,
    server: str | None,
    library: ContentLibrary,
    detector: TechniqueDetector,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Classroom]:
    """Five finished sessions of three trainees and one left unfinished, on each backend."""
    room = _classroom(_url(request.param, server, tmp_path_factory.mktemp("board")), library)
    try:
        for transcript, trainee, started_at in PLAYED:
            training = play(library, detector, room.repository, transcript, trainee, started_at)
            room.played.append((training, trainee, started_at))
        transcript, trainee, started_at = UNFINISHED
        room.unfinished = play(
            library, detector, room.repository, transcript, trainee, started_at, finish=False
        )
        yield room
    finally:
        room.engine.dispose()


@pytest.fixture(params=BACKENDS)
def empty_room(
    request: pytest.FixtureRequest, server: str | None, library: ContentLibrary, tmp_path: Path
) -> Iterator[Classroom]:
    room = _classroom(_url(request.param, server, tmp_path), library)
    try:
        yield room
    finally:
        room.engine.dispose()


def test_sessions_per_persona_and_scenario(classroom: Classroom) -> None:
    board = classroom.board.build()
    expected: dict[tuple[str, str], list[int]] = {}
    for training, _, _ in classroom.played:
        assert training.card is not None
        expected.setdefault((training.persona.id, training.scenario.id), []).append(training.card.total)
    by_pairing = {(row.persona, row.scenario): row for row in board.pairings}
    assert set(by_pairing) == set(expected)
    haggler = by_pairing["haggler", "leather_shoes"]
    assert haggler.sessions == len(expected["haggler", "leather_shoes"]) + 1  # and the unfinished one
    for key, totals in expected.items():
        row = by_pairing[key]
        assert row.scored == len(totals)
        assert row.mean_score == pytest.approx(sum(totals) / len(totals))
        passed = sum(t.card.passed for t, _, _ in classroom.played if (t.persona.id, t.scenario.id) == key)  # type: ignore[union-attr]
        assert row.pass_rate == pytest.approx(passed / len(totals))
    assert (board.sessions, board.scored) == (len(PLAYED) + 1, len(PLAYED))


def test_the_ranking_is_anonymised_by_default_with_stable_labels(classroom: Classroom) -> None:
    scores: dict[str, list[int]] = {}
    for training, trainee, _ in classroom.played:
        scores.setdefault(trainee, []).append(training.card.total)  # type: ignore[union-attr]
    order = sorted(scores, key=lambda name: -sum(scores[name]) / len(scores[name]))
    label_of = {"王芳": "学员 A", "李雷": "学员 B", "韩梅": "学员 C"}  # the order they were first stored

    board = classroom.board.build()
    assert [row.label for row in board.ranking] == [label_of[name] for name in order]
    for row, name in zip(board.ranking, order, strict=True):
        assert row.mean_score == pytest.approx(sum(scores[name]) / len(scores[name]))
        assert row.best_score == max(scores[name])
        assert row.scored == len(scores[name])
    assert board.ranking[[label_of[n] for n in order].index("学员 B")].sessions == 2  # one unfinished
    shown = [row.label for row in board.ranking] + [link.trainee for t in board.taboos for link in t.links]
    assert not any(name in label for label in shown for name in label_of)  # no real name on the wall

    named = classroom.board.build(show_names=True)
    assert [row.label for row in named.ranking] == order
    # A label belongs to its trainee whatever the filter: 韩梅 is 学员 C even when shown alone.
    alone = classroom.board.build(BoardFilter(persona="friendly", since=datetime(2026, 3, 4)))
    assert [row.label for row in alone.ranking] == ["学员 C"]


def test_the_heat_map_counts_techniques_used_and_missed(
    classroom: Classroom, library: ContentLibrary
) -> None:
    used: Counter[str] = Counter()
    expected: Counter[str] = Counter()
    missed: Counter[str] = Counter()
    for training, _, _ in classroom.played:
        used.update(techniques_shown(training, library))
        for item in training.card.items:  # type: ignore[union-attr]
            if item.component == "strategy" and item.points >= 0 and item.rule in library.catalogue:
                expected[item.rule] += 1
                missed[item.rule] += item.points == 0
    board = classroom.board.build()
    heat = {row.technique_id: row for row in board.heat}
    assert set(heat) == set(used) | set(expected)
    assert sum(missed.values()) > 0 and sum(used.values()) > 0  # the transcripts do both
    for technique_id, row in heat.items():
        assert (row.used, row.expected, row.missed) == (
            used[technique_id],
            expected[technique_id],
            missed[technique_id],
        ), technique_id
        assert row.sessions == len(PLAYED)
    assert board.heat[0].missed == max(missed.values())  # the most missed first

    # Filtered by persona: only the friendly sessions count.
    friendly = [t for t, _, _ in classroom.played if t.persona.id == "friendly"]
    only = classroom.board.build(BoardFilter(persona="friendly"))
    friendly_used = Counter(t for training in friendly for t in techniques_shown(training, library))
    assert {row.technique_id: row.used for row in only.heat if row.used} == dict(friendly_used)
    assert all(row.sessions == len(friendly) for row in only.heat)


def test_taboo_hits_link_to_the_turns_they_were_said_in(classroom: Classroom) -> None:
    hits: Counter[str] = Counter()
    links: dict[str, set[tuple[int, int]]] = {}
    for training, _, _ in classroom.played:
        for item in training.card.items:  # type: ignore[union-attr]
            if item.component == "penalty":
                hits[item.rule] += 1
                links.setdefault(item.rule, set()).add((training.session_id, item.turn))  # type: ignore[arg-type]
    board = classroom.board.build()
    assert {taboo.technique_id: taboo.hits for taboo in board.taboos} == dict(hits)
    assert [taboo.hits for taboo in board.taboos] == sorted(hits.values(), reverse=True)
    assert "impatience" in hits and "negative_refusal" in hits  # 爱买不买, 不讲价
    for taboo in board.taboos:
        assert {(link.session_id, link.turn) for link in taboo.links} == links[taboo.technique_id]
        for link in taboo.links:
            stored = classroom.repository.load(link.session_id)
            said = [m for m in stored.messages if m.sender == "trainee" and m.turn == link.turn]
            assert len(said) == 1 and taboo.technique_id in said[0].techniques
            assert link.quote and link.quote in said[0].text
            assert link.trainee.startswith("学员 ")


def test_the_since_filter_leaves_older_sessions_out(classroom: Classroom) -> None:
    board = classroom.board.build(BoardFilter(since=datetime(2026, 3, 1)))
    assert board.sessions == len(PLAYED)  # the January session is left out, the unfinished one is in
    january = classroom.played[0][0].session_id
    assert all(link.session_id != january for taboo in board.taboos for link in taboo.links)


def test_exams_are_created_listed_and_closed(empty_room: Classroom) -> None:
    service = empty_room.exams
    first = service.create(" 第三周  讲价考核 ", "haggler", "leather_shoes", 7, 20)
    second = service.create("友善型", "friendly", "cardigan", 1, 5)
    assert first.title == "第三周 讲价考核" and (first.seed, first.time_limit_minutes) == (7, 20)
    assert [exam.id for exam in service.open_exams()] == [second.id, first.id]
    assert service.close(first.id) is True
    assert service.close(first.id) is False  # already closed: nothing changes
    assert [exam.id for exam in service.open_exams()] == [second.id]
    assert [exam.is_open for exam in service.all_exams()] == [True, False]
    assert service.still_open(first.id) is None and service.still_open(second.id) == second


@pytest.mark.parametrize(
    ("title", "persona", "scenario", "seed", "minutes", "says"),
    [
        ("", "haggler", "leather_shoes", 1, 10, "名称"),
        ("考核", "haggler", "glass_cup_aftersale", 1, 10, "不在场景"),
        ("考核", "nobody", "leather_shoes", 1, 10, "没有这位买家"),
        ("考核", "haggler", "leather_shoes", 1, 0, "1 到 180"),
        ("考核", "haggler", "leather_shoes", 1, 181, "1 到 180"),
        ("考核", "haggler", "leather_shoes", -1, 10, "随机种子"),
    ],
)
def test_a_wrong_exam_is_refused_and_nothing_is_stored(
    title: str, persona: str, scenario: str, seed: int, minutes: int, says: str, library: ContentLibrary
) -> None:
    engine = open_database("sqlite://")
    try:
        service = ExamService(ExamStore(engine), library)
        with pytest.raises(ExamError, match=says):
            service.create(title, persona, scenario, seed, minutes)
        assert service.all_exams() == []
        with pytest.raises(ExamError, match="只能读取"):
            ExamService(ExamStore(engine), library, read_only=True).create(
                "考核", "haggler", "leather_shoes", 1, 5
            )
    finally:
        engine.dispose()


def test_an_exam_session_carries_its_exam_and_the_board_filters_by_it(
    empty_room: Classroom, library: ContentLibrary, detector: TechniqueDetector
) -> None:
    exam = empty_room.exams.create("期中", "haggler", "leather_shoes", 5, 30)
    started = datetime(2026, 4, 1, 10, 0)
    taken = play(
        library, detector, empty_room.repository, "haggler_good", "王芳", started, exam.seed, exam.id
    )
    practice = play(library, detector, empty_room.repository, "friendly_good", "王芳", started)
    with Session(empty_room.engine) as db:
        stored = {row.id: row.exam_id for row in db.execute(select(SessionRow.id, SessionRow.exam_id))}
    assert stored == {taken.session_id: exam.id, practice.session_id: None}
    board = empty_room.board.build(BoardFilter(exam_id=exam.id))
    assert [(row.persona, row.sessions) for row in board.pairings] == [("haggler", 1)]
    assert board.ranking[0].best_score == taken.card.total  # type: ignore[union-attr]
    assert empty_room.board.build().sessions == 2
    assert taken.buyer.seed == 5 and taken.mode == "exam"


def test_an_empty_board(empty_room: Classroom) -> None:
    board = empty_room.board.build()
    assert (board.sessions, board.scored, board.pairings, board.ranking, board.heat, board.taboos) == (
        0, 0, (), (), (), ()
    )  # fmt: skip


def test_labels_run_past_z() -> None:
    assert [trainee_label(n) for n in (1, 2, 26, 27, 28, 52, 53)] == [
        "学员 A", "学员 B", "学员 Z", "学员 AA", "学员 AB", "学员 AZ", "学员 BA"
    ]  # fmt: skip


def test_the_connection_check_says_whether_it_connects_without_the_password(
    tmp_path: Path, server: str | None
) -> None:
    assert check_connection(f"sqlite:///{tmp_path / 'new.sqlite3'}") is None  # created on first use
    not_a_database = tmp_path / "notes.txt"
    not_a_database.write_text("hello", encoding="utf-8")
    assert "不是会话记录数据库" in (check_connection(f"sqlite:///{not_a_database}") or "")
    assert "不存在" in (check_connection(f"sqlite:///{tmp_path / 'no' / 'such.sqlite3'}") or "")
    assert "格式不对" in (check_connection("not a url") or "")
    assert "请填写" in (check_connection("  ") or "")
    refused = check_connection("postgresql://teacher:S3cret-pw@127.0.0.1:1/class")
    assert refused is not None and "S3cret-pw" not in refused and "连接失败" in refused
    assert "127.0.0.1" in refused
    if server is not None:
        assert check_connection(server) is None
        missing = check_connection(server.replace("/postgres?", "/no_such_class?"))
        assert missing is not None and "no_such_class" in missing
