"""Authored persona tests (`python main.py test`): a scripted trainee and what must come of it.

A test is a YAML file an instructor writes (or saves from a playtest), like Yarn Spinner's testplans
or Rasa's test stories; the format is documented in the README:

    persona: haggler
    scenario: leather_shoes        # optional: the persona's default scenario
    seeds: [1, 2, 3]               # optional: every seed must pass (default [1])
    steps:
      - say: 亲,99已经是活动价了哈
        after: 12                  # seconds since the buyer's last line (default 10)
        expect:
          techniques: [hold_price]         # each detected in this message
          not_techniques: [negative_refusal]
          state: holding                   # the buyer's state after it (one name or a list)
          variables: {trust: ">=50", patience: "20..80"}
    expect:                        # at the end of the session
      result: [purchased]          # one outcome or a list
      satisfaction: ">=4"
      price: 96
      score: ">=60"
      passed: true

Numbers are compared as ``>=N``, ``<=N``, ``>N``, ``<N``, ``A..B`` (both included) or a plain number.
Every failure names the seed, the step and what was expected against what happened.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from simulator.content.yaml_source import (
    ContentError,
    ContentProblem,
    YamlDocument,
    line_of,
    read_yaml,
    validate,
)
from simulator.detection.detector import TechniqueDetector
from simulator.engine.session import BuyerSession
from simulator.services.library import ContentLibrary
from simulator.services.scoring import score

TESTS_FOLDER = Path("personas") / "tests"
_RANGE_RE = re.compile(
    r"^\s*(?:(?P<op>>=|<=|>|<|==)?\s*(?P<n>-?\d+(?:\.\d+)?)|(?P<a>-?\d+(?:\.\d+)?)\s*\.\.\s*(?P<b>-?\d+(?:\.\d+)?))\s*$"
)
_NAMES = r"^[a-z][a-z0-9_]*$"


def _check_range(value: Any) -> str:
    text = str(value)
    if not _RANGE_RE.match(text):
        raise ValueError(f"{text!r} is no number range: write 96, >=4, <=1, >50 or 20..80")
    return text


class StepExpectModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    techniques: list[str] = Field(default_factory=list)
    not_techniques: list[str] = Field(default_factory=list)
    state: str | list[str] | None = None
    variables: dict[str, str] = Field(default_factory=dict)

    @field_validator("variables", mode="before")
    @classmethod
    def _ranges(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return {key: _check_range(item) for key, item in value.items()}
        return value


class StepModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    say: str = Field(min_length=1, max_length=2000)
    after: float = Field(default=10.0, ge=0, le=86_400)
    expect: StepExpectModel = Field(default_factory=StepExpectModel)


class EndExpectModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    result: str | list[str] | None = None
    satisfaction: str | None = None
    price: str | None = None
    score: str | None = None
    passed: bool | None = None

    @field_validator("satisfaction", "price", "score", mode="before")
    @classmethod
    def _ranges(cls, value: Any) -> Any:
        return None if value is None else _check_range(value)


class PersonaTestModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    persona: str = Field(pattern=_NAMES)
    scenario: str | None = Field(default=None, pattern=_NAMES)
    name: str = ""
    seeds: list[int] = Field(default_factory=lambda: [1], min_length=1, max_length=20)
    steps: list[StepModel] = Field(min_length=1, max_length=200)
    expect: EndExpectModel = Field(default_factory=EndExpectModel)


@dataclass(frozen=True)
class PersonaTest:
    path: Path
    model: PersonaTestModel
    document: YamlDocument

    @property
    def name(self) -> str:
        return self.model.name or self.path.stem


@dataclass
class TestResult:
    test: PersonaTest
    failures: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.failures


def load_test(path: Path) -> PersonaTest:
    """One test file, checked (ContentError with FILE:LINE)."""
    document = read_yaml(path)
    return PersonaTest(path, validate(path, document, PersonaTestModel), document)


def persona_test_problems(test: PersonaTest, library: ContentLibrary) -> list[ContentProblem]:
    """What in a test refers to nothing: a persona, scenario, technique, state or variable (for lint)."""
    model, where = test.model, str(test.path)
    problems: list[ContentProblem] = []

    def problem(location: list[int | str], message: str) -> None:
        problems.append(ContentProblem(where, line_of(test.document, location), message))

    persona = library.personas.get(model.persona)
    if persona is None:
        problem(["persona"], f"no persona {model.persona!r}; known: {', '.join(sorted(library.personas))}")
        return problems
    if model.scenario is not None and model.scenario not in persona.scenarios:
        offered = ", ".join(persona.scenarios)
        problem(["scenario"], f"{persona.id} is not played in {model.scenario!r}; its scenarios: {offered}")
    ids = set(library.catalogue.ids)
    states = {state.name for state in persona.states}
    variables = {variable.name for variable in persona.variables}
    for index, step in enumerate(model.steps):
        at: list[int | str] = ["steps", index, "expect"]
        for key in ("techniques", "not_techniques"):
            for technique in getattr(step.expect, key):
                if technique not in ids:
                    problem([*at, key], f"no technique {technique!r} in the catalogue")
        for state in _names(step.expect.state):
            if state not in states:
                problem([*at, "state"], f"{persona.id} has no state {state!r}")
        for variable in step.expect.variables:
            if variable not in variables:
                problem([*at, "variables", variable], f"{persona.id} has no variable {variable!r}")
    for result in _names(model.expect.result):
        if result not in OUTCOMES:
            problem(["expect", "result"], f"no outcome {result!r}; known: {', '.join(sorted(OUTCOMES))}")
    return problems


OUTCOMES = frozenset({"purchased", "unpaid", "left", "complained", "resolved", "open"})


def run_test(
    test: PersonaTest,
    library: ContentLibrary,
    detector: TechniqueDetector,
    sessions: list[BuyerSession] | None = None,
) -> TestResult:
    """Run every seed of the test; ``sessions`` collects the sessions played (for coverage)."""
    result = TestResult(test)
    problems = persona_test_problems(test, library)
    if problems:
        result.failures.extend(str(problem) for problem in problems)
        return result
    model = test.model
    persona, scenario = library.pairing(model.persona, model.scenario)
    rubric = library.rubric(persona, scenario)
    for seed in model.seeds:
        session = BuyerSession(persona, scenario, detector, seed)
        if sessions is not None:
            sessions.append(session)
        for index, step in enumerate(model.steps, start=1):
            fail = _failer(result, f"seed {seed}, step {index}")
            if session.finished:
                # The buyer has gone: the trainee's later lines are moot, unless the test expects of them.
                if any(_expects(later.expect) for later in model.steps[index - 1 :]):
                    fail(f"the session was already over ({session.outcome().result.value})")
                break
            record = session.receive(step.say, session.last_buyer_at + step.after)
            _check_step(fail, step.expect, record, session)
        _check_end(_failer(result, f"seed {seed}"), model.expect, session, library, rubric)
    return result


Fail = Callable[[str], None]  # says what went wrong, where the step or seed is already named


def _expects(expect: StepExpectModel) -> bool:
    return bool(expect.techniques or expect.not_techniques or expect.state or expect.variables)


def _failer(result: TestResult, where: str) -> Fail:
    return lambda message: result.failures.append(f"{where}: {message}")


def _check_step(
    fail: Callable[[str], None], expect: StepExpectModel, record: Any, session: BuyerSession
) -> None:
    found = set(record.detection.techniques if record.detection is not None else ())
    missing = [technique for technique in expect.techniques if technique not in found]
    if missing:
        fail(f"{', '.join(missing)} not detected (found: {', '.join(sorted(found)) or 'none'})")
    unwanted = [technique for technique in expect.not_techniques if technique in found]
    if unwanted:
        fail(f"{', '.join(unwanted)} detected")
    states = _names(expect.state)
    if states and session.state not in states:
        fail(f"state {session.state}, expected {' or '.join(states)}")
    for variable, expected in expect.variables.items():
        value = session.variables.get(variable)
        if value is None or not in_range(value, expected):
            fail(f"{variable} = {value}, expected {expected}")


def _check_end(
    fail: Callable[[str], None],
    expect: EndExpectModel,
    session: BuyerSession,
    library: ContentLibrary,
    rubric: Any,
) -> None:
    outcome = session.outcome()
    results = _names(expect.result)
    if results and outcome.result.value not in results:
        fail(f"outcome {outcome.result.value}, expected {' or '.join(results)}")
    if expect.satisfaction is not None and not in_range(outcome.satisfaction, expect.satisfaction):
        fail(f"satisfaction {outcome.satisfaction}, expected {expect.satisfaction}")
    if expect.price is not None and not in_range(outcome.price, expect.price):
        fail(f"price {outcome.price}, expected {expect.price}")
    if expect.score is not None or expect.passed is not None:
        card = score(session, library.catalogue, rubric)
        if expect.score is not None and not in_range(card.total, expect.score):
            fail(f"score {card.total}, expected {expect.score}")
        if expect.passed is not None and card.passed != expect.passed:
            fail(f"the trainee {'passed' if card.passed else 'failed'} ({card.total}), expected the opposite")


@dataclass(frozen=True)
class Coverage:
    """What of a persona no test ever exercised: reactions that never changed a variable and
    transitions never taken (by their line in the persona file), like Yarn Spinner's coverage."""

    persona: str
    reactions: tuple[tuple[int, str], ...]  # (line, event) of each reaction never seen at work
    transitions: tuple[tuple[int, str, str], ...]  # (line, event, destination) never taken
    total_reactions: int
    total_transitions: int


def coverage(
    tests: Iterable[PersonaTest], library: ContentLibrary, detector: TechniqueDetector
) -> list[Coverage]:
    sessions: list[BuyerSession] = []
    tested: set[str] = set()
    for test in tests:
        run_test(test, library, detector, sessions)
        tested.add(test.model.persona)
    seen: set[tuple[str, str, int]] = set()
    for session in sessions:
        for record in session.history:
            for change in record.changes:
                seen.add((session.persona.id, change.cause.rule, change.cause.line))
            if record.state_change is not None:
                cause = record.state_change.cause
                seen.add((session.persona.id, cause.rule, cause.line))
    report = []
    for persona_id in sorted(tested & set(library.personas)):
        persona = library.personas[persona_id]
        reactions = tuple(
            (reaction.line, reaction.on)
            for reaction in persona.reactions
            if reaction.changes and (persona_id, "reaction", reaction.line) not in seen
        )
        transitions = tuple(
            (transition.line, transition.on, transition.dest)
            for transition in persona.transitions
            if (persona_id, "transition", transition.line) not in seen
        )
        total_reactions = sum(1 for reaction in persona.reactions if reaction.changes)
        report.append(Coverage(persona_id, reactions, transitions, total_reactions, len(persona.transitions)))
    return report


def in_range(value: float | None, expected: str) -> bool:
    if value is None:
        return False
    match = _RANGE_RE.match(expected)
    if match is None:
        return False
    if match["a"] is not None:
        return float(match["a"]) <= value <= float(match["b"])
    target, operator = float(match["n"]), match["op"] or "=="
    return {
        ">=": value >= target,
        "<=": value <= target,
        ">": value > target,
        "<": value < target,
        "==": math.isclose(value, target, abs_tol=1e-6),
    }[operator]


def _names(value: str | list[str] | None) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def persona_test_files(paths: Iterable[str], default_folder: Path) -> list[Path]:
    """The files named (a folder means its *.yaml), or every test in the shipped folder."""
    names = list(paths)
    if not names:
        return sorted(default_folder.glob("*.yaml"))
    files: list[Path] = []
    for name in names:
        path = Path(name)
        files.extend(sorted(path.glob("*.yaml")) if path.is_dir() else [path])
    return files


def load_tests(files: Iterable[Path]) -> tuple[list[PersonaTest], list[ContentProblem]]:
    tests: list[PersonaTest] = []
    problems: list[ContentProblem] = []
    for path in files:
        try:
            tests.append(load_test(path))
        except ContentError as error:
            problems.extend(error.problems)
    return tests, problems


__all__ = [
    "Coverage",
    "PersonaTest",
    "TestResult",
    "coverage",
    "in_range",
    "load_test",
    "load_tests",
    "persona_test_files",
    "persona_test_problems",
    "run_test",
]
