"""Issue 13 probes on input: bad bytes, control characters and half characters never end a session."""

from __future__ import annotations

import subprocess
import sys

import pytest

from simulator.app import PROJECT_ROOT
from simulator.detection.detector import TechniqueDetector
from simulator.services.hygiene import clean_text
from simulator.services.library import ContentLibrary
from simulator.services.training import TrainingSession
from simulator.services.transcript import TranscriptError, parse_transcript
from simulator.storage.database import open_database
from simulator.storage.repository import SessionRepository

MAIN = str(PROJECT_ROOT / "main.py")


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("亲\x00在的\x1b[31m哦", "亲在的[31m哦"),
        ("\u202e99已经是活动价了\u202c", "99已经是活动价了"),
        ("半个字\ud800符", "半个字符"),
        ("乱码\ufffd\ufffd字节", "乱码字节"),
        ("第一行\n\t第二行", "第一行\n\t第二行"),  # tab and newline are text
        ("表情😊和[微笑]", "表情😊和[微笑]"),
    ],
)
def test_control_characters_and_half_characters_are_dropped(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean


def test_a_message_with_them_is_answered_stored_clean_and_noted(
    library: ContentLibrary, detector: TechniqueDetector
) -> None:
    repository = SessionRepository(open_database("sqlite://"))
    training = TrainingSession.start(library, detector, "haggler", "leather_shoes", 2, "practice", repository)
    step = training.send("\u202e亲\x00 99已经是活动价了哈\ud800", 6.0)
    assert step.record is not None and step.record.buyer_lines
    assert step.record.text == "亲 99已经是活动价了哈" and "控制字符" in step.note
    assert "控制字符" not in training.send("好的", 12.0).note
    assert training.session_id is not None
    trainee = [m.text for m in repository.load(training.session_id).messages if m.sender == "trainee"]
    assert trainee == ["亲 99已经是活动价了哈", "好的"]


def test_chat_with_bytes_that_are_not_utf8_goes_on_and_is_scored() -> None:
    result = subprocess.run(
        [sys.executable, MAIN, "chat", "--persona", "friendly"],
        input="你好\n".encode() + b"\xff\xfe\xc3(\n" + "有燕麦色和酒红色哦\n/end\n".encode(),
        capture_output=True,
        timeout=120,
        check=False,
    )
    out = result.stdout.decode("utf-8")
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    assert b"Traceback" not in result.stderr
    assert "得分 Score" in out and "控制字符或乱码" in out


def test_a_transcript_line_that_is_not_utf8_is_named() -> None:
    with pytest.raises(TranscriptError, match="line 3: not UTF-8"):
        parse_transcript([b"\xef\xbb\xbf\xe4\xbd\xa0\xe5\xa5\xbd\n", b"# note\n", b"\xff\xfe\n"])
    assert [line.text for line in parse_transcript(["\ufeff你好\n".encode()])] == ["你好"]


def test_play_names_the_bad_line_of_a_file(tmp_path) -> None:
    transcript = tmp_path / "bad.txt"
    transcript.write_bytes("你好\n".encode() + b"\xff\xfe\n")
    result = subprocess.run(
        [sys.executable, MAIN, "play", "--persona", "friendly", "--transcript", str(transcript)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert (
        result.returncode == 2
        and result.stderr.strip() == "simulator play: line 2: not UTF-8 text (invalid start byte)"
    )
