"""What the benchmarks share: the median wall time of an action repeated in this process."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def median_ms(action: Callable[[], object], rounds: int) -> float:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def percentile_ms(sorted_seconds: list[float], fraction: float) -> float:
    """The value below which `fraction` of the sorted timings lie, in milliseconds."""
    index = min(int(len(sorted_seconds) * fraction), len(sorted_seconds) - 1)
    return sorted_seconds[index] * 1000


def spread_line(seconds: list[float], decimals: int = 3) -> str:
    """p50, p99 and max of a run's timings, as the benchmarks print them."""
    ordered = sorted(seconds)
    p50, p99 = percentile_ms(ordered, 0.5), percentile_ms(ordered, 0.99)
    worst = ordered[-1] * 1000
    return f"p50 {p50:.{decimals}f} ms   p99 {p99:.{decimals}f} ms   max {worst:.{decimals}f} ms"
