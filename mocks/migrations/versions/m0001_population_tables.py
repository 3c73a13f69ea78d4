"""population tables: citizens and their identity documents

Revision ID: m0001
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "m0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = ("mocks",)
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "population_info",
        sa.Column("key", sa.String(50), nullable=False),
        sa.Column("value", sa.String(200), nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_population_info"),
    )
    op.create_table(
        "persons",
        sa.Column("iin", sa.String(12), nullable=False),
        sa.Column("surname", sa.String(100), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("patronymic", sa.String(100), nullable=True),
        sa.Column("eng_surname", sa.String(100), nullable=False),
        sa.Column("eng_first_name", sa.String(100), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=False),
        sa.Column("sex", sa.String(1), nullable=False),
        sa.Column("nationality", sa.String(3), nullable=False),
        sa.Column("citizenship", sa.String(3), nullable=False),
        sa.Column("birth_country", sa.String(3), nullable=False),
        sa.Column("birth_settlement", sa.String(9), nullable=True),
        sa.Column("reg_settlement", sa.String(9), nullable=True),
        sa.Column("reg_street", sa.String(200), nullable=True),
        sa.Column("reg_building", sa.String(10), nullable=True),
        sa.Column("reg_flat", sa.String(10), nullable=True),
        sa.Column("reg_since", sa.Date(), nullable=True),
        sa.Column("birth_certificate", sa.String(30), nullable=True),
        sa.Column("death_date", sa.Date(), nullable=True),
        sa.Column("death_certificate", sa.String(30), nullable=True),
        sa.PrimaryKeyConstraint("iin", name="pk_persons"),
    )
    op.create_index("ix_persons_surname_name", "persons", ["surname", "name"])
    op.create_index("ix_persons_birth_date", "persons", ["birth_date"])
    op.create_table(
        "identity_documents",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("iin", sa.String(12), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("number", sa.String(20), nullable=False),
        sa.Column("begin_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("issuer", sa.String(10), nullable=False),
        sa.ForeignKeyConstraint(["iin"], ["persons.iin"], name="fk_identity_documents_iin_persons", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_identity_documents"),
    )
    op.create_index("ix_identity_documents_iin", "identity_documents", ["iin"])
    op.create_index("ix_identity_documents_number", "identity_documents", ["number"])


def downgrade() -> None:
    op.drop_table("identity_documents")
    op.drop_table("persons")
    op.drop_table("population_info")
