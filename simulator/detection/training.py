"""Training the learned scorer (build time only: needs scikit-learn; the app reads the JSON).

    python -m simulator.detection.training [--out FILE]

Data: the labelled corpora of ``benchmarks/data`` (each line with its writer) and the catalogue's
examples (positive for their own id) and counter-examples (negative for their own id). The same
data gives the same file, byte for byte: fixed order, a deterministic solver, rounded weights.

Per-id cutoffs come from cross-validation by writer: each writer's lines are scored by a model
trained on the other writers, and the cutoffs are those at which rules and model together do best
on those held-out lines: a threshold over which the model adds an id the rules missed, and a veto
under which a rule's hit on a good id is dropped. An id the model does not improve keeps rules only.
A taboo (a bad id) is added by the model only where its held-out precision is at least
``BAD_ID_PRECISION``, and never vetoed.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from simulator.detection.learned import FeatureExtractor, TechniqueModel, can_be_overruled, inputs_digest
from simulator.domain.techniques import Catalogue, TechniqueKind

BAD_ID_PRECISION = 0.95
# What the scorer adds to the rules must be right this often on held-out writers: it is read by
# trainees as praise or blame, and a wrong badge costs more trust than a missing one.
ADDED_PRECISION = 0.7
REGULARISATION_C = 8.0
MIN_FEATURE_COUNT = 2
MIN_WEIGHT = 0.25
THRESHOLDS = tuple(round(0.30 + 0.05 * step, 2) for step in range(14))  # 0.30 … 0.95
VETOES = (0.05, 0.1, 0.15, 0.2, 0.3)  # all under the lowest threshold: a vetoed id is not re-added
# Of the rule hits a veto drops on held-out writers, at least this share must have been wrong.
VETOED_WRONG = 0.7
# A threshold or veto must raise the held-out F1 by this much to be used: no cutoff for noise.
MIN_GAIN = 0.002
CATALOGUE_GROUP = "catalogue"
# The catalogue's examples and counter-examples are curated by instructors, traps included: each
# counts as much as this many corpus lines.
CATALOGUE_WEIGHT = 3.0


@dataclass(frozen=True)
class TrainingLine:
    text: str
    labels: frozenset[str]
    group: str  # the writer; catalogue lines are always trained on, never held out
    only: str | None = None  # a catalogue example/counter-example speaks only of this id


def corpus_files(root: Path) -> list[Path]:
    """The labelled corpora the shipped model is trained on (files inside the project)."""
    data = root / "benchmarks" / "data"
    return sorted([*data.glob("*.jsonl"), *(data / "style_corpus").glob("lines.jsonl")])


def read_training_lines(paths: Sequence[Path]) -> list[TrainingLine]:
    lines = []
    for path in paths:
        for raw in path.read_text(encoding="utf-8").splitlines():
            if not raw.strip():
                continue
            record = json.loads(raw)
            group = record.get("writer") or path.stem
            lines.append(TrainingLine(record["text"], frozenset(record["techniques"]), group))
    return lines


def catalogue_lines(catalogue: Catalogue) -> list[TrainingLine]:
    lines = []
    for technique in catalogue.techniques:
        for text in technique.examples:
            lines.append(TrainingLine(text, frozenset({technique.id}), CATALOGUE_GROUP, technique.id))
        for text in technique.counter_examples:
            lines.append(TrainingLine(text, frozenset(), CATALOGUE_GROUP, technique.id))
    return lines


class _Vectors:
    """Binary, length-normalised feature rows over a vocabulary of features seen often enough."""

    def __init__(self, feature_sets: Sequence[set[str]]) -> None:
        counts: dict[str, int] = {}
        for features in feature_sets:
            for feature in features:
                counts[feature] = counts.get(feature, 0) + 1
        self.vocabulary = sorted(feature for feature, count in counts.items() if count >= MIN_FEATURE_COUNT)
        self.index = {feature: position for position, feature in enumerate(self.vocabulary)}

    def matrix(self, feature_sets: Sequence[set[str]]) -> Any:  # a scipy.sparse CSR matrix
        from scipy.sparse import csr_matrix

        rows, columns, values = [], [], []
        for row, features in enumerate(feature_sets):
            scale = 1.0 / len(features) ** 0.5 if features else 0.0
            for column in sorted(self.index[feature] for feature in features if feature in self.index):
                rows.append(row)
                columns.append(column)
                values.append(scale)
        return csr_matrix((values, (rows, columns)), shape=(len(feature_sets), len(self.vocabulary)))


def fit(
    lines: Sequence[TrainingLine], feature_sets: Sequence[set[str]], ids: Sequence[str]
) -> tuple[_Vectors, list[float], list[Any]]:
    """One logistic model per id; returns (vocabulary, intercepts, coefficient rows)."""
    from sklearn.linear_model import LogisticRegression

    vectors = _Vectors(feature_sets)
    matrix = vectors.matrix(feature_sets)
    intercepts, coefficients = [], []
    for technique_id in ids:
        rows = [index for index, line in enumerate(lines) if line.only in (None, technique_id)]
        labels = [int(technique_id in lines[index].labels) for index in rows]
        if not any(labels) or all(labels):
            intercepts.append(-8.0 if not any(labels) else 8.0)
            coefficients.append(None)
            continue
        model = LogisticRegression(
            C=REGULARISATION_C, solver="liblinear", class_weight="balanced", random_state=0
        )
        weights = [CATALOGUE_WEIGHT if lines[index].only is not None else 1.0 for index in rows]
        model.fit(matrix[rows], labels, sample_weight=weights)
        intercepts.append(float(model.intercept_[0]))
        coefficients.append(model.coef_[0])
    return vectors, intercepts, coefficients


def to_model(
    vectors: _Vectors,
    intercepts: Sequence[float],
    coefficients: Sequence[Any],
    ids: Sequence[str],
    cutoffs: Cutoffs,
    digest: str,
) -> TechniqueModel:
    weights: dict[str, list[tuple[int, float]]] = {}
    for id_index, row in enumerate(coefficients):
        if row is None:
            continue
        for column in row.nonzero()[0]:
            weight = float(row[column])
            if abs(weight) >= MIN_WEIGHT:
                weights.setdefault(vectors.vocabulary[column], []).append((id_index, weight))
    return TechniqueModel.from_weights(ids, intercepts, cutoffs.thresholds, weights, digest, cutoffs.vetoes)


def held_out_scores(
    lines: Sequence[TrainingLine], feature_sets: Sequence[set[str]], ids: Sequence[str]
) -> dict[int, dict[str, float]]:
    """For every corpus line, the scores of a model trained without its writer's lines."""
    groups = sorted({line.group for line in lines if line.group != CATALOGUE_GROUP})
    scores: dict[int, dict[str, float]] = {}
    for group in groups:
        train = [index for index, line in enumerate(lines) if line.group != group]
        test = [index for index, line in enumerate(lines) if line.group == group]
        vectors, intercepts, coefficients = fit(
            [lines[i] for i in train], [feature_sets[i] for i in train], ids
        )
        model = to_model(vectors, intercepts, coefficients, ids, Cutoffs({}, {}), "")
        for index in test:
            scores[index] = model.scores(feature_sets[index])
    return scores


@dataclass(frozen=True)
class Cutoffs:
    """What the scorer may do per id: add an id at ``thresholds``, overrule a rule under ``vetoes``."""

    thresholds: dict[str, float]
    vetoes: dict[str, float]


def choose_cutoffs(
    lines: Sequence[TrainingLine],
    rule_hits: Sequence[frozenset[str]],
    scores: dict[int, dict[str, float]],
    catalogue: Catalogue,
) -> Cutoffs:
    """Per id, the threshold to add and the veto under which a rule's hit is dropped, at which
    rules and model together do best on held-out writers (each only if it helps).

    A taboo is never vetoed: whether a trainee said it is the rules' call, and a missed taboo is
    worse than a doubtful one. An id's threshold and veto are chosen together, as they interact.
    """
    thresholds: dict[str, float] = {}
    vetoes: dict[str, float] = {}
    held = list(scores)
    for technique in catalogue.techniques:
        technique_id = technique.id
        gold = [technique_id in lines[index].labels for index in held]
        rules = [technique_id in rule_hits[index] for index in held]
        # Kept from the veto's reach as the detector keeps them: very short and long messages' hits
        # are the rules'.
        vetoable = [can_be_overruled(lines[index].text) for index in held]
        model_scores = [scores[index][technique_id] for index in held]
        is_bad = technique.kind is TechniqueKind.BAD
        best_f1 = _f1(gold, rules)
        best: tuple[float | None, float | None] = (None, None)
        for veto in (None,) if is_bad else (None, *VETOES):
            kept = [
                rule and (veto is None or score >= veto or not can_veto)
                for rule, score, can_veto in zip(rules, model_scores, vetoable, strict=True)
            ]
            dropped = [g for g, r, k in zip(gold, rules, kept, strict=True) if r and not k]
            if dropped and 1 - sum(dropped) / len(dropped) < VETOED_WRONG:
                continue  # it would take away too many hits that were right
            f1 = _f1(gold, kept)
            if f1 > best_f1 + MIN_GAIN:
                best_f1, best = f1, (None, veto)
            for threshold in THRESHOLDS:
                model = [score >= threshold for score in model_scores]
                if is_bad:
                    true_positive = sum(g and m for g, m in zip(gold, model, strict=True))
                    predicted = sum(model)
                    if predicted == 0 or true_positive / predicted < BAD_ID_PRECISION:
                        continue
                added = [g for g, r, m in zip(gold, kept, model, strict=True) if m and not r]
                if added and sum(added) / len(added) < ADDED_PRECISION:
                    continue  # more wrong additions than the rules can afford, even if F1 rises
                f1 = _f1(gold, [r or m for r, m in zip(kept, model, strict=True)])
                if f1 > best_f1 + MIN_GAIN:
                    best_f1, best = f1, (threshold, veto)
        if best[0] is not None:
            thresholds[technique_id] = best[0]
        if best[1] is not None:
            vetoes[technique_id] = best[1]
    return Cutoffs(thresholds, vetoes)


def _f1(gold: Sequence[bool], predicted: Sequence[bool]) -> float:
    true_positive = sum(g and p for g, p in zip(gold, predicted, strict=True))
    false_positive = sum(p and not g for g, p in zip(gold, predicted, strict=True))
    false_negative = sum(g and not p for g, p in zip(gold, predicted, strict=True))
    denominator = 2 * true_positive + false_positive + false_negative
    return 2 * true_positive / denominator if denominator else 0.0


def train(
    catalogue: Catalogue,
    corpus: Sequence[TrainingLine],
    rules_detect: Callable[[str], frozenset[str]],
    normalize: Callable[[str], str],
    digest: str = "",
) -> TechniqueModel:
    """The whole pipeline: features, held-out thresholds, then the final fit on everything."""
    extractor = FeatureExtractor(catalogue.lexicon)
    lines = [*catalogue_lines(catalogue), *corpus]
    feature_sets = [extractor.features(normalize(line.text)) for line in lines]
    ids = catalogue.ids
    scores = held_out_scores(lines, feature_sets, ids)
    rule_hits = [
        rules_detect(line.text) if index in scores else frozenset() for index, line in enumerate(lines)
    ]
    cutoffs = choose_cutoffs(lines, rule_hits, scores, catalogue)
    vectors, intercepts, coefficients = fit(lines, feature_sets, ids)
    return to_model(vectors, intercepts, coefficients, ids, cutoffs, digest)


def main(argv: list[str] | None = None) -> int:
    from simulator.app import ContentPaths, build_detector
    from simulator.content.catalogue_loader import load_catalogue

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=None, help="where to write the model")
    args = parser.parse_args(argv)
    paths = ContentPaths()
    catalogue = load_catalogue(paths.catalogue)
    rules = build_detector(catalogue, model=None)
    corpus = read_training_lines(corpus_files(paths.root))
    # The digest covers what instructors edit (a new example must reach the model); the corpora
    # are build inputs of make, which retrains when they change.
    digest = inputs_digest([paths.catalogue, paths.lexicons])
    model = train(
        catalogue,
        corpus,
        lambda text: frozenset(rules.detect(text).techniques),
        lambda text: rules.normalize(text).text,
        digest,
    )
    out = args.out or paths.model
    out.parent.mkdir(parents=True, exist_ok=True)
    temporary = out.with_suffix(".tmp")
    temporary.write_text(model.to_json(), encoding="utf-8")
    temporary.replace(out)
    added = ", ".join(f"{key} ≥{value:.2f}" for key, value in sorted(model.thresholds.items()))
    overruled = ", ".join(f"{key} <{value:.2f}" for key, value in sorted(model.vetoes.items()))
    print(f"trained on {len(corpus)} corpus lines; {len(model.features)} features; model adds: {added}")
    print(f"model overrules rules of: {overruled}")
    print(f"wrote {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
