"""registries: civil acts, guardianships, court decisions, disabilities, jobs, unemployment, sole traders,
bank accounts, assigned benefits; and citizens' phones

Revision ID: m0002
Revises: m0001
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "m0002"
down_revision: str | Sequence[str] | None = "m0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = (
    "civil_acts",
    "guardianships",
    "court_decisions",
    "disabilities",
    "employments",
    "unemployment",
    "entrepreneurs",
    "bank_accounts",
    "benefits",
)


def upgrade() -> None:
    with op.batch_alter_table("persons") as batch:
        batch.add_column(sa.Column("phone", sa.String(16), nullable=True))
    op.create_table(
        "civil_acts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("number", sa.String(20), nullable=False),
        sa.Column("event_date", sa.Date(), nullable=False),
        sa.Column("registered_on", sa.Date(), nullable=False),
        sa.Column("office", sa.String(9), nullable=False),
        sa.Column("person_iin", sa.String(12), nullable=False),
        sa.Column("mother_iin", sa.String(12), nullable=True),
        sa.Column("father_iin", sa.String(12), nullable=True),
        sa.Column("spouse_iin", sa.String(12), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_civil_acts"),
    )
    op.create_index("ix_civil_acts_father_iin", "civil_acts", ["father_iin"])
    op.create_index("ix_civil_acts_mother_iin", "civil_acts", ["mother_iin"])
    op.create_index("ix_civil_acts_person_iin", "civil_acts", ["person_iin"])
    op.create_index("ix_civil_acts_spouse_iin", "civil_acts", ["spouse_iin"])
    op.create_table(
        "guardianships",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("ward_iin", sa.String(12), nullable=False),
        sa.Column("guardian_iin", sa.String(12), nullable=False),
        sa.Column("decision_number", sa.String(30), nullable=False),
        sa.Column("decision_date", sa.Date(), nullable=False),
        sa.Column("authority", sa.String(30), nullable=False),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_guardianships"),
    )
    op.create_index("ix_guardianships_guardian_iin", "guardianships", ["guardian_iin"])
    op.create_index("ix_guardianships_ward_iin", "guardianships", ["ward_iin"])
    op.create_table(
        "court_decisions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("person_iin", sa.String(12), nullable=False),
        sa.Column("applicant_iin", sa.String(12), nullable=True),
        sa.Column("case_number", sa.String(40), nullable=False),
        sa.Column("court", sa.String(30), nullable=False),
        sa.Column("decision_date", sa.Date(), nullable=False),
        sa.Column("effective_date", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_court_decisions"),
    )
    op.create_index("ix_court_decisions_applicant_iin", "court_decisions", ["applicant_iin"])
    op.create_index("ix_court_decisions_person_iin", "court_decisions", ["person_iin"])
    op.create_table(
        "disabilities",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("iin", sa.String(12), nullable=False),
        sa.Column("group", sa.String(5), nullable=False),
        sa.Column("cause", sa.String(30), nullable=False),
        sa.Column("since_childhood", sa.Boolean(), nullable=False),
        sa.Column("established_on", sa.Date(), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.Column("certificate_number", sa.String(30), nullable=False),
        sa.Column("working_capacity_loss", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_disabilities"),
    )
    op.create_index("ix_disabilities_iin", "disabilities", ["iin"])
    op.create_table(
        "employments",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("iin", sa.String(12), nullable=False),
        sa.Column("employer_bin", sa.String(12), nullable=False),
        sa.Column("employer_name", sa.String(100), nullable=False),
        sa.Column("monthly_salary", sa.Integer(), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_employments"),
    )
    op.create_index("ix_employments_iin", "employments", ["iin"])
    op.create_table(
        "unemployment",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("iin", sa.String(12), nullable=False),
        sa.Column("registered_on", sa.Date(), nullable=False),
        sa.Column("deregistered_on", sa.Date(), nullable=True),
        sa.Column("center", sa.String(30), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_unemployment"),
    )
    op.create_index("ix_unemployment_iin", "unemployment", ["iin"])
    op.create_table(
        "entrepreneurs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("iin", sa.String(12), nullable=False),
        sa.Column("registered_on", sa.Date(), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("trade_name", sa.String(150), nullable=False),
        sa.Column("tax_regime", sa.String(30), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_entrepreneurs"),
    )
    op.create_index("ix_entrepreneurs_iin", "entrepreneurs", ["iin"])
    op.create_table(
        "bank_accounts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("iin", sa.String(12), nullable=False),
        sa.Column("iban", sa.String(20), nullable=False),
        sa.Column("bank_code", sa.String(3), nullable=False),
        sa.Column("opened_on", sa.Date(), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_bank_accounts"),
    )
    op.create_index("ix_bank_accounts_iban", "bank_accounts", ["iban"])
    op.create_index("ix_bank_accounts_iin", "bank_accounts", ["iin"])
    op.create_table(
        "benefits",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("iin", sa.String(12), nullable=False),
        sa.Column("kind", sa.String(60), nullable=False),
        sa.Column("assigned_on", sa.Date(), nullable=False),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.Column("monthly_amount", sa.Integer(), nullable=False),
        sa.Column("decision_number", sa.String(30), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_benefits"),
    )
    op.create_index("ix_benefits_iin", "benefits", ["iin"])


def downgrade() -> None:
    for table in reversed(TABLES):
        op.drop_table(table)
    with op.batch_alter_table("persons") as batch:
        batch.drop_column("phone")
