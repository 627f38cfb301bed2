"""课堂回放's steps, meters, score items and branches (simulator/services/discussion.py)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import Engine

from simulator.detection.detector import TechniqueDetector
from simulator.domain.history import StoredSession
from simulator.services.discussion import WHOLE_SESSION_COMPONENTS, Discussion
from simulator.services.library import ContentLibrary
from simulator.services.training import TrainingSession
from simulator.services.transcript import parse_transcript
from simulator.storage.database import open_database
from simulator.storage.repository import SessionRepository
from tests.conftest import PROJECT_ROOT

TRANSCRIPT = PROJECT_ROOT / "tests" / "transcripts" / "haggler_good.txt"


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = open_database(f"sqlite:///{tmp_path / 'class.db'}")
    yield engine
    engine.dispose()


def played(
    library: ContentLibrary, detector: TechniqueDetector, repository: SessionRepository
) -> tuple[TrainingSession, list[dict[str, float]]]:
    """A stored session, and the buyer's variables as they were after the opening and each message."""
    training = TrainingSession.start(library, detector, "haggler", None, 5, repository=repository)
    seen = [dict(training.buyer.variables)]
    for line in parse_transcript(TRANSCRIPT.read_text(encoding="utf-8").splitlines()):
        training.send(line.text, training.buyer.last_buyer_at + line.delay)
        seen.append(dict(training.buyer.variables))
    training.finish()
    return training, seen


@pytest.fixture
def game(
    library: ContentLibrary, detector: TechniqueDetector, engine: Engine
) -> tuple[SessionRepository, TrainingSession, list[dict[str, float]], StoredSession]:
    repository = SessionRepository(engine)
    training, seen = played(library, detector, repository)
    assert training.session_id is not None
    return repository, training, seen, repository.load(training.session_id)


Game = tuple[SessionRepository, TrainingSession, list[dict[str, float]], StoredSession]


def test_each_step_shows_the_buyer_as_it_was_then(
    library: ContentLibrary, detector: TechniqueDetector, game: Game
) -> None:
    _repository, training, seen, stored = game
    discussion = Discussion(library, detector, stored)
    steps = discussion.steps
    assert [step.trainee for step in steps[1:]] == [record.text for record in training.buyer.history[1:]]
    assert steps[0].trainee is None and steps[0].buyer_lines == tuple(training.buyer.opening)
    assert [step.meters for step in steps] == seen  # worked back from the end, equal to what was lived
    assert [step.message for step in steps] == list(range(len(steps)))
    assert discussion.message_steps() == list(range(1, len(steps)))
    # Every change on the step where it happened, with its cause; the deltas add up to the meters.
    second = steps[2]
    assert any("→" in change and ":" in change for change in second.changes)
    for name, delta in second.meter_deltas.items():
        assert second.meters_before[name] + delta == pytest.approx(second.meters[name])
    assert steps[-1].state == training.buyer.state and steps[-1].state_label


def test_in_english_states_and_meters_are_named_in_english(
    library: ContentLibrary, detector: TechniqueDetector, game: Game
) -> None:
    _repository, training, _, stored = game
    discussion = Discussion(library, detector, stored, english=True)
    persona = training.persona
    last = discussion.steps[-1]
    assert last.state_label == persona.state(last.state).label_en
    changed = [change for step in discussion.steps for change in step.changes]
    english_meters = {variable.label_en for variable in persona.variables}
    chinese_meters = {variable.label_zh for variable in persona.variables}
    assert changed and all(not change.startswith("状态") for change in changed)
    assert any(change.startswith(label + " ") for change in changed for label in english_meters)
    assert not any(change.startswith(label + " ") for change in changed for label in chinese_meters)
    branch = discussion.branch(1)
    assert (
        branch.reply("亲 这个价格已经是最低了哦").state_label
        == persona.state(branch.training.buyer.state).label_en
    )


def test_a_session_lived_with_other_content_says_where_the_replay_departs(
    library: ContentLibrary, detector: TechniqueDetector, game: Game
) -> None:
    _repository, _training, _, stored = game
    assert Discussion(library, detector, stored).first_difference() is None  # same content: same session
    # As if the buyer had said something else at the second trainee message when it was played.
    messages = list(stored.messages)
    index = next(i for i, message in enumerate(messages) if message.sender == "buyer" and message.turn == 2)
    messages[index] = replace(messages[index], text=messages[index].text + "(旧版买家)")
    assert Discussion(library, detector, replace(stored, messages=tuple(messages))).first_difference() == 2
    # Or the trainee's words read as other techniques then.
    messages = list(stored.messages)
    index = next(i for i, message in enumerate(messages) if message.sender == "trainee")
    messages[index] = replace(messages[index], techniques=("no_such_technique",))
    assert Discussion(library, detector, replace(stored, messages=tuple(messages))).first_difference() == 1
    # Or the buyer said less then than it says here (the rebuilt session goes on further).
    shorter = replace(stored, messages=stored.messages[:-1])
    last_turn = stored.messages[-1].turn
    found = Discussion(library, detector, shorter).first_difference()
    assert found is not None and found == next(
        step.message for step in Discussion(library, detector, stored).steps if step.record_index == last_turn
    )
    # Or only the total was other (a rubric changed since).
    summary = replace(stored.summary, total=(stored.summary.total or 0) + 7)
    changed = Discussion(library, detector, replace(stored, summary=summary))
    assert changed.first_difference() == len(changed.message_steps())


def test_the_score_is_split_between_messages_and_the_whole_session(
    library: ContentLibrary, detector: TechniqueDetector, game: Game
) -> None:
    _repository, training, _, stored = game
    assert training.card is not None
    discussion = Discussion(library, detector, stored)
    per_message = [item for step in discussion.steps for item in step.items]
    assert len(per_message) + len(discussion.session_items) == len(training.card.items)
    whole = [item for item in training.card.items if item.component in WHOLE_SESSION_COMPONENTS]
    assert whole and len(discussion.session_items) >= len(whole)  # the outcome is not the last line's merit
    first = discussion.steps[1]
    assert first.items and first.points == pytest.approx(round(sum(item.points for item in first.items), 2))
    names = {found.name for found in first.techniques}
    assert "较小单位报价法" in names
    assert all(found.evidence for found in first.techniques)


def test_a_branch_reacts_to_the_class_reply_and_is_never_stored(
    library: ContentLibrary, detector: TechniqueDetector, game: Game
) -> None:
    repository, _training, _, stored = game
    discussion = Discussion(library, detector, stored)
    before = len(repository.list())
    branch = discussion.branch(2)
    original = discussion.steps[2]
    reply = "亲 这个价格已经是最低了哦 不能再少了"
    step = branch.reply(reply)
    # The same buyer, seed and first message, then this reply: exactly what 从这里重试 would give.
    expected = TrainingSession.retry_from(library, detector, None, stored, 1)
    expected.send(reply, expected.buyer.last_buyer_at + original.delay)
    assert step.trainee == reply and step.message == 2
    assert step.buyer_lines == tuple(expected.buyer.history[-1].buyer_lines)
    assert step.meters == expected.buyer.variables
    assert step.meters_before == discussion.steps[1].meters
    assert {found.technique_id for found in step.techniques} == set(
        expected.buyer.history[-1].detection.techniques
    )
    left, right = branch.comparison()
    assert left == [original] and right == [step]
    assert len(repository.list()) == before  # a discussion branch leaves nothing behind
    branch.reply("您是要黑色还是棕色呢?")
    left, right = branch.comparison()
    assert len(right) == 2 and [s.message for s in right] == [2, 3] and left == discussion.steps[2:4]


def test_a_branch_needs_a_trainee_message_and_a_reply(
    library: ContentLibrary, detector: TechniqueDetector, game: Game
) -> None:
    _repository, _training, _, stored = game
    discussion = Discussion(library, detector, stored)
    with pytest.raises(ValueError):
        discussion.branch(0)  # the opening: the buyer's words, not the trainee's
    branch = discussion.branch(1)
    with pytest.raises(ValueError):
        branch.reply("   ")
    while not branch.finished:
        branch.reply("不买拉倒,爱买不买")
    with pytest.raises(ValueError):
        branch.reply("亲还在吗")


def test_a_session_whose_persona_is_gone_is_refused_clearly(
    library: ContentLibrary, detector: TechniqueDetector, game: Game
) -> None:
    _repository, _training, _, stored = game
    gone = type(stored)(
        summary=type(stored.summary)(**{**stored.summary.__dict__, "persona": "no_such_buyer"}),
        inputs=stored.inputs,
    )
    with pytest.raises(LookupError):
        Discussion(library, detector, gone)
