"""The readable rubric (before a session) and report (after it) of `play` and `chat`."""

from __future__ import annotations

from typing import IO

from simulator.domain.events import RULE_NAMES_ZH
from simulator.domain.rubric import COMPONENT_NAMES_ZH, Rubric
from simulator.domain.techniques import Catalogue
from simulator.scoring.scorecard import ScoreCard

RED_LINE_NAMES = {
    "off_platform": "引导站外交易",
    "review_cashback": "好评返现",
    "insult": "辱骂买家",
    "forbidden_promise": "违规承诺",
}


def rule_name(catalogue: Catalogue, rule: str) -> str:
    """A technique's 中文名, an engine event's Chinese name, or a flow stage (flow:问好 → 问好)."""
    if rule in catalogue:
        return catalogue.get(rule).name_zh
    return RULE_NAMES_ZH.get(rule, rule.removeprefix("flow:"))


_name = rule_name


def print_rubric(rubric: Rubric, catalogue: Catalogue, out: IO[str]) -> None:
    out.write(f"评分细则 Rubric (v{rubric.version}) · 及格线 {rubric.pass_mark} 分\n")
    parts = " · ".join(f"{COMPONENT_NAMES_ZH[name]} {weight}" for name, weight in rubric.weights.items())
    out.write(f"  {parts}\n")
    out.write(f"  接待策略: {rubric.strategy_quote}\n")
    out.write("  要做到: " + "、".join(_name(catalogue, point.id) for point in rubric.strategy_do) + "\n")
    if rubric.strategy_avoid:
        out.write(
            "  要避免: " + "、".join(_name(catalogue, point.id) for point in rubric.strategy_avoid) + "\n"
        )
    out.write("  接待流程: " + " → ".join(stage.name_zh for stage in rubric.flow) + "\n")
    penalties = "、".join(
        f"{_name(catalogue, rule)} -{points}" for rule, points in rubric.bad_penalty.items()
    )
    out.write(f"  服务禁忌每次扣分: {penalties}\n")
    out.write(
        "  红线(一旦触犯,无论总分都不及格): "
        + "、".join(RED_LINE_NAMES.get(k, k) for k in rubric.red_lines)
        + "\n\n"
    )


def print_score(card: ScoreCard, catalogue: Catalogue, out: IO[str]) -> None:
    verdict = "及格 PASS" if card.passed else "不及格 FAIL"
    out.write(f"\n得分 Score: {card.total}/100 · {verdict} (及格线 {card.pass_mark})\n")
    if card.verdict:
        out.write(f"  {card.verdict}\n")
    for component in card.components:
        out.write(
            f"  {COMPONENT_NAMES_ZH[component.name]:6s} {component.points:5.1f} / {component.maximum:g}\n"
        )
    if card.penalties:
        out.write(f"  服务禁忌扣分 -{card.penalties:g}\n")
    for item in card.red_lines:
        out.write(f"  ✖ 红线 第{item.turn}句「{item.quote}」: {item.reason}\n")
    kpis = card.kpis
    first = "—" if kpis.first_response_s is None else f"{kpis.first_response_s:.0f}秒"
    out.write(
        f"  KPI: 成交 {'是' if kpis.converted else '否'} · 首次响应 {first} · 30秒内回复率 {kpis.replies_within_30s:.0%}"
        f" · 最长等待 {kpis.longest_wait_s:.0f}秒 · 话术规范率 {kpis.compliant_share:.0%}\n"
    )
    out.write("\n逐条说明 Items:\n")
    for item in card.items:
        sign = f"{item.points:+.1f}" if item.points else " 0  "
        where = f"第{item.turn}句" if item.turn and item.scope != "session" else "整体"
        quote = f"「{item.quote}」" if item.quote else ""
        out.write(f"  {sign:>6s} {where} {_name(catalogue, item.rule)} {quote} {item.reason}\n")
        if item.better:
            out.write(f"         更好的说法: {item.better}\n")
