"""Storage at scale: 10,000 stored sessions of 30 messages; how fast the history list opens.

    python benchmarks/history_scale.py [DATABASE_FILE]
Targets (issue 6): the history list opens < 300 ms; progress is computed < 500 ms.
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import insert  # noqa: E402

from simulator.app import load_library  # noqa: E402
from simulator.services.progress import compute_progress  # noqa: E402
from simulator.storage.database import open_database  # noqa: E402
from simulator.storage.models import MessageRow, SessionRow, TraineeRow  # noqa: E402
from simulator.storage.repository import SessionRepository  # noqa: E402

SESSIONS = 10_000
MESSAGES = 30
PERSONAS = ("friendly", "domineering", "analytical", "self_centered", "haggler", "pick_then_abandon")


def fill(url: str) -> None:
    engine = open_database(url)
    start = datetime(2026, 1, 1, 9, 0)
    with engine.begin() as connection:
        connection.execute(insert(TraineeRow), [{"id": 1, "name": "学员"}])
        connection.execute(
            insert(SessionRow),
            [
                {"id": n + 1, "trainee_id": 1, "persona": PERSONAS[n % 6], "scenario": "leather_shoes", "seed": n,
                 "mode": "practice" if n % 3 else "exam", "started_at": start + timedelta(minutes=n),
                 "ended_at": start + timedelta(minutes=n, seconds=300), "result": "purchased", "total": n % 100,
                 "passed": n % 100 >= 60, "satisfaction": n % 5 + 1, "price": 96.0, "trainee_turns": MESSAGES // 2}
                for n in range(SESSIONS)
            ],
        )  # fmt: skip
        batch = []
        for session_id in range(1, SESSIONS + 1):
            for turn in range(MESSAGES):
                batch.append(
                    {"session_id": session_id, "turn": turn // 2, "sender": "trainee" if turn % 2 else "buyer",
                     "text": "亲,这款已经是活动价了哈~", "at": float(turn * 10), "delay": 10.0,
                     "techniques": ["hold_price"], "spans": [], "state": "bargaining"}
                )  # fmt: skip
            if len(batch) >= 30_000:
                connection.execute(insert(MessageRow), batch)
                batch = []
        if batch:
            connection.execute(insert(MessageRow), batch)


def main() -> int:
    folder = Path(tempfile.mkdtemp())
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else folder / "history.sqlite3"
    url = f"sqlite:///{path}"
    started = time.perf_counter()
    fill(url)
    print(f"stored {SESSIONS} sessions × {MESSAGES} messages in {time.perf_counter() - started:.1f} s")
    repository = SessionRepository(open_database(url))
    timings = []
    for _ in range(5):
        started = time.perf_counter()
        sessions = repository.list()
        timings.append(time.perf_counter() - started)
    print(
        f"history list of {len(sessions)} sessions: first {timings[0] * 1000:.0f} ms, best {min(timings) * 1000:.0f} ms"
    )
    started = time.perf_counter()
    repository.load(SESSIONS // 2)
    print(f"one session with its messages: {(time.perf_counter() - started) * 1000:.1f} ms")
    library = load_library()
    started = time.perf_counter()
    progress = compute_progress(repository, library)
    elapsed = (time.perf_counter() - started) * 1000
    print(f"progress over {len(progress.scores)} sessions: {elapsed:.0f} ms (target < 500 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
