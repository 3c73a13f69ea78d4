"""async channel: stored messages, status notifications, delivery settings of services and senders

Revision ID: g0004
Revises: g0003
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "g0004"
down_revision: str | Sequence[str] | None = "g0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _queue_columns() -> list[sa.Column[object]]:
    return [
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("claimed_until", sa.DateTime(timezone=True), nullable=True),
    ]


def upgrade() -> None:
    with op.batch_alter_table("senders") as batch:
        batch.add_column(sa.Column("async_endpoint", sa.String(500), nullable=True))
    with op.batch_alter_table("services") as batch:
        batch.add_column(sa.Column("async_delivery", sa.String(10), nullable=False, server_default="sync"))
        batch.add_column(sa.Column("async_url", sa.String(500), nullable=True))
        batch.add_column(sa.Column("provider_sender", sa.String(100), nullable=True))
        batch.add_column(sa.Column("response_window_seconds", sa.Float(), nullable=True))
    op.create_table(
        "async_messages",
        sa.Column("id", _ID, autoincrement=True, nullable=False),
        sa.Column("message_id", sa.String(40), nullable=False),
        sa.Column("correlation_id", sa.String(40), nullable=False),
        sa.Column("service_id", sa.String(200), nullable=False),
        sa.Column("message_type", sa.String(20), nullable=False),
        sa.Column("sender_id", sa.String(100), nullable=False),
        sa.Column("sender_message_id", sa.String(200), nullable=True),
        sa.Column("recipient", sa.String(100), nullable=True),
        sa.Column("delivery", sa.String(10), nullable=False),
        sa.Column("target_url", sa.String(500), nullable=True),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("status_code", sa.String(100), nullable=False),
        sa.Column("status_message", sa.Text(), nullable=False),
        sa.Column("status_date", sa.DateTime(timezone=True), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("deadline_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("late", sa.Boolean(), nullable=False),
        *_queue_columns(),
        sa.Column("fault", sa.String(500), nullable=True),
        sa.Column("session_id", sa.String(40), nullable=False),
        sa.Column("message", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_async_messages"),
        sa.UniqueConstraint("message_id", name="uq_async_messages_message_id"),
        sa.UniqueConstraint("sender_id", "sender_message_id", name="uq_async_messages_sender_id_sender_message_id"),
    )
    op.create_index("ix_async_messages_correlation_id", "async_messages", ["correlation_id"])
    op.create_index("ix_async_messages_next_attempt_at", "async_messages", ["next_attempt_at"])
    op.create_index("ix_async_messages_state_deadline_at", "async_messages", ["state", "deadline_at"])
    op.create_index(
        "ix_async_messages_service_id_delivery_state", "async_messages", ["service_id", "delivery", "state"]
    )
    op.create_table(
        "async_notifications",
        sa.Column("id", _ID, autoincrement=True, nullable=False),
        sa.Column("notification_id", sa.String(40), nullable=False),
        sa.Column("message_id", sa.String(40), nullable=False),
        sa.Column("sender_id", sa.String(100), nullable=False),
        sa.Column("url", sa.String(500), nullable=False),
        sa.Column("message_state", sa.String(20), nullable=False),
        sa.Column("body", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        *_queue_columns(),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_async_notifications"),
        sa.UniqueConstraint("notification_id", name="uq_async_notifications_notification_id"),
    )
    op.create_index("ix_async_notifications_message_id", "async_notifications", ["message_id"])
    op.create_index("ix_async_notifications_next_attempt_at", "async_notifications", ["next_attempt_at"])


def downgrade() -> None:
    op.drop_table("async_notifications")
    op.drop_table("async_messages")
    with op.batch_alter_table("services") as batch:
        for column in ("response_window_seconds", "provider_sender", "async_url", "async_delivery"):
            batch.drop_column(column)
    with op.batch_alter_table("senders") as batch:
        batch.drop_column("async_endpoint")
