"""The technique detector: which catalogue techniques a trainee message shows, and where.

Rules come from the catalogue file (data, never code): regular expressions on the canonical text,
with a negation window and clause/message conditions, so each hit can be explained by the rule that
made it. Quoted words are the buyer's and can be ignored per technique.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from simulator.detection.normalize import EMOTICON_MARK, NormalizedText, Normalizer, clause_bounds
from simulator.domain.detection import Detection, TechniqueSpan
from simulator.domain.techniques import Catalogue, PatternRule, Technique

# Past this length a message is not a chat message any more; detection reads its beginning only so
# that a pasted document cannot stall the buyer's reply.
MAX_DETECTED_CHARS = 4000


@dataclass(frozen=True)
class _CompiledRule:
    match: re.Pattern[str]
    not_before: re.Pattern[str] | None
    not_after: re.Pattern[str] | None
    clause_with: re.Pattern[str] | None
    clause_without: re.Pattern[str] | None
    message_with: re.Pattern[str] | None
    message_without: re.Pattern[str] | None

    @classmethod
    def compile(cls, rule: PatternRule) -> _CompiledRule:
        def optional(regex: str | None, anchor: str = "") -> re.Pattern[str] | None:
            if regex is None:
                return None
            if anchor == "end":
                return re.compile(f"(?:{regex})$")
            if anchor == "start":
                return re.compile(f"^(?:{regex})")
            return re.compile(regex)

        return cls(
            match=re.compile(rule.match),
            not_before=optional(rule.not_before, "end"),
            not_after=optional(rule.not_after, "start"),
            clause_with=optional(rule.clause_with),
            clause_without=optional(rule.clause_without),
            message_with=optional(rule.message_with),
            message_without=optional(rule.message_without),
        )

    def spans(self, norm: NormalizedText, ignore_quoted: bool) -> list[tuple[int, int]]:
        text = norm.text
        if self.message_with is not None and not self.message_with.search(text):
            return []
        if self.message_without is not None and self.message_without.search(text):
            return []
        found = []
        for match in self.match.finditer(text):
            start, end = match.span()
            if end == start or (ignore_quoted and norm.is_quoted(start, end)):
                continue
            clause_start, _ = clause_bounds(text, start)
            _, clause_end = clause_bounds(text, max(end - 1, start))
            if self.not_before is not None and self.not_before.search(text[clause_start:start]):
                continue
            if self.not_after is not None and self.not_after.search(text[end:clause_end]):
                continue
            clause = text[clause_start:clause_end]
            if self.clause_with is not None and not self.clause_with.search(clause):
                continue
            if self.clause_without is not None and self.clause_without.search(clause):
                continue
            found.append((start, end))
        return found


@dataclass(frozen=True)
class _CompiledTechnique:
    technique: Technique
    rules: tuple[_CompiledRule, ...]


class TechniqueDetector:
    """Finds catalogue techniques in trainee messages. Stateless and safe to share."""

    def __init__(self, catalogue: Catalogue, normalizer: Normalizer) -> None:
        self._catalogue = catalogue
        self._normalizer = normalizer
        self._compiled = tuple(
            _CompiledTechnique(
                technique, tuple(_CompiledRule.compile(rule) for rule in technique.detection.rules)
            )
            for technique in catalogue.techniques
        )

    @property
    def catalogue(self) -> Catalogue:
        return self._catalogue

    def normalize(self, text: str) -> NormalizedText:
        return self._normalizer.normalize(text[:MAX_DETECTED_CHARS])

    def detect(self, text: str) -> Detection:
        norm = self.normalize(text)
        hits: dict[str, list[tuple[int, int]]] = {}
        for compiled in self._compiled:
            spans: list[tuple[int, int]] = []
            ignore_quoted = compiled.technique.detection.ignore_quoted
            for rule in compiled.rules:
                spans.extend(rule.spans(norm, ignore_quoted))
            if spans:
                hits[compiled.technique.id] = spans
        for technique_id in list(hits):
            suppressors = self._catalogue.get(technique_id).detection.suppressed_by
            if any(other in hits for other in suppressors):
                del hits[technique_id]

        ids = tuple(technique_id for technique_id in self._catalogue.ids if technique_id in hits)
        spans = []
        for technique_id in ids:
            for start, end in _merge(hits[technique_id]):
                original_start, original_end = norm.original_span(start, end)
                spans.append(TechniqueSpan(technique_id, original_start, original_end))
        spans.sort(key=lambda span: (span.start, span.end, span.technique_id))
        return Detection(text=text, techniques=ids, spans=tuple(spans))


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


__all__ = ["EMOTICON_MARK", "MAX_DETECTED_CHARS", "TechniqueDetector"]
