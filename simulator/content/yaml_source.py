"""YAML reading with line numbers, and pydantic errors turned into FILE:LINE messages."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

if TYPE_CHECKING:
    from simulator.content.document_cache import DocumentCache

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
    lines: Mapping[tuple[int | str, ...], int]


# Limits that keep a hostile or broken file from hanging or crashing every command. The shipped
# catalogue is 130 KB, 9 levels deep and uses no aliases; these bounds are far above real content.
MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 64
MAX_NODES = 200_000  # scalars, lists and maps, counting every alias as the size of what it repeats


def read_yaml(path: Path, cache: DocumentCache | None = None) -> YamlDocument:
    """Parse a YAML file with line information; raise ContentError on a syntax error or a limit.

    The tree is built from libyaml's event stream (through PyYAML) without recursion, so a file
    nested thousands deep is an error on its line rather than a RecursionError, and an alias is
    counted as the size of what it repeats, so a kilobyte "billion laughs" file stops at the limit
    instead of filling the memory. Scalars are read with YAML 1.2 rules: only true/false are
    booleans (on/yes/no stay words), 16:00 stays a string. With a ``cache``, a file read before
    with the very same bytes is not parsed again.
    """
    raw = read_content_bytes(path)
    if cache is not None:
        return cache.document(path, raw, parse_yaml)
    return parse_yaml(path, raw)


def read_content_bytes(path: Path) -> bytes:
    """A content file's bytes, refused past the size cap before it is read."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            message = f"the file is {size / 1024 / 1024:.1f} MB; a content file may be at most 2 MB"
            raise ContentError([ContentProblem(str(path), 0, message)])
        return path.read_bytes()
    except OSError as error:
        raise ContentError(
            [ContentProblem(str(path), 0, f"cannot read the file: {error.strerror}")]
        ) from error


def parse_yaml(path: Path, raw: bytes) -> YamlDocument:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ContentError([ContentProblem(str(path), line, "the file is not UTF-8 text")]) from error
    try:
        return _TreeBuilder(str(path)).build(yaml.parse(text, Loader=_LOADER))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else 0
        message = error.problem or error.context or "YAML syntax error"
        raise ContentError([ContentProblem(str(path), line, f"YAML syntax error: {message}")]) from error
    except yaml.YAMLError as error:
        raise ContentError([ContentProblem(str(path), 0, f"YAML syntax error: {error}")]) from error


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_RESOLVER = yaml.resolver.Resolver()
_BOOL_WORDS = {"true": True, "false": False}


@dataclass
class _Open:
    """A list or map being filled, where it stands and how many nodes it holds so far."""

    value: dict[str, Any] | list[Any]
    location: tuple[int | str, ...]
    anchor: str | None
    nodes: int = 1
    key: str | None = None  # a map's key waiting for its value
    key_line: int = 0


class _TreeBuilder:
    def __init__(self, path: str) -> None:
        self.path = path
        self.lines: dict[tuple[int | str, ...], int] = {}
        self.anchors: dict[str, tuple[Any, int]] = {}  # value and its size in nodes
        self.total = 0
        self.documents = 0

    def fail(self, event: yaml.Event, message: str) -> ContentError:
        return ContentError([ContentProblem(self.path, event.start_mark.line + 1, message)])

    def build(self, events: Any) -> YamlDocument:
        stack: list[_Open] = []
        root: Any = None
        self.lines[()] = 1
        for event in events:
            if isinstance(event, yaml.DocumentStartEvent):
                self.documents += 1
                if self.documents > 1:
                    raise self.fail(event, "YAML syntax error: the file holds more than one document")
                continue
            if isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                done = stack.pop()
                if done.anchor is not None:
                    self.anchors[done.anchor] = (done.value, done.nodes)
                value, nodes = done.value, done.nodes
            elif isinstance(event, yaml.ScalarEvent | yaml.AliasEvent):
                value, nodes = self.leaf(event)
            elif isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
                if len(stack) >= MAX_DEPTH:
                    raise self.fail(event, f"the file is nested more than {MAX_DEPTH} levels deep")
                location = self.place(stack, event) if stack else ()
                if not stack:
                    self.lines[()] = event.start_mark.line + 1
                container: dict[str, Any] | list[Any] = (
                    {} if isinstance(event, yaml.MappingStartEvent) else []
                )
                stack.append(_Open(container, location, event.anchor))
                self.count(event, 1)
                continue
            else:
                continue
            if not stack:
                root = value
            else:
                self.add(stack[-1], event, value, nodes)
        return YamlDocument(root, self.lines)

    def count(self, event: yaml.Event, nodes: int) -> None:
        self.total += nodes
        if self.total > MAX_NODES:
            raise self.fail(
                event, f"the file expands to more than {MAX_NODES:,} values (aliases repeating aliases?)"
            )

    def leaf(self, event: yaml.ScalarEvent | yaml.AliasEvent) -> tuple[Any, int]:
        if isinstance(event, yaml.AliasEvent):
            if event.anchor not in self.anchors:
                raise self.fail(event, f"YAML syntax error: unknown alias *{event.anchor}")
            value, nodes = self.anchors[event.anchor]
            self.count(event, nodes)
            return value, nodes
        value = _scalar(event)
        self.count(event, 1)
        if event.anchor is not None:
            self.anchors[event.anchor] = (value, 1)
        return value, 1

    def place(self, stack: list[_Open], event: yaml.Event) -> tuple[int | str, ...]:
        """Where a list or map that starts now will stand, recording its line like any value."""
        parent = stack[-1]
        if isinstance(parent.value, list):
            location = (*parent.location, len(parent.value))
            self.lines[location] = event.start_mark.line + 1
            return location
        if parent.key is None:
            raise self.fail(event, "YAML syntax error: a list or map cannot be a key")
        return (*parent.location, parent.key)

    def add(self, parent: _Open, event: yaml.Event, value: Any, nodes: int) -> None:
        parent.nodes += nodes
        if isinstance(parent.value, list):
            location = (*parent.location, len(parent.value))
            self.lines.setdefault(location, event.start_mark.line + 1)
            parent.value.append(value)
            return
        if parent.key is None:
            if isinstance(value, dict | list):
                raise self.fail(event, "YAML syntax error: a list or map cannot be a key")
            key = str(value)
            if key in parent.value:
                raise self.fail(event, f"key {key!r} appears twice in the same block")
            parent.key, parent.key_line = key, event.start_mark.line + 1
            self.lines[(*parent.location, key)] = parent.key_line
            return
        parent.value[parent.key] = value
        parent.key = None


def _scalar(event: yaml.ScalarEvent) -> Any:
    value: str = event.value
    if event.style in ("'", '"', "|", ">"):
        return value
    tag = event.tag or _RESOLVER.resolve(yaml.ScalarNode, value, event.implicit)
    tag = tag.rsplit(":", 1)[-1]
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
