"""`play`, `chat` and `list`: sessions without a window."""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import IO

from simulator.cli.report_text import print_rubric, print_score
from simulator.detection.detector import TechniqueDetector
from simulator.domain.persona import OUTCOME_NAMES_ZH
from simulator.engine.records import TurnRecord
from simulator.engine.session import BuyerSession
from simulator.services.library import ContentLibrary
from simulator.services.play import session_json
from simulator.services.report_html import render_report
from simulator.services.score_json import rubric_json, score_json
from simulator.services.training import DEFAULT_TRAINEE, TrainingSession
from simulator.services.transcript import parse_transcript
from simulator.storage.database import open_database
from simulator.storage.repository import SessionRepository


def list_command(library: ContentLibrary, as_json: bool, out: IO[str]) -> int:
    personas = [
        {
            "id": persona.id,
            "name_zh": persona.name_zh,
            "name_en": persona.name_en,
            "type": persona.customer_type,
            "difficulty": persona.difficulty,
            "default_scenario": persona.default_scenario,
            "scenarios": [s for s in persona.scenarios if s in library.scenarios],
            "summary": persona.summary,
        }
        for persona in library.personas.values()
    ]
    scenarios = [
        {"id": s.id, "name_zh": s.name_zh, "name_en": s.name_en, "situation": s.situation.value}
        for s in library.scenarios.values()
    ]
    if as_json:
        out.write(
            json.dumps({"personas": personas, "scenarios": scenarios}, ensure_ascii=False, indent=2) + "\n"
        )
        return 0
    out.write("买家 Personas\n")
    for persona in personas:
        out.write(
            f"  {persona['id']:18s} {persona['name_zh']} · {persona['name_en']}"
            f"  难度 {persona['difficulty']}\n"
        )
    out.write("场景 Scenarios\n")
    for scenario in scenarios:
        out.write(
            f"  {scenario['id']:22s} {scenario['name_zh']} · {scenario['name_en']}"
            f" ({scenario['situation']})\n"
        )
    return 0


def _technique_names(detector: TechniqueDetector, record: TurnRecord) -> str:
    if record.detection is None or not record.detection.techniques:
        return ""
    names = [detector.catalogue.get(tid).name_zh for tid in record.detection.techniques]
    return "  〔" + "、".join(names) + "〕"


def print_record(
    session: BuyerSession, detector: TechniqueDetector, record: TurnRecord, out: IO[str]
) -> None:
    if record.text is not None:
        out.write(f"学员 [+{record.delay:.0f}s]: {record.text}{_technique_names(detector, record)}\n")
    for change in record.changes:
        out.write(
            f"      · {session.persona.variable_label(change.variable)} {change.before:g}→{change.after:g}"
            f"  ({change.cause.event}: {change.cause.note})\n"
        )
    if record.state_change is not None:
        change = record.state_change
        source = session.persona.state(change.source).label_zh
        dest = session.persona.state(change.dest).label_zh
        out.write(f"      ⇒ {source} → {dest}  ({change.cause.event}: {change.cause.note})\n")
    for line in record.buyer_lines:
        out.write(f"买家: {line}\n")


def print_outcome(session: BuyerSession, out: IO[str]) -> None:
    outcome = session.outcome()
    price = "—" if outcome.price is None else f"¥{outcome.price:g}"
    rating = "—" if outcome.satisfaction is None else f"{outcome.satisfaction}/5"
    out.write(
        f"\n结果 Outcome: {OUTCOME_NAMES_ZH[outcome.result.value]} ({outcome.result.value})"
        f" · 成交价 {price} · 满意度 {rating}\n"
    )


def play_command(
    library: ContentLibrary,
    detector: TechniqueDetector,
    persona_id: str,
    scenario_id: str | None,
    seed: int,
    transcript: Iterable[str] | Iterable[bytes],
    as_json: bool,
    out: IO[str],
    report: str | None = None,
    db_url: str | None = None,
    trainee: str = DEFAULT_TRAINEE,
) -> int:
    persona, scenario = library.pairing(persona_id, scenario_id)
    lines = parse_transcript(transcript)
    if report is not None:
        # Checked before the session runs (and is stored): a report that cannot be written is an
        # error now, not after the session was kept.
        folder = Path(report).resolve().parent
        if not folder.is_dir():
            raise ValueError(f"--report {report}: the folder {folder} does not exist")
        if not os.access(folder, os.W_OK):
            raise ValueError(f"--report {report}: the folder {folder} is not writable")
    repository = SessionRepository(open_database(db_url)) if db_url else None
    training = TrainingSession.start(
        library, detector, persona.id, scenario.id, seed, "practice", repository, trainee=trainee
    )
    rubric = training.rubric  # frozen before the session starts
    if not as_json:
        out.write(f"{persona.name_zh} ({persona.id}) · {scenario.name_zh} ({scenario.id}) · seed {seed}\n")
        print_rubric(rubric, library.catalogue, out)
    for line in lines:
        # Each message comes its delay after the buyer's last line (the transcript's [+Ns]).
        training.send(line.text, training.buyer.last_buyer_at + line.delay)
    card = training.finish()
    session = training.buyer
    if training.storage_error:
        print(f"simulator play: {training.storage_error}", file=sys.stderr)
    if report is not None:
        Path(report).write_text(render_report(session, card, library.catalogue, rubric), encoding="utf-8")
    if as_json:
        document = session_json(session)
        document["score"] = score_json(card)
        document["rubric"] = rubric_json(rubric)
        out.write(json.dumps(document, ensure_ascii=False) + "\n")
        return 0
    for record in session.history:
        print_record(session, detector, record, out)
    print_outcome(session, out)
    print_score(card, library.catalogue, out)
    if report is not None:
        out.write(f"\nHTML 报告已保存: {report}\n")
    return 0


def chat_command(
    library: ContentLibrary,
    detector: TechniqueDetector,
    persona_id: str,
    scenario_id: str | None,
    seed: int,
    stdin: IO[str],
    out: IO[str],
    db_url: str = "",
    trainee: str = DEFAULT_TRAINEE,
) -> int:
    persona, scenario = library.pairing(persona_id, scenario_id)
    repository = SessionRepository(open_database(db_url or None))
    training = TrainingSession.start(
        library, detector, persona.id, scenario.id, seed, "practice", repository, trainee=trainee
    )
    session, rubric = training.buyer, training.rubric
    out.write(f"{persona.name_zh} · {scenario.name_zh}  (输入 /end 结束, /quit 退出)\n")
    print_rubric(rubric, library.catalogue, out)
    for line in session.opening:
        out.write(f"买家: {line}\n")
    started = time.monotonic()
    while not session.finished:
        out.write("你: ")
        out.flush()
        text = stdin.readline()
        if not text or text.strip() in ("/end", "/quit"):
            break
        now = time.monotonic() - started
        tick = training.tick(now)
        if tick is not None and tick.record is not None:
            print_record(session, detector, tick.record, out)
            if session.finished:
                break
        step = training.send(text.rstrip("\n"), now)
        if step.note:
            out.write(f"(提示: {step.note})\n")
        for line in step.record.buyer_lines if step.record is not None else ():
            out.write(f"买家: {line}\n")
        if step.storage_error:
            out.write(f"(提示: {step.storage_error})\n")
    print_outcome(session, out)
    card = training.finish()
    print_score(card, library.catalogue, out)
    return 0


def read_transcript_source(path: str | None) -> IO[bytes]:
    """The transcript's bytes: parse_transcript decodes line by line and names a line that is not UTF-8."""
    if path is None or path == "-":
        if sys.stdin.isatty():
            raise ValueError("give --transcript FILE, or pipe a transcript into standard input")
        return sys.stdin.buffer
    return open(path, "rb")
