"""One buyer, one trainee: the persona's state machine driven by what the trainee writes and by time.

The machine is a `transitions.Machine` built from the persona script. Each trainee message becomes a
set of events (the techniques detected, facts checked against the scenario, the reply time, the
shape of the message). Reactions change the buyer's variables; then the first transition (in file
order) whose event happened and whose condition holds changes the state. Every change records its
cause. Time comes from the caller (`at`, `now`), never from threads, so a session is deterministic:
same persona, scenario, seed and transcript give the same session.
"""

from __future__ import annotations

import logging
import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial

from transitions import Machine

from simulator.detection.detector import TechniqueDetector
from simulator.domain.detection import Detection
from simulator.domain.persona import (
    PERCENT_OF_LIST_PRICE,
    Condition,
    Outcome,
    Persona,
    Reaction,
    StateSpec,
    TransitionSpec,
)
from simulator.domain.scenario import Scenario, Situation, case_values
from simulator.domain.techniques import TechniqueKind
from simulator.engine.fact_events import PriceBook, find_facts
from simulator.engine.facts import shipping_fee, size_for
from simulator.engine.reader import read_facts
from simulator.engine.records import Cause, StateChange, TurnRecord, VariableChange

# Most events have no transition from most states: the library would log each of them as a warning.
logging.getLogger("transitions").setLevel(logging.ERROR)

# `check` transitions into a final state (the buyer leaves, complains) are tried before any event's
# transitions, so a buyer out of patience never buys; the other `check` transitions after them.
_CHECK_LEAVING = "check"
_CHECK_SETTLING = "check_settling"
VERY_SLOW_SECONDS = 180.0  # the 3-minute response rule of Taobao's customer-service KPIs
LONG_MESSAGE_CHARS = 300
CURT_CHARS = 6
_OPERATORS: dict[str, Callable[[float, float], bool]] = {
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
    "==": lambda a, b: abs(a - b) < 1e-9,
    "!=": lambda a, b: abs(a - b) >= 1e-9,
}


@dataclass(frozen=True)
class SessionOutcome:
    result: Outcome
    price: float | None  # what the buyer paid per item
    satisfaction: int | None  # 1–5, like the DSR 服务态度 rating


class _BuyerModel:
    """The object the machine drives. Plain on purpose: the machine adds `state` and `trigger`.

    Annotations only: transitions.Machine never overwrites an attribute the model already has, so a
    placeholder method here would silently replace the library's trigger.
    """

    state: str
    trigger: Callable[[str], bool]


class BuyerSession:
    def __init__(self, persona: Persona, scenario: Scenario, detector: TechniqueDetector, seed: int) -> None:
        self.persona = persona
        self.scenario = scenario
        self.seed = seed
        self._detector = detector
        self._random = random.Random(f"{persona.id}|{scenario.id}|{seed}")
        self._states = {state.name: state for state in persona.states}
        self._good_ids = {t.id for t in detector.catalogue.techniques if t.kind is not TechniqueKind.BAD}
        self.variables: dict[str, float] = {}
        for variable in persona.variables:
            value = variable.initial
            if variable.initial_range is not None:
                low, high = variable.initial_range
                value = round(self._random.uniform(low, high))
            share = scenario.buyer.first_offer_share
            if variable.unit == PERCENT_OF_LIST_PRICE and share is not None:
                value = round(share * 100)  # the case sets the buyer's first offer
            self.variables[variable.name] = min(max(value, variable.minimum), variable.maximum)
        self._bounds = {v.name: (v.minimum, v.maximum) for v in persona.variables}
        self.book = PriceBook.for_scenario(scenario)
        self.counts: Counter[str] = Counter()
        self._reaction_fired: Counter[int] = Counter()
        self._last_lines: dict[tuple[str, ...], str] = {}
        self._recent_texts: list[str] = []
        self.history: list[TurnRecord] = []
        self.turns = 0
        self.last_buyer_at = 0.0
        self._nudged = False
        # The buyer's question (scenario.buyer.question) is open once a buyer line has asked it.
        self.question_open = False
        self.question_answered = False
        self._unanswered = 0
        self._fired: TransitionSpec | None = None
        self._current_record: TurnRecord | None = None
        self._state_before = persona.initial
        self._listeners: list[Callable[[TurnRecord], None]] = []

        self._model = _BuyerModel()
        self._machine = Machine(
            model=self._model,
            states=[state.name for state in persona.states],
            initial=persona.initial,
            auto_transitions=False,
            ignore_invalid_triggers=True,
        )
        non_final = [state.name for state in persona.states if not state.final]
        for spec in persona.transitions:
            sources = non_final if "*" in spec.sources else list(spec.sources)
            self._machine.add_transition(
                trigger=self._trigger_name(spec),
                source=sources,
                dest=spec.dest,
                conditions=[partial(self._transition_allowed, spec)],
                after=[partial(self._transitioned, spec)],
            )
        event_triggers = [spec.on for spec in persona.transitions if spec.on != "check"]
        self._trigger_order = [_CHECK_LEAVING, *dict.fromkeys(event_triggers), _CHECK_SETTLING]
        self.opening = self._say(self._state_lines(self._state_spec(), "opening"))
        opening_record = TurnRecord(index=0, at=0.0, delay=0.0, text=None, detection=None)
        opening_record.state = self.state
        opening_record.buyer_lines = list(self.opening)
        self.history.append(opening_record)

    # -- what the caller reads -------------------------------------------------------------------

    @property
    def state(self) -> str:
        return self._model.state

    @property
    def finished(self) -> bool:
        return self._state_spec().final

    def outcome(self) -> SessionOutcome:
        result = self._state_spec().outcome
        price: float | None = None
        if result is Outcome.PURCHASED and self.scenario.situation is Situation.AFTERSALE:
            # A temperament that ends "satisfied, deal done" in a pre-sale shop, in an after-sale case
            # settles the case: no new order is placed, so nothing is paid (cli.md: resolved).
            result = Outcome.RESOLVED
        if result is Outcome.PURCHASED:
            price = self.book.current
        satisfaction = self.variables.get("satisfaction")
        rating = None if satisfaction is None else min(5, max(1, int(satisfaction // 20) + 1))
        return SessionOutcome(result, price, rating)

    def shipping_fee(self) -> float:
        """This buyer's shipping fee under the shop's rules at the current price."""
        buyer, product = self.scenario.buyer, self.scenario.product
        total = self.book.current * buyer.quantity
        return shipping_fee(self.scenario.shipping, buyer.region, product.weight_kg * buyer.quantity, total)

    def buyer_spoke(self, at: float) -> None:
        """The window shows the buyer's line after a typing delay: reply time counts from then."""
        self.last_buyer_at = max(self.last_buyer_at, at)

    def add_listener(self, listener: Callable[[TurnRecord], None]) -> None:
        """Called with every new record (a trainee turn or a clock tick that made the buyer act)."""
        self._listeners.append(listener)

    # -- driving the session ---------------------------------------------------------------------

    def receive(self, text: str, at: float) -> TurnRecord:
        """The trainee sends ``text`` at ``at`` seconds since the session started."""
        self.turns += 1
        delay = max(0.0, at - self.last_buyer_at)
        if not self.finished and delay > self.persona.leave_after_seconds:
            # The buyer gave up before this message arrived: it is never read.
            self._tick_events(["timeout"], at)
        detection = self._detector.detect(text)
        record = TurnRecord(index=self.turns, at=at, delay=delay, text=text, detection=detection)
        if self.finished:
            record.state = self.state
            self._remember(record)
            return record
        canonical = self._detector.normalize(text).text
        words = self._detector.catalogue.words
        message_facts = read_facts(self.scenario, canonical, words)
        record.message_facts = message_facts
        # A paid order keeps the price it was paid at: an offer after payment is read (and scored)
        # against a scratch copy, so the recorded sale can never move below what was paid.
        paid = self._state_spec().outcome is Outcome.PURCHASED
        book = replace(self.book, steps=list(self.book.steps)) if paid else self.book
        findings = find_facts(self.scenario, book, detection, canonical, message_facts, words)
        record.facts = findings.facts
        events = self._message_events(text, canonical, detection, delay) + findings.events
        # A move made on a false fact (size_advice with a size the chart does not give) is the
        # false fact to the buyer, not the technique.
        catalogue = self._detector.catalogue
        events = [
            event
            for event in events
            if event not in catalogue or catalogue.overruled(event, findings.events) is None
        ]
        events += self._question_events(events, canonical)
        self._recent_texts = [*self._recent_texts[-2:], canonical]
        self._process(record, events)
        self._remember(record)
        self.last_buyer_at = at
        self._nudged = False
        return record

    def tick(self, now: float) -> TurnRecord | None:
        """Let time pass with no message; returns a record when the buyer did something."""
        if self.finished:
            return None
        waited = now - self.last_buyer_at
        if waited > self.persona.leave_after_seconds:
            return self._tick_events(["timeout"], now)
        if waited > self.persona.patience_seconds and not self._nudged:
            self._nudged = True
            return self._tick_events(["waiting"], now)
        return None

    def _tick_events(self, events: list[str], now: float) -> TurnRecord | None:
        record = TurnRecord(
            index=self.turns, at=now, delay=now - self.last_buyer_at, text=None, detection=None
        )
        before = (self.state, dict(self.variables))
        self._process(record, events)
        if not record.buyer_lines and (self.state, self.variables) == before:
            return None
        if record.buyer_lines:
            self.last_buyer_at = now
        self._remember(record)
        return record

    # -- one step ----------------------------------------------------------------------------------

    def _message_events(self, text: str, canonical: str, detection: Detection, delay: float) -> list[str]:
        events: list[str] = []
        readable = "".join(char for char in canonical if char.isalnum())
        has_emoticon = "\ue000" in canonical
        if not readable and not has_emoticon:
            events.append("empty_message")
        else:
            events.append("any_message")
            if not readable:
                events.append("emoticon_only")
            elif not any("\u3400" <= char <= "\u9fff" for char in readable):
                events.append("no_chinese")
        techniques = set(detection.techniques)
        if readable and not techniques & self._good_ids and len(readable) <= CURT_CHARS:
            events.append("curt_reply")
        if not techniques:
            events.append("no_technique")
        if canonical and canonical in self._recent_texts:
            events.append("repeated_message")
        if len(text) > LONG_MESSAGE_CHARS:
            events.append("long_message")
        if delay <= self.persona.patience_seconds / 2:
            events.append("reply_fast")
        if delay > self.persona.patience_seconds:
            events.append("slow_reply")
        if delay > VERY_SLOW_SECONDS:
            events.append("very_slow_reply")
        events.extend(detection.techniques)
        return events

    def _process(self, record: TurnRecord, events: list[str]) -> None:
        events = self._decide_staged(events)
        events.append("check")
        record.events = list(dict.fromkeys(events))
        for event in record.events:
            self.counts[event] += 1
        turn = record.index
        reaction_line: str | None = None
        reaction_hurt = False
        for index, reaction in enumerate(self.persona.reactions):
            if reaction.on not in record.events or not self._in_states(reaction.states):
                continue
            if not self._holds(reaction.when):
                continue
            if reaction.repeat == "once" and self._reaction_fired[index]:
                continue
            factor = 0.5 ** self._reaction_fired[index] if reaction.repeat == "decay" else 1.0
            self._reaction_fired[index] += 1
            cause = Cause(turn, reaction.on, "reaction", reaction.line, reaction.note)
            self._apply(record, reaction, factor, cause)
            if reaction.say and reaction_line is None:
                reaction_line = self._pick(self.persona.lines[reaction.say])
                reaction_hurt = sum(reaction.changes.values()) < 0

        self._fired = None
        self._current_record = record
        self._state_before = self.state
        for trigger in self._trigger_order:
            if trigger not in record.events and trigger not in (_CHECK_LEAVING, _CHECK_SETTLING):
                continue
            self._model.trigger(trigger)
            if self._fired is not None:
                break

        lines: list[str] = []
        if reaction_line is not None and (self._fired is None or reaction_hurt):
            # A pleased remark before a state's own line reads twice; a hurt one ("你这什么态度?") does not.
            lines.append(reaction_line)
        if self._fired is not None:
            target = self._state_spec()
            group = (
                self.persona.lines[self._fired.say] if self._fired.say else self._state_lines(target, "enter")
            )
            group = group or self._state_lines(target, "idle")
            if group:
                lines.append(self._pick(group))
        elif reaction_line is None and not self.finished and record.text is not None:
            lines.append(self._pick(self._state_lines(self._state_spec(), "idle")))
        record.buyer_lines = [self._render(line) for line in lines if line]
        record.state = self.state

    def _decide_staged(self, events: list[str]) -> list[str]:
        """staged_concession is judged from the price history, not from one message's words."""
        events = [event for event in events if event != "staged_concession"] + (
            ["staged_concession"] if "staged_concession" in events else []
        )
        if "concession_big" in events:
            return [event for event in events if event != "staged_concession"]
        if "concession_small" in events:
            earlier_holds = self.counts["hold_price"] > 0
            earlier_steps = self.book.steps[:-1]
            if (earlier_holds or earlier_steps) and all(
                self.book.small_step(step) for step in self.book.steps
            ):
                if "staged_concession" not in events:
                    events.append("staged_concession")
            elif not earlier_holds and not earlier_steps:
                # a first small step with no hold before it is a concession, not yet a staged one
                events = [event for event in events if event != "staged_concession"]
        return events

    def _remember(self, record: TurnRecord) -> None:
        self.history.append(record)
        for listener in self._listeners:
            listener(record)

    # -- rules ----------------------------------------------------------------------------------

    def _trigger_name(self, spec: TransitionSpec) -> str:
        """`check` transitions run in two phases: leaving ones before any event, the rest after."""
        if spec.on != "check":
            return spec.on
        return _CHECK_LEAVING if self._states[spec.dest].final else _CHECK_SETTLING

    def _state_spec(self) -> StateSpec:
        return self._states[self._model.state]

    def _in_states(self, states: tuple[str, ...]) -> bool:
        return "*" in states or self.state in states

    def _value(self, name: str | float) -> float:
        if isinstance(name, float | int):
            return float(name)
        if name in self.variables:
            return self.variables[name]
        builtins = {
            "turn": float(self.turns),
            "price": self.book.current,
            "list_price": self.book.list_price,
            "price_ok": 1.0 if self.book.price_ok else 0.0,
            "concessions": float(len(self.book.steps)),
            "waited": self._current_record.delay if self._current_record is not None else 0.0,
        }
        if name in builtins:
            return builtins[name]
        if name.startswith("n_"):
            return float(self.counts[name[2:]])
        raise KeyError(name)  # the loader rejects unknown names, so this is a programming error

    def _holds(self, condition: Condition) -> bool:
        if not condition.any_of:
            return True
        return any(
            all(_OPERATORS[c.operator](self._value(c.left), self._value(c.right)) for c in group)
            for group in condition.any_of
        )

    def _transition_allowed(self, spec: TransitionSpec) -> bool:
        if not self._holds(spec.when):
            return False
        target = self._states[spec.dest]
        # No buyer pays below the shop's floor: the shop would not accept the order.
        buying = target.outcome is Outcome.PURCHASED and self.scenario.situation is not Situation.AFTERSALE
        if buying and not self.book.price_ok:
            return False
        # A paid order stays paid: a buyer who walks away afterwards does not undo the sale (a
        # complaint still can: that is a 差评).
        paid = self._state_spec().outcome is Outcome.PURCHASED
        return not (paid and target.outcome is Outcome.LEFT)

    def _transitioned(self, spec: TransitionSpec) -> None:
        record = self._current_record
        assert record is not None, "transitions fire only inside _process"
        self._fired = spec
        cause = Cause(record.index, spec.on, "transition", spec.line, spec.note)
        record.state_change = StateChange(self._state_before, spec.dest, cause)

    def _apply(self, record: TurnRecord, reaction: Reaction, factor: float, cause: Cause) -> None:
        for name, delta in reaction.changes.items():
            scaled = delta * factor if delta > 0 else delta
            low, high = self._bounds[name]
            before = self.variables[name]
            after = min(max(before + scaled, low), high)
            if after != before:
                self.variables[name] = round(after, 2)
                record.changes.append(VariableChange(name, before, self.variables[name], cause))

    # -- lines ----------------------------------------------------------------------------------

    def _pick(self, group: tuple[str, ...]) -> str:
        if not group:
            return ""
        choices = [line for line in group if line != self._last_lines.get(group)] or list(group)
        line = choices[self._random.randrange(len(choices))]
        self._last_lines[group] = line
        return line

    def _question_events(self, events: list[str], canonical: str) -> list[str]:
        """question_answered when this message answers the buyer's open question; question_unanswered
        after two messages that leave it open (the buyer asks again and loses patience)."""
        if not self.question_open:
            return []
        buyer = self.scenario.buyer
        named = any(word.lower() in canonical for word in buyer.answer_words)
        if named or set(events) & set(buyer.answered_by):
            self.question_open, self.question_answered, self._unanswered = False, True, 0
            return ["question_answered"]
        self._unanswered += 1
        if self._unanswered < 2:
            return []
        self._unanswered = 0
        return ["question_unanswered"]

    def _say(self, group: tuple[str, ...]) -> list[str]:
        line = self._pick(group)
        return [self._render(line)] if line else []

    def _right_size(self) -> str:
        return _size_for_buyer(self.scenario)

    def _state_lines(self, state: StateSpec, group: str) -> tuple[str, ...]:
        """A state's lines for this situation: `opening_aftersale` wins over `opening` after a sale, so
        one temperament can name the complaint there and the product before a sale."""
        specific = state.lines.get(f"{group}_{self.scenario.situation.value}")
        return specific or state.lines.get(group, ())

    def _offer_yuan(self) -> float:
        """The buyer's counter-offer in yuan: a share of the page price when the script says so."""
        list_price = self.scenario.product.list_price
        if "offer" not in self.variables:
            return list_price
        spec = next(v for v in self.persona.variables if v.name == "offer")
        value = self.variables["offer"]
        return round(list_price * value / 100) if spec.unit == PERCENT_OF_LIST_PRICE else value

    def _render(self, line: str) -> str:
        product = self.scenario.product
        values = {
            "product": product.name,
            "list_price": _money(product.list_price),
            "price": _money(self.book.current),
            "offer": _money(self._offer_yuan()),
            "buyer_name": self.persona.buyer_name,
            "colour": self.scenario.buyer.wanted_colour or (product.colours[0] if product.colours else ""),
            "size": self._right_size(),
            "shop": self.scenario.shop,
            "fee": _money(self.shipping_fee()),
            "issue": self.scenario.issue,
            "height": _number(self.scenario.buyer.height_cm),
            "weight_jin": _number(
                None if self.scenario.buyer.weight_kg is None else self.scenario.buyer.weight_kg * 2
            ),
            "region": self.scenario.buyer.region,
            "material": product.material,
            "cutoff": self.scenario.shipping.cutoff,
            "stock": str(min(product.low_stock.values(), default=product.stock)),
            **case_values(self.scenario),
        }
        for name, value in values.items():
            line = line.replace("{" + name + "}", value)
        question = self.scenario.buyer.question
        if question and question in line and not self.question_answered:
            self.question_open = True  # asked (or asked again): now a reply must answer it
        return line


def _size_for_buyer(scenario: Scenario) -> str:
    product, buyer = scenario.product, scenario.buyer
    if product.size_chart and buyer.height_cm is not None and buyer.weight_kg is not None:
        return size_for(product.size_chart, buyer.height_cm, buyer.weight_kg) or ""
    return product.sizes[0] if product.sizes else ""


def _number(value: float | None) -> str:
    return "" if value is None else f"{round(value):d}"


def _money(value: float) -> str:
    return str(round(value)) if abs(value - round(value)) < 0.005 else f"{value:.2f}".rstrip("0")
