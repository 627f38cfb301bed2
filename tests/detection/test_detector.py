"""The detector on the traps the course and real chats set, and on what it reports."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator.detection.detector import TechniqueDetector


def ids(detector: TechniqueDetector, text: str) -> set[str]:
    return set(detector.detect(text).techniques)


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # negation: a reassurance, a request or an instruction is not a refusal
        ("放心哈亲,我们不会让您吃亏的", set(), {"negative_refusal"}),
        ("您能不能告诉我身高体重?我好给您推荐尺码", {"size_advice"}, {"negative_refusal"}),
        ("这款面料不能机洗哦,建议冷水手洗", set(), {"negative_refusal"}),
        ("不行,包邮做不了", {"negative_refusal"}, set()),
        ("亲 这个不包邮的哦", set(), {"small_generosity"}),
        # words inside other words
        ("我们店交了1000元保证金的,放心购买", {"reassurance"}, {"absolute_promise"}),
        ("质量保证书在包装盒夹层里,您找一下哈", set(), {"absolute_promise"}),
        ("为了保证您的权益,请当面验货后再签收", set(), {"absolute_promise"}),
        ("绝对值那个参数是指误差范围", set(), {"absolute_promise"}),
        ("面料成分是百分百桑蚕丝,吊牌上有标注", set(), {"absolute_promise"}),
        # agreement or a guess vs a promise
        ("那肯定的,您放心,我们是官方旗舰店", {"reassurance"}, {"absolute_promise"}),
        ("这款肯定不会坏,放心用", {"absolute_promise"}, set()),
        ("保证不掉色不起球", {"absolute_promise"}, set()),
        ("我一定帮您跟到底", {"follow_up"}, {"absolute_promise"}),
        # a buyer's words quoted back
        (
            "之前有同事回复您'爱买不买',这是我们的不对,真的非常抱歉",
            {"apology", "self_review"},
            {"impatience"},
        ),
        ("您说“对不起有什么用”,我特别理解", {"empathy"}, {"apology"}),
        ("您不用说对不起哈,改地址是小事", set(), {"apology"}),
        ("不用谢哈,应该的", set(), {"thanks"}),
        # 还是 outside a two-option question
        ("我还是建议您拿L码,这款版型偏小", {"size_advice"}, {"alternative_choice"}),
        ("请问是送人还是自用呢?", {"ask_needs"}, {"alternative_choice"}),
        ("那您是要红色还是蓝色呢?两个颜色都有现货", {"alternative_choice"}, set()),
        ("還是老樣子,週日不發貨哦", set(), {"alternative_choice"}),
        # polite 麻烦 is not the taboo 很麻烦的
        ("麻烦您提供一下订单号,谢谢亲", {"thanks"}, {"taboo_phrase"}),
        ("要翻以前的记录很麻烦的", {"taboo_phrase"}, set()),
        # a no followed by an available option and a question
        ("金色的没有哦,不过香槟色跟金色很接近,您更喜欢哪个呢?", {"counter_question"}, {"negative_refusal"}),
        # the polite refusal the course recommends
        ("對不起,我們店商品不講價", {"apology", "hold_price"}, {"negative_refusal"}),
        ("不讲价", {"negative_refusal"}, {"hold_price"}),
        # typos of real chats
        ("包油给您了哈,价格这个真的是底价了", {"small_generosity", "hold_price"}, set()),
        ("您好亲,欢迎光林本店", {"greeting"}, set()),
    ],
)
def test_traps(detector: TechniqueDetector, text: str, present: set[str], absent: set[str]) -> None:
    found = ids(detector, text)
    assert present <= found, f"missing {present - found} in {text!r}: {found}"
    assert not (absent & found), f"wrongly found {absent & found} in {text!r}"


def test_several_techniques_in_one_message(detector: TechniqueDetector) -> None:
    text = "亲,价格确实是最低了哈,不过我可以给您包邮,再送您一个小礼品😊"
    assert ids(detector, text) == {"hold_price", "small_generosity", "emoticon"}


def test_spans_point_at_the_words_that_matched(detector: TechniqueDetector) -> None:
    text = "親,每天只要一塊錢哦[微笑]"
    detection = detector.detect(text)
    quoted = {span.technique_id: text[span.start : span.end] for span in detection.spans}
    assert quoted == {"small_unit_price": "每天只要一塊錢", "emoticon": "[微笑]"}


def test_ids_come_once_each_in_catalogue_order(detector: TechniqueDetector) -> None:
    detection = detector.detect("谢谢谢谢,感谢您,抱歉抱歉")
    assert detection.techniques == ("thanks", "apology")
    assert len([span for span in detection.spans if span.technique_id == "thanks"]) == 2


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "😊😊😊",
        "hello world",
        "<b>bold</b><img src=x>",
        "\x00\x01\x02",
        "好" * 20_000,
        "[" * 500,
        "/:" * 300,
    ],
)
def test_any_input_gives_an_answer(detector: TechniqueDetector, text: str) -> None:
    detection = detector.detect(text)
    for span in detection.spans:
        assert 0 <= span.start < span.end <= len(text)


@given(st.text(max_size=300))
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_random_text_never_breaks_the_detector(detector: TechniqueDetector, text: str) -> None:
    detection = detector.detect(text)
    assert len(set(detection.techniques)) == len(detection.techniques)
    for span in detection.spans:
        assert span.technique_id in detection.techniques
        assert 0 <= span.start < span.end <= len(text)
