"""The buyer's questions: each is open once a buyer line has asked it, until a reply answers it.

State is a value (``Agenda``): every step returns a new one with the events it caused, so a turn
reads the agenda before the message and hands the next one back; nothing is changed in place.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from simulator.domain.scenario import BuyerQuestion, QuestionNote

# After this many replies in a row that leave a question open, the buyer asks again (and loses patience).
ASK_AGAIN_AFTER = 2


@dataclass(frozen=True)
class QuestionState:
    question: BuyerQuestion
    open: bool = False
    answered: bool = False
    unanswered: int = 0  # replies in a row that left it open


@dataclass(frozen=True)
class Agenda:
    items: tuple[QuestionState, ...] = ()
    notes: tuple[QuestionNote, ...] = ()  # what the last reply did to the questions
    pressing: str = ""  # the question the buyer asks again (else its first open one)

    @classmethod
    def of(cls, questions: Sequence[BuyerQuestion]) -> Agenda:
        return cls(tuple(QuestionState(question) for question in questions if question.text))

    @property
    def answered_roles(self) -> frozenset[str]:
        """question / worry: the case lines a reply has answered (the buyer does not ask them again)."""
        return frozenset(item.question.role for item in self.items if item.answered)

    @property
    def open_questions(self) -> tuple[BuyerQuestion, ...]:
        return tuple(item.question for item in self.items if item.open)

    def asked(self, lines: Sequence[str]) -> Agenda:
        """The buyer said these lines: a question among them is now open (asked, or asked again)."""
        items = tuple(
            replace(item, open=True)
            if not item.answered and any(item.question.text in line for line in lines)
            else item
            for item in self.items
        )
        return replace(self, items=items)

    def after_reply(self, events: Sequence[str], canonical: str) -> tuple[list[str], Agenda]:
        """The events a trainee reply causes on the open questions, and the agenda after it.

        An answer that states a wrong fact on the question's topic (size_wrong to a size question)
        does not close it: ``question_answered_wrong``, and the buyer goes on waiting for a right one.
        """
        happened = set(events)
        notes: list[QuestionNote] = []
        items = []
        for item in self.items:
            if not item.open:
                items.append(item)
                continue
            question = item.question
            if happened & set(question.wrong_by):
                notes.append(QuestionNote("question_answered_wrong", question.text, question.topic))
                items.append(replace(item, unanswered=0))
                continue
            named = any(word.lower() in canonical for word in question.answer_words)
            if named or happened & set(question.answered_by):
                notes.append(QuestionNote("question_answered", question.text, question.topic))
                items.append(replace(item, open=False, answered=True, unanswered=0))
                continue
            unanswered = item.unanswered + 1
            if unanswered >= ASK_AGAIN_AFTER:
                notes.append(QuestionNote("question_unanswered", question.text, question.topic))
                unanswered = 0
            items.append(replace(item, unanswered=unanswered))
        pressed = [note.question for note in notes if note.event != "question_answered"]
        still_open = [item.question.text for item in items if item.open]
        agenda = Agenda(tuple(items), tuple(notes), (pressed or still_open or [""])[0])
        return list(dict.fromkeys(note.event for note in notes)), agenda
