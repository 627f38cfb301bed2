from __future__ import annotations

import re._constants as sre
import re._parser as sre_parse

import pytest
from hypothesis import given
from hypothesis import strategies as st

from simulator.detection.normalize import (
    _EMOTICON_START_RE,
    CLAUSE_BREAKS,
    EMOTICON_MARK,
    EMOTICON_RE,
    Normalizer,
    find_emoticons,
    opencc_t2s,
)


@pytest.fixture(scope="module")
def normalizer() -> Normalizer:
    return Normalizer(opencc_t2s(), {"包油": "包邮", "尺马": "尺码", "物留": "物流"})


@pytest.mark.parametrize(
    ("original", "canonical"),
    [
        ("歡迎光臨,請問有什么可以為您效勞的嗎", "欢迎光临,请问有什么可以为您效劳的吗"),
        ("請問您的皮膚是乾性還是油性的呢?", "请问您的皮肤是干性还是油性的呢?"),
        ("您好，欢迎光临！请问您想了解哪一款呢？", "您好,欢迎光临!请问您想了解哪一款呢?"),
        ("１６０ｃｍ　５２ｋｇ", "160cm 52kg"),
        ("亲!!!在的~~~~", "亲!在的~"),
        ("亲 这款没有了  不过有白色", "亲,这款没有了,不过有白色"),
        ("OK good", "ok good"),
        ("包油给您了哈", "包邮给您了哈"),
        ("请问平时穿什么尺马", "请问平时穿什么尺码"),
        ("物留这边显示延误了", "物流这边显示延误了"),
        ("a\x00b\u200bc\x1b", "abc"),
        ("   ", ""),
    ],
)
def test_canonical_form(normalizer: Normalizer, original: str, canonical: str) -> None:
    assert normalizer.normalize(original).text == canonical


@pytest.mark.parametrize(
    ("text", "emoticon"),
    [
        ("好的[微笑]", "[微笑]"),
        ("收到~/:^_^", "/:^_^"),
        ("谢谢亲😊", "😊"),
        ("👍🏻好的", "👍🏻"),
        ("好的沒問題:)", ":)"),
        ("嗯嗯^_^", "^_^"),
        ("哈哈(*^▽^*)", "(*^▽^*)"),
    ],
)
def test_emoticons_are_found_with_their_span(normalizer: Normalizer, text: str, emoticon: str) -> None:
    norm = normalizer.normalize(text)
    assert [hit.text for hit in norm.emoticons] == [emoticon]
    mark = norm.text.index(EMOTICON_MARK)
    start, end = norm.original_span(mark, mark + 1)
    assert text[start:end] == emoticon


@pytest.mark.parametrize("text", ["发了[图片]", "看下这个[链接]", "时间是10:30", "价格是1:1还原", "a~b"])
def test_look_alikes_are_not_emoticons(text: str) -> None:
    assert find_emoticons(text) == []


def test_span_maps_back_through_traditional_and_full_width(normalizer: Normalizer) -> None:
    text = "親，每天只要一塊錢哦！！"
    norm = normalizer.normalize(text)
    start = norm.text.index("每天")
    original_start, original_end = norm.original_span(start, start + len("每天只要一块钱"))
    assert text[original_start:original_end] == "每天只要一塊錢"


def test_typo_corrections_must_keep_the_length() -> None:
    with pytest.raises(ValueError, match="keep the length"):
        Normalizer(opencc_t2s(), {"优惠卷子": "优惠券"})


def test_quoted_words_are_marked(normalizer: Normalizer) -> None:
    norm = normalizer.normalize("您刚才说'对不起有什么用',我理解")
    start = norm.text.index("对不起")
    assert norm.is_quoted(start, start + 3)
    assert not norm.is_quoted(norm.text.index("我理解"), norm.text.index("我理解") + 3)


@given(st.text(max_size=200))
def test_every_canonical_character_maps_inside_the_original(text: str) -> None:
    norm = _shared_normalizer.normalize(text)
    assert len(norm.origin_start) == len(norm.origin_end) == len(norm.text)
    for start, end in zip(norm.origin_start, norm.origin_end, strict=True):
        assert 0 <= start < end <= len(text)
    assert list(norm.origin_start) == sorted(norm.origin_start)


_shared_normalizer = Normalizer(opencc_t2s(), {"包油": "包邮"})


def _scanned_clause(text: str, position: int) -> tuple[int, int]:
    """The clause around ``position`` found by walking the characters (what the breaks' index
    must agree with)."""
    start = position
    while start > 0 and text[start - 1] not in CLAUSE_BREAKS:
        start -= 1
    end = position
    while end < len(text) and text[end] not in CLAUSE_BREAKS:
        end += 1
    return start, end


@given(st.text(alphabet="亲好,.!?~。\n 的哦a" + EMOTICON_MARK, max_size=30))
def test_clauses_are_found_as_by_walking_the_text(text: str) -> None:
    norm = _shared_normalizer.normalize(text)
    canonical = norm.text
    for position in range(len(canonical) + 1):
        assert norm.clause_bounds(position) == _scanned_clause(canonical, position)
    walked = []
    position = 0
    while position < len(canonical):
        start, end = _scanned_clause(canonical, position)
        if end > start:
            walked.append((start, end))
        position = end + 1
    assert norm.clauses() == (walked or [(0, len(canonical))])


@pytest.mark.parametrize(
    ("original", "canonical", "spans"),
    [
        # A character that folds to two (ﬁ → fi) or to none (a soft hyphen) leaves the fast path.
        ("ﬁne好", "fine好", [(0, 1), (0, 1), (1, 2), (2, 3), (3, 4)]),
        ("好\u00ad的", "好的", [(0, 1), (2, 3)]),
        ("好的", "好的", [(0, 1), (1, 2)]),
    ],
)
def test_folding_keeps_the_map_to_the_original(original: str, canonical: str, spans: list) -> None:
    norm = _shared_normalizer.normalize(original)
    assert norm.text == canonical
    assert list(zip(norm.origin_start, norm.origin_end, strict=True)) == spans


def _first_characters(items: list) -> set[str]:
    """Every character a match of the parsed sequence can start with (ranges spelled out)."""
    chars: set[str] = set()
    for op, value in items:
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue
        if op is sre.LITERAL:
            chars.add(chr(value))
        elif op is sre.IN:
            for member, argument in value:
                assert member in (sre.LITERAL, sre.RANGE), member
                low, high = (argument, argument) if member is sre.LITERAL else argument
                chars.update(map(chr, range(low, high + 1)))
        elif op is sre.SUBPATTERN:
            chars |= _first_characters(list(value[-1]))
        elif op is sre.BRANCH:
            for branch in value[1]:
                chars |= _first_characters(list(branch))
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            chars |= _first_characters(list(value[2]))
            if value[0] > 0:
                return chars
            continue
        else:
            raise AssertionError(f"unexpected {op}")
        return chars
    return chars


def test_every_emoticon_starts_with_a_character_of_the_pre_check() -> None:
    starts = _first_characters(list(sre_parse.parse(EMOTICON_RE.pattern)))
    assert len(starts) > 3000  # the emoji ranges spelled out
    missing = [char for char in starts if not _EMOTICON_START_RE.fullmatch(char)]
    assert not missing
    assert find_emoticons("亲在的呢,这款现在有货") == []
    assert [hit.text for hit in find_emoticons("好的[微笑]谢谢:)")] == ["[微笑]", ":)"]
