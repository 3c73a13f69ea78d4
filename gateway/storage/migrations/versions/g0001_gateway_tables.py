"""gateway tables: senders, access rights, service registry, message log

Revision ID: g0001
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "g0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = ("gateway",)
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "senders",
        sa.Column("sender_id", sa.String(100), nullable=False),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("description", sa.String(500), nullable=False),
        sa.Column("signature_policy", sa.String(20), nullable=False),
        sa.Column("demo", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("sender_id", name="pk_senders"),
    )
    op.create_table(
        "access_rights",
        sa.Column("sender_id", sa.String(100), nullable=False),
        sa.Column("service_id", sa.String(200), nullable=False),
        sa.ForeignKeyConstraint(
            ["sender_id"], ["senders.sender_id"], name="fk_access_rights_sender_id_senders", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("sender_id", "service_id", name="pk_access_rights"),
    )
    op.create_table(
        "services",
        sa.Column("service_id", sa.String(200), nullable=False),
        sa.Column("system", sa.String(50), nullable=False),
        sa.Column("system_name", sa.String(200), nullable=False),
        sa.Column("channel", sa.String(10), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("contract", sa.String(50), nullable=False),
        sa.Column("mock_system", sa.String(50), nullable=True),
        sa.Column("provider_url", sa.String(500), nullable=True),
        sa.Column("payload_style", sa.String(10), nullable=False),
        sa.Column("timeout_seconds", sa.Float(), nullable=True),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("service_id", name="pk_services"),
    )
    op.create_table(
        "message_log",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False),
        sa.Column("session_id", sa.String(40), nullable=False),
        sa.Column("channel", sa.String(10), nullable=False),
        sa.Column("message_id", sa.String(200), nullable=True),
        sa.Column("correlation_id", sa.String(200), nullable=True),
        sa.Column("sender_id", sa.String(100), nullable=True),
        sa.Column("service_id", sa.String(200), nullable=True),
        sa.Column("subject_iin", sa.String(12), nullable=True),
        sa.Column("outcome", sa.String(10), nullable=False),
        sa.Column("status_code", sa.String(100), nullable=False),
        sa.Column("status_message", sa.Text(), nullable=False),
        sa.Column("fault_hop", sa.String(10), nullable=True),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("responded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("timings", sa.JSON(), nullable=False),
        sa.Column("client_address", sa.String(100), nullable=True),
        sa.Column("request_body", sa.LargeBinary(), nullable=False),
        sa.Column("provider_request_body", sa.LargeBinary(), nullable=True),
        sa.Column("provider_response_body", sa.LargeBinary(), nullable=True),
        sa.Column("response_body", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_message_log"),
        sa.UniqueConstraint("session_id", name="uq_message_log_session_id"),
    )
    op.create_index("ix_message_log_message_id", "message_log", ["message_id"])
    op.create_index("ix_message_log_sender_id_received_at", "message_log", ["sender_id", "received_at"])
    op.create_index("ix_message_log_service_id_received_at", "message_log", ["service_id", "received_at"])
    op.create_index("ix_message_log_subject_iin", "message_log", ["subject_iin"])
    op.create_index("ix_message_log_received_at", "message_log", ["received_at"])


def downgrade() -> None:
    op.drop_table("message_log")
    op.drop_table("services")
    op.drop_table("access_rights")
    op.drop_table("senders")
