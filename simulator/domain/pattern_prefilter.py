"""What a message must hold for a pattern to match at all: the detector's pre-check before a search.

Most of the ~200 rules do not match most messages, and a regex search costs microseconds where a
set comparison costs a fraction of one. From re's own parse of a pattern this finds sets of short
strings (single characters or pairs of characters) such that every non-empty match contains at
least one string of each set: a literal, a word of a class alternation, the pair formed by two
items that must stand side by side (送 then 您 gives 送您), or the characters a match can start
with. A pattern that is an alternation gets such sets per alternative. A message that misses a
set of every alternative cannot match, and its search is skipped. The pre-check must never skip a
pattern that would have matched; where the pattern could match anything (``.``, ``\\w``, a
back-reference, case folding) there is no pre-check.

Pairs are worth more than single characters (您 is in nearly every message, 送您 in few), so the
sets most likely to rule a message out are kept.
"""

from __future__ import annotations

import re
import re._constants as sre
import re._parser as sre_parse
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain
from typing import Any

from simulator.domain.regex_safety import edge_chars, edge_of, is_nullable, item_set

# How much each string in a set costs, by length: roughly how often it is in a message, relatively.
_GRAM_COST = {1: 1.0, 2: 0.15}
# Two items side by side give every pair of their edge characters; past this many pairs the set is
# no better than its characters.
_MAX_PAIRS = 64
_MAX_SETS = 4
_ZERO_WIDTH = {sre.AT, sre.ASSERT, sre.ASSERT_NOT}
_CASE_FLAG = re.compile(r"\(\?[a-zA-Z]*i")  # (?i) or (?i:…), read generously: better no pre-check


@dataclass(frozen=True)
class Gate:
    """A pattern's pre-check: it may match a text only if, for some alternative, the text holds a
    string of each of that alternative's sets."""

    alternatives: tuple[tuple[frozenset[str], ...], ...]

    @property
    def grams(self) -> frozenset[str]:
        """One string of which every match holds (each alternative's first, cheapest, set)."""
        return frozenset().union(*(sets[0] for sets in self.alternatives))

    def admits(self, present: set[str]) -> bool:
        """Whether a text holding ``present`` (message_grams) may match."""
        return any(all(not grams.isdisjoint(present) for grams in sets) for sets in self.alternatives)

    def to_json(self) -> list[list[list[str]]]:
        return [[sorted(grams) for grams in sets] for sets in self.alternatives]

    @classmethod
    def from_json(cls, value: object) -> Gate | None:
        """The gate kept in a cache file, or None when the value is not one (then it is made again)."""
        if not isinstance(value, list) or not value:
            return None
        # Checked with builtins over the whole gate at once: a start reads a few thousand sets.
        if not _lists_of_non_empty_lists(value):
            return None
        every_set = list(chain.from_iterable(value))
        if not _lists_of_non_empty_lists(every_set):
            return None
        grams = list(chain.from_iterable(every_set))
        if set(map(type, grams)) != {str} or min(map(len, grams)) < 1 or max(map(len, grams)) > 2:
            return None
        return cls(tuple(tuple(map(frozenset, sets)) for sets in value))


def pattern_gate(pattern: str) -> Gate | None:
    """The pre-check of ``pattern`` (None: none is sure, search every message)."""
    try:
        tree = sre_parse.parse(pattern)
    except (re.error, RecursionError, OverflowError):
        return None
    items = list(tree)
    while len(items) == 1 and items[0][0] is sre.SUBPATTERN and not any(items[0][1][1:3]):
        items = list(items[0][1][-1])  # (?:…) around the whole pattern, no flags: what is inside
    branches = items[0][1][1] if len(items) == 1 and items[0][0] is sre.BRANCH else [items]
    try:
        alternatives = tuple(tuple(_required_sets(list(branch))) for branch in branches)
    except RecursionError:
        return None
    if not all(alternatives):
        return None  # an alternative that could match anything
    folds_case = tree.state.flags & re.IGNORECASE or _CASE_FLAG.search(pattern)
    chars = {char for sets in alternatives for grams in sets for gram in grams for char in gram}
    if folds_case and any(char.lower() != char.upper() for char in chars):
        return None  # re folds more than case pairs (ſ is s, K is k): no set is sure to be complete
    return Gate(alternatives)


def required_grams(pattern: str) -> frozenset[str] | None:
    """Strings of one or two characters, one of which every non-empty match of ``pattern``
    contains (None: no such set, search every text)."""
    gate = pattern_gate(pattern)
    return None if gate is None else gate.grams


def message_grams(text: str) -> set[str]:
    """What a message holds, for the gates: its characters and pairs of characters."""
    grams = set(text)
    grams.update(map(str.__add__, text, text[1:]))
    return grams


class GramIndex:
    """Which of many gram sets a message meets, the sets turned inside out (gram → sets): the
    message's grams are looked up once, instead of each set being compared with it in turn."""

    def __init__(self, gram_sets: Sequence[frozenset[str] | None]) -> None:
        self._always = frozenset(index for index, grams in enumerate(gram_sets) if grams is None)
        sets_of: dict[str, list[int]] = {}
        for index, grams in enumerate(gram_sets):
            for gram in sorted(grams or ()):
                sets_of.setdefault(gram, []).append(index)
        self._sets_of = sets_of
        self._grams = frozenset(sets_of)

    def met(self, present: set[str]) -> set[int]:
        """The sets a text holding ``present`` (message_grams) meets, with every None."""
        found = set(self._always)
        for gram in self._grams.intersection(present):
            found.update(self._sets_of[gram])
        return found

    def candidates(self, present: set[str]) -> list[int]:
        """The same, in the sets' order."""
        return sorted(self.met(present))


class GateIndex:
    """Which of many patterns a message passes the gates of, in the patterns' order.

    Each alternative of each gate is indexed by its first set, so that only the alternatives
    whose first set the message meets are looked at further (a rule can have twenty)."""

    def __init__(self, gates: Sequence[Gate | None]) -> None:
        self._always = frozenset(index for index, gate in enumerate(gates) if gate is None)
        owners: list[int] = []
        rests: list[tuple[frozenset[str], ...]] = []
        firsts: list[frozenset[str] | None] = []
        for index, gate in enumerate(gates):
            for sets in gate.alternatives if gate is not None else ():
                owners.append(index)
                firsts.append(sets[0])
                rests.append(sets[1:])
        self._owners = owners
        self._rests = rests
        self._firsts = GramIndex(firsts)

    def admitted(self, present: set[str]) -> list[int]:
        found = set(self._always)
        owners, rests = self._owners, self._rests
        for alternative in self._firsts.met(present):
            owner = owners[alternative]
            if owner in found:
                continue
            for grams in rests[alternative]:
                if grams.isdisjoint(present):
                    break
            else:
                found.add(owner)
        return sorted(found)


def _lists_of_non_empty_lists(value: object) -> bool:
    return type(value) is list and bool(value) and set(map(type, value)) == {list} and all(value)


def _cost(grams: set[str] | frozenset[str]) -> float:
    return sum(_GRAM_COST[len(gram)] for gram in grams)


def _required_sets(items: list[tuple[Any, Any]]) -> list[frozenset[str]]:
    """Sets each of which a non-empty match of the sequence holds a string of, cheapest first
    (at most _MAX_SETS: past a few, another set rarely rules out a text the others let through)."""
    items = [item for item in items if item[0] not in _ZERO_WIDTH]
    candidates: list[set[str]] = []
    first = edge_chars(items, from_end=False)
    if first:
        candidates.append(first)
    required = [not is_nullable(op, value) for op, value in items]
    for (op, value), needed in zip(items, required, strict=True):
        if needed:
            own = _item(op, value)
            if own:
                candidates.append(own)
    for index in range(len(items) - 1):
        if required[index] and required[index + 1]:
            pair = _pair(items[index], items[index + 1])
            if pair:
                candidates.append(pair)
    unique = {frozenset(grams) for grams in candidates}
    return sorted(unique, key=lambda grams: (_cost(grams), sorted(grams)))[:_MAX_SETS]


def _sequence(items: list[tuple[Any, Any]]) -> set[str] | None:
    """The cheapest set that a non-empty match of the sequence must contain one of (None: none)."""
    sets = _required_sets(items)
    return set(sets[0]) if sets else None


def _item(op: Any, value: Any) -> set[str] | None:
    """For an item that cannot match empty: a set its every match contains one of."""
    return item_set(op, value, _sequence)


def _pair(left: tuple[Any, Any], right: tuple[Any, Any]) -> set[str] | None:
    """Two items that both match something and stand side by side: the last character of the one
    is followed by the first of the other."""
    ends = edge_of(*left, from_end=True)
    starts = edge_of(*right, from_end=False)
    if not ends or not starts or len(ends) * len(starts) > _MAX_PAIRS:
        return None
    return {end + start for end in ends for start in starts}


__all__ = ["Gate", "GateIndex", "GramIndex", "message_grams", "pattern_gate", "required_grams"]
