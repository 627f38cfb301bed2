"""A self-contained HTML report of one session: no network, prints cleanly on A4.

Everything the trainee typed is escaped: a message like `<img src=x>` shows as text.
"""

from __future__ import annotations

from html import escape

from simulator.detection.explain import describe_technique
from simulator.domain.events import RULE_NAMES_ZH
from simulator.domain.persona import OUTCOME_NAMES_ZH
from simulator.domain.rubric import COMPONENT_NAMES_ZH, Rubric
from simulator.domain.techniques import Catalogue, TechniqueKind
from simulator.engine.records import TurnRecord
from simulator.engine.session import BuyerSession
from simulator.scoring.scorecard import ScoreCard

CHART_VARIABLES = ("patience", "trust", "satisfaction", "desire")
CHART_COLOURS = {"patience": "#d97706", "trust": "#2563eb", "satisfaction": "#16a34a", "desire": "#db2777"}
VARIABLE_NAMES = {"patience": "耐心", "trust": "信任", "satisfaction": "满意", "desire": "购买意愿"}

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


def _chart(session: BuyerSession) -> str:
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
        f'<span style="color:{CHART_COLOURS[name]}">■ {VARIABLE_NAMES[name]}</span>' for name in variables
    )
    svg = f'<svg viewBox="0 0 {width} {height}" role="img" aria-label="买家状态变化">{axis}{ticks}{"".join(lines)}</svg>'
    return f'<div class="legend">{legend}</div>{svg}<div class="meta">横轴:学员第几句话;纵轴:0–100</div>'


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
) -> str:
    """The report; ``highlight_turn`` marks one trainee message (the app highlights a clicked item's turn)."""
    persona, scenario = session.persona, session.scenario
    outcome = session.outcome()
    verdict = '<span class="pass">及格</span>' if card.passed else '<span class="fail">不及格</span>'
    components = "".join(
        f"<tr><td>{COMPONENT_NAMES_ZH[c.name]}</td><td>{c.points:g} / {c.maximum:g}</td></tr>"
        for c in card.components
    )
    if card.penalties:
        components += f"<tr><td>服务禁忌扣分</td><td class='minus'>-{card.penalties:g}</td></tr>"
    kpis = card.kpis
    first = "—" if kpis.first_response_s is None else f"{kpis.first_response_s:.0f} 秒"
    paid = "—" if kpis.price_paid is None else f"¥{kpis.price_paid:g}"
    kpi_rows = (
        f"<tr><td>询单转化</td><td>{'成交' if kpis.converted else '未成交'}({OUTCOME_NAMES_ZH[outcome.result.value]})</td></tr>"
        f"<tr><td>客单价</td><td>{paid}(标价 ¥{kpis.list_price:g})</td></tr>"
        f"<tr><td>首次响应</td><td>{first}</td></tr>"
        f"<tr><td>30 秒内回复率</td><td>{kpis.replies_within_30s:.0%}</td></tr>"
        f"<tr><td>最长等待</td><td>{kpis.longest_wait_s:.0f} 秒</td></tr>"
        f"<tr><td>买家满意度(DSR 服务态度)</td><td>{kpis.satisfaction or '—'} / 5</td></tr>"
        f"<tr><td>话术规范率</td><td>{kpis.compliant_share:.0%}</td></tr>"
    )
    transcript = []
    for line in session.opening:
        transcript.append(f'<div class="turn buyer"><span class="who">买家</span>{escape(line)}</div>')
    for record in session.history[1:]:
        if record.text is not None:
            state = escape(persona.state(record.state).label_zh)
            transcript.append(
                f'<div class="turn trainee{" current" if record.index == highlight_turn else ""}" id="turn-{record.index}">'
                f'<a name="turn-{record.index}"></a><span class="who">学员 #{record.index}</span>'
                f'{_highlight(record, catalogue)}<span class="state">+{record.delay:.0f}秒 · 买家:{state}</span></div>'
            )
        for line in record.buyer_lines:
            transcript.append(f'<div class="turn buyer"><span class="who">买家</span>{escape(line)}</div>')
    items = []
    for item in card.items:
        css = "plus" if item.points > 0 else "minus" if item.points < 0 else ""
        name = (
            catalogue.get(item.rule).name_zh
            if item.rule in catalogue
            else RULE_NAMES_ZH.get(item.rule, item.rule)
        )
        name = name.removeprefix("flow:")
        whole = not item.turn or item.scope == "session"
        where = "整体" if whole else f'<a href="#turn-{item.turn}">#{item.turn}</a>'
        better = f'<div class="better">更好的说法:{escape(item.better)}</div>' if item.better else ""
        quote = f"「{escape(item.quote)}」" if item.quote else ""
        items.append(
            f'<tr><td>{where}</td><td class="{css}">{item.points:+g}</td><td>{escape(name)}</td>'
            f"<td>{quote} {escape(item.reason)}{better}</td></tr>"
        )
    weights = " · ".join(f"{COMPONENT_NAMES_ZH[name]} {weight}" for name, weight in rubric.weights.items())
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<title>陪练报告 · {escape(persona.name_zh)} · {escape(scenario.name_zh)}</title>
<style>{STYLE}</style></head>
<body>
<h1>网店客服陪练报告</h1>
<div class="meta">买家:{escape(persona.name_zh)}({escape(persona.customer_type)}) · 场景:{escape(scenario.name_zh)}
 · 店铺:{escape(scenario.shop)} · 随机种子 {session.seed} · 评分细则 v{rubric.version}</div>
<div class="score"><div class="total">{card.total}</div><div>{verdict}(及格线 {card.pass_mark})<br>
结果:{OUTCOME_NAMES_ZH[outcome.result.value]} · 满意度 {outcome.satisfaction or "—"}/5</div></div>
<p class="verdict">{escape(card.verdict)}</p>
<p class="meta">接待策略:{escape(persona.strategy)}<br>评分构成:{escape(weights)}</p>
<h2>得分构成</h2><table>{components}</table>
<h2>店铺指标 KPI</h2><table>{kpi_rows}</table>
<h2>买家状态变化</h2>{_chart(session)}
<h2>对话记录</h2>
<div class="legend"><span><mark class="good">好的技巧</mark></span><span><mark class="bad">服务禁忌</mark></span>
<span><mark class="context">视情况而定</mark></span></div>
{"".join(transcript)}
<h2>逐条说明</h2>
<table><tr><th>句</th><th>分</th><th>规则</th><th>原因</th></tr>{"".join(items)}</table>
</body></html>
"""
