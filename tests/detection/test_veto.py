"""The learned scorer overrules a rule's hit on a good id when the message is unlike the technique.

The veto is chosen per id on held-out writers (training.choose_cutoffs); the detector drops the hit,
and the evidence of what it dropped stays readable (detect --explain, the studio's workbench).
"""

from __future__ import annotations

from simulator.app import build_detector, load_detector
from simulator.cli.detect_command import detection_record
from simulator.detection.learned import VETO_MAX_CHARS, VETO_MIN_CHARS, TechniqueModel
from simulator.detection.training import Cutoffs, TrainingLine, choose_cutoffs
from simulator.domain.techniques import Catalogue, TechniqueKind
from simulator.services.workbench import explain

FAST = "早拍早发哦今天下午就能走"  # a catalogue example of fast_delivery, which its rules find


def _model(catalogue: Catalogue, intercept: float, vetoes: dict[str, float]) -> TechniqueModel:
    intercepts = [intercept] * len(catalogue.ids)
    return TechniqueModel.from_weights(catalogue.ids, intercepts, {}, {}, "", vetoes)


def test_a_rule_hit_under_the_veto_is_dropped_and_says_why(catalogue: Catalogue) -> None:
    assert "fast_delivery" in build_detector(catalogue).detect(FAST).techniques
    detector = build_detector(catalogue, _model(catalogue, -8.0, {"fast_delivery": 0.1}))
    detection = detector.detect(FAST)
    assert "fast_delivery" not in detection.techniques
    assert not [span for span in detection.spans if span.technique_id == "fast_delivery"]
    overruled = [item for item in detection.overruled if item.technique_id == "fast_delivery"]
    assert overruled  # one per rule hit
    for evidence in overruled:
        assert evidence.source == "rule" and evidence.rule_line > 0
        assert evidence.score < evidence.threshold == 0.1
    record = detection_record(detection, explain=True)
    items = [item for item in record["overruled"] if item["id"] == "fast_delivery"]
    assert [item["rule_line"] for item in items] == [evidence.rule_line for evidence in overruled]
    for item in items:
        assert item["veto"] == 0.1 and item["score"] < 0.1 and FAST[item["start"] : item["end"]]
    assert any(row.startswith("✗ fast_delivery") and "否决线 0.10" in row for row in explain(detector, FAST))


def test_a_rule_hit_at_or_over_the_veto_stands(catalogue: Catalogue) -> None:
    detector = build_detector(catalogue, _model(catalogue, 8.0, {"fast_delivery": 0.1}))
    detection = detector.detect(FAST)
    assert "fast_delivery" in detection.techniques
    assert not detection.overruled
    assert "overruled" not in detection_record(detection, explain=True)


def test_a_short_message_is_never_overruled(catalogue: Catalogue) -> None:
    short = "送一袋除垢剂"  # a bare perk: the rule read all of it, the scorer has little to go on
    assert len(short) < VETO_MIN_CHARS
    assert "small_generosity" in build_detector(catalogue).detect(short).techniques
    detector = build_detector(catalogue, _model(catalogue, -8.0, {"small_generosity": 0.3}))
    detection = detector.detect(short)
    assert "small_generosity" in detection.techniques and not detection.overruled


def test_a_long_message_is_never_overruled(catalogue: Catalogue) -> None:
    long = FAST + ",这款是今年的新款,面料挺括不起球,颜色也是店里卖得最好的,您放心拍"
    assert len(long) > VETO_MAX_CHARS
    detector = build_detector(catalogue, _model(catalogue, -8.0, {"fast_delivery": 0.1}))
    detection = detector.detect(long)
    assert "fast_delivery" in detection.techniques and not detection.overruled


def test_a_long_line_does_not_count_towards_a_veto(catalogue: Catalogue) -> None:
    lines, hits, scores = _held_out(catalogue, "hold_price", separates=True)
    padding = "," + "这款面料挺括不起球颜色也好看" * 3
    lines = [TrainingLine(line.text + padding, line.labels, line.group) for line in lines]
    assert all(len(line.text) > VETO_MAX_CHARS for line in lines)
    assert choose_cutoffs(lines, hits, scores, catalogue) == Cutoffs({}, {})


def test_a_short_line_does_not_count_towards_a_veto(catalogue: Catalogue) -> None:
    lines, hits, scores = _held_out(catalogue, "hold_price", separates=True)
    lines = [TrainingLine(line.text[-8:], line.labels, line.group) for line in lines]
    assert all(len(line.text) < VETO_MIN_CHARS for line in lines)
    assert choose_cutoffs(lines, hits, scores, catalogue) == Cutoffs({}, {})


def test_without_a_veto_a_low_score_does_not_touch_the_rules(catalogue: Catalogue) -> None:
    detection = build_detector(catalogue, _model(catalogue, -8.0, {})).detect(FAST)
    assert "fast_delivery" in detection.techniques and not detection.overruled


def _held_out(catalogue: Catalogue, technique_id: str, separates: bool) -> tuple[list, list, dict]:
    """Twenty lines where the rules of ``technique_id`` fire, half of them wrongly; the model
    scores the wrong half low when ``separates``, at random-looking heights when not."""
    lines, hits, scores = [], [], {}
    for index in range(20):
        right = index % 2 == 0
        lines.append(
            TrainingLine(f"a held-out line, number {index}", frozenset({technique_id} if right else ()), "w")
        )
        hits.append(frozenset({technique_id}))
        score = (0.9 if right else 0.03) if separates else (0.03, 0.9)[(index // 2) % 2]
        scores[index] = dict.fromkeys(catalogue.ids, 0.0) | {technique_id: score}
    return lines, hits, scores


def test_a_veto_is_chosen_where_it_removes_the_rules_wrong_hits(catalogue: Catalogue) -> None:
    cutoffs = choose_cutoffs(*_held_out(catalogue, "hold_price", separates=True), catalogue)
    assert 0.03 < cutoffs.vetoes["hold_price"] <= 0.9
    assert set(cutoffs.vetoes) == {"hold_price"}


def test_no_veto_where_the_score_does_not_separate(catalogue: Catalogue) -> None:
    cutoffs = choose_cutoffs(*_held_out(catalogue, "hold_price", separates=False), catalogue)
    assert cutoffs == Cutoffs({}, {})


def test_a_taboo_is_never_vetoed(catalogue: Catalogue) -> None:
    taboo = next(technique.id for technique in catalogue.techniques if technique.kind is TechniqueKind.BAD)
    cutoffs = choose_cutoffs(*_held_out(catalogue, taboo, separates=True), catalogue)
    assert taboo not in cutoffs.vetoes


def test_the_shipped_model_vetoes_good_ids_only_and_keeps_the_examples() -> None:
    detector = load_detector()
    model = detector.model
    assert model is not None
    bad = {technique.id for technique in detector.catalogue.techniques if technique.kind is TechniqueKind.BAD}
    assert model.vetoes and not set(model.vetoes) & bad
    for technique_id in model.vetoes:
        for example in detector.catalogue.get(technique_id).examples:
            detection = detector.detect(example)
            assert technique_id in detection.techniques, (example, detection.overruled)
