"""Transcript files of `play`: one trainee message per line, optionally prefixed with `[+12s] `."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

from simulator.services.hygiene import clean_text

DEFAULT_DELAY_SECONDS = 10.0
# A day: longer than any buyer waits (a session's clock would otherwise overflow into Infinity).
MAX_DELAY_SECONDS = 86_400.0
_DELAY_RE = re.compile(r"^\[\+(\d+(?:\.\d+)?)\s*s\]\s?")
# What a trainee or instructor meant as a delay, right or wrong: [+-5s], [+NaNs], [+1e9s], [+5 s].
_DELAY_LIKE_RE = re.compile(r"^\[\s*[+-][^\]\s]{0,40}\s*s\s*\]")


class TranscriptError(ValueError):
    """A line of a transcript that cannot be read; names the line."""


@dataclass(frozen=True)
class TranscriptLine:
    text: str
    delay: float  # seconds the trainee took before sending it


def parse_transcript(lines: Iterable[str] | Iterable[bytes]) -> list[TranscriptLine]:
    """Blank lines and lines that begin with # are skipped (see shared/spec/cli.md).

    Lines given as bytes (a file opened in binary) are decoded one by one, so a line that is not
    UTF-8 is named by its number; control characters and lone surrogates are dropped."""
    messages = []
    for number, item in enumerate(lines, start=1):
        if isinstance(item, bytes):
            try:
                raw = item.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as error:
                raise TranscriptError(f"line {number}: not UTF-8 text ({error.reason})") from error
        else:
            raw = item
        line = clean_text(raw.rstrip("\r\n"))
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        delay = DEFAULT_DELAY_SECONDS
        match = _DELAY_RE.match(line)
        if match:
            delay = float(match.group(1))
            if not math.isfinite(delay) or delay > MAX_DELAY_SECONDS:
                too_long = f"is more than a day ({MAX_DELAY_SECONDS:g} s)"
                raise TranscriptError(f"line {number}: a delay of {match.group(1)} s {too_long}")
            line = line[match.end() :]
        elif _DELAY_LIKE_RE.match(line):
            raise TranscriptError(
                f"line {number}: {_DELAY_LIKE_RE.match(line)[0]!r} is no delay: write [+12s] "  # type: ignore[index]
                "(seconds, zero or more)"
            )
        messages.append(TranscriptLine(line, delay))
    return messages
