"""signatures: issued certificates, signature policies, verdicts in the message log

Revision ID: g0002
Revises: g0001
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "g0002"
down_revision: str | Sequence[str] | None = "g0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "certificates",
        sa.Column("serial", sa.String(40), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("iin", sa.String(12), nullable=True),
        sa.Column("bin", sa.String(12), nullable=True),
        sa.Column("role", sa.String(10), nullable=False),
        sa.Column("not_before", sa.DateTime(timezone=True), nullable=False),
        sa.Column("not_after", sa.DateTime(timezone=True), nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revocation_reason", sa.String(30), nullable=True),
        sa.Column("certificate_pem", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("serial", name="pk_certificates"),
    )
    op.create_index("ix_certificates_iin", "certificates", ["iin"])
    op.create_index("ix_certificates_revoked_at", "certificates", ["revoked_at"])
    with op.batch_alter_table("senders") as batch:
        batch.add_column(sa.Column("bin", sa.String(12), nullable=True))
    with op.batch_alter_table("services") as batch:
        batch.add_column(sa.Column("transport_signature", sa.String(10), nullable=False, server_default="optional"))
        batch.add_column(sa.Column("payload_signature", sa.String(10), nullable=False, server_default="optional"))
        batch.add_column(sa.Column("signer_iin_field", sa.String(50), nullable=True))
        batch.add_column(sa.Column("provider_signature", sa.String(10), nullable=False, server_default="none"))
        batch.add_column(sa.Column("provider_bin", sa.String(12), nullable=True))
    with op.batch_alter_table("services") as batch:
        batch.alter_column("transport_signature", server_default=None)
        batch.alter_column("payload_signature", server_default=None)
        batch.alter_column("provider_signature", server_default=None)
    with op.batch_alter_table("message_log") as batch:
        batch.add_column(sa.Column("signatures", sa.JSON(), nullable=False, server_default="[]"))
    with op.batch_alter_table("message_log") as batch:
        batch.alter_column("signatures", server_default=None)


def downgrade() -> None:
    with op.batch_alter_table("message_log") as batch:
        batch.drop_column("signatures")
    with op.batch_alter_table("services") as batch:
        for column in (
            "provider_bin",
            "provider_signature",
            "signer_iin_field",
            "payload_signature",
            "transport_signature",
        ):
            batch.drop_column(column)
    with op.batch_alter_table("senders") as batch:
        batch.drop_column("bin")
    op.drop_index("ix_certificates_revoked_at", "certificates")
    op.drop_index("ix_certificates_iin", "certificates")
    op.drop_table("certificates")
