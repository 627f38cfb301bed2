"""Sessions count their trainee messages, so the history list needs no join over messages.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sessions") as batch:
        batch.add_column(sa.Column("trainee_turns", sa.Integer, nullable=False, server_default="0"))
    op.create_index("ix_messages_session_turn", "messages", ["session_id", "turn"])
    # Sessions stored before this revision get their count from the messages they already have.
    op.execute(
        "UPDATE sessions SET trainee_turns = (SELECT COUNT(*) FROM messages "
        "WHERE messages.session_id = sessions.id AND messages.sender = 'trainee')"
    )


def downgrade() -> None:
    op.drop_index("ix_messages_session_turn", table_name="messages")
    with op.batch_alter_table("sessions") as batch:
        batch.drop_column("trainee_turns")
