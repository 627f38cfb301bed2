"""Everything that changes a session is kept in order, so a stored session can be rebuilt exactly.

session_inputs: the trainee's messages, the clock ticks that made the buyer act and the moments the
buyer's lines appeared (they set the reply time). sessions.document: the session as it was when it
finished, in the shape of `play --json` (`history --session ID --json`).

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "session_inputs",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("session_id", sa.Integer, sa.ForeignKey("sessions.id"), nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("at", sa.Float, nullable=False),
        sa.Column("text", sa.Text, nullable=True),
        sa.Column("record", sa.JSON, nullable=True),
        sa.UniqueConstraint("session_id", "seq", name="uq_session_inputs_seq"),
    )
    op.create_index("ix_session_inputs_session_id", "session_inputs", ["session_id"])
    with op.batch_alter_table("sessions") as batch:
        batch.add_column(sa.Column("document", sa.JSON, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sessions") as batch:
        batch.drop_column("document")
    op.drop_index("ix_session_inputs_session_id", table_name="session_inputs")
    op.drop_table("session_inputs")
