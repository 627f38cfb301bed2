"""Claims checked against the scenario: each false one is a wrong fact the buyer reacts to and the
score quotes with the scenario fact, and a technique said on it earns nothing."""

from __future__ import annotations

import pytest

from simulator.detection.detector import TechniqueDetector
from simulator.engine.session import BuyerSession
from simulator.services.library import ContentLibrary
from simulator.services.scoring import score

# (scenario, a false claim, the event, words of the scenario fact the score item must quote)
FALSE_CLAIMS = [
    ("cardigan", "阿姨158 120斤的话建议拿XL码哦", "size_wrong", "L码"),
    ("cardigan", "这款只剩2件了 喜欢的话抓紧拍哦", "stock_wrong", "236"),
    ("cotton_tshirt", "亲 这款是纯棉的 穿着很舒服", "material_wrong", "95%棉"),
    ("cardigan", "晚上8点前拍今天就能给您发出", "dispatch_wrong", "16:00"),
    ("glass_cup_aftersale", "麻烦您先把碎的杯子寄回来 我们收到再补发", "policy_wrong", "不用寄回"),
    ("wrong_size_aftersale", "换码可以的 不过寄回的运费您自己出哦", "policy_wrong", "运费险理赔"),
]


def session_for(library: ContentLibrary, detector: TechniqueDetector, persona_id: str, scenario_id: str):
    return BuyerSession(library.persona(persona_id), library.scenario(scenario_id), detector, 1)


@pytest.mark.parametrize(("scenario_id", "text", "event", "quoted"), FALSE_CLAIMS)
def test_a_false_claim_is_a_wrong_fact_quoting_the_scenario(
    library: ContentLibrary, detector: TechniqueDetector, scenario_id: str, text: str, event: str, quoted: str
) -> None:
    persona = (
        "self_centered" if library.scenario(scenario_id).situation.value == "aftersale" else "analytical"
    )
    session = session_for(library, detector, persona, scenario_id)
    record = session.receive(text, 8.0)
    assert event in record.events
    card = score(session, library.catalogue, library.rubric(session.persona, session.scenario))
    (item,) = [item for item in card.items if item.rule == event]
    assert item.points < 0 and quoted in item.reason, item.reason
    assert "{" not in item.reason and "{" not in item.better


@pytest.mark.parametrize(
    "persona_id", ["friendly", "domineering", "analytical", "haggler", "pick_then_abandon"]
)
@pytest.mark.parametrize(("scenario_id", "text", "event", "quoted"), FALSE_CLAIMS[:4])
def test_every_buyer_notices_a_false_claim(
    library: ContentLibrary,
    detector: TechniqueDetector,
    persona_id: str,
    scenario_id: str,
    text: str,
    event: str,
    quoted: str,
) -> None:
    session = session_for(library, detector, persona_id, scenario_id)
    trust_before = session.variables.get("trust")
    record = session.receive(text, 8.0)
    caused = [change for change in record.changes if change.cause.event == event]
    assert caused, f"{persona_id} does not react to {event}: {record.events}"
    if trust_before is not None:
        assert session.variables["trust"] < trust_before


def test_the_self_centred_buyer_notices_a_false_policy(
    library: ContentLibrary, detector: TechniqueDetector
) -> None:
    session = session_for(library, detector, "self_centered", "glass_cup_aftersale")
    record = session.receive(FALSE_CLAIMS[4][1], 8.0)
    assert any(change.cause.event == "policy_wrong" for change in record.changes)


def test_wrong_size_advice_earns_no_technique_points(
    library: ContentLibrary, detector: TechniqueDetector
) -> None:
    session = session_for(library, detector, "friendly", "cardigan")
    record = session.receive("阿姨158 120斤的话建议拿XL码哦", 8.0)
    assert record.detection is not None and "size_advice" in record.detection.techniques
    assert "size_advice" not in record.events  # the buyer hears the wrong size, not the advice
    card = score(session, library.catalogue, library.rubric(session.persona, session.scenario))
    advice = [item for item in card.items if item.rule == "size_advice"]
    assert advice and all(item.points == 0 for item in advice)
    (technique_item,) = [item for item in advice if item.component == "techniques"]
    assert "尺码推荐错误" in technique_item.reason


def test_right_size_advice_still_earns(library: ContentLibrary, detector: TechniqueDetector) -> None:
    session = session_for(library, detector, "friendly", "cardigan")
    record = session.receive("阿姨158 120斤的话建议拿L码哦 常规版型", 8.0)
    assert {"size_advice", "size_correct"} <= set(record.events)
    card = score(session, library.catalogue, library.rubric(session.persona, session.scenario))
    assert any(item.rule == "size_advice" and item.points > 0 for item in card.items)


@pytest.mark.parametrize(
    ("scenario_id", "text"),
    [
        ("cotton_tshirt", "标题写的纯棉不严谨 实际是95%棉5%氨纶"),  # the honest admission
        ("cotton_tshirt", "不是纯棉的哦 是95%棉"),
        ("silk_dress", "这款是100%真丝的"),  # true
        ("cardigan", "16点前付款当天就能发"),  # the shop's own cut-off
        ("glass_cup_aftersale", "碎的不用寄回 拍张照片就行"),
        ("longjing_gift_box", "未拆封可以退 寄回运费您自己出哈"),  # this shop's policy says so
    ],
)
def test_true_or_disowned_claims_are_not_wrong_facts(
    library: ContentLibrary, detector: TechniqueDetector, scenario_id: str, text: str
) -> None:
    persona = (
        "self_centered" if library.scenario(scenario_id).situation.value == "aftersale" else "analytical"
    )
    record = session_for(library, detector, persona, scenario_id).receive(text, 8.0)
    assert not {"material_wrong", "dispatch_wrong", "policy_wrong"} & set(record.events)


@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("下午三点前拍今天就能发", "dispatch_correct"),  # 15:00 before the 16:00 cut-off
        ("下午四点前拍今天就能发", "dispatch_correct"),
        ("下午五点前拍今天就能发", "dispatch_wrong"),
        ("晚上八点前拍今天就能发", "dispatch_wrong"),
        ("十点前拍今天就能发", "dispatch_correct"),
        ("十二点前拍今天就能发", "dispatch_correct"),
        ("17点前拍今天就能发", "dispatch_wrong"),
        ("16:30前付款当天发", "dispatch_correct"),  # the hour is what the shop's cut-off names
    ],
)
def test_the_dispatch_hour_is_read_in_words_and_digits(
    library: ContentLibrary, detector: TechniqueDetector, text: str, event: str
) -> None:
    record = session_for(library, detector, "analytical", "cardigan").receive(text, 8.0)
    assert event in record.events, record.events
