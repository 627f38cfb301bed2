"""Precision, recall and F1 of the detector against a labelled corpus (JSON lines).

The corpus format is that of shared/eval/dev_techniques.jsonl: {"text", "techniques", "note"}.
Shared by the accuracy benchmark and the tests that guard it.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from simulator.detection.detector import TechniqueDetector


@dataclass(frozen=True)
class LabelledLine:
    text: str
    techniques: frozenset[str]
    note: str = ""
    writer: str = ""  # who wrote the line: corpora are split by writer to measure generalisation

    @property
    def is_trap(self) -> bool:
        return "trap:" in self.note


def read_corpus(path: Path) -> list[LabelledLine]:
    lines = []
    with path.open(encoding="utf-8") as stream:
        for number, raw in enumerate(stream, start=1):
            if not raw.strip():
                continue
            try:
                record = json.loads(raw)
            except json.JSONDecodeError as error:
                raise ValueError(f"{path}:{number}: invalid JSON: {error.msg}") from error
            lines.append(
                LabelledLine(
                    record["text"],
                    frozenset(record["techniques"]),
                    record.get("note", ""),
                    record.get("writer", ""),
                )
            )
    return lines


@dataclass(frozen=True)
class Score:
    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 0.0

    @property
    def recall(self) -> float:
        wanted = self.true_positives + self.false_negatives
        return self.true_positives / wanted if wanted else 0.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    @property
    def support(self) -> int:
        return self.true_positives + self.false_negatives


@dataclass
class Mistake:
    text: str
    extra: list[str]
    missing: list[str]


@dataclass
class Evaluation:
    ids: Sequence[str]
    per_id: dict[str, Score]
    exact_matches: int
    lines: int
    trap_lines: int
    trap_lines_with_false_positive: int
    mistakes: list[Mistake] = field(default_factory=list)

    @property
    def micro(self) -> Score:
        return Score(
            sum(score.true_positives for score in self.per_id.values()),
            sum(score.false_positives for score in self.per_id.values()),
            sum(score.false_negatives for score in self.per_id.values()),
        )

    @property
    def macro_f1(self) -> float:
        return sum(self.per_id[technique_id].f1 for technique_id in self.ids) / len(self.ids)

    def pooled(self, technique_ids: Iterable[str]) -> Score:
        scores = [self.per_id[technique_id] for technique_id in technique_ids]
        return Score(
            sum(score.true_positives for score in scores),
            sum(score.false_positives for score in scores),
            sum(score.false_negatives for score in scores),
        )


def evaluate(detector: TechniqueDetector, corpus: Sequence[LabelledLine]) -> Evaluation:
    return evaluate_predictions(
        detector.catalogue.ids, corpus, [set(detector.detect(line.text).techniques) for line in corpus]
    )


def evaluate_predictions(
    ids: Sequence[str], corpus: Sequence[LabelledLine], predictions: Sequence[set[str]]
) -> Evaluation:
    """Scores of given predictions (one id set per corpus line) against the corpus labels."""
    true_positives: Counter[str] = Counter()
    false_positives: Counter[str] = Counter()
    false_negatives: Counter[str] = Counter()
    exact = traps = traps_wrong = 0
    mistakes = []
    for line, predicted in zip(corpus, predictions, strict=True):
        gold = set(line.techniques)
        for technique_id in gold & predicted:
            true_positives[technique_id] += 1
        for technique_id in predicted - gold:
            false_positives[technique_id] += 1
        for technique_id in gold - predicted:
            false_negatives[technique_id] += 1
        exact += predicted == gold
        if line.is_trap:
            traps += 1
            traps_wrong += bool(predicted - gold)
        if predicted != gold:
            mistakes.append(Mistake(line.text, sorted(predicted - gold), sorted(gold - predicted)))
    per_id = {
        technique_id: Score(
            true_positives[technique_id], false_positives[technique_id], false_negatives[technique_id]
        )
        for technique_id in ids
    }
    return Evaluation(ids, per_id, exact, len(corpus), traps, traps_wrong, mistakes)
