"""Presenter-mode screenshots (issue 15): the pages a class sees on the wall, at 100 %, 200 % and 300 %,
in a projector-sized window (1920×1080), the last set in high contrast.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/take_presenter_screenshots.py
Writes docs/screenshots/presenter-<page>-<scale>[-contrast].png (chat, replay covered / revealed /
branched, report, studio, class board). The app's own settings are not touched:
the scale and contrast go to a scratch settings file.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEventLoop, QSettings, QTimer  # noqa: E402

from simulator.app import ContentPaths, build_detector, load_library, load_model_for  # noqa: E402
from simulator.services.archive import SessionArchive  # noqa: E402
from simulator.services.training import TrainingSession  # noqa: E402
from simulator.services.transcript import parse_transcript  # noqa: E402
from simulator.ui import i18n, main_window  # noqa: E402
from simulator.ui.application import create_application  # noqa: E402
from simulator.ui.main_window import MainWindow  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
TRANSCRIPT = ROOT / "tests" / "transcripts" / "haggler_good.txt"
SCALES = ((1.0, False), (2.0, False), (3.0, False), (2.0, True))


def wait(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def stored_session(window: MainWindow) -> int:
    assert window.repository is not None and window.repository.writer is not None
    training = TrainingSession.start(
        window.library,
        window.detector,
        "haggler",
        None,
        1,
        repository=window.repository.writer,
        trainee="王芳",
    )
    for line in parse_transcript(TRANSCRIPT.read_text(encoding="utf-8").splitlines()):
        training.send(line.text, training.buyer.last_buyer_at + line.delay)
    training.finish()
    assert training.session_id is not None
    return training.session_id


def main() -> int:
    scratch = QSettings(str(Path(tempfile.mkdtemp()) / "settings.ini"), QSettings.Format.IniFormat)
    main_window.settings = lambda: scratch  # type: ignore[assignment]
    i18n.settings = lambda: scratch  # type: ignore[assignment]
    create_application(["screenshots"])
    library = load_library()
    detector = build_detector(library.catalogue, load_model_for(library.catalogue, ContentPaths())[0])
    window = MainWindow(library, detector, seed=1, repository=SessionArchive.open("sqlite://"))
    window.resize(1920, 1080)
    window.show()
    session_id = stored_session(window)
    OUT.mkdir(parents=True, exist_ok=True)
    for scale, contrast in SCALES:
        window.zoom(None)
        window.zoom(scale - 1.0)
        window.set_high_contrast(contrast)
        suffix = f"{round(scale * 100)}" + ("-contrast" if contrast else "")
        window.show_replay(session_id, message=2)
        page = window.replay_page
        assert page is not None
        wait(200)
        window.grab().save(str(OUT / f"presenter-replay-covered-{suffix}.png"))
        page.reveal_button.click()
        wait(100)
        window.grab().save(str(OUT / f"presenter-replay-revealed-{suffix}.png"))
        page.branch_button.click()
        page.branch_input.setText("亲 这个价格已经是最低了哦 不能再少了,不过可以送您一双鞋垫~")
        page.send_branch_reply()
        wait(100)
        window.grab().save(str(OUT / f"presenter-replay-branch-{suffix}.png"))
        page.close_branch()
        window.stack.setCurrentWidget(window.start_page)
        window.start_page.select_persona("haggler")
        window.start_page.start_button.click()
        assert window.controller is not None
        window.controller.hurry(0.01)
        wait(300)
        window.chat_page.input.setPlainText("亲,99已经是活动价了哈~😊 这双是头层牛皮,算下来一天才几分钱。")
        window.chat_page.send()
        wait(400)
        window.grab().save(str(OUT / f"presenter-chat-{suffix}.png"))
        window.chat_page.confirm_end(ask=lambda: True)
        wait(300)
        window.grab().save(str(OUT / f"presenter-report-{suffix}.png"))
        window.show_studio()
        wait(300)
        window.grab().save(str(OUT / f"presenter-studio-{suffix}.png"))
        window.stack.setCurrentWidget(window.start_page)
        window.show_class_board()
        wait(300)
        window.grab().save(str(OUT / f"presenter-board-{suffix}.png"))
        window.stack.setCurrentWidget(window.start_page)
    window.zoom(None)
    window.set_high_contrast(False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
