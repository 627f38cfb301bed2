"""The technique detector: which catalogue techniques a trainee message shows, and where.

Rules come from the catalogue file (data, never code): regular expressions on the canonical text,
with a negation window and clause/message conditions, so each hit can be explained by the rule that
made it. Quoted words are the buyer's and can be ignored per technique.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from simulator.detection.learned import FeatureExtractor, TechniqueModel, can_be_overruled, nearest
from simulator.detection.normalize import EMOTICON_MARK, NormalizedText, Normalizer
from simulator.domain.detection import ClassWord, Detection, DisabledRule, Evidence, TechniqueSpan
from simulator.domain.pattern_prefilter import GateIndex, message_grams
from simulator.domain.regex_safety import GuardedPattern, SearchTimeout
from simulator.domain.techniques import Catalogue, PatternRule, Technique

# Past this length a message is not a chat message any more; detection reads its beginning only so
# that a pasted document cannot stall the buyer's reply.
MAX_DETECTED_CHARS = 4000


_Pattern = re.Pattern[str] | GuardedPattern


@dataclass(frozen=True)
class _CompiledRule:
    match: _Pattern
    not_before: _Pattern | None
    not_after: _Pattern | None
    clause_with: _Pattern | None
    clause_without: _Pattern | None
    message_with: _Pattern | None
    message_without: _Pattern | None

    @classmethod
    def compile(cls, rule: PatternRule) -> _CompiledRule:
        patterns = rule.patterns  # compiled once, by the catalogue loader's check
        return cls(
            match=patterns["match"],
            not_before=patterns.get("not_before"),
            not_after=patterns.get("not_after"),
            clause_with=patterns.get("clause_with"),
            clause_without=patterns.get("clause_without"),
            message_with=patterns.get("message_with"),
            message_without=patterns.get("message_without"),
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
            clause_start, _ = norm.clause_bounds(start)
            _, clause_end = norm.clause_bounds(max(end - 1, start))
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
    rules: tuple[tuple[PatternRule, _CompiledRule], ...]


@dataclass(frozen=True)
class _Hit:
    start: int  # canonical offsets
    end: int
    rule: PatternRule | None = None
    score: float = 0.0


class TechniqueDetector:
    """Finds catalogue techniques in trainee messages. Safe to share: its only state is caches
    filled on first use (the catalogue examples' features, the model's unpacked rows) and the
    rules it stopped using because a search ran over its time budget (``disabled_rules``).

    The rules come first; the learned scorer (when a trained model is given) may add an id the
    rules missed, at the threshold chosen for that id on held-out writers. Every hit keeps its
    evidence: the rule with the class words it matched, or the score with the nearest example.
    """

    def __init__(
        self, catalogue: Catalogue, normalizer: Normalizer, model: TechniqueModel | None = None
    ) -> None:
        self._catalogue = catalogue
        self._normalizer = normalizer
        self._model = model
        self._extractor = FeatureExtractor(catalogue.lexicon)
        self._class_patterns = {
            word_class.name: word_class.pattern for word_class in catalogue.lexicon.classes
        }
        self._compiled = tuple(
            _CompiledTechnique(
                technique,
                tuple((rule, _CompiledRule.compile(rule)) for rule in technique.detection.rules),
            )
            for technique in catalogue.techniques
        )
        # The rules flat, in catalogue order, each with its search bound: the loop over ~200 rules
        # runs for every message, and its attribute look-ups were a tenth of a detection's time.
        self._rule_table = tuple(
            (
                item.technique.id,
                item.technique.detection.ignore_quoted,
                rule,
                compiled,
                compiled.match.search,
            )
            for item in self._compiled
            for rule, compiled in item.rules
        )
        self._rule_gates = GateIndex([rule.match_gate for _, _, rule, _, _ in self._rule_table])
        self._example_features: dict[str, list[tuple[str, set[str]]]] = {}
        self._disabled: dict[int, DisabledRule] = {}  # by id() of the rule: looked up per message

    @property
    def disabled_rules(self) -> tuple[DisabledRule, ...]:
        """Rules switched off so far, in the order it happened: a visible problem, not a frozen buyer."""
        return tuple(self._disabled.values())

    @property
    def catalogue(self) -> Catalogue:
        return self._catalogue

    @property
    def model(self) -> TechniqueModel | None:
        return self._model

    def normalize(self, text: str) -> NormalizedText:
        return self._normalizer.normalize(text[:MAX_DETECTED_CHARS])

    def rule_spans(self, text: str, technique_id: str, rule: PatternRule) -> list[tuple[int, int]]:
        """Where one rule of one technique matches ``text`` (canonical offsets); for lint."""
        norm = self.normalize(text)
        compiled = next(item for item in self._compiled if item.technique.id == technique_id)
        for own, compiled_rule in compiled.rules:
            if own is rule:
                return compiled_rule.spans(norm, compiled.technique.detection.ignore_quoted)
        return []

    def detect(self, text: str) -> Detection:
        norm = self.normalize(text)
        canonical = norm.text
        hits: dict[str, list[_Hit]] = {}
        disabled = self._disabled
        table = self._rule_table
        present = message_grams(canonical)
        # Only the rules whose gates the message passes (it holds what every hit holds): of ~200
        # rules, a long message has some twenty searched and a short one a handful.
        for index in self._rule_gates.admitted(present):
            technique_id, ignore_quoted, rule, compiled_rule, search = table[index]
            if disabled and id(rule) in disabled:
                continue
            try:
                # Most rules do not match at all: one search in C before the per-match checks.
                if search(canonical) is None:
                    continue
                spans = compiled_rule.spans(norm, ignore_quoted)
            except SearchTimeout as timeout:
                disabled[id(rule)] = DisabledRule(technique_id, rule.line, str(timeout))
                continue
            if spans:
                hits.setdefault(technique_id, []).extend(_Hit(start, end, rule) for start, end in spans)
        overruled: list[Evidence] = []
        if self._model is not None and norm.text:
            scores = self._model.scores(self._extractor.features(norm.text, present=present))
            overruled = self._overrule(norm, hits, scores)
            self._add_scored(norm, hits, scores)
        for technique_id in list(hits):
            suppressors = self._catalogue.get(technique_id).detection.suppressed_by
            if any(other in hits for other in suppressors):
                del hits[technique_id]

        ids = tuple(technique_id for technique_id in self._catalogue.ids if technique_id in hits)
        spans = []
        evidence = []
        for technique_id in ids:
            for start, end in _merge([(hit.start, hit.end) for hit in hits[technique_id]]):
                original_start, original_end = norm.original_span(start, end)
                spans.append(TechniqueSpan(technique_id, original_start, original_end))
            evidence.extend(self._evidence(norm, technique_id, hit) for hit in hits[technique_id])
        spans.sort(key=lambda span: (span.start, span.end, span.technique_id))
        return Detection(text, ids, tuple(spans), tuple(evidence), overruled=tuple(overruled))

    def _overrule(
        self, norm: NormalizedText, hits: dict[str, list[_Hit]], scores: dict[str, float]
    ) -> list[Evidence]:
        """Drop the rule hits the scorer vetoes; each kept as evidence of what was set aside and why."""
        assert self._model is not None
        overruled: list[Evidence] = []
        if not can_be_overruled(norm.original):
            return overruled
        for technique_id, veto in self._model.vetoes.items():
            score = scores.get(technique_id, 0.0)
            if technique_id in hits and score < veto:
                for hit in hits.pop(technique_id):
                    rule_evidence = self._evidence(norm, technique_id, hit)
                    overruled.append(replace(rule_evidence, score=round(score, 3), threshold=veto))
        return overruled

    def _add_scored(
        self, norm: NormalizedText, hits: dict[str, list[_Hit]], scores: dict[str, float]
    ) -> None:
        assert self._model is not None
        thresholds = self._model.thresholds
        added = [
            technique_id
            for technique_id, threshold in thresholds.items()
            if technique_id not in hits and scores.get(technique_id, 0.0) >= threshold
        ]
        if not added:
            return
        clauses = norm.clauses()
        if len(clauses) == 1:
            for technique_id in added:
                hits[technique_id] = [_Hit(*clauses[0], None, scores[technique_id])]
            return
        # Each clause's features looked up once for all the added ids (per pair cost more than the rules).
        clause_scores = [
            self._model.scores_of(features, added)
            for features in self._extractor.clause_features(norm.text, clauses)
        ]
        for technique_id in added:
            # The span is the clause that on its own looks most like the technique.
            best = max(range(len(clauses)), key=lambda index: clause_scores[index][technique_id])
            start, end = clauses[best]
            hits[technique_id] = [_Hit(start, end, None, scores[technique_id])]

    def _evidence(self, norm: NormalizedText, technique_id: str, hit: _Hit) -> Evidence:
        start, end = norm.original_span(hit.start, hit.end)
        if hit.rule is not None:
            words = []
            for name in hit.rule.classes:
                for match in self._class_patterns[name].finditer(norm.text, hit.start, hit.end):
                    if match.end() > match.start():
                        word_start, word_end = norm.original_span(match.start(), match.end())
                        words.append(ClassWord(name, norm.original[word_start:word_end]))
            return Evidence(
                technique_id,
                "rule",
                start,
                end,
                rule_line=hit.rule.line,
                rule_note=hit.rule.note,
                class_words=tuple(dict.fromkeys(words)),
            )
        assert self._model is not None
        example, _ = nearest(
            self._extractor.features(norm.text[hit.start : hit.end]), self._examples(technique_id)
        )
        return Evidence(
            technique_id,
            "model",
            start,
            end,
            score=round(hit.score, 3),
            threshold=self._model.thresholds.get(technique_id, 0.0),
            nearest_example=example,
        )

    def _examples(self, technique_id: str) -> list[tuple[str, set[str]]]:
        if technique_id not in self._example_features:
            self._example_features[technique_id] = [
                (example, self._extractor.features(self.normalize(example).text))
                for example in self._catalogue.get(technique_id).examples
            ]
        return self._example_features[technique_id]


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


__all__ = ["EMOTICON_MARK", "MAX_DETECTED_CHARS", "TechniqueDetector"]
