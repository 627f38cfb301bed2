"""Exact rebuild: a stored session computed again from its inputs is the session that was stored.

The inputs are everything that changes a session: trainee messages (with their time), clock ticks
that made the buyer act, and the moments the buyer's lines appeared on screen (they set the reply
time). Random sessions with slow replies, nudges, time-outs and typing delays must all round-trip.
"""

from __future__ import annotations

import functools
import json
import subprocess
import sys
from datetime import datetime
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy.exc import OperationalError

from simulator.app import ContentPaths, build_detector, load_library, load_model_for
from simulator.detection.detector import TechniqueDetector
from simulator.services.library import ContentLibrary
from simulator.services.training import MAX_MESSAGE_CHARS, TrainingSession
from simulator.storage.database import open_database
from simulator.storage.repository import SessionRepository
from tests.conftest import PROJECT_ROOT

LINES = [
    "亲 在的哦 欢迎光临😊",
    "99已经是活动价了哈 价格对每位顾客都一样",
    "给您包邮吧",
    "这款是头层牛皮 一分钱一分货",
    "您要黑色还是棕色呢?",
    "嗯",
    "实在抱歉让您久等了 我马上帮您处理",
    "有燕麦色 酒红色和藏青色三个颜色哦",
    "那就80给你吧",
    "谢谢亲 有问题随时找我哦",
]
PAIRINGS = [("haggler", "leather_shoes"), ("friendly", "cardigan"), ("domineering", "late_parcel_aftersale"),
            ("analytical", "cotton_tshirt"), ("pick_then_abandon", "camel_coat_unpaid")]  # fmt: skip


# One step of a trainee's session: send a line after a wait, let the clock run, or the buyer's line appears.
steps = st.lists(
    st.one_of(
        st.tuples(st.just("send"), st.sampled_from(LINES), st.sampled_from([3.0, 12.0, 45.0, 200.0, 700.0])),
        st.tuples(st.just("tick"), st.just(""), st.sampled_from([5.0, 35.0, 70.0, 320.0, 650.0, 1000.0])),
        st.tuples(st.just("spoke"), st.just(""), st.sampled_from([0.8, 2.5])),
    ),
    max_size=12,
)


def play(training: TrainingSession, plan: list[tuple[str, str, float]]) -> None:
    clock = 0.0
    for kind, text, wait in plan:
        if training.finished:
            break
        clock = max(clock, training.buyer.last_buyer_at) + wait
        if kind == "send":
            training.send(text, clock)
        elif kind == "tick":
            training.tick(clock)
        else:
            training.buyer_spoke(clock)


@functools.cache
def content() -> tuple[ContentLibrary, TechniqueDetector]:
    library = load_library()
    return library, build_detector(library.catalogue, load_model_for(library.catalogue, ContentPaths())[0])


@settings(max_examples=40, deadline=None)
@given(pairing=st.sampled_from(PAIRINGS), seed=st.integers(1, 50), plan=steps, finish=st.booleans())
def test_every_stored_session_is_rebuilt_exactly(
    pairing: tuple[str, str], seed: int, plan: list[tuple[str, str, float]], finish: bool
) -> None:
    library, detector = content()
    repository = SessionRepository(open_database("sqlite://"))
    training = TrainingSession.start(library, detector, *pairing, seed, "practice", repository)
    play(training, plan)
    if finish:
        training.finish()
    assert training.session_id is not None and not training.storage_error
    stored = repository.load(training.session_id)
    rebuilt = TrainingSession.rebuilt(library, detector, stored)
    if finish:
        rebuilt.finish()
    assert rebuilt.document() == TrainingSession.stored_view(stored) == training.document()
    assert rebuilt.buyer.variables == training.buyer.variables
    assert rebuilt.buyer.last_buyer_at == training.buyer.last_buyer_at


def test_the_reply_time_counts_from_when_the_buyer_line_appeared(
    library: ContentLibrary, detector: TechniqueDetector
) -> None:
    """The window shows the buyer's line after a typing delay: without it, a rebuilt session would
    count the next reply as slower than the trainee was."""
    repository = SessionRepository(open_database("sqlite://"))
    training = TrainingSession.start(library, detector, "friendly", "cardigan", 1, "practice", repository)
    training.send("亲 在的哦", 5.0)
    training.buyer_spoke(25.0)  # the answer took 20 s to appear
    record = training.send("有燕麦色 酒红色和藏青色三个颜色哦", 40.0).record
    assert record is not None and record.delay == 15.0 and "reply_fast" in record.events
    assert training.session_id is not None
    rebuilt = TrainingSession.rebuilt(library, detector, repository.load(training.session_id))
    assert rebuilt.buyer.history[-1].delay == 15.0


def test_retry_from_a_turn_replays_it_and_the_answers_to_it(
    library: ContentLibrary, detector: TechniqueDetector
) -> None:
    repository = SessionRepository(open_database("sqlite://"))
    first = TrainingSession.start(library, detector, "haggler", "leather_shoes", 4, "practice", repository)
    first.send("亲 在的哦", 6.0)
    first.buyer_spoke(8.0)
    first.send("99已经是活动价了哈", 15.0)
    first.buyer_spoke(18.0)
    first.tick(18.0 + first.persona.leave_after_seconds + 1)  # then the trainee went away: the buyer left
    assert first.finished and first.session_id is not None
    first.finish()
    retry = TrainingSession.retry_from(library, detector, repository, repository.load(first.session_id), 2)
    assert not retry.finished and retry.buyer.turns == 2
    assert [r.buyer_lines for r in retry.buyer.history] == [r.buyer_lines for r in first.buyer.history[:3]]
    assert retry.buyer.last_buyer_at == 18.0
    assert retry.session_id is not None and retry.session_id != first.session_id
    retry.send("您要黑色还是棕色?", 30.0)
    stored = repository.load(retry.session_id)
    assert [m.text for m in stored.messages if m.sender == "trainee"][-1] == "您要黑色还是棕色?"
    assert TrainingSession.rebuilt(library, detector, stored).document() == retry.document()


class FlakyRepository(SessionRepository):
    """A database that fails some writes (a full disk, a locked file): the session must go on."""

    def __init__(self, failing: set[int]) -> None:
        super().__init__(open_database("sqlite://"))
        self.failing, self.calls = failing, 0

    def add_turn(self, *args: object, **kwargs: object) -> None:  # type: ignore[override]
        self.calls += 1
        if self.calls in self.failing:
            raise OperationalError("INSERT", {}, Exception("database or disk is full"))
        super().add_turn(*args, **kwargs)  # type: ignore[arg-type]


def test_a_failed_write_loses_nothing_and_never_stops_the_session(
    library: ContentLibrary, detector: TechniqueDetector
) -> None:
    repository = FlakyRepository(failing={2, 3})
    training = TrainingSession.start(library, detector, "haggler", "leather_shoes", 2, "practice", repository)
    failed = training.send("亲 在的哦", 6.0)  # write 2 fails
    assert failed.record is not None and failed.record.buyer_lines
    assert "disk is full" in failed.storage_error
    assert training.send("99已经是活动价了哈", 15.0).storage_error  # write 3 fails: both wait
    later = training.send("您要黑色还是棕色?", 30.0)  # write 4 succeeds and catches up
    assert later.storage_error == ""
    training.finish()
    assert training.session_id is not None
    stored = repository.load(training.session_id)
    trainee = [m.text for m in stored.messages if m.sender == "trainee"]
    assert trainee == ["亲 在的哦", "99已经是活动价了哈", "您要黑色还是棕色?"]
    rebuilt = TrainingSession.rebuilt(library, detector, stored)
    rebuilt.finish()
    assert TrainingSession.stored_view(stored) == rebuilt.document() == training.document()


def test_a_pasted_page_is_cut_to_the_limit_and_said_so(
    library: ContentLibrary, detector: TechniqueDetector
) -> None:
    repository = SessionRepository(open_database("sqlite://"))
    training = TrainingSession.start(library, detector, "friendly", "cardigan", 1, "practice", repository)
    step = training.send("亲" * 20_000, 5.0)
    assert step.record is not None and len(step.record.text or "") == MAX_MESSAGE_CHARS
    assert str(MAX_MESSAGE_CHARS) in step.note
    assert training.session_id is not None
    stored = repository.load(training.session_id)
    assert max(len(m.text) for m in stored.messages) == MAX_MESSAGE_CHARS


def test_history_session_json_equals_its_rebuild(
    library: ContentLibrary, detector: TechniqueDetector, tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'history.sqlite3'}"
    repository = SessionRepository(open_database(url))
    finished = TrainingSession.start(library, detector, "haggler", "leather_shoes", 3, "practice", repository)
    finished.send("亲 在的哦", 6.0)
    finished.buyer_spoke(9.0)
    finished.tick(9.0 + finished.persona.patience_seconds + 1)
    finished.send("99已经是活动价了哈", 80.0)
    finished.finish(datetime(2026, 12, 1, 10, 0))
    unfinished = TrainingSession.start(library, detector, "friendly", "cardigan", 3, "practice", repository)
    unfinished.send("亲 在的哦", 6.0)
    for session_id in (finished.session_id, unfinished.session_id):
        outputs = []
        for extra in ([], ["--rebuild"]):
            result = subprocess.run(
                [sys.executable, str(PROJECT_ROOT / "main.py"), "history", "--db", url, "--session",
                 str(session_id), "--json", *extra],
                capture_output=True, text=True, timeout=120, check=False,
            )  # fmt: skip
            assert result.returncode == 0, result.stderr
            outputs.append(json.loads(result.stdout))
        assert outputs[0] == outputs[1]
        assert {"persona", "scenario", "seed", "opening", "turns"} <= set(outputs[0])
        if session_id == finished.session_id:
            assert finished.card is not None and outputs[0]["score"]["total"] == finished.card.total
            assert outputs[0]["turns"][-1]["trainee"] == "99已经是活动价了哈"
        else:
            assert outputs[0]["finished"] is False and len(outputs[0]["turns"]) == 1
