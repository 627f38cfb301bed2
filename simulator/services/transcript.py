"""Transcript files of `play`: one trainee message per line, optionally prefixed with `[+12s] `."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

DEFAULT_DELAY_SECONDS = 10.0
_DELAY_RE = re.compile(r"^\[\+(\d+(?:\.\d+)?)\s*s\]\s?")


@dataclass(frozen=True)
class TranscriptLine:
    text: str
    delay: float  # seconds the trainee took before sending it


def parse_transcript(lines: Iterable[str]) -> list[TranscriptLine]:
    """Blank lines and lines that begin with # are skipped (see shared/spec/cli.md)."""
    messages = []
    for raw in lines:
        line = raw.rstrip("\r\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        delay = DEFAULT_DELAY_SECONDS
        match = _DELAY_RE.match(line)
        if match:
            delay = float(match.group(1))
            line = line[match.end() :]
        messages.append(TranscriptLine(line, delay))
    return messages
