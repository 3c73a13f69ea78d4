"""case events name the serviceId a query or an SMS went to

Revision ID: g0008
Revises: g0007
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "g0008"
down_revision: str | Sequence[str] | None = "g0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("case_events") as batch:
        batch.add_column(sa.Column("service_id", sa.String(100), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("case_events") as batch:
        batch.drop_column("service_id")
