"""Compiled rule patterns kept between runs: a derived file, like the trained model or the .qm.

CPython's re spends nearly all of its compile time in Python (parsing, then generating code): the
catalogue's few hundred patterns took about 200 ms at every start, most of the start-up budget.
The generated code is plain integers, so it is kept in the user's cache folder with the pattern it
came from, and handed back to re's C engine (which validates it) on the next start, in about 15 ms.
The code is kept packed (base64 of 32-bit words): as a JSON list of integers it took three times as
long to read as the compiling it spares. Whether a pattern could backtrack (regex_safety) is kept
with it.

The file is only ever a shortcut: it is tied to the exact Python and the version of the backtracking
check that wrote it, carries a checksum of its contents (it detects damage, not a deliberate edit by
someone who can write the user's own cache folder), and any entry that is missing, stale or refused
is compiled afresh. A missing, damaged or unwritable cache costs the start-up time and nothing else.
"""

from __future__ import annotations

import _sre
import array
import base64
import re
import re._constants as sre
import sys
from pathlib import Path

from simulator.domain.derived_file import DerivedStore
from simulator.domain.pattern_prefilter import Gate, pattern_gate
from simulator.domain.regex_safety import (
    RISK_CHECK_VERSION,
    GuardedPattern,
    compile_parsed,
    parse_for_rules,
)

_RISKY = "risky"  # the entry of a pattern that runs on regex with a time budget
_GATE = "gate\x00"  # the key of a pattern's pre-check (beside its code)
_ENTRY_FORMAT = 2  # 2: the code packed (_pack_code)


def _stamp() -> str:
    """The Python that generated the code, and the entries' shape: nothing else may read it."""
    return (
        f"{sys.implementation.cache_tag}|{sys.version}|{sre.MAGIC}|risk-check-{RISK_CHECK_VERSION}"
        f"|entries-{_ENTRY_FORMAT}"
    )


def _pack_code(code: list[int]) -> str:
    words = array.array("I", code)  # re's code words are unsigned 32-bit (MAXREPEAT fits)
    if sys.byteorder != "little":
        words.byteswap()
    return base64.b64encode(words.tobytes()).decode("ascii")


def _unpack_code(text: str) -> list[int]:
    words = array.array("I")
    words.frombytes(base64.b64decode(text, validate=True))
    if sys.byteorder != "little":
        words.byteswap()
    return words.tolist()


class PatternCache(DerivedStore):
    def __init__(self, path: Path | None = None) -> None:
        self.stamp = _stamp()
        super().__init__(path)

    def compile(self, pattern: str) -> re.Pattern[str] | GuardedPattern:
        """The pattern compiled as regex_safety.compile_rule_pattern would; raises re.error."""
        self._used.add(pattern)
        entry = self._entries.get(pattern)
        if entry == _RISKY:
            return GuardedPattern(pattern)
        if entry is not None:
            try:
                flags, packed, groups, groupindex, indexgroup = entry
                code = _unpack_code(packed)
                return _sre.compile(pattern, flags, code, groups, groupindex, tuple(indexgroup))  # type: ignore[no-any-return]
            except Exception:
                self._entries.pop(pattern, None)
        tree, risky = parse_for_rules(pattern)
        if risky:
            self._remember(pattern, _RISKY)
            return GuardedPattern(pattern)
        compiled, arguments = compile_parsed(pattern, tree)
        if arguments is not None:
            flags, code, groups, groupindex, indexgroup = arguments
            self._remember(pattern, [flags, _pack_code(code), groups, groupindex, indexgroup])
        return compiled

    def gate(self, pattern: str) -> Gate | None:
        """pattern_prefilter.pattern_gate of the pattern, kept like its code (finding it parses
        again)."""
        key = _GATE + pattern
        self._used.add(key)
        entry = self._entries.get(key)
        if isinstance(entry, list) and len(entry) == 1:
            if entry[0] is None:
                return None
            kept = Gate.from_json(entry[0])
            if kept is not None:
                return kept
        gate = pattern_gate(pattern)
        self._remember(key, [None if gate is None else gate.to_json()])
        return gate

    def required_grams(self, pattern: str) -> frozenset[str] | None:
        gate = self.gate(pattern)
        return None if gate is None else gate.grams


__all__ = ["PatternCache"]
