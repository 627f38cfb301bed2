"""Word classes, the learned scorer beside the rules, and the evidence every detection carries."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from simulator.app import ContentPaths, build_detector, load_detector, load_model_for
from simulator.content.catalogue_loader import load_catalogue
from simulator.content.yaml_source import ContentError
from simulator.detection.catalogue_checks import catalogue_problems
from simulator.detection.detector import TechniqueDetector
from simulator.detection.explain import describe, describe_technique
from simulator.detection.learned import TechniqueModel, inputs_digest, load_model
from simulator.detection.training import TrainingLine, train
from simulator.domain.techniques import Catalogue

PROJECT = ContentPaths()


def ids(detector: TechniqueDetector, text: str) -> set[str]:
    return set(detector.detect(text).techniques)


def rule_ids(detector: TechniqueDetector, text: str) -> set[str]:
    """The ids a rule found, whether the scorer kept them or overruled them (test_veto.py tests
    the overruling; these tests are about what the rules cover)."""
    detection = detector.detect(text)
    found = [*detection.evidence, *detection.overruled]
    return {evidence.technique_id for evidence in found if evidence.source == "rule"}


# -- the shipped lexicon and catalogue ----------------------------------------------------------


def test_every_class_is_used_and_every_rule_has_an_example(detector: TechniqueDetector) -> None:
    assert catalogue_problems(detector, "techniques.yaml", "lexicons.yaml") == []


def test_every_class_has_words_and_labels(catalogue: Catalogue) -> None:
    assert len(catalogue.lexicon.classes) >= 20
    for word_class in catalogue.lexicon.classes:
        assert word_class.words and word_class.label_zh and word_class.label_en, word_class.name


@pytest.mark.parametrize(
    ("text", "technique_id"),
    [
        # one class rule, many wordings (remedy: {SHOP_SELF}{GIVE} / {GIVE}{BUYER} … {MONEY})
        ("这边给您退5块差价 实在抱歉", "remedy"),
        ("小店补亲十元红包哈 耽误您了", "remedy"),
        ("给宝宝返20京豆 快递慢了不好意思", "remedy"),
        # the 的/得 homophones fold inside class words: 卖的最好 = 卖得最好
        ("店里卖的最好的就是这款啦", "active_recommend"),
        ("这款卖得最好", "active_recommend"),
        # 从新 is a typo of 重新
        ("从新给您发一件哈 不好意思", "remedy"),
        # JD register, no punctuation, runs of spaces
        ("您好 京东服务专员为您服务   请问还有其他可以帮到您的吗", "ask_needs"),
        ("这个已经是活动价了哦没法再少了呢", "hold_price"),
        ("早拍早发哦今天下午就能走", "fast_delivery"),
        ("顺丰和中通您选哪个", "alternative_choice"),
    ],
)
def test_class_rules_cover_shop_wordings(detector: TechniqueDetector, text: str, technique_id: str) -> None:
    assert technique_id in rule_ids(detector, text)


@pytest.mark.parametrize(
    ("text", "technique_id"),
    [
        ("这款不包邮的哦", "small_generosity"),  # negation
        ("您说的'给我退点钱'我们这边记下了", "remedy"),  # the buyer's words are not a remedy given
        ("我们店交了保证金的 放心", "absolute_promise"),  # 保证金 is a noun
        ("面料是百分之百桑蚕丝", "absolute_promise"),  # fibre content
        ("我们会尽量今天发 但不能百分百保证哦", "absolute_promise"),  # a promise declined
        ("为什么这么便宜呢 因为是工厂直发的", "ask_needs"),  # a rhetorical question
        ("如果是我们发错了 来回运费我们出", "self_review"),  # a conditional, not a fault
        ("说了多少遍了 退货要在订单页面自己申请", "remedy"),  # pointing to a procedure
        ("电动牙刷头3个月换一个 算下来一天也就3毛钱的事", "remedy"),
        ("快递那边可能暴力运输了 这边先给您补发", "blame_others"),  # the shop fixes it itself
        ("这个色号断货了 要不看看相近的豆沙色 您看可以吗", "negative_refusal"),  # an option and a question
    ],
)
def test_class_rules_respect_the_traps(detector: TechniqueDetector, text: str, technique_id: str) -> None:
    assert technique_id not in ids(detector, text)


# -- lexicon loading and lint ---------------------------------------------------------------------


def _content_copy(tmp_path: Path) -> ContentPaths:
    shutil.copytree(PROJECT.root / "catalogue", tmp_path / "catalogue")
    return ContentPaths(tmp_path)


def test_a_rule_naming_an_unknown_class_is_reported_with_its_line(tmp_path: Path) -> None:
    paths = _content_copy(tmp_path)
    text = paths.catalogue.read_text(encoding="utf-8")
    text = text.replace("- match: '{GUARANTEE}'", "- match: '{GUARANTEES}'", 1)
    paths.catalogue.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as error:
        load_catalogue(paths.catalogue)
    (problem,) = error.value.problems
    assert "GUARANTEES" in problem.message and problem.line > 0


def test_a_rule_regex_that_does_not_compile_is_reported_on_its_own_line(tmp_path: Path) -> None:
    paths = _content_copy(tmp_path)
    lines = paths.catalogue.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(index for index, line in enumerate(lines) if line.lstrip().startswith("not_before:"))
    lines[number] = lines[number].replace("not_before: '", "not_before: '(", 1)  # an unclosed group
    paths.catalogue.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(ContentError) as error:
        load_catalogue(paths.catalogue)
    (problem,) = error.value.problems
    assert "does not compile" in problem.message
    assert problem.line == number + 1


def test_an_empty_class_is_an_error_and_an_unused_class_a_lint_problem(tmp_path: Path) -> None:
    paths = _content_copy(tmp_path)
    lexicon = paths.lexicons.read_text(encoding="utf-8")
    paths.lexicons.write_text(
        lexicon + "\n  EMPTY_ONE:\n    label_zh: 空\n    label_en: empty\n    words: []\n"
    )
    with pytest.raises(ContentError, match="EMPTY_ONE has no words"):
        load_catalogue(paths.catalogue)
    paths.lexicons.write_text(
        lexicon + "\n  SPARE:\n    label_zh: 备用\n    label_en: spare\n    words: [618, 备用词]\n"
    )
    catalogue = load_catalogue(paths.catalogue)
    assert catalogue.lexicon.get("SPARE").words == ("618", "备用词")  # an unquoted number is a word
    problems = catalogue_problems(build_detector(catalogue), str(paths.catalogue), str(paths.lexicons))
    assert [problem.message for problem in problems] == ["class SPARE is not used by any rule"]


def test_a_rule_no_example_triggers_is_a_lint_problem(tmp_path: Path) -> None:
    paths = _content_copy(tmp_path)
    text = paths.catalogue.read_text(encoding="utf-8")
    text = text.replace(
        "        - match: '早拍早发|先拍先发|早付早发'",
        "        - match: '早拍早发|先拍先发|早付早发|闪电下单'",
        1,
    )
    text = text.replace('      - "早拍早发哦今天下午就能走"\n', "", 1)
    paths.catalogue.write_text(text, encoding="utf-8")
    catalogue = load_catalogue(paths.catalogue)
    problems = catalogue_problems(build_detector(catalogue), str(paths.catalogue), str(paths.lexicons))
    assert len(problems) == 1 and "fast_delivery: no example" in problems[0].message


# -- evidence -------------------------------------------------------------------------------------


def test_a_rule_hit_names_its_rule_and_class_words(detector: TechniqueDetector) -> None:
    detection = detector.detect("这边给您退5块差价 实在抱歉")
    (evidence,) = [item for item in detection.evidence_for("remedy") if item.class_words]
    assert evidence.source == "rule" and evidence.rule_line > 0
    words = {(word.class_name, word.word) for word in evidence.class_words}
    assert {("SHOP_SELF", "这边"), ("GIVE", "给"), ("MONEY", "5块")} <= words
    text = describe(evidence, detector.catalogue.lexicon)
    assert f"第 {evidence.rule_line} 行" in text and "店家自称=这边" in text and "金额与抵扣=5块" in text
    assert "word classes: the shop speaking of itself=这边" in describe(
        evidence, detector.catalogue.lexicon, True
    )
    assert detection.text[evidence.start : evidence.end] in describe_technique(
        detection, "remedy", detector.catalogue.lexicon
    )


# -- the learned scorer ---------------------------------------------------------------------------

SMALL_CORPUS = [
    TrainingLine("亲 这款今天拍下今天就给您发出哦", frozenset({"fast_delivery"}), "a"),
    TrainingLine("现在付款下午就能走顺丰", frozenset({"fast_delivery"}), "b"),
    TrainingLine("好的收到", frozenset(), "a"),
    TrainingLine("订单号发我一下", frozenset(), "b"),
]


def _train(catalogue: Catalogue, corpus: list[TrainingLine] = SMALL_CORPUS) -> TechniqueModel:
    rules = build_detector(catalogue)
    return train(
        catalogue,
        corpus,
        lambda text: frozenset(rules.detect(text).techniques),
        lambda text: rules.normalize(text).text,
        "digest",
    )


def test_training_is_reproducible(catalogue: Catalogue) -> None:
    assert _train(catalogue).to_json() == _train(catalogue).to_json()


def test_the_model_file_round_trips(catalogue: Catalogue) -> None:
    model = _train(catalogue)
    again = TechniqueModel.from_json(model.to_json())
    features = build_detector(catalogue, model)._extractor.features("给您包邮哈")
    assert again.scores(features) == model.scores(features)
    assert again.to_json() == model.to_json()


def test_a_new_catalogue_example_changes_detection_after_rebuild(tmp_path: Path) -> None:
    paths = _content_copy(tmp_path)
    before = load_catalogue(paths.catalogue)
    phrase = "咕噜咕噜马上给您安排打包寄走"
    text = paths.catalogue.read_text(encoding="utf-8")
    marker = '      - "早拍早发哦今天下午就能走"\n'
    paths.catalogue.write_text(text.replace(marker, marker + f'      - "{phrase}"\n', 1), encoding="utf-8")
    after = load_catalogue(paths.catalogue)
    assert phrase in after.get("fast_delivery").examples

    def score(catalogue: Catalogue) -> float:
        detector = build_detector(catalogue, _train(catalogue))
        assert detector.model is not None
        return detector.model.scores(detector._extractor.features(detector.normalize(phrase).text))[
            "fast_delivery"
        ]

    assert score(after) > score(before) + 0.05


def test_a_stale_or_broken_model_is_not_used(tmp_path: Path, catalogue: Catalogue) -> None:
    path = tmp_path / "model.json"
    model, reason = load_model(path)
    assert model is None and "no trained model" in reason
    path.write_text(_train(catalogue).to_json(), encoding="utf-8")
    assert load_model(path, "digest")[0] is not None
    model, reason = load_model(path, "another digest")
    assert model is None and "older than its training data" in reason
    document = json.loads(path.read_text(encoding="utf-8"))
    document["indptr"] = "AAAA"
    path.write_text(json.dumps(document), encoding="utf-8")
    model, reason = load_model(path)
    assert model is None and "unreadable" in reason


def test_the_shipped_model_is_fresh_and_in_use() -> None:
    """`make test` trains it first; a missing or stale model means detection fell back to rules."""
    catalogue = load_catalogue(PROJECT.catalogue)
    model, reason = load_model_for(catalogue, PROJECT)
    assert model is not None, reason
    assert model.digest == inputs_digest([PROJECT.catalogue, PROJECT.lexicons])
    assert load_detector().model is not None
    # taboos are added by the scorer only where its held-out precision allowed it
    assert set(model.thresholds) <= set(catalogue.ids)


def test_a_model_hit_explains_itself_with_score_and_nearest_example() -> None:
    detector = load_detector()
    assert detector.model is not None
    for text in (
        "亲亲这款今天付了下午就给您安排走件哈",
        "这个价位真心是最实惠的了小二没法再动了",
        "亲 要不要考虑一下白色那款呢",
    ):
        detection = detector.detect(text)
        for evidence in detection.evidence:
            if evidence.source == "model":
                assert evidence.score >= evidence.threshold > 0
                assert evidence.nearest_example in detector.catalogue.get(evidence.technique_id).examples
                assert "模型打分" in describe(evidence, detector.catalogue.lexicon)
                return
    pytest.fail("no model evidence on lines written in unseen wordings")
