"""Loads scenario files (scenarios/*.yaml) into domain Scenarios; the schema is shared with lint."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from simulator.content.document_cache import DocumentCache
from simulator.content.yaml_source import (
    ContentError,
    ContentProblem,
    YamlDocument,
    line_of,
    read_yaml,
    validate,
)
from simulator.domain.scenario import (
    BuyerProfile,
    BuyerQuestion,
    Product,
    Promotion,
    RegionFee,
    Scenario,
    ShippingRules,
    Situation,
    SizeRow,
)

CONCESSIONS = ("gift", "free_shipping", "priority_shipping", "shipping_insurance", "coupon", "sf_upgrade")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class SizeRowModel(_Strict):
    size: str = Field(min_length=1)
    height_cm: tuple[float, float]
    weight_kg: tuple[float, float]


class ProductModel(_Strict):
    name: str = Field(min_length=1)
    list_price: float = Field(gt=0)
    floor_price: float = Field(gt=0)
    stock: int = Field(ge=0)
    weight_kg: float = Field(gt=0)
    material: str = Field(min_length=1)
    selling_points: list[str] = Field(min_length=1)
    drawbacks: list[str] = []
    colours: list[str] = []
    sizes: list[str] = []
    size_chart: list[SizeRowModel] = []
    low_stock: dict[str, int] = {}
    picture: str = Field(default="", pattern=r"^([A-Za-z0-9_-]+\.(svg|png))?$")  # a file in assets/products
    kind: str = ""

    @field_validator("floor_price")
    @classmethod
    def floor_below_list(cls, floor_price: float, info: ValidationInfo) -> float:
        list_price = info.data.get("list_price")
        if list_price is not None and floor_price > list_price:
            raise ValueError(f"floor_price {floor_price:g} is above list_price {list_price:g}")
        return floor_price

    @model_validator(mode="after")
    def sizes_known(self) -> ProductModel:
        chart_sizes = {row.size for row in self.size_chart}
        if self.sizes and chart_sizes - set(self.sizes):
            raise ValueError(f"size_chart names sizes not in sizes: {sorted(chart_sizes - set(self.sizes))}")
        return self


class PromotionModel(_Strict):
    kind: Literal["coupon", "free_shipping_threshold", "discount", "gift"]
    description: str = Field(min_length=1)
    amount: float = 0.0
    ends: str = ""


class RegionFeeModel(_Strict):
    first_fee: float = Field(ge=0)
    extra_kg_fee: float = Field(ge=0)


class ShippingModel(_Strict):
    first_kg: float = Field(gt=0)
    first_fee: float = Field(ge=0)
    extra_kg_fee: float = Field(ge=0)
    regions: dict[str, RegionFeeModel] = {}
    free_shipping_threshold: float | None = None
    carrier: str = ""
    dispatch: str = ""
    cutoff: str = ""


class AnswerModel(_Strict):
    topic: str = Field(min_length=1)
    by: list[str] = []
    words: list[str] = []
    wrong_by: list[str] = []

    @model_validator(mode="after")
    def _answerable(self) -> AnswerModel:
        if not self.by and not self.words:
            raise ValueError("an answer needs `by` (technique ids or engine events) or `words`")
        return self


class BuyerModel(_Strict):
    region: str = Field(min_length=1)
    quantity: int = Field(default=1, ge=1)
    height_cm: float | None = None
    weight_kg: float | None = None
    wanted_colour: str = ""
    purpose: str = ""
    order_total: float | None = None
    for_whom: str = ""
    question: str = ""
    worry: str = ""
    demand: str = ""
    deadline: str = ""
    complaint: str = ""
    # What answers the question and the worry: {question: {topic, by, words, wrong_by}, worry: …}
    answers: dict[Literal["question", "worry"], AnswerModel] = {}
    competitor_price: float | None = Field(default=None, gt=0)
    first_offer_share: float | None = Field(default=None, gt=0, lt=1)

    @model_validator(mode="after")
    def _answers_have_their_text(self) -> BuyerModel:
        for key in self.answers:
            if not getattr(self, key):
                raise ValueError(f"answers.{key}: the buyer has no {key} to answer")
        return self


class ScenarioModel(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name_zh: str = Field(min_length=1)
    name_en: str = Field(min_length=1)
    situation: Situation
    shop: str = Field(min_length=1)
    description: str = ""
    issue: str = ""
    product: ProductModel
    promotions: list[PromotionModel] = []
    shipping: ShippingModel
    allowed_concessions: list[Literal[CONCESSIONS]] = []  # type: ignore[valid-type]
    max_discount: float = Field(default=0.0, ge=0)
    forbidden_promises: list[str] = []
    after_sale_policy: str = Field(min_length=1)
    buyer: BuyerModel

    @field_validator("max_discount")
    @classmethod
    def discount_within_floor(cls, max_discount: float, info: ValidationInfo) -> float:
        product = info.data.get("product")
        if product is not None and product.list_price - max_discount < product.floor_price - 1e-9:
            raise ValueError(
                f"max_discount {max_discount:g} would take the price below "
                f"floor_price {product.floor_price:g}"
            )
        return max_discount

    @model_validator(mode="after")
    def aftersale_has_issue(self) -> ScenarioModel:
        if self.situation is Situation.AFTERSALE and not self.issue:
            raise ValueError("an aftersale scenario needs 'issue' (what went wrong)")
        return self


def _to_domain(model: ScenarioModel) -> Scenario:
    product = model.product
    shipping = model.shipping
    return Scenario(
        id=model.id,
        name_zh=model.name_zh,
        name_en=model.name_en,
        situation=model.situation,
        shop=model.shop,
        description=model.description,
        issue=model.issue,
        product=Product(
            name=product.name,
            list_price=product.list_price,
            floor_price=product.floor_price,
            stock=product.stock,
            weight_kg=product.weight_kg,
            material=product.material,
            selling_points=tuple(product.selling_points),
            drawbacks=tuple(product.drawbacks),
            colours=tuple(product.colours),
            sizes=tuple(product.sizes),
            size_chart=tuple(SizeRow(row.size, row.height_cm, row.weight_kg) for row in product.size_chart),
            low_stock=dict(product.low_stock),
            picture=product.picture,
            kind=product.kind,
        ),
        promotions=tuple(Promotion(p.kind, p.description, p.amount, p.ends) for p in model.promotions),
        shipping=ShippingRules(
            first_kg=shipping.first_kg,
            first_fee=shipping.first_fee,
            extra_kg_fee=shipping.extra_kg_fee,
            regions={
                name: RegionFee(fee.first_fee, fee.extra_kg_fee) for name, fee in shipping.regions.items()
            },
            free_shipping_threshold=shipping.free_shipping_threshold,
            carrier=shipping.carrier,
            dispatch=shipping.dispatch,
            cutoff=shipping.cutoff,
        ),
        allowed_concessions=tuple(model.allowed_concessions),
        max_discount=model.max_discount,
        forbidden_promises=tuple(model.forbidden_promises),
        after_sale_policy=model.after_sale_policy,
        buyer=BuyerProfile(
            **{
                **model.buyer.model_dump(exclude={"answers"}),
                "questions": _questions(model.buyer),
            }
        ),
    )


def _questions(buyer: BuyerModel) -> tuple[BuyerQuestion, ...]:
    texts = {"question": buyer.question, "worry": buyer.worry}
    return tuple(
        BuyerQuestion(
            role=key,
            text=texts[key],
            topic=answer.topic,
            answered_by=tuple(answer.by),
            answer_words=tuple(answer.words),
            wrong_by=tuple(answer.wrong_by),
        )
        for key, answer in buyer.answers.items()
    )


def load_scenario(path: Path, documents: DocumentCache | None = None) -> Scenario:
    return scenario_from_document(path, read_yaml(path, documents))


def scenario_from_document(path: Path, document: YamlDocument) -> Scenario:
    """A scenario from parsed YAML (the studio checks its editor's text this way)."""
    model = validate(path, document, ScenarioModel)
    if model.id != path.stem:
        message = f"id {model.id!r} must match the file name {path.stem!r}"
        raise ContentError([ContentProblem(str(path), line_of(document, ["id"]), message)])
    picture = model.product.picture
    if picture and not (path.parent.parent / "assets" / "products" / picture).exists():
        where = line_of(document, ["product", "picture"])
        raise ContentError([ContentProblem(str(path), where, f"no picture {picture!r} in assets/products/")])
    return _to_domain(model)
