"""The clock: a buyer left waiting nudges once, then leaves; time counts from the buyer's last line.

Written from mutation testing's survivors: each test pins one edge of tick() (strictly after the
patience, once per silence, relative to the last buyer line, a silent tick is no record).
"""

from __future__ import annotations

from simulator.detection.detector import TechniqueDetector
from simulator.engine.session import BuyerSession
from simulator.services.library import ContentLibrary


def friendly(library: ContentLibrary, detector: TechniqueDetector) -> BuyerSession:
    persona, scenario = library.pairing("friendly", "cardigan")
    return BuyerSession(persona, scenario, detector, 1)


def test_the_buyer_nudges_once_strictly_after_its_patience(
    library: ContentLibrary, detector: TechniqueDetector
) -> None:
    session = friendly(library, detector)
    session.receive("亲 在的哦", 10.0)  # the buyer answers at 10 s: time counts from there
    start, patience = session.last_buyer_at, session.persona.patience_seconds
    assert start == 10.0
    assert session.tick(start + patience) is None  # exactly the patience: not yet
    before = session.variables["patience"]
    nudge = session.tick(start + patience + 1)
    assert nudge is not None and nudge.text is None
    assert nudge.events == ["waiting", "check"] and nudge.buyer_lines
    assert nudge.index == session.turns == 1 and nudge.at == start + patience + 1
    assert nudge.delay == patience + 1
    assert [change.variable for change in nudge.changes] == ["patience"]
    assert session.variables["patience"] == before - 5
    assert nudge.open_questions == (session.scenario.buyer.question,)
    # A nudge is no answer to wait for: the trainee's reply still counts from the buyer's last line.
    assert session.history[-1] is nudge and session.last_buyer_at == start
    assert session.tick(start + patience + 20) is None  # once per silence
    reply = session.receive("不好意思久等了亲", start + patience + 25)
    assert reply.delay == patience + 25 and "slow_reply" in reply.events


def test_a_message_after_the_nudge_lets_the_buyer_nudge_again(
    library: ContentLibrary, detector: TechniqueDetector
) -> None:
    session = friendly(library, detector)
    patience = session.persona.patience_seconds
    assert session.tick(patience + 1) is not None
    session.receive("不好意思久等了亲", patience + 5)
    again = session.tick(session.last_buyer_at + patience + 1)
    assert again is not None and "waiting" in again.events


def test_the_buyer_leaves_strictly_after_the_leave_time(
    library: ContentLibrary, detector: TechniqueDetector
) -> None:
    session = friendly(library, detector)
    session.receive("亲 在的哦", 10.0)
    leave = session.persona.leave_after_seconds
    at_limit = session.tick(session.last_buyer_at + leave)  # exactly the limit: a nudge, not leaving
    assert at_limit is not None and "timeout" not in at_limit.events and not session.finished
    nudged_at = 10.0  # the nudge restarts nothing: the buyer leaves counting from its last real line
    assert session.last_buyer_at == nudged_at
    gone = session.tick(nudged_at + leave + 1)
    assert gone is not None and "timeout" in gone.events and session.finished
    assert gone.state_change is not None and gone.state_change.cause.event == "timeout"
    assert gone.state == session.state == "left"
    assert session.tick(nudged_at + leave + 500) is None  # a finished session does nothing more


def test_a_tick_that_changes_nothing_is_no_record(
    library: ContentLibrary, detector: TechniqueDetector
) -> None:
    persona, scenario = library.pairing("haggler", "leather_shoes")  # no reaction to waiting
    session = BuyerSession(persona, scenario, detector, 1)
    turns_before = len(session.history)
    assert session.tick(persona.patience_seconds + 1) is None
    assert len(session.history) == turns_before and session.last_buyer_at == 0.0
    assert session.counts["waiting"] == 1  # it happened, and rules reading n_waiting see it


def test_a_message_that_arrives_after_the_leave_time_is_never_read(
    library: ContentLibrary, detector: TechniqueDetector
) -> None:
    session = friendly(library, detector)
    record = session.receive("亲 在的 有燕麦色酒红色藏青色", session.persona.leave_after_seconds + 1)
    assert session.finished and record.events == [] and record.state == "left"
    timeout, message = session.history[1:]
    assert "timeout" in timeout.events and timeout.text is None and timeout.index == 1
    assert message is record and message.detection is not None
