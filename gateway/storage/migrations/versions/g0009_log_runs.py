"""the message log knows each exchange's test run: a run reads and forgets its own (docs/runs.md)

Revision ID: g0009
Revises: g0008
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "g0009"
down_revision: str | Sequence[str] | None = "g0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("message_log") as table:
        table.add_column(sa.Column("run_id", sa.String(64), nullable=True))
    op.create_index(op.f("ix_message_log_run_id"), "message_log", ["run_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_message_log_run_id"), "message_log")
    with op.batch_alter_table("message_log") as table:
        table.drop_column("run_id")
