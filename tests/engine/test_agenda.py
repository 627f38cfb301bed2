"""The buyer's agenda: its question and its worry, open until answered; a wrong answer is noticed."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from simulator.content.yaml_source import ContentError
from simulator.detection.detector import TechniqueDetector
from simulator.domain.scenario import BuyerQuestion
from simulator.engine.agenda import ASK_AGAIN_AFTER, Agenda
from simulator.engine.session import BuyerSession
from simulator.services.library import ContentLibrary
from simulator.services.scoring import score

SIZE = BuyerQuestion("question", "穿多大码", "尺码", ("size_correct",), ("M码",), ("size_wrong",))
WORRY = BuyerQuestion("worry", "会不会起球", "质量", ("reassurance",), ("起球",))


def test_a_question_opens_only_when_the_buyer_says_it() -> None:
    agenda = Agenda.of([SIZE, WORRY])
    assert agenda.open_questions == ()
    agenda = agenda.asked(["你好,我想问下穿多大码?"])
    assert agenda.open_questions == (SIZE,)
    assert agenda.asked(["那会不会起球呢"]).open_questions == (SIZE, WORRY)


def test_each_open_question_is_answered_by_its_own_topic() -> None:
    agenda = Agenda.of([SIZE, WORRY]).asked(["穿多大码?会不会起球?"])
    events, agenda = agenda.after_reply(["reassurance"], "亲放心")
    assert events == ["question_answered"] and agenda.open_questions == (SIZE,)
    assert [note.question for note in agenda.notes] == [WORRY.text]
    events, agenda = agenda.after_reply([], "建议您拿m码哦")  # canonical text is lower case
    assert events == ["question_answered"] and agenda.open_questions == ()


def test_an_answered_question_is_not_opened_again() -> None:
    agenda = Agenda.of([WORRY]).asked(["会不会起球"])
    _, agenda = agenda.after_reply([], "不起球的")
    assert agenda.asked(["会不会起球"]).open_questions == ()


def test_a_wrong_answer_keeps_the_question_open_and_is_noted() -> None:
    agenda = Agenda.of([SIZE]).asked(["穿多大码"])
    events, agenda = agenda.after_reply(["size_advice", "size_wrong", "size_correct"], "拿l码")
    assert events == ["question_answered_wrong"] and agenda.open_questions == (SIZE,)
    assert agenda.notes[0].topic == "尺码" and agenda.pressing == SIZE.text


@pytest.mark.parametrize("replies", [ASK_AGAIN_AFTER - 1, ASK_AGAIN_AFTER])
def test_the_buyer_asks_again_after_replies_that_leave_it_open(replies: int) -> None:
    agenda = Agenda.of([SIZE, WORRY]).asked(["穿多大码"])
    events: list[str] = []
    for _ in range(replies):
        events, agenda = agenda.after_reply(["greeting"], "亲在的")
    pressed = replies >= ASK_AGAIN_AFTER
    assert ("question_unanswered" in events) is pressed
    assert agenda.pressing == SIZE.text  # the one open question, pressed or not


def test_the_buyer_presses_the_question_it_asks_again(
    library: ContentLibrary, detector: TechniqueDetector
) -> None:
    persona, scenario = library.pairing("friendly", "cardigan")
    worry_first = dataclasses.replace(
        scenario,
        buyer=dataclasses.replace(scenario.buyer, questions=scenario.buyer.questions[::-1]),
    )
    session = BuyerSession(persona, worry_first, detector, 1)
    session.receive("亲 在的哦", 8.0)
    record = session.receive("这款是常规版型", session.last_buyer_at + 8)
    assert "question_unanswered" in record.events
    assert any(scenario.buyer.question in line for line in record.buyer_lines)  # the open one, not the worry


def test_a_wrong_material_answer_is_noticed_and_reported(
    library: ContentLibrary, detector: TechniqueDetector
) -> None:
    persona, scenario = library.pairing("analytical", "cotton_tshirt")
    session = BuyerSession(persona, scenario, detector, 1)
    wrong = session.receive("亲 是纯棉的哦 放心", 10.0)
    assert "material_wrong" in wrong.events and "question_answered_wrong" in wrong.events
    assert wrong.open_questions == (scenario.buyer.question,)
    right = session.receive("亲 成分是95%棉加5%氨纶 不是纯棉哦", session.last_buyer_at + 10)
    assert "question_answered" in right.events and right.open_questions == ()
    card = score(session, library.catalogue, library.rubric(persona, scenario))
    (item,) = [item for item in card.items if item.rule == "question_answered_wrong"]
    assert item.turn == 1 and scenario.buyer.question in item.reason and "材质" in item.reason
    assert not [item for item in card.items if item.rule == "question_left_open"]


def test_the_report_lists_a_question_left_open_at_the_end(
    library: ContentLibrary, detector: TechniqueDetector
) -> None:
    persona, scenario = library.pairing("friendly", "cardigan")
    session = BuyerSession(persona, scenario, detector, 1)
    session.receive("亲 在的哦", 8.0)
    card = score(session, library.catalogue, library.rubric(persona, scenario))
    (item,) = [item for item in card.items if item.rule == "question_left_open"]
    assert scenario.buyer.question in item.reason and item.turn == 1


def test_an_answer_for_a_line_the_buyer_does_not_have_is_a_content_error(tmp_path: Path) -> None:
    from simulator.content.scenario_loader import load_scenario

    source = Path(__file__).resolve().parents[2] / "scenarios" / "cardigan.yaml"
    text = source.read_text(encoding="utf-8").replace("  worry: 穿久了会不会起球\n", "")
    path = tmp_path / "cardigan.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError, match="no worry to answer"):
        load_scenario(path)


def test_the_buyer_does_not_ask_again_what_a_reply_answered(
    library: ContentLibrary, detector: TechniqueDetector
) -> None:
    persona, scenario = library.pairing("analytical", "cotton_tshirt")
    for seed in range(6):  # the idle and follow-up lines are picked at random: several seeds
        session = BuyerSession(persona, scenario, detector, seed)
        session.receive("亲 成分是95%棉加5%氨纶 不是纯棉哦", 10.0)
        lines = []
        for text in ["亲 这款做工很好的", "159元主要是用料好 220克精梳棉", "嗯嗯", "亲还在吗"]:
            lines += session.receive(text, session.last_buyer_at + 10).buyer_lines
        assert lines and not any(scenario.buyer.question in line for line in lines), (seed, lines)


def test_an_analytical_buyer_trusts_a_straight_answer_more(
    library: ContentLibrary, detector: TechniqueDetector
) -> None:
    persona, scenario = library.pairing("analytical", "leather_shoes")
    answered = BuyerSession(persona, scenario, detector, 1)
    answered.receive("亲 鞋面是头层牛皮的哦", 10.0)
    dodged = BuyerSession(persona, scenario, detector, 1)
    dodged.receive("亲 这款鞋很好穿的哦", 10.0)
    assert answered.variables["trust"] > dodged.variables["trust"]
