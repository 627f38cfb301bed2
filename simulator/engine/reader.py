"""The reader of the numbers in a message: what each money amount is, read in one scenario's shop.

Every amount gets one role: the trainee's offer (per item, after the reductions the message states),
this order's shipping fee, or another price (a former or page price restated before a reduction, a
competitor's, a difference, the buyer's refused figure, a coupon or a threshold on its own, an order
total with shipping, a refund). `detect --scenario` prints these facts and the engine reacts to the
same list: one reader, no second copy.

The scenario is the context a human reader has: a bare 159 in a shop whose page says 159 is the
price; 88包邮 is the shop's rule where the threshold is 88, while 96包邮 is an offer. Input is the
canonical text of simulator.detection.normalize; offsets point into it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from simulator.domain.facts import MessageFact
from simulator.domain.reader_words import ReaderWords
from simulator.domain.scenario import Scenario, Situation
from simulator.engine.facts import (
    Amount,
    ShippingMention,
    classify_amount,
    clause_around,
    extract_shipping_mentions,
    extract_sizes,
    find_amounts,
    shipping_fee,
)

# The note of a free-shipping fact: a favour to this buyer, or the shop's rule confirmed.
GRANTED = "granted"
CONFIRMED = "confirmed"


@dataclass
class _Money:
    role: str  # offer | fee | fee_part | reduction | rate | other
    value: float
    start: int
    end: int
    per_item: float | None = None  # the offer each item, when the amount is a total of several


@dataclass
class _Reading:
    scenario: Scenario
    text: str
    words: ReaderWords
    monies: list[_Money] = field(default_factory=list)


def read_facts(scenario: Scenario, text: str, words: ReaderWords) -> list[MessageFact]:
    """The offer, the shipping fee and every other money amount of one message, in text order."""
    reading = _Reading(scenario, text, words)
    sizes = {(start, end) for _, start, end in extract_sizes(text)}
    for amount in find_amounts(text, words):
        if any(start <= amount.start and amount.end <= end for start, end in sizes):
            continue  # 拍42 is a shoe size
        money = _role(reading, amount)
        if money is not None:
            reading.monies.append(money)
    facts: list[MessageFact] = []
    offer = None if scenario.situation is Situation.AFTERSALE else _offer(reading)
    fee = _fee(reading, offer[0] if offer else None)
    for money in reading.monies:
        if offer is not None and money is offer[1]:
            facts.append(MessageFact("offer_price", offer[0], money.start, money.end, offer[2]))
        elif fee is not None and money is fee[1]:
            facts.append(MessageFact("shipping_fee", fee[0], money.start, money.end))
        elif money.per_item is not None and offer is not None and abs(money.per_item - offer[0]) < 0.01:
            continue  # a total of the same offer (两件318 beside 一件159) is said once
        elif money.role != "rate":
            facts.append(MessageFact("other_price", money.value, money.start, money.end))
    if offer is not None and offer[1] is None:
        facts.append(MessageFact("offer_price", offer[0], offer[3], offer[4], offer[2]))
    if fee is not None and fee[1] is None:
        facts.append(
            MessageFact("shipping_fee", fee[0], fee[2], fee[3], _granted(text, fee[2], fee[3], words))
        )
    facts.sort(key=lambda fact: (fact.start, fact.end))
    return facts


# -- one amount's role ----------------------------------------------------------------------------


def _role(reading: _Reading, amount: Amount) -> _Money | None:
    """One amount's role; None when it is not money at all (a height, 3件, a size-chart range)."""
    text, words, scenario = reading.text, reading.words, reading.scenario
    left, right = clause_around(text, amount.start, amount.end)
    before, after = text[left : amount.start], text[amount.end : right]
    money = _Money("other", amount.value, amount.start, amount.end)
    if not amount.money and (
        words.range_next.match(after)
        or words.range_before.search(before)
        or words.body_after.match(text[amount.end : amount.end + 12])
    ):
        return None  # 158到168, 158身高: sizes, heights and weights of a size chart
    if amount.arabic and not amount.money and 140 <= amount.value < 200 and after.startswith("穿"):
        return None  # 阿姨158穿会长: a height (九十九穿两年 and 289穿好几年 are prices)
    if words.not_money_after.match(after):
        return None  # 500京豆, 304不锈钢: points and grades, not yuan
    if words.fee_after.match(after) and not _other_region(reading, text[left : amount.end]):
        money.role = "fee"  # 加30运费: said before 加 could make it look like a quantity
        return money
    order_amount = words.order_amount_before.search(before) and len(amount.num) < 6
    unit_after = not amount.money and words.not_price_after.match(after)
    if unit_after and words.slang_yuan_after.match(after) and _price_like(reading, amount.value):
        money.role, money.per_item = "offer", amount.value  # 最低96米: live-commerce slang for yuan
        return money
    not_money = words.not_price_before.search(before) or unit_after
    per_item_after = words.per_item_after.match(after)
    per_item_before = words.per_item_before.search(before)
    if words.festival.match(text, amount.start):
        return None  # 618的时候: a shopping festival, not 618 yuan
    shipping_message = bool(words.shipping_context.search(text))
    operand = shipping_message and _operand(words, text, amount)
    exempt = per_item_after or (per_item_before and not unit_after) or order_amount or operand
    if not_money and not exempt:
        # 贵的这30, 差63块: a difference is still money; a height, a weight or 3件 is not.
        return money if amount.money and words.difference_before.search(before) else None
    if words.difference_before.search(before) or words.other_before.search(before):
        return money
    if words.accepted_before.search(before) or words.accepted_after.match(after):
        money.role, money.per_item = "offer", amount.value  # 就按您说的172吧: the buyer's figure accepted
        return _plausible(reading, money)
    if (
        words.other_after.match(after)
        or words.refused_before.search(before)
        or words.refused_after.match(after)
    ):
        return money  # 129那种, 您说的129, 170真的不行: another item's price, the buyer's figure
    if words.buyer_figure_before.search(before) and words.refusal_later.search(after):
        return money  # 您说的打九折的话就是161.1我们这边做不了: worked out, then refused
    if words.future_before.search(before):
        return money  # 下个月就恢复329: a price to come
    if words.former_before.search(before):
        return money
    if (_fee_before(reading, amount, left) or words.fee_after.match(after)) and not words.plus_after.match(
        after
    ):
        money.role = "other" if _other_region(reading, text[left : amount.end]) else "fee"
        return money
    if words.shipping_part_before.search(before):
        money.role = "fee_part"  # 首重10 续重4: the parts of a computed fee
        return money
    if words.minus_operand.match(after) or words.minus_operand_before.search(before):
        return money  # 329-30-10=289: the page price and the reductions of a computation
    if words.minus_result_before.search(before):
        money.role, money.per_item = "offer", amount.value
        return _plausible(reading, money)
    if operand:
        if _price_like(reading, amount.value):
            money.role, money.per_item = "offer", amount.value  # 99加14运费: the item and its fee
            return money
        money.role = "fee_part"  # 20加10: a part of a computed fee
        return money
    if shipping_message and (_result(reading, amount, before, left) or _buyer_fee(reading, before, left)):
        money.role = "result"  # 20加10 一共30块, 您那边是30: a computed fee, unless one is said outright
        return money
    if count := words.count_before.search(before):
        number = _count(count["n"])
        if number > 1:
            money.role, money.per_item = "offer", round(amount.value / number, 2)
            return _plausible(reading, money)
    if words.times_after.match(after):
        money.role, money.per_item = "offer", amount.value  # 268×2=536: 268 is the item's price
        return _plausible(reading, money)
    if times := words.times_result_before.search(before):
        if not words.addition.search(before):
            money.role, money.per_item = "offer", round(amount.value / int(times["n"]), 2)
            return _plausible(reading, money)
        return money
    if words.offer_before.search(before) or order_amount:
        money.role, money.per_item = "offer", _per_item(reading, amount.value)
        return _plausible(reading, money)
    if words.total_before.search(before) or words.equals_before.search(before):
        return money
    if per_item_before or (per_item_after and _price_like(reading, amount.value)):
        money.role, money.per_item = "offer", amount.value
        return _plausible(reading, money)
    classified = classify_amount(text, amount, words)
    if classified is None:
        if not amount.money:  # (a height before a weight was dropped above: body_after)
            per_item = _per_item(reading, amount.value)
            if _price_like(reading, per_item):
                money.role, money.per_item = "offer", per_item  # 159真的不贵, 两盒抹个零 530
                return money
        return money if amount.money else None
    kind, value, _, _ = classified
    money.value = value
    if kind == "rate":
        if words.rate_described_before.search(before):
            return None  # 99已经是6折了: describes the price, does not cut it again
        money.role = "rate"
    elif kind in ("coupon", "discount"):
        if words.saving_before.search(before) and (shipping_message or words.free_word.search(text)):
            return money  # 运费帮您包了 省14块: what free shipping saves, not money off the price
        # 领券174: an amount near the page price is the price after the coupon, not the coupon.
        if value >= 0.5 * scenario.product.list_price:
            money.role, money.per_item = "offer", _per_item(reading, value)
        else:
            money.role = "reduction"
    elif kind == "threshold":
        threshold = scenario.shipping.free_shipping_threshold
        bare = not words.threshold_word_before.search(before)
        if bare and (threshold is None or abs(value - threshold) > 0.01) and _price_like(reading, value):
            money.role, money.per_item = "offer", value  # 96包邮: an offer with free shipping
    elif kind == "absolute":
        money.role, money.per_item = "offer", _per_item(reading, value)
        return _plausible(reading, money)
    return money


def _per_item(reading: _Reading, value: float) -> float:
    """给您500 after 两盒536: a total for the count said earlier (or the buyer's quantity) is per item."""
    page = reading.scenario.product.list_price
    if value <= page * 1.05:
        return value
    counts = [_count(match["n"]) for match in reading.words.count_anywhere.finditer(reading.text)]
    number = counts[-1] if counts else reading.scenario.buyer.quantity
    return round(value / number, 2) if number > 1 else value


def _buyer_fee(reading: _Reading, before: str, left: int) -> bool:
    """新疆偏远一些要30, 所以您那边是30: a fee said for the buyer's own region or address."""
    if not reading.words.buyer_fee_before.search(before):
        return False
    window = reading.text[max(0, left - 2) : left + len(before)]
    return reading.scenario.buyer.region in window or bool(reading.words.buyer_place.search(before))


def _fee_before(reading: _Reading, amount: Amount, left: int) -> bool:
    """运费是二十六, 运费按总重5公斤计算为26元, 运费合并算,26块: the fee word leads to the amount."""
    text, words = reading.text, reading.words
    if not (amount.money or amount.arabic or amount.value >= 10):
        return False
    window = text[max(0, left - 12) : amount.start]
    found = list(words.fee_word.finditer(window))
    if not found:
        return False
    gap = _WEIGHT.sub("", window[found[-1].end() :])
    if re.search(r"\d", gap) or words.fee_gap_stop.search(gap):
        return False
    if "," in gap and gap.rsplit(",", 1)[1].strip():
        return False  # 运费,我们159: a new clause with its own subject; 运费合并算,26块 goes on
    return not _other_region(reading, text[left : amount.end])


_WEIGHT = re.compile(r"\d+(?:\.\d+)?(?:公斤|kg|千克|斤)")


def _operand(words: ReaderWords, text: str, amount: Amount) -> bool:
    """10加4, 20+10: a number added in the message (its sum comes next); 加三层 is not a sum."""
    if not (amount.arabic or amount.money):
        return False
    return bool(words.plus_after.match(text[amount.end :]) or words.plus_before.search(text[: amount.start]))


def _result(reading: _Reading, amount: Amount, before: str, left: int) -> bool:
    """The result of a fee computation: after a sum (10加4,14块; =26), or a total after fee parts."""
    words, text = reading.words, reading.text
    window = text[max(0, left - 16) : amount.start]
    if words.sum_before.search(window):
        return not _other_region(reading, text[max(0, left - 16) : amount.end])
    total = (
        words.total_before.search(before)
        or words.equals_before.search(before)
        or words.result_before.search(before)
    )
    parts = words.shipping_part_before.search(text[: amount.start]) or re.search(
        r"首重|续重", text[: amount.start]
    )
    return bool(total and parts)


def _other_region(reading: _Reading, clause: str) -> bool:
    return bool(reading.words.other_region.search(clause)) and reading.scenario.buyer.region not in clause


def _plausible(reading: _Reading, money: _Money) -> _Money:
    """An item's price is not a few yuan in a shop whose floor is hundreds (两毛钱电费), nor over twice
    the page price (a total of items)."""
    product = reading.scenario.product
    if (
        money.per_item is not None
        and not 0.3 * product.floor_price <= money.per_item <= 2 * product.list_price
    ):
        money.role, money.per_item = "other", None  # 再加一盒804: a total of more items than any said
    return money


def _price_like(reading: _Reading, value: float) -> bool:
    """A figure between the lowest price the shop could mean and its page price (or an unpaid order)."""
    product, scenario = reading.scenario.product, reading.scenario
    low = product.floor_price - max(0.1 * product.list_price, 2 * scenario.max_discount)
    order = scenario.buyer.order_total
    return low - 0.005 <= value <= product.list_price + 0.005 or (
        order is not None and abs(value - order) < 0.01
    )


def _count(word: str) -> int:
    if word.isdigit():
        return int(word)
    return "一两三四五六七八九十".index(word) + 1 if word != "二" else 2


# -- the offer and the fee ------------------------------------------------------------------------


def _offer(reading: _Reading) -> tuple[float, _Money | None, str, int, int] | None:
    """The last price stated, less the reductions said after it when it was the page price; with no
    price stated, the page price less the reductions the message gives, each applied once."""
    page = reading.scenario.product.list_price
    offers = [money for money in reading.monies if money.role == "offer" and money.per_item is not None]
    reductions = [money for money in reading.monies if money.role in ("reduction", "rate")]
    if offers:
        last = offers[-1]
        assert last.per_item is not None
        later = [money for money in reductions if money.start > last.end]
        if later and abs(last.per_item - page) < 0.5:
            reduced, note = _apply(last.per_item, later)
            last.role, last.per_item = "other", None  # 活动价99 还能再领3元券: 99 is now another price
            return reduced, None, note, later[-1].start, later[-1].end
        return last.per_item, last, "", last.start, last.end
    if not reductions:
        return None
    reduced, note = _apply(page, reductions)
    return reduced, None, note, reductions[0].start, reductions[-1].end


def _apply(price: float, reductions: list[_Money]) -> tuple[float, str]:
    notes = []
    for money in reductions:
        if money.role == "rate":
            price = round(price * money.value, 2)
            notes.append(f"×{money.value:g}")
        else:
            price = round(price - money.value, 2)
            notes.append(f"−{money.value:g}")
    return price, " ".join(notes)


def _fee(reading: _Reading, offer: float | None) -> tuple[float, _Money | None, int, int] | None:
    """This order's shipping: free when the message grants or confirms it, else the fee it states
    (a fee said outright before a computed one; of several, the last)."""
    free = _free_mentions(reading, offer)
    fees = [money for money in reading.monies if money.role == "fee"]
    results = [money for money in reading.monies if money.role == "result"]
    if fees or free:
        for money in results:
            money.role = "other"  # 合计562 beside 运费26: a grand total
    else:
        fees = results
    if free:
        for money in fees:
            money.role = "other"  # 本来运费要14 … 包邮: the fee the buyer does not pay
        first = min(free, key=lambda mention: mention.start)
        return 0.0, None, first.start, first.end
    if not fees:
        return None
    chosen = fees[-1]
    for money in fees[:-1]:
        money.role = "other"
    chosen.role = "fee"
    return chosen.value, chosen, chosen.start, chosen.end


def _granted(text: str, start: int, end: int, words: ReaderWords) -> str:
    """Free shipping given as a favour (给您包邮, 包邮和鞋垫都给您了) or confirmed as the shop's rule."""
    left, right = clause_around(text, start, end)
    return GRANTED if words.free_granted.search(text[left:right]) else CONFIRMED


def _free_mentions(reading: _Reading, offer: float | None) -> list[ShippingMention]:
    text, words, scenario = reading.text, reading.words, reading.scenario
    free = [mention for mention in extract_shipping_mentions(text, words) if mention.fee == 0]
    free += [
        ShippingMention(0.0, True, match.start(), match.end()) for match in words.free_order.finditer(text)
    ]
    for match in words.free_word.finditer(text):
        left, right = clause_around(text, match.start(), match.end())
        negated = words.free_negated.search(text[left : match.start()]) or words.free_negated_after.match(
            text[match.end() : right]
        )
        if negated:
            continue
        clause = text[left:right]
        after_offer = any(
            money.role == "offer"
            and money.end <= match.start()
            and not text[money.end : match.start()].strip("的哦,")
            for money in reading.monies
        )
        if after_offer or scenario.buyer.region in clause or words.this_order.search(clause):
            free.append(ShippingMention(0.0, True, match.start(), match.end()))
    free = [mention for mention in free if _about_this_order(reading, mention)]
    threshold = scenario.shipping.free_shipping_threshold
    named = threshold is not None and any(abs(money.value - threshold) < 0.01 for money in reading.monies)
    rule = words.free_rule.search(text)
    if not free and (named or rule) and (match := words.free_word.search(text)):
        # 满88包邮 or 全国包邮 said to a buyer whose order qualifies confirms free shipping for it.
        price = offer if offer is not None else scenario.product.list_price
        quantity = scenario.buyer.quantity
        weight = scenario.product.weight_kg * quantity
        if shipping_fee(scenario.shipping, scenario.buyer.region, weight, price * quantity) == 0:
            free.append(ShippingMention(0.0, True, match.start(), match.end()))
    return free


def _about_this_order(reading: _Reading, mention: ShippingMention) -> bool:
    """A free exchange under warranty (质保, 非人为损坏免费换), a presale promise about returns (换码的话
    换发运费我们承担) and free shipping for a bigger order (再拿一盒就包邮) are not this order's fee."""
    text, words = reading.text, reading.words
    if words.warranty.search(text[: mention.end]):
        return False
    left, right = clause_around(text, mention.start, mention.end)
    previous = clause_around(text, max(0, left - 2), max(0, left - 1))[0] if left > 0 else left
    if reading.scenario.situation is not Situation.AFTERSALE and words.return_policy.search(
        text[previous:right]
    ):
        return False
    if words.return_leg.search(text[left:right]):
        return False  # 拒收退回的运费也不用您出: the return leg, not this order's delivery
    said = text[mention.start : mention.end]
    negated = words.free_negated.search(text[left : mention.start]) or words.free_negated_after.match(
        text[mention.end : right]
    )
    return not (words.free_word.search(said) and negated)


__all__ = ["CONFIRMED", "GRANTED", "read_facts"]
