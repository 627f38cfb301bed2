"""From a finished BuyerSession to its ScoreCard (the engine and the scorer meet here)."""

from __future__ import annotations

from simulator.domain.rubric import Rubric
from simulator.domain.techniques import Catalogue
from simulator.engine.session import BuyerSession
from simulator.scoring.components import SessionView, Turn
from simulator.scoring.score import score_session
from simulator.scoring.scorecard import ScoreCard


def session_view(session: BuyerSession, catalogue: Catalogue, rubric: Rubric) -> SessionView:
    turns = []
    state = session.persona.initial
    for record in session.history:
        if record.text is None or record.detection is None:
            state = record.state or state
            continue
        turns.append(
            Turn(
                index=record.index,
                text=record.text,
                delay=record.delay,
                detection=record.detection,
                events=frozenset(record.events),
                state_before=state,
                state_after=record.state,
                facts=dict(record.facts),
                questions=record.questions,
            )
        )
        state = record.state
    outcome = session.outcome()
    return SessionView(
        persona=session.persona,
        scenario=session.scenario,
        catalogue=catalogue,
        rubric=rubric,
        turns=tuple(turns),
        result=outcome.result,
        price_paid=outcome.price,
        satisfaction=outcome.satisfaction,
        final_price=session.book.current,
        open_questions=session.history[-1].open_questions if session.history else (),
    )


def score(session: BuyerSession, catalogue: Catalogue, rubric: Rubric) -> ScoreCard:
    return score_session(session_view(session, catalogue, rubric))
