"""Facts pulled out of trainee messages (prices, shipping, sizes), and the shipping-fee and size rules."""

from __future__ import annotations

import math
from typing import get_args

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.app import ContentPaths
from simulator.content.reader_words_loader import READER_WORDS_FILE, load_reader_words
from simulator.detection.normalize import Normalizer, opencc_t2s
from simulator.domain.scenario import RegionFee, ShippingRules, SizeRow
from simulator.engine.facts import (
    MentionKind,
    chinese_number,
    extract_price_mentions,
    extract_shipping_mentions,
    extract_sizes,
    shipping_fee,
    size_for,
)

# The wording the extractors read, as shipped (catalogue/reader_words.yaml).
WORDS = load_reader_words(ContentPaths().catalogue.parent / READER_WORDS_FILE)


def prices(text: str) -> list[tuple[str, float]]:
    return [(mention.kind, round(mention.value, 4)) for mention in extract_price_mentions(text, WORDS)]


def quoted(text: str) -> list[str]:
    return [text[mention.start : mention.end] for mention in extract_price_mentions(text, WORDS)]


def shipping(text: str) -> list[tuple[float, bool]]:
    return [(mention.fee, mention.concession) for mention in extract_shipping_mentions(text, WORDS)]


def sizes(text: str) -> list[str]:
    return [size for size, _, _ in extract_sizes(text)]


# --- chinese_number ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("99", 99), ("3.5", 3.5), ("九十九", 99), ("一百二", 120), ("三百五", 350), ("两百", 200),
        ("十五", 15), ("十", 10), ("二十四", 24), ("一百零五", 105), ("一百五十", 150), ("一千二", 1200),
        ("两万五", 25000), ("一万零五百", 10500), ("1.5万", 15000), ("八九百", 800), ("一两百", 100),
        ("3块5", 3.5), ("两块五", 2.5), ("一块半", 1.5), ("3元5角", 3.5), ("16块", 16), ("一块钱", 1),
        ("5毛", 0.5), ("两毛钱", 0.2), ("半", 0.5), ("零", 0),
    ],
)  # fmt: skip
def test_chinese_number_reads_what_people_type(text: str, value: float) -> None:
    assert chinese_number(text) == pytest.approx(value)


@pytest.mark.parametrize(
    "text", ["几", "几十", "十几", "八五", "三四", "一两", "二零二四", "", "abc", "块", "万一"]
)
def test_chinese_number_refuses_vague_or_digit_by_digit_numbers(text: str) -> None:
    assert chinese_number(text) is None


# --- prices --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # absolute: the price the trainee states or offers for this item
        ("99已经是活动价了", [("absolute", 99)]),
        ("亲,99已经是活动价了哈,算下来一天才几分钱", [("absolute", 99)]),
        ("行吧,80给你", [("absolute", 80)]),
        ("¥96", [("absolute", 96)]),
        ("99元", [("absolute", 99)]),
        ("算您95", [("absolute", 95)]),
        ("这款159", [("absolute", 159)]),
        ("90卖你", [("absolute", 90)]),
        ("只要169", [("absolute", 169)]),
        ("九十九元", [("absolute", 99)]),
        ("给你九十五", [("absolute", 95)]),
        ("给您改价到89元", [("absolute", 89)]),
        ("便宜到99给您", [("absolute", 99)]),
        ("96包邮给你", [("absolute", 96)]),
        ("这款99包邮哦", [("absolute", 99)]),
        ("150最低了", [("absolute", 150)]),
        ("已经给您改好价格了,拍下后是139", [("absolute", 139)]),
        ("八五折后99", [("rate", 0.85), ("absolute", 99)]),
        ("您好,这件衣服150元,运费8元,一共158元", [("absolute", 150)]),  # 158 is the order total
        # coupon and absolute together (dev dialogue 5)
        ("能给您一张3元券,96到手", [("coupon", 3), ("absolute", 96)]),
        # discount: money off
        ("再给您少5块", [("discount", 5)]),
        ("减10块", [("discount", 10)]),
        ("讲价的话我一次也没法降太多哈,先给您减10块", [("discount", 10)]),
        ("便宜10元", [("discount", 10)]),
        ("价格我再让3元", [("discount", 3)]),
        ("优惠5元", [("discount", 5)]),
        ("降5块", [("discount", 5)]),
        ("我先给您申请个3元优惠", [("discount", 3)]),
        ("一次性给您减10块", [("discount", 10)]),
        ("给您退20元作为补偿可以吗", [("discount", 20)]),
        # coupon
        ("一张3元券", [("coupon", 3)]),
        ("5元优惠券", [("coupon", 5)]),
        ("10元无门槛券", [("coupon", 10)]),
        ("100元折扣券", [("coupon", 100)]),
        ("今天下单还可以领一张10元无门槛优惠券", [("coupon", 10)]),
        ("破损的部分我们给您补偿20元红包", [("coupon", 20)]),
        # rate
        ("打9折", [("rate", 0.9)]),
        ("9折", [("rate", 0.9)]),
        ("九折", [("rate", 0.9)]),
        ("8.5折", [("rate", 0.85)]),
        ("85折", [("rate", 0.85)]),
        ("八五折", [("rate", 0.85)]),
        ("九五折", [("rate", 0.95)]),
        ("给您打个八五折", [("rate", 0.85)]),
        ("价格只有原价三折", [("rate", 0.3)]),
        # reference: the price of something else
        ("专柜要卖399,我们才199", [("reference", 399), ("absolute", 199)]),
        ("别家129", [("reference", 129)]),
        ("这款在实体店要三百多", [("reference", 300)]),
        ("原价199,现在99", [("reference", 199), ("absolute", 99)]),
        ("光面料成本就一百多,同样品质的在商场要卖八九百", [("reference", 100), ("reference", 800)]),
        ("85的大多是超纤皮,真皮的同款一般都在120以上", [("reference", 85), ("reference", 120)]),
        ("送您价值30元的小礼品", [("reference", 30)]),
        # threshold: a standing rule, including the amount off of a 满减
        ("满88元包邮", [("threshold", 88)]),
        ("满88包邮", [("threshold", 88)]),
        ("88元包邮", [("threshold", 88)]),
        ("满299减30", [("threshold", 299)]),
        ("现在店里满299减30,再叠加首页的10元券更划算哦", [("threshold", 299), ("coupon", 10)]),
        ("满299减30,再给您减5元", [("threshold", 299), ("discount", 5)]),
        # per_unit: small-unit pricing, not the item's price
        ("每天只要一块钱", [("per_unit", 1)]),
        ("算下来每天还不到一块钱哦", [("per_unit", 1)]),
        ("会员年卡198,一个月才16块多", [("per_unit", 16)]),
        ("一杯才两块多", [("per_unit", 2)]),
        ("3块钱一天", [("per_unit", 3)]),
        ("10元/天", [("per_unit", 10)]),
        # two prices of a range
        ("99-129元", [("absolute", 99), ("absolute", 129)]),
    ],
)
def test_price_mentions(text: str, expected: list[tuple[str, float]]) -> None:
    assert prices(text) == [(kind, pytest.approx(value)) for kind, value in expected]


@pytest.mark.parametrize(
    "text",
    [
        "95%棉",
        "好评率99%",
        "您可以看下这款的交易记录,月销3000+,好评率99%",
        "160cm 52kg的话建议拍m码",
        "158、120斤建议拿l码",
        "您说胸围88的话,s和m都能穿",
        "订单号123456",
        "麻烦您提供一下订单号,13812345678",
        "快递一般3-5天到,偏远地区会慢一点",
        "退款一般1-2天到账",
        "亲,4点前拍下当天发货,顺丰次日达哦",
        "下午4点前",
        "仓库16:00截单",
        "这款参加了第二件半价的活动",
        "第二件半价",
        "只剩最后3件了,下一批要等半个月哦",
        "我们页面写的是48小时内发货",
        "我们是220克精梳棉,一般款在180克左右",
        "我们的羽绒是90白鸭绒,充绒量200g",
        "亲,我们店交了1000元消保保证金的,假一赔三",
        "一分钱一分货,这款是头层牛皮",
        "活动今晚12点就结束了,恢复原价要贵30呢",
        "平均一年才几十块",
        "一支口红能用两百多次,一次才几毛钱",
        "但一泡能喝三四次",
        "现在只剩最后十几盒了",
        "价格这一块我们都是统一的",
        "我们一块儿去",
        "这款比那款贵一点",
        "同样的货,商场专柜要贵一倍",
        "便宜一半",
        "这款是双11的价格",
        "差10元就包邮了",
        "再买10元就包邮",
        "运费10元",
        "首重1kg10元,续重4元/kg",
        "包邮给您",
        "2024年的新款",
        "请问您需要第14款还是第6款?",
        "满2件打9折",
        "2件一起拍的话给您算150",
        "两件的话一共200",
        "亲,这款现在比专柜便宜200",
        "发顺丰还是普通快递呀,顺丰要补6块差价",
        "如果加10块可以换礼盒装",
        "size的话建议拍38,这款鞋楦偏窄",
        "36码断了亲,您平时穿36的话35.5也能穿",
        "",
    ],
)
def test_numbers_that_are_not_prices(text: str) -> None:
    assert extract_price_mentions(text, WORDS) == []


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("¥96", ["¥96"]),
        ("再给您少5块", ["少5块"]),
        ("打9折", ["打9折"]),
        ("能给您一张3元券,96到手", ["3元券", "96"]),
        ("满88元包邮", ["满88元"]),
        ("一个月才16块多", ["16块多"]),
        ("我先给您申请个3元优惠", ["3元优惠"]),
        ("这款在实体店要三百多", ["三百多"]),
    ],
)
def test_price_spans_cover_the_amount(text: str, spans: list[str]) -> None:
    assert quoted(text) == spans


def test_prices_from_a_normalised_message_map_back_to_what_was_typed() -> None:
    normalized = Normalizer(opencc_t2s()).normalize("能給您一張3元券，９６到手[微笑]")
    mentions = extract_price_mentions(normalized.text, WORDS)
    assert [(mention.kind, mention.value) for mention in mentions] == [("coupon", 3.0), ("absolute", 96.0)]
    start, end = normalized.original_span(mentions[1].start, mentions[1].end)
    assert normalized.original[start:end] == "９６"


# --- shipping mentions ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the fee stated
        ("运费10元", [(10, False)]),
        ("邮费是14块", [(14, False)]),
        ("您这单2.3公斤,运费是18元", [(18, False)]),
        ("这单是包邮的", [(0, False)]),
        # a favour
        ("包邮给您", [(0, True)]),
        ("包邮给您了哈,价格这个真的是底价了", [(0, True)]),
        ("价格确实是最低了哈,不过我可以给您包邮,再送您一个小礼品", [(0, True)]),
        ("第一次我们只能给您包邮", [(0, True)]),
        ("给您补发一件新的,运费我们来出", [(0, True)]),
        ("可以的,给您改发顺丰,运费差价我们来出", [(0, True)]),
        ("运费给您免了", [(0, True)]),
        ("今天给您免运费", [(0, True)]),
        ("给您包个邮吧", [(0, True)]),
        ("96包邮给你", [(0, True)]),
        # a stated fee and a price in one line
        ("您好,这件衣服150元,运费8元,一共158元", [(8, False)]),
    ],
)
def test_shipping_mentions(text: str, expected: list[tuple[float, bool]]) -> None:
    assert shipping(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "满88包邮",
        "亲,现在店铺满88元包邮哦",
        "88元包邮",
        "全场包邮",
        "本店全场包邮哦",
        "不行,包邮做不了",
        "这个不包邮的哦",
        "偏远地区不包邮",
        "两件可以一起包邮哦",
        "运费是按规则来的,没满包邮条件的订单我们都是统一收的",
        "尺码不合适的话不用担心,我们支持七天无理由,还送运费险",
        "首重1kg10元,续重4元/kg",
        "差10元就包邮了",
        "运费5元/kg",
        "",
    ],
)
def test_rules_refusals_and_insurance_are_not_shipping_mentions(text: str) -> None:
    assert extract_shipping_mentions(text, WORDS) == []


def test_shipping_mention_spans() -> None:
    text = "运费10元,不过给您包邮"
    assert [text[m.start : m.end] for m in extract_shipping_mentions(text, WORDS)] == ["运费10元", "包邮"]


def test_traditional_free_shipping_offer_after_normalisation() -> None:
    text = Normalizer(opencc_t2s()).normalize("包郵給您，再送一對耳釘").text
    assert shipping(text) == [(0.0, True)]


# --- sizes ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("建议拍m码", ["M"]),
        ("我还是建议您拿l码,这款版型偏小", ["L"]),
        ("l吧,肯定合适", ["L"]),
        ("xl", ["XL"]),
        ("xxl", ["XXL"]),
        ("4xl有货", ["4XL"]),
        ("这款是均码", ["均码"]),
        ("42码", ["42"]),
        ("鞋码是42", ["42"]),
        ("160cm 52kg的话建议拍m码,平时穿s的亲可以放心选m", ["M", "S", "M"]),
        ("xxl暂时断码了,我看看xl能不能穿?", ["XXL", "XL"]),
        ("158、120斤建议拿l码", ["L"]),
        ("size的话建议拍38,这款鞋楦偏窄", ["38"]),
        ("36码断了亲,您平时穿36的话35.5也能穿", ["36", "36"]),
    ],
)
def test_sizes(text: str, expected: list[str]) -> None:
    assert sizes(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "160cm",
        "52kg",
        "120斤",
        "身高165体重55kg",
        "1.5 m的长度",
        "s925银",
        "ok的",
        "建议拍大一码",
        "5号发货",
        "",
    ],
)
def test_heights_weights_and_words_are_not_sizes(text: str) -> None:
    assert extract_sizes(text) == []


def test_size_spans() -> None:
    text = "建议拍m码"
    assert extract_sizes(text) == [("M", 3, 5)]


# --- shipping_fee (seed 001: 首重 1 kg ¥10, 续重 ¥4/kg, a part of a kilogram counts whole) -----

RULES = ShippingRules(
    first_kg=1.0,
    first_fee=10.0,
    extra_kg_fee=4.0,
    regions={
        "新疆": RegionFee(20.0, 15.0),
        "新疆乌鲁木齐": RegionFee(18.0, 12.0),
        "西藏": RegionFee(22.0, 16.0),
    },
    free_shipping_threshold=88.0,
)


@pytest.mark.parametrize(
    ("weight", "fee"),
    [(2.3, 18.0), (2.4, 18.0), (1.0, 10.0), (0.3, 10.0), (0.0, 10.0), (2.0, 14.0), (1.01, 14.0), (3.0, 18.0)],
)
def test_shipping_fee_to_a_normal_region(weight: float, fee: float) -> None:
    assert shipping_fee(RULES, "广西南宁", weight, order_total=50.0) == fee


def test_shipping_fee_is_zero_once_the_threshold_is_reached() -> None:
    assert shipping_fee(RULES, "广西南宁", 2.3, order_total=88.0) == 0.0
    assert shipping_fee(RULES, "西藏拉萨", 5.0, order_total=120.0) == 0.0
    assert shipping_fee(RULES, "广西南宁", 2.3, order_total=87.9) == 18.0


def test_remote_region_overrides_the_fees() -> None:
    assert shipping_fee(RULES, "西藏拉萨", 2.3, order_total=50.0) == 22.0 + 2 * 16.0
    assert shipping_fee(RULES, "新疆喀什", 1.0, order_total=50.0) == 20.0
    # the most specific key wins
    assert shipping_fee(RULES, "新疆乌鲁木齐", 2.3, order_total=50.0) == 18.0 + 2 * 12.0
    # the key may sit inside the region string
    assert shipping_fee(RULES, "中国西藏", 1.0, order_total=50.0) == 22.0


def test_no_threshold_means_never_free() -> None:
    rules = ShippingRules(first_kg=1.0, first_fee=10.0, extra_kg_fee=4.0)
    assert shipping_fee(rules, "广东", 2.4, order_total=10_000.0) == 18.0


def test_a_larger_first_weight() -> None:
    rules = ShippingRules(first_kg=2.0, first_fee=12.0, extra_kg_fee=5.0)
    assert shipping_fee(rules, "广东", 2.0, order_total=0.0) == 12.0
    assert shipping_fee(rules, "广东", 2.1, order_total=0.0) == 17.0


@given(st.floats(min_value=0, max_value=50), st.floats(min_value=0, max_value=50))
def test_shipping_fee_never_falls_as_the_parcel_gets_heavier(first: float, second: float) -> None:
    light, heavy = sorted((first, second))
    assert shipping_fee(RULES, "广东", light, 0.0) <= shipping_fee(RULES, "广东", heavy, 0.0)


# --- size_for ------------------------------------------------------------------------------------

CHART = (
    SizeRow("S", (150, 160), (40, 48)),
    SizeRow("M", (158, 168), (48, 56)),
    SizeRow("L", (165, 175), (55, 63)),
    SizeRow("XL", (170, 180), (62, 72)),
)


@pytest.mark.parametrize(
    ("height", "weight", "size"),
    [
        (160, 52, "M"),  # both fit
        (165, 55, "M"),  # fits M and L: the first row wins
        (150, 40, "S"),  # range ends are inclusive
        (180, 72, "XL"),
        (180, 50, "M"),  # too tall for M, but weight decides the fit
        (150, 60, "L"),
        (185, 55.5, "L"),  # weight fits M and L, neither height: the nearer height
        (200, 90, "XL"),  # nothing fits: nearest by weight
        (140, 35, "S"),
    ],
)
def test_size_for(height: float, weight: float, size: str) -> None:
    assert size_for(CHART, height, weight) == size


def test_size_for_between_two_sizes_picks_the_larger() -> None:
    chart = (SizeRow("M", (155, 165), (45, 54)), SizeRow("L", (160, 170), (56, 64)))
    assert size_for(chart, 162, 55) == "L"


def test_size_for_an_empty_chart() -> None:
    assert size_for((), 160, 52) is None


def test_size_for_a_one_row_chart() -> None:
    assert size_for((SizeRow("均码", (150, 170), (40, 60)),), 190, 90) == "均码"


# --- robustness ----------------------------------------------------------------------------------

_CHAT_CHARACTERS = (
    "0123456789.-~%¥元块钱毛角分折券满减包邮运费"
    + "给您少让降一二两三五八九十百千万几半多码mlsx ,。!天件号点的是才"
)
_CHAT = st.text(alphabet=st.sampled_from(list(_CHAT_CHARACTERS)), max_size=60)


@given(st.one_of(st.text(max_size=200), _CHAT))
@settings(max_examples=300, deadline=None)
def test_extractors_never_raise_and_stay_in_range(text: str) -> None:
    for mention in extract_price_mentions(text, WORDS):
        assert 0 <= mention.start < mention.end <= len(text)
        assert mention.kind in get_args(MentionKind)
        assert math.isfinite(mention.value) and mention.value >= 0
        if mention.kind == "rate":
            assert 0 < mention.value < 1
    for shipping_mention in extract_shipping_mentions(text, WORDS):
        assert 0 <= shipping_mention.start < shipping_mention.end <= len(text)
        assert shipping_mention.fee >= 0
    for size, start, end in extract_sizes(text):
        assert 0 <= start < end <= len(text) and size == size.upper()


@given(st.text(max_size=20))
def test_chinese_number_never_raises(text: str) -> None:
    value = chinese_number(text)
    assert value is None or math.isfinite(value)
