"""Presenter mode's cost (issue 15): scaling a page from 100 % to 300 % and back, until it is laid out
and painted again, for each page a class sees on the wall (target < 200 ms for 300 %).

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/presenter_scale.py [--rounds N]
The app's settings are not touched: a scratch settings file takes the remembered scale.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from statistics import median  # noqa: E402

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from simulator.app import ContentPaths, build_detector, load_library, load_model_for  # noqa: E402
from simulator.services.archive import SessionArchive  # noqa: E402
from simulator.services.training import TrainingSession  # noqa: E402
from simulator.services.transcript import parse_transcript  # noqa: E402
from simulator.ui import i18n, main_window  # noqa: E402
from simulator.ui.application import create_application  # noqa: E402
from simulator.ui.main_window import MainWindow  # noqa: E402

TRANSCRIPT = ROOT / "tests" / "transcripts" / "haggler_good.txt"


def relaid_out(app: QApplication, window: MainWindow, scale: float) -> float:
    """Seconds from the scale change until the window is laid out and painted at the new size."""
    assert window.view is not None
    started = time.perf_counter()
    window.view.apply(scale)
    app.processEvents()  # style and font changes, layout requests
    window.grab()  # a full paint at the new size, as the projector shows it
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    scratch = QSettings(str(Path(tempfile.mkdtemp()) / "settings.ini"), QSettings.Format.IniFormat)
    main_window.settings = lambda: scratch  # type: ignore[assignment]
    i18n.settings = lambda: scratch  # type: ignore[assignment]
    app = create_application(["bench"])
    library = load_library()
    detector = build_detector(library.catalogue, load_model_for(library.catalogue, ContentPaths())[0])
    window = MainWindow(library, detector, seed=1, repository=SessionArchive.open("sqlite://"))
    window.resize(1920, 1080)
    window.show()
    assert window.repository is not None and window.repository.writer is not None
    training = TrainingSession.start(
        library, detector, "haggler", None, 1, repository=window.repository.writer
    )
    for line in parse_transcript(TRANSCRIPT.read_text(encoding="utf-8").splitlines()):
        training.send(line.text, training.buyer.last_buyer_at + line.delay)
    training.finish()
    assert training.session_id is not None
    session_id = training.session_id

    def show(page: QWidget | None) -> None:
        assert page is not None
        window.stack.setCurrentWidget(page)

    pages: list[tuple[str, Callable[[], None]]] = [
        ("start", lambda: show(window.start_page)),
        ("history", lambda: window.show_history()),
        ("replay", lambda: (window.show_replay(session_id, message=2), None)[1]),
        ("class board", lambda: window.show_class_board()),
        ("studio", lambda: window.show_studio()),
    ]
    print(f"== presenter mode: 100 % → 300 % → 100 %, window 1920×1080, {args.rounds} rounds ==")
    worst = 0.0
    for name, open_page in pages:
        open_page()
        app.processEvents()
        up, down = [], []
        for _ in range(args.rounds):
            up.append(relaid_out(app, window, 3.0))
            down.append(relaid_out(app, window, 1.0))
        worst = max(worst, median(up))
        print(f"{name:12} to 300 %: median {median(up) * 1000:6.1f} ms  max {max(up) * 1000:6.1f} ms   "
              f"back to 100 %: median {median(down) * 1000:6.1f} ms")  # fmt: skip
        window.stack.setCurrentWidget(window.start_page)
    print(f"slowest page to 300 %: {worst * 1000:.1f} ms (target < 200 ms)")
    window.close()
    return 0


if __name__ == "__main__":
    status = main()
    sys.stdout.flush()
    os._exit(status)  # PySide6 can crash tearing down a populated window at exit; the figures are out
