"""Detector accuracy and speed on labelled corpora (JSON lines: text, techniques, note).

    python benchmarks/detector_accuracy.py [CORPUS.jsonl ...] [--mistakes]

Without arguments it measures the development corpus in ../shared/eval/ (when present) and the
project's own realistic lines in benchmarks/data/. Prints per-id precision/recall/F1, micro and macro
F1, the good/bad/context groups, the false-positive rate on trap lines, then messages per second and
latency percentiles per message.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from simulator.app import load_detector  # noqa: E402
from simulator.detection.detector import TechniqueDetector  # noqa: E402
from simulator.detection.evaluation import Evaluation, LabelledLine, evaluate, read_corpus  # noqa: E402
from simulator.domain.techniques import TechniqueKind  # noqa: E402

DEFAULT_CORPORA = [
    ROOT.parent / "shared" / "eval" / "dev_techniques.jsonl",
    ROOT / "benchmarks" / "data" / "realistic_lines.jsonl",
]
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
    started = time.perf_counter()
    for _ in range(TIMING_ROUNDS):
        for text in texts:
            before = time.perf_counter()
            detector.detect(text)
            latencies.append(time.perf_counter() - before)
    elapsed = time.perf_counter() - started
    latencies.sort()
    p50 = latencies[len(latencies) // 2] * 1000
    p99 = latencies[int(len(latencies) * 0.99)] * 1000
    print(f"\n== speed: {len(latencies)} detections ==")
    print(f"{len(latencies) / elapsed:,.0f} messages/s   mean {statistics.fmean(latencies) * 1000:.3f} ms")
    print(f"p50 {p50:.3f} ms   p99 {p99:.3f} ms   max {latencies[-1] * 1000:.3f} ms")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("corpora", nargs="*", type=Path, help="labelled JSONL files")
    parser.add_argument("--mistakes", action="store_true", help="list every line whose labels differ")
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
    print_speed(detector, everything)
    return 0


if __name__ == "__main__":
    sys.exit(main())
