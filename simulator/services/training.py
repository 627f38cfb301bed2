"""One training session from start to report: the only owner of a session's life cycle.

The window, `chat`, `play`, resume, replay and 从这里重试 all go through `TrainingSession`: it holds
the buyer (the engine's `BuyerSession`), the rubric frozen when the session began, the storage and
the score. Everything that changes the session is an *input* (a trainee message, a clock tick that
made the buyer act, the moment a buyer line appeared on screen, which sets the reply time) and is
stored in order, so that replaying the inputs rebuilds the identical session.

A failed write never escapes into the caller: the step is kept in memory, retried with the next
one, and reported on the step's result (`storage_error`), so the trainee can go on.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from simulator.detection.detector import TechniqueDetector
from simulator.domain.history import StoredInput, StoredSession
from simulator.domain.persona import Persona
from simulator.domain.rubric import Rubric
from simulator.domain.scenario import Scenario
from simulator.engine.records import TurnRecord
from simulator.engine.session import BuyerSession
from simulator.scoring.scorecard import ScoreCard
from simulator.services.history import score_items, stored_changes, stored_messages
from simulator.services.hygiene import cleaned
from simulator.services.library import ContentLibrary
from simulator.services.play import fold_ticks, session_json, tick_json, turn_json
from simulator.services.score_json import score_json
from simulator.services.scoring import score
from simulator.storage.lease import HEARTBEAT_SECONDS
from simulator.storage.repository import SessionRepository, SessionTakenOver

# A chat message longer than this is cut (and said so): a pasted page is not a reply, and storage
# should not grow by a novel per turn.
MAX_MESSAGE_CHARS = 2000
DEFAULT_TRAINEE = "学员"  # the name a session is stored under when the trainee gave none
OPEN = "open"  # the buyer's opening lines (nothing to replay: the seed gives them)
MESSAGE = "message"
TICK = "tick"
SPOKE = "spoke"


@dataclass(frozen=True)
class StepResult:
    """What one input did: the buyer's turn (None when a tick changed nothing) and what to tell the user."""

    record: TurnRecord | None
    finished: bool
    note: str = ""  # e.g. the message was cut to the length limit
    storage_error: str = ""  # the step is kept in memory and written with the next one


class SessionInUse(Exception):
    """The session is open in another live window."""

    def __init__(self, session_id: int) -> None:
        self.session_id = session_id
        super().__init__(f"session {session_id} is open in another window")


@dataclass
class _Unsaved:
    inputs: list[StoredInput]
    messages: list[dict[str, Any]]
    changes: list[dict[str, Any]]


class TrainingSession:
    """A trainee's session with one buyer, stored as it happens when a repository is given."""

    def __init__(
        self,
        library: ContentLibrary,
        detector: TechniqueDetector,
        persona: Persona,
        scenario: Scenario,
        seed: int,
        mode: str = "practice",
        repository: SessionRepository | None = None,
    ) -> None:
        self.library = library
        self.detector = detector
        self.mode = mode
        self.buyer = BuyerSession(persona, scenario, detector, seed)
        self.rubric: Rubric = library.rubric(persona, scenario)  # frozen for the whole session
        self.repository = repository
        self.session_id: int | None = None
        self.card: ScoreCard | None = None
        self.storage_error = ""
        self._seq = 0
        self._unsaved: list[_Unsaved] = []
        self._recording = False
        self._stored_records = 1  # history records stored so far (the opening, when recording begins)
        self._last_heartbeat = 0.0  # session clock of the last lease renewal
        self.trainee = DEFAULT_TRAINEE
        self.exam_id: int | None = None  # the exam it is taken for (stored with it), None for practice

    # -- starting -------------------------------------------------------------------------------

    @classmethod
    def start(
        cls,
        library: ContentLibrary,
        detector: TechniqueDetector,
        persona_id: str,
        scenario_id: str | None,
        seed: int,
        mode: str = "practice",
        repository: SessionRepository | None = None,
        started_at: datetime | None = None,
        trainee: str = DEFAULT_TRAINEE,
        exam_id: int | None = None,
    ) -> TrainingSession:
        """A new session; with a repository it is stored from its opening line on, under ``trainee``
        (and under the exam ``exam_id`` it is taken for, if any)."""
        persona, scenario = library.pairing(persona_id, scenario_id)
        training = cls(library, detector, persona, scenario, seed, mode, repository)
        training.trainee = trainee.strip() or DEFAULT_TRAINEE
        training.exam_id = exam_id
        training._begin_recording(started_at or datetime.now())
        return training

    @classmethod
    def rebuilt(
        cls, library: ContentLibrary, detector: TechniqueDetector, stored: StoredSession
    ) -> TrainingSession:
        """The stored session computed again from its inputs (not stored again)."""
        summary = stored.summary
        # A stored session is rebuilt even if its pairing is no longer offered on the start page.
        persona, scenario = library.persona(summary.persona), library.scenario(summary.scenario)
        training = cls(library, detector, persona, scenario, summary.seed, summary.mode)
        training.trainee = summary.trainee
        training._replay(_inputs_of(stored))
        return training

    @classmethod
    def resume(
        cls,
        library: ContentLibrary,
        detector: TechniqueDetector,
        repository: SessionRepository,
        session_id: int,
    ) -> TrainingSession:
        """An unfinished stored session, continued: rebuilt, and new inputs go on in the same record.

        SessionInUse when another live window has it open (its lease): two conversations never
        go into one stored session."""
        if not repository.claim(session_id):
            raise SessionInUse(session_id)
        stored = repository.load(session_id)
        training = cls.rebuilt(library, detector, stored)
        training.repository = repository
        training.session_id = session_id
        training._seq = max((item.seq for item in stored.inputs), default=0)
        training._stored_records = len(training.buyer.history)
        training._recording = True
        return training

    @classmethod
    def retry_from(
        cls,
        library: ContentLibrary,
        detector: TechniqueDetector,
        repository: SessionRepository | None,
        stored: StoredSession,
        turn: int,
        started_at: datetime | None = None,
    ) -> TrainingSession:
        """从这里重试: a new session with the same buyer and seed, its first ``turn`` messages (and the
        buyer's answers to them) replayed, then the trainee answers anew."""
        summary = stored.summary
        persona, scenario = library.persona(summary.persona), library.scenario(summary.scenario)
        training = cls(library, detector, persona, scenario, summary.seed, summary.mode, repository)
        training.trainee = summary.trainee  # the retry is the same trainee's
        training._begin_recording(started_at or datetime.now())
        training._replay(_inputs_up_to(_inputs_of(stored), turn), record=True)
        return training

    @classmethod
    def stored_view(cls, stored: StoredSession) -> dict[str, Any]:
        """A stored session as it was stored (`history --session ID --json`)."""
        if stored.document is not None:
            return stored.document
        summary = stored.summary
        turns = [turn for item in stored.inputs if item.kind in (MESSAGE, TICK) for turn in item.record or ()]
        opened = [item.record for item in stored.inputs if item.kind == OPEN and item.record]
        opening = opened[0][0]["buyer"] if opened else _legacy_opening(stored)
        turns_shown = fold_ticks([dict(turn) for turn in turns])
        return _unfinished(summary.persona, summary.scenario, summary.seed, opening, turns_shown)

    # -- what the caller reads ------------------------------------------------------------------

    @property
    def persona(self) -> Persona:
        return self.buyer.persona

    @property
    def scenario(self) -> Scenario:
        return self.buyer.scenario

    @property
    def finished(self) -> bool:
        return self.buyer.finished

    @property
    def scored(self) -> bool:
        return self.card is not None

    def document(self) -> dict[str, Any]:
        """The session in the shape of `play --json`; with its score once it is finished."""
        if self.card is None:
            turns = session_json(self.buyer)["turns"]
            return _unfinished(
                self.persona.id, self.scenario.id, self.buyer.seed, list(self.buyer.opening), turns
            )
        document = session_json(self.buyer)
        document["score"] = score_json(self.card)
        return document

    def current_score(self) -> ScoreCard:
        """The score so far (a finished session's is kept)."""
        return self.card or score(self.buyer, self.library.catalogue, self.rubric)

    # -- driving it -----------------------------------------------------------------------------

    def send(self, text: str, at: float) -> StepResult:
        """A trainee message at ``at`` seconds since the session started."""
        note = ""
        text, dropped = cleaned(text)
        if dropped:
            note = "消息里有无法显示的控制字符或乱码,已去掉"
        if len(text) > MAX_MESSAGE_CHARS:
            text = text[:MAX_MESSAGE_CHARS]
            note = ";".join(filter(None, [note, f"消息太长,只保留了前 {MAX_MESSAGE_CHARS} 个字"]))
        disabled_before = len(self.detector.disabled_rules)
        record = self.buyer.receive(text, at)
        # A catalogue rule that ran over its time budget was switched off: say so, the session goes on.
        switched_off = self.detector.disabled_rules[disabled_before:]
        note = ";".join([note, *(str(rule) for rule in switched_off)]).strip(";")
        return self._stepped(MESSAGE, at, text, record, note)

    def tick(self, now: float) -> StepResult | None:
        """Time passes; None when the clock changed nothing (nothing to show, nothing to store)."""
        self._heartbeat(now)
        before = self.buyer.clock_steps
        record = self.buyer.tick(now)
        if self.buyer.clock_steps == before:
            return None
        return self._stepped(TICK, now, None, record, "")

    def buyer_spoke(self, at: float) -> None:
        """A buyer line appeared on screen at ``at``: the reply time counts from here."""
        if at <= self.buyer.last_buyer_at:
            return
        self.buyer.buyer_spoke(at)
        self._store(StoredInput(self._next_seq(), SPOKE, at), [], [])

    def finish(self, ended_at: datetime | None = None) -> ScoreCard:
        """Score the session and store the score; a second call returns the same card."""
        if self.card is not None:
            return self.card
        self.card = score(self.buyer, self.library.catalogue, self.rubric)
        if self._recording and self.repository is not None and self.session_id is not None:
            outcome = self.buyer.outcome()
            try:
                self._flush()
                self.repository.finish(
                    self.session_id, ended_at or datetime.now(), outcome.result.value, outcome.price,
                    outcome.satisfaction, self.card.total, self.card.passed, self.card.rubric_version,
                    score_items(self.card), self.document(),
                )  # fmt: skip
            except SessionTakenOver:
                self._taken_over()
            except (SQLAlchemyError, OSError) as error:
                self.storage_error = _describe(error)
        return self.card

    def leave(self, ended_at: datetime | None = None) -> None:
        """The trainee leaves the chat without the report (another page, another session, the window
        closes): a session the buyer ended is scored and stored as usual; one still going is kept,
        marked not finished, so it is neither lost nor offered for resume as if the app had crashed."""
        if self.card is not None:
            return
        if self.buyer.finished:
            self.finish(ended_at)
            return
        if not self._recording or self.repository is None or self.session_id is None:
            return
        try:
            self._flush()
            self.repository.close(self.session_id, ended_at or datetime.now())
        except SessionTakenOver:
            self._taken_over()
        except (SQLAlchemyError, OSError) as error:
            self.storage_error = _describe(error)

    # -- inside ---------------------------------------------------------------------------------

    def _taken_over(self) -> None:
        """Resumed in another window while this one was silent, or closed there: it is not this
        window's to write any more. The trainee is told; the report still shows this conversation."""
        self._recording = False
        self._unsaved.clear()
        self.storage_error = "这次练习已在另一个窗口里继续或被关闭,这里的新消息和得分不再保存"

    def _heartbeat(self, now: float) -> None:
        """Renew the session's lease now and then, so another window sees it is still open."""
        if not self._recording or self.repository is None or self.session_id is None:
            return
        if now - self._last_heartbeat < HEARTBEAT_SECONDS:
            return
        self._last_heartbeat = now
        try:
            self.repository.renew(self.session_id)
        except (SQLAlchemyError, OSError) as error:
            self.storage_error = _describe(error)

    def _begin_recording(self, started_at: datetime) -> None:
        if self.repository is None:
            return
        try:
            self.session_id = self.repository.start(
                self.persona.id, self.scenario.id, self.buyer.seed, self.mode, started_at, self.trainee,
                self.exam_id,
            )  # fmt: skip
        except (SQLAlchemyError, OSError) as error:
            self.storage_error = _describe(error)  # the session goes on, unrecorded
            return
        self._recording = True
        opening = self.buyer.history[0]
        item = StoredInput(self._next_seq(), OPEN, 0.0, None, [{"buyer": list(self.buyer.opening)}])
        self._store(item, stored_messages(opening), stored_changes(opening))

    def _replay(self, inputs: Sequence[StoredInput], record: bool = False) -> None:
        for item in inputs:
            if item.kind == MESSAGE and item.text is not None:
                if record:
                    self.send(item.text, item.at)
                else:
                    self.buyer.receive(item.text, item.at)
            elif item.kind == TICK:
                if record:
                    self.tick(item.at)
                else:
                    self.buyer.tick(item.at)
            elif item.kind == SPOKE:
                if record:
                    self.buyer_spoke(item.at)
                else:
                    self.buyer.buyer_spoke(item.at)

    def _stepped(
        self, kind: str, at: float, text: str | None, record: TurnRecord | None, note: str
    ) -> StepResult:
        records = self._records_since_last_step()
        shown = [turn_json(r) if r.text is not None else tick_json(r) for r in records]
        item = StoredInput(self._next_seq(), kind, at, text, shown)
        messages = [message for r in records for message in stored_messages(r)]
        changes = [change for r in records for change in stored_changes(r)]
        self._store(item, messages, changes)
        return StepResult(record, self.finished, note, self.storage_error)

    def _records_since_last_step(self) -> list[TurnRecord]:
        """The history records this step added (a message after a timeout adds two)."""
        new = self.buyer.history[self._stored_records :]
        self._stored_records = len(self.buyer.history)
        return new

    def _next_seq(self) -> int:
        self._seq += 1
        return self._seq

    def _store(
        self, item: StoredInput | None, messages: list[dict[str, Any]], changes: list[dict[str, Any]]
    ) -> None:
        if not self._recording or self.repository is None or self.session_id is None:
            return
        self._unsaved.append(_Unsaved([item] if item is not None else [], messages, changes))
        try:
            self._flush()
        except SessionTakenOver:
            self._taken_over()
        except (SQLAlchemyError, OSError) as error:
            self.storage_error = _describe(error)

    def _flush(self) -> None:
        assert self.repository is not None and self.session_id is not None
        while self._unsaved:
            step = self._unsaved[0]
            self.repository.add_turn(self.session_id, step.messages, step.changes, step.inputs)
            self._unsaved.pop(0)
        self.storage_error = ""


def _inputs_of(stored: StoredSession) -> list[StoredInput]:
    """A stored session's inputs; one stored before inputs were kept has its trainee messages only."""
    if stored.inputs:
        return [item for item in stored.inputs if item.kind != OPEN]
    messages = [m for m in stored.messages if m.sender == "trainee"]
    return [StoredInput(index, MESSAGE, m.at, m.text) for index, m in enumerate(messages, start=1)]


def _unfinished(
    persona: str, scenario: str, seed: int, opening: list[str], turns: list[dict[str, Any]]
) -> dict[str, Any]:
    """An unfinished session in `play --json` shape (no outcome or score yet): the one shape both the
    stored view and the live session give, so `history --session` can compare them."""
    return {"persona": persona, "scenario": scenario, "seed": seed, "opening": opening, "turns": turns,
            "finished": False}  # fmt: skip


def _legacy_opening(stored: StoredSession) -> list[str]:
    """Before inputs were kept: the buyer's lines stored before the first trainee message."""
    lines = []
    for message in stored.messages:
        if message.sender == "trainee":
            break
        lines.append(message.text)
    return lines


def _inputs_up_to(inputs: Sequence[StoredInput], turn: int) -> list[StoredInput]:
    """The inputs up to the ``turn``-th message and the buyer lines that answered it (not a tick after)."""
    kept: list[StoredInput] = []
    messages = 0
    for item in inputs:
        if item.kind == MESSAGE:
            if messages == turn:
                break
            messages += 1
        elif messages == turn and item.kind == TICK:
            break  # the buyer nudged or left after it: the retry answers before that
        kept.append(item)
    return kept


def _describe(error: Exception) -> str:
    return f"记录没能保存(会话继续,稍后重试):{type(error).__name__}: {str(error).splitlines()[0][:160]}"
