"""Assemble benchmarks/data/style_corpus/lines.jsonl from the writers' and annotators' files.

    python tools/build_style_corpus.py

Each writer's file (raw/<writer>.jsonl) carries the writer's own labels (annotator A). A second
annotator who never saw the writer's labels nor the detector's rules labelled the same texts blind
(annotations/<writer>_by_b.jsonl). Where A and B differ, a third annotator settled the line
(annotations/<writer>_settled.jsonl), seeing both label sets and the guide. The final label is the
agreed or settled one; the agreement between A and B before settling is reported, per writer and
pooled, as the ceiling a detector can be measured against.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / "benchmarks" / "data" / "style_corpus"


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def micro_agreement(pairs: list[tuple[set[str], set[str]]]) -> float:
    """F1 of one annotator against the other, pooled over ids (symmetric)."""
    both = sum(len(a & b) for a, b in pairs)
    only = sum(len(a ^ b) for a, b in pairs)
    return 2 * both / (2 * both + only) if both or only else 1.0


def main() -> int:
    out_lines: list[dict] = []
    report: dict[str, dict] = {}
    all_pairs: list[tuple[set[str], set[str]]] = []
    for raw_path in sorted((CORPUS / "raw").glob("*.jsonl")):
        writer = raw_path.stem
        raw = read_jsonl(raw_path)
        blind_path = CORPUS / "annotations" / f"{writer}_by_b.jsonl"
        if not blind_path.exists():
            print(f"{writer}: no second annotation yet; left out", file=sys.stderr)
            continue
        blind = {item["n"]: set(item["techniques"]) for item in read_jsonl(blind_path)}
        settled_path = CORPUS / "annotations" / f"{writer}_settled.jsonl"
        settled = (
            {item["n"]: set(item["techniques"]) for item in read_jsonl(settled_path)}
            if settled_path.exists()
            else {}
        )
        pairs = []
        unsettled = 0
        for number, record in enumerate(raw, start=1):
            first = set(record["techniques"])
            second = blind.get(number)
            if second is None:
                raise SystemExit(f"{blind_path}: no label for line {number}")
            pairs.append((first, second))
            if first == second:
                final, how = first, "agreed"
            elif number in settled:
                final, how = settled[number], "settled"
            else:
                unsettled += 1
                continue
            out_lines.append(
                {
                    "text": record["text"],
                    "techniques": sorted(final),
                    "writer": writer,
                    "register": record.get("register", ""),
                    "labels": how,
                    "note": record.get("note", ""),
                }
            )
        exact = sum(a == b for a, b in pairs) / len(pairs)
        report[writer] = {
            "lines": len(raw),
            "exact_agreement": round(exact, 3),
            "micro_f1_agreement": round(micro_agreement(pairs), 3),
            "settled": sum(1 for a, b in pairs if a != b) - unsettled,
            "unsettled_left_out": unsettled,
        }
        all_pairs.extend(pairs)
    report["pooled"] = {
        "lines": len(all_pairs),
        "exact_agreement": round(sum(a == b for a, b in all_pairs) / max(len(all_pairs), 1), 3),
        "micro_f1_agreement": round(micro_agreement(all_pairs), 3),
    }
    with (CORPUS / "lines.jsonl").open("w", encoding="utf-8") as stream:
        for line in out_lines:
            stream.write(json.dumps(line, ensure_ascii=False) + "\n")
    (CORPUS / "agreement.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=2))
    print(f"wrote {len(out_lines)} lines to {CORPUS / 'lines.jsonl'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
