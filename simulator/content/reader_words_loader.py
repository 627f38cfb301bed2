"""Loads catalogue/reader_words.yaml: the patterns the number reader uses, every error with FILE:LINE."""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from simulator.content.document_cache import DocumentCache
from simulator.content.yaml_source import ContentError, ContentProblem, line_of, read_yaml, validate
from simulator.domain.pattern_cache import PatternCache
from simulator.domain.reader_words import ReaderWords
from simulator.domain.regex_safety import backtracking_risks

READER_WORDS_FILE = "reader_words.yaml"


class ReaderWordsModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    patterns: dict[str, str]


def load_reader_words(
    path: Path, cache: PatternCache | None = None, documents: DocumentCache | None = None
) -> ReaderWords:
    cache = cache or PatternCache()
    document = read_yaml(path, documents)
    model = validate(path, document, ReaderWordsModel)
    problems: list[ContentProblem] = []
    compiled: dict[str, re.Pattern[str]] = {}
    names = ReaderWords.names()
    for name, regex in model.patterns.items():
        where = line_of(document, ["patterns", name])
        if name not in names:
            problems.append(
                ContentProblem(str(path), where, f"unknown pattern {name!r}; known: {', '.join(names)}")
            )
            continue
        try:
            pattern = cache.compile(regex)
        except re.error as error:
            problems.append(
                ContentProblem(str(path), where, f"{name}: regular expression does not compile: {error}")
            )
            continue
        if isinstance(pattern, re.Pattern):
            compiled[name] = pattern
            continue
        # The number reader reads every message: a pattern that can backtrack for seconds is refused.
        for risk in backtracking_risks(regex):
            problems.append(ContentProblem(str(path), where, f"{name}: could backtrack for seconds: {risk}"))
    for name in names:
        if name not in model.patterns:
            problems.append(
                ContentProblem(str(path), line_of(document, ["patterns"]), f"pattern {name!r} is missing")
            )
    if problems:
        raise ContentError(problems)
    return ReaderWords(**compiled)


__all__ = ["READER_WORDS_FILE", "load_reader_words"]
