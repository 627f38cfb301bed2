"""The detector's pre-check: a rule is not searched in a message that lacks what every hit of it
holds, and a word class is not looked for in a text none of its words can be in. It must never
skip a pattern that would have matched."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.detection.learned import FeatureExtractor
from simulator.domain import pattern_cache
from simulator.domain.pattern_cache import PatternCache
from simulator.domain.pattern_prefilter import GateIndex, message_grams, pattern_gate, required_grams
from simulator.domain.techniques import Catalogue


@pytest.mark.parametrize(
    ("pattern", "grams"),
    [
        ("包邮", {"包邮"}),
        ("(?:亲|您)?给[您你]", {"给您", "给你"}),
        ("(?<!不)包邮|免运费", {"包邮", "免运"}),
        ("(?:哦|呢)*的", {"的"}),
        ("\\b好的", {"好的"}),
        ("(?i)包邮", {"包邮"}),
        ("[2-5]件", {"2件", "3件", "4件", "5件"}),
        ("(?=.*退)换货", {"换货"}),
        ("不?退", {"退"}),
        ("(?:送|返)(?:您|你)", {"送您", "送你", "返您", "返你"}),
        ("[^a]送", {"送"}),
        ("(a)\\1", {"a"}),
    ],
)
def test_what_every_hit_holds(pattern: str, grams: set[str]) -> None:
    assert required_grams(pattern) == frozenset(grams)


@pytest.mark.parametrize("pattern", [".退?", "\\w+", "[^不]", "(((", "(?i)ok", "(?i:OK)", "a|."])
def test_a_pattern_that_can_match_anything_has_no_pre_check(pattern: str) -> None:
    assert pattern_gate(pattern) is None


def test_each_alternative_keeps_all_it_needs() -> None:
    gate = pattern_gate("(?:[0-9]+点之前下单|今天发货)")
    assert gate is not None
    assert len(gate.alternatives) == 2
    # 今天 alone lets the second alternative through, not the first: 点之前下单 is needed whole.
    assert gate.admits(message_grams("今天发货"))
    assert not gate.admits(message_grams("今天下单吧"))
    assert gate.admits(message_grams("5点之前下单"))


ALPHABET = "包邮免运费亲您给你好的哦呢不退换货件2345oOkK送返点之前下单今天发 "
PATTERNS = [
    "(?:亲|您)?给[您你]",
    "(?<!不)包邮|免运费",
    "(?:哦|呢)*的",
    "(?i)包邮",
    "[2-5]件",
    "(?=.*退)换货",
    "不?退",
    "(?:送|返)(?:您|你)",
    "(?:[0-9]+点之前下单|今天发)",
    "免(?:运费|邮)?",
    "(?:好的)+呢",
    "[^不]{0,3}退",
]


@settings(max_examples=400, deadline=None)
@given(text=st.text(alphabet=ALPHABET, max_size=24), pattern=st.sampled_from(PATTERNS))
def test_a_skipped_search_would_have_found_nothing(text: str, pattern: str) -> None:
    gate = pattern_gate(pattern)
    if gate is not None and not gate.admits(message_grams(text)):
        assert not [match for match in re.finditer(pattern, text) if match.end() > match.start()]
    if gate is not None and gate.grams.isdisjoint(message_grams(text)):
        assert not gate.admits(message_grams(text))  # the index's one set is a true pre-check too


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet=ALPHABET, max_size=24))
def test_the_index_admits_what_the_gates_admit(text: str) -> None:
    gates = [pattern_gate(pattern) for pattern in [*PATTERNS, ".退?"]]
    present = message_grams(text)
    expected = [index for index, gate in enumerate(gates) if gate is None or gate.admits(present)]
    assert GateIndex(gates).admitted(present) == expected


def _lines(catalogue: Catalogue) -> list[str]:
    return [
        text
        for technique in catalogue.techniques
        for text in (*technique.examples, *technique.counter_examples)
    ]


def test_no_shipped_rule_is_skipped_where_it_matches(catalogue: Catalogue, detector) -> None:
    texts = [detector.normalize(text).text for text in _lines(catalogue)]
    skipped = 0
    for technique in catalogue.techniques:
        for rule in technique.detection.rules:
            gate = rule.match_gate
            if gate is None:
                continue
            for text in texts:
                if not gate.admits(message_grams(text)):
                    skipped += 1
                    found = rule.patterns["match"].finditer(text)
                    assert not [match for match in found if match.end() > match.start()], (rule.line, text)
    assert skipped > 10_000  # the pre-check does decide most searches


def test_word_classes_are_found_as_without_the_pre_check(catalogue: Catalogue, detector) -> None:
    extractor = FeatureExtractor(catalogue.lexicon)
    checked = 0
    for text in _lines(catalogue):
        canonical = detector.normalize(text).text
        hits = sorted(
            (match.start(), match.start() - match.end(), index)
            for index, word_class in enumerate(catalogue.lexicon.classes)
            for match in word_class.pattern.finditer(canonical)
            if match.end() > match.start()
        )
        pieces, cursor = [], 0
        for start, negative_length, index in hits:
            if start >= cursor:
                pieces += [canonical[cursor:start], chr(0xE100 + index)]
                cursor = start - negative_length
        expected = "".join(pieces) + canonical[cursor:]
        assert extractor.abstract(canonical) == expected, text
        checked += expected != canonical
    assert checked > 100


def test_gates_come_from_the_cache_on_the_next_start(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "patterns.json"
    cache = PatternCache(path)
    first = cache.gate("(?:亲|您)?给[您你]|包邮")
    assert first is not None
    assert cache.gate(".退?") is None
    cache.save()

    def no_parsing(pattern: str):
        raise AssertionError(f"parsed {pattern!r} again")

    monkeypatch.setattr(pattern_cache, "pattern_gate", no_parsing)
    again = PatternCache(path)
    assert again.gate("(?:亲|您)?给[您你]|包邮") == first
    assert again.gate(".退?") is None
    assert again.required_grams("(?:亲|您)?给[您你]|包邮") == frozenset({"给您", "给你", "包邮"})


@pytest.mark.parametrize(
    "kept", [[[[]]], [[["给您", 3]]], [[["三个字"]]], [[[""]]], [[["给您"], None]], "x", [[]]]
)
def test_a_damaged_gate_in_the_cache_is_made_again(tmp_path: Path, kept: object) -> None:
    cache = PatternCache(tmp_path / "patterns.json")
    cache._entries["gate\x00给[您你]"] = [kept]
    gate = cache.gate("给[您你]")
    assert gate is not None and gate.grams == frozenset({"给您", "给你"})
