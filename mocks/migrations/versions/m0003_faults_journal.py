"""the mocks' operating state: fault rules and the request journal

Revision ID: m0003
Revises: m0002
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "m0003"
down_revision: str | Sequence[str] | None = "m0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "mock_faults",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("system", sa.String(20), nullable=False),
        sa.Column("service_id", sa.String(100), nullable=True),
        sa.Column("spec", sa.Text(), nullable=False),
        sa.Column("remaining", sa.Integer(), nullable=True),
        sa.Column("active_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("probability", sa.Float(), nullable=False),
        sa.Column("hits", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_mock_faults"),
    )
    op.create_index("ix_mock_faults_system", "mock_faults", ["system"])
    op.create_table(
        "mock_journal",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("system", sa.String(20), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("service_id", sa.String(100), nullable=True),
        sa.Column("message_id", sa.String(100), nullable=True),
        sa.Column("session_id", sa.String(40), nullable=True),
        sa.Column("sender_id", sa.String(100), nullable=True),
        sa.Column("subject_iin", sa.String(12), nullable=True),
        sa.Column("outcome", sa.String(20), nullable=False),
        sa.Column("result_code", sa.String(40), nullable=True),
        sa.Column("fault", sa.String(40), nullable=True),
        sa.Column("duration_ms", sa.Float(), nullable=False),
        sa.Column("request_body", sa.LargeBinary(), nullable=False),
        sa.Column("response_body", sa.LargeBinary(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_mock_journal"),
    )
    op.create_index("ix_mock_journal_system_id", "mock_journal", ["system", "id"])
    op.create_index("ix_mock_journal_session_id", "mock_journal", ["session_id"])


def downgrade() -> None:
    op.drop_table("mock_journal")
    op.drop_table("mock_faults")
