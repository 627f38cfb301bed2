"""The session file's format: its limits, its pydantic models, its fingerprint, and reading one.

Reading never trusts the file. It refuses, with the reason the user reads: a file over 50 MB (or one
that unpacks to more), bytes that are not gzip, UTF-8 or JSON (NaN and a key given twice included),
another format or version, nesting deeper than any real session, a string longer than any real
message or holding a character no database keeps, more sessions or rows than the limits, and every
field of the wrong type or range. simulator/services/session_files.py exports, plans and imports.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, Strict, ValidationError, field_validator

from simulator.domain.persona import Outcome
from simulator.services.training import MAX_MESSAGE_CHARS

FORMAT = "wangdian-kefu-sessions"
VERSION = 1
MAX_FILE_BYTES = 50 * 1024 * 1024  # the file, and what it unpacks to
MAX_SESSIONS = 5000  # a class of 40 with 20 sessions each is 800
MAX_INPUTS = 1000  # per session; a long real session has about a hundred
MAX_MESSAGES = 3000
MAX_CHANGES = 10_000
MAX_SCORE_ITEMS = 1000
MAX_TEXT = 20_000  # characters in any one string: a buyer's line, a reason, a note
MAX_DEPTH = 32  # a stored session is about eight levels deep
MAX_SEED = 2**31 - 1  # what every database keeps in an integer column
_RESULTS = frozenset(outcome.value for outcome in Outcome)
# Characters no database column can keep: NUL (PostgreSQL refuses it) and lone surrogates (not UTF-8).
_UNSTORABLE = frozenset(["\x00", *(chr(code) for code in range(0xD800, 0xE000))])


class SessionFileError(Exception):
    """A session file that cannot be written or read; ``reason`` says why, for the user."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


# -- the format ----------------------------------------------------------------------------------

Id = Annotated[str, Field(min_length=1, max_length=64)]  # the column sizes of simulator/storage/models.py
Short = Annotated[str, Field(max_length=64)]
Text = Annotated[str, Field(max_length=MAX_TEXT)]
Seconds = Annotated[float, Field(ge=0)]
Moment = Annotated[datetime, Strict(False)]  # an ISO-8601 string in the file


class _Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", allow_inf_nan=False, frozen=True)


class FileInput(_Strict):
    seq: Annotated[int, Field(ge=0, le=MAX_SEED)]
    kind: Literal["open", "message", "tick", "spoke"]
    at: Seconds
    text: Annotated[str, Field(max_length=MAX_MESSAGE_CHARS)] | None = None
    record: list[dict[str, Any]] | None = None


class FileMessage(_Strict):
    turn: Annotated[int, Field(ge=0)]
    sender: Literal["trainee", "buyer"]
    text: Text
    at: Seconds
    delay: Seconds = 0.0
    techniques: list[Id] = Field(default_factory=list, max_length=200)
    spans: list[dict[str, Any]] = Field(default_factory=list, max_length=1000)
    state: Short = ""


class FileChange(_Strict):
    turn: Annotated[int, Field(ge=0)]
    kind: Literal["variable", "state"]
    name: Id
    before: Short
    after: Short
    event: Short
    rule_line: Annotated[int, Field(ge=0)] = 0
    note: Text = ""


class FileScoreItem(_Strict):
    turn: int
    rule: Id
    component: Annotated[str, Field(min_length=1, max_length=16)]
    points: float
    reason: Text
    quote: Text = ""
    better: Text = ""


class FileSession(_Strict):
    fingerprint: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
    source_id: int | None = None  # its id on the machine it was exported from
    trainee: Annotated[str, Field(min_length=1, max_length=100)]
    persona: Id
    scenario: Id
    seed: Annotated[int, Field(ge=0, le=MAX_SEED)]
    mode: Annotated[str, Field(pattern=r"^[a-z_]{1,16}$")]
    started_at: Moment
    ended_at: Moment | None
    result: str | None
    total: Annotated[int, Field(ge=0, le=100)] | None
    passed: bool | None
    satisfaction: Annotated[int, Field(ge=1, le=5)] | None
    price: Annotated[float, Field(ge=0)] | None
    rubric_version: int | None = None
    inputs: list[FileInput] = Field(max_length=MAX_INPUTS)
    messages: list[FileMessage] = Field(max_length=MAX_MESSAGES)
    changes: list[FileChange] = Field(max_length=MAX_CHANGES)
    score_items: list[FileScoreItem] = Field(max_length=MAX_SCORE_ITEMS)
    document: dict[str, Any] | None

    @field_validator("result")
    @classmethod
    def _known_result(cls, value: str | None) -> str | None:
        if value is not None and value not in _RESULTS:
            raise ValueError(f"one of {', '.join(sorted(_RESULTS))}")
        return value

    @field_validator("started_at", "ended_at")
    @classmethod
    def _local_time(cls, value: datetime | None) -> datetime | None:
        # Stored times are the machine's local time, without a zone: a zone would be silently lost.
        if value is not None and value.tzinfo is not None:
            raise ValueError("a time without a time zone (as exported)")
        return value

    def plain(self) -> dict[str, Any]:
        """The shape simulator/storage/session_import.py stores."""
        return self.model_dump()


class _FileDocument(_Strict):
    format: Literal["wangdian-kefu-sessions"]
    version: Literal[1]
    exported_at: Moment
    sessions: list[FileSession] = Field(max_length=MAX_SESSIONS)


@dataclass(frozen=True)
class SessionFile:
    """A session file as read and validated."""

    path: Path
    exported_at: datetime
    sessions: tuple[FileSession, ...]


# -- the fingerprint -----------------------------------------------------------------------------


def fingerprint(
    trainee: str,
    persona: str,
    scenario: str,
    seed: int,
    started_at: datetime,
    inputs: Iterable[Any],
    messages: Iterable[Any] = (),
) -> str:
    """What makes a session that one session: who, which buyer and case, which seed, when, and every
    input in order. ``inputs`` and ``messages`` are dicts or File* models (only trainee messages count,
    and only for a session stored before inputs were kept)."""

    def read(item: Any, name: str) -> Any:
        return item[name] if isinstance(item, dict) else getattr(item, name)

    steps = [[read(i, "kind"), read(i, "at"), read(i, "text")] for i in inputs]
    if not steps:
        steps = [
            ["message", read(m, "at"), read(m, "text")] for m in messages if read(m, "sender") == "trainee"
        ]
    payload = [FORMAT, trainee, persona, scenario, seed, started_at.isoformat(), steps]
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def fingerprint_of(session: dict[str, Any] | FileSession) -> str:
    """The fingerprint of a session as read from a file or from the database."""

    def read(name: str) -> Any:
        return session[name] if isinstance(session, dict) else getattr(session, name)

    return fingerprint(
        read("trainee"), read("persona"), read("scenario"), read("seed"), read("started_at"),
        read("inputs"), read("messages"),
    )  # fmt: skip


# -- reading -------------------------------------------------------------------------------------


def read_session_file(path: Path) -> SessionFile:
    """The validated sessions of a file; SessionFileError with the reason when it is refused."""
    document = _parsed(path, _text(path, _unpacked(path, _raw(path))))
    if not isinstance(document, dict):
        raise SessionFileError(path, "不是会话文件:内容不是一个 JSON 对象")
    if document.get("format") != FORMAT:
        raise SessionFileError(path, f"不是会话文件:format 应为 {FORMAT!r}")
    version = document.get("version")
    if version != VERSION:
        newer = isinstance(version, int) and not isinstance(version, bool) and version > VERSION
        hint = ",由更新版本的程序导出,请升级本程序" if newer else ""
        raise SessionFileError(path, f"会话文件版本为 {version!r},本程序只读第 {VERSION} 版{hint}")
    sessions = document.get("sessions")
    if isinstance(sessions, list) and len(sessions) > MAX_SESSIONS:
        raise SessionFileError(path, f"文件里有 {len(sessions)} 个会话,一个文件最多 {MAX_SESSIONS} 个")
    problem = _shape_problem(document)
    if problem:
        raise SessionFileError(path, problem)
    try:
        validated = _FileDocument.model_validate(document)
    except ValidationError as error:
        raise SessionFileError(path, _validation_reason(error)) from None
    return SessionFile(path, validated.exported_at, tuple(validated.sessions))


def _raw(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise SessionFileError(path, f"文件有 {size / 1024 / 1024:.1f} MB,会话文件最大 50 MB")
        with path.open("rb") as stream:
            return stream.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise SessionFileError(path, f"无法读取文件:{error.strerror or error}") from None


def _unpacked(path: Path, raw: bytes) -> bytes:
    if not raw.startswith(b"\x1f\x8b"):
        return raw
    try:
        # Read at most one byte past the cap: a small file that unpacks to gigabytes stops there.
        with gzip.GzipFile(fileobj=io.BytesIO(raw)) as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
    except (OSError, EOFError, zlib.error) as error:
        raise SessionFileError(path, f"压缩文件已损坏或不完整({error})") from None
    if len(data) > MAX_FILE_BYTES:
        raise SessionFileError(path, "解压后超过 50 MB,会话文件最大 50 MB")
    return data


def _text(path: Path, data: bytes) -> str:
    try:
        return data.decode("utf-8").removeprefix("\ufeff")  # a BOM, as some Windows editors write
    except UnicodeDecodeError as error:
        raise SessionFileError(path, f"不是 UTF-8 编码的文本(第 {error.start} 个字节)") from None


def _parsed(path: Path, text: str) -> Any:
    def refuse_constant(name: str) -> None:
        raise ValueError(f"{name} is not a number a session holds")

    def unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        mapping = dict(pairs)
        if len(mapping) != len(pairs):
            raise ValueError("a key appears twice in one object")
        return mapping

    try:
        return json.loads(text, parse_constant=refuse_constant, object_pairs_hook=unique_keys)
    except RecursionError:
        raise SessionFileError(path, f"嵌套太深,会话文件最多 {MAX_DEPTH} 层") from None
    except ValueError as error:  # json.JSONDecodeError is one
        raise SessionFileError(path, f"不是有效的 JSON({error})") from None


def _shape_problem(document: Any) -> str:
    """The first value too deep, string too long or character no database can keep; '' when none.
    Walked without recursion before validation, so the limits hold inside free-form documents too."""
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(document, ())]
    while stack:
        value, where = stack.pop()
        if len(where) > MAX_DEPTH:
            return f"{_place(where)}:嵌套太深,会话文件最多 {MAX_DEPTH} 层"
        if isinstance(value, str):
            if len(value) > MAX_TEXT:
                return f"{_place(where)}:文字长 {len(value)} 字,最多 {MAX_TEXT} 字"
            if not _UNSTORABLE.isdisjoint(value):
                return f"{_place(where)}:含有无法保存的字符(NUL 或不成对的代理字符)"
        elif isinstance(value, dict):
            for key, item in value.items():
                if len(key) > 200 or not _UNSTORABLE.isdisjoint(key):
                    return f"{_place(where)}:键名太长或含有无法保存的字符"
                stack.append((item, (*where, key)))
        elif isinstance(value, list):
            stack.extend((item, (*where, index)) for index, item in enumerate(value))
    return ""


def _place(where: Sequence[str | int]) -> str:
    """A location in the file as the user reads it: 第 3 个会话的 messages[2].text."""
    if len(where) >= 2 and where[0] == "sessions" and isinstance(where[1], int):
        head, rest = f"第 {where[1] + 1} 个会话", where[2:]
    else:
        head, rest = "文件", where
    path = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in rest).lstrip(".")
    return f"{head}的 {path}" if path else head


def _validation_reason(error: ValidationError) -> str:
    problems = error.errors(include_url=False)
    first = problems[0]
    reason = f"{_place(first['loc'])}:{first['msg']}"
    if len(problems) > 1:
        reason += f"(另有 {len(problems) - 1} 处问题)"
    return reason
