"""Evidence in words: why a technique was found, for the coaching badge, the report and the CLI.

Chinese first; English when the interface is in English. Class names come from the lexicon file
(label_zh / label_en), so the wording an instructor reads is the wording they wrote.
"""

from __future__ import annotations

from simulator.domain.detection import Detection, Evidence
from simulator.domain.lexicon import Lexicon


def describe(evidence: Evidence, lexicon: Lexicon, english: bool = False) -> str:
    if evidence.source == "model":
        if english:
            text = f"learned scorer {evidence.score:.2f} (threshold {evidence.threshold:.2f})"
            return text + (
                f"; nearest catalogue example: “{evidence.nearest_example}”"
                if evidence.nearest_example
                else ""
            )
        text = f"模型打分 {evidence.score:.2f}(阈值 {evidence.threshold:.2f})"
        return text + (
            f";最接近的目录例句:「{evidence.nearest_example}」" if evidence.nearest_example else ""
        )
    words = []
    for item in evidence.class_words:
        word_class = lexicon.get(item.class_name)
        label = (word_class.label_en if english else word_class.label_zh) if word_class else item.class_name
        words.append(f"{label}={item.word}")
    if english:
        text = f"rule at techniques.yaml line {evidence.rule_line}"
        text += f" ({evidence.rule_note})" if evidence.rule_note else ""
        return text + (f"; word classes: {', '.join(words)}" if words else "")
    text = f"规则(techniques.yaml 第 {evidence.rule_line} 行)"
    text += f":{evidence.rule_note}" if evidence.rule_note else ""
    return text + (f";词类:{'、'.join(words)}" if words else "")


def describe_technique(
    detection: Detection, technique_id: str, lexicon: Lexicon, english: bool = False
) -> str:
    """Every piece of evidence for one technique of a message, quoted, one per line."""
    lines = []
    for evidence in detection.evidence_for(technique_id):
        quote = detection.text[evidence.start : evidence.end]
        lines.append(f"“{quote}” — {describe(evidence, lexicon, english)}")
    return "\n".join(dict.fromkeys(lines))


def evidence_json(detection: Detection) -> list[dict[str, object]]:
    """The evidence as plain data, for `detect --explain`."""
    return [_evidence_item(evidence) for evidence in detection.evidence]


def overruled_json(detection: Detection) -> list[dict[str, object]]:
    """The rule hits the scorer overruled, for `detect --explain`: the rule, its score and veto."""
    items = []
    for evidence in detection.overruled:
        item = _evidence_item(evidence)
        item["score"] = evidence.score
        item["veto"] = evidence.threshold
        items.append(item)
    return items


def _evidence_item(evidence: Evidence) -> dict[str, object]:
    item: dict[str, object] = {
        "id": evidence.technique_id,
        "source": evidence.source,
        "start": evidence.start,
        "end": evidence.end,
    }
    if evidence.source == "rule":
        item["rule_line"] = evidence.rule_line
        item["class_words"] = {word.class_name: word.word for word in evidence.class_words}
    else:
        item["score"] = evidence.score
        item["threshold"] = evidence.threshold
        item["nearest_example"] = evidence.nearest_example
    return item
