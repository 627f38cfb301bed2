"""Screenshots of the start page, a practice chat (with the shop facts), a report and the history,
for the README and for review.

    QT_QPA_PLATFORM=offscreen QT_SCALE_FACTOR=2 .venv/bin/python tools/take_screenshots.py en 200
Writes docs/screenshots/<page>-<language>-<scale>.png.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402

from simulator.app import ContentPaths, build_detector, load_library, load_model_for  # noqa: E402
from simulator.services.archive import SessionArchive  # noqa: E402
from simulator.ui.application import create_application  # noqa: E402
from simulator.ui.i18n import install_language  # noqa: E402
from simulator.ui.main_window import MainWindow  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
MESSAGES = [
    "亲,99已经是活动价了哈,价格对每位顾客都一样~😊 这双是头层牛皮,算下来一天才几分钱。",
    "理解您想买得实惠~ 价格我这边动不了,不过可以给您包邮,再送一双鞋垫[微笑]",
    "看您是真心喜欢,我跟店长申请了一张3元券,96到手,这是最大的权限了。您要黑色还是棕色?",
]


def wait(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def main() -> int:
    language, scale = sys.argv[1], sys.argv[2]
    app = create_application(["screenshots"])
    install_language(app, language)
    library = load_library()
    detector = build_detector(library.catalogue, load_model_for(library.catalogue, ContentPaths())[0])
    repository = SessionArchive.open("sqlite://")
    window = MainWindow(library, detector, seed=1, repository=repository)
    window.language = language
    window._build()
    window.resize(1100, 720)
    window.show()
    window.start_page.select_persona("haggler")
    wait(200)
    OUT.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(OUT / f"start-{language}-{scale}.png"))
    window.start_page.start_button.click()
    window.controller.hurry(0.01)
    wait(300)
    for text in MESSAGES:
        window.chat_page.input.setPlainText(text)
        window.chat_page.send()
        wait(400)
    window.grab().save(str(OUT / f"chat-{language}-{scale}.png"))
    window.chat_page.input.setPlainText("谢谢亲~现在付款今天就能发出哦!")
    window.chat_page.send()
    wait(400)
    window.chat_page.confirm_end(ask=lambda: True)
    wait(300)
    window.grab().save(str(OUT / f"report-{language}-{scale}.png"))
    window.show_history()
    wait(300)
    window.grab().save(str(OUT / f"history-{language}-{scale}.png"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
