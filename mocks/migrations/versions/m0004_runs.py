"""test runs: fault rules and journal entries belong to the run that made them (mocks/runs.py)

Revision ID: m0004
Revises: m0003
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "m0004"
down_revision: str | Sequence[str] | None = "m0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("mock_faults") as table:
        table.add_column(sa.Column("run_id", sa.String(64), nullable=True))
    with op.batch_alter_table("mock_journal") as table:
        table.add_column(sa.Column("run_id", sa.String(64), nullable=True))
    op.drop_index("ix_mock_journal_system_id", "mock_journal")
    op.create_index("ix_mock_journal_system_run_id_id", "mock_journal", ["system", "run_id", "id"])


def downgrade() -> None:
    op.drop_index("ix_mock_journal_system_run_id_id", "mock_journal")
    op.create_index("ix_mock_journal_system_id", "mock_journal", ["system", "id"])
    with op.batch_alter_table("mock_journal") as table:
        table.drop_column("run_id")
    with op.batch_alter_table("mock_faults") as table:
        table.drop_column("run_id")
