"""`detect`: techniques in each line of a file or of standard input, as JSON lines.

Every input line gets exactly one output line, in order, so the output can be zipped with the
input. A bad line (invalid JSON, bytes that are not UTF-8) is reported on standard error with its
line number and carries "error" in its output line; the lines after it are still read.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from typing import IO, Any

from simulator.detection.detector import MAX_DETECTED_CHARS, TechniqueDetector
from simulator.detection.explain import evidence_json, overruled_json
from simulator.domain.detection import Detection
from simulator.domain.scenario import Scenario
from simulator.engine.reader import read_facts


class LineError(ValueError):
    """An input line that cannot be read; the message is for the user."""


def iter_byte_lines(stream: IO[bytes]) -> Iterator[bytes]:
    for raw in stream:
        yield raw.rstrip(b"\n").rstrip(b"\r")


def message_text(raw: bytes) -> str:
    """The message of one input line: the line itself, or the "text" of a JSON object."""
    try:
        line = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise LineError(f"not UTF-8 text (byte {error.start + 1} is 0x{raw[error.start]:02x})") from error
    if not line.lstrip().startswith("{"):
        return line
    try:
        value: Any = json.loads(line)
    except json.JSONDecodeError as error:
        raise LineError(f"invalid JSON at column {error.colno}: {error.msg}") from error
    except RecursionError as error:  # 8 KB of [[[[…: one bad line, not the end of the run
        raise LineError("JSON nested too deeply") from error
    if not isinstance(value, dict) or not isinstance(value.get("text"), str):
        raise LineError('a JSON line must be an object with a "text" string')
    text: str = value["text"]
    if any("\ud800" <= char <= "\udfff" for char in text):
        # "\ud800" is valid JSON but no character: nothing downstream (OpenCC, the output) can encode it.
        raise LineError("the text holds a lone surrogate (\\ud800–\\udfff), which is no character")
    return text


def detection_record(detection: Detection, explain: bool = False) -> dict[str, Any]:
    record: dict[str, Any] = {
        "text": detection.text,
        "techniques": list(detection.techniques),
        "spans": [
            {"id": span.technique_id, "start": span.start, "end": span.end} for span in detection.spans
        ],
    }
    if explain:
        record["evidence"] = evidence_json(detection)
        if detection.overruled:
            record["overruled"] = overruled_json(detection)
    return record


def facts_json(detector: TechniqueDetector, scenario: Scenario, text: str) -> list[dict[str, Any]]:
    """The reader's facts with offsets into ``text`` as typed (the reader works on the canonical form)."""
    words = detector.catalogue.words
    norm = detector.normalize(text)
    found = []
    for fact in read_facts(scenario, norm.text, words):
        start, end = norm.original_span(fact.start, fact.end)
        item: dict[str, Any] = {"kind": fact.kind, "value": _number(fact.value), "start": start, "end": end}
        if fact.note:
            item["note"] = fact.note
        found.append(item)
    return found


def _number(value: float | str) -> float | int | str:
    """96 rather than 96.0 in the JSON: the amounts are yuan as a person would write them."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def run_detect(
    detector: TechniqueDetector,
    lines: Iterable[bytes],
    out: IO[str],
    err: IO[str],
    explain: bool = False,
    scenario: Scenario | None = None,
) -> int:
    """Write one JSON line per input line; return the exit status (1 if any line was bad)."""
    failures = 0
    for number, raw in enumerate(lines, start=1):
        try:
            text = message_text(raw)
        except LineError as error:
            failures += 1
            print(f"detect: line {number}: {error}", file=err)
            shown = raw.decode("utf-8", errors="replace")
            record: dict[str, Any] = {"text": shown, "techniques": [], "spans": [], "error": str(error)}
            if scenario is not None:
                record["facts"] = []
        else:
            if len(text) > MAX_DETECTED_CHARS:
                print(
                    f"detect: line {number}: {len(text)} characters; techniques are read from the first "
                    f"{MAX_DETECTED_CHARS} only",
                    file=err,
                )
            record = detection_record(detector.detect(text), explain)
            if scenario is not None:
                record["facts"] = facts_json(detector, scenario, text[:MAX_DETECTED_CHARS])
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        out.flush()
    return 1 if failures else 0


def open_input(path: str | None) -> IO[bytes]:
    if path is None or path == "-":
        return sys.stdin.buffer
    return open(path, "rb")
