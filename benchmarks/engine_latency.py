"""Engine speed: loading every script, and one trainee message (detect + react) per persona.

    python benchmarks/engine_latency.py

Targets (issue 3): loading all scripts < 200 ms; p99 < 5 ms per trainee message.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from timing import spread_line  # noqa: E402

from simulator.app import build_detector, load_library  # noqa: E402
from simulator.engine.session import BuyerSession  # noqa: E402

LOAD_ROUNDS = 5
SESSIONS_PER_PERSONA = 40
MESSAGES = [
    "亲,在的哦,欢迎光临~😊",
    "这款是头层牛皮,价格已经是最低了哈,一分钱一分货",
    "可以给您包邮,再送一双鞋垫,您看可以吗?",
    "看您诚心要,我跟店长申请了一下,再给您少3块,这是最大权限了",
    "您要黑色还是棕色?现在拍今天就能发出哦",
    "非常抱歉让您久等了,是我们的问题,我马上帮您处理,今天给您补发",
    "158、120斤建议拿L码,这款是常规版型",
    "运费是14元哦,满88包邮",
    "不讲价",
    "说了多少遍了,爱买不买",
    "我理解您的心情,换作是我也会着急,我这边两小时内给您回复",
    "亲,这款是纯棉的,厚度适中,春秋都能穿",
]


def main() -> int:
    load_times = []
    for _ in range(LOAD_ROUNDS):
        started = time.perf_counter()
        library = load_library()
        detector = build_detector(library.catalogue)
        load_times.append(time.perf_counter() - started)
    counts = f"catalogue, {len(library.scenarios)} scenarios, {len(library.personas)} personas"
    print(f"load {1 + len(library.scenarios) + len(library.personas)} scripts ({counts})")
    cold, warm = load_times[0] * 1000, statistics.median(load_times[1:]) * 1000
    print(f"  first (cold) {cold:.0f} ms   then median {warm:.0f} ms")

    generator = random.Random(1)
    latencies = []
    for persona in library.personas.values():
        scenario = library.scenario(persona.default_scenario)
        for seed in range(SESSIONS_PER_PERSONA):
            session = BuyerSession(persona, scenario, detector, seed)
            clock = 0.0
            for _ in range(8):
                if session.finished:
                    break
                clock += generator.uniform(3, 60)
                text = generator.choice(MESSAGES)
                before = time.perf_counter()
                session.receive(text, clock)
                latencies.append(time.perf_counter() - before)
    print(f"{len(latencies)} trainee messages over {len(library.personas)} personas (detect + react)")
    print(f"  {spread_line(latencies, decimals=2)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
