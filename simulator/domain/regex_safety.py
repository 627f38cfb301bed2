"""Which instructor-written regular expressions could backtrack for seconds, and a time budget for them.

Python's ``re`` cannot be interrupted: a rule such as ``(a+)+$`` takes 31 s on 28 a's and freezes
the buyer. The shapes that cost exponential or high polynomial time are known (a repeat inside a
repeat, alternatives under a repeat that can start alike, several unbounded repeats over the same
characters in a row), and the shipped rules avoid them, so a pattern is checked once when it is
loaded: a safe one keeps the fast ``re``; a risky one is compiled with the ``regex`` module and
every search gets a time budget. Lint reports the risky ones so they get rewritten.
"""

from __future__ import annotations

import _sre
import re
import re._compiler as sre_compiler
import re._constants as sre  # re's own parser: the only exact reading of what re will run
import re._parser as sre_parse
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import regex

# Bumped whenever the check changes, so that verdicts kept in a cache (PatternCache) are made again.
RISK_CHECK_VERSION = 4  # 4: required grams (pattern_prefilter) kept beside the code
# A search of a risky rule gets this long on one message; the longest message is 2,000 characters.
SEARCH_BUDGET_S = 0.05
# A bounded repeat up to this many is treated like a few copies of its body, not a loop.
_SMALL_REPEAT = 10
_ANY = None  # "could be any character" in a first-character set


def backtracking_risks(pattern: str) -> list[str]:
    """Plain-language reasons the pattern could take seconds on a message; empty when it cannot."""
    try:
        tree = sre_parse.parse(pattern)
    except (re.error, RecursionError, OverflowError):
        return []  # does not compile: reported as such by the loader
    return _risks(tree)


def _risks(tree: Any) -> list[str]:
    risks: list[str] = []
    items = list(tree)
    _walk(items, risks)
    if tree.state.flags & re.IGNORECASE and _has_repeated_branch(items):
        # Character sets are compared case by case below; under (?i) ab|AB are one word: be careful.
        risks.append("alternatives under a repeat in a case-insensitive pattern")
    return list(dict.fromkeys(risks))


def _has_repeated_branch(items: list[tuple[Any, Any]], under_repeat: bool = False) -> bool:
    for op, value in items:
        if op is sre.BRANCH and under_repeat:
            return True
        inside = under_repeat or (op in _REPEATS and value[1] > 1)
        if any(_has_repeated_branch(list(inner), inside) for inner in _children(op, value)):
            return True
    return False


def _walk(items: list[tuple[Any, Any]], risks: list[str]) -> None:
    unbounded_run: list[set[str] | None] = []
    for op, value in items:
        if op in _REPEATS:
            _low, high, body = value
            body = list(body)
            loops = high == sre.MAXREPEAT or high > _SMALL_REPEAT
            head = _first_chars(body)
            if op is sre.POSSESSIVE_REPEAT:
                pass  # never gives back what it matched: no second way to try
            elif high > 1 and _unbounded(body, high) and _overlap(_last_chars(body), head):
                risks.append("a repeat inside a repeat, like (a+)+")
            elif loops and _ambiguous(body, head):
                risks.append("a repeated group that can match the same text in two ways, like (a|aa)+")
            if high == sre.MAXREPEAT:
                chars = _first_chars(body)
                if any(_overlap(chars, earlier) for earlier in unbounded_run):
                    unbounded_run.append(chars)
                    # Two in a row are quadratic per start (a*a*b); the canonical text folds runs of
                    # spaces and breaks, and three are the shape that takes seconds on real input.
                    if len(unbounded_run) >= 3:
                        risks.append("three unbounded repeats over the same characters in a row, like .*.*.*")
                else:
                    unbounded_run = [chars]
            _walk(body, risks)
            continue
        if not is_nullable(op, value):
            unbounded_run = []
        for inner in _children(op, value):
            _walk(list(inner), risks)


_REPEATS = {sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT}


def _children(op: Any, value: Any) -> Iterator[Any]:
    if op is sre.BRANCH:
        yield from value[1]
    elif op is sre.SUBPATTERN:
        yield value[-1]
    elif op in (sre.ASSERT, sre.ASSERT_NOT):
        yield value[1]
    elif op is sre.ATOMIC_GROUP:
        yield value
    elif op is sre.GROUPREF_EXISTS:
        yield value[1]
        if value[2] is not None:
            yield value[2]
    elif op in _REPEATS:
        yield value[2]


def _unbounded(items: list[tuple[Any, Any]], outer: int = 1) -> bool:
    """Whether the sequence holds a repeat that, times the repeats around it (``outer``), can run
    long: {1,10} inside {1,10} splits as many ways as a hundred-fold loop."""
    for op, value in items:
        if op in _REPEATS:
            high = value[1]
            if high == sre.MAXREPEAT or (high * outer > _SMALL_REPEAT and high > 1):
                return True
            if _unbounded(list(value[2]), outer * max(1, high)):
                return True
            continue
        if any(_unbounded(list(inner), outer) for inner in _children(op, value)):
            return True
    return False


def _ambiguous(items: list[tuple[Any, Any]], after: set[str] | None) -> bool:
    """Whether a loop body can split the same text in more than one way.

    Two ways: alternatives that can start alike (a|a), or an optional piece that can start with
    what comes after it (a?a; a|aa is a(?:|a) to re's parser, and after the body comes the next
    pass, so ``after`` starts as the body's own first characters). Distinct alternatives such as
    马上|现在|先, and optional tails such as 好(?:的)? before 好, split one way only and stay fast.
    """
    for index, (op, value) in enumerate(items):
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT, sre.ATOMIC_GROUP, sre.POSSESSIVE_REPEAT):
            continue
        rest = items[index + 1 :]
        follow = _first_chars(rest)
        if all(is_nullable(*item) for item in rest):
            follow = _ANY if follow is _ANY or after is _ANY else follow | after
        if op is sre.BRANCH and _alternatives_collide([list(branch) for branch in value[1]], follow):
            return True
        if is_nullable(op, value) and _overlap(_first_of(op, value), follow):
            return True
        if any(_ambiguous(list(inner), follow) for inner in _children(op, value)):
            return True
    return False


def _alternatives_collide(branches: list[list[tuple[Any, Any]]], follow: set[str] | None) -> bool:
    """Two alternatives that could match the same text: two that can be empty, one plain word a
    prefix of another whose rest can start what follows (哦|哦哦 in a loop: 哦哦 is also 哦 哦;
    全|全部 is not, 部 starts nothing), or otherwise a shared first character (立刻|立即 are two
    plain words, so they are told apart by the rule above)."""
    if sum(all(is_nullable(*item) for item in branch) for branch in branches) >= 2:
        return True
    for i, first in enumerate(branches):
        for second in branches[i + 1 :]:
            words = _literal_word(first), _literal_word(second)
            if words[0] is not None and words[1] is not None:
                short, long = sorted(words, key=len)
                if long.startswith(short) and _overlap({long[len(short)]} if long != short else _ANY, follow):
                    return True
            elif _overlap(_first_chars(first), _first_chars(second)):
                return True
    return False


def _literal_word(items: list[tuple[Any, Any]]) -> str | None:
    if all(op is sre.LITERAL for op, _ in items):
        return "".join(chr(value) for _, value in items)
    return None


def _first_chars(items: list[tuple[Any, Any]]) -> set[str] | None:
    """The characters a match of the sequence can start with (None: any)."""
    return edge_chars(items, from_end=False)


def _last_chars(items: list[tuple[Any, Any]]) -> set[str] | None:
    """The characters a match of the sequence can end with (None: any)."""
    return edge_chars(items, from_end=True)


def edge_chars(items: list[tuple[Any, Any]], from_end: bool) -> set[str] | None:
    chars: set[str] = set()
    for op, value in reversed(items) if from_end else items:
        own = edge_of(op, value, from_end)
        if own is _ANY:
            return _ANY
        chars |= own
        if not is_nullable(op, value):
            return chars
    return chars


def _first_of(op: Any, value: Any) -> set[str] | None:
    return edge_of(op, value, from_end=False)


def edge_of(op: Any, value: Any, from_end: bool) -> set[str] | None:
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return set()
    return item_set(op, value, lambda items: edge_chars(items, from_end))


def item_set(
    op: Any, value: Any, of_sequence: Callable[[list[tuple[Any, Any]]], set[str] | None]
) -> set[str] | None:
    """A set of characters (or strings) for one parsed item, built from its parts: a literal's
    character, a class's characters, or what ``of_sequence`` says of the sequences inside a group,
    a repeat or an alternation (their union; None when any part is None: could be anything)."""
    if op is sre.LITERAL:
        return {chr(value)}
    if op is sre.IN:
        return class_chars(value)
    if op is sre.BRANCH:
        union: set[str] = set()
        for branch in value[1]:
            own = of_sequence(list(branch))
            if own is None:
                return None
            union |= own
        return union
    if op is sre.SUBPATTERN:
        return of_sequence(list(value[-1]))
    if op in _REPEATS:
        return of_sequence(list(value[2]))
    if op is sre.ATOMIC_GROUP:
        return of_sequence(list(value))
    return None


# Classes read as the characters the canonical text can hold (half-width, lower-case).
_CATEGORY_CHARS = {
    sre.CATEGORY_DIGIT: set("0123456789"),
    sre.CATEGORY_SPACE: set(" \t\n\r\f\v"),
}


def class_chars(members: list[tuple[Any, Any]]) -> set[str] | None:
    chars: set[str] = set()
    for op, value in members:
        if op is sre.LITERAL:
            chars.add(chr(value))
        elif op is sre.RANGE and value[1] - value[0] < 256:
            chars.update(chr(code) for code in range(value[0], value[1] + 1))
        elif op is sre.CATEGORY and value in _CATEGORY_CHARS:
            chars |= _CATEGORY_CHARS[value]
        else:
            return _ANY  # a negated class, a category or a wide range: could be anything
    return chars


def _overlap(a: set[str] | None, b: set[str] | None) -> bool:
    return a is _ANY or b is _ANY or bool(a & b)


def is_nullable(op: Any, value: Any) -> bool:
    if op in _REPEATS:
        return value[0] == 0 or all(is_nullable(*item) for item in value[2])
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return True
    if op is sre.SUBPATTERN:
        return all(is_nullable(*item) for item in value[-1])
    if op is sre.BRANCH:
        return any(all(is_nullable(*item) for item in branch) for branch in value[1])
    return False


class SearchTimeout(Exception):
    """A guarded pattern ran out of its time budget on one text."""

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        budget_ms = SEARCH_BUDGET_S * 1000
        super().__init__(f"regular expression ran longer than {budget_ms:.0f} ms: {pattern[:80]}")


@dataclass(frozen=True)
class GuardedPattern:
    """A risky pattern, compiled by ``regex``, whose searches stop after the budget.

    It answers the part of ``re.Pattern`` the detector uses, so the detector does not care which
    engine a rule runs on; a search over budget raises SearchTimeout instead of freezing.
    """

    pattern: str
    budget_s: float = SEARCH_BUDGET_S
    _compiled: Any = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_compiled", regex.compile(self.pattern, regex.VERSION0))

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> Any:
        end = len(text) if endpos is None else endpos
        try:
            return self._compiled.search(text, pos, end, timeout=self.budget_s)
        except TimeoutError as error:
            raise SearchTimeout(self.pattern) from error

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[Any]:
        # The matches are collected inside the budget, so a timeout cannot escape half-way.
        end = len(text) if endpos is None else endpos
        try:
            found = list(self._compiled.finditer(text, pos, end, timeout=self.budget_s))
        except TimeoutError as error:
            raise SearchTimeout(self.pattern) from error
        return iter(found)


def compile_rule_pattern(pattern: str) -> re.Pattern[str] | GuardedPattern:
    """``re`` for a pattern that cannot backtrack badly, a time-budgeted ``regex`` for one that can.

    Raises re.error for a pattern that does not compile. The pattern is parsed once, for the
    check and for the compiled code alike: parsing is most of what compiling costs in CPython.
    (PatternCache keeps the result between runs.)
    """
    tree, risky = parse_for_rules(pattern)
    if risky:
        return GuardedPattern(pattern)
    return compile_parsed(pattern, tree)[0]


def parse_for_rules(pattern: str) -> tuple[Any, bool]:
    """re's parse tree of the pattern and whether it could backtrack; raises re.error."""
    try:
        tree = sre_parse.parse(pattern)
    except (RecursionError, OverflowError) as error:
        raise re.error(f"the pattern is too large or nested too deeply: {error}") from error
    return tree, bool(_risks(tree))


def compile_parsed(pattern: str, tree: Any) -> tuple[re.Pattern[str], list[Any] | None]:
    """What re.compile does after parsing (CPython 3.11–3.13's re._compiler.compile), so that the
    pattern keeps its text, with the arguments re's C engine was given (for PatternCache); any
    difference in another version falls back to re.compile (and nothing to cache)."""
    try:
        code = sre_compiler._code(tree, 0)
        groupindex = dict(tree.state.groupdict)
        indexgroup: list[str | None] = [None] * tree.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        arguments = [tree.state.flags, list(code), tree.state.groups - 1, groupindex, indexgroup]
        compiled = _sre.compile(pattern, arguments[0], code, arguments[2], groupindex, tuple(indexgroup))
        return compiled, arguments
    except Exception:
        return re.compile(pattern), None


__all__ = [
    "SEARCH_BUDGET_S",
    "GuardedPattern",
    "SearchTimeout",
    "backtracking_risks",
    "class_chars",
    "compile_parsed",
    "compile_rule_pattern",
    "edge_chars",
    "edge_of",
    "is_nullable",
    "item_set",
    "parse_for_rules",
]
