"""The one bridge between the Qt-free engine and the window.

The engine never blocks the window: it runs on the GUI thread in well under a millisecond per
message, and the buyer's lines are released one by one after a natural "typing" delay. Patience
drains in wall-clock time: a QTimer ticks the engine's clock every second.
"""

from __future__ import annotations

from collections import deque

from PySide6.QtCore import QElapsedTimer, QObject, QTimer, Signal

from simulator.domain.techniques import Catalogue
from simulator.engine.records import TurnRecord
from simulator.engine.session import BuyerSession
from simulator.services.training import TrainingSession

TICK_MS = 1000
TYPING_MS_PER_CHAR = 120
TYPING_MIN_MS = 700
TYPING_MAX_MS = 3500


def typing_delay_ms(line: str) -> int:
    return max(TYPING_MIN_MS, min(TYPING_MAX_MS, len(line) * TYPING_MS_PER_CHAR))


class SessionController(QObject):
    buyer_typing = Signal(bool)
    buyer_said = Signal(str)
    trainee_judged = Signal(int, object)  # turn number, the TurnRecord
    buyer_changed = Signal(object)  # the TurnRecord whose changes moved the buyer
    notice = Signal(str)  # something the trainee should know (a message cut, a rule switched off)
    storage_changed = Signal(str)  # a write failed and is kept to retry ('' again once one succeeds)
    finished = Signal()

    def __init__(
        self, training: TrainingSession, catalogue: Catalogue, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.training = training
        self.catalogue = catalogue
        self._storage_error = training.storage_error
        self._clock = QElapsedTimer()
        # Lines still to be typed, each marked whether it answers the trainee (then its appearance
        # starts the reply clock) or is the buyer acting on its own (a nudge, leaving).
        self._pending: deque[tuple[str, bool]] = deque()
        self._release = QTimer(self)
        self._release.setSingleShot(True)
        self._release.timeout.connect(self._say_next)
        self._ticker = QTimer(self)
        self._ticker.setInterval(TICK_MS)
        self._ticker.timeout.connect(self.tick)
        self._ended = False
        self._offset = 0.0
        self.time_scale = 1.0  # tests shorten the typing delay

    @property
    def session(self) -> BuyerSession:
        """The buyer, for reading (state, variables, history); every change goes through ``training``."""
        return self.training.buyer

    def start(self, resumed: bool = False) -> None:
        """Start the clock; a resumed session continues from its last message, already on screen."""
        self._offset = self.session.last_buyer_at if resumed else 0.0
        self._clock.start()
        self._ticker.start()
        if not resumed:
            self._queue(list(self.session.opening), answers=True)

    def now(self) -> float:
        return self._offset + (self._clock.elapsed() / 1000.0 if self._clock.isValid() else 0.0)

    def seconds_since_buyer(self) -> float:
        return max(0.0, self.now() - self.session.last_buyer_at)

    @property
    def busy(self) -> bool:
        return bool(self._pending) or self._release.isActive()

    def send(self, text: str) -> TurnRecord:
        step = self.training.send(text, self.now())
        record = step.record
        assert record is not None, "a message always gives a record"
        if step.note:
            self.notice.emit(step.note)
        self._storage(step.storage_error)
        self.trainee_judged.emit(record.index, record)
        if record.changes or record.state_change:
            self.buyer_changed.emit(record)
        # A nudge not yet shown is dropped: no buyer types 在吗? right after getting an answer.
        self._pending = deque(item for item in self._pending if item[1])
        self._queue(record.buyer_lines, answers=True)
        return record

    def tick(self) -> None:
        if self._ended:
            return
        step = self.training.tick(self.now())
        record = step.record if step is not None else None
        if step is not None:
            self._storage(step.storage_error)
        if record is not None:
            self.buyer_changed.emit(record)
            self._queue(record.buyer_lines, answers=False)
        if self.session.finished and not self.busy:
            self.stop()

    def _storage(self, error: str) -> None:
        if error != self._storage_error:
            self._storage_error = error
            self.storage_changed.emit(error)

    def hurry(self, time_scale: float) -> None:
        """Type faster from now on, the line already being typed included (tests, screenshots)."""
        self.time_scale = time_scale
        if self._release.isActive() and self._pending:
            self._release.start(int(typing_delay_ms(self._pending[0][0]) * time_scale))

    def stop(self, announce: bool = True) -> None:
        """Stop the clock and the buyer's typing; ``announce`` tells the page (which then shows the
        report), left out when the trainee leaves the chat for another page."""
        if self._ended:
            return
        self._ended = True
        self._ticker.stop()
        self._release.stop()
        self._pending.clear()
        self.buyer_typing.emit(False)
        if announce:
            self.finished.emit()

    def _queue(self, lines: list[str], answers: bool) -> None:
        self._pending.extend((line, answers) for line in lines if line)
        if self._pending and not self._release.isActive():
            self.buyer_typing.emit(True)
            self._release.start(int(typing_delay_ms(self._pending[0][0]) * self.time_scale))

    def _say_next(self) -> None:
        if not self._pending:
            return
        line, answers = self._pending.popleft()
        if answers:
            # The buyer's reply time is when it finished typing: the reply timer starts from here.
            self.training.buyer_spoke(self.now())
        self.buyer_said.emit(line)
        if self._pending:
            self._release.start(int(typing_delay_ms(self._pending[0][0]) * self.time_scale))
        else:
            self.buyer_typing.emit(False)
            if self.session.finished:
                self.stop()
