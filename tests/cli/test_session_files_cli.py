"""`history --export FILE [--session ID ...]` and `history --import FILE ...` (issue 15, point 5)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from simulator.app import load_library
from simulator.cli.main import main
from simulator.detection.detector import TechniqueDetector
from simulator.services.library import ContentLibrary
from simulator.services.training import TrainingSession
from simulator.storage.database import open_database
from simulator.storage.repository import SessionRepository
from tests.conftest import PROJECT_ROOT


@pytest.fixture(scope="module")
def library() -> ContentLibrary:
    return load_library()


@pytest.fixture
def trainee_db(tmp_path: Path, library: ContentLibrary, detector: TechniqueDetector) -> Iterator[str]:
    """A trainee's database with three finished sessions (ids 1, 2, 3)."""
    url = f"sqlite:///{tmp_path / 'trainee.db'}"
    engine = open_database(url)
    repository = SessionRepository(engine)
    for seed, trainee in ((1, "小王"), (2, "小王"), (3, "小赵")):
        training = TrainingSession.start(
            library, detector, "haggler", "leather_shoes", seed, "practice", repository,
            started_at=datetime(2025, 3, 4, 9, seed), trainee=trainee,
        )  # fmt: skip
        training.send("亲 在的哦", 6.0)
        training.send("99已经是活动价了哈,价格对每位顾客都一样~😊", 20.0)
        training.finish()
    engine.dispose()
    yield url


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["history", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_export_and_import_carry_the_sessions_to_another_database(
    capsys: pytest.CaptureFixture[str], trainee_db: str, tmp_path: Path
) -> None:
    exported = tmp_path / "class.json.gz"
    code, out, err = run(capsys, "--db", trainee_db, "--export", str(exported))
    assert (code, out) == (0, f"已导出 3 个会话到 {exported} (3 sessions exported)\n"), err
    teacher = f"sqlite:///{tmp_path / 'teacher.db'}"
    code, out, err = run(capsys, "--db", teacher, "--import", str(exported))
    lines = out.splitlines()
    assert code == 0, err
    assert [line.rsplit(": ", 1)[1] for line in lines[:3]] == [
        "imported as #1",
        "imported as #2",
        "imported as #3",
    ]
    assert lines[0].startswith("class.json.gz 第 1 个: 小王 · haggler/leather_shoes · 2025-03-04 09:01")
    assert lines[3] == "导入 3 个 · 重复 0 个 · 拒绝 0 个 (3 imported, 0 duplicate, 0 refused)"
    for session_id in ("1", "2", "3"):
        shown = [
            run(capsys, "--db", db, "--session", session_id, "--json")[1] for db in (trainee_db, teacher)
        ]
        assert shown[0] == shown[1] and json.loads(shown[0])["persona"] == "haggler"
    listed = [json.loads(run(capsys, "--db", db, "--json")[1])["sessions"] for db in (trainee_db, teacher)]
    assert listed[0] == listed[1]
    # Again: all duplicates, nothing added, nothing refused.
    code, out, _ = run(capsys, "--db", teacher, "--import", str(exported))
    assert code == 0
    assert [line.rsplit(": ", 2)[1] for line in out.splitlines()[:3]] == ["duplicate"] * 3
    assert out.splitlines()[3].endswith("(0 imported, 3 duplicate, 0 refused)")


def test_the_sessions_to_export_may_be_named_one_flag_each_or_several_after_one(
    capsys: pytest.CaptureFixture[str], trainee_db: str, tmp_path: Path
) -> None:
    for name, args in (("a.json", ["--session", "3", "--session", "1"]), ("b.json", ["--session", "3", "1"])):
        code, out, err = run(capsys, "--db", trainee_db, "--export", str(tmp_path / name), *args)
        assert code == 0 and "2 sessions exported" in out, err
        sessions = json.loads((tmp_path / name).read_text("utf-8"))["sessions"]
        assert [(s["source_id"], s["trainee"]) for s in sessions] == [(3, "小赵"), (1, "小王")]
    code, out, err = run(capsys, "--db", trainee_db, "--export", str(tmp_path / "c.json"), "--session", "9")
    assert (code, out) == (2, "") and "没有会话 #9" in err
    assert not (tmp_path / "c.json").exists()


def test_a_refused_file_or_session_makes_the_import_exit_1_and_the_rest_is_imported(
    capsys: pytest.CaptureFixture[str], trainee_db: str, tmp_path: Path
) -> None:
    good = tmp_path / "good.json"
    run(capsys, "--db", trainee_db, "--export", str(good), "--session", "1")
    ghost = json.loads(good.read_text("utf-8"))
    ghost["sessions"][0]["scenario"] = "moon_base"  # not on this machine (and no longer its fingerprint)
    (tmp_path / "ghost.json").write_text(json.dumps(ghost), "utf-8")
    (tmp_path / "broken.json").write_bytes(b"\x1f\x8b\x08\x00 not really gzip")
    teacher = f"sqlite:///{tmp_path / 'teacher.db'}"
    files = [str(tmp_path / name) for name in ("broken.json", "ghost.json", "good.json")]
    code, out, err = run(capsys, "--db", teacher, "--import", *files)
    lines = out.splitlines()
    assert code == 1, err
    assert lines[0].startswith("broken.json: refused: 压缩文件已损坏或不完整")
    assert lines[1].startswith("ghost.json 第 1 个: ") and ": refused: 数据不一致" in lines[1]
    assert lines[2].endswith(": imported as #1")
    assert lines[3] == "导入 1 个 · 重复 0 个 · 拒绝 2 个 (1 imported, 0 duplicate, 2 refused)"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--import", "x.json", "--json"], "--import takes only files"),
        (["--import", "x.json", "--session", "1"], "--import takes only files"),
        (["--export", "x.json", "--rebuild"], "--export takes only --session"),
        (["--session", "1", "2", "--json"], "--session names one session unless --export"),
        (["--rebuild"], "--rebuild needs --session ID"),
    ],
)
def test_options_that_do_not_go_together_are_a_usage_error(
    capsys: pytest.CaptureFixture[str], trainee_db: str, args: list[str], message: str
) -> None:
    code, out, err = run(capsys, "--db", trainee_db, *args)
    assert (code, out) == (2, "") and message in err


def test_export_and_import_together_are_refused_by_the_parser(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["history", "--export", "a.json", "--import", "b.json"])
    assert stopped.value.code == 2 and "not allowed with argument" in capsys.readouterr().err


def test_the_launcher_runs_an_import_and_reports_its_exit_status(trainee_db: str, tmp_path: Path) -> None:
    main_py = str(PROJECT_ROOT / "main.py")
    exported = tmp_path / "class.json"
    command = [sys.executable, main_py, "history", "--db", trainee_db, "--export", str(exported)]
    subprocess.run(command, check=True, capture_output=True, timeout=120)
    teacher = f"sqlite:///{tmp_path / 'teacher.db'}"
    garbage = tmp_path / "garbage.json"
    garbage.write_text("这不是会话文件", "utf-8")
    command = [sys.executable, main_py, "history", "--db", teacher, "--import", str(exported), str(garbage)]
    result = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert result.returncode == 1, result.stderr
    assert "garbage.json: refused: 不是有效的 JSON" in result.stdout
    assert result.stdout.splitlines()[-1].endswith("(3 imported, 0 duplicate, 1 refused)")
