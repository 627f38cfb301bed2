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
_IDIOM_RE = re.compile(
    r"一分(?:价?钱|价格)一分货|假一赔[三十]|货比三家|[这那哪在]一块(?!钱)|一块[儿布肉蛋地石板砖糖皂饼]"
)
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
def find_amounts(text: str) -> tuple[Amount, ...]:
    """The amounts of a text; memoised because the reader, the price and the shipping extractors all
    start from the same list for the same message (a pure function of the text)."""
    masked = _IDIOM_RE.sub(lambda match: "_" * len(match[0]), text)
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


_FILLER = r"(?:了|是|为|要|就|都|也|只|只要|才|:| |现在)*"
NOT_PRICE_BEFORE = re.compile(
    r"(?:第|编号|单号|订单号?|尾号|手机号?|电话|号码|月销量?|销量|已售|身高|体重|胸围|腰围|臀围|肩宽|袖长|衣长"
    r"|裤长|脚长|码数|型号|好评率?|(?<![一两二三四五六七八九\d])双|贵了?|还差|差了?|再凑|凑|再买|再拍|加|多花了?|穿|保证金|押金)"
    r"\s*(?:是|为|有|:)?\s*$"
)
NOT_PRICE_AFTER = re.compile(  # units of anything but money: 3件, 4点, 160cm, 95%, 3000+, 16:00
    r"[a-z%‰+*×/个件双只条套盒瓶支罐袋份张次天日月年周秒点岁度寸尺米斤克人位名家款色种层页楼倍成星颗粒片根箱台部"
    r"本副对顶把步遍轮期批号码半杯泡顿餐晚季厘毫]|:\d|星期|小时|分(?!钱)|公分|公斤|千克|单(?!价)|折叠"
)
_RANGE_RE = re.compile(r"\s*(?:[-~至]|到(?=\d))\s*\d+(?:\.\d+)?")
_RULE_PART_BEFORE = re.compile(r"满(?!意)[^满]{1,10}?(?:减|打|省)个?$")
_COUPON_AFTER = re.compile(r"的?(?:无门槛|店铺|优惠|折扣|现金|新人|专享|抵用|满减|代金|通用)*(?:券|卷|红包)")
_COUPON_BEFORE = re.compile(r"(?:券|红包)(?:面额|金额)?(?:是|为|:)?$")
_THRESHOLD_BEFORE = re.compile(r"满(?!意)额?$|包邮门槛(?:是|为)?$")
_THRESHOLD_AFTER = re.compile(r"(?:以上|及以上|起)(?:就|即可|即|可以|可|立)?(?:包邮|免邮|减|打|送|享|可?用)")
_BARE_FREE_AFTER = re.compile(r"包邮(?![给吧啦卖拿到了])")  # "88元包邮" is a rule; "96包邮给你" an offer
_SHIP = r"(?:运费|邮费|快递费|邮资)(?!险)"
_SHIPPING_BEFORE = re.compile(rf"(?:{_SHIP}|首重|续重)[^,]{{0,6}}$")
_SHIPPING_AFTER = re.compile(rf"的?{_SHIP}")
_PERIOD = r"(?:天|日|月|年|周|星期|次|杯|顿|餐|晚|泡|片|季|小时)"
_PER_UNIT_BEFORE = re.compile(
    rf"(?:每|一|半|平均|摊到|算下来|折合)个?{_PERIOD}[才只要需不到还就是也都仅约大概差多合算花的下来均摊平每]*$"
)
_PER_UNIT_AFTER = re.compile(rf"(?:/|每|一)个?(?:{_PERIOD}|kg|斤|公斤)")
_DISCOUNT_BEFORE = re.compile(
    r"(?:[少减降抹省退]|便宜|让利?|优惠|补偿|返现?|直降|差价)[了给您你亲个掉]*(?:一?下)?$"
)
_DISCOUNT_AFTER = re.compile(r"的?优惠(?![券卷价])")
_REFERENCE_RE = re.compile(
    r"专柜|商场|实体店|线下|别家|别的店|别人家|人家|其他家|其他店|其它家|外面|隔壁|那家|市场价|原价|吊牌价|划线价"
    r"|零售价|门市价|官网|同款|成本|进价|价值|一般款|普通款|以前|之前|日常价|正常价|淘宝上|网上|京东|拼多多"
)
_OWN_RE = re.compile(r"我[们家这]|咱们?|本店|这[边里款件双]|现在|活动价|到手|[给算卖][您你]|只要")
_REFERENCE_AFTER = re.compile(r"(?:左右)?的(?:大多|大部分|一般|基本|多半|都是|那种|那些|那款|那个|这种)")
_ABSOLUTE_BEFORE = re.compile(
    r"(?:价(?:格|钱|位)?|最低|现在|今天|这款|这个|这件|这双|这条|这套|只要|只需|只卖|仅需|仅|才|就|算[您你]?|给[您你]|卖[您你]?"
    rf"|收[您你]|一口价|到手|(?:价|折|券|拍下|付款|优惠|减完?)后|改(?:成|到|为)|(?:降|便宜|少|减)到|付){_FILLER}$"
)
_ABSOLUTE_AFTER = re.compile(
    r"(?:了|是|就|都|也|还|可以|算|已经|的)*(?:[\u4e00-\u9fff]{0,5}?价|到手|给(?:你|您|亲)|卖(?:你|您|给)|拿走|带走"
    r"|成交|包邮|最低|封顶|就行|行吗|可以吗|怎么样|好不好|不能再少)"
)
_BUNDLE_BEFORE = re.compile(
    r"[一总]共|合计|总价|实付|(?:[2-9]|[1-9]\d|[两二三四五六七八九十])[件个双条套盒瓶支份]"
)
_NOT_ITEM_AFTER = re.compile(r"[^,]{0,4}?(?:保证金|押金|违约金|运费险|差价)")


def classify_amount(text: str, amount: Amount) -> tuple[MentionKind, float, int, int] | None:
    left, right = clause_around(text, amount.start, amount.end)
    before, after = text[left : amount.start], text[amount.end : right]
    span = _RANGE_RE.match(after)  # 3-5天, 99-129元: the unit after the range decides
    after = after[span.end() :] if span else after
    money = amount.money or after.startswith(("块", "元", "rmb"))
    start, end, value = amount.start, amount.end, amount.value
    if NOT_PRICE_BEFORE.search(before) or (not amount.money and NOT_PRICE_AFTER.match(after)):
        return None
    long_code = amount.arabic and not money and len(amount.num.split(".")[0]) >= 6  # order, phone numbers
    if long_code or _RULE_PART_BEFORE.search(before):  # the 30 of 满299减30 is the rule's, not an offer
        return None
    if after.startswith("折") and not money:
        rate, da = _rate(amount.num), re.search(r"打个?$", before)
        return None if rate is None else ("rate", rate, start - (len(da[0]) if da else 0), end + 1)
    if not (money or amount.arabic or value >= 10):
        return None  # 一, 三 in running text are words far more often than prices
    if ((m := _COUPON_AFTER.match(after)) and (money or "券" in m[0])) or _COUPON_BEFORE.search(before):
        return "coupon", value, start, end + (m.end() if m else 0)
    if m := _THRESHOLD_BEFORE.search(before):
        return "threshold", value, left + m.start(), end
    absolute_before = _ABSOLUTE_BEFORE.search(before)
    if _THRESHOLD_AFTER.match(after) or (_BARE_FREE_AFTER.match(after) and not absolute_before):
        return "threshold", value, start, end
    if _SHIPPING_BEFORE.search(before) or _SHIPPING_AFTER.match(after):
        return None  # a shipping fee: extract_shipping_mentions reports it
    if money and (_PER_UNIT_BEFORE.search(before) or _PER_UNIT_AFTER.match(after)):
        return "per_unit", value, start, end
    if (m := _DISCOUNT_BEFORE.search(before)) or (n := _DISCOUNT_AFTER.match(after)):
        if m and "比" in before[: m.start()]:
            return None  # 比专柜便宜200 is a difference between two prices, not money off
        return "discount", value, left + m.start() if m else start, end if m else end + n.end()
    markers = list(_REFERENCE_RE.finditer(before))
    if (markers and not _OWN_RE.search(before[markers[-1].end() :])) or _REFERENCE_AFTER.match(after):
        return "reference", value, start, end
    if money and _NOT_ITEM_AFTER.match(after):
        return None
    if _BUNDLE_BEFORE.search(before):
        return None  # 两件一共200, 一共158 (with shipping): an order total, not this item's price
    if money or absolute_before or _ABSOLUTE_AFTER.match(after):
        return "absolute", value, start, end
    return None


def extract_price_mentions(text: str) -> list[PriceMention]:
    """Prices the trainee states, offers or compares with, in the order they appear."""
    return list(_price_mentions(text))


@lru_cache(maxsize=64)
def _price_mentions(text: str) -> tuple[PriceMention, ...]:
    found = (classify_amount(text, amount) for amount in find_amounts(text))
    return tuple(PriceMention(value, kind, start, end) for kind, value, start, end in filter(None, found))


# --- shipping ------------------------------------------------------------------------------------

_FREE_RE = re.compile(
    r"(?P<ours>运费(?:差价)?(?:就|也)?(?:我们|我|店铺|商家|咱们|小店|店里|这边)来?(?:出|承担|付|包|负责))"
    r"|(?P<waive>运费(?:差价)?(?:就|也)?(?:给[您你]|帮您)?(?:免了|免掉|不收了|不要了|全免))"
    r"|包个?邮|免邮费?|免(?:掉|去)?(?:您的?)?运费(?!险)|不收[您你]?的?运费(?!险)"
)
_NEGATION_BEFORE = re.compile(
    r"(?:不(?![过错用])|没(?:法|办法|有)?|无法)(?:[能会给帮您你了再]|可以|支持|参与)*$"
)
_NEGATION_AFTER = re.compile(r"做不了|不了|不行|不可以|不能|没有|不支持|的话|吗|么|嘛")
# A standing rule (满88包邮, 全场包邮, 两件包邮) is not a statement about this order.
_STANDING_RE = re.compile(
    r"满(?!意)|全场|全店|本店|全部|所有|一律|以上|门槛|条件|偏远|地区|除了|都(?:是)?(?:包邮|免邮)"
    r"|(?:\d+|[两二三四五六七八九十])[件单]|差(?=\d|[一二三四五六七八九十几])|凑|再买|再拍|新疆|西藏|港澳台|海外"
)
_FAVOUR_BEFORE = re.compile(
    r"(?:[给帮为替送能]|申请|破例|特[地意]|额外|专门|可以)(?:[您你亲了们再]|一下|免费)*$"
)
_FAVOUR_AFTER = re.compile(r"(?:给|送)(?:您|你|亲)|吧|啦|了哈")
_FEE_BEFORE = re.compile(rf"{_SHIP}(?P<gap>[^,]{{0,6}})$")


def extract_shipping_mentions(text: str) -> list[ShippingMention]:
    """What the trainee says this order's shipping costs, or that it ships free."""
    mentions = []
    # "88元包邮" with no 满 is still a rule: the price extractor already told it from "96包邮给你".
    rule_ends = {mention.end for mention in _price_mentions(text) if mention.kind == "threshold"}
    for match in _FREE_RE.finditer(text):
        left, right = clause_around(text, match.start(), match.end())
        before, after = text[left : match.start()], text[match.end() : right]
        if match["ours"] or match["waive"]:
            mentions.append(ShippingMention(0.0, True, match.start(), match.end()))
            continue
        negated = _NEGATION_BEFORE.search(before) or _NEGATION_AFTER.match(after)
        if negated or match.start() in rule_ends or _STANDING_RE.search(text[left:right]):
            continue
        favour = bool(_FAVOUR_BEFORE.search(before) or _FAVOUR_AFTER.match(after))
        mentions.append(ShippingMention(0.0, favour, match.start(), match.end()))
    for amount in find_amounts(text):
        left, right = clause_around(text, amount.start, amount.end)
        before, after = text[left : amount.start], text[amount.end : right]
        if not (amount.money or amount.arabic) or (not amount.money and NOT_PRICE_AFTER.match(after)):
            continue
        fee_before = _FEE_BEFORE.search(before)
        if _PER_UNIT_AFTER.match(after):  # 5元/kg is a rate, not this order's fee
            continue
        if fee_before and not re.search(r"差价|首重|续重|免|包", fee_before["gap"]):
            mentions.append(ShippingMention(amount.value, False, left + fee_before.start(), amount.end))
        elif amount.money and (fee_after := _SHIPPING_AFTER.match(after)):
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
