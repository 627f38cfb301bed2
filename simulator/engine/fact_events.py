"""Turns the facts a trainee states into engine events: price steps, shipping fees, sizes, promises.

The buyer notices what a real buyer would: a price above the page, a shipping fee that does not
follow the shop's rules, a size the chart does not give, a promise the shop forbids, money off
beyond what the trainee may give, an invitation to leave the platform.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from simulator.domain.detection import Detection
from simulator.domain.facts import MessageFact
from simulator.domain.reader_words import ReaderWords
from simulator.domain.scenario import Scenario, Situation
from simulator.engine.facts import (
    chinese_number,
    clause_around,
    extract_sizes,
    shipping_fee,
    size_for,
)
from simulator.engine.reader import GRANTED

# Red lines of Taobao's rules (平台敏感词): taking the buyer off the platform and paying for reviews.
_SMALL_STEP_SHARE = 0.05
_SMALL_STEP_YUAN = 3.0


@dataclass(frozen=True)
class PriceBook:
    """The price as the conversation has set it so far (a value: a message yields a new book)."""

    list_price: float
    floor_price: float
    max_discount: float
    current: float
    steps: tuple[float, ...] = ()

    @classmethod
    def for_scenario(cls, scenario: Scenario) -> PriceBook:
        product = scenario.product
        # An unpaid order stands at what it came to (a coupon already taken off); else the page price.
        start = product.list_price
        if scenario.situation is Situation.UNPAID and scenario.buyer.order_total is not None:
            start = scenario.buyer.order_total
        return cls(product.list_price, product.floor_price, scenario.max_discount, start)

    @property
    def price_ok(self) -> bool:
        return self.current >= self.floor_price - 0.005

    def small_step(self, step: float) -> bool:
        return step <= max(_SMALL_STEP_YUAN, _SMALL_STEP_SHARE * self.list_price) + 0.005


@dataclass
class FactFindings:
    """What one message's facts come to: its events, the figures quoted in the score, and the price
    book as the message leaves it (the caller decides whether the session takes it)."""

    events: list[str] = field(default_factory=list)
    facts: dict[str, float | str] = field(default_factory=dict)
    book: PriceBook | None = None

    def add(self, event: str) -> None:
        if event not in self.events:
            self.events.append(event)


def _lower_price(book: PriceBook, new_price: float, findings: FactFindings) -> PriceBook:
    step = round(book.current - new_price, 2)
    if step <= 0:
        return book
    findings.add("concession_small" if book.small_step(step) else "concession_big")
    if new_price < book.floor_price - 0.005:
        findings.add("price_below_floor")
    if book.list_price - new_price > book.max_discount + 0.005:
        findings.add("discount_not_allowed")
    lowered = replace(book, current=round(new_price, 2), steps=(*book.steps, step))
    findings.facts["price"] = lowered.current
    return lowered


def price_findings(book: PriceBook, facts: list[MessageFact], findings: FactFindings) -> PriceBook:
    """The message's offer (one per message, per item, reductions already applied by the reader from
    the page price) moves the price book: a competitor's price, a gap, a refused figure or a fee is
    another price and never a concession. Returns the book after the message."""
    for fact in facts:
        if fact.kind != "offer_price" or not isinstance(fact.value, float | int):
            continue
        value = float(fact.value)
        if value > book.list_price + 0.5:
            findings.add("price_wrong")
            findings.facts["price_stated"] = value
        elif abs(value - book.current) < 0.5:
            findings.add("price_quote")
        elif value < book.current:
            book = _lower_price(book, value, findings)
            if book.price_ok and book.list_price - value <= book.max_discount + 0.005:
                findings.add("price_quote")  # 到手174 with the shop's 5-yuan coupon: a price the shop allows
        elif not book.price_ok and value >= book.floor_price - 0.005:
            # A price offered below the floor and then corrected: the shop can accept the order again.
            book = replace(book, current=round(value, 2))
            findings.facts["price"] = book.current
    return book


def shipping_findings(
    scenario: Scenario, book: PriceBook, facts: list[MessageFact], findings: FactFindings
) -> None:
    fees = [fact for fact in facts if fact.kind == "shipping_fee"]
    if not fees:
        return
    buyer = scenario.buyer
    weight = scenario.product.weight_kg * buyer.quantity
    correct = shipping_fee(scenario.shipping, buyer.region, weight, book.current * buyer.quantity)
    findings.facts["shipping_fee_correct"] = correct
    for fact in fees:
        fee = float(fact.value)
        if fee == 0 and fact.note == GRANTED:
            allowed = "free_shipping" in scenario.allowed_concessions or correct == 0
            findings.add("free_shipping_given" if allowed else "concession_not_allowed")
        else:
            findings.facts["shipping_fee_stated"] = fee
            findings.add("shipping_fee_correct" if abs(fee - correct) < 0.01 else "shipping_fee_wrong")


def size_findings(scenario: Scenario, detection: Detection, canonical: str, findings: FactFindings) -> None:
    product, buyer = scenario.product, scenario.buyer
    if not product.size_chart or buyer.height_cm is None or buyer.weight_kg is None:
        return
    if not detection.has("size_advice"):
        return
    known = {size.upper() for size in product.sizes}
    named = [size for size, _, _ in extract_sizes(canonical) if not known or size in known]
    if not named:
        return
    right = size_for(product.size_chart, buyer.height_cm, buyer.weight_kg)
    findings.facts["size_recommended"] = named[0]
    if right is not None:
        findings.facts["size_correct"] = right
        findings.add("size_correct" if named[0] == right.upper() else "size_wrong")


def promise_findings(
    scenario: Scenario, detection: Detection, canonical: str, words: ReaderWords, findings: FactFindings
) -> None:
    for promise in scenario.forbidden_promises:
        phrase = promise.lower()
        core = words.promise_words.sub("", phrase)
        if phrase in canonical or (
            detection.has("absolute_promise") and len(core) >= 3 and core in canonical
        ):
            findings.add("forbidden_promise")
            findings.facts["forbidden_promise"] = promise
            return


def stock_findings(scenario: Scenario, canonical: str, words: ReaderWords, findings: FactFindings) -> None:
    """A scarcity claim must be true: 怕买不到 works because it is real (000/003)."""
    product = scenario.product
    for match in words.stock_claim.finditer(canonical):
        claimed = chinese_number(match.group(1))
        if claimed is None:
            continue
        findings.facts["stock_claimed"] = claimed
        true_counts = set(product.low_stock.values()) or {product.stock}
        if claimed in true_counts:
            findings.add("stock_correct")
        else:
            findings.facts["stock_real"] = min(true_counts)
            findings.add("stock_wrong")
        return


_FIBRE_NAMES = {"真丝": "丝", "桑蚕丝": "丝", "蚕丝": "丝", "真皮": "皮", "牛皮": "牛皮"}


def material_findings(scenario: Scenario, canonical: str, words: ReaderWords, findings: FactFindings) -> None:
    """纯棉 said of 95%棉: a material claim the product's own composition contradicts."""
    material = scenario.product.material
    for match in words.pure_material.finditer(canonical):
        left, right = clause_around(canonical, match.start(), match.end())
        if words.claim_disowned.search(canonical[left : match.start()]) or words.claim_disowned_after.match(
            canonical[match.end() : right]
        ):
            continue
        fibre = _FIBRE_NAMES.get(match["fibre"], match["fibre"])
        shares = [float(share) for share in re.findall(rf"(\d+(?:\.\d+)?)%[^、,(),;]*?{fibre}", material)]
        whole = fibre in material and (
            not re.search(r"\d+%", material) or any(share >= 100 for share in shares)
        )
        findings.facts["material_claimed"] = match[0]
        findings.facts["material_real"] = material
        findings.add("material_correct" if whole else "material_wrong")
        return


_CN_HOURS = {
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
}


def dispatch_findings(scenario: Scenario, canonical: str, words: ReaderWords, findings: FactFindings) -> None:
    """晚上8点前拍今天发 where the shop's cut-off is 16:00: a dispatch time the shop cannot keep."""
    cutoff = re.search(r"(\d{1,2})[:点]", scenario.shipping.cutoff)
    if cutoff is None:
        return
    for match in words.dispatch_claim.finditer(canonical):
        hour = _hour(match["hour"])
        if hour is None:
            continue
        if match["when"] in ("晚上", "下午", "傍晚") and hour < 12:
            hour += 12
        findings.facts["dispatch_claimed"] = match[0]
        findings.facts["dispatch_real"] = scenario.shipping.cutoff
        findings.add("dispatch_wrong" if hour > int(cutoff[1]) else "dispatch_correct")
        return


def _hour(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    if text.startswith("十"):
        return 10 + _CN_HOURS.get(text[1:], 0) if len(text) <= 2 else None
    if len(text) == 1:
        return _CN_HOURS.get(text)
    return None


def policy_findings(scenario: Scenario, canonical: str, words: ReaderWords, findings: FactFindings) -> None:
    """运费您自己出 when the shop pays, 把碎的寄回来 when no return is needed: the policy misstated."""
    policy = scenario.after_sale_policy
    shop_pays = words.policy_shop_pays.search(policy)
    if shop_pays and not words.policy_buyer_pays.search(policy) and words.buyer_pays_claim.search(canonical):
        findings.facts["policy_claimed"] = words.buyer_pays_claim.search(canonical)[0]  # type: ignore[index]
        findings.facts["policy_real"] = shop_pays[0].strip(" (")
        findings.add("policy_wrong")
        return
    no_return = words.policy_no_return.search(policy)
    if no_return and (asked := words.return_asked.search(canonical)):
        findings.facts["policy_claimed"] = asked[0]
        findings.facts["policy_real"] = no_return[0].strip(" (")
        findings.add("policy_wrong")


def red_line_findings(canonical: str, words: ReaderWords, findings: FactFindings) -> None:
    if words.off_platform.search(canonical):
        findings.add("off_platform")
    if words.review_cashback.search(canonical):
        findings.add("review_cashback")
    if words.insult.search(canonical):
        findings.add("insult")


def find_facts(
    scenario: Scenario,
    book: PriceBook,
    detection: Detection,
    canonical: str,
    facts: list[MessageFact],
    words: ReaderWords,
) -> FactFindings:
    """All fact events of one message and the price book after it (``findings.book``); ``book`` is
    not changed. ``facts`` are the reader's (simulator.engine.reader), the list `detect --scenario`
    prints."""
    findings = FactFindings()
    if scenario.situation is not Situation.AFTERSALE:
        # After a sale, money mentioned (a coupon, a refund) is a remedy, not a price being cut.
        book = price_findings(book, facts, findings)
    findings.book = book
    shipping_findings(scenario, book, facts, findings)
    size_findings(scenario, detection, canonical, findings)
    promise_findings(scenario, detection, canonical, words, findings)
    stock_findings(scenario, canonical, words, findings)
    material_findings(scenario, canonical, words, findings)
    dispatch_findings(scenario, canonical, words, findings)
    policy_findings(scenario, canonical, words, findings)
    red_line_findings(canonical, words, findings)
    return findings
