"""The instructor's studio without Qt: check a persona's text as it is typed (the same checks as
`lint`), save it safely, draw its state machine as data, and playtest it with hot reload."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import ValidationError
from transitions import MachineError

from simulator.content.pairings import pairing_problems
from simulator.content.persona_loader import persona_from_document
from simulator.content.scenario_loader import scenario_from_document
from simulator.content.yaml_source import ContentError, ContentProblem, parse_yaml
from simulator.detection.detector import TechniqueDetector
from simulator.domain.persona import Persona
from simulator.domain.scenario import Scenario
from simulator.engine.records import TurnRecord
from simulator.services.library import ContentLibrary
from simulator.services.training import TrainingSession

# What loading or replaying an edited persona can raise: a file problem, a missing scenario or rubric
# (LookupError), a machine the edit broke. Anything else is a defect and must not be hidden.
RELOAD_ERRORS: tuple[type[BaseException], ...] = (
    ContentError,
    OSError,
    yaml.YAMLError,
    ValidationError,
    LookupError,
    MachineError,
)


@dataclass(frozen=True)
class StudioFolders:
    """The content folders the studio reads and writes, handed in by whoever builds the page."""

    personas: Path
    scenarios: Path
    rubrics: Path
    catalogue: Path  # the folder of techniques.yaml, lexicons.yaml and reader_words.yaml
    tests: Path  # the authored persona tests

    @classmethod
    def under(cls, root: Path) -> StudioFolders:
        """The shipped layout: personas/, personas/tests/, scenarios/, rubrics/, catalogue/."""
        return cls(
            personas=root / "personas",
            scenarios=root / "scenarios",
            rubrics=root / "rubrics",
            catalogue=root / "catalogue",
            tests=root / "personas" / "tests",
        )


@dataclass(frozen=True)
class PersonaCheck:
    persona: Persona | None  # None when the text does not load
    problems: tuple[ContentProblem, ...]

    @property
    def valid(self) -> bool:
        return self.persona is not None and not self.problems


def check_persona_text(path: Path, text: str, library: ContentLibrary) -> PersonaCheck:
    """The editor's text checked as `lint` checks the file: schema, references, every pairing rendered."""
    try:
        document = parse_yaml(path, text.encode("utf-8"))
        persona = persona_from_document(path, document, library.catalogue.ids, set(library.scenarios))
    except ContentError as error:
        return PersonaCheck(None, error.problems)
    persona = _with_path(persona, path)
    problems = list(pairing_problems(persona, library.scenarios, document))
    if (
        library.rubrics is not None
        and library.rubrics.common is not None
        and persona.id not in library.rubrics.parts
    ):
        problems.append(
            ContentProblem(
                str(path), 1, f"no rubric for persona {persona.id!r}: add rubrics/{persona.id}.yaml"
            )
        )
    return PersonaCheck(persona, tuple(problems))


@dataclass(frozen=True)
class ScenarioCheck:
    scenario: Scenario | None
    problems: tuple[ContentProblem, ...]

    @property
    def valid(self) -> bool:
        return self.scenario is not None and not self.problems


def check_scenario_text(path: Path, text: str, library: ContentLibrary) -> ScenarioCheck:
    """A scenario's text checked as `lint` does, with every persona played in it rendered there."""
    try:
        scenario = scenario_from_document(path, parse_yaml(path, text.encode("utf-8")))
    except ContentError as error:
        return ScenarioCheck(None, error.problems)
    scenarios = {**library.scenarios, scenario.id: scenario}
    problems = [
        problem
        for persona in library.personas.values()
        if scenario.id in persona.scenarios
        for problem in pairing_problems(persona, scenarios)
        if scenario.id in problem.message  # this shop's rendering, not the persona's other shops
    ]
    return ScenarioCheck(scenario, tuple(problems))


def _with_path(persona: Persona, path: Path) -> Persona:
    from dataclasses import replace

    return replace(persona, path=str(path))


def save_text(path: Path, text: str) -> Path | None:
    """Write the file in one step, keeping the previous version as ``<name>.bak`` (returned)."""
    backup: Path | None = None
    if path.exists():
        backup = path.with_name(path.name + ".bak")
        backup.write_bytes(path.read_bytes())
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as file:
            file.write(text)
        os.replace(temporary, path)
    except OSError:
        Path(temporary).unlink(missing_ok=True)
        raise
    return backup


@dataclass(frozen=True)
class Edge:
    source: str
    dest: str
    event: str
    condition: str
    from_any: bool = False  # written with `from: "*"`: drawn once at its destination, not from every state


@dataclass(frozen=True)
class StateDiagram:
    """The persona's state machine as the studio draws it."""

    states: tuple[str, ...]
    labels: dict[str, str]
    initial: str
    finals: frozenset[str]
    edges: tuple[Edge, ...]
    unreachable: frozenset[str]  # no path from the initial state
    dead_ends: frozenset[str]  # not final, and no transition out


def state_diagram(persona: Persona) -> StateDiagram:
    names = tuple(state.name for state in persona.states)
    finals = frozenset(state.name for state in persona.states if state.final)
    edges = []
    for transition in persona.transitions:
        sources = (
            [name for name in names if name not in finals]
            if "*" in transition.sources
            else transition.sources
        )
        for source in sources:
            condition = transition.when.text if transition.when else ""
            edges.append(Edge(source, transition.dest, transition.on, condition, "*" in transition.sources))
    reachable = {persona.initial}
    frontier = [persona.initial]
    while frontier:
        current = frontier.pop()
        for edge in edges:
            if edge.source == current and edge.dest not in reachable:
                reachable.add(edge.dest)
                frontier.append(edge.dest)
    leaving = {edge.source for edge in edges if edge.dest != edge.source}
    return StateDiagram(
        states=names,
        labels={state.name: state.label_zh or state.name for state in persona.states},
        initial=persona.initial,
        finals=finals,
        edges=tuple(edges),
        unreachable=frozenset(set(names) - reachable),
        dead_ends=frozenset(name for name in names if name not in finals and name not in leaving),
    )


@dataclass
class Playtest:
    """A conversation with the persona being edited (never stored); reload() carries it over."""

    library: ContentLibrary
    detector: TechniqueDetector
    persona: Persona
    scenario_id: str
    seed: int = 1
    said: list[tuple[str, float]] = field(default_factory=list)
    training: TrainingSession = field(init=False)

    def __post_init__(self) -> None:
        self.training = self._fresh(self.persona)

    def _fresh(self, persona: Persona) -> TrainingSession:
        scenario = self.library.scenario(self.scenario_id)
        return TrainingSession(self.library, self.detector, persona, scenario, self.seed)

    @property
    def opening(self) -> tuple[str, ...]:
        return tuple(self.training.buyer.opening)

    def send(self, text: str) -> TurnRecord:
        at = self.training.buyer.last_buyer_at + 8.0
        self.said.append((text, at))
        step = self.training.send(text, at)
        assert step.record is not None
        return step.record

    def reload(self, persona: Persona) -> str:
        """Hot reload (Ren'Py's Shift+R): the trainee's messages so far replayed under the edited
        persona; says where the buyer now stands, or why the conversation started over."""
        before = (self.training.buyer.state, dict(self.training.buyer.variables))
        try:
            replayed = self._fresh(persona)
            for text, at in self.said:
                if replayed.finished:
                    break
                replayed.send(text, at)
        except RELOAD_ERRORS as error:  # an edit the old conversation cannot be carried into
            self.persona, self.said = persona, []
            self.training = self._fresh(persona)
            return f"重新开始:之前的对话无法在修改后的买家里重放({type(error).__name__}: {error})"
        self.persona, self.training = persona, replayed
        state, variables = replayed.buyer.state, dict(replayed.buyer.variables)
        if (state, variables) == before:
            return f"已重新载入:重放了 {len(self.said)} 句,买家状态与变量不变({state})"
        changed = ", ".join(
            f"{name} {before[1].get(name, '—')}→{value:g}"
            for name, value in variables.items()
            if before[1].get(name) != value
        )
        where = f"已重新载入:重放了 {len(self.said)} 句,买家现在在「{state}」(之前「{before[0]}」)"
        return where + (f";{changed}" if changed else "")


def playtest_as_test(playtest: Playtest, folder: Path, score_card_passed: bool | None = None) -> Path:
    """ "Save this conversation as a test": the trainee's lines with their delays, what was detected in
    each, and how it ended, as a persona test file (personas/tests/<persona>_playtest_N.yaml) that
    `python main.py test` runs. The instructor then keeps the expectations that matter."""
    persona = playtest.persona
    buyer = playtest.training.buyer
    records = [record for record in buyer.history if record.text is not None]
    folder.mkdir(parents=True, exist_ok=True)
    number = 1
    while (folder / f"{persona.id}_playtest_{number}.yaml").exists():
        number += 1
    path = folder / f"{persona.id}_playtest_{number}.yaml"
    lines = [
        "# Saved from a playtest in the studio: edit the expectations to those that matter.",
        f"persona: {persona.id}",
        f"scenario: {playtest.scenario_id}",
        f"seeds: [{playtest.seed}]",
        "steps:",
    ]
    for record in records:
        lines.append(f"  - say: {_yaml_string(record.text or '')}")
        lines.append(f"    after: {record.delay:g}")
        techniques = record.detection.techniques if record.detection is not None else ()
        if techniques:
            lines.append("    expect:")
            lines.append(f"      techniques: [{', '.join(techniques)}]")
    lines.append("expect:")
    lines.append(f"  result: [{buyer.outcome().result.value}]")
    if score_card_passed is not None:
        lines.append(f"  passed: {'true' if score_card_passed else 'false'}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _yaml_string(text: str) -> str:
    return "'" + text.replace("'", "''").replace("\n", " ") + "'"
