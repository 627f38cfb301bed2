"""Text normalisation before technique matching.

Trainees type traditional characters, full-width punctuation, emoji, 旺旺 codes, repeated
punctuation and IME typos. Rules are written once against a canonical form (simplified, half-width,
lower-case, folded punctuation), and every normalised character remembers where it came from in the
original text, so a match can be reported as a span of what the trainee actually typed.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

# Placeholders such as [图片] are what chat clients put in place of a picture or a link: they are
# not emoticons even though they share the [..] shape of 旺旺 codes.
CHAT_PLACEHOLDERS = frozenset(
    {
        "图片",
        "链接",
        "商品",
        "订单",
        "文件",
        "语音",
        "视频",
        "位置",
        "红包",
        "转账",
        "卡片",
        "宝贝",
        "商品链接",
        # masked tokens of exported chat logs and templates: [数字x] [姓名x] [地址x]
        "数字",
        "姓名",
        "地址",
        "电话",
        "手机号",
        "订单号",
        "金额",
        "日期",
        "时间",
    }
)
# A log's masked token is a word and an x: [数字x], [姓名x], [站点x].
_MASKED_TOKEN_RE = re.compile(r"[\u4e00-\u9fff]{1,5}[xX]")

_EMOJI_CLASS = (
    "\U0001f000-\U0001faff"  # pictographs, emoticons, transport, supplemental symbols
    "\u2600-\u27bf"  # misc symbols and dingbats (☀ ✨ ❤ ✌)
    "\u2b50\u2b55\u23e9-\u23fa\u231a\u231b\u2934\u2935\u3030\u303d\u3297\u3299"
)
_EMOJI_TAIL = "\ufe0f\u200d\U0001f3fb-\U0001f3ff\u20e3"  # variation selector, ZWJ, skin tones, keycap

EMOTICON_RE = re.compile(
    "|".join(
        [
            r"\[(?P<code>[\u4e00-\u9fffA-Za-z]{1,6})\]",  # 旺旺 / QQ codes: [微笑] [抱拳] [OK]
            r"/:[^\s\u4e00-\u9fff,，。!！?？]{1,8}",  # 旺旺 slash codes: /:^_^ /:087 /:-)
            rf"[{_EMOJI_CLASS}][{_EMOJI_TAIL}{_EMOJI_CLASS}]*",  # emoji, with ZWJ sequences
            r"(?<![0-9A-Za-z])[:;][-']?[)(DPp](?![A-Za-z])",  # :) ;-) :D
            r"\^[_\-o.ω▽]?\^",  # ^_^ ^^ ^o^
            r"(?<![A-Za-z])(?:T_T|QAQ|qwq|orz)(?![A-Za-z])",
            r"[oO]?\([^()\s]{1,6}[_▽∀ω∩][^()\s]{0,6}\)[oO]?",  # (*^▽^*) o(∩_∩)o
        ]
    )
)
# The characters an emoticon above can start with: a text with none of them has none, and one
# search for a single character class is much cheaper than trying seven alternatives at every
# character (kept beside EMOTICON_RE; a test checks it against every alternative's first characters).
_EMOTICON_START_RE = re.compile(rf"[\[/{_EMOJI_CLASS}:;\^TQqoO(]")

# After NFKC these are the characters that separate clauses; the canonical form keeps one of each run.
CLAUSE_BREAKS = ",.!?;:~…。\n\ue000"
_QUOTE_PAIRS = {"'": "'", '"': '"', "“": "”", "‘": "’", "「": "」", "『": "』"}
_MAX_QUOTE_LEN = 60
_QUOTE_OPENER_RE = re.compile("[" + re.escape("".join(_QUOTE_PAIRS)) + "]")
_CLAUSE_BREAK_RE = re.compile("[" + re.escape(CLAUSE_BREAKS) + "]")
_CJK_RE = re.compile(r"[\u3400-\u9fff]")


EMOTICON_MARK = "\ue000"  # stands for one emoticon in the canonical text (a private-use character)
# What _fold_runs changes: a space other than a line break, or a clause break said twice.
_RUN_RE = re.compile(r"[^\S\n]|([" + re.escape(CLAUSE_BREAKS.replace(EMOTICON_MARK, "")) + r"])\1")
_OTHER_SPACE_RE = re.compile(r"[^\S\n ]")
_REPEAT_RE = re.compile(r"([" + re.escape(CLAUSE_BREAKS.replace(EMOTICON_MARK, "")) + r" ])\1+")
_SPACE_RE = re.compile(" ")


@dataclass(frozen=True)
class EmoticonHit:
    """An emoticon found in the original text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class NormalizedText:
    """The canonical form of one message, with a map back to the original characters.

    Canonical character ``i`` came from ``original[origin_start[i]:origin_end[i]]``: one character
    usually, a whole emoticon for EMOTICON_MARK; several canonical characters can share one
    original character (NFKC turns "㎏" into "kg").
    """

    original: str
    text: str
    origin_start: tuple[int, ...]
    origin_end: tuple[int, ...]
    emoticons: tuple[EmoticonHit, ...] = ()
    quoted: tuple[tuple[int, int], ...] = field(default=())

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) range of the canonical text to the original text."""
        if not self.text:
            return 0, 0
        start = min(max(start, 0), len(self.text) - 1)
        end = max(min(end, len(self.text)), start + 1)
        return self.origin_start[start], self.origin_end[end - 1]

    def is_quoted(self, start: int, end: int) -> bool:
        return any(q_start <= start and end <= q_end for q_start, q_end in self.quoted)

    @cached_property
    def clause_breaks(self) -> tuple[int, ...]:
        """Where the canonical text's clause breaks stand, found once (every rule hit asks)."""
        return tuple(match.start() for match in _CLAUSE_BREAK_RE.finditer(self.text))

    def clause_bounds(self, position: int) -> tuple[int, int]:
        """The [start, end) of the clause that holds ``position``: from after the break before it
        to the next break (or the text's ends)."""
        breaks = self.clause_breaks
        index = bisect_left(breaks, position)
        start = breaks[index - 1] + 1 if index > 0 else 0
        end = breaks[index] if index < len(breaks) else len(self.text)
        return start, end

    def clauses(self) -> list[tuple[int, int]]:
        """Every non-empty clause's [start, end), in order (the whole text when there is none)."""
        bounds = []
        start = 0
        for end in (*self.clause_breaks, len(self.text)):
            if end > start:
                bounds.append((start, end))
            start = end + 1
        return bounds or [(0, len(self.text))]


@dataclass
class _Mapped:
    """Text under construction, each character with the original range it came from."""

    text: str
    starts: list[int]
    ends: list[int]

    def items(self) -> Iterable[tuple[str, int, int]]:
        return zip(self.text, self.starts, self.ends, strict=True)


class _Builder:
    def __init__(self) -> None:
        self.chars: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []

    def add(self, text: str, start: int, end: int) -> None:
        for char in text:
            self.chars.append(char)
            self.starts.append(start)
            self.ends.append(end)

    def add_span(self, text: str, start: int) -> None:
        """Characters that each stand for themselves, from ``start`` on (the common case, at C speed)."""
        self.chars.extend(text)
        self.starts.extend(range(start, start + len(text)))
        self.ends.extend(range(start + 1, start + len(text) + 1))

    def result(self) -> _Mapped:
        return _Mapped("".join(self.chars), self.starts, self.ends)


def find_emoticons(text: str) -> list[EmoticonHit]:
    if _EMOTICON_START_RE.search(text) is None:
        return []
    hits = []
    for match in EMOTICON_RE.finditer(text):
        code = match.group("code")
        if code is not None and (code in CHAT_PLACEHOLDERS or _MASKED_TOKEN_RE.fullmatch(code)):
            continue
        hits.append(EmoticonHit(match.start(), match.end(), match.group()))
    return hits


def _fold_width_and_case(mapped: _Mapped) -> _Mapped:
    text = mapped.text
    for char in set(text).difference(_FOLDED):
        folded = _fold(char)
        if len(folded) != 1:
            _UNEVEN.add(char)  # before _FOLDED: a reader that finds the fold finds this too
        elif folded != char:
            _CHANGED[ord(char)] = folded
        _FOLDED[char] = folded
    if _UNEVEN.isdisjoint(text):
        # Nearly always: every character folds to one, the map to the original stays as it is.
        return _Mapped(text.translate(_CHANGED), mapped.starts, mapped.ends)
    builder = _Builder()
    chars, starts, ends = builder.chars, builder.starts, builder.ends
    for char, start, end in mapped.items():
        folded = _FOLDED[char]
        if len(folded) == 1:
            chars.append(folded)
            starts.append(start)
            ends.append(end)
        elif folded:
            builder.add(folded, start, end)
    return builder.result()


def _fold(char: str) -> str:
    """One character full-width → half-width, lower case; '' for control and format characters,
    which carry no meaning for the buyer."""
    folded = char if char == EMOTICON_MARK else unicodedata.normalize("NFKC", char).lower()
    if not folded or (unicodedata.category(folded[0]) in ("Cc", "Cf") and folded not in ("\n", "\t")):
        return ""
    return folded


# Each character's fold, worked out once per process: a cache of a pure function of one character.
_FOLDED: dict[str, str] = {}
_UNEVEN: set[str] = set()  # the characters among them that fold to none or to several
_CHANGED: dict[int, str] = {}  # those that fold to one other character, for str.translate


def _convert_same_length(mapped: _Mapped, convert: Callable[[str], str]) -> _Mapped:
    converted = convert(mapped.text)
    if len(converted) != len(mapped.text) or EMOTICON_MARK in mapped.text:
        # OpenCC may rewrite a phrase to another length or drop characters it does not know; then
        # convert piece by piece so that the map to the original stays exact.
        pieces = re.split(f"({EMOTICON_MARK})", mapped.text)
        converted = "".join(_convert_piece(piece, convert) for piece in pieces)
    return _Mapped(converted, mapped.starts, mapped.ends)


def _convert_piece(piece: str, convert: Callable[[str], str]) -> str:
    if piece == EMOTICON_MARK or not piece:
        return piece
    converted = convert(piece)
    if len(converted) == len(piece):
        return converted
    return "".join(single if len(single := convert(char)) == 1 else char for char in piece)


def _apply_replacements(mapped: _Mapped, replacements: Mapping[str, str]) -> _Mapped:
    if not replacements:
        return mapped
    pattern = _replacement_pattern(tuple(sorted(replacements, key=len, reverse=True)))
    text = pattern.sub(lambda match: replacements[match.group()], mapped.text)
    return _Mapped(text, mapped.starts, mapped.ends)


@lru_cache(maxsize=8)
def _replacement_pattern(keys: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(key) for key in keys))


class _Slices:
    """Text rebuilt from slices of a mapped text and single characters, with its map."""

    def __init__(self, source: _Mapped, text: str) -> None:
        self.source, self.text = source, text
        self.pieces: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []

    def take(self, start: int, end: int | None = None) -> None:
        self.pieces.append(self.text[start:end])
        self.starts.extend(self.source.starts[start:end])
        self.ends.extend(self.source.ends[start:end])

    def add(self, char: str, index: int) -> None:
        self.pieces.append(char)
        self.starts.append(self.source.starts[index])
        self.ends.append(self.source.ends[index])

    def result(self) -> _Mapped:
        return _Mapped("".join(self.pieces), self.starts, self.ends)


def _fold_runs(mapped: _Mapped) -> _Mapped:
    """Every space a plain space; a run of one clause break (or of spaces) kept as its first
    character, which then stands for the whole run."""
    text = mapped.text
    if _RUN_RE.search(text) is None:
        return mapped  # no space to fold and no run of breaks: the common case, decided in C
    text = _OTHER_SPACE_RE.sub(" ", text)  # one for one: the map stays as it is
    kept = _Slices(mapped, text)
    cursor = 0
    for run in _REPEAT_RE.finditer(text):
        kept.take(cursor, run.start() + 1)
        kept.ends[-1] = mapped.ends[run.end() - 1]  # the kept character stands for the whole run
        cursor = run.end()
    kept.take(cursor)
    return kept.result()


def _spaces_to_breaks(mapped: _Mapped) -> _Mapped:
    """Chat users separate clauses with spaces ("亲 这款没有了 不过有白色"): make those commas.

    A space between two Latin words stays a space; a space next to a clause break just goes.
    """
    text = mapped.text
    if " " not in text:
        return mapped  # runs were folded already
    kept = _Slices(mapped, text)
    cursor = 0
    for space in _SPACE_RE.finditer(text):
        index = space.start()
        kept.take(cursor, index)
        cursor = index + 1
        before = text[index - 1] if index > 0 else ""
        after = text[index + 1] if index + 1 < len(text) else ""
        if not before or not after or before in CLAUSE_BREAKS or after in CLAUSE_BREAKS:
            continue
        kept.add("," if _CJK_RE.match(before) or _CJK_RE.match(after) else " ", index)
    kept.take(cursor)
    return _fold_runs(kept.result())


def _strip(mapped: _Mapped) -> _Mapped:
    text = mapped.text
    start, end = 0, len(text)
    while start < end and text[start] in " ,\n":
        start += 1
    while end > start and text[end - 1] in " ,\n":
        end -= 1
    return _Mapped(text[start:end], mapped.starts[start:end], mapped.ends[start:end])


def _find_quotes(text: str) -> list[tuple[int, int]]:
    spans = []
    index = 0
    while (opener := _QUOTE_OPENER_RE.search(text, index)) is not None:
        index = opener.start()
        end = text.find(_QUOTE_PAIRS[opener.group()], index + 1, index + 1 + _MAX_QUOTE_LEN)
        if end > index + 1:
            spans.append((index, end + 1))
            index = end + 1
        else:
            index += 1
    return spans


class Normalizer:
    """Builds the canonical form of a message.

    ``to_simplified`` converts traditional to simplified Chinese (OpenCC t2s in the app); ``typos``
    maps common chat typos to the intended word and must keep the length (包油 → 包邮).
    """

    def __init__(self, to_simplified: Callable[[str], str], typos: Mapping[str, str] | None = None) -> None:
        self._to_simplified = to_simplified
        self._typos = dict(typos or {})
        for wrong, right in self._typos.items():
            if len(wrong) != len(right):
                raise ValueError(f"typo correction must keep the length: {wrong!r} → {right!r}")

    def normalize(self, original: str) -> NormalizedText:
        emoticons = find_emoticons(original)
        builder = _Builder()
        cursor = 0
        for hit in emoticons:
            builder.add_span(original[cursor : hit.start], cursor)
            builder.add(EMOTICON_MARK, hit.start, hit.end)
            cursor = hit.end
        builder.add_span(original[cursor:], cursor)

        mapped = _fold_width_and_case(builder.result())
        mapped = _convert_same_length(mapped, self._to_simplified)
        mapped = _apply_replacements(mapped, self._typos)
        mapped = _strip(_spaces_to_breaks(_fold_runs(mapped)))
        return NormalizedText(
            original=original,
            text=mapped.text,
            origin_start=tuple(mapped.starts),
            origin_end=tuple(mapped.ends),
            emoticons=tuple(emoticons),
            quoted=tuple(_find_quotes(mapped.text)),
        )


def opencc_t2s() -> Callable[[str], str]:
    """The traditional → simplified converter used by the app (OpenCC's t2s profile)."""
    import opencc

    return opencc.OpenCC("t2s").convert
