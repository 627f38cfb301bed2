"""How long until the window is visible: a fresh `python` process, imports, content, window.

    QT_QPA_PLATFORM=offscreen python benchmarks/startup_time.py
Target (issue 5): window visible < 1.5 s after launch.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ROUNDS = 5
CHILD = """
import sys, time
sys.path.insert(0, {root!r})
from simulator.app import build_detector, load_library
from simulator.ui.application import create_application
from simulator.ui.main_window import MainWindow
app = create_application(["bench"])
library = load_library()
window = MainWindow(library, build_detector(library.catalogue))
window.show()
app.processEvents()
print("visible")
"""


def main() -> int:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    times = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "-c", CHILD.format(root=str(ROOT))],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        assert "visible" in result.stdout
        times.append(time.perf_counter() - started)
    print(f"window visible after launch ({ROUNDS} runs, whole process):")
    print(f"  first {times[0]:.2f} s   median {statistics.median(times):.2f} s   max {max(times):.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
