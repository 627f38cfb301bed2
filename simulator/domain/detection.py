"""What the detector reports about one message."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TechniqueSpan:
    technique_id: str
    start: int  # character offsets into the original message
    end: int


@dataclass(frozen=True)
class Detection:
    text: str
    techniques: tuple[str, ...]  # each id once, in catalogue order
    spans: tuple[TechniqueSpan, ...]

    def has(self, technique_id: str) -> bool:
        return technique_id in self.techniques
