"""Loads rubrics: rubrics/common.yaml plus rubrics/<persona>.yaml, for one persona and scenario."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from simulator.content.document_cache import DocumentCache
from simulator.content.yaml_source import ContentError, ContentProblem, line_of, read_yaml, validate
from simulator.domain.persona import Persona
from simulator.domain.rubric import (
    COMPONENTS,
    WORDING_KEYS,
    FlowStage,
    OpenSessionRule,
    Rubric,
    StrategyPoint,
)
from simulator.domain.scenario import Scenario


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class StageModel(_Strict):
    name_zh: str = Field(min_length=1)
    techniques: list[str] = Field(min_length=1)
    better: str = Field(min_length=1)


class RedLineModel(_Strict):
    reason: str = Field(min_length=1)
    better: str = Field(min_length=1)


class FactsModel(_Strict):
    wrong: dict[str, RedLineModel]
    right: dict[str, str]
    overruled: str = Field(min_length=1)


class OpenSessionModel(_Strict):
    min_turns: int = Field(ge=1)
    min_rating: int = Field(ge=1, le=5)
    questions_answered: bool


class CommonModel(_Strict):
    version: int = Field(ge=1)
    pass_mark: int = Field(ge=0, le=100)
    open_session: OpenSessionModel
    weights: dict[Literal[COMPONENTS], int]  # type: ignore[valid-type]
    bad_penalty: dict[str, int]
    red_lines: dict[str, RedLineModel]
    flows: dict[Literal["presale", "unpaid", "aftersale"], list[StageModel]]
    facts: FactsModel
    wording: dict[str, str]


class PointModel(_Strict):
    id: str = Field(min_length=1)
    why: str = Field(min_length=1)
    better: str = ""


class StrategyModel(_Strict):
    do: list[PointModel] = Field(min_length=1)
    avoid: list[PointModel] = []


class PersonaRubricModel(_Strict):
    persona: str
    pass_mark: int | None = Field(default=None, ge=0, le=100)
    weights: dict[Literal[COMPONENTS], int] | None = None  # type: ignore[valid-type]
    bargaining_expected: bool = False
    technique_target: int = Field(default=6, ge=1)
    strategy: StrategyModel
    fitting_states: dict[str, list[str]] = {}
    outcome_share: dict[Literal["purchased", "unpaid", "left", "complained", "resolved", "open"], float]

    @model_validator(mode="after")
    def shares_in_range(self) -> PersonaRubricModel:
        for result, share in self.outcome_share.items():
            if not 0 <= share <= 1:
                raise ValueError(f"outcome_share {result} must be between 0 and 1")
        return self


class RubricBook:
    """The common rubric and every persona's part, checked against the catalogue and the personas."""

    def __init__(
        self,
        folder: Path,
        technique_ids: set[str],
        events: set[str],
        personas: dict[str, Persona],
        documents: DocumentCache | None = None,
    ):
        problems: list[ContentProblem] = []
        common_path = folder / "common.yaml"
        self.common: CommonModel | None = None
        self.parts: dict[str, PersonaRubricModel] = {}
        try:
            document = read_yaml(common_path, documents)
            self.common = validate(common_path, document, CommonModel)
            self._check_weights(common_path, document, self.common.weights, problems)
            missing = [key for key in WORDING_KEYS if key not in self.common.wording]
            unknown = [key for key in self.common.wording if key not in WORDING_KEYS]
            if missing or unknown:
                message = "wording: " + "; ".join(
                    ([f"missing {', '.join(missing)}"] if missing else [])
                    + ([f"unknown {', '.join(unknown)}"] if unknown else [])
                )
                problems.append(ContentProblem(str(common_path), line_of(document, ["wording"]), message))
            for part_name in ("wrong", "right"):
                for event in getattr(self.common.facts, part_name):
                    if event not in events:
                        where = line_of(document, ["facts", part_name, event])
                        message = f"facts.{part_name}: {event!r} is not an engine event"
                        problems.append(ContentProblem(str(common_path), where, message))
        except ContentError as error:
            problems.extend(error.problems)
        for path in sorted(folder.glob("*.yaml")):
            if path.name == "common.yaml":
                continue
            try:
                document = read_yaml(path, documents)
                part = validate(path, document, PersonaRubricModel)
            except ContentError as error:
                problems.extend(error.problems)
                continue
            persona = personas.get(part.persona)
            if part.persona != path.stem:
                problems.append(
                    ContentProblem(
                        str(path), line_of(document, ["persona"]), "persona must match the file name"
                    )
                )
            if persona is None:
                problems.append(
                    ContentProblem(str(path), line_of(document, ["persona"]), f"no persona {part.persona!r}")
                )
                continue
            if part.weights is not None:
                self._check_weights(path, document, part.weights, problems)
            states = {state.name for state in persona.states}
            for kind in ("do", "avoid"):
                for index, point in enumerate(getattr(part.strategy, kind)):
                    if point.id not in technique_ids and point.id not in events:
                        where = line_of(document, ["strategy", kind, index, "id"])
                        problems.append(
                            ContentProblem(str(path), where, f"unknown technique or event {point.id!r}")
                        )
            for technique, fitting in part.fitting_states.items():
                where = line_of(document, ["fitting_states", technique])
                if technique not in technique_ids:
                    problems.append(ContentProblem(str(path), where, f"unknown technique {technique!r}"))
                for state in fitting:
                    if state not in states:
                        problems.append(
                            ContentProblem(str(path), where, f"{persona.id} has no state {state!r}")
                        )
            self.parts[part.persona] = part
        self.problems = problems

    @staticmethod
    def _check_weights(path: Path, document, weights: dict[str, int], problems: list[ContentProblem]) -> None:
        if set(weights) != set(COMPONENTS) or sum(weights.values()) != 100:
            total = sum(weights.values())
            message = f"weights must give all of {', '.join(COMPONENTS)} and add up to 100 (now {total})"
            problems.append(ContentProblem(str(path), line_of(document, ["weights"]), message))

    def rubric(self, persona: Persona, scenario: Scenario) -> Rubric:
        if self.common is None:
            raise LookupError("rubrics/common.yaml is missing or broken")
        if persona.id not in self.parts:
            raise LookupError(f"no rubric for persona {persona.id!r} in rubrics/")
        common, part = self.common, self.parts[persona.id]
        stages = common.flows[scenario.situation.value]
        return Rubric(
            persona_id=persona.id,
            version=common.version,
            pass_mark=part.pass_mark if part.pass_mark is not None else common.pass_mark,
            weights=dict(part.weights or common.weights),
            strategy_quote=persona.strategy,
            strategy_do=tuple(StrategyPoint(p.id, p.why, p.better) for p in part.strategy.do),
            strategy_avoid=tuple(StrategyPoint(p.id, p.why, p.better) for p in part.strategy.avoid),
            fitting_states={key: tuple(value) for key, value in part.fitting_states.items()},
            flow=tuple(FlowStage(stage.name_zh, tuple(stage.techniques), stage.better) for stage in stages),
            outcome_share=dict(part.outcome_share),
            red_lines={key: (value.reason, value.better) for key, value in common.red_lines.items()},
            fact_errors={key: (value.reason, value.better) for key, value in common.facts.wrong.items()},
            fact_right=dict(common.facts.right),
            overruled_reason=common.facts.overruled,
            wording=dict(common.wording),
            open_session=OpenSessionRule(**common.open_session.model_dump()),
            bad_penalty=dict(common.bad_penalty),
            bargaining_expected=part.bargaining_expected,
            technique_target=part.technique_target,
        )
