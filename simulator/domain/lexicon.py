"""Word classes (concept lexicons) that detection rules are written over.

A class is a list of words an instructor can read and extend (shop-self: 这边/小二/小店…); a rule
names the class as ``{SHOP_SELF}`` instead of spelling out every wording, so one rule covers the
dozens of ways real shop staff say the same move.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from simulator.domain.pattern_prefilter import required_grams


@dataclass(frozen=True)
class WordClass:
    name: str  # upper-case, as rules write it: {SHOP_SELF}
    label_zh: str
    label_en: str
    words: tuple[str, ...]
    regex: str  # the compiled alternation, longest word first, homophones folded
    line: int = 0

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """The regex compiled once; rules, the scorer's features and evidence all share it."""
        return re.compile(self.regex)

    @cached_property
    def grams(self) -> frozenset[str] | None:
        """Characters and pairs one of which every hit holds (pattern_prefilter): a text holding
        none of them is not searched."""
        return required_grams(self.regex)


@dataclass(frozen=True)
class Lexicon:
    classes: tuple[WordClass, ...] = ()
    homophones: tuple[tuple[str, ...], ...] = ()
    _by_name: dict[str, WordClass] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_name", {word_class.name: word_class for word_class in self.classes})

    def get(self, name: str) -> WordClass | None:
        return self._by_name.get(name)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(word_class.name for word_class in self.classes)

    def regexes(self) -> dict[str, str]:
        return {word_class.name: word_class.regex for word_class in self.classes}
