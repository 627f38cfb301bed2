"""YAML reading with line numbers, and pydantic errors turned into FILE:LINE messages."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

ModelT = TypeVar("ModelT", bound=BaseModel)


@dataclass(frozen=True)
class ContentProblem:
    """One thing wrong in a data file."""

    path: str
    line: int  # 1-based; 0 when the whole file is concerned
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class ContentError(Exception):
    """A data file could not be loaded; ``problems`` says where and why."""

    def __init__(self, problems: Sequence[ContentProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


@dataclass(frozen=True)
class YamlDocument:
    """Plain data (dicts, lists, str, numbers, bools, None) and the line of every key and item."""

    data: Any
    lines: dict[tuple[int | str, ...], int]


def read_yaml(path: Path) -> YamlDocument:
    """Parse a YAML file with line information; raise ContentError on a syntax error.

    libyaml (through PyYAML) composes the node tree in milliseconds, where a pure-Python round-trip
    parser takes a fifth of a second for the catalogue alone. Scalars are then read with YAML 1.2
    rules: only true/false are booleans (on/yes/no stay words), 16:00 stays a string.
    """
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ContentError(
            [ContentProblem(str(path), 0, f"cannot read the file: {error.strerror}")]
        ) from error
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ContentError([ContentProblem(str(path), line, "the file is not UTF-8 text")]) from error
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else 0
        message = error.problem or error.context or "YAML syntax error"
        raise ContentError([ContentProblem(str(path), line, f"YAML syntax error: {message}")]) from error
    except yaml.YAMLError as error:
        raise ContentError([ContentProblem(str(path), 0, f"YAML syntax error: {error}")]) from error
    lines: dict[tuple[int | str, ...], int] = {(): 1 if node is None else node.start_mark.line + 1}
    data = None if node is None else _construct(path, node, (), lines)
    return YamlDocument(data, lines)


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BOOL_WORDS = {"true": True, "false": False}


def _construct(path: Path, node: yaml.Node, location: tuple[int | str, ...], lines: dict) -> Any:
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = str(_construct(path, key_node, location, {}))
            if key in result:
                line = key_node.start_mark.line + 1
                raise ContentError(
                    [ContentProblem(str(path), line, f"key {key!r} appears twice in the same block")]
                )
            lines[(*location, key)] = key_node.start_mark.line + 1
            result[key] = _construct(path, value_node, (*location, key), lines)
        return result
    if isinstance(node, yaml.SequenceNode):
        items = []
        for index, item in enumerate(node.value):
            lines[(*location, index)] = item.start_mark.line + 1
            items.append(_construct(path, item, (*location, index), lines))
        return items
    return _scalar(node)


def _scalar(node: yaml.Node) -> Any:
    value: str = node.value
    if node.style in ("'", '"', "|", ">"):
        return value
    tag = node.tag.rsplit(":", 1)[-1]
    if tag == "null":
        return None
    if tag == "bool":
        return _BOOL_WORDS.get(value.lower(), value)
    if tag in ("int", "float") and ":" not in value:
        try:
            return int(value.replace("_", ""), 0) if tag == "int" else float(value.replace("_", ""))
        except ValueError:
            return value
    return value


def line_of(document: YamlDocument, location: Sequence[int | str]) -> int:
    """The 1-based line of the deepest part of ``location`` that exists in the document."""
    key = tuple(location)
    while key:
        if key in document.lines:
            return document.lines[key]
        key = key[:-1]
    return document.lines.get((), 1)


def validation_problems(path: Path, document: YamlDocument, error: ValidationError) -> list[ContentProblem]:
    problems = []
    for item in error.errors(include_url=False):
        location = [part for part in item["loc"] if isinstance(part, int | str)]
        where = ".".join(str(part) for part in location) or "(file)"
        problems.append(ContentProblem(str(path), line_of(document, location), f"{where}: {item['msg']}"))
    return problems


def validate(path: Path, document: YamlDocument, model: type[ModelT]) -> ModelT:
    try:
        return model.model_validate(document.data)
    except ValidationError as error:
        raise ContentError(validation_problems(path, document, error)) from error
