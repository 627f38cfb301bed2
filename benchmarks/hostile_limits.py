"""What the issue-13 safeguards cost at start-up.

    python benchmarks/hostile_limits.py [DATABASE_FILE]
Targets (issue 13): loading all content with the limits (YAML size/depth/alias caps, the backtracking
check of every rule pattern) < 150 ms; opening the session database with the integrity check and the
lease query adds < 50 ms to start-up. DATABASE_FILE defaults to a 10,000-session file built by
benchmarks/history_scale.py (built here when it is missing).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from sqlalchemy import create_engine, text  # noqa: E402
from timing import median_ms  # noqa: E402

from simulator.services.archive import SessionArchive  # noqa: E402
from simulator.storage.database import open_database  # noqa: E402

ROUNDS = 7
LOAD_CHILD = """
import sys, time
sys.path.insert(0, {root!r})
started = time.perf_counter()
from simulator.app import build_detector, load_library
imported = time.perf_counter()
library = load_library()
build_detector(library.catalogue)
print(imported - started, time.perf_counter() - imported)
"""


def content_load() -> None:
    loads, imports = [], []
    for _ in range(ROUNDS):
        output = subprocess.run(
            [sys.executable, "-c", LOAD_CHILD.format(root=str(ROOT))],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        imports.append(float(output[0]))
        loads.append(float(output[1]))
    print(f"content with the limits, fresh process ({ROUNDS} runs; imports apart):")
    print(
        f"  load + detector: median {statistics.median(loads) * 1000:.0f} ms, best {min(loads) * 1000:.0f} ms"
    )
    print(f"  (imports: median {statistics.median(imports) * 1000:.0f} ms)")


def storage_open(path: Path) -> None:
    url = f"sqlite:///{path}"

    def plain() -> None:
        engine = create_engine(url)
        with engine.connect() as connection:
            connection.execute(text("SELECT 1")).scalar()
        engine.dispose()

    def for_app() -> None:
        archive = SessionArchive.open_for_app(url)
        archive.unfinished()  # the lease query of the resume offer
        archive.repository._factory.kw["bind"].dispose()

    def full() -> None:
        open_database(url).dispose()

    size = path.stat().st_size / 1024 / 1024
    base, app, checked = median_ms(plain, ROUNDS), median_ms(for_app, ROUNDS), median_ms(full, ROUNDS)
    print(f"opening {path.name} ({size:.0f} MB), median of {ROUNDS}:")
    print(
        f"  plain connection {base:.1f} ms; as the app opens it (structure check, lease query) {app:.1f} ms"
    )
    print(f"  → adds {app - base:.1f} ms (target < 50 ms)")
    print(f"  with the full quick_check (the CLI; the app runs it after the window is up) {checked:.0f} ms")


def main() -> int:
    content_load()
    if len(sys.argv) > 1:
        path = Path(sys.argv[1])
    else:
        path = Path(tempfile.gettempdir()) / "simulator-history-bench.sqlite3"
        if not path.exists():
            subprocess.run(
                [sys.executable, str(ROOT / "benchmarks" / "history_scale.py"), str(path)], check=True
            )
    storage_open(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
