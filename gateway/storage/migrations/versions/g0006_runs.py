"""test runs: a clock per run, and cases that belong to the run that opened them (mocks/runs.py); a
service's own choice of outbound schema validation (gateway/shep/outbound.py)

Revision ID: g0006
Revises: g0005
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "g0006"
down_revision: str | Sequence[str] | None = "g0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "run_clocks",
        sa.Column("run_id", sa.String(64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("offset_seconds", sa.Float(), nullable=False),
        sa.Column("frozen_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("run_id", name=op.f("pk_run_clocks")),
    )
    with op.batch_alter_table("cases") as table:
        table.add_column(sa.Column("run_id", sa.String(64), nullable=True))
    op.create_index(op.f("ix_cases_run_id"), "cases", ["run_id"])
    with op.batch_alter_table("services") as table:
        table.add_column(sa.Column("schema_validation", sa.Boolean(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("services") as table:
        table.drop_column("schema_validation")
    op.drop_index(op.f("ix_cases_run_id"), "cases")
    with op.batch_alter_table("cases") as table:
        table.drop_column("run_id")
    op.drop_table("run_clocks")
