"""Session files (issue 15, point 5): sessions exported on trainees' machines, imported on the teacher's.

Round trips on SQLite and on a real PostgreSQL server, duplicates, refusals, all-or-nothing import,
hostile files, and an export that never leaves half a file."""

from __future__ import annotations

import errno
import gzip
import io
import json
import os
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.exc import OperationalError

from simulator.cli.history_command import history_session_command
from simulator.detection.detector import TechniqueDetector
from simulator.services import session_files
from simulator.services.archive import SessionArchive
from simulator.services.library import ContentLibrary
from simulator.services.session_files import (
    DUPLICATE,
    MAX_SESSIONS,
    NEW,
    REFUSED,
    SessionFileError,
    export_sessions,
    fingerprint,
    import_sessions,
    plan_import,
    read_session_file,
)
from simulator.services.training import TrainingSession
from simulator.storage import session_import
from simulator.storage.models import TraineeRow
from simulator.storage.repository import SessionRepository
from tests.conftest import open_repository
from tests.storage.postgres_server import fresh_database


def _play_haggler(
    library: ContentLibrary,
    detector: TechniqueDetector,
    repository: SessionRepository,
    trainee: str,
    seed: int,
) -> int:
    training = TrainingSession.start(
        library, detector, "haggler", "leather_shoes", seed, "practice", repository,
        started_at=datetime(2025, 3, 4, 9, 30, seed, 250_000), trainee=trainee,
    )  # fmt: skip
    training.send("亲 在的哦", 6.0)
    training.buyer_spoke(9.0)
    training.send("99已经是活动价了哈,价格对每位顾客都一样~😊", 20.0)
    training.tick(20.0 + training.persona.leave_after_seconds + 1)
    training.finish()
    assert training.session_id is not None and not training.storage_error
    return training.session_id


def _play_friendly_unfinished(
    library: ContentLibrary, detector: TechniqueDetector, repository: SessionRepository
) -> int:
    """A session left mid-way (the trainee went to another page): kept, not finished."""
    training = TrainingSession.start(
        library, detector, "friendly", "cardigan", 5, "exam", repository,
        started_at=datetime(2025, 3, 5, 14, 0), trainee="小李",
    )  # fmt: skip
    training.send("亲 在的哦 欢迎光临😊", 4.0)
    training.leave(datetime(2025, 3, 5, 14, 3))
    assert training.session_id is not None
    return training.session_id


def _shown(
    library: ContentLibrary, detector: TechniqueDetector, url: str, session_id: int, rebuild: bool = False
) -> str:
    """`history --db URL --session ID [--rebuild] --json`, as printed."""
    out, err = io.StringIO(), io.StringIO()
    assert history_session_command(library, detector, url, session_id, rebuild, out, err) == 0, err.getvalue()
    return out.getvalue()


def _without_source(document: dict[str, Any]) -> list[dict[str, Any]]:
    return [{k: v for k, v in s.items() if k != "source_id"} for s in document["sessions"]]


def _round_trip(library: ContentLibrary, detector: TechniqueDetector, source: str, target: str,
                engines: list[Engine], tmp_path: Path) -> None:  # fmt: skip
    trainee_machine = open_repository(source, engines)
    ids = [
        _play_haggler(library, detector, trainee_machine, "小王", 3),
        _play_friendly_unfinished(library, detector, trainee_machine),
    ]
    path = tmp_path / "class.json.gz"
    assert export_sessions(trainee_machine, ids, path) == 2
    teacher = open_repository(target, engines)
    plan = plan_import(teacher, library, [read_session_file(path)], detector)
    assert [entry.status for entry in plan.entries] == [NEW, NEW]
    assert all(entry.notes == () for entry in plan.entries)  # the same content: it computes the same
    new_ids = import_sessions(teacher, plan)
    assert len(new_ids) == 2
    for old, new in zip(ids, new_ids, strict=True):
        assert _shown(library, detector, target, new) == _shown(library, detector, source, old)
        assert _shown(library, detector, target, new, rebuild=True) == _shown(library, detector, target, new)
    # Every row came across: the teacher's export is the trainee's, but for the ids.
    again = tmp_path / "again.json"
    export_sessions(teacher, new_ids, again)
    original = json.loads(gzip.decompress(path.read_bytes()))
    assert _without_source(json.loads(again.read_text("utf-8"))) == _without_source(original)
    summaries = {summary.trainee: summary for summary in teacher.list()}
    assert set(summaries) == {"小王", "小李"}
    assert summaries["小李"].mode == "exam" and summaries["小李"].result == "open"
    assert teacher.unfinished() == []  # imported sessions are finished, never leased or resumed
    # Importing the same file again adds nothing: every session is already there.
    plan = plan_import(teacher, library, [read_session_file(path)], detector)
    assert [(entry.status, entry.duplicate_of) for entry in plan.entries] == [(DUPLICATE, i) for i in new_ids]
    assert import_sessions(teacher, plan) == []
    assert len(teacher.list()) == 2


def test_two_sessions_round_trip_into_a_fresh_sqlite_database(
    library: ContentLibrary, detector: TechniqueDetector, engines: list[Engine], tmp_path: Path
) -> None:
    _round_trip(
        library, detector, f"sqlite:///{tmp_path / 'trainee.db'}", f"sqlite:///{tmp_path / 'teacher.db'}",
        engines, tmp_path,
    )  # fmt: skip


@pytest.fixture(scope="module")
def server(postgres: str) -> str:
    return postgres  # the run's one server (tests/conftest.py)


def test_two_sessions_round_trip_from_sqlite_into_postgresql(
    server: str, library: ContentLibrary, detector: TechniqueDetector, engines: list[Engine], tmp_path: Path
) -> None:
    target = fresh_database(server, "session_files")
    _round_trip(library, detector, f"sqlite:///{tmp_path / 'trainee.db'}", target, engines, tmp_path)


def test_a_file_with_a_duplicate_and_a_new_session_adds_only_the_new_one(
    library: ContentLibrary, detector: TechniqueDetector, engines: list[Engine], tmp_path: Path
) -> None:
    trainee_machine = open_repository("sqlite://", engines)
    first = _play_haggler(library, detector, trainee_machine, "小王", 3)
    second = _play_haggler(library, detector, trainee_machine, "小王", 4)
    export_sessions(trainee_machine, [first], tmp_path / "monday.json")
    export_sessions(trainee_machine, None, tmp_path / "all.json")  # no ids: every stored session
    teacher = open_repository("sqlite://", engines)
    [monday_id] = import_sessions(
        teacher, plan_import(teacher, library, [read_session_file(tmp_path / "monday.json")])
    )
    plan = plan_import(teacher, library, [read_session_file(tmp_path / "all.json")])
    assert [(entry.status, entry.session.seed) for entry in plan.entries] == [(DUPLICATE, 3), (NEW, 4)]
    assert plan.duplicates[0].duplicate_of == monday_id
    [added] = import_sessions(teacher, plan)
    assert teacher.load(added).document == trainee_machine.load(second).document
    # The same session twice in one import is imported once.
    both = [read_session_file(tmp_path / "all.json")] * 2
    fresh = open_repository("sqlite://", engines)
    assert [entry.status for entry in plan_import(fresh, library, both).entries] == [
        NEW,
        NEW,
        DUPLICATE,
        DUPLICATE,
    ]


def _exported(
    library: ContentLibrary, detector: TechniqueDetector, engines: list[Engine], path: Path
) -> dict:
    repository = open_repository("sqlite://", engines)
    export_sessions(repository, [_play_haggler(library, detector, repository, "小王", 3)], path)
    return json.loads(path.read_text("utf-8"))


def _write(path: Path, document: Any) -> Path:
    path.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    return path


def _refingerprinted(session: dict[str, Any]) -> dict[str, Any]:
    started = datetime.fromisoformat(session["started_at"])
    keys = ("trainee", "persona", "scenario", "seed")
    session["fingerprint"] = fingerprint(
        *(session[k] for k in keys), started, session["inputs"], session["messages"]
    )
    return session


def test_a_session_of_an_unknown_persona_or_with_altered_data_is_refused(
    library: ContentLibrary, detector: TechniqueDetector, engines: list[Engine], tmp_path: Path
) -> None:
    document = _exported(library, detector, engines, tmp_path / "one.json")
    good = document["sessions"][0]
    ghost = _refingerprinted(
        {**good, "persona": "ghost", "document": {**good["document"], "persona": "ghost"}}
    )
    altered = json.loads(json.dumps(good))
    altered["inputs"][1]["text"] = "改过的话"  # edited after export: the fingerprint no longer matches
    misfiled = _refingerprinted({**good, "total": (good["total"] + 10) % 100})  # the score says otherwise
    _write(tmp_path / "mixed.json", {**document, "sessions": [ghost, altered, misfiled, good]})
    teacher = open_repository("sqlite://", engines)
    plan = plan_import(teacher, library, [read_session_file(tmp_path / "mixed.json")], detector)
    assert [entry.status for entry in plan.entries] == [REFUSED, REFUSED, REFUSED, NEW]
    assert "ghost" in plan.entries[0].reason and "本机没有买家" in plan.entries[0].reason
    assert "指纹" in plan.entries[1].reason
    assert "得分" in plan.entries[2].reason
    assert len(import_sessions(teacher, plan)) == 1


def test_when_this_machines_content_computes_another_result_the_stored_document_stays(
    library: ContentLibrary, detector: TechniqueDetector, engines: list[Engine], tmp_path: Path
) -> None:
    document = _exported(library, detector, engines, tmp_path / "one.json")
    # What the trainee's machine stored differs from what this machine computes from the same inputs
    # (as after a persona was edited on one of them): the first buyer line was another.
    stored = document["sessions"][0]["document"]
    stored["opening"] = ["亲,这双鞋还有42码吗"]
    _write(tmp_path / "edited.json", document)
    teacher = open_repository("sqlite://", engines)
    plan = plan_import(teacher, library, [read_session_file(tmp_path / "edited.json")], detector)
    [entry] = plan.new
    assert entry.notes and "保持原样" in entry.notes[0]
    [session_id] = import_sessions(teacher, plan)
    assert TrainingSession.stored_view(teacher.load(session_id))["opening"] == ["亲,这双鞋还有42码吗"]


def test_an_import_that_fails_half_way_stores_nothing(
    library: ContentLibrary, detector: TechniqueDetector, engines: list[Engine], tmp_path: Path, monkeypatch
) -> None:
    trainee_machine = open_repository("sqlite://", engines)
    ids = [
        _play_haggler(library, detector, trainee_machine, name, seed) for name, seed in (("甲", 1), ("乙", 2))
    ]
    export_sessions(trainee_machine, ids, tmp_path / "two.json")
    teacher = open_repository("sqlite://", engines)
    archive = SessionArchive(teacher)
    plan = archive.plan_import([tmp_path / "two.json"], library)
    real_row, calls = session_import._row, []

    def failing_second(db: Any, session: Any, trainees: Any) -> Any:
        calls.append(session["trainee"])
        if len(calls) == 2:  # the first session's trainee is already written in this transaction
            raise OperationalError("INSERT INTO sessions", {}, Exception("disk I/O error"))
        return real_row(db, session, trainees)

    monkeypatch.setattr(session_import, "_row", failing_second)
    with pytest.raises(SessionFileError, match="没有导入任何会话"):
        archive.import_sessions(plan)
    assert calls == ["甲", "乙"]
    assert teacher.list() == []
    with teacher.engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(TraineeRow)) == 0
    monkeypatch.setattr(session_import, "_row", real_row)
    assert len(archive.import_sessions(plan)) == 2  # the same plan, once the disk is fine again


def test_a_read_only_archive_refuses_to_import(
    library: ContentLibrary, engines: list[Engine], tmp_path: Path
) -> None:
    archive = SessionArchive(open_repository("sqlite://", engines), read_only=True, notice="文件夹不可写")
    assert "只能读取" in archive.import_blocked and "文件夹不可写" in archive.import_blocked
    with pytest.raises(SessionFileError, match="只能读取"):
        archive.import_sessions(session_files.ImportPlan())


# -- hostile files -------------------------------------------------------------------------------


def _nested(depth: int) -> Any:
    value: Any = "底"
    for _ in range(depth):
        value = {"下一层": value}
    return value


def _hostile(kind: str, good: dict[str, Any], path: Path) -> None:
    """Write a hostile variant of a good exported file to ``path``."""
    session = good["sessions"][0]
    if kind == "garbage":
        path.write_bytes(bytes(range(256)) * 40)
    elif kind == "truncated gzip":
        packed = gzip.compress(json.dumps(good).encode())
        path.write_bytes(packed[: len(packed) // 2])
    elif kind == "gzip bomb":
        path.write_bytes(gzip.compress(b" " * (session_files.MAX_FILE_BYTES + 10)))
    elif kind == "huge string":
        session["messages"][0]["text"] = "亲" * 200_000
        _write(path, good)
    elif kind == "deep nesting":
        session["document"]["turns"][0]["extra"] = _nested(40)
        _write(path, good)
    elif kind == "very deep nesting":
        path.write_text(
            '{"format": "wangdian-kefu-sessions", "version": 1, "x": ' + "[" * 100_000 + "]" * 100_000 + "}"
        )
    elif kind == "wrong version":
        _write(path, {**good, "version": 2})
    elif kind == "wrong format":
        _write(path, {**good, "format": "someone-elses-export"})
    elif kind == "not an object":
        _write(path, [good])
    elif kind == "many sessions":
        _write(path, {**good, "sessions": [{}] * (MAX_SESSIONS + 1)})
    elif kind == "non-UTF-8":
        path.write_bytes(json.dumps(good, ensure_ascii=False).encode("gb18030"))
    elif kind == "NUL":
        session["trainee"] = "小\x00王"
        _write(path, good)
    elif kind == "lone surrogate":
        path.write_text(
            json.dumps(good).replace('"trainee": "\\u5c0f\\u738b"', '"trainee": "\\ud800"'), "utf-8"
        )
    elif kind == "NaN":
        path.write_text(json.dumps(good).replace('"at": 6.0', '"at": NaN'), "utf-8")
    elif kind == "duplicate key":
        path.write_text(json.dumps(good).replace('"seed": 3,', '"seed": 3, "seed": 4,', 1), "utf-8")
    elif kind == "wrong type":
        session["seed"] = "3"
        _write(path, good)
    elif kind == "too large":
        with path.open("wb") as stream:
            stream.truncate(session_files.MAX_FILE_BYTES + 1)
    elif kind == "empty":
        path.write_bytes(b"")


HOSTILE = {
    "garbage": "UTF-8",
    "truncated gzip": "压缩文件已损坏或不完整",
    "gzip bomb": "解压后超过 50 MB",
    "huge string": "messages[0].text:文字长 200000 字",
    "deep nesting": "嵌套太深",
    "very deep nesting": "嵌套太深",
    "wrong version": "更新版本",
    "wrong format": "不是会话文件",
    "not an object": "不是一个 JSON 对象",
    "many sessions": f"一个文件最多 {MAX_SESSIONS} 个",
    "non-UTF-8": "不是 UTF-8",
    "NUL": "无法保存的字符",
    "lone surrogate": "无法保存的字符",
    "NaN": "不是有效的 JSON",
    "duplicate key": "不是有效的 JSON",
    "wrong type": "第 1 个会话的 seed",
    "too large": "会话文件最大 50 MB",
    "empty": "不是有效的 JSON",
}


@pytest.fixture(scope="module")
def good_file(
    tmp_path_factory: pytest.TempPathFactory, library: ContentLibrary, detector: TechniqueDetector
) -> str:
    engines: list[Engine] = []
    try:
        return json.dumps(
            _exported(library, detector, engines, tmp_path_factory.mktemp("good") / "good.json")
        )
    finally:
        for engine in engines:
            engine.dispose()


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_a_hostile_file_is_refused_with_its_reason(kind: str, good_file: str, tmp_path: Path) -> None:
    path = tmp_path / "hostile.json"
    _hostile(kind, json.loads(good_file), path)
    with pytest.raises(SessionFileError) as refused:
        read_session_file(path)
    assert HOSTILE[kind] in refused.value.reason, refused.value.reason


def test_the_good_file_the_hostile_ones_come_from_is_read(good_file: str, tmp_path: Path) -> None:
    # Without this, every hostile variant above could be refused for a reason of the good file's own.
    [session] = read_session_file(_write(tmp_path / "good.json", json.loads(good_file))).sessions
    assert (session.trainee, session.persona, session.seed) == ("小王", "haggler", 3)


# -- an export never leaves half a file ----------------------------------------------------------


def test_exporting_into_a_folder_that_does_not_exist_writes_nothing(
    library: ContentLibrary, detector: TechniqueDetector, engines: list[Engine], tmp_path: Path
) -> None:
    repository = open_repository("sqlite://", engines)
    _play_haggler(library, detector, repository, "小王", 3)
    with pytest.raises(SessionFileError, match="文件夹不存在"):
        export_sessions(repository, None, tmp_path / "missing" / "class.json")
    assert not (tmp_path / "missing").exists()
    with pytest.raises(SessionFileError, match="没有会话 #99"):
        export_sessions(repository, [99], tmp_path / "class.json")
    assert list(tmp_path.iterdir()) == []


def test_a_full_disk_leaves_the_earlier_file_untouched_and_no_partial_file(
    library: ContentLibrary, detector: TechniqueDetector, engines: list[Engine], tmp_path: Path, monkeypatch
) -> None:
    repository = open_repository("sqlite://", engines)
    _play_haggler(library, detector, repository, "小王", 3)
    target = tmp_path / "class.json.gz"
    target.write_bytes(b"yesterday's export")
    written: list[int] = []
    real_write = os.write

    def disk_fills_up(handle: int, data: Any) -> int:
        if written:
            raise OSError(errno.ENOSPC, "No space left on device")
        written.append(real_write(handle, bytes(data)[:100]))  # a first part goes through
        return written[-1]

    monkeypatch.setattr(session_files.os, "write", disk_fills_up)
    with pytest.raises(SessionFileError, match="磁盘已满"):
        export_sessions(repository, None, target)
    assert written == [100]
    assert target.read_bytes() == b"yesterday's export"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["class.json.gz"]
    monkeypatch.setattr(session_files.os, "write", real_write)
    assert export_sessions(repository, None, target) == 1
    assert len(read_session_file(target).sessions) == 1
