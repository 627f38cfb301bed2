"""The technique catalogue as plain data."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property

from simulator.domain.lexicon import Lexicon
from simulator.domain.pattern_cache import PatternCache
from simulator.domain.pattern_prefilter import Gate, pattern_gate
from simulator.domain.reader_words import ReaderWords
from simulator.domain.regex_safety import GuardedPattern, compile_rule_pattern


class TechniqueKind(StrEnum):
    GOOD = "good"  # earns credit where it fits the moment and the persona
    BAD = "bad"  # a service taboo (服务禁忌): costs points
    CONTEXT = "context"  # judged from the whole conversation; the detector only flags candidates


@dataclass(frozen=True)
class PatternRule:
    """One way a technique shows in a message.

    All regular expressions run on the canonical text (simplified, half-width, lower-case).
    ``not_before`` is tested against the end of the clause text before the match and ``not_after``
    against the start of the clause text after it: that is the negation window (不包邮 is no 包邮).
    ``clause_with``/``clause_without`` look at the whole clause, ``message_with``/``message_without``
    at the whole message.
    """

    match: str
    not_before: str | None = None
    not_after: str | None = None
    clause_with: str | None = None
    clause_without: str | None = None
    message_with: str | None = None
    message_without: str | None = None
    note: str = ""
    line: int = 0  # where the rule stands in its file, for error messages
    classes: tuple[str, ...] = ()  # the word classes the rule is written over, for its evidence

    @cached_property
    def patterns(self) -> dict[str, re.Pattern[str] | GuardedPattern]:
        """Each regex field compiled, negation windows anchored to the match (raises re.error).

        Compiled once per rule: the loader's check and the detector share it, which halves the
        load time of a catalogue of several hundred rules. A pattern that could backtrack for
        seconds runs with a time budget (regex_safety); the others on plain ``re``.
        """
        return self._compile(compile_rule_pattern)

    @cached_property
    def match_gate(self) -> Gate | None:
        """What a message must hold for ``match`` to hit (None: nothing sure): the detector's
        pre-check (pattern_prefilter)."""
        return pattern_gate(self.match)

    def compile_with(self, cache: PatternCache) -> None:
        """Fill ``patterns`` (and ``match_gate``) from the cache of compiled patterns (raises
        re.error)."""
        self.__dict__["patterns"] = self._compile(cache.compile)  # what cached_property stores
        self.__dict__["match_gate"] = cache.gate(self.match)

    def _compile(
        self, compile_one: Callable[[str], re.Pattern[str] | GuardedPattern]
    ) -> dict[str, re.Pattern[str] | GuardedPattern]:
        compiled: dict[str, re.Pattern[str] | GuardedPattern] = {}
        for name in RULE_REGEX_FIELDS:
            regex = getattr(self, name)
            if regex is not None:
                compiled[name] = compile_one(_RULE_ANCHORS.get(name, "{}").format(regex))
        return compiled


RULE_REGEX_FIELDS = (
    "match",
    "not_before",
    "not_after",
    "clause_with",
    "clause_without",
    "message_with",
    "message_without",
)
# not_before is read against the end of the text before the match, not_after against the start after it.
_RULE_ANCHORS = {"not_before": "(?:{})$", "not_after": "^(?:{})"}


@dataclass(frozen=True)
class DetectionSpec:
    rules: tuple[PatternRule, ...] = ()
    ignore_quoted: bool = False  # words in quotes are the buyer's, said back to them
    suppressed_by: tuple[str, ...] = ()  # ids whose presence means this one does not apply


@dataclass(frozen=True)
class SourceRef:
    seed: str
    where: str
    quote: str


@dataclass(frozen=True)
class Technique:
    id: str
    name_zh: str
    name_en: str
    kind: TechniqueKind
    group: str
    description: str
    sources: tuple[SourceRef, ...]
    examples: tuple[str, ...]
    counter_examples: tuple[str, ...]
    detection: DetectionSpec
    reason_good: str = ""
    reason_bad: str = ""
    better: str = ""
    overruled_by: tuple[str, ...] = ()  # fact events that void the move (size_wrong voids size_advice)


@dataclass(frozen=True)
class Catalogue:
    techniques: tuple[Technique, ...]
    macros: dict[str, str] = field(default_factory=dict)
    typos: dict[str, str] = field(default_factory=dict)
    lexicon: Lexicon = field(default_factory=Lexicon)
    reader_words: ReaderWords | None = None  # how numbers are read (catalogue/reader_words.yaml)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {technique.id: technique for technique in self.techniques})

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(technique.id for technique in self.techniques)

    def get(self, technique_id: str) -> Technique:
        return self._by_id[technique_id]  # type: ignore[attr-defined]

    @property
    def words(self) -> ReaderWords:
        """How numbers and claims are read; the loader always gives them (catalogue/reader_words.yaml)."""
        if self.reader_words is None:
            raise LookupError("this catalogue was built without reader words (catalogue/reader_words.yaml)")
        return self.reader_words

    def overruled(self, technique_id: str, events: Iterable[str]) -> str | None:
        """The fact event among ``events`` that voids this technique, if any."""
        voiding = self.get(technique_id).overruled_by
        return next((event for event in events if event in voiding), None)

    def __contains__(self, technique_id: object) -> bool:
        return technique_id in self._by_id  # type: ignore[attr-defined]
