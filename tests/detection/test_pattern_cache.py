"""The compiled-pattern cache is only ever a shortcut: same patterns, and a damaged file costs nothing."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from simulator.app import ContentPaths
from simulator.content.catalogue_loader import load_catalogue
from simulator.content.load_cache import LoadCache
from simulator.domain import pattern_cache, regex_safety
from simulator.domain.pattern_cache import PatternCache
from simulator.domain.regex_safety import GuardedPattern

PATTERNS = [r"(?:您|你)好(?![好看想])", r"(?P<n>[2-9])件", "包邮|免运费", "(a|aa)+$"]
TEXTS = ["您好呀", "你好好", "两件3件", "全场包邮哦", "aaaa", "免运费"]


def _results(compiled: re.Pattern[str] | GuardedPattern) -> list[list[tuple[int, int]]]:
    return [[match.span() for match in compiled.finditer(text)] for text in TEXTS]


def test_patterns_from_the_cache_match_as_freshly_compiled_ones(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "patterns.json"
    first = PatternCache(path)
    fresh = [first.compile(pattern) for pattern in PATTERNS]
    first.save()
    assert path.exists()

    def no_parsing(pattern: str):  # the second start must not parse anything
        raise AssertionError(f"parsed {pattern!r} again")

    monkeypatch.setattr(pattern_cache, "parse_for_rules", no_parsing)
    cached = [PatternCache(path).compile(pattern) for pattern in PATTERNS]
    for before, after in zip(fresh, cached, strict=True):
        assert type(before) is type(after) and _results(before) == _results(after)
        assert before.pattern == after.pattern
    assert isinstance(cached[-1], GuardedPattern)  # whether it could backtrack is kept too
    assert cached[1].groupindex == {"n": 1}


@pytest.mark.parametrize("damage", ["garbage", "checksum", "entry", "stamp", "empty"])
def test_a_damaged_cache_is_ignored_and_patterns_compile_afresh(tmp_path: Path, damage: str) -> None:
    path = tmp_path / "patterns.json"
    cache = PatternCache(path)
    for pattern in PATTERNS:
        cache.compile(pattern)
    cache.save()
    header, _, payload = path.read_text(encoding="utf-8").partition("\n")
    if damage == "garbage":
        path.write_bytes(b"\x00\xff not json")
    elif damage == "checksum":
        path.write_text(header + "\n" + payload.replace("1", "2", 1), encoding="utf-8")
    elif damage == "entry":  # a wrong entry with a right checksum: re's engine refuses it
        entries = json.loads(payload)
        entries[PATTERNS[0]][1] = pattern_cache._pack_code([999, 999])
        text = json.dumps(entries)
        meta = json.loads(header)
        import hashlib

        meta["sha256"] = hashlib.sha256(text.encode()).hexdigest()
        path.write_text(json.dumps(meta) + "\n" + text, encoding="utf-8")
    elif damage == "stamp":
        meta = json.loads(header)
        meta["stamp"] = "another python"
        path.write_text(json.dumps(meta) + "\n" + payload, encoding="utf-8")
    else:
        path.write_text("", encoding="utf-8")
    again = PatternCache(path)
    for pattern in PATTERNS:
        assert _results(again.compile(pattern)) == _results(regex_safety.compile_rule_pattern(pattern))
    again.save()
    assert PatternCache(path).compile(PATTERNS[0]).pattern == PATTERNS[0]  # rewritten whole


def test_an_unwritable_cache_folder_costs_nothing(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    cache = PatternCache(blocker / "patterns.json")
    assert cache.compile("包邮").search("全场包邮") is not None
    cache.save()  # no exception


def test_the_catalogue_loads_the_same_with_and_without_the_cache(tmp_path: Path) -> None:
    paths = ContentPaths()
    plain = load_catalogue(paths.catalogue)
    filling = LoadCache.in_folder(tmp_path)
    load_catalogue(paths.catalogue, filling)
    filling.save()
    cached = load_catalogue(paths.catalogue, LoadCache.in_folder(tmp_path))
    for a, b in zip(plain.techniques, cached.techniques, strict=True):
        for rule_a, rule_b in zip(a.detection.rules, b.detection.rules, strict=True):
            assert {k: p.pattern for k, p in rule_a.patterns.items()} == {
                k: p.pattern for k, p in rule_b.patterns.items()
            }
    for name in vars(plain.reader_words):
        ours, theirs = getattr(plain.reader_words, name), getattr(cached.reader_words, name)
        assert (name, ours.pattern, ours.flags) == (name, theirs.pattern, theirs.flags)
        assert [m.span() for m in ours.finditer("两件536元,单价268,运费10加4")] == [
            m.span() for m in theirs.finditer("两件536元,单价268,运费10加4")
        ]
