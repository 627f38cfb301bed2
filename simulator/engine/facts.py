"""Facts a trainee states (prices, shipping fees, sizes), for a scripted buyer to check; no Qt, no I/O.

Input is the canonical text of simulator.detection.normalize; offsets point into it. A number counts as a
price only in a price context: chat is full of quantities, times and sizes, and a buyer who objects to a
price nobody stated is worse than one who misses a real one.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from simulator.domain.reader_words import ReaderWords
from simulator.domain.scenario import ShippingRules, SizeRow

MentionKind = Literal["absolute", "discount", "coupon", "rate", "reference", "threshold", "per_unit"]


@dataclass(frozen=True)
class PriceMention:
    value: float  # yuan, or a multiplier for rate (0.9 for 9折)
    kind: MentionKind
    start: int  # offsets into the canonical text
    end: int


@dataclass(frozen=True)
class ShippingMention:
    fee: float  # 0.0 for free shipping
    concession: bool  # offered as a favour (给您包邮), not stated as the fee (运费10元)
    start: int
    end: int


# --- numbers -------------------------------------------------------------------------------------

_DIGITS = dict(zip("零〇一二两三四五六七八九", (0, 0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9), strict=True))
_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN = "零〇一二两三四五六七八九十百千万"


_YUAN_JIAO_RE = re.compile(r"(.+?)(?:块|元|圆)(.*?)(?:毛|角)?")
_SMALL_COIN_RE = re.compile(r"(.+?)(毛|角|分)")
_ARABIC_RE = re.compile(r"(\d+(?:\.\d+)?)([十百千万]?)")
_CN_DECIMAL_RE = re.compile(rf"([{_CN}]+)点([零〇一二三四五六七八九]+)")


def chinese_number(text: str) -> float | None:
    """99, 3.5, 九十九, 一百二 (120), 3块5 (3.5), 半 (0.5); None for 几, 几十, 八五 or 二零二四."""
    text = text.strip().removesuffix("钱")
    if match := _YUAN_JIAO_RE.fullmatch(text):  # 3块5, 两块五, 一块半, 3元5角
        yuan, jiao = _plain_number(match[1]), match[2]
        if yuan is None or not jiao:
            return yuan
        tenths = 5.0 if jiao == "半" else _plain_number(jiao)
        return None if tenths is None or tenths >= 10 else round(yuan + tenths / 10, 2)
    if match := _SMALL_COIN_RE.fullmatch(text):
        small = _plain_number(match[1])
        return None if small is None else round(small * (0.01 if match[2] == "分" else 0.1), 2)
    return _plain_number(text)


def _plain_number(text: str) -> float | None:
    if text == "半":
        return 0.5
    if match := _ARABIC_RE.fullmatch(text):  # 99, 3.5, 1.5万
        return float(match[1]) * {"": 1, "万": 10000, **_UNITS}[match[2]]
    if match := _CN_DECIMAL_RE.fullmatch(text):  # 八点五 (折)
        whole = _cn_integer(match[1])
        return None if whole is None else whole + float("0." + "".join(str(_DIGITS[c]) for c in match[2]))
    return _cn_integer(text)


def _cn_integer(text: str) -> float | None:
    if not text or any(char not in _CN for char in text):
        return None
    high, wan, low = text.partition("万")
    if not wan:
        return _cn_section(text, after_wan=False)
    high_value = _cn_section(high, after_wan=False) if high else None
    low_value = _cn_section(low, after_wan=True) if low else 0.0
    return None if high_value is None or low_value is None else high_value * 10000 + low_value


def _cn_section(text: str, after_wan: bool) -> float | None:
    total, digit, zero, ranged = 0, None, False, False
    last_unit: int | None = 10000 if after_wan else None
    for char in text:
        if char in "零〇":
            if digit is not None:  # 二零二四 is read digit by digit: a year or a code, not an amount
                return None
            zero = True
        elif char in _DIGITS:
            # 八九百, 一两百 ("eight or nine hundred"): keep the lower bound; only valid before a unit
            if digit is not None and (ranged or _DIGITS[char] != digit + 1):
                return None
            ranged, digit = digit is not None, _DIGITS[char] if digit is None else digit
        elif char in _UNITS:
            unit = _UNITS[char]
            if last_unit is not None and unit >= last_unit:
                return None
            total += (1 if digit is None else digit) * unit
            digit, last_unit, zero, ranged = None, unit, False, False
        else:
            return None
    if ranged:  # 三四 (次), 一两 (天): a range without a unit is not an amount
        return None
    if digit is not None:
        # 一百二 is 120 and 两万五 is 25000: a last digit right after 百/千/万 counts one unit down
        total += digit * (last_unit // 10 if last_unit and last_unit >= 100 and not zero else 1)
    return float(total)


def _rate(num: str) -> float | None:
    """9 → 0.9, 8.5 → 0.85, 85 → 0.85, 八五 → 0.85 (a 折 figure is read digit by digit)."""
    if re.fullmatch(r"[一二三四五六七八九]{2}", num):
        value: float | None = _DIGITS[num[0]] + _DIGITS[num[1]] / 10
    else:
        value = _plain_number(num)
        if value is not None and value >= 10 and "." not in num:
            value /= 10
    return round(value / 10, 4) if value is not None and 0 < value < 10 else None


# --- amounts in running text ---------------------------------------------------------------------

_COUNTERS = "件个双只条套盒瓶支杯天日月年周次点号码斤克米位人份张袋包"
_AMOUNT_RE = re.compile(
    r"(?P<yen>¥ ?)?"
    rf"(?P<num>(?<![\d.a-z])\d++(?:\.\d+)?(?:[万千](?![克米瓦]))?"
    rf"|(?<![几{_CN}])[{_CN}]++(?:点[一二三四五六七八九]+(?=折))?(?!几))"
    r"(?P<more>多)?"
    rf"(?:(?P<unit>块|元|圆|rmb)(?P<jiao>[\d一二三四五六七八九半](?:毛|角)?(?![\d{_CN}{_COUNTERS}公千]))?"
    r"|(?P<small>毛|角|分(?=钱)))?"
    r"多?钱?"
)
# Words that look like amounts, masked with same-length filler so offsets stay valid: idioms, and 这一块,
# 在一块, 一块儿, 一块布 ("this part", "together", "a piece of"), which are not one yuan.
_BREAKS = frozenset(",!?;~…。、\n\ue000")  # not ".": a point in 3.5 far more often than a full stop
_BREAK_RE = re.compile("[" + re.escape("".join(sorted(_BREAKS))) + "]")


@dataclass(frozen=True)
class Amount:
    start: int
    end: int
    num: str
    value: float
    money: bool  # has ¥, 元, 块, 毛…
    arabic: bool


@lru_cache(maxsize=64)
def find_amounts(text: str, words: ReaderWords) -> tuple[Amount, ...]:
    """The amounts of a text; memoised because the reader, the price and the shipping extractors all
    start from the same list for the same message (a pure function of the text)."""
    masked = words.idiom.sub(lambda match: "_" * len(match[0]), text)
    found = []
    for match in _AMOUNT_RE.finditer(masked):
        num, unit, small = match["num"], match["unit"], match["small"]
        core = num + ("元" if unit else "") + (match["jiao"] or "") if unit else num + (small or "")
        value = chinese_number(core)
        if value is None and masked.startswith("折", match.end()) and _rate(num) is not None:
            value = (
                0.0  # 八五折 is read digit by digit: no value, but classify_amount takes the rate from num
            )
        if value is None:
            continue
        money = bool(match["yen"] or unit or small)
        found.append(Amount(match.start(), match.end(), num, value, money, num[0].isdigit()))
    return tuple(found)


def clause_around(text: str, start: int, end: int, reach: int = 30) -> tuple[int, int]:
    """The clause around [start, end), at most ``reach`` characters each side: what decides a number's
    role sits next to it, and the bound keeps a long paste from taking quadratic time."""
    floor, ceiling = max(0, start - reach), min(len(text), end + reach)
    left = floor
    for found in _BREAK_RE.finditer(text, floor, start):
        left = found.end()
    after = _BREAK_RE.search(text, end, ceiling)
    return left, after.start() if after else ceiling


def classify_amount(
    text: str, amount: Amount, words: ReaderWords
) -> tuple[MentionKind, float, int, int] | None:
    left, right = clause_around(text, amount.start, amount.end)
    before, after = text[left : amount.start], text[amount.end : right]
    span = words.range_after.match(after)  # 3-5天, 99-129元: the unit after the range decides
    after = after[span.end() :] if span else after
    money = amount.money or after.startswith(("块", "元", "rmb"))
    start, end, value = amount.start, amount.end, amount.value
    if words.not_price_before.search(before) or (not amount.money and words.not_price_after.match(after)):
        return None
    long_code = amount.arabic and not money and len(amount.num.split(".")[0]) >= 6  # order, phone numbers
    if long_code or words.rule_part_before.search(before):  # the 30 of 满299减30 is the rule's, not an offer
        return None
    if after.startswith("折") and not money:
        rate, da = _rate(amount.num), re.search(r"打个?$", before)
        return None if rate is None else ("rate", rate, start - (len(da[0]) if da else 0), end + 1)
    if not (money or amount.arabic or value >= 10):
        return None  # 一, 三 in running text are words far more often than prices
    if ((m := words.coupon_after.match(after)) and (money or "券" in m[0])) or words.coupon_before.search(
        before
    ):
        return "coupon", value, start, end + (m.end() if m else 0)
    if m := words.threshold_before.search(before):
        return "threshold", value, left + m.start(), end
    absolute_before = words.absolute_before.search(before)
    if words.threshold_after.match(after) or (words.bare_free_after.match(after) and not absolute_before):
        return "threshold", value, start, end
    if words.shipping_word_before.search(before) or words.shipping_word_after.match(after):
        return None  # a shipping fee: extract_shipping_mentions reports it
    if money and (words.per_unit_before.search(before) or words.per_unit_after.match(after)):
        return "per_unit", value, start, end
    if (m := words.discount_before.search(before)) or (n := words.discount_after.match(after)):
        if m and "比" in before[: m.start()]:
            return None  # 比专柜便宜200 is a difference between two prices, not money off
        return "discount", value, left + m.start() if m else start, end if m else end + n.end()
    markers = list(words.reference_word.finditer(before))
    if (markers and not words.own_word.search(before[markers[-1].end() :])) or words.reference_after.match(
        after
    ):
        return "reference", value, start, end
    if money and words.not_item_after.match(after):
        return None
    if words.bundle_before.search(before):
        return None  # 两件一共200, 一共158 (with shipping): an order total, not this item's price
    if money or absolute_before or words.absolute_after.match(after):
        return "absolute", value, start, end
    return None


def extract_price_mentions(text: str, words: ReaderWords) -> list[PriceMention]:
    """Prices the trainee states, offers or compares with, in the order they appear."""
    return list(_price_mentions(text, words))


@lru_cache(maxsize=64)
def _price_mentions(text: str, words: ReaderWords) -> tuple[PriceMention, ...]:
    found = (classify_amount(text, amount, words) for amount in find_amounts(text, words))
    return tuple(PriceMention(value, kind, start, end) for kind, value, start, end in filter(None, found))


# --- shipping ------------------------------------------------------------------------------------

# A standing rule (满88包邮, 全场包邮, 两件包邮) is not a statement about this order.


def extract_shipping_mentions(text: str, words: ReaderWords) -> list[ShippingMention]:
    """What the trainee says this order's shipping costs, or that it ships free."""
    mentions = []
    # "88元包邮" with no 满 is still a rule: the price extractor already told it from "96包邮给你".
    rule_ends = {mention.end for mention in _price_mentions(text, words) if mention.kind == "threshold"}
    for match in words.free_phrase.finditer(text):
        left, right = clause_around(text, match.start(), match.end())
        before, after = text[left : match.start()], text[match.end() : right]
        if match["ours"] or match["waive"]:
            mentions.append(ShippingMention(0.0, True, match.start(), match.end()))
            continue
        negated = words.free_phrase_negated_before.search(before) or words.free_phrase_negated_after.match(
            after
        )
        if negated or match.start() in rule_ends or words.standing_rule.search(text[left:right]):
            continue
        favour = bool(words.favour_before.search(before) or words.favour_after.match(after))
        mentions.append(ShippingMention(0.0, favour, match.start(), match.end()))
    for amount in find_amounts(text, words):
        left, right = clause_around(text, amount.start, amount.end)
        before, after = text[left : amount.start], text[amount.end : right]
        if not (amount.money or amount.arabic) or (not amount.money and words.not_price_after.match(after)):
            continue
        fee_before = words.fee_gap_before.search(before)
        if words.per_unit_after.match(after):  # 5元/kg is a rate, not this order's fee
            continue
        if fee_before and not re.search(r"差价|首重|续重|免|包", fee_before["gap"]):
            mentions.append(ShippingMention(amount.value, False, left + fee_before.start(), amount.end))
        elif amount.money and (fee_after := words.shipping_word_after.match(after)):
            mentions.append(ShippingMention(amount.value, False, amount.start, amount.end + fee_after.end()))
    return sorted(mentions, key=lambda mention: mention.start)


def shipping_fee(rules: ShippingRules, region: str, weight_kg: float, order_total: float) -> float:
    """首重/续重 as in seed 001: first_fee for the first kilogram(s), extra_kg_fee per started extra kg."""
    if rules.free_shipping_threshold is not None and order_total >= rules.free_shipping_threshold:
        return 0.0
    first_fee, extra_kg_fee = rules.first_fee, rules.extra_kg_fee
    # The longest matching key wins, so "新疆乌鲁木齐" picks 新疆乌鲁木齐 over 新疆 if both are listed.
    keys = sorted((key for key in rules.regions if key and key in region), key=len, reverse=True)
    if keys:
        first_fee, extra_kg_fee = rules.regions[keys[0]].first_fee, rules.regions[keys[0]].extra_kg_fee
    # A part of a kilogram counts as a whole one; rounding first keeps 2.0 - 1.0 from ceiling to 2.
    extra_kg = math.ceil(round(max(0.0, weight_kg - rules.first_kg), 6))
    return first_fee + extra_kg * extra_kg_fee


# --- sizes ---------------------------------------------------------------------------------------

_SIZE_RE = re.compile(
    r"(?<![a-z0-9.])(?<!\d )(?P<letter>xxxl|xxl|xxs|xl|xs|[2-6]xl|s|m|l)(?![a-z0-9])(?:码|号)?"  # not 1.5 m
    r"|(?<![\d.])(?P<shoe>\d{2,3}(?:\.5)?)码"
    r"|(?:鞋码|尺码|码数)(?:是|为|:)?(?P<named>\d{2,3}(?:\.5)?)(?![\d.]|cm|kg|斤|公斤)"
    r"|(?<=[拍穿选拿换])(?P<shoe_bare>(?:3\d|4[0-8])(?:\.5)?)(?![\d.]|[a-z元块件个双斤码])"  # 建议拍38
    r"|(?P<one>均码)"
)


def extract_sizes(text: str) -> list[tuple[str, int, int]]:
    """Sizes the trainee names: M, XL, 均码, shoe sizes (42码 → "42"); heights and weights are not sizes."""
    sizes = []
    for match in _SIZE_RE.finditer(text):
        size = match["letter"] or match["shoe"] or match["named"] or match["shoe_bare"] or match["one"]
        sizes.append((size.upper(), match.start(), match.end()))
    return sizes


def size_for(chart: tuple[SizeRow, ...], height_cm: float, weight_kg: float) -> str | None:
    """The chart row for a buyer: height and weight both fit, else weight fits, else nearest by weight."""

    def distance(value: float, bounds: tuple[float, float]) -> float:
        return max(bounds[0] - value, 0.0, value - bounds[1])

    for row in chart:
        if distance(height_cm, row.height_cm) == 0 and distance(weight_kg, row.weight_kg) == 0:
            return row.size
    if not chart:
        return None
    # Weight decides the fit (a garment that is too tight is returned); height breaks ties, and between
    # two sizes the larger one (later in the chart) wins because a loose fit can still be worn.
    index = min(
        range(len(chart)),
        key=lambda i: (distance(weight_kg, chart[i].weight_kg), distance(height_cm, chart[i].height_cm), -i),
    )
    return chart[index].size
