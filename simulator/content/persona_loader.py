"""Loads persona scripts (personas/*.yaml) and checks what the `transitions` library would not.

The library builds a machine with an undefined destination or source and fails only when the
transition fires; a misspelt condition fails at run time. So every reference in a script (states,
events, variables, line groups) is checked here, at load time, with the line it stands on.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from simulator.content.document_cache import DocumentCache
from simulator.content.yaml_source import (
    ContentError,
    ContentProblem,
    YamlDocument,
    line_of,
    read_yaml,
    validate,
)
from simulator.domain.events import BUILTIN_VALUES, COUNT_PREFIX, ENGINE_EVENTS
from simulator.domain.persona import (
    Comparison,
    Condition,
    Outcome,
    Persona,
    Reaction,
    StateSpec,
    TransitionSpec,
    VariableSpec,
)
from simulator.domain.techniques import SourceRef

_NAME = r"[A-Za-z_][A-Za-z0-9_]*"
_NUMBER = r"-?\d+(?:\.\d+)?"
_COMPARISON_RE = re.compile(rf"^\s*({_NAME}|{_NUMBER})\s*(<=|>=|==|!=|<|>)\s*({_NAME}|{_NUMBER})\s*$")
_PLACEHOLDER_RE = re.compile(r"\{([a-z_]+)\}")
PLACEHOLDERS = (
    "product",
    "list_price",
    "price",
    "offer",
    "buyer_name",
    "colour",
    "size",
    "shop",
    "fee",
    "issue",
    "height",
    "weight_jin",
    "region",
    "material",
    "cutoff",
    "stock",
    # the buyer's case, from the scenario (its buyer block): what it wants and asks
    "kind",
    "for_whom",
    "question",
    "worry",
    "demand",
    "deadline",
    "complaint",
    "competitor_price",
    # the question the buyer presses when a reply left it open (its question or its worry)
    "open_question",
)
# Names the machine's model or the library use: a trigger with one of these names would be shadowed.
RESERVED_TRIGGERS = frozenset({"trigger", "state", "machine", "to", "may_trigger"})


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class SourceModel(_Strict):
    seed: str = Field(pattern=r"^00[0-4]$")
    where: str = Field(min_length=1)
    quote: str = Field(min_length=1)


class VariableModel(_Strict):
    initial: float
    label_zh: str = Field(min_length=1)  # what the trainee sees (coaching meters, causes, reports)
    label_en: str = Field(min_length=1)
    min: float = 0.0
    max: float = 100.0
    initial_range: tuple[float, float] | None = None
    unit: Literal["", "list_price_percent"] = ""


class StateModel(_Strict):
    label_zh: str = Field(min_length=1)
    label_en: str = Field(min_length=1)
    outcome: Outcome = Outcome.OPEN
    final: bool = False
    lines: dict[str, list[str]] = {}


class ReactionModel(_Strict):
    on: str = Field(min_length=1)
    states: list[str] = Field(default=["*"], alias="in")
    when: str = ""
    change: dict[str, float] = {}
    say: str | None = None
    note: str = Field(min_length=1)
    repeat: str = Field(default="decay", pattern=r"^(decay|always|once)$")

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, populate_by_name=True)


class TransitionModel(_Strict):
    on: str = Field(min_length=1)
    sources: list[str] = Field(alias="from")
    to: str = Field(min_length=1)
    when: str = ""
    say: str | None = None
    note: str = Field(min_length=1)

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, populate_by_name=True)


class PersonaModel(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name_zh: str = Field(min_length=1)
    name_en: str = Field(min_length=1)
    customer_type: str = Field(min_length=1)
    summary: str = Field(min_length=1)
    summary_en: str = ""  # the English interface shows it (the Chinese one otherwise)
    traits: str = Field(min_length=1)
    strategy: str = Field(min_length=1)
    sources: list[SourceModel] = Field(min_length=1)
    difficulty: int = Field(ge=1, le=5)
    default_scenario: str = Field(min_length=1)
    # Other scenarios whose case this temperament fits (lint renders every pairing).
    plays_in: list[str] = []
    buyer_name: str = Field(min_length=1)
    patience_seconds: float = Field(gt=0)
    leave_after_seconds: float = Field(gt=0)
    variables: dict[str, VariableModel] = Field(min_length=1)
    initial: str
    states: dict[str, StateModel] = Field(min_length=2)
    reactions: list[ReactionModel] = []
    transitions: list[TransitionModel] = Field(min_length=1)
    lines: dict[str, list[str]] = {}


def parse_condition(text: str) -> Condition:
    """Parse ``a >= 60 and b < 3 or c == 1``; raise ValueError with what is wrong."""
    text = text.strip()
    if not text:
        return Condition()
    groups = []
    for group_text in re.split(r"\s+or\s+", text):
        comparisons = []
        for part in re.split(r"\s+and\s+", group_text):
            match = _COMPARISON_RE.match(part)
            if match is None:
                raise ValueError(f"cannot read {part.strip()!r}: expected NAME OP NUMBER, e.g. trust >= 60")
            left, operator, right = match.groups()
            comparisons.append(Comparison(_operand(left), operator, _operand(right)))
        groups.append(tuple(comparisons))
    return Condition(tuple(groups), text)


def _operand(token: str) -> str | float:
    return float(token) if re.fullmatch(_NUMBER, token) else token


def _reachable(
    initial: str, transitions: Iterable[TransitionModel], states: dict[str, StateModel]
) -> set[str]:
    non_final = [name for name, state in states.items() if not state.final]
    edges: dict[str, set[str]] = {name: set() for name in states}
    for transition in transitions:
        sources = non_final if "*" in transition.sources else transition.sources
        for source in sources:
            if source in edges:
                edges[source].add(transition.to)
    seen = {initial}
    queue = deque([initial])
    while queue:
        for dest in edges.get(queue.popleft(), ()):
            if dest not in seen:
                seen.add(dest)
                queue.append(dest)
    return seen


class _Checker:
    def __init__(
        self, path: Path, document: Any, model: PersonaModel, events: set[str], scenarios: set[str] | None
    ):
        self.path, self.document, self.model = path, document, model
        self.events, self.scenarios = events, scenarios
        self.problems: list[ContentProblem] = []
        self.conditions: dict[tuple[str, int], Condition] = {}

    def problem(self, location: list[int | str], message: str) -> None:
        self.problems.append(ContentProblem(str(self.path), line_of(self.document, location), message))

    def known_values(self) -> set[str]:
        counts = {COUNT_PREFIX + event for event in self.events}
        return set(self.model.variables) | set(BUILTIN_VALUES) | counts

    def condition(self, kind: str, index: int, text: str) -> None:
        location: list[int | str] = [kind, index, "when"]
        try:
            condition = parse_condition(text)
        except ValueError as error:
            self.problem(location, str(error))
            return
        for name in sorted(condition.names() - self.known_values()):
            self.problem(
                location, f"unknown name {name!r} in condition; variables: {', '.join(self.model.variables)}"
            )
        self.conditions[(kind, index)] = condition

    def line_group(self, location: list[int | str], group: str | None) -> None:
        if group is not None and group not in self.model.lines:
            known = ", ".join(sorted(self.model.lines)) or "none"
            self.problem(location, f"say: no line group {group!r} under 'lines' (known: {known})")

    def state_names(self, location: list[int | str], names: list[str], allow_star: bool) -> None:
        for name in names:
            if name == "*" and allow_star:
                continue
            if name not in self.model.states:
                self.problem(location, f"unknown state {name!r}; states: {', '.join(self.model.states)}")

    def event(self, location: list[int | str], name: str) -> None:
        if name in RESERVED_TRIGGERS:
            self.problem(location, f"{name!r} is reserved by the state machine library")
        elif name not in self.events:
            self.problem(
                location, f"unknown event {name!r}: use a technique id or an engine event (see lint --events)"
            )

    def run(self) -> list[ContentProblem]:
        model = self.model
        if model.id != self.path.stem:
            self.problem(["id"], f"id {model.id!r} must match the file name {self.path.stem!r}")
        if self.scenarios is not None and model.default_scenario not in self.scenarios:
            self.problem(["default_scenario"], f"no scenario {model.default_scenario!r} in scenarios/")
        for index, scenario_id in enumerate(model.plays_in):
            if self.scenarios is not None and scenario_id not in self.scenarios:
                self.problem(["plays_in", index], f"no scenario {scenario_id!r} in scenarios/")
        if model.initial not in model.states:
            self.problem(["initial"], f"initial state {model.initial!r} is not under 'states'")
        elif not model.states[model.initial].lines.get("opening"):
            self.problem(
                ["states", model.initial, "lines"],
                "the initial state needs 'opening' lines: the buyer speaks first",
            )
        for name, variable in model.variables.items():
            if not variable.min <= variable.initial <= variable.max:
                self.problem(
                    ["variables", name],
                    f"{name}: initial {variable.initial} is outside [{variable.min}, {variable.max}]",
                )
        for name, state in model.states.items():
            if not state.final and not state.lines.get("idle"):
                self.problem(
                    ["states", name, "lines"],
                    f"state {name!r} needs 'idle' lines (what the buyer says when nothing changes)",
                )
            for group, lines in state.lines.items():
                self.placeholders(["states", name, "lines", group], lines)
        for group, lines in model.lines.items():
            if not lines:
                self.problem(["lines", group], f"line group {group!r} is empty")
            self.placeholders(["lines", group], lines)
        for index, reaction in enumerate(model.reactions):
            self.event(["reactions", index, "on"], reaction.on)
            self.state_names(["reactions", index, "in"], reaction.states, allow_star=True)
            self.condition("reactions", index, reaction.when)
            for variable in reaction.change:
                if variable not in model.variables:
                    self.problem(["reactions", index, "change"], f"change: unknown variable {variable!r}")
            self.line_group(["reactions", index, "say"], reaction.say)
        for index, transition in enumerate(model.transitions):
            self.event(["transitions", index, "on"], transition.on)
            self.state_names(["transitions", index, "from"], transition.sources, allow_star=True)
            self.state_names(["transitions", index, "to"], [transition.to], allow_star=False)
            for source in transition.sources:
                if source in model.states and model.states[source].final:
                    self.problem(
                        ["transitions", index, "from"], f"state {source!r} is final: nothing leaves it"
                    )
            self.condition("transitions", index, transition.when)
            self.line_group(["transitions", index, "say"], transition.say)
            if transition.to in model.states and not transition.say:
                target = model.states[transition.to]
                if not target.lines.get("enter") and not target.lines.get("idle"):
                    self.problem(
                        ["transitions", index], f"entering {transition.to!r} needs 'say' or 'enter' lines"
                    )
        if model.initial in model.states:
            unreachable = set(model.states) - _reachable(model.initial, model.transitions, model.states)
            for name in sorted(unreachable):
                self.problem(["states", name], f"state {name!r} cannot be reached from {model.initial!r}")
        return self.problems

    def placeholders(self, location: list[int | str], lines: list[str]) -> None:
        for index, text in enumerate(lines):
            for name in _PLACEHOLDER_RE.findall(text):
                if name not in PLACEHOLDERS:
                    known = ", ".join(PLACEHOLDERS)
                    self.problem([*location, index], f"unknown placeholder {{{name}}}; known: {known}")


def load_persona(
    path: Path,
    technique_ids: Iterable[str],
    scenario_ids: set[str] | None = None,
    documents: DocumentCache | None = None,
) -> Persona:
    """Load and check one persona file; raise ContentError listing every problem with its line."""
    return persona_from_document(path, read_yaml(path, documents), technique_ids, scenario_ids)


def persona_from_document(
    path: Path, document: YamlDocument, technique_ids: Iterable[str], scenario_ids: set[str] | None = None
) -> Persona:
    """A persona from parsed YAML (the studio checks its editor's text this way, as lint checks files)."""
    model = validate(path, document, PersonaModel)
    events = set(technique_ids) | set(ENGINE_EVENTS)
    checker = _Checker(path, document, model, events, scenario_ids)
    problems = checker.run()
    if problems:
        raise ContentError(problems)
    conditions = checker.conditions
    return Persona(
        id=model.id,
        name_zh=model.name_zh,
        name_en=model.name_en,
        customer_type=model.customer_type,
        summary=model.summary,
        summary_en=model.summary_en,
        traits=model.traits,
        strategy=model.strategy,
        sources=tuple(SourceRef(s.seed, s.where, s.quote) for s in model.sources),
        difficulty=model.difficulty,
        default_scenario=model.default_scenario,
        plays_in=tuple(model.plays_in),
        buyer_name=model.buyer_name,
        patience_seconds=model.patience_seconds,
        leave_after_seconds=model.leave_after_seconds,
        variables=tuple(
            VariableSpec(name, v.initial, v.min, v.max, v.initial_range, v.unit, v.label_zh, v.label_en)
            for name, v in model.variables.items()
        ),
        initial=model.initial,
        states=tuple(
            StateSpec(
                name=name,
                label_zh=state.label_zh,
                label_en=state.label_en,
                outcome=state.outcome,
                final=state.final,
                lines={group: tuple(lines) for group, lines in state.lines.items()},
                line=line_of(document, ["states", name]),
            )
            for name, state in model.states.items()
        ),
        reactions=tuple(
            Reaction(
                on=reaction.on,
                states=tuple(reaction.states),
                when=conditions.get(("reactions", index), Condition()),
                changes=dict(reaction.change),
                say=reaction.say,
                note=reaction.note,
                repeat=reaction.repeat,
                line=line_of(document, ["reactions", index]),
            )
            for index, reaction in enumerate(model.reactions)
        ),
        transitions=tuple(
            TransitionSpec(
                on=transition.on,
                sources=tuple(transition.sources),
                dest=transition.to,
                when=conditions.get(("transitions", index), Condition()),
                say=transition.say,
                note=transition.note,
                line=line_of(document, ["transitions", index]),
            )
            for index, transition in enumerate(model.transitions)
        ),
        lines={group: tuple(lines) for group, lines in model.lines.items()},
        path=str(path),
    )
