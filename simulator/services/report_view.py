"""What a report says, as data: the HTML report and the window's report page are both drawn from it,
so the score, the KPIs and the items read the same on the page, on paper and on the wall."""

from __future__ import annotations

from dataclasses import dataclass

from simulator.domain.events import RULE_NAMES_ZH
from simulator.domain.persona import OUTCOME_NAMES_EN, OUTCOME_NAMES_ZH
from simulator.domain.rubric import COMPONENT_NAMES_EN, COMPONENT_NAMES_ZH, Rubric
from simulator.domain.techniques import Catalogue
from simulator.engine.session import BuyerSession
from simulator.scoring.scorecard import ScoreCard
from simulator.services.report_frame import FRAME


@dataclass(frozen=True)
class ComponentRow:
    name: str
    points: float
    maximum: float


@dataclass(frozen=True)
class ItemRow:
    turn: int | None  # the trainee message it is about; None for the session as a whole
    points: float
    name: str  # the technique's or the rule's name
    quote: str
    reason: str
    better: str


@dataclass(frozen=True)
class ItemGroup:
    component: str
    title: str
    rows: tuple[ItemRow, ...]


@dataclass(frozen=True)
class ReportView:
    words: dict[str, str]  # the frame's wording in the report's language
    persona_name: str
    customer_type: str
    scenario_name: str
    shop: str
    seed: int
    rubric_version: int
    total: int
    passed: bool
    pass_mark: int
    outcome: str
    satisfaction: int | None
    verdict: str  # why it passed or failed
    strategy: str
    weights: str
    components: tuple[ComponentRow, ...]
    penalties: float
    kpis: tuple[tuple[str, str], ...]  # label, value
    groups: tuple[ItemGroup, ...]


def report_view(
    session: BuyerSession, card: ScoreCard, catalogue: Catalogue, rubric: Rubric, english: bool = False
) -> ReportView:
    persona, scenario = session.persona, session.scenario
    outcome = session.outcome()
    t = {key: pair[english] for key, pair in FRAME.items()}
    component_names = COMPONENT_NAMES_EN if english else COMPONENT_NAMES_ZH
    outcome_name = (OUTCOME_NAMES_EN if english else OUTCOME_NAMES_ZH)[outcome.result.value]
    kpis = card.kpis
    first = "—" if kpis.first_response_s is None else f"{kpis.first_response_s:.0f} {t['seconds']}"
    paid = "—" if kpis.price_paid is None else f"¥{kpis.price_paid:g}"
    sold = t["sold"] if kpis.converted else t["not_sold"]
    kpi_rows = (
        (t["converted"], f"{sold}({outcome_name})"),
        (t["order_value"], f"{paid}({t['list_price']} ¥{kpis.list_price:g})"),
        (t["first_response"], first),
        (t["within_30"], f"{kpis.replies_within_30s:.0%}"),
        (t["longest_wait"], f"{kpis.longest_wait_s:.0f} {t['seconds']}"),
        (t["dsr"], f"{kpis.satisfaction or '—'} / 5"),
        (t["compliant"], f"{kpis.compliant_share:.0%}"),
    )
    rows: list[tuple[str, ItemRow]] = []
    for item in card.items:
        if item.rule in catalogue:
            technique = catalogue.get(item.rule)
            name = technique.name_en if english else technique.name_zh
        else:
            name = RULE_NAMES_ZH.get(item.rule, item.rule)
        whole = not item.turn or item.scope == "session"
        row = ItemRow(
            None if whole else item.turn,
            item.points,
            name.removeprefix("flow:"),
            item.quote,
            item.reason,
            item.better,
        )
        rows.append((item.component, row))
    # Items grouped by component, in the order of the score's components, then taboos and red lines.
    group_names = {**component_names, "penalty": t["penalties"], "red_line": t["red_line"]}
    order = [*component_names, "penalty", "red_line"]
    order += [component for component, _ in rows if component not in order]  # none is ever dropped
    groups = tuple(
        ItemGroup(
            group, group_names.get(group, group), tuple(row for component, row in rows if component == group)
        )
        for group in dict.fromkeys(order)
        if any(component == group for component, _ in rows)
    )
    weights = " · ".join(f"{component_names[name]} {weight}" for name, weight in rubric.weights.items())
    return ReportView(
        words=t,
        persona_name=persona.name_en if english else persona.name_zh,
        customer_type=persona.customer_type,
        scenario_name=scenario.name_en if english else scenario.name_zh,
        shop=scenario.shop,
        seed=session.seed,
        rubric_version=rubric.version,
        total=card.total,
        passed=card.passed,
        pass_mark=card.pass_mark,
        outcome=outcome_name,
        satisfaction=outcome.satisfaction,
        verdict=card.verdict,
        strategy=persona.strategy,
        weights=weights,
        components=tuple(ComponentRow(component_names[c.name], c.points, c.maximum) for c in card.components),
        penalties=card.penalties,
        kpis=kpi_rows,
        groups=groups,
    )
