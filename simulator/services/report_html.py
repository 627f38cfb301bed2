"""A self-contained HTML report of one session: no network, prints cleanly on A4.

Everything the trainee typed is escaped: a message like `<img src=x>` shows as text.
"""

from __future__ import annotations

from html import escape

from simulator.detection.explain import describe_technique
from simulator.domain.events import RULE_NAMES_ZH
from simulator.domain.persona import OUTCOME_NAMES_EN, OUTCOME_NAMES_ZH
from simulator.domain.rubric import COMPONENT_NAMES_EN, COMPONENT_NAMES_ZH, Rubric
from simulator.domain.techniques import Catalogue, TechniqueKind
from simulator.engine.records import TurnRecord
from simulator.engine.session import BuyerSession
from simulator.scoring.scorecard import ScoreCard

CHART_VARIABLES = ("patience", "trust", "satisfaction", "desire")
CHART_COLOURS = {"patience": "#d97706", "trust": "#2563eb", "satisfaction": "#16a34a", "desire": "#db2777"}
# The report's frame in either language (the course's reasons and the buyer's lines stay Chinese).
FRAME = {
    "title": ("陪练报告", "Training report"),
    "heading": ("网店客服陪练报告", "Online-shop customer-service training report"),
    "buyer": ("买家", "Buyer"),
    "scenario": ("场景", "Scenario"),
    "shop": ("店铺", "Shop"),
    "seed": ("随机种子", "seed"),
    "rubric": ("评分细则", "rubric"),
    "passed": ("及格", "Pass"),
    "failed": ("不及格", "Fail"),
    "pass_mark": ("及格线", "pass mark"),
    "result": ("结果", "Outcome"),
    "satisfaction": ("满意度", "satisfaction"),
    "strategy": ("接待策略", "Strategy for this buyer"),
    "weights": ("评分构成", "Made of"),
    "components": ("得分构成", "Score by component"),
    "penalties": ("服务禁忌扣分", "Service taboos"),
    "red_line": ("红线", "Red lines"),
    "kpi": ("店铺指标 KPI", "Shop KPIs"),
    "chart": ("买家状态变化", "How the buyer changed"),
    "axis": ("横轴:学员第几句话;纵轴:0–100", "across: the trainee's message; up: 0–100"),
    "transcript": ("对话记录", "Conversation"),
    "good": ("好的技巧", "good technique"),
    "bad": ("服务禁忌", "service taboo"),
    "context": ("视情况而定", "depends on the moment"),
    "items": ("逐条说明", "Item by item"),
    "turn": ("句", "Msg"),
    "points": ("分", "Pts"),
    "rule": ("规则", "Rule"),
    "reason": ("原因", "Reason"),
    "whole": ("整体", "whole"),
    "better": ("更好的说法:", "Better: "),
    "trainee": ("学员", "Trainee"),
    "seconds": ("秒", "s"),
    "buyer_state": ("买家", "buyer"),
    "converted": ("询单转化", "Conversion"),
    "sold": ("成交", "sold"),
    "not_sold": ("未成交", "not sold"),
    "order_value": ("客单价", "Order value"),
    "list_price": ("标价", "list"),
    "first_response": ("首次响应", "First response"),
    "within_30": ("30 秒内回复率", "Replies within 30 s"),
    "longest_wait": ("最长等待", "Longest wait"),
    "dsr": ("买家满意度(DSR 服务态度)", "Buyer's rating (DSR service)"),
    "compliant": ("话术规范率", "Messages free of taboos"),
}
VARIABLE_NAMES = {"patience": "耐心", "trust": "信任", "satisfaction": "满意", "desire": "购买意愿"}
VARIABLE_NAMES_EN = {
    "patience": "Patience",
    "trust": "Trust",
    "satisfaction": "Satisfaction",
    "desire": "Wish to buy",
}

STYLE = """
@page { size: A4; margin: 14mm 12mm; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif;
       color: #1f2937; margin: 0 auto; max-width: 186mm; font-size: 10.5pt; line-height: 1.5; }
h1 { font-size: 16pt; margin: 0 0 2mm; } h2 { font-size: 12.5pt; margin: 6mm 0 2mm; border-bottom: 1px solid #e5e7eb; }
.meta { color: #6b7280; font-size: 9pt; }
.score { display: flex; gap: 6mm; align-items: center; margin: 3mm 0; }
.total { font-size: 28pt; font-weight: 700; } .pass { color: #15803d; } .fail { color: #b91c1c; }
table { border-collapse: collapse; width: 100%; font-size: 9.5pt; }
th, td { border-bottom: 1px solid #e5e7eb; padding: 1.2mm 1.5mm; text-align: left; vertical-align: top; }
th { background: #f3f4f6; }
.turn { page-break-inside: avoid; margin: 1.5mm 0; }
.who { font-weight: 700; margin-right: 2mm; } .buyer .who { color: #ea580c; } .trainee .who { color: #2563eb; }
.trainee { background: #eff6ff; border-radius: 2mm; padding: 1mm 2mm; }
.buyer { padding: 1mm 2mm; }
.current { background: #fef08a; border: 2px solid #f59e0b; }
.state { color: #6b7280; font-size: 8.5pt; margin-left: 2mm; }
mark.good { background: #bbf7d0; } mark.bad { background: #fecaca; } mark.context { background: #fde68a; }
.plus { color: #15803d; } .minus { color: #b91c1c; } .better { color: #374151; font-size: 9pt; }
.legend span { margin-right: 4mm; font-size: 9pt; }
svg { width: 100%; height: auto; }
@media print { a { color: inherit; text-decoration: none; } h2 { page-break-after: avoid; } }
"""


def _highlight(record: TurnRecord, catalogue: Catalogue) -> str:
    text = record.text or ""
    if record.detection is None:
        return escape(text)
    # Mark each character with the first span that covers it; then emit runs.
    owners: list[str | None] = [None] * len(text)
    for span in record.detection.spans:
        for index in range(span.start, min(span.end, len(text))):
            if owners[index] is None:
                owners[index] = span.technique_id
    pieces: list[str] = []
    index = 0
    while index < len(text):
        owner = owners[index]
        end = index
        while end < len(text) and owners[end] == owner:
            end += 1
        chunk = escape(text[index:end])
        if owner is None:
            pieces.append(chunk)
        else:
            technique = catalogue.get(owner)
            css = {TechniqueKind.GOOD: "good", TechniqueKind.BAD: "bad"}.get(technique.kind, "context")
            why = describe_technique(record.detection, owner, catalogue.lexicon)
            title = technique.name_zh + (f"\n{why}" if why else "")
            pieces.append(f'<mark class="{css}" title="{escape(title)}">{chunk}</mark>')
        index = end
    return "".join(pieces)


def _chart(session: BuyerSession, english: bool = False) -> str:
    variables = [name for name in CHART_VARIABLES if name in session.variables]
    if not variables:
        return ""
    values: dict[str, list[float]] = {name: [] for name in variables}
    current = _initial_values(session)
    for name in variables:
        values[name].append(current[name])
    for record in session.history[1:]:
        for change in record.changes:
            current[change.variable] = change.after
        for name in variables:
            values[name].append(current[name])
    width, height, pad = 600, 180, 24
    steps = max(1, len(next(iter(values.values()))) - 1)
    lines = []
    for name in variables:
        points = " ".join(
            f"{pad + (width - 2 * pad) * i / steps:.1f},{height - pad - (height - 2 * pad) * v / 100:.1f}"
            for i, v in enumerate(values[name])
        )
        lines.append(
            f'<polyline fill="none" stroke="{CHART_COLOURS[name]}" stroke-width="2" points="{points}"/>'
        )
    axis = (
        f'<line x1="{pad}" y1="{height - pad}" x2="{width - pad}" y2="{height - pad}" stroke="#9ca3af"/>'
        f'<line x1="{pad}" y1="{pad}" x2="{pad}" y2="{height - pad}" stroke="#9ca3af"/>'
        f'<text x="2" y="{pad + 4}" font-size="10">100</text><text x="8" y="{height - pad + 4}" font-size="10">0</text>'
    )
    ticks = "".join(
        f'<text x="{pad + (width - 2 * pad) * i / steps:.1f}" y="{height - 6}" font-size="10" '
        f'text-anchor="middle">{i}</text>'
        for i in range(steps + 1)
    )
    legend = "".join(
        f'<span style="color:{CHART_COLOURS[name]}">■ {(VARIABLE_NAMES_EN if english else VARIABLE_NAMES)[name]}</span>'
        for name in variables
    )
    label = FRAME["chart"][english]
    svg = f'<svg viewBox="0 0 {width} {height}" role="img" aria-label="{label}">{axis}{ticks}{"".join(lines)}</svg>'
    return f'<div class="legend">{legend}</div>{svg}<div class="meta">{FRAME["axis"][english]}</div>'


def _initial_values(session: BuyerSession) -> dict[str, float]:
    """Variables before any change: the current value with every recorded change undone."""
    values = dict(session.variables)
    for record in reversed(session.history):
        for change in reversed(record.changes):
            values[change.variable] = change.before
    return values


def render_report(
    session: BuyerSession,
    card: ScoreCard,
    catalogue: Catalogue,
    rubric: Rubric,
    highlight_turn: int | None = None,
    english: bool = False,
) -> str:
    """The report; ``highlight_turn`` marks one trainee message (the app highlights a clicked item's turn).
    ``english``: the frame in English (the course's reasons and the buyer's lines stay Chinese)."""
    persona, scenario = session.persona, session.scenario
    outcome = session.outcome()
    t = {key: pair[english] for key, pair in FRAME.items()}
    component_names = COMPONENT_NAMES_EN if english else COMPONENT_NAMES_ZH
    outcome_name = (OUTCOME_NAMES_EN if english else OUTCOME_NAMES_ZH)[outcome.result.value]
    verdict = (
        f'<span class="pass">{t["passed"]}</span>'
        if card.passed
        else f'<span class="fail">{t["failed"]}</span>'
    )
    components = "".join(
        f"<tr><td>{component_names[c.name]}</td><td>{c.points:g} / {c.maximum:g}</td></tr>"
        for c in card.components
    )
    if card.penalties:
        components += f"<tr><td>{t['penalties']}</td><td class='minus'>-{card.penalties:g}</td></tr>"
    kpis = card.kpis
    first = "—" if kpis.first_response_s is None else f"{kpis.first_response_s:.0f} {t['seconds']}"
    paid = "—" if kpis.price_paid is None else f"¥{kpis.price_paid:g}"
    sold = t["sold"] if kpis.converted else t["not_sold"]
    kpi_rows = (
        f"<tr><td>{t['converted']}</td><td>{sold}({outcome_name})</td></tr>"
        f"<tr><td>{t['order_value']}</td><td>{paid}({t['list_price']} ¥{kpis.list_price:g})</td></tr>"
        f"<tr><td>{t['first_response']}</td><td>{first}</td></tr>"
        f"<tr><td>{t['within_30']}</td><td>{kpis.replies_within_30s:.0%}</td></tr>"
        f"<tr><td>{t['longest_wait']}</td><td>{kpis.longest_wait_s:.0f} {t['seconds']}</td></tr>"
        f"<tr><td>{t['dsr']}</td><td>{kpis.satisfaction or '—'} / 5</td></tr>"
        f"<tr><td>{t['compliant']}</td><td>{kpis.compliant_share:.0%}</td></tr>"
    )
    transcript = []
    buyer_who = f'<span class="who">{t["buyer"]}</span>'
    for line in session.opening:
        transcript.append(f'<div class="turn buyer">{buyer_who}{escape(line)}</div>')
    for record in session.history[1:]:
        if record.text is not None:
            spec = persona.state(record.state)
            state = escape(spec.label_en if english else spec.label_zh)
            transcript.append(
                f'<div class="turn trainee{" current" if record.index == highlight_turn else ""}" id="turn-{record.index}">'
                f'<a name="turn-{record.index}"></a><span class="who">{t["trainee"]} #{record.index}</span>'
                f'{_highlight(record, catalogue)}<span class="state">+{record.delay:.0f}{t["seconds"]} · '
                f"{t['buyer_state']}:{state}</span></div>"
            )
        for line in record.buyer_lines:
            transcript.append(f'<div class="turn buyer">{buyer_who}{escape(line)}</div>')
    items: list[tuple[str, str]] = []
    for item in card.items:
        css = "plus" if item.points > 0 else "minus" if item.points < 0 else ""
        if item.rule in catalogue:
            technique = catalogue.get(item.rule)
            name = technique.name_en if english else technique.name_zh
        else:
            name = RULE_NAMES_ZH.get(item.rule, item.rule)
        name = name.removeprefix("flow:")
        whole = not item.turn or item.scope == "session"
        where = t["whole"] if whole else f'<a href="#turn-{item.turn}">#{item.turn}</a>'
        better = f'<div class="better">{t["better"]}{escape(item.better)}</div>' if item.better else ""
        quote = f"「{escape(item.quote)}」" if item.quote else ""
        items.append(
            (
                item.component,
                f'<tr><td>{where}</td><td class="{css}">{item.points:+g}</td><td>{escape(name)}</td>'
                f"<td>{quote} {escape(item.reason)}{better}</td></tr>",
            )
        )
    # Items grouped by component, in the order of the score's components, then taboos and red lines.
    group_names = {**component_names, "penalty": t["penalties"], "red_line": t["red_line"]}
    header = f"<tr><th>{t['turn']}</th><th>{t['points']}</th><th>{t['rule']}</th><th>{t['reason']}</th></tr>"
    grouped = []
    order = [*component_names, "penalty", "red_line"]
    order += [component for component, _ in items if component not in order]  # none is ever dropped
    for group in dict.fromkeys(order):
        rows = [row for component, row in items if component == group]
        if rows:
            title = escape(group_names.get(group, group))
            grouped.append(f"<h3>{title}</h3><table>{header}{''.join(rows)}</table>")
    weights = " · ".join(f"{component_names[name]} {weight}" for name, weight in rubric.weights.items())
    persona_name = persona.name_en if english else persona.name_zh
    scenario_name = scenario.name_en if english else scenario.name_zh
    return f"""<!DOCTYPE html>
<html lang="{"en" if english else "zh-CN"}"><head><meta charset="utf-8">
<title>{t["title"]} · {escape(persona_name)} · {escape(scenario_name)}</title>
<style>{STYLE}</style></head>
<body>
<h1>{t["heading"]}</h1>
<div class="meta">{t["buyer"]}:{escape(persona_name)}({escape(persona.customer_type)}) · {t["scenario"]}:{escape(scenario_name)}
 · {t["shop"]}:{escape(scenario.shop)} · {t["seed"]} {session.seed} · {t["rubric"]} v{rubric.version}</div>
<div class="score"><div class="total">{card.total}</div><div>{verdict}({t["pass_mark"]} {card.pass_mark})<br>
{t["result"]}:{outcome_name} · {t["satisfaction"]} {outcome.satisfaction or "—"}/5</div></div>
<p class="verdict">{escape(card.verdict)}</p>
<p class="meta">{t["strategy"]}:{escape(persona.strategy)}<br>{t["weights"]}:{escape(weights)}</p>
<h2>{t["components"]}</h2><table>{components}</table>
<h2>{t["kpi"]}</h2><table>{kpi_rows}</table>
<h2>{t["chart"]}</h2>{_chart(session, english)}
<h2>{t["transcript"]}</h2>
<div class="legend"><span><mark class="good">{t["good"]}</mark></span><span><mark class="bad">{t["bad"]}</mark></span>
<span><mark class="context">{t["context"]}</mark></span></div>
{"".join(transcript)}
<h2>{t["items"]}</h2>
{"".join(grouped)}
</body></html>
"""
