"""A stored session taken apart for a class to discuss, step by step (issue 15).

Each step is one thing the buyer reacted to — its opening, a trainee message, or the clock when the
buyer lost patience — with the buyer's mind after it: the state, the meters, every change and its
cause, the techniques found in the message with their evidence, and the score items of that message.
At any message the class can answer differently (你会怎么回?): a *branch* replays the session up to
just before that message, with the same buyer and seed, and reacts to the class's reply; the two
branches are then shown side by side. A branch is for discussion and is never stored.
"""

from __future__ import annotations

from dataclasses import dataclass

from simulator.detection.detector import TechniqueDetector
from simulator.detection.explain import describe_technique
from simulator.domain.events import RULE_NAMES_ZH
from simulator.domain.history import StoredSession
from simulator.domain.persona import Persona
from simulator.engine.records import TurnRecord
from simulator.scoring.scorecard import ScoreCard
from simulator.services.history import stored_messages
from simulator.services.library import ContentLibrary
from simulator.services.training import TrainingSession

# When the stored session has no delay for the replaced message, the class's reply is taken to come
# this many seconds after the buyer's line: an ordinary, unhurried reply.
DEFAULT_REPLY_DELAY = 10.0
# Score components about the session as a whole even when the scorer pins them on its last message
# (the outcome, the price finally paid): shown once for the session, not as that message's merit.
WHOLE_SESSION_COMPONENTS = frozenset({"outcome", "bargaining"})


def _whole_session(scope: str, component: str) -> bool:
    return scope == "session" or component in WHOLE_SESSION_COMPONENTS


@dataclass(frozen=True)
class FoundTechnique:
    technique_id: str
    name: str
    kind: str  # "good" | "bad" (a technique voided by a wrong fact counts as bad)
    reason: str
    evidence: str  # the quoted words and the rule or score that found them


@dataclass(frozen=True)
class StepItem:
    points: float
    name: str
    reason: str
    quote: str
    better: str


@dataclass(frozen=True)
class Step:
    """One step of a session, as the class sees it."""

    record_index: int  # the engine's turn index (0 = the opening)
    message: int  # the trainee message it answers, 1-based; 0 for the opening or the clock
    trainee: str | None  # the trainee's words (None: the opening, or the buyer acting on its own)
    delay: float  # how long the trainee took to reply
    buyer_lines: tuple[str, ...]
    state: str
    state_label: str
    meters_before: dict[str, float]
    meters: dict[str, float]  # after the step
    changes: tuple[str, ...]  # each change and its cause, in the order they happened
    techniques: tuple[FoundTechnique, ...]
    items: tuple[StepItem, ...]  # the score items of this message
    points: float  # the sum of those items

    @property
    def meter_deltas(self) -> dict[str, float]:
        return {name: value - self.meters_before.get(name, value) for name, value in self.meters.items()}


class Discussion:
    """A stored session rebuilt from its inputs and split into steps."""

    def __init__(
        self,
        library: ContentLibrary,
        detector: TechniqueDetector,
        stored: StoredSession,
        english: bool = False,
    ) -> None:
        self.library = library
        self.detector = detector
        self.stored = stored
        self.english = english  # the window's language: states and meters named in it
        # LookupError when this machine no longer has the persona or the scenario: said by the caller.
        self.training = TrainingSession.rebuilt(library, detector, stored)
        self.card = self.training.current_score()
        self.steps = steps_of(self.training, self.card, english)
        self.session_items = tuple(
            _item(item.points, item.rule, item.reason, item.quote, item.better, library)
            for item in self.card.items
            if _whole_session(item.scope, item.component)
        )

    @property
    def persona(self) -> Persona:
        return self.training.persona

    def first_difference(self) -> int | None:
        """The first trainee message (1-based; 0 the opening) where the session rebuilt here differs
        from what was stored when it was played: other buyer lines, techniques or a different
        total. None when it is the same. The content on this machine (a persona edited since, or
        a class server's sessions played with other content) is what the replay shows; the room
        should know when that is not what the trainee lived."""
        stored = [
            _lived(message.turn, message.sender, message.text, message.techniques)
            for message in self.stored.messages
        ]
        rebuilt = [
            _lived(message["turn"], message["sender"], message["text"], tuple(message["techniques"]))
            for record in self.training.buyer.history
            for message in stored_messages(record)
        ]
        if stored and stored != rebuilt:
            for ours, theirs in zip(rebuilt + [None] * len(stored), stored, strict=False):
                if ours != theirs:
                    return self._message_of_turn(theirs[0])
            return self._message_of_turn(rebuilt[len(stored)][0])  # here, it goes on further
        total = self.stored.summary.total
        if total is not None and self.stored.summary.ended_at is not None and total != self.card.total:
            return len(self.message_steps())
        return None

    def _message_of_turn(self, turn: int) -> int:
        for step in self.steps:
            if step.record_index == turn:
                return step.message
        return 0

    @property
    def meter_names(self) -> tuple[str, ...]:
        return tuple(variable.name for variable in self.persona.variables)

    def message_steps(self) -> list[int]:
        """The step indexes where the trainee wrote something (where a branch can start)."""
        return [index for index, step in enumerate(self.steps) if step.trainee is not None]

    def branch(self, step_index: int) -> Branch:
        """你会怎么回: a new reply in place of the trainee message of ``step_index``."""
        step = self.steps[step_index]
        if step.trainee is None:
            raise ValueError("只有学员发的消息可以换一种说法")
        return Branch(self, step_index)


class Branch:
    """The session replayed up to just before one trainee message, then answered by the class."""

    def __init__(self, discussion: Discussion, step_index: int) -> None:
        self.discussion = discussion
        self.step_index = step_index
        self.original_step = discussion.steps[step_index]
        self.training = TrainingSession.retry_from(
            discussion.library,
            discussion.detector,
            None,  # never stored: a branch is for the room's discussion
            discussion.stored,
            self.original_step.message - 1,
        )
        self._first_record = len(self.training.buyer.history)
        self.steps: list[Step] = []

    @property
    def finished(self) -> bool:
        return self.training.finished

    def reply(self, text: str) -> Step:
        """The class's reply; the buyer reacts to it as it would have to the trainee's."""
        if not text.strip():
            raise ValueError("先写下你会怎么回")
        if self.training.finished:
            raise ValueError("买家已经离开,这个分支结束了")
        delay = (
            self.original_step.delay
            if not self.steps and self.original_step.delay > 0
            else DEFAULT_REPLY_DELAY
        )
        self.training.send(text, self.training.buyer.last_buyer_at + delay)
        card = self.training.current_score()
        all_steps = steps_of(self.training, card, self.discussion.english)
        self.steps = all_steps[self._first_record :]
        return self.steps[-1]

    def original_steps(self) -> list[Step]:
        """The stored session's steps from the replaced message on, to set beside the branch."""
        return self.discussion.steps[self.step_index :]

    def comparison(self) -> tuple[list[Step], list[Step]]:
        """The two branches, step by step from the replaced message: as many steps on each side as the
        branch has (the original may have gone on longer)."""
        count = max(1, len(self.steps))
        return self.original_steps()[:count], self.steps


def steps_of(training: TrainingSession, card: ScoreCard, english: bool = False) -> list[Step]:
    """Every record of the session as a step, the meters worked back from the final values."""
    session = training.buyer
    library = training.library
    persona = session.persona
    meters_after = _meters_after_each(session.history, dict(session.variables))
    items_by_message: dict[int, list[StepItem]] = {}
    for item in card.items:
        if not _whole_session(item.scope, item.component) and item.turn > 0:
            items_by_message.setdefault(item.turn, []).append(
                _item(item.points, item.rule, item.reason, item.quote, item.better, library)
            )
    steps = []
    message = 0
    previous = meters_after[0] if meters_after else {}
    for position, record in enumerate(session.history):
        after = meters_after[position]
        before = previous if position else after
        number = 0
        if record.text is not None:
            message += 1
            number = message
        state_label = _state_label(persona, record.state, english)
        items = tuple(items_by_message.get(number, ())) if number else ()
        steps.append(
            Step(
                record_index=record.index,
                message=number,
                trainee=record.text,
                delay=record.delay,
                buyer_lines=tuple(record.buyer_lines),
                state=record.state,
                state_label=state_label,
                meters_before=dict(before),
                meters=dict(after),
                changes=tuple(_changes(persona, record, english)),
                techniques=tuple(_techniques(record, training)),
                items=items,
                points=round(sum(item.points for item in items), 2),
            )
        )
        previous = after
    return steps


def _meters_after_each(history: list[TurnRecord], final: dict[str, float]) -> list[dict[str, float]]:
    """The variables after each record: each record's changes undone, from the last record back."""
    values = dict(final)
    after: list[dict[str, float]] = []
    for record in reversed(history):
        after.append(dict(values))
        for change in reversed(record.changes):
            values[change.variable] = change.before
    after.reverse()
    return after


def _lived(
    turn: int, sender: str, text: str, techniques: tuple[str, ...]
) -> tuple[int, str, str, tuple[str, ...]]:
    return (turn, sender, text, tuple(sorted(techniques)))


def _state_label(persona: Persona, state: str, english: bool = False) -> str:
    try:
        found = persona.state(state)
    except KeyError:
        return state
    return (found.label_en if english else found.label_zh) or found.label_zh


def _changes(persona: Persona, record: TurnRecord, english: bool = False) -> list[str]:
    """Each change with its cause (the cause's note is the persona author's words, as written)."""

    def where(line: int) -> str:
        if not line:
            return ""
        return f" (line {line})" if english else f"(第 {line} 行)"

    lines = []
    for change in record.changes:
        label = persona.variable_label(change.variable, english)
        moved = f"{label} {change.before:g}→{change.after:g}"
        lines.append(f"{moved}:{change.cause.note}{where(change.cause.line)}")
    if record.state_change is not None:
        change = record.state_change
        source = _state_label(persona, change.source, english)
        dest = _state_label(persona, change.dest, english)
        state_word = "state" if english else "状态"
        lines.append(f"{state_word} {source}→{dest}:{change.cause.note}{where(change.cause.line)}")
    return lines


def _techniques(record: TurnRecord, training: TrainingSession) -> list[FoundTechnique]:
    if record.detection is None:
        return []
    catalogue = training.library.catalogue
    found = []
    for technique_id in record.detection.techniques:
        technique = catalogue.get(technique_id)
        kind = technique.kind.value
        reason = technique.reason_bad if kind == "bad" else technique.reason_good
        if voided_by := catalogue.overruled(technique_id, record.events):
            kind = "bad"  # wrong size advice is a wrong fact, never credited as a recommendation
            reason = RULE_NAMES_ZH.get(voided_by, voided_by)
        evidence = describe_technique(record.detection, technique_id, catalogue.lexicon)
        found.append(FoundTechnique(technique_id, technique.name_zh, kind, reason, evidence))
    return found


def _item(
    points: float, rule: str, reason: str, quote: str, better: str, library: ContentLibrary
) -> StepItem:
    catalogue = library.catalogue
    name = catalogue.get(rule).name_zh if rule in catalogue else RULE_NAMES_ZH.get(rule, rule)
    return StepItem(points, name, reason, quote, better)
