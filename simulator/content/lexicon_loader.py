"""Loads the word classes (catalogue/lexicons.yaml) that detection rules refer to as {NAME}.

Words are literal text, never regular expressions, so an instructor can add one without knowing
regex syntax. Two things are allowed inside a word: a macro of the catalogue such as ``{NUM}``
(给您退{NUM}元), and the homophone groups of the file, which let 卖的好 match 卖得好 and 在给您 match
再给您 the way real staff type them.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from simulator.content.document_cache import DocumentCache
from simulator.content.yaml_source import ContentError, ContentProblem, line_of, read_yaml, validate
from simulator.domain.lexicon import Lexicon, WordClass
from simulator.domain.pattern_cache import PatternCache

CLASS_NAME_RE = re.compile(r"[A-Z][A-Z0-9_]*")
_REFERENCE_RE = re.compile(r"\{([A-Z][A-Z0-9_]*)\}")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class WordClassModel(_Strict):
    label_zh: str = Field(min_length=1)
    label_en: str = Field(min_length=1)
    words: list[str] = []

    @field_validator("words", mode="before")
    @classmethod
    def _numbers_are_words(cls, value: Any) -> Any:
        # An unquoted 618 or 11 in a YAML list is a number; for a word list it is just the word.
        if isinstance(value, list):
            return [
                str(item) if isinstance(item, int | float) and not isinstance(item, bool) else item
                for item in value
            ]
        return value


class LexiconModel(_Strict):
    version: int = Field(ge=1)
    homophones: list[list[str]] = []
    classes: dict[str, WordClassModel] = {}


def word_regex(word: str, homophones: dict[str, str], macros: dict[str, str]) -> str:
    """One literal word as a regex: escaped, with {MACRO} expanded and homophones folded."""
    pieces: list[str] = []
    cursor = 0
    for match in _REFERENCE_RE.finditer(word):
        pieces.append(_literal(word[cursor : match.start()], homophones))
        pieces.append(f"(?:{macros[match.group(1)]})")
        cursor = match.end()
    pieces.append(_literal(word[cursor:], homophones))
    return "".join(pieces)


def class_regex(words: list[str], homophones: dict[str, str], macros: dict[str, str]) -> str:
    """All words of a class as one regex: plain words as a prefix tree (不(?:能|行|可以)), which is
    shorter to compile and quicker to match than a flat list; words with a {MACRO} listed apart.

    Longer words win over their prefixes (我们这边 over 我们), so a span covers the whole word.
    """
    plain = [word for word in words if not _REFERENCE_RE.search(word)]
    with_macros = sorted((word for word in words if _REFERENCE_RE.search(word)), key=len, reverse=True)
    trie: dict = {}
    for word in plain:
        node = trie
        for char in homophones_key(word, homophones):
            node = node.setdefault(char, {})
        node[""] = {}
    pieces = [word_regex(word, homophones, macros) for word in with_macros]
    if trie:
        pieces.append(_trie_regex(trie))
    return "|".join(pieces)


def homophones_key(word: str, homophones: dict[str, str]) -> list[str]:
    """The word as regex pieces, one per character: homophones folded, the rest escaped."""
    return [homophones.get(char, re.escape(char)) for char in word]


def _trie_regex(node: dict) -> str:
    branches = []
    ends_here = "" in node
    for piece in sorted(key for key in node if key):
        branches.append(piece + _trie_regex(node[piece]))
    if not branches:
        return ""
    # Longest first inside the group; an optional group when a word may also end here.
    body = (
        branches[0] if len(branches) == 1 else "(?:" + "|".join(sorted(branches, key=len, reverse=True)) + ")"
    )
    if ends_here:
        return body + "?" if len(branches) == 1 and len(branches[0]) == 1 else f"(?:{body})?"
    return body


def _literal(text: str, homophones: dict[str, str]) -> str:
    return "".join(homophones.get(char, re.escape(char)) for char in text)


def _homophone_classes(groups: list[list[str]]) -> dict[str, str]:
    folded: dict[str, str] = {}
    for group in groups:
        char_class = "[" + "".join(re.escape(char) for char in group) + "]"
        for char in group:
            folded[char] = char_class
    return folded


def _check(path: Path, document: Any, model: LexiconModel, macros: dict[str, str]) -> list[ContentProblem]:
    problems: list[ContentProblem] = []

    def problem(location: list[int | str], message: str) -> None:
        problems.append(ContentProblem(str(path), line_of(document, location), message))

    seen_chars: dict[str, int] = {}
    for index, group in enumerate(model.homophones):
        if len(group) < 2 or any(len(char) != 1 for char in group):
            problem(["homophones", index], "a homophone group lists two or more single characters")
        for char in group:
            if char in seen_chars and seen_chars[char] != index:
                problem(["homophones", index], f"{char!r} is already in homophone group {seen_chars[char]}")
            seen_chars[char] = index
    for name, word_class in model.classes.items():
        if not CLASS_NAME_RE.fullmatch(name):
            problem(["classes", name], f"class name {name!r} must be upper-case letters, digits and _")
        if name in macros:
            problem(["classes", name], f"class {name} has the name of a catalogue macro")
        if not word_class.words:
            problem(["classes", name, "words"], f"class {name} has no words")
        seen: set[str] = set()
        for index, word in enumerate(word_class.words):
            if not word:
                problem(["classes", name, "words", index], f"class {name}: an empty word")
            if word in seen:
                problem(["classes", name, "words", index], f"class {name}: {word!r} is listed twice")
            seen.add(word)
            for used in _REFERENCE_RE.findall(word):
                if used not in macros:
                    problem(
                        ["classes", name, "words", index],
                        f"class {name}: {word!r} uses {{{used}}}, which is not a catalogue macro",
                    )
    return problems


def load_lexicon(
    path: Path,
    macros: dict[str, str],
    documents: DocumentCache | None = None,
    patterns: PatternCache | None = None,
) -> Lexicon:
    """Read the word classes; ``macros`` are the catalogue's, usable inside words as {NAME}.

    With ``patterns``, each class's regex is compiled from the cache of compiled patterns."""
    if not path.exists():
        return Lexicon()
    document = read_yaml(path, documents)
    model = validate(path, document, LexiconModel)
    problems = _check(path, document, model, macros)
    if problems:
        raise ContentError(problems)
    homophones = _homophone_classes(model.homophones)
    classes = []
    for name, item in model.classes.items():
        regex = class_regex(item.words, homophones, macros)
        word_class = WordClass(
            name=name,
            label_zh=item.label_zh,
            label_en=item.label_en,
            words=tuple(item.words),
            regex=regex,
            line=line_of(document, ["classes", name]),
        )
        if patterns is not None:
            compiled = patterns.compile(regex)
            if isinstance(compiled, re.Pattern):  # a plain word list always is
                word_class.__dict__["pattern"] = compiled  # what cached_property stores
            word_class.__dict__["grams"] = patterns.required_grams(regex)
        classes.append(word_class)
    return Lexicon(classes=tuple(classes), homophones=tuple(tuple(group) for group in model.homophones))
