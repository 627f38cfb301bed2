"""All shipped content in one place: the catalogue, the scenarios and the personas.

A broken file never stops the others: its problems are collected and the rest is still loaded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from simulator.content.catalogue_loader import load_catalogue
from simulator.content.load_cache import LoadCache
from simulator.content.persona_loader import load_persona
from simulator.content.rubric_loader import RubricBook
from simulator.content.scenario_loader import load_scenario
from simulator.content.yaml_source import ContentError, ContentProblem
from simulator.detection.catalogue_checks import backtracking_problems
from simulator.domain.events import ENGINE_EVENTS
from simulator.domain.persona import Persona
from simulator.domain.rubric import Rubric
from simulator.domain.scenario import Scenario
from simulator.domain.techniques import Catalogue


@dataclass
class ContentLibrary:
    catalogue: Catalogue
    scenarios: dict[str, Scenario] = field(default_factory=dict)
    personas: dict[str, Persona] = field(default_factory=dict)
    problems: list[ContentProblem] = field(default_factory=list)
    rubrics: RubricBook | None = None

    def persona(self, persona_id: str) -> Persona:
        if persona_id not in self.personas:
            raise LookupError(f"no persona {persona_id!r}; available: {', '.join(sorted(self.personas))}")
        return self.personas[persona_id]

    def rubric(self, persona: Persona, scenario: Scenario) -> Rubric:
        if self.rubrics is None:
            raise LookupError("no rubrics were loaded")
        return self.rubrics.rubric(persona, scenario)

    def pairing(self, persona_id: str, scenario_id: str | None) -> tuple[Persona, Scenario]:
        """A persona and one of the scenarios it is offered in (its default when none is named)."""
        persona = self.persona(persona_id)
        chosen = scenario_id or persona.default_scenario
        offered = [s for s in persona.scenarios if s in self.scenarios]
        if chosen not in offered:
            raise LookupError(
                f"{persona.id} is not played in scenario {chosen!r}; its scenarios: {', '.join(offered)}"
            )
        return persona, self.scenario(chosen)

    def scenario(self, scenario_id: str) -> Scenario:
        if scenario_id not in self.scenarios:
            raise LookupError(f"no scenario {scenario_id!r}; available: {', '.join(sorted(self.scenarios))}")
        return self.scenarios[scenario_id]


def yaml_files(folder: Path) -> list[Path]:
    return sorted(path for path in folder.glob("*.yaml") if not path.name.startswith("."))


def load_library(
    catalogue_path: Path,
    scenarios_dir: Path,
    personas_dir: Path,
    rubrics_dir: Path,
    cache: LoadCache | None = None,
) -> ContentLibrary:
    """Load everything; raises ContentError only when the catalogue itself is broken."""
    cache = cache or LoadCache()
    library = ContentLibrary(load_catalogue(catalogue_path, cache))
    library.problems.extend(backtracking_problems(library.catalogue, str(catalogue_path)))
    for path in yaml_files(scenarios_dir):
        try:
            scenario = load_scenario(path, cache.documents)
        except ContentError as error:
            library.problems.extend(error.problems)
        else:
            library.scenarios[scenario.id] = scenario
    scenario_ids = {path.stem for path in yaml_files(scenarios_dir)}
    for path in yaml_files(personas_dir):
        try:
            persona = load_persona(path, library.catalogue.ids, scenario_ids, cache.documents)
        except ContentError as error:
            library.problems.extend(error.problems)
        else:
            library.personas[persona.id] = persona
    events = set(ENGINE_EVENTS)
    library.rubrics = RubricBook(
        rubrics_dir, set(library.catalogue.ids), events, library.personas, cache.documents
    )
    library.problems.extend(library.rubrics.problems)
    return library
