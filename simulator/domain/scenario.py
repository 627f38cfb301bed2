"""A scenario: the shop, the product the buyer came for, its facts and the rules the trainee must respect."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Situation(StrEnum):
    PRESALE = "presale"  # 售前: the buyer asks before buying
    UNPAID = "unpaid"  # 拍下未付: the buyer has ordered and not paid
    AFTERSALE = "aftersale"  # 售后: the buyer bought and something went wrong


@dataclass(frozen=True)
class SizeRow:
    """One line of a size chart: the size fits a body within these ranges (inclusive)."""

    size: str
    height_cm: tuple[float, float]
    weight_kg: tuple[float, float]


@dataclass(frozen=True)
class Product:
    name: str
    list_price: float  # 标价 / 活动价 the page shows
    floor_price: float  # the lowest price the shop allows a trainee to agree
    stock: int
    weight_kg: float
    material: str
    selling_points: tuple[str, ...]
    drawbacks: tuple[str, ...] = ()  # real weak points, for 补偿法
    colours: tuple[str, ...] = ()
    sizes: tuple[str, ...] = ()
    size_chart: tuple[SizeRow, ...] = ()
    low_stock: dict[str, int] = field(default_factory=dict)  # colour or size → pieces left
    picture: str = ""  # file name in assets/products
    kind: str = ""  # what a buyer calls it in a word or two (开衫, 电水壶): {kind} in buyer lines


@dataclass(frozen=True)
class Promotion:
    kind: str  # coupon | free_shipping_threshold | discount | gift
    description: str
    amount: float = 0.0  # coupon value, threshold, or discount rate (0.9 for 9折)
    ends: str = ""  # a deadline the trainee may use for 怕买不到


@dataclass(frozen=True)
class RegionFee:
    first_fee: float
    extra_kg_fee: float


@dataclass(frozen=True)
class ShippingRules:
    """首重/续重 pricing as in seed 001: the first kilogram, then each further (part-)kilogram."""

    first_kg: float
    first_fee: float
    extra_kg_fee: float
    regions: dict[str, RegionFee] = field(default_factory=dict)
    free_shipping_threshold: float | None = None  # 满N包邮
    carrier: str = ""
    dispatch: str = ""  # e.g. 48小时内发货
    cutoff: str = ""  # e.g. 16:00 当天发货截单


@dataclass(frozen=True)
class BuyerQuestion:
    """Something the buyer asks (its question, its worry) and what a reply must say to answer it."""

    role: str  # which of the case's lines it is: question | worry
    text: str  # in the buyer's words: 这款有哪几个颜色
    topic: str = ""  # what it is about, shown to the trainee: 颜色, 材质, 运费
    # Technique ids or engine events that answer it (help_choose, material_correct …), and words a
    # reply naming them answers it (燕麦色 …).
    answered_by: tuple[str, ...] = ()
    answer_words: tuple[str, ...] = ()
    # Engine events that mean the reply answered it with a wrong fact (material_wrong …): the buyer
    # notices and goes on waiting for a right answer.
    wrong_by: tuple[str, ...] = ()


@dataclass(frozen=True)
class QuestionNote:
    """What a trainee reply did to one of the buyer's questions: question_answered, question_unanswered
    (left open twice: the buyer asks again) or question_answered_wrong (answered with a wrong fact)."""

    event: str
    question: str
    topic: str


@dataclass(frozen=True)
class BuyerProfile:
    """Facts about this buyer that the trainee can ask for or must get right."""

    region: str
    quantity: int = 1
    height_cm: float | None = None
    weight_kg: float | None = None
    wanted_colour: str = ""
    purpose: str = ""  # 自用 / 送人 …
    order_total: float | None = None  # what an unpaid or after-sale order came to
    # The case, in the buyer's words, for persona lines ({for_whom} {question} {worry} {demand}
    # {deadline} {competitor_price}): a persona holds the temperament, the scenario what it wants.
    for_whom: str = ""  # 我妈, 我自己, 客户
    question: str = ""  # the first thing it asks: 这款有哪几个颜色
    worry: str = ""  # its doubt or objection: 洗了会不会起球
    demand: str = ""  # what it insists on: 今天必须发顺丰
    deadline: str = ""  # why it is in a hurry: 明天要送人
    complaint: str = ""  # after a sale, the problem in a few words: 杯子碎了一只
    # What answers its question and its worry once it has said them (the buyer's agenda).
    questions: tuple[BuyerQuestion, ...] = ()
    competitor_price: float | None = None  # the cheaper price it saw elsewhere
    first_offer_share: float | None = None  # its first counter-offer as a share of the page price


@dataclass(frozen=True)
class Scenario:
    id: str
    name_zh: str
    name_en: str
    situation: Situation
    shop: str
    product: Product
    promotions: tuple[Promotion, ...]
    shipping: ShippingRules
    # gift | free_shipping | priority_shipping | shipping_insurance | coupon | sf_upgrade
    allowed_concessions: tuple[str, ...]
    max_discount: float  # the most money off per item a trainee may give without breaking shop rules
    forbidden_promises: tuple[str, ...]  # things the trainee must not promise (e.g. 保证明天到)
    after_sale_policy: str
    buyer: BuyerProfile
    issue: str = ""  # after-sale: what went wrong
    description: str = ""


def case_values(scenario: Scenario) -> dict[str, str]:
    """The buyer's case, for {placeholders} in persona lines ("" when the scenario does not give it)."""
    buyer = scenario.buyer
    price = buyer.competitor_price
    return {
        "kind": scenario.product.kind,
        "for_whom": buyer.for_whom,
        "question": buyer.question,
        "worry": buyer.worry,
        "demand": buyer.demand,
        "deadline": buyer.deadline,
        "complaint": buyer.complaint,
        "competitor_price": "" if price is None else (f"{price:g}"),
    }
