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
from dataclasses import dataclass
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
from simulator.domain.scenario import BuyerQuestion, Scenario, Situation, case_values
from simulator.domain.techniques import TechniqueKind
from simulator.engine.agenda import Agenda
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
    trigger: Callable[..., bool]


@dataclass
class TurnContext:
    """What one turn's rules read: the buyer as it stood before the turn, as the turn changes it.

    Built at the start of a turn and handed to every condition (through ``trigger()`` too); never
    kept on the session. Its copies become the session's values when the turn is over."""

    index: int
    delay: float
    events: tuple[str, ...]
    variables: dict[str, float]
    counts: Counter[str]
    reactions_fired: Counter[int]
    book: PriceBook


@dataclass(frozen=True)
class TurnResult:
    """One turn's outcome, complete: the session takes it as a whole."""

    events: list[str]
    changes: list[VariableChange]
    state_change: StateChange | None
    buyer_lines: list[str]
    context: TurnContext


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
        self._reactions_fired: Counter[int] = Counter()
        self._last_lines: dict[tuple[str, ...], str] = {}
        self._recent_texts: list[str] = []
        self.history: list[TurnRecord] = []
        self.turns = 0
        self.clock_steps = (
            0  # clock events the buyer has acted on (nudges, leaving): a tick that did something
        )
        self.last_buyer_at = 0.0
        self._nudged = False
        # The buyer's question and worry (the scenario's answers): open once a buyer line said them.
        self.agenda = Agenda.of(scenario.buyer.questions)
        self._listeners: list[Callable[[TurnRecord], None]] = []

        self._model = _BuyerModel()
        self._machine = Machine(
            model=self._model,
            states=[state.name for state in persona.states],
            initial=persona.initial,
            auto_transitions=False,
            ignore_invalid_triggers=True,
        )
        # One trigger per transition: trigger() says whether *this* transition happened, so no
        # callback has to report it back through the session.
        non_final = [state.name for state in persona.states if not state.final]
        groups: dict[str, list[tuple[TransitionSpec, str]]] = {}
        for number, spec in enumerate(persona.transitions):
            name = f"rule_{number}"
            sources = non_final if "*" in spec.sources else list(spec.sources)
            self._machine.add_transition(
                trigger=name,
                source=sources,
                dest=spec.dest,
                conditions=[partial(self._transition_allowed, spec)],
            )
            groups.setdefault(self._phase(spec), []).append((spec, name))
        order = [_CHECK_LEAVING, *dict.fromkeys(s.on for s in persona.transitions if s.on != "check")]
        self._transition_order = [
            (phase, groups[phase]) for phase in [*order, _CHECK_SETTLING] if phase in groups
        ]
        self.opening = self._say(self._state_lines(self._state_spec(), "opening"))
        self.agenda = self.agenda.asked(self.opening)
        self.history.append(
            TurnRecord(
                index=0,
                at=0.0,
                delay=0.0,
                text=None,
                detection=None,
                state=self.state,
                buyer_lines=list(self.opening),
                open_questions=self._open_texts(),
            )
        )

    # -- what the caller reads -------------------------------------------------------------------

    @property
    def state(self) -> str:
        return self._model.state

    @property
    def finished(self) -> bool:
        return self._state_spec().final

    @property
    def question_open(self) -> bool:
        return bool(self.agenda.open_questions)

    @property
    def open_questions(self) -> tuple[BuyerQuestion, ...]:
        return self.agenda.open_questions

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

    def shipping_fee(self, book: PriceBook | None = None) -> float:
        """This buyer's shipping fee under the shop's rules at the current price."""
        buyer, product = self.scenario.buyer, self.scenario.product
        total = (book or self.book).current * buyer.quantity
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
        if self.finished:
            record = TurnRecord(
                index=self.turns, at=at, delay=delay, text=text, detection=detection, state=self.state
            )
            self._remember(record)
            return record
        canonical = self._detector.normalize(text).text
        words = self._detector.catalogue.words
        message_facts = read_facts(self.scenario, canonical, words)
        findings = find_facts(self.scenario, self.book, detection, canonical, message_facts, words)
        # A paid order keeps the price it was paid at: an offer after payment is read and scored,
        # but the session keeps its book, so the recorded sale can never move below what was paid.
        paid = self._state_spec().outcome is Outcome.PURCHASED
        book = self.book if paid or findings.book is None else findings.book
        events = self._message_events(text, canonical, detection, delay) + findings.events
        # A move made on a false fact (size_advice with a size the chart does not give) is the
        # false fact to the buyer, not the technique.
        catalogue = self._detector.catalogue
        events = [
            event
            for event in events
            if event not in catalogue or catalogue.overruled(event, findings.events) is None
        ]
        question_events, agenda = self.agenda.after_reply(events, canonical)
        result = self._turn(self.turns, delay, [*events, *question_events], book, agenda, from_trainee=True)
        self._take(result, agenda.asked(result.buyer_lines))
        self._recent_texts = [*self._recent_texts[-2:], canonical]
        self.last_buyer_at = at
        self._nudged = False
        record = TurnRecord(
            index=self.turns,
            at=at,
            delay=delay,
            text=text,
            detection=detection,
            events=result.events,
            facts=findings.facts,
            message_facts=message_facts,
            changes=result.changes,
            state_change=result.state_change,
            state=self.state,
            buyer_lines=result.buyer_lines,
            open_questions=self._open_texts(),
            questions=self.agenda.notes,
        )
        self._remember(record)
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
        self.clock_steps += 1
        delay = now - self.last_buyer_at
        before = (self.state, dict(self.variables))
        result = self._turn(self.turns, delay, events, self.book, self.agenda, from_trainee=False)
        self._take(result, self.agenda.asked(result.buyer_lines))
        if not result.buyer_lines and (self.state, self.variables) == before:
            return None
        if result.buyer_lines and "waiting" not in events:
            # A nudge (在吗?) is not an answer to wait for: the reply time and the buyer's patience
            # still count from its last real line, so a nudge never restarts the trainee's clock.
            self.last_buyer_at = now
        record = TurnRecord(
            index=self.turns,
            at=now,
            delay=delay,
            text=None,
            detection=None,
            events=result.events,
            changes=result.changes,
            state_change=result.state_change,
            state=self.state,
            buyer_lines=result.buyer_lines,
            open_questions=self._open_texts(),
        )
        self._remember(record)
        return record

    def _take(self, result: TurnResult, agenda: Agenda) -> None:
        """The turn is over: its values become the session's."""
        self.variables = result.context.variables
        self.counts = result.context.counts
        self._reactions_fired = result.context.reactions_fired
        self.book = result.context.book
        self.agenda = agenda

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
        if len(text.strip()) > LONG_MESSAGE_CHARS:  # 301 spaces are an empty message, not a wall of text
            events.append("long_message")
        if delay <= self.persona.patience_seconds / 2:
            events.append("reply_fast")
        if delay > self.persona.patience_seconds:
            events.append("slow_reply")
        if delay > VERY_SLOW_SECONDS:
            events.append("very_slow_reply")
        events.extend(detection.techniques)
        return events

    def _turn(
        self, index: int, delay: float, events: list[str], book: PriceBook, agenda: Agenda, from_trainee: bool
    ) -> TurnResult:
        """(the buyer before the turn, its events, the time) → the turn's result; the only change it
        makes on the way is the machine's state (that is what the machine is for)."""
        happened = list(dict.fromkeys([*_decide_staged(events, book, self.counts), "check"]))
        counts = self.counts.copy()
        counts.update(happened)
        context = TurnContext(
            index, delay, tuple(happened), dict(self.variables), counts, self._reactions_fired.copy(), book
        )
        changes: list[VariableChange] = []
        reaction_line: str | None = None
        reaction_hurt = False
        for number, reaction in enumerate(self.persona.reactions):
            if reaction.on not in happened or not self._in_states(reaction.states):
                continue
            if not self._holds(reaction.when, context):
                continue
            if reaction.repeat == "once" and context.reactions_fired[number]:
                continue
            factor = 0.5 ** context.reactions_fired[number] if reaction.repeat == "decay" else 1.0
            context.reactions_fired[number] += 1
            cause = Cause(index, reaction.on, "reaction", reaction.line, reaction.note)
            changes += self._apply(context, reaction, factor, cause)
            if reaction.say and reaction_line is None:
                reaction_line = self._pick(self.persona.lines[reaction.say], agenda)
                reaction_hurt = sum(reaction.changes.values()) < 0

        fired = self._transition(context)
        lines: list[str] = []
        if reaction_line is not None and (fired is None or reaction_hurt):
            # A pleased remark before a state's own line reads twice; a hurt one ("你这什么态度?") does not.
            lines.append(reaction_line)
        if fired is not None:
            spec, _ = fired
            target = self._state_spec()
            group = self.persona.lines[spec.say] if spec.say else self._state_lines(target, "enter")
            group = group or self._state_lines(target, "idle")
            if group:
                lines.append(self._pick(group, agenda))
        elif reaction_line is None and not self.finished and from_trainee:
            lines.append(self._pick(self._state_lines(self._state_spec(), "idle"), agenda))
        rendered = [self._render(line, book, agenda, context.variables) for line in lines if line]
        return TurnResult(happened, changes, None if fired is None else fired[1], rendered, context)

    def _transition(self, context: TurnContext) -> tuple[TransitionSpec, StateChange] | None:
        """The first transition, in phase and file order, whose event happened and whose condition holds."""
        source = self.state
        for phase, specs in self._transition_order:
            if phase not in (_CHECK_LEAVING, _CHECK_SETTLING) and phase not in context.events:
                continue
            for spec, trigger in specs:
                if self._model.trigger(trigger, context):
                    cause = Cause(context.index, spec.on, "transition", spec.line, spec.note)
                    return spec, StateChange(source, spec.dest, cause)
        return None

    def _remember(self, record: TurnRecord) -> None:
        self.history.append(record)
        for listener in self._listeners:
            listener(record)

    # -- rules ----------------------------------------------------------------------------------

    def _phase(self, spec: TransitionSpec) -> str:
        """`check` transitions run in two phases: leaving ones before any event, the rest after."""
        if spec.on != "check":
            return spec.on
        return _CHECK_LEAVING if self._states[spec.dest].final else _CHECK_SETTLING

    def _state_spec(self) -> StateSpec:
        return self._states[self._model.state]

    def _in_states(self, states: tuple[str, ...]) -> bool:
        return "*" in states or self.state in states

    def _value(self, name: str | float, context: TurnContext) -> float:
        if isinstance(name, float | int):
            return float(name)
        if name in context.variables:
            return context.variables[name]
        book = context.book
        builtins = {
            "turn": float(context.index),
            "price": book.current,
            "list_price": book.list_price,
            "price_ok": 1.0 if book.price_ok else 0.0,
            "concessions": float(len(book.steps)),
            "waited": context.delay,
        }
        if name in builtins:
            return builtins[name]
        if name.startswith("n_"):
            return float(context.counts[name[2:]])
        raise KeyError(name)  # the loader rejects unknown names, so this is a programming error

    def _holds(self, condition: Condition, context: TurnContext) -> bool:
        if not condition.any_of:
            return True
        return any(
            all(
                _OPERATORS[c.operator](self._value(c.left, context), self._value(c.right, context))
                for c in group
            )
            for group in condition.any_of
        )

    def _transition_allowed(self, spec: TransitionSpec, context: TurnContext) -> bool:
        if not self._holds(spec.when, context):
            return False
        target = self._states[spec.dest]
        # No buyer pays below the shop's floor: the shop would not accept the order.
        buying = target.outcome is Outcome.PURCHASED and self.scenario.situation is not Situation.AFTERSALE
        if buying and not context.book.price_ok:
            return False
        # A paid order stays paid: a buyer who walks away afterwards does not undo the sale (a
        # complaint still can: that is a 差评).
        paid = self._state_spec().outcome is Outcome.PURCHASED
        return not (paid and target.outcome is Outcome.LEFT)

    def _apply(
        self, context: TurnContext, reaction: Reaction, factor: float, cause: Cause
    ) -> list[VariableChange]:
        changes = []
        for name, delta in reaction.changes.items():
            scaled = delta * factor if delta > 0 else delta
            low, high = self._bounds[name]
            before = context.variables[name]
            # Compared as stored (two decimals): a decayed +0.004 is no change and records none.
            after = round(min(max(before + scaled, low), high), 2)
            if after != before:
                context.variables[name] = after
                changes.append(VariableChange(name, before, after, cause))
        return changes

    # -- lines ----------------------------------------------------------------------------------

    def _pick(self, group: tuple[str, ...], agenda: Agenda | None = None) -> str:
        if not group:
            return ""
        # A buyer does not ask again what a reply has answered: lines asking it are passed over
        # while the group has others.
        answered = agenda.answered_roles if agenda is not None else frozenset()
        askable = [line for line in group if not any("{" + role + "}" in line for role in answered)]
        group_left = tuple(askable) or group
        choices = [line for line in group_left if line != self._last_lines.get(group)] or list(group_left)
        line = choices[self._random.randrange(len(choices))]
        self._last_lines[group] = line
        return line

    def _open_texts(self) -> tuple[str, ...]:
        return tuple(question.text for question in self.agenda.open_questions)

    def _say(self, group: tuple[str, ...]) -> list[str]:
        line = self._pick(group)
        return [self._render(line, self.book, self.agenda, self.variables)] if line else []

    def _state_lines(self, state: StateSpec, group: str) -> tuple[str, ...]:
        """A state's lines for this situation: `opening_aftersale` wins over `opening` after a sale, so
        one temperament can name the complaint there and the product before a sale."""
        specific = state.lines.get(f"{group}_{self.scenario.situation.value}")
        return specific or state.lines.get(group, ())

    def _offer_yuan(self, variables: dict[str, float]) -> float:
        """The buyer's counter-offer in yuan: a share of the page price when the script says so."""
        list_price = self.scenario.product.list_price
        if "offer" not in variables:
            return list_price
        spec = next(v for v in self.persona.variables if v.name == "offer")
        value = variables["offer"]
        return round(list_price * value / 100) if spec.unit == PERCENT_OF_LIST_PRICE else value

    def _render(self, line: str, book: PriceBook, agenda: Agenda, variables: dict[str, float]) -> str:
        product = self.scenario.product
        values = {
            "product": product.name,
            "list_price": _money(product.list_price),
            "price": _money(book.current),
            "offer": _money(self._offer_yuan(variables)),
            "buyer_name": self.persona.buyer_name,
            "colour": self.scenario.buyer.wanted_colour or (product.colours[0] if product.colours else ""),
            "size": _size_for_buyer(self.scenario),
            "shop": self.scenario.shop,
            "fee": _money(self.shipping_fee(book)),
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
            # the question the buyer presses (asks again), else its first open one
            "open_question": agenda.pressing or self.scenario.buyer.question or self.scenario.buyer.worry,
        }
        for name, value in values.items():
            line = line.replace("{" + name + "}", value)
        return line


def _decide_staged(events: list[str], book: PriceBook, counts: Counter[str]) -> list[str]:
    """staged_concession is judged from the price history, not from one message's words."""
    events = [event for event in events if event != "staged_concession"] + (
        ["staged_concession"] if "staged_concession" in events else []
    )
    if "concession_big" in events:
        return [event for event in events if event != "staged_concession"]
    if "concession_small" in events:
        earlier_holds = counts["hold_price"] > 0
        earlier_steps = book.steps[:-1]
        if (earlier_holds or earlier_steps) and all(book.small_step(step) for step in book.steps):
            if "staged_concession" not in events:
                events.append("staged_concession")
        else:
            # a first small step with no hold before it is a concession, not yet a staged one; and a
            # small step after a big one is no staged bargaining, whatever the words (最大的权限了)
            events = [event for event in events if event != "staged_concession"]
    return events


def _size_for_buyer(scenario: Scenario) -> str:
    product, buyer = scenario.product, scenario.buyer
    if product.size_chart and buyer.height_cm is not None and buyer.weight_kg is not None:
        return size_for(product.size_chart, buyer.height_cm, buyer.weight_kg) or ""
    return product.sizes[0] if product.sizes else ""


def _number(value: float | None) -> str:
    return "" if value is None else f"{round(value):d}"


def _money(value: float) -> str:
    return str(round(value)) if abs(value - round(value)) < 0.005 else f"{value:.2f}".rstrip("0")
