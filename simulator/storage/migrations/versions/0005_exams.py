"""Exams the teacher assigns (persona, scenario, fixed seed, time limit) and the exam a session was
taken for: the table `exams` and `sessions.exam_id` (nullable: practice sessions have none).

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "exams",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("title", sa.String(120), nullable=False),
        sa.Column("persona", sa.String(64), nullable=False),
        sa.Column("scenario", sa.String(64), nullable=False),
        sa.Column("seed", sa.Integer, nullable=False),
        sa.Column("time_limit_minutes", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("closed_at", sa.DateTime, nullable=True),
    )
    # The reference is written into the column itself (ADD COLUMN … REFERENCES): SQLite can add such
    # a column in place, where a separate constraint would copy the whole sessions table.
    op.add_column(
        "sessions",
        sa.Column("exam_id", sa.Integer, sa.ForeignKey("exams.id"), nullable=True),
        inline_references=True,
    )
    op.create_index("ix_sessions_exam_id", "sessions", ["exam_id"])


def downgrade() -> None:
    op.drop_index("ix_sessions_exam_id", table_name="sessions")
    with op.batch_alter_table("sessions") as batch:
        batch.drop_column("exam_id")
    op.drop_table("exams")
