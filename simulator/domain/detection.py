"""What the detector reports about one message, and why."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TechniqueSpan:
    technique_id: str
    start: int  # character offsets into the original message
    end: int


@dataclass(frozen=True)
class ClassWord:
    """A word of a word class that a rule matched: SHOP_SELF = 这边."""

    class_name: str
    word: str  # as the trainee typed it


@dataclass(frozen=True)
class Evidence:
    """Why one technique was found: the rule and its class words, or the scorer and its example."""

    technique_id: str
    source: str  # "rule" or "model"
    start: int  # the span in the original text
    end: int
    rule_line: int = 0  # where the rule stands in catalogue/techniques.yaml
    rule_note: str = ""
    class_words: tuple[ClassWord, ...] = ()
    score: float = 0.0  # the scorer's probability (model evidence, or an overruled rule's)
    threshold: float = 0.0  # the id's threshold (model evidence) or veto (an overruled rule)
    nearest_example: str = ""  # the catalogue example closest to the message (model evidence)


@dataclass(frozen=True)
class Detection:
    text: str
    techniques: tuple[str, ...]  # each id once, in catalogue order
    spans: tuple[TechniqueSpan, ...]
    evidence: tuple[Evidence, ...] = ()
    # Rule hits the learned scorer overruled (score under the id's veto): not found, but shown to
    # whoever asks why, with the rule and the score.
    overruled: tuple[Evidence, ...] = ()

    def has(self, technique_id: str) -> bool:
        return technique_id in self.techniques

    def evidence_for(self, technique_id: str) -> tuple[Evidence, ...]:
        return tuple(item for item in self.evidence if item.technique_id == technique_id)


@dataclass(frozen=True)
class DisabledRule:
    """A catalogue rule the detector stopped using because a search ran over its time budget."""

    technique_id: str
    rule_line: int
    reason: str

    def __str__(self) -> str:
        return f"规则已停用 (技巧 {self.technique_id}, 目录第 {self.rule_line} 行): {self.reason}"
