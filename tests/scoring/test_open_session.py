"""An unfinished session is judged on what happened, and every score says why it passed or failed."""

from __future__ import annotations

import shutil
from pathlib import Path

from simulator.app import ContentPaths, load_library
from simulator.detection.detector import TechniqueDetector
from simulator.domain.persona import Outcome
from simulator.engine.session import BuyerSession
from simulator.scoring.scorecard import ScoreCard
from simulator.services.library import ContentLibrary
from simulator.services.scoring import score

# A friendly buyer in the cardigan shop, well served for four messages but not yet decided.
WELL_HANDLED = [
    "亲 您好 欢迎光临小店 在的哦😊",
    "有燕麦色 酒红色和藏青色三个颜色哦 给妈妈的话燕麦色很百搭显气质",
    "这款是羊毛混纺的 有一点起球是正常的 用粘毛器打理一下就好 我们也送您一个小毛球修剪器哦",
    "阿姨平时穿多大码呀 我帮您看看尺码",
]


def play(
    library: ContentLibrary, detector: TechniqueDetector, lines: list[str]
) -> tuple[BuyerSession, ScoreCard]:
    persona, scenario = library.pairing("friendly", "cardigan")
    session = BuyerSession(persona, scenario, detector, 1)
    for line in lines:
        session.receive(line, session.last_buyer_at + 10)
    return session, score(session, library.catalogue, library.rubric(persona, scenario))


def test_a_well_handled_unfinished_session_can_pass(
    library: ContentLibrary, detector: TechniqueDetector
) -> None:
    session, card = play(library, detector, WELL_HANDLED)
    # 4 or 5: whether 送您一个小毛球修剪器 beside a quality answer counts as a perk is the scorer's
    # call (its veto on small_generosity, chosen on held-out writers, puts it just under).
    assert session.outcome().result is Outcome.OPEN and session.outcome().satisfaction >= 4
    assert card.passed and card.total >= card.pass_mark
    assert "买家还没做决定" in card.verdict and "接待了4句" in card.verdict and "及格" in card.verdict


def test_an_unfinished_session_too_short_to_judge_fails_and_says_so(
    library: ContentLibrary, detector: TechniqueDetector
) -> None:
    _, card = play(library, detector, WELL_HANDLED[:2])
    assert not card.passed
    assert card.verdict.startswith("不及格") and "只接待了2句(至少4句" in card.verdict


def test_an_unfinished_session_with_the_question_still_open_fails(
    library: ContentLibrary, detector: TechniqueDetector
) -> None:
    lines = [WELL_HANDLED[0], "这款是常规版型 很好穿的", "这款是常规版型 版型很正", "亲 还在吗😊"]
    session, card = play(library, detector, lines)
    assert session.outcome().result is Outcome.OPEN and session.outcome().satisfaction == 4
    assert session.open_questions and not card.passed
    assert "买家还有问题没有得到回答" in card.verdict


def test_a_finished_session_says_why_it_passed_or_failed(
    library: ContentLibrary, detector: TechniqueDetector
) -> None:
    _, card = play(library, detector, ["滚"])
    assert not card.passed and card.verdict.startswith("不及格:触犯了红线") and "辱骂买家" in card.verdict


def test_the_open_session_rule_is_the_rubrics_to_change(
    tmp_path: Path, library: ContentLibrary, detector: TechniqueDetector
) -> None:
    for folder in ("catalogue", "personas", "scenarios", "rubrics", "assets/products"):
        shutil.copytree(ContentPaths().root / folder, tmp_path / folder)
    common = tmp_path / "rubrics" / "common.yaml"
    text = common.read_text(encoding="utf-8").replace("min_turns: 4 ", "min_turns: 6 ")
    common.write_text(text, encoding="utf-8")
    stricter = load_library(ContentPaths(tmp_path))
    persona, scenario = stricter.pairing("friendly", "cardigan")
    session = BuyerSession(persona, scenario, detector, 1)
    for line in WELL_HANDLED:
        session.receive(line, session.last_buyer_at + 10)
    card = score(session, stricter.catalogue, stricter.rubric(persona, scenario))
    assert not card.passed and "至少6句" in card.verdict
