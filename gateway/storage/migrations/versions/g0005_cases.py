"""cases: the applications and information requests of the regulations, and the events of each

Revision ID: g0005
Revises: g0004
Create Date: 2026-12-05
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "g0005"
down_revision: str | Sequence[str] | None = "g0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
_WHEN = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "cases",
        sa.Column("case_id", sa.String(40), nullable=False),
        sa.Column("regulation", sa.String(100), nullable=False),
        sa.Column("service_id", sa.String(200), nullable=False),
        sa.Column("purpose", sa.String(20), nullable=False),
        sa.Column("channel", sa.String(30), nullable=False),
        sa.Column("applicant_iin", sa.String(12), nullable=False),
        sa.Column("subject_iin", sa.String(12), nullable=True),
        sa.Column("sender_id", sa.String(100), nullable=False),
        sa.Column("correlation_id", sa.String(40), nullable=True),
        sa.Column("mode", sa.String(10), nullable=False),
        sa.Column("pace", sa.String(10), nullable=False),
        sa.Column("state", sa.String(30), nullable=False),
        sa.Column("decision", sa.String(20), nullable=True),
        sa.Column("ground", sa.String(60), nullable=True),
        sa.Column("received_at", _WHEN, nullable=False),
        sa.Column("deadline_at", _WHEN, nullable=True),
        sa.Column("due_at", _WHEN, nullable=True),
        sa.Column("decided_at", _WHEN, nullable=True),
        sa.Column("request", sa.JSON(), nullable=False),
        sa.Column("file", sa.JSON(), nullable=False),
        sa.Column("result_document", sa.LargeBinary(), nullable=True),
        sa.Column("claimed_until", _WHEN, nullable=True),
        sa.PrimaryKeyConstraint("case_id", name=op.f("pk_cases")),
    )
    op.create_index(op.f("ix_cases_state_due_at"), "cases", ["state", "due_at"])
    op.create_index(op.f("ix_cases_applicant_iin"), "cases", ["applicant_iin"])
    op.create_table(
        "case_events",
        sa.Column("id", _ID, autoincrement=True, nullable=False),
        sa.Column("case_id", sa.String(40), nullable=False),
        sa.Column("at", _WHEN, nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("flow", sa.String(30), nullable=True),
        sa.Column("step", sa.Integer(), nullable=True),
        sa.Column("actor", sa.String(200), nullable=True),
        sa.Column("does", sa.Text(), nullable=False),
        sa.Column("outcome", sa.String(200), nullable=True),
        sa.Column("deadline_at", _WHEN, nullable=True),
        sa.Column("signer", sa.String(200), nullable=True),
        sa.Column("session_id", sa.String(40), nullable=True),
        sa.Column("lines", sa.String(20), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["cases.case_id"], name=op.f("fk_case_events_case_id_cases")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_events")),
    )
    op.create_index(op.f("ix_case_events_case_id"), "case_events", ["case_id"])


def downgrade() -> None:
    op.drop_table("case_events")
    op.drop_table("cases")
