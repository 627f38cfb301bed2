"""The engine's mutation score from mutmut's results: killed / (killed + survived), per module.

    .venv/bin/python tools/mutation_score.py        (after `mutmut run`; `make mutation` runs both)
Mutants not yet checked are counted apart, so a partial run says how far it got.
"""

from __future__ import annotations

import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    mutmut = Path(sys.executable).with_name("mutmut")
    output = subprocess.run(
        [str(mutmut), "results", "--all", "true"], cwd=ROOT, capture_output=True, text=True, check=False
    ).stdout
    by_module: dict[str, Counter[str]] = defaultdict(Counter)
    for line in output.splitlines():
        name, _, status = line.strip().rpartition(": ")
        if not name:
            continue
        module = name.split(".x_")[0].split(".xǁ")[0]
        by_module[module][status] += 1
    total: Counter[str] = Counter()
    print(f"{'module':38} {'killed':>7} {'survived':>8} {'other':>6} {'unchecked':>9} {'score':>6}")
    for module, counts in sorted(by_module.items()):
        total.update(counts)
        print(_row(module, counts))
    print(_row("simulator/engine (all)", total))
    return 0


def _row(name: str, counts: Counter[str]) -> str:
    killed, survived = counts["killed"], counts["survived"]
    unchecked = counts["not checked"]
    other = sum(counts.values()) - killed - survived - unchecked
    score = f"{killed / (killed + survived):.0%}" if killed + survived else "—"
    return f"{name:38} {killed:7} {survived:8} {other:6} {unchecked:9} {score:>6}"


if __name__ == "__main__":
    raise SystemExit(main())
