"""Fuzzing as tests (issue 13): whatever a content file, a transcript or a detect line holds, the
answer is a FILE:LINE problem, a named line or one JSON line — never an exception or a hang."""

from __future__ import annotations

import functools
import io
import json
import random
import string
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator.app import ContentPaths, build_detector, load_library
from simulator.cli.detect_command import run_detect
from simulator.content.persona_loader import load_persona
from simulator.content.scenario_loader import load_scenario
from simulator.content.yaml_source import ContentError, read_yaml
from simulator.detection.detector import TechniqueDetector
from simulator.services.hygiene import clean_text
from simulator.services.library import ContentLibrary
from simulator.services.training import TrainingSession
from simulator.services.transcript import MAX_DELAY_SECONDS, TranscriptError, parse_transcript
from simulator.storage.database import open_database
from simulator.storage.repository import SessionRepository

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@functools.cache
def content() -> tuple[ContentLibrary, TechniqueDetector]:
    library = load_library()
    return library, build_detector(library.catalogue)


# YAML: plain data round-trips; any text is data or a ContentError ---------------------------------

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.text(st.characters(blacklist_categories=["Cs", "Cc"]), max_size=20),
)
documents = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(string.ascii_lowercase, min_size=1, max_size=6), inner, max_size=4)
    ),
    max_leaves=30,
)


@FUZZ
@given(data=documents)
def test_plain_data_reads_back_as_written(tmp_path: Path, data: object) -> None:
    path = tmp_path / "data.yaml"
    path.write_text(yaml.safe_dump({"root": data}, allow_unicode=True), encoding="utf-8")
    assert read_yaml(path).data == yaml.safe_load(path.read_text(encoding="utf-8"))


yaml_soup = st.lists(
    st.sampled_from([*"ab:-[]{}&*!|>'\"#, \n\t?%@`", "&a ", "*a", "<<: *a", "---\n", "...\n", "  ", "- "]),
    max_size=80,
).map("".join)


@FUZZ
@given(text=yaml_soup)
def test_any_yaml_text_is_data_or_a_problem_on_a_line(tmp_path: Path, text: str) -> None:
    path = tmp_path / "soup.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        read_yaml(path)
    except ContentError as error:
        assert error.problems and all(problem.path == str(path) for problem in error.problems)
        assert all(0 <= problem.line <= text.count("\n") + 2 for problem in error.problems)


def _mutations(text: str, rng: random.Random) -> str:
    lines = text.splitlines(keepends=True)
    for _ in range(rng.randint(1, 4)):
        if not lines:
            break
        index = rng.randrange(len(lines))
        action = rng.choice(["drop", "duplicate", "indent", "garble", "swap"])
        if action == "drop":
            del lines[index]
        elif action == "duplicate":
            lines.insert(index, lines[index])
        elif action == "indent":
            lines[index] = "   " + lines[index]
        elif action == "garble":
            line = lines[index]
            cut = rng.randrange(len(line) + 1)
            lines[index] = line[:cut] + rng.choice([":", "- ", "[", "&x ", "*x", "{", "'", "\t"]) + line[cut:]
        else:
            other = rng.randrange(len(lines))
            lines[index], lines[other] = lines[other], lines[index]
    return "".join(lines)


@FUZZ
@given(seed=st.integers(0, 10**6), which=st.integers(0, 100))
def test_a_damaged_shipped_file_is_a_problem_with_a_line_not_a_crash(
    tmp_path: Path, seed: int, which: int
) -> None:
    library, _ = content()
    paths = ContentPaths()
    files = sorted(paths.personas.glob("*.yaml")) + sorted(paths.scenarios.glob("*.yaml"))
    original = files[which % len(files)]
    damaged = tmp_path / original.name
    damaged.write_text(
        _mutations(original.read_text(encoding="utf-8"), random.Random(seed)), encoding="utf-8"
    )
    try:
        if original.parent == paths.personas:
            load_persona(damaged, library.catalogue.ids, set(library.scenarios))
        else:
            load_scenario(damaged)
    except ContentError as error:
        assert all(problem.path == str(damaged) and problem.line >= 0 for problem in error.problems)


# Transcripts: every line is a message with a sane delay, or a TranscriptError naming it ---------------

transcript_lines = st.lists(
    st.one_of(
        st.binary(max_size=40),
        st.text(max_size=40).map(lambda text: text.encode("utf-8", "surrogatepass")),
        st.from_regex(r"\[[+-]?[0-9eE.NaIinf ]{0,12}s\] ?[a-z你好]{0,5}", fullmatch=True).map(str.encode),
    ),
    max_size=8,
)


@FUZZ
@given(lines=transcript_lines)
def test_any_transcript_is_messages_with_sane_delays_or_a_named_line(lines: list[bytes]) -> None:
    try:
        messages = parse_transcript(line + b"\n" for line in lines)
    except TranscriptError as error:
        assert str(error).startswith("line ")
        return
    for message in messages:
        assert 0 <= message.delay <= MAX_DELAY_SECONDS
        assert message.text == clean_text(message.text)
        message.text.encode("utf-8")  # storable and printable


# detect: one JSON line out for every line in ------------------------------------------------------

detect_lines = st.lists(
    st.one_of(
        st.binary(max_size=60),
        st.text(max_size=60).map(lambda text: text.encode("utf-8", "surrogatepass")),
        st.builds(lambda text: json.dumps({"text": text}).encode(), st.text(max_size=30)),
        st.integers(1, 3000).map(lambda depth: b"[" * depth + b"]" * depth),
        st.integers(1, 3000).map(lambda depth: b'{"text": ' * depth),
    ),
    min_size=1,
    max_size=6,
)


@FUZZ
@given(lines=detect_lines)
def test_detect_answers_every_line_with_one_json_line(lines: list[bytes]) -> None:
    _, detector = content()
    lines = [line.replace(b"\n", b" ").replace(b"\r", b" ") for line in lines]
    out, err = io.StringIO(), io.StringIO()
    run_detect(detector, lines, out, err)
    # JSON lines end with "\n" only: U+0085 or U+2028 inside a text are characters, not line ends.
    records = [json.loads(row) for row in out.getvalue().split("\n")[:-1]]
    assert len(records) == len(lines)
    assert all(isinstance(record["techniques"], list) for record in records)


# A session: any message is answered, stored cleanly, and rebuilt the same -------------------------

messages = st.lists(
    st.one_of(
        st.text(max_size=80),
        st.sampled_from(
            [
                "亲 在的哦",
                "99已经是活动价了哈",
                "还是还是还是还是还是还是还是还是还是还是还是还是还是还是还是268",
                "\u202e反转\u0000",
            ]
        ),
    ),
    min_size=1,
    max_size=5,
)


@FUZZ
@given(texts=messages)
def test_any_message_is_answered_stored_clean_and_rebuilt_the_same(texts: list[str]) -> None:
    library, detector = content()
    repository = SessionRepository(open_database("sqlite://"))
    training = TrainingSession.start(library, detector, "haggler", "leather_shoes", 3, "practice", repository)
    clock = 0.0
    for text in texts:
        if training.finished:
            break
        clock = training.buyer.last_buyer_at + 8.0
        step = training.send(text, clock)
        assert step.record is not None and not step.storage_error
    training.finish()
    assert training.session_id is not None
    stored = repository.load(training.session_id)
    assert all(message.text == clean_text(message.text) for message in stored.messages)
    rebuilt = TrainingSession.rebuilt(library, detector, stored)
    rebuilt.finish()
    assert rebuilt.document() == TrainingSession.stored_view(stored)
