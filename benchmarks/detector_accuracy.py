"""Detector accuracy and speed on labelled corpora (JSON lines: text, techniques, note).

    python benchmarks/detector_accuracy.py [CORPUS.jsonl ...] [--mistakes]

Without arguments it measures the development corpus in ../shared/eval/ (when present) and the
project's own realistic lines in benchmarks/data/. Prints per-id precision/recall/F1, micro and macro
F1, the good/bad/context groups, the false-positive rate on trap lines, then messages per second and
latency percentiles per message: over repeated passes (caches warm, as in a running app) and, when
the style corpus is present, at first sight (each of its lines detected once by a detector that has
seen only the development sets, so that none of its n-grams' weights are unpacked yet).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from timing import spread_line  # noqa: E402

from simulator.app import build_detector, load_detector  # noqa: E402
from simulator.detection.detector import TechniqueDetector  # noqa: E402
from simulator.detection.evaluation import (  # noqa: E402
    Evaluation,
    LabelledLine,
    evaluate,
    evaluate_predictions,
    read_corpus,
)
from simulator.domain.techniques import TechniqueKind  # noqa: E402

DEFAULT_CORPORA = [
    ROOT.parent / "shared" / "eval" / "dev_techniques.jsonl",
    ROOT / "benchmarks" / "data" / "realistic_lines.jsonl",
]
STYLE_CORPUS = ROOT / "benchmarks" / "data" / "style_corpus" / "lines.jsonl"
# Writers whose lines the rule writer never read (benchmarks/data/style_corpus/README.md): for
# them the rules' figures are held out too, not only the learned scorer's.
SEALED_WRITERS = frozenset({"w3", "w4", "w5", "w6", "w7", "w8", "w9", "w10", "w11", "w12", "w13", "w14"})
TIMING_ROUNDS = 20


def print_accuracy(name: str, detector: TechniqueDetector, result: Evaluation, show_mistakes: bool) -> None:
    catalogue = detector.catalogue
    print(f"\n== {name}: {result.lines} lines ==")
    print(f"{'id':20s} {'P':>5s} {'R':>5s} {'F1':>5s} {'support':>8s} {'FP':>4s}")
    for technique_id in result.ids:
        score = result.per_id[technique_id]
        print(
            f"{technique_id:20s} {score.precision:5.2f} {score.recall:5.2f} {score.f1:5.2f} "
            f"{score.support:8d} {score.false_positives:4d}"
        )
    micro = result.micro
    print(
        f"micro  P={micro.precision:.3f} R={micro.recall:.3f} F1={micro.f1:.3f}",
        f"  macro F1={result.macro_f1:.3f}",
    )
    for kind in TechniqueKind:
        ids = [technique.id for technique in catalogue.techniques if technique.kind is kind]
        pooled = result.pooled(ids)
        print(f"{kind.value:8s} P={pooled.precision:.3f} R={pooled.recall:.3f} F1={pooled.f1:.3f}")
    bad_ids = [technique.id for technique in catalogue.techniques if technique.kind is TechniqueKind.BAD]
    lowest = min(bad_ids, key=lambda technique_id: result.per_id[technique_id].precision)
    print(f"lowest bad-id precision: {lowest} {result.per_id[lowest].precision:.2f}")
    print(f"exact match {result.exact_matches / result.lines:.3f}", end="")
    if result.trap_lines:
        rate = result.trap_lines_with_false_positive / result.trap_lines
        print(f"   false positives on trap lines {rate:.3f} ({result.trap_lines} trap lines)")
    else:
        print()
    if show_mistakes:
        for mistake in result.mistakes:
            print(f"  +{mistake.extra} -{mistake.missing}  {mistake.text}")


def print_speed(detector: TechniqueDetector, corpus: list[LabelledLine]) -> None:
    texts = [line.text for line in corpus]
    for text in texts:  # warm caches, as a running app would have
        detector.detect(text)
    latencies = []
    fastest = [float("inf")] * len(texts)
    started = time.perf_counter()
    for _ in range(TIMING_ROUNDS):
        for index, text in enumerate(texts):
            before = time.perf_counter()
            detector.detect(text)
            latency = time.perf_counter() - before
            latencies.append(latency)
            fastest[index] = min(fastest[index], latency)
    elapsed = time.perf_counter() - started
    print(f"\n== speed: {len(latencies)} detections ==")
    print(f"{len(latencies) / elapsed:,.0f} messages/s   mean {statistics.fmean(latencies) * 1000:.3f} ms")
    print(f"every detection:             {spread_line(latencies)}")
    # A message's fastest pass is its own cost without this shared machine's moments of slowness.
    print(f"each message's fastest of {TIMING_ROUNDS}: {spread_line(fastest)}")


def print_first_sight_speed(warm_up: list[LabelledLine], corpus: list[LabelledLine]) -> None:
    detector = load_detector()
    for line in warm_up:
        detector.detect(line.text)
    latencies = []
    for line in corpus:
        before = time.perf_counter()
        detector.detect(line.text)
        latencies.append(time.perf_counter() - before)
    print(f"\n== speed at first sight: {len(latencies)} new messages ({STYLE_CORPUS.name}, once each) ==")
    print(spread_line(latencies))


# What the workers of leave_one_writer_out read (inherited at fork, not pickled per task).
_LOWO: dict[str, object] = {}


def _held_out_writer(writer: str) -> tuple[str, list[set[str]], list[set[str]]]:
    """Rules' and rules+model's ids on one writer's lines, the model trained without that writer."""
    from simulator.detection.training import TrainingLine, train

    catalogue, rules, corpus, others = (_LOWO[key] for key in ("catalogue", "rules", "corpus", "others"))
    held = [line for line in corpus if line.writer == writer]
    training = others + [
        TrainingLine(line.text, line.techniques, line.writer) for line in corpus if line.writer != writer
    ]
    model = train(
        catalogue,
        training,
        lambda text: frozenset(rules.detect(text).techniques),
        lambda text: rules.normalize(text).text,
    )
    full = build_detector(catalogue, model)
    rule_sets = [set(rules.detect(line.text).techniques) for line in held]
    union_sets = [set(full.detect(line.text).techniques) for line in held]
    return writer, rule_sets, union_sets


def leave_one_writer_out(detector: TechniqueDetector, show_mistakes: bool, jobs: int) -> None:
    """Train the scorer without one writer (thresholds too), measure on that writer; each in turn,
    ``jobs`` writers at a time (each is a whole training: minutes)."""
    from simulator.detection.training import corpus_files, read_training_lines

    catalogue = detector.catalogue
    rules = build_detector(catalogue, model=None)
    corpus = read_corpus(STYLE_CORPUS)
    others = [
        line
        for line in read_training_lines(corpus_files(ROOT))
        if line.group not in {labelled.writer for labelled in corpus}
    ]
    writers = sorted({line.writer for line in corpus}, key=lambda name: (len(name), name))
    bad_ids = [technique.id for technique in catalogue.techniques if technique.kind is TechniqueKind.BAD]
    print(f"\n== leave one writer out: {STYLE_CORPUS.name}, {len(corpus)} lines, writers {writers} ==")
    print("(the learned scorer and its thresholds are trained on the other writers only; rules as shipped)")
    _LOWO.update(catalogue=catalogue, rules=rules, corpus=corpus, others=others)
    if jobs > 1:
        import multiprocessing

        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            results = pool.map(_held_out_writer, writers, chunksize=1)
    else:
        results = [_held_out_writer(writer) for writer in writers]
    print(
        f"{'held out':10s} {'lines':>5s} {'rules F1':>8s} {'+model F1':>9s} "
        f"{'macro':>6s} {'bad P':>6s} {'exact':>6s}"
    )
    pooled_gold: list[LabelledLine] = []
    pooled_rules: list[set[str]] = []
    pooled_union: list[set[str]] = []
    sealed_gold: list[LabelledLine] = []
    sealed_union: list[set[str]] = []
    for writer, rule_sets, union_sets in results:
        held = [line for line in corpus if line.writer == writer]
        rule_result = evaluate_predictions(catalogue.ids, held, rule_sets)
        union_result = evaluate_predictions(catalogue.ids, held, union_sets)
        bad = union_result.pooled(bad_ids)
        mark = " (sealed)" if writer in SEALED_WRITERS else ""
        print(
            f"{writer + mark:10s} {len(held):5d} {rule_result.micro.f1:8.3f} {union_result.micro.f1:9.3f} "
            f"{union_result.macro_f1:6.3f} {bad.precision:6.3f} {union_result.exact_matches / len(held):6.3f}"
        )
        pooled_gold.extend(held)
        pooled_rules.extend(rule_sets)
        pooled_union.extend(union_sets)
        if writer in SEALED_WRITERS:
            sealed_gold.extend(held)
            sealed_union.extend(union_sets)
    for name, gold, predictions in (
        ("all rules", pooled_gold, pooled_rules),
        ("all +model", pooled_gold, pooled_union),
        ("sealed", sealed_gold, sealed_union),
    ):
        if not gold:
            continue
        result = evaluate_predictions(catalogue.ids, gold, predictions)
        bad = result.pooled(bad_ids)
        print(
            f"{name:10s} {len(gold):5d} micro P={result.micro.precision:.3f} R={result.micro.recall:.3f} "
            f"F1={result.micro.f1:.3f}  macro F1={result.macro_f1:.3f}  bad-id P={bad.precision:.3f} "
            f"R={bad.recall:.3f}  exact {result.exact_matches / len(gold):.3f}"
        )
        if name == "all +model":
            print_accuracy(
                "leave one writer out, rules + model, per id", detector, result, show_mistakes=False
            )
    agreement = STYLE_CORPUS.parent / "agreement.json"
    if agreement.exists():
        import json

        pooled = json.loads(agreement.read_text(encoding="utf-8"))["pooled"]
        print(
            f"annotator agreement (the ceiling): micro F1 {pooled['micro_f1_agreement']:.3f}, "
            f"exact {pooled['exact_agreement']:.3f} over {pooled['lines']} doubly labelled lines"
        )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("corpora", nargs="*", type=Path, help="labelled JSONL files")
    parser.add_argument("--mistakes", action="store_true", help="list every line whose labels differ")
    parser.add_argument("--no-lowo", action="store_true", help="skip the leave-one-writer-out run")
    parser.add_argument(
        "--jobs", type=int, default=2, help="writers trained at once in the leave-one-writer-out run"
    )
    args = parser.parse_args()
    corpora = args.corpora or [path for path in DEFAULT_CORPORA if path.exists()]
    if not corpora:
        print("no corpus given and none found beside the project", file=sys.stderr)
        return 2

    started = time.perf_counter()
    detector = load_detector()
    print(f"catalogue loaded and detector built in {(time.perf_counter() - started) * 1000:.0f} ms")
    everything: list[LabelledLine] = []
    for path in corpora:
        corpus = read_corpus(path)
        everything.extend(corpus)
        print_accuracy(str(path), detector, evaluate(detector, corpus), args.mistakes)
    if not args.corpora and not args.no_lowo and STYLE_CORPUS.exists():
        leave_one_writer_out(detector, args.mistakes, args.jobs)
    print(f"\nlearned scorer: {'in use' if detector.model is not None else 'NOT in use (run make)'}")
    print_speed(detector, everything)
    if not args.corpora and STYLE_CORPUS.exists():
        print_first_sight_speed(everything, read_corpus(STYLE_CORPUS))
    return 0


if __name__ == "__main__":
    sys.exit(main())
