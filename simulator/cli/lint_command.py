"""`lint`: check persona, scenario and catalogue files; one `FILE:LINE: message` per problem."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import IO

from simulator.app import ContentPaths, build_detector, load_library
from simulator.content.catalogue_loader import load_catalogue
from simulator.content.pairings import pairing_problems
from simulator.content.persona_loader import load_persona
from simulator.content.scenario_loader import load_scenario
from simulator.content.yaml_source import ContentError, ContentProblem, line_of, read_yaml
from simulator.detection.catalogue_checks import catalogue_problems
from simulator.domain.events import BUILTIN_VALUES, ENGINE_EVENTS
from simulator.domain.techniques import Catalogue
from simulator.services.library import yaml_files
from simulator.services.persona_tests import load_tests, persona_test_problems


def _kind(path: Path) -> str:
    """persona, scenario, catalogue, rubric or test: by folder first, then by the keys the file has."""
    if path.parent.name == "tests" and path.parent.parent.name == "personas":
        return "test"
    if path.parent.name == "personas":
        return "persona"
    if path.parent.name == "scenarios":
        return "scenario"
    if path.parent.name == "catalogue":
        return "catalogue"
    if path.parent.name == "rubrics":
        return "rubric"
    try:
        document = read_yaml(path)
    except ContentError:
        return "persona"
    keys = set(document.data) if isinstance(document.data, dict) else set()
    if "techniques" in keys:
        return "catalogue"
    if "product" in keys or "situation" in keys:
        return "scenario"
    if "steps" in keys:
        return "test"
    return "persona"


def _expand(paths: Iterable[str]) -> list[Path]:
    files: list[Path] = []
    for name in paths:
        path = Path(name)
        files.extend(yaml_files(path) if path.is_dir() else [path])
    return files


def lint_rubrics(content: ContentPaths) -> list[ContentProblem]:
    """Rubrics refer to personas and techniques: checked against the whole shipped library."""
    library = load_library(content)
    rubrics_folder = str(content.rubrics)
    return [problem for problem in library.problems if problem.path.startswith(rubrics_folder)]


def lint_files(paths: list[Path], content: ContentPaths) -> list[ContentProblem]:
    problems: list[ContentProblem] = []
    catalogue: Catalogue | None = None
    try:
        catalogue = load_catalogue(content.catalogue)
    except ContentError as error:
        problems.extend(error.problems)
    else:
        problems.extend(
            catalogue_problems(build_detector(catalogue), str(content.catalogue), str(content.lexicons))
        )
    scenario_ids = {path.stem for path in yaml_files(content.scenarios)}
    scenario_ids |= {path.stem for path in paths if _kind(path) == "scenario"}
    tests: list[Path] = []
    for path in paths:
        if not path.exists():
            problems.append(ContentProblem(str(path), 0, "no such file"))
            continue
        kind = _kind(path)
        if kind == "rubric":
            continue
        if kind == "test":
            tests.append(path)
            continue
        try:
            if kind == "catalogue":
                if path.resolve() != content.catalogue.resolve():
                    load_catalogue(path)
            elif kind == "scenario":
                load_scenario(path)
            elif catalogue is not None:
                load_persona(path, catalogue.ids, scenario_ids)
        except ContentError as error:
            problems.extend(error.problems)
    if tests:
        problems.extend(lint_tests(tests, content))
    return problems


def lint_tests(paths: list[Path], content: ContentPaths) -> list[ContentProblem]:
    """Each test file read, and every id it names checked against the shipped content."""
    loaded, problems = load_tests(paths)
    try:
        library = load_library(content)
    except ContentError:
        return problems  # the catalogue's own problems are reported by lint_files
    for test in loaded:
        problems.extend(persona_test_problems(test, library))
    return problems


def lint_completeness(content: ContentPaths) -> list[ContentProblem]:
    """What loads but cannot be played: a persona without a rubric, a scenario no persona plays in."""
    try:
        library = load_library(content)
    except ContentError:
        return []
    problems = []
    if library.rubrics is not None and library.rubrics.common is not None:
        for persona in library.personas.values():
            if persona.id not in library.rubrics.parts:
                message = f"no rubric for persona {persona.id!r}: add rubrics/{persona.id}.yaml"
                problems.append(ContentProblem(str(persona.path), 1, message + ", or play refuses it"))
    offered = {scenario for persona in library.personas.values() for scenario in persona.scenarios}
    for scenario in library.scenarios.values():
        if scenario.id not in offered:
            message = f"no persona is played in scenario {scenario.id!r}: add it to a persona's plays_in"
            problems.append(ContentProblem(str(content.scenarios / f"{scenario.id}.yaml"), 1, message))
    return problems


def lint_pairings(paths: list[Path], content: ContentPaths) -> list[ContentProblem]:
    """Each checked persona rendered in every scenario it offers (see simulator.content.pairings)."""
    checked = {path.resolve() for path in paths if _kind(path) == "persona"}
    if not checked:
        return []
    try:
        library = load_library(content)
    except ContentError:
        return []  # the catalogue's own problems are reported above
    problems = [
        problem
        for persona in library.personas.values()
        if Path(persona.path).resolve() in checked
        for problem in pairing_problems(persona, library.scenarios)
    ]
    known = set(library.catalogue.ids) | set(ENGINE_EVENTS)
    for scenario in library.scenarios.values():
        path = content.scenarios / f"{scenario.id}.yaml"
        for question in scenario.buyer.questions:
            key = question.role
            for field, names in (("by", question.answered_by), ("wrong_by", question.wrong_by)):
                for name in names:
                    if name not in known:
                        line = line_of(read_yaml(path), ["buyer", "answers", key, field])
                        message = f"answers.{key}.{field}: {name!r} is no technique id or engine event"
                        problems.append(ContentProblem(str(path), line, message))
    return problems


def lint_command(names: list[str], content: ContentPaths, out: IO[str], err: IO[str]) -> int:
    if names:
        paths = _expand(names)
    else:
        paths = [
            content.catalogue,
            *yaml_files(content.scenarios),
            *yaml_files(content.personas),
            *yaml_files(content.persona_tests),
        ]
    problems = lint_files(paths, content)
    if not names:
        problems.extend(lint_completeness(content))
    if not names or any(_kind(path) == "rubric" for path in paths):
        problems.extend(lint_rubrics(content))
    problems.extend(lint_pairings(paths, content))
    for problem in problems:
        out.write(f"{problem}\n")
    if problems:
        err.write(f"lint: {len(problems)} problem(s) in {len({p.path for p in problems})} file(s)\n")
        return 1
    err.write(f"lint: {len(paths)} file(s) checked, no problems\n")
    return 0


def events_command(catalogue: Catalogue, out: IO[str]) -> int:
    out.write("Technique events (catalogue ids):\n")
    for technique in catalogue.techniques:
        out.write(f"  {technique.id:20s} {technique.name_zh} ({technique.kind.value})\n")
    out.write("Engine events:\n")
    for name, description in ENGINE_EVENTS.items():
        out.write(f"  {name:22s} {description}\n")
    out.write("Values a condition may read besides the persona's variables (and n_<event> counts):\n")
    for name, description in BUILTIN_VALUES.items():
        out.write(f"  {name:22s} {description}\n")
    return 0
