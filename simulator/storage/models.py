"""The stored tables, as typed SQLAlchemy 2 models. Repositories turn rows into domain objects."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class TraineeRow(Base):
    __tablename__ = "trainees"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)


class ExamRow(Base):
    """An exam the teacher assigned: every trainee meets the same buyer (persona, scenario, seed) in
    the same time; open until ``closed_at``."""

    __tablename__ = "exams"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(120))
    persona: Mapped[str] = mapped_column(String(64))
    scenario: Mapped[str] = mapped_column(String(64))
    seed: Mapped[int] = mapped_column(Integer)
    time_limit_minutes: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class SessionRow(Base):
    __tablename__ = "sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    trainee_id: Mapped[int] = mapped_column(ForeignKey("trainees.id"), index=True)
    persona: Mapped[str] = mapped_column(String(64), index=True)
    scenario: Mapped[str] = mapped_column(String(64), index=True)
    seed: Mapped[int] = mapped_column(Integer)
    mode: Mapped[str] = mapped_column(String(16), default="practice")
    started_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    result: Mapped[str | None] = mapped_column(String(16), nullable=True, index=True)
    price: Mapped[float | None] = mapped_column(Float, nullable=True)
    satisfaction: Mapped[int | None] = mapped_column(Integer, nullable=True)
    total: Mapped[int | None] = mapped_column(Integer, nullable=True)
    passed: Mapped[bool | None] = mapped_column(nullable=True)
    rubric_version: Mapped[int | None] = mapped_column(Integer, nullable=True)
    trainee_turns: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # The session as it finished, in the shape of `play --json` (history --session ID --json).
    document: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    # The window that has the session open, and when it last said so (simulator/storage/lease.py).
    lease_owner: Mapped[str | None] = mapped_column(String(120), nullable=True)
    lease_heartbeat: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    # The exam the session was taken for (the teacher's class board filters by it); None for practice.
    exam_id: Mapped[int | None] = mapped_column(ForeignKey("exams.id"), nullable=True, index=True)

    # Loaded with the session (a join): every summary names its trainee, and a list must not query per row.
    trainee: Mapped[TraineeRow] = relationship(lazy="joined")
    messages: Mapped[list[MessageRow]] = relationship(back_populates="session", order_by="MessageRow.id")
    items: Mapped[list[ScoreItemRow]] = relationship(back_populates="session", order_by="ScoreItemRow.id")
    changes: Mapped[list[ChangeRow]] = relationship(back_populates="session", order_by="ChangeRow.id")
    inputs: Mapped[list[InputRow]] = relationship(back_populates="session", order_by="InputRow.seq")


class MessageRow(Base):
    __tablename__ = "messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id"), index=True)
    turn: Mapped[int] = mapped_column(Integer)
    sender: Mapped[str] = mapped_column(String(8))  # trainee | buyer
    text: Mapped[str] = mapped_column(Text)
    at: Mapped[float] = mapped_column(Float)  # seconds since the session started
    delay: Mapped[float] = mapped_column(Float, default=0.0)
    techniques: Mapped[list[str]] = mapped_column(JSON, default=list)
    spans: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    state: Mapped[str] = mapped_column(String(64), default="")

    session: Mapped[SessionRow] = relationship(back_populates="messages")


class ScoreItemRow(Base):
    __tablename__ = "score_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id"), index=True)
    turn: Mapped[int] = mapped_column(Integer)
    rule: Mapped[str] = mapped_column(String(64), index=True)
    component: Mapped[str] = mapped_column(String(16))
    points: Mapped[float] = mapped_column(Float)
    reason: Mapped[str] = mapped_column(Text)
    quote: Mapped[str] = mapped_column(Text, default="")
    better: Mapped[str] = mapped_column(Text, default="")

    session: Mapped[SessionRow] = relationship(back_populates="items")


class ChangeRow(Base):
    """A change of the buyer's state or of one of its variables, with its cause."""

    __tablename__ = "buyer_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id"), index=True)
    turn: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(8))  # variable | state
    name: Mapped[str] = mapped_column(String(64))
    before: Mapped[str] = mapped_column(String(64))
    after: Mapped[str] = mapped_column(String(64))
    event: Mapped[str] = mapped_column(String(64))
    rule_line: Mapped[int] = mapped_column(Integer, default=0)
    note: Mapped[str] = mapped_column(Text, default="")

    session: Mapped[SessionRow] = relationship(back_populates="changes")


class InputRow(Base):
    """One thing that changed a session, in order: a trainee message, a clock tick that made the buyer
    act, the moment a buyer line appeared. Replayed in order, they rebuild the session exactly."""

    __tablename__ = "session_inputs"
    __table_args__ = (UniqueConstraint("session_id", "seq", name="uq_session_inputs_seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(8))  # message | tick | spoke
    at: Mapped[float] = mapped_column(Float)
    text: Mapped[str | None] = mapped_column(Text, nullable=True)
    # What the session did with it (the turn in `play --json` shape), for the stored view.
    record: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON, nullable=True)

    session: Mapped[SessionRow] = relationship(back_populates="inputs")
