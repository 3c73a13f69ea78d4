"""the message log found by correlationId: the console draws a chain's exchanges together

Revision ID: g0007
Revises: g0006
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "g0007"
down_revision: str | Sequence[str] | None = "g0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(op.f("ix_message_log_correlation_id"), "message_log", ["correlation_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_message_log_correlation_id"), "message_log")
