"""A self-contained HTML report of one session: no network, prints cleanly on A4.

Everything the trainee typed is escaped: a message like `<img src=x>` shows as text.
"""

from __future__ import annotations

from html import escape

from simulator.detection.explain import describe_technique
from simulator.domain.rubric import Rubric
from simulator.domain.techniques import Catalogue, TechniqueKind
from simulator.engine.records import TurnRecord
from simulator.engine.session import BuyerSession
from simulator.scoring.scorecard import ScoreCard
from simulator.services.report_frame import FRAME
from simulator.services.report_view import report_view

CHART_VARIABLES = ("patience", "trust", "satisfaction", "desire")
CHART_COLOURS = {"patience": "#d97706", "trust": "#2563eb", "satisfaction": "#16a34a", "desire": "#db2777"}
# The report's frame in either language (the course's reasons and the buyer's lines stay Chinese).
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


def chart_svg(session: BuyerSession, english: bool = False) -> str:
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
    persona = session.persona
    view = report_view(session, card, catalogue, rubric, english)
    t = view.words
    verdict = (
        f'<span class="pass">{t["passed"]}</span>'
        if card.passed
        else f'<span class="fail">{t["failed"]}</span>'
    )
    components = "".join(
        f"<tr><td>{escape(c.name)}</td><td>{c.points:g} / {c.maximum:g}</td></tr>" for c in view.components
    )
    if view.penalties:
        components += f"<tr><td>{t['penalties']}</td><td class='minus'>-{view.penalties:g}</td></tr>"
    kpi_rows = "".join(f"<tr><td>{label}</td><td>{escape(value)}</td></tr>" for label, value in view.kpis)
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
    header = f"<tr><th>{t['turn']}</th><th>{t['points']}</th><th>{t['rule']}</th><th>{t['reason']}</th></tr>"
    grouped = []
    for group in view.groups:
        rows = []
        for row in group.rows:
            css = "plus" if row.points > 0 else "minus" if row.points < 0 else ""
            where = t["whole"] if row.turn is None else f'<a href="#turn-{row.turn}">#{row.turn}</a>'
            better = f'<div class="better">{t["better"]}{escape(row.better)}</div>' if row.better else ""
            quote = f"「{escape(row.quote)}」" if row.quote else ""
            rows.append(
                f'<tr><td>{where}</td><td class="{css}">{row.points:+g}</td><td>{escape(row.name)}</td>'
                f"<td>{quote} {escape(row.reason)}{better}</td></tr>"
            )
        grouped.append(f"<h3>{escape(group.title)}</h3><table>{header}{''.join(rows)}</table>")
    persona_name, scenario_name = view.persona_name, view.scenario_name
    return f"""<!DOCTYPE html>
<html lang="{"en" if english else "zh-CN"}"><head><meta charset="utf-8">
<title>{t["title"]} · {escape(persona_name)} · {escape(scenario_name)}</title>
<style>{STYLE}</style></head>
<body>
<h1>{t["heading"]}</h1>
<div class="meta">{t["buyer"]}:{escape(persona_name)}({escape(view.customer_type)}) · {t["scenario"]}:{escape(scenario_name)}
 · {t["shop"]}:{escape(view.shop)} · {t["seed"]} {view.seed} · {t["rubric"]} v{view.rubric_version}</div>
<div class="score"><div class="total">{view.total}</div><div>{verdict}({t["pass_mark"]} {view.pass_mark})<br>
{t["result"]}:{view.outcome} · {t["satisfaction"]} {view.satisfaction or "—"}/5</div></div>
<p class="verdict">{escape(view.verdict)}</p>
<p class="meta">{t["strategy"]}:{escape(view.strategy)}<br>{t["weights"]}:{escape(view.weights)}</p>
<h2>{t["components"]}</h2><table>{components}</table>
<h2>{t["kpi"]}</h2><table>{kpi_rows}</table>
<h2>{t["chart"]}</h2>{chart_svg(session, english)}
<h2>{t["transcript"]}</h2>
<div class="legend"><span><mark class="good">{t["good"]}</mark></span><span><mark class="bad">{t["bad"]}</mark></span>
<span><mark class="context">{t["context"]}</mark></span></div>
{"".join(transcript)}
<h2>{t["items"]}</h2>
{"".join(grouped)}
</body></html>
"""
