"""Loads the technique catalogue (catalogue/techniques.yaml) into domain objects.

The file is written by instructors: every problem is reported with its line, and all problems of
the file are reported together rather than one per run.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from simulator.content.lexicon_loader import load_lexicon
from simulator.content.load_cache import LoadCache
from simulator.content.reader_words_loader import READER_WORDS_FILE, load_reader_words
from simulator.content.yaml_source import ContentError, ContentProblem, line_of, read_yaml, validate
from simulator.domain.events import ENGINE_EVENTS
from simulator.domain.pattern_cache import PatternCache
from simulator.domain.techniques import (
    RULE_REGEX_FIELDS,
    Catalogue,
    DetectionSpec,
    PatternRule,
    SourceRef,
    Technique,
    TechniqueKind,
)

_MACRO_RE = re.compile(r"\{([A-Z][A-Z0-9_]*)\}")
_REGEX_FIELDS = RULE_REGEX_FIELDS


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class PatternRuleModel(_Strict):
    match: str = Field(min_length=1)
    not_before: str | None = None
    not_after: str | None = None
    clause_with: str | None = None
    clause_without: str | None = None
    message_with: str | None = None
    message_without: str | None = None
    note: str = ""


class DetectModel(_Strict):
    ignore_quoted: bool = False
    suppressed_by: list[str] = []
    rules: list[PatternRuleModel] = Field(min_length=1)


class SourceModel(_Strict):
    seed: Literal["000", "001", "002", "003", "004"]
    where: str = Field(min_length=1)
    quote: str = Field(min_length=1)


class TechniqueModel(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z_]*$")
    name_zh: str = Field(min_length=1)
    name_en: str = Field(min_length=1)
    kind: TechniqueKind
    group: Literal["etiquette", "needs", "price", "closing", "objection", "complaint", "taboo"]
    description: str = Field(min_length=1)
    reason_good: str = ""
    reason_bad: str = ""
    better: str = ""
    sources: list[SourceModel] = Field(min_length=1)
    examples: list[str] = Field(min_length=1)
    counter_examples: list[str] = []
    # Fact events that show the move was made on a false fact (size_advice with the wrong size):
    # then it earns nothing and the buyer hears the false fact, not the technique.
    overruled_by: list[str] = []
    detect: DetectModel


class CatalogueModel(_Strict):
    version: int = Field(ge=1)
    macros: dict[str, str] = {}
    typos: dict[str, str] = {}
    techniques: list[TechniqueModel] = Field(min_length=1)


LEXICON_FILE = "lexicons.yaml"  # the word classes, beside the catalogue


def expand_macros(pattern: str, macros: dict[str, str]) -> str:
    """Replace ``{NAME}`` (a macro or a word class) with its regex, as a non-capturing group."""
    return _MACRO_RE.sub(lambda match: f"(?:{macros[match.group(1)]})", pattern)


def references(pattern: str) -> list[str]:
    """The {NAME}s a pattern uses, in order."""
    return _MACRO_RE.findall(pattern)


def _check(path: Path, document: Any, model: CatalogueModel, classes: dict[str, str]) -> list[ContentProblem]:
    problems: list[ContentProblem] = []

    def problem(location: list[int | str], message: str) -> None:
        problems.append(ContentProblem(str(path), line_of(document, location), message))

    for name, regex in model.macros.items():
        if not re.fullmatch(r"[A-Z][A-Z0-9_]*", name):
            problem(["macros", name], f"macro name {name!r} must be upper-case letters, digits and _")
        for used in _MACRO_RE.findall(regex):
            problem(["macros", name], f"macro {name} uses macro {used}: macros cannot nest")
    for wrong, right in model.typos.items():
        if len(wrong) != len(right):
            problem(["typos", wrong], f"typo {wrong!r} → {right!r} must keep the number of characters")

    seen: dict[str, int] = {}
    ids = {technique.id for technique in model.techniques}
    for index, technique in enumerate(model.techniques):
        if technique.id in seen:
            problem(
                ["techniques", index, "id"],
                f"id {technique.id!r} already defined at entry {seen[technique.id]}",
            )
        seen[technique.id] = index
        if technique.kind is TechniqueKind.BAD and not technique.better:
            problem(
                ["techniques", index], f"{technique.id}: a bad technique needs 'better' (a better phrasing)"
            )
        for event in technique.overruled_by:
            if event not in ENGINE_EVENTS:
                problem(
                    ["techniques", index, "overruled_by"],
                    f"{technique.id}: overruled_by names {event!r}, which is not an engine event "
                    "(see `python main.py lint --events`)",
                )
        for other in technique.detect.suppressed_by:
            if other not in ids:
                problem(["techniques", index, "detect", "suppressed_by"], f"unknown technique id {other!r}")
        for rule_index, rule in enumerate(technique.detect.rules):
            for field_name in _REGEX_FIELDS:
                regex = getattr(rule, field_name)
                if regex is None:
                    continue
                location: list[int | str] = ["techniques", index, "detect", "rules", rule_index, field_name]
                known = {**model.macros, **classes}
                unknown = [name for name in _MACRO_RE.findall(regex) if name not in known]
                if unknown:
                    problem(
                        location,
                        f"unknown macro or word class {{{unknown[0]}}}; macros: "
                        f"{', '.join(sorted(model.macros))}; classes: {', '.join(sorted(classes))}",
                    )
    return problems


def _compile_problems(
    path: Path, document: Any, techniques: tuple[Technique, ...], cache: PatternCache
) -> list[ContentProblem]:
    """Rules whose regular expressions do not compile. Compiling here fills each rule's patterns,
    so the detector built next compiles nothing again."""
    problems: list[ContentProblem] = []
    for index, technique in enumerate(techniques):
        for rule_index, rule in enumerate(technique.detection.rules):
            try:
                rule.compile_with(cache)
            except re.error as error:
                field_name = _failing_field(rule)
                location: list[int | str] = ["techniques", index, "detect", "rules", rule_index, field_name]
                problems.append(
                    ContentProblem(
                        str(path),
                        line_of(document, location),
                        f"regular expression does not compile: {error}",
                    )
                )
    return problems


def _failing_field(rule: PatternRule) -> str:
    for name in _REGEX_FIELDS:
        regex = getattr(rule, name)
        if regex is None:
            continue
        try:
            re.compile(regex)
        except re.error:
            return name
    return "match"


def load_catalogue(path: Path, cache: LoadCache | None = None) -> Catalogue:
    """The catalogue and the word classes beside it (``lexicons.yaml``; optional).

    ``cache`` keeps compiled patterns and parsed files between runs (its owner saves it)."""
    cache = cache or LoadCache()
    document = read_yaml(path, cache.documents)
    model = validate(path, document, CatalogueModel)
    lexicon = load_lexicon(path.parent / LEXICON_FILE, model.macros, cache.documents, cache.patterns)
    classes = lexicon.regexes()
    problems = _check(path, document, model, classes)
    if problems:
        raise ContentError(problems)
    known = {**model.macros, **classes}

    def rule(model_rule: PatternRuleModel, location: list[int | str]) -> PatternRule:
        patterns = [getattr(model_rule, name) for name in _REGEX_FIELDS if getattr(model_rule, name)]
        used = dict.fromkeys(name for pattern in patterns for name in references(pattern) if name in classes)
        values = {
            name: expand_macros(getattr(model_rule, name), known)
            for name in _REGEX_FIELDS
            if getattr(model_rule, name) is not None
        }
        return PatternRule(
            **values, note=model_rule.note, line=line_of(document, location), classes=tuple(used)
        )

    techniques = tuple(
        Technique(
            id=item.id,
            name_zh=item.name_zh,
            name_en=item.name_en,
            kind=item.kind,
            group=item.group,
            description=item.description,
            reason_good=item.reason_good,
            reason_bad=item.reason_bad,
            better=item.better,
            sources=tuple(SourceRef(source.seed, source.where, source.quote) for source in item.sources),
            examples=tuple(item.examples),
            counter_examples=tuple(item.counter_examples),
            overruled_by=tuple(item.overruled_by),
            detection=DetectionSpec(
                rules=tuple(
                    rule(model_rule, ["techniques", index, "detect", "rules", rule_index])
                    for rule_index, model_rule in enumerate(item.detect.rules)
                ),
                ignore_quoted=item.detect.ignore_quoted,
                suppressed_by=tuple(item.detect.suppressed_by),
            ),
        )
        for index, item in enumerate(model.techniques)
    )
    problems = _compile_problems(path, document, techniques, cache.patterns)
    if problems:
        raise ContentError(problems)
    words_path = path.parent / READER_WORDS_FILE
    if not words_path.exists():
        message = f"{READER_WORDS_FILE} is missing next to the catalogue: numbers and claims cannot be read"
        raise ContentError([ContentProblem(str(words_path), 0, message)])
    reader_words = load_reader_words(words_path, cache.patterns, cache.documents)
    return Catalogue(
        techniques=techniques,
        macros=dict(model.macros),
        typos=dict(model.typos),
        lexicon=lexicon,
        reader_words=reader_words,
    )
