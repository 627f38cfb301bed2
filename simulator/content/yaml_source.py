"""YAML reading with line numbers, and pydantic errors turned into FILE:LINE messages.

ruamel.yaml (YAML 1.2) keeps ``on``/``yes``/``no`` as strings, which matters for a catalogue full of
short words, and remembers the line of every key, so a schema error can point at the line to fix.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError

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


def read_yaml(path: Path) -> Any:
    """Parse a YAML file, keeping line information; raise ContentError on a syntax error."""
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
        return YAML(typ="rt").load(text)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else 0
        message = error.problem or error.context or "YAML syntax error"
        raise ContentError([ContentProblem(str(path), line, f"YAML syntax error: {message}")]) from error


def line_of(document: Any, location: Sequence[int | str]) -> int:
    """The 1-based line of the deepest node of ``location`` that exists in ``document``."""
    line = 0
    node = document
    for key in location:
        lc = getattr(node, "lc", None)
        try:
            if isinstance(node, dict) and key in node:
                if lc is not None:
                    line = lc.key(key)[0] + 1
                node = node[key]
            elif isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node):
                if lc is not None:
                    line = lc.item(key)[0] + 1
                node = node[key]
            else:
                break
        except (KeyError, TypeError, IndexError):
            break
    if line == 0:
        lc = getattr(document, "lc", None)
        line = lc.line + 1 if lc is not None else 1
    return line


def validation_problems(path: Path, document: Any, error: ValidationError) -> list[ContentProblem]:
    problems = []
    for item in error.errors(include_url=False):
        location = [part for part in item["loc"] if isinstance(part, int | str)]
        where = ".".join(str(part) for part in location) or "(file)"
        problems.append(ContentProblem(str(path), line_of(document, location), f"{where}: {item['msg']}"))
    return problems


def validate(path: Path, document: Any, model: type[ModelT]) -> ModelT:
    try:
        return model.model_validate(to_plain(document))
    except ValidationError as error:
        raise ContentError(validation_problems(path, document, error)) from error


def to_plain(node: Any) -> Any:
    """ruamel's commented containers and scalar strings as plain dicts, lists and str."""
    if isinstance(node, dict):
        return {str(key): to_plain(value) for key, value in node.items()}
    if isinstance(node, list):
        return [to_plain(value) for value in node]
    if isinstance(node, str):
        return str(node)
    return node
