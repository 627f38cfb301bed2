"""The engine's own promises: determinism, causes, the clock, the floor price, any input."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator.detection.detector import TechniqueDetector
from simulator.domain.persona import Outcome
from simulator.engine.session import BuyerSession
from simulator.services.library import ContentLibrary
from simulator.services.play import run_transcript, session_json
from simulator.services.transcript import TranscriptLine, parse_transcript


def new_session(
    library: ContentLibrary, detector: TechniqueDetector, persona_id: str, seed: int = 1
) -> BuyerSession:
    persona = library.persona(persona_id)
    return BuyerSession(persona, library.scenario(persona.default_scenario), detector, seed)


def test_same_seed_and_transcript_give_the_same_session(
    library: ContentLibrary, detector: TechniqueDetector
) -> None:
    lines = parse_transcript(["亲,99已经是活动价了哈", "那给您包邮吧😊", "[+50s] 您要黑色还是棕色?"])
    persona = library.persona("haggler")
    scenario = library.scenario(persona.default_scenario)
    first = session_json(run_transcript(persona, scenario, detector, 7, lines))
    second = session_json(run_transcript(persona, scenario, detector, 7, lines))
    assert json.dumps(first, ensure_ascii=False) == json.dumps(second, ensure_ascii=False)


def test_the_buyer_opens_the_conversation(library: ContentLibrary, detector: TechniqueDetector) -> None:
    for persona_id in library.personas:
        session = new_session(library, detector, persona_id)
        assert session.opening and all(line.strip() for line in session.opening), persona_id
        assert "{" not in "".join(session.opening), "placeholders are filled in"


def test_every_change_names_its_cause(library: ContentLibrary, detector: TechniqueDetector) -> None:
    session = new_session(library, detector, "haggler")
    record = session.receive("亲,99已经是活动价了哈,价格对每位顾客都一样~😊", 8.0)
    assert record.changes
    for change in record.changes:
        assert change.cause.turn == 1 and change.cause.note and change.cause.line > 0
    assert record.state_change is not None
    assert record.state_change.cause.event == "hold_price" and record.state_change.cause.line > 0


def test_a_big_price_drop_invites_more_haggling(library: ContentLibrary, detector: TechniqueDetector) -> None:
    session = new_session(library, detector, "haggler")
    offer_before = session.variables["offer"]
    record = session.receive("行吧,80给你", 10.0)
    assert {"concession_big", "price_below_floor"} <= set(record.events)
    assert session.variables["offer"] < offer_before
    assert session.book.current == 80


def test_no_purchase_below_the_floor_price(library: ContentLibrary, detector: TechniqueDetector) -> None:
    session = new_session(library, detector, "haggler")
    for text in [
        "亲,价格确实是最低了哈,给您包邮😊",
        "这双是头层牛皮,一分钱一分货",
        "好吧,给您85,您要黑色还是棕色?",
    ]:
        session.receive(text, session.last_buyer_at + 10)
    assert session.book.current == 85
    assert session.outcome().result is not Outcome.PURCHASED


def test_slow_replies_drain_patience_and_the_buyer_leaves(
    library: ContentLibrary, detector: TechniqueDetector
) -> None:
    session = new_session(library, detector, "haggler")
    patience = session.variables["patience"]
    session.receive("在的亲", 100.0)
    assert session.variables["patience"] < patience - 10
    assert session.tick(session.last_buyer_at + 5) is None
    waiting = session.tick(session.last_buyer_at + session.persona.leave_after_seconds + 1)
    assert waiting is not None and session.finished
    assert session.outcome().result is Outcome.LEFT
    late = session.receive("不好意思久等了", session.last_buyer_at + 400)
    assert late.buyer_lines == []


def test_a_message_after_the_buyer_gave_up_is_not_read(
    library: ContentLibrary, detector: TechniqueDetector
) -> None:
    lines = [TranscriptLine("[+0s]", 10), TranscriptLine("亲,在的", 600)]
    persona = library.persona("haggler")
    session = run_transcript(persona, library.scenario(persona.default_scenario), detector, 1, lines)
    assert session.outcome().result is Outcome.LEFT
    turns = session_json(session)["turns"]
    assert turns[-1]["state"] == "left" and turns[-1]["buyer"], "the leaving line is shown with that message"


HOSTILE = [
    "",
    "   ",
    "😊😊😊",
    "hello?",
    "<b>bold</b><img src=x>",
    "&lt;script&gt;",
    "\x00\x1b[31m",
    "啊" * 20_000,
    "?" * 50,
]
REALISTIC = [
    "亲,在的哦",
    "您好,欢迎光临~",
    "价格已经是最低了哈",
    "可以给您包邮,再送个小礼品",
    "行吧,给您便宜10块",
    "不讲价",
    "爱买不买",
    "您要黑色还是棕色?",
    "现在拍今天就能发出哦",
    "非常抱歉,是我们的问题,马上给您补发",
    "这是快递的问题,跟我们没关系",
    "肯定明天到",
    "运费10元",
    "建议拍M码",
    "加我微信,私下转账便宜点",
]


@given(
    persona_index=st.integers(min_value=0, max_value=20),
    seed=st.integers(min_value=0, max_value=10_000),
    messages=st.lists(
        st.tuples(st.sampled_from(REALISTIC + HOSTILE) | st.text(max_size=40), st.floats(0, 400)), max_size=12
    ),
)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_mix_of_messages_keeps_the_buyer_in_a_valid_state(
    library: ContentLibrary,
    detector: TechniqueDetector,
    persona_index: int,
    seed: int,
    messages: list[tuple[str, float]],
) -> None:
    persona_ids = sorted(library.personas)
    persona = library.persona(persona_ids[persona_index % len(persona_ids)])
    lines = [TranscriptLine(text, delay) for text, delay in messages]
    scenario = library.scenario(persona.default_scenario)
    session = run_transcript(persona, scenario, detector, seed, lines)
    states = {state.name for state in persona.states}
    assert session.state in states
    for name, (low, high) in ((v.name, (v.minimum, v.maximum)) for v in persona.variables):
        assert low <= session.variables[name] <= high
    for record in session.history:
        assert record.state in states
        assert all(isinstance(line, str) and "{" not in line for line in record.buyer_lines)
    again = run_transcript(persona, scenario, detector, seed, lines)
    assert session_json(again) == session_json(session)


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_input_gets_an_answer_or_silence(
    library: ContentLibrary, detector: TechniqueDetector, text: str
) -> None:
    for persona_id in library.personas:
        session = new_session(library, detector, persona_id)
        record = session.receive(text, 5.0)
        assert record.state in {state.name for state in session.persona.states}


def test_a_temperament_opens_with_the_case_of_the_scenario(
    library: ContentLibrary, detector: TechniqueDetector
) -> None:
    """One domineering script: before a sale it demands, after a sale it first names what went wrong."""
    persona = library.persona("domineering")
    for scenario_id in persona.scenarios:
        scenario = library.scenario(scenario_id)
        opening = "".join(BuyerSession(persona, scenario, detector, 3).opening)
        assert scenario.buyer.demand in opening
        if scenario.situation.value == "aftersale":
            assert scenario.buyer.complaint in opening
        for other in library.scenarios.values():
            if other.product.kind and other.product.kind != scenario.product.kind:
                assert other.product.kind not in opening, (scenario_id, opening)


def test_the_buyers_question_stays_open_until_a_reply_answers_it(
    library: ContentLibrary, detector: TechniqueDetector
) -> None:
    persona, scenario = library.pairing("friendly", "cardigan")
    session = BuyerSession(persona, scenario, detector, 1)
    assert session.question_open  # the opening asked which colours there are
    patience = session.variables["patience"]
    first = session.receive("亲 在的哦 欢迎光临", 8.0)
    assert "question_unanswered" not in first.events and session.question_open
    second = session.receive("这款是常规版型 很好穿的", session.last_buyer_at + 8)
    assert "question_unanswered" in second.events
    assert session.variables["patience"] < patience
    assert any(scenario.buyer.question in line for line in second.buyer_lines)  # asked again
    third = session.receive("有燕麦色 酒红色和藏青色三个颜色哦", session.last_buyer_at + 8)
    assert "question_answered" in third.events and not session.question_open


def test_a_buyer_that_never_asks_has_no_open_question(
    library: ContentLibrary, detector: TechniqueDetector
) -> None:
    persona, scenario = library.pairing("haggler", "cardigan")
    session = BuyerSession(persona, scenario, detector, 1)
    session.receive("亲 在的", 8.0)
    record = session.receive("这款是常规版型", session.last_buyer_at + 8)
    assert not session.question_open and "question_unanswered" not in record.events


def test_the_report_lists_an_unanswered_question(
    library: ContentLibrary, detector: TechniqueDetector
) -> None:
    from simulator.services.scoring import score

    persona, scenario = library.pairing("analytical", "silk_dress")
    session = BuyerSession(persona, scenario, detector, 1)
    session.receive("亲 在的", 8.0)
    session.receive("欢迎光临小店", session.last_buyer_at + 8)
    card = score(session, library.catalogue, library.rubric(persona, scenario))
    (item,) = [item for item in card.items if item.rule == "question_unanswered"]
    assert scenario.buyer.question in item.reason and item.turn == 2


def test_a_turn_returns_one_complete_record_and_the_session_takes_it_whole(
    library: ContentLibrary, detector: TechniqueDetector
) -> None:
    import dataclasses

    session = new_session(library, detector, "haggler")
    variables = dict(session.variables)
    record = session.receive("行吧,80给你", 10.0)
    with pytest.raises(dataclasses.FrozenInstanceError):
        record.state = "left"  # type: ignore[misc]
    for change in record.changes:  # every change the record names is the session's value now …
        variables[change.variable] = change.after
    assert variables == session.variables  # … and nothing changed that the record does not name
    assert record.state == session.state and session.history[-1] is record
    assert record.facts["price"] == session.book.current == 80


def test_reading_an_offer_hands_back_a_new_price_book(
    library: ContentLibrary, detector: TechniqueDetector
) -> None:
    from simulator.engine.fact_events import PriceBook, find_facts
    from simulator.engine.reader import read_facts

    scenario = library.scenario("leather_shoes")
    words = detector.catalogue.words
    book = PriceBook.for_scenario(scenario)
    canonical = detector.normalize("给您算80吧").text
    findings = find_facts(
        scenario,
        book,
        detector.detect("给您算80吧"),
        canonical,
        read_facts(scenario, canonical, words),
        words,
    )
    assert findings.book is not None and findings.book.current == 80 and findings.book.steps == (19.0,)
    assert book == PriceBook.for_scenario(scenario)  # the book read from is untouched
