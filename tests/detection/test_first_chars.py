"""The detector's pre-check: a rule is not searched in a message that holds none of the characters
its hits can start with. It must never skip a rule that would have matched."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.domain import pattern_cache
from simulator.domain.pattern_cache import PatternCache
from simulator.domain.regex_safety import first_chars
from simulator.domain.techniques import Catalogue


@pytest.mark.parametrize(
    ("pattern", "chars"),
    [
        ("包邮", {"包"}),
        ("(?:亲|您)?给[您你]", {"亲", "您", "给"}),
        ("(?<!不)包邮|免运费", {"包", "免"}),
        ("(?:哦|呢)*的", {"哦", "呢", "的"}),
        ("\\b好的", {"好"}),
        ("(?i)包邮", {"包"}),
        ("[2-5]件", set("2345")),
        ("(?=.*退)换货", {"换"}),
    ],
)
def test_first_chars_of_a_pattern(pattern: str, chars: set[str]) -> None:
    assert first_chars(pattern) == frozenset(chars)


@pytest.mark.parametrize("pattern", [".退", "\\w+好", "[^不]包邮", "(((", "(?i)ok"])
def test_a_pattern_that_can_start_anywhere_has_no_pre_check(pattern: str) -> None:
    assert first_chars(pattern) is None


ALPHABET = "包邮免运费亲您给你好的哦呢不退换货件2345oOk "


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(alphabet=ALPHABET, max_size=20),
    pattern=st.sampled_from(
        [
            "(?:亲|您)?给[您你]",
            "(?<!不)包邮|免运费",
            "(?:哦|呢)*的",
            "(?i)包邮",
            "[2-5]件",
            "(?=.*退)换货",
            "不?退",
        ]
    ),
)
def test_a_skipped_search_would_have_found_nothing(text: str, pattern: str) -> None:
    chars = first_chars(pattern)
    assert chars is not None
    if chars.isdisjoint(text):
        assert not [match for match in re.finditer(pattern, text) if match.end() > match.start()]


def test_no_shipped_rule_is_skipped_where_it_matches(catalogue: Catalogue) -> None:
    texts = [
        text for technique in catalogue.techniques for text in technique.examples + technique.counter_examples
    ]
    checked = 0
    for technique in catalogue.techniques:
        for rule in technique.detection.rules:
            chars = rule.match_first_chars
            if chars is None:
                continue
            for text in texts:
                if chars.isdisjoint(text):
                    checked += 1
                    found = rule.patterns["match"].finditer(text)
                    assert not [match for match in found if match.end() > match.start()], (rule.line, text)
    assert checked > 10_000  # the pre-check does decide most searches


def test_first_chars_come_from_the_cache_on_the_next_start(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "patterns.json"
    cache = PatternCache(path)
    assert cache.first_chars("(?:亲|您)?给[您你]") == frozenset("亲您给")
    assert cache.first_chars(".退") is None
    cache.save()

    def no_parsing(pattern: str):
        raise AssertionError(f"parsed {pattern!r} again")

    monkeypatch.setattr(pattern_cache, "first_chars", no_parsing)
    again = PatternCache(path)
    assert again.first_chars("(?:亲|您)?给[您你]") == frozenset("亲您给")
    assert again.first_chars(".退") is None
