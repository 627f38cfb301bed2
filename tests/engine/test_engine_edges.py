"""Edges of the engine: message shapes at their thresholds, staged concessions, conditions, lines, agenda.

Most tests play a small hand-built script (``probe``): a few states with one-line groups, and only the
reactions and transitions the test names, so a line or a number can be pinned exactly.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Sequence

import pytest

from simulator.content.persona_loader import parse_condition
from simulator.detection.detector import TechniqueDetector
from simulator.domain.persona import Outcome, Reaction, StateSpec, TransitionSpec, VariableSpec
from simulator.domain.scenario import BuyerQuestion
from simulator.engine.agenda import ASK_AGAIN_AFTER, Agenda
from simulator.engine.fact_events import PriceBook
from simulator.engine.session import LONG_MESSAGE_CHARS, VERY_SLOW_SECONDS, BuyerSession, _decide_staged
from simulator.services.library import ContentLibrary

# The fixtures' types under short names, so test signatures fit on one line.
Library = ContentLibrary
Detector = TechniqueDetector

# -- a small script to play --------------------------------------------------------------------------

OPENING, IDLE, WARM_ENTER, QUIET_IDLE = "在吗?", "然后呢?", "那我考虑一下。", "……"
PLEASED, HURT, SPECIAL = "不错嘛。", "你这什么态度?", "说定了!"
STATES = (
    StateSpec("calm", "平静", "Calm", lines={"opening": (OPENING,), "idle": (IDLE,)}),
    StateSpec("warm", "热情", "Warm", lines={"enter": (WARM_ENTER,), "idle": ("嗯嗯。",)}),
    StateSpec("quiet", "沉默", "Quiet", lines={"idle": (QUIET_IDLE,)}),
    StateSpec("left", "走了", "Left", outcome=Outcome.LEFT, final=True, lines={"enter": ("我走了。",)}),
)
LINES = {"pleased": (PLEASED,), "hurt": (HURT,), "special": (SPECIAL,)}


def variables(trust: float = 50, mood: float = 0) -> tuple[VariableSpec, ...]:
    return (
        VariableSpec("patience", 50),
        VariableSpec("trust", trust),
        VariableSpec("mood", mood, minimum=-10, maximum=10),
    )


def rule(
    on: str,
    change: dict[str, float] | None = None,
    when: str = "",
    say: str | None = None,
    repeat: str = "always",
    line: int = 0,
) -> Reaction:
    return Reaction(on, ("*",), parse_condition(when), change or {}, say, f"note of {on}", repeat, line)


def move(on: str, to: str, when: str = "", say: str | None = None, line: int = 0) -> TransitionSpec:
    return TransitionSpec(on, ("*",), to, parse_condition(when), say, f"to {to} on {on}", line)


LEAVE = move("check", "left", when="patience <= 0")


def probe(
    library: Library,
    detector: Detector,
    reactions: Sequence[Reaction] = (),
    transitions: Sequence[TransitionSpec] = (),
    values: tuple[VariableSpec, ...] | None = None,
) -> BuyerSession:
    base, scenario = library.pairing("haggler", "leather_shoes")
    persona = dataclasses.replace(
        base,
        variables=values or variables(),
        initial="calm",
        states=STATES,
        reactions=tuple(reactions),
        transitions=(LEAVE, *transitions),
        lines=LINES,
    )
    return BuyerSession(persona, scenario, detector, 1)


def haggler(library: Library, detector: Detector) -> BuyerSession:
    persona, scenario = library.pairing("haggler", "leather_shoes")
    return BuyerSession(persona, scenario, detector, 1)


def events_of(library: Library, detector: Detector, text: str, delay: float = 5.0) -> list[str]:
    return haggler(library, detector).receive(text, delay).events


# -- the shape of the message ----------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   ", "?"])
def test_a_message_with_nothing_readable_is_empty_and_not_curt(
    library: Library, detector: Detector, text: str
) -> None:
    """Blank or punctuation-only: empty_message, never any_message or curt_reply."""
    events = events_of(library, detector, text)
    assert "empty_message" in events
    assert not {"any_message", "emoticon_only", "curt_reply"} & set(events)


def test_emoticons_alone_are_emoticon_only_not_empty(library: Library, detector: Detector) -> None:
    """A smiley with no words is a message (any_message, emoticon_only), not an empty one, and not curt."""
    events = events_of(library, detector, "😊")
    assert {"any_message", "emoticon_only"} <= set(events)
    assert not {"empty_message", "no_chinese", "curt_reply"} & set(events)


@pytest.mark.parametrize("text", ["ok", "hello"])
def test_latin_letters_without_chinese_are_no_chinese(
    library: Library, detector: Detector, text: str
) -> None:
    """English words are readable but have no Chinese: no_chinese."""
    events = events_of(library, detector, text)
    assert {"any_message", "no_chinese"} <= set(events)


@pytest.mark.parametrize("text", ["\u3400", "\u9fff"])
def test_characters_at_the_edges_of_the_cjk_range_count_as_chinese(
    library: Library, detector: Detector, text: str
) -> None:
    """U+3400 and U+9FFF are the first and last characters the engine reads as Chinese."""
    assert "no_chinese" not in events_of(library, detector, text)


@pytest.mark.parametrize(("text", "curt"), [("好的好的好的", True), ("好的好的好的好", False)])
def test_curt_reply_is_at_most_six_readable_characters(
    library: Library, detector: Detector, text: str, curt: bool
) -> None:
    """Six readable characters with no good technique is curt; seven is not."""
    assert ("curt_reply" in events_of(library, detector, text)) is curt


def test_a_short_message_with_a_good_technique_is_not_curt(library: Library, detector: Detector) -> None:
    """亲您好 is short but greets the buyer: not curt."""
    events = events_of(library, detector, "亲您好")
    assert "greeting" in events and "curt_reply" not in events


def test_a_short_bad_technique_is_still_curt(library: Library, detector: Detector) -> None:
    """A bare 不讲价 (a bad technique) does not save a short message from being curt."""
    events = events_of(library, detector, "不讲价")
    assert {"negative_refusal", "curt_reply"} <= set(events)


def test_the_same_text_again_is_a_repeated_message(library: Library, detector: Detector) -> None:
    """The first message is new; the same words sent next are repeated_message."""
    session = haggler(library, detector)
    assert "repeated_message" not in session.receive("这双鞋是头层牛皮的", 5.0).events
    assert "repeated_message" in session.receive("这双鞋是头层牛皮的", 10.0).events


@pytest.mark.parametrize(("extra", "long"), [(0, False), (1, True)])
def test_long_message_is_over_three_hundred_characters(
    library: Library, detector: Detector, extra: int, long: bool
) -> None:
    """Exactly 300 characters is not a wall of text; 301 is."""
    text = "啊" * (LONG_MESSAGE_CHARS + extra)
    assert ("long_message" in events_of(library, detector, text)) is long


@pytest.mark.parametrize(("over", "fast"), [(0.0, True), (0.5, False)])
def test_reply_fast_is_within_half_the_patience(
    library: Library, detector: Detector, over: float, fast: bool
) -> None:
    """A reply at exactly half of patience_seconds is fast; half a second later it is not."""
    half = library.persona("haggler").patience_seconds / 2
    assert ("reply_fast" in events_of(library, detector, "好的", half + over)) is fast


@pytest.mark.parametrize(("over", "slow"), [(0.0, False), (0.5, True)])
def test_slow_reply_is_beyond_the_patience(
    library: Library, detector: Detector, over: float, slow: bool
) -> None:
    """A reply at exactly patience_seconds is not slow; half a second later it is."""
    patience = library.persona("haggler").patience_seconds
    assert ("slow_reply" in events_of(library, detector, "好的", patience + over)) is slow


@pytest.mark.parametrize(("over", "very_slow"), [(0.0, False), (0.5, True)])
def test_very_slow_reply_is_beyond_three_minutes(
    library: Library, detector: Detector, over: float, very_slow: bool
) -> None:
    """180 s is within the 3-minute rule; 180.5 s breaks it."""
    events = events_of(library, detector, "好的", VERY_SLOW_SECONDS + over)
    assert ("very_slow_reply" in events) is very_slow


# -- staged concessions, judged from the price history -----------------------------------------------------


def book(*steps: float) -> PriceBook:
    """A 99-yuan page price lowered by ``steps`` (a small step is at most 4.95 yuan here)."""
    return PriceBook(99.0, 80.0, 20.0, 99.0 - sum(steps), tuple(steps))


HELD = Counter({"hold_price": 1})


def test_staged_words_without_a_price_move_are_kept_once_at_the_end() -> None:
    """With no concession this message, the words' staged_concession stays (once, last)."""
    assert _decide_staged(["staged_concession", "hold_price"], book(), Counter()) == [
        "hold_price",
        "staged_concession",
    ]


def test_no_staged_concession_is_invented_without_a_concession() -> None:
    """A message that neither concedes nor says it is staged gets no staged_concession."""
    assert _decide_staged(["hold_price"], book(), HELD) == ["hold_price"]


def test_a_big_concession_is_never_staged() -> None:
    """One big step is the opposite of staged, whatever the words say."""
    assert _decide_staged(["concession_big", "staged_concession"], book(10.0), HELD) == ["concession_big"]


def test_a_small_step_after_one_hold_is_staged() -> None:
    """Holding the price once, then a small step: staged_concession is added from the history."""
    assert _decide_staged(["concession_small"], book(3.0), HELD) == ["concession_small", "staged_concession"]


def test_a_staged_small_step_the_words_also_say_is_counted_once() -> None:
    """Words and history agreeing do not make two staged_concession events."""
    events = _decide_staged(["staged_concession", "concession_small"], book(3.0), HELD)
    assert events == ["concession_small", "staged_concession"]


@pytest.mark.parametrize("events", [["concession_small"], ["concession_small", "staged_concession"]])
def test_a_first_small_step_with_no_hold_is_not_staged(events: list[str]) -> None:
    """A first small step with nothing before it is a concession, not yet a staged one."""
    assert _decide_staged(events, book(3.0), Counter()) == ["concession_small"]


def test_a_second_small_step_is_staged_without_a_hold() -> None:
    """Two small steps in a row are stages, even with no hold_price before them."""
    assert _decide_staged(["concession_small"], book(1.0, 1.0), Counter()) == [
        "concession_small",
        "staged_concession",
    ]


@pytest.mark.parametrize("events", [["concession_small"], ["concession_small", "staged_concession"]])
def test_a_small_step_after_a_big_one_is_not_staged(events: list[str]) -> None:
    """A history with a big step in it is no staged bargaining, even when the words say 最大的权限了."""
    assert _decide_staged(events, book(9.0, 2.0), HELD) == ["concession_small"]


def test_the_session_judges_the_second_small_step_staged(library: Library, detector: Detector) -> None:
    """Played through: 99→98 is a concession only, 98→97 is staged."""
    session = haggler(library, detector)
    first = session.receive("给您98吧", 5.0)
    second = session.receive("最多再少1块,97", 10.0)
    assert "concession_small" in first.events and "staged_concession" not in first.events
    assert {"concession_small", "staged_concession"} <= set(second.events)


# -- conditions reading built-in values ------------------------------------------------------------------


def fired(session: BuyerSession, text: str, at: float, variable: str = "trust") -> bool:
    """Whether the message changed ``variable``."""
    return any(change.variable == variable for change in session.receive(text, at).changes)


def test_a_condition_reads_the_current_price(library: Library, detector: Detector) -> None:
    """price is the price after this message's offer."""
    session = probe(library, detector, [rule("any_message", {"trust": 5}, when="price < 99")])
    assert not fired(session, "亲您好", 5.0)
    assert fired(session, "给您96吧", 10.0)


def test_a_condition_reads_the_list_price(library: Library, detector: Detector) -> None:
    """list_price is the product's page price (99 for the shoes)."""
    session = probe(library, detector, [rule("any_message", {"trust": 5}, when="list_price == 99")])
    assert fired(session, "亲您好", 5.0)


def test_price_ok_is_one_at_the_floor_and_zero_below(library: Library, detector: Detector) -> None:
    """price_ok is 1 while the price is at or above the shop's floor, 0 once it is under it."""
    reactions = [
        rule("any_message", {"trust": 1}, when="price_ok == 1"),
        rule("any_message", {"mood": -1}, when="price_ok == 0"),
    ]
    session = probe(library, detector, reactions)
    assert fired(session, "给您96吧", 5.0, "trust")  # 96 is the floor
    assert fired(session, "给您80吧", 10.0, "mood")
    assert session.variables["trust"] == 51 and session.variables["mood"] == -1


def test_a_condition_counts_concessions(library: Library, detector: Detector) -> None:
    """concessions is how many times the price went down."""
    session = probe(library, detector, [rule("any_message", {"trust": 5}, when="concessions >= 2")])
    assert not fired(session, "给您98吧", 5.0)
    assert fired(session, "给您97吧", 10.0)


def test_a_condition_reads_the_seconds_waited(library: Library, detector: Detector) -> None:
    """waited is this reply's delay: 29 s is under 30, 30 s reaches it."""
    session = probe(library, detector, [rule("any_message", {"trust": 5}, when="waited >= 30")])
    assert not fired(session, "亲您好", 29.0)
    assert fired(session, "这双是头层牛皮", 29.0 + 30.0)


def test_n_event_counts_this_turn_too(library: Library, detector: Detector) -> None:
    """n_greeting includes the greeting of the message being read."""
    session = probe(library, detector, [rule("greeting", {"trust": 5}, when="n_greeting >= 2")])
    assert not fired(session, "亲您好", 5.0)
    assert fired(session, "您好呀亲", 10.0)


def test_an_unknown_name_in_a_hand_built_script_fails_naming_it(library: Library, detector: Detector) -> None:
    """The loader rejects unknown names; a script built by hand fails loudly with the name."""
    session = probe(library, detector, [rule("any_message", {"trust": 5}, when="mystery > 1")])
    with pytest.raises(KeyError, match="mystery"):
        session.receive("亲您好", 5.0)


# -- reactions changing variables -----------------------------------------------------------------------


def greet(session: BuyerSession, times: int) -> list[dict[str, float]]:
    """Greets ``times`` times (different words, so nothing is a repeat); the variables after each."""
    texts = ["亲您好", "您好呀亲", "亲在的,您好", "您好,欢迎光临"]
    seen = []
    for number in range(times):
        session.receive(texts[number], 5.0 * (number + 1))
        seen.append(dict(session.variables))
    return seen


def test_a_decaying_gain_halves_each_time_and_a_loss_does_not(library: Library, detector: Detector) -> None:
    """repeat: decay halves a gain on every repeat (8, 4, 2); a loss stays whole."""
    session = probe(library, detector, [rule("greeting", {"trust": 8, "mood": -2}, repeat="decay")])
    seen = greet(session, 3)
    assert [v["trust"] for v in seen] == [58, 62, 64]
    assert [v["mood"] for v in seen] == [-2, -4, -6]


def test_a_small_decaying_gain_is_kept_to_two_decimals(library: Library, detector: Detector) -> None:
    """+1 decaying gives +0.5, +0.25, then +0.125 shown to two decimals."""
    session = probe(library, detector, [rule("greeting", {"trust": 1}, repeat="decay")])
    assert [v["trust"] for v in greet(session, 4)] == [51, 51.5, 51.75, 51.88]


def test_an_always_gain_does_not_fade(library: Library, detector: Detector) -> None:
    """repeat: always gives the full gain every time."""
    session = probe(library, detector, [rule("greeting", {"trust": 8}, repeat="always")])
    assert [v["trust"] for v in greet(session, 3)] == [58, 66, 74]


def test_a_once_reaction_fires_once_and_later_reactions_still_run(
    library: Library, detector: Detector
) -> None:
    """A spent once-reaction is skipped; the reactions after it in the file still apply."""
    reactions = [rule("greeting", {"trust": 5}, repeat="once"), rule("greeting", {"mood": 1})]
    seen = greet(probe(library, detector, reactions), 2)
    assert [v["trust"] for v in seen] == [55, 55]
    assert [v["mood"] for v in seen] == [1, 2]


def test_a_variable_stops_at_its_maximum_and_the_change_names_its_cause(
    library: Library, detector: Detector
) -> None:
    """90 + 30 is clamped to 100, recorded with its reaction; at 100 a further gain records nothing."""
    session = probe(library, detector, [rule("greeting", {"trust": 30}, line=42)], values=variables(trust=90))
    record = session.receive("亲您好", 5.0)
    (change,) = record.changes
    assert (change.variable, change.before, change.after) == ("trust", 90, 100)
    cause = change.cause
    assert (cause.turn, cause.event, cause.rule, cause.line, cause.note) == (
        1,
        "greeting",
        "reaction",
        42,
        "note of greeting",
    )
    assert session.receive("您好呀亲", 10.0).changes == []
    assert session.variables["trust"] == 100


def test_a_variable_stops_at_its_minimum(library: Library, detector: Detector) -> None:
    """mood bottoms out at its own minimum (-10): -8, then -10, then no change."""
    session = probe(library, detector, [rule("greeting", {"mood": -8})])
    seen = greet(session, 3)
    assert [v["mood"] for v in seen] == [-8, -10, -10]
    assert session.history[-1].changes == []


def test_check_happens_on_every_message_and_every_clock_step(library: Library, detector: Detector) -> None:
    """A reaction on check runs for a message and for a clock tick that raised waiting."""
    session = probe(library, detector, [rule("check", {"mood": 1})])
    session.receive("亲您好", 5.0)
    assert session.variables["mood"] == 1
    tick = session.tick(5.0 + session.persona.patience_seconds + 1)
    assert tick is not None and "waiting" in tick.events
    assert session.variables["mood"] == 2


# -- transitions -----------------------------------------------------------------------------------------


def test_the_first_matching_transition_in_file_order_wins(library: Library, detector: Detector) -> None:
    """Two transitions on greeting both hold: the one written first moves the buyer."""
    session = probe(library, detector, transitions=[move("greeting", "warm"), move("greeting", "quiet")])
    session.receive("亲您好", 5.0)
    assert session.state == "warm"


def test_a_transition_whose_condition_fails_gives_way_to_the_next(
    library: Library, detector: Detector
) -> None:
    """The first transition needs trust >= 80 (it is 50): the second one fires."""
    transitions = [move("greeting", "warm", when="trust >= 80"), move("greeting", "quiet")]
    session = probe(library, detector, transitions=transitions)
    session.receive("亲您好", 5.0)
    assert session.state == "quiet"


def test_a_state_change_records_where_from_where_to_and_why(library: Library, detector: Detector) -> None:
    """The state change names source, destination, turn, event, rule kind, file line and note."""
    session = probe(library, detector, transitions=[move("greeting", "warm", line=77)])
    session.receive("好的好的好的好", 5.0)
    change = session.receive("亲您好", 10.0).state_change
    assert change is not None
    assert (change.source, change.dest) == ("calm", "warm")
    cause = change.cause
    assert (cause.turn, cause.event, cause.rule, cause.line, cause.note) == (
        2,
        "greeting",
        "transition",
        77,
        "to warm on greeting",
    )


def test_leaving_on_check_beats_an_event_transition(library: Library, detector: Detector) -> None:
    """Patience drained this turn: the buyer leaves, though greeting would have warmed it."""
    session = probe(library, detector, [rule("greeting", {"patience": -60})], [move("greeting", "warm")])
    record = session.receive("亲您好", 5.0)
    assert session.state == "left" and record.state_change is not None
    assert record.state_change.cause.event == "check"


# -- what the buyer says ---------------------------------------------------------------------------------


def test_with_nothing_to_react_to_the_buyer_says_its_idle_line(library: Library, detector: Detector) -> None:
    """No remark, no state change: one line from the state's idle group."""
    assert probe(library, detector).receive("亲您好", 5.0).buyer_lines == [IDLE]


def test_a_pleased_remark_alone_replaces_the_idle_line(library: Library, detector: Detector) -> None:
    """A pleasing reaction's line is said, and no idle line after it."""
    session = probe(library, detector, [rule("greeting", {"trust": 5}, say="pleased")])
    assert session.receive("亲您好", 5.0).buyer_lines == [PLEASED]


def test_a_pleased_remark_gives_way_to_the_new_state_line(library: Library, detector: Detector) -> None:
    """When the state changes, only the new state's line is said after a pleasing reaction."""
    session = probe(
        library, detector, [rule("greeting", {"trust": 5}, say="pleased")], [move("greeting", "warm")]
    )
    assert session.receive("亲您好", 5.0).buyer_lines == [WARM_ENTER]


def test_a_hurt_remark_comes_before_the_new_state_line(library: Library, detector: Detector) -> None:
    """A reaction that costs the buyer is said first, then the new state's line."""
    session = probe(
        library, detector, [rule("greeting", {"trust": -5}, say="hurt")], [move("greeting", "warm")]
    )
    assert session.receive("亲您好", 5.0).buyer_lines == [HURT, WARM_ENTER]


def test_a_remark_that_costs_nothing_on_balance_is_not_a_hurt_one(
    library: Library, detector: Detector
) -> None:
    """+5 trust and -5 mood sum to zero: not hurt, so it gives way to the new state's line."""
    reaction = rule("greeting", {"trust": 5, "mood": -5}, say="hurt")
    session = probe(library, detector, [reaction], [move("greeting", "warm")])
    assert session.receive("亲您好", 5.0).buyer_lines == [WARM_ENTER]


def test_a_transition_with_its_own_line_group_says_that_line(library: Library, detector: Detector) -> None:
    """A transition's say: wins over the target state's enter lines."""
    session = probe(library, detector, transitions=[move("greeting", "warm", say="special")])
    assert session.receive("亲您好", 5.0).buyer_lines == [SPECIAL]


def test_entering_a_state_without_enter_lines_says_its_idle_line(
    library: Library, detector: Detector
) -> None:
    """The quiet state has only idle lines: the buyer says one on entering it."""
    session = probe(library, detector, transitions=[move("greeting", "quiet")])
    assert session.receive("亲您好", 5.0).buyer_lines == [QUIET_IDLE]


def test_a_clock_step_with_nothing_to_react_to_says_nothing(library: Library, detector: Detector) -> None:
    """Waiting with no reaction to it: no idle line, no record, the state unchanged."""
    session = probe(library, detector)
    assert session.tick(session.persona.patience_seconds + 1) is None
    assert session.state == "calm" and len(session.history) == 1


# -- the buyer's agenda ----------------------------------------------------------------------------------

SIZE = BuyerQuestion("question", "穿多大码", "尺码", ("size_correct",), ("M码",), ("size_wrong",))
WORRY = BuyerQuestion("worry", "会不会起球", "质量", ("reassurance",), ("起球",), ("material_wrong",))


def both_open() -> Agenda:
    return Agenda.of([SIZE, WORRY]).asked(["穿多大码?会不会起球?"])


def test_a_wrong_answer_starts_the_count_of_replies_left_open_again() -> None:
    """open, wrong, open: the buyer has not yet been left twice in a row since the wrong answer."""
    agenda = Agenda.of([SIZE]).asked(["穿多大码"])
    _, agenda = agenda.after_reply(["greeting"], "亲在的")
    _, agenda = agenda.after_reply(["size_wrong"], "拿l码")
    events, agenda = agenda.after_reply(["greeting"], "亲在的")
    assert events == []
    events, _ = agenda.after_reply(["greeting"], "亲在的")
    assert events == ["question_unanswered"]


def test_a_wrong_answer_to_one_question_does_not_drop_the_others() -> None:
    """Size answered wrong, worry answered in the same reply: both are noted, the worry is closed."""
    events, agenda = both_open().after_reply(["size_wrong", "reassurance"], "拿l码,放心")
    assert events == ["question_answered_wrong", "question_answered"]
    assert agenda.open_questions == (SIZE,)


def test_answering_the_first_question_leaves_the_second_open_and_pressing() -> None:
    """The size answered: the worry stays open and is the one the buyer presses."""
    events, agenda = both_open().after_reply(["size_correct"], "拿m码")
    assert events == ["question_answered"]
    assert agenda.open_questions == (WORRY,) and agenda.pressing == WORRY.text


def test_notes_name_the_topic_of_each_question() -> None:
    """Answered and unanswered notes both carry the question's topic for the report."""
    agenda = both_open()
    _, agenda = agenda.after_reply(["greeting"], "亲在的")
    _, agenda = agenda.after_reply(["size_correct"], "拿m码")
    assert [(note.event, note.topic) for note in agenda.notes] == [
        ("question_answered", "尺码"),
        ("question_unanswered", "质量"),
    ]


def test_after_asking_again_the_buyer_waits_the_full_count_before_the_next_time() -> None:
    """Pressed after two open replies; the next open reply does not press again, the one after does."""
    agenda = Agenda.of([SIZE]).asked(["穿多大码"])
    pressed = []
    for _ in range(2 * ASK_AGAIN_AFTER):
        events, agenda = agenda.after_reply(["greeting"], "亲在的")
        pressed.append("question_unanswered" in events)
    assert pressed == [False, True, False, True]


def test_a_question_answered_wrong_is_pressed_before_an_earlier_open_one() -> None:
    """The worry got a wrong answer, the size none yet: the buyer presses the worry."""
    events, agenda = both_open().after_reply(["material_wrong"], "纯棉的")
    assert events == ["question_answered_wrong"]
    assert agenda.pressing == WORRY.text and agenda.open_questions == (SIZE, WORRY)


def test_with_every_question_answered_nothing_is_pressed() -> None:
    """No open question: pressing is empty, so lines fall back to the case's own question."""
    _, agenda = both_open().after_reply(["size_correct", "reassurance"], "拿m码,放心")
    assert agenda.open_questions == () and agenda.pressing == ""


def test_a_blank_wall_of_spaces_is_empty_not_long(library: Library, detector: Detector) -> None:
    """301 spaces are an empty message, not a long one (the length counts what was written)."""
    events = events_of(library, detector, " " * (LONG_MESSAGE_CHARS + 1))
    assert "empty_message" in events and "long_message" not in events


def test_a_gain_too_small_to_show_records_no_change(library: Library, detector: Detector) -> None:
    """Decay halves a repeated gain; once it is below a hundredth, the variable does not move and no
    change (with a cause) is recorded for it."""
    session = haggler(library, detector)
    for turn in range(14):
        record = session.receive(f"谢谢亲 {turn}", 5.0 + 10 * turn)
        for change in record.changes:
            assert change.after != change.before, change
