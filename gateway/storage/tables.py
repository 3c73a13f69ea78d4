"""The gateway's own tables: senders and their access rights, the service registry, the message log, the
async channel's messages and status notifications."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

senders = Table(
    "senders",
    metadata,
    Column("sender_id", String(100), primary_key=True),
    Column("password_hash", String(255), nullable=False),
    Column("description", String(500), nullable=False),
    Column("signature_policy", String(20), nullable=False),
    Column("demo", Boolean, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("bin", String(12), nullable=True),  # when set, the sender's transport certificate must carry it
    # Its IAsyncChannelClient: where the gateway pushes RESPONSEs and state changes (NULL: it polls).
    Column("async_endpoint", String(500), nullable=True),
)

access_rights = Table(
    "access_rights",
    metadata,
    Column("sender_id", String(100), ForeignKey("senders.sender_id", ondelete="CASCADE"), primary_key=True),
    Column("service_id", String(200), primary_key=True),  # a serviceId, or * for every service
)

services = Table(
    "services",
    metadata,
    Column("service_id", String(200), primary_key=True),
    Column("system", String(50), nullable=False),
    Column("system_name", String(200), nullable=False),
    Column("channel", String(10), nullable=False),
    Column("description", Text, nullable=False),
    Column("contract", String(50), nullable=False),
    # The built-in mock that answers when provider_url is NULL.
    Column("mock_system", String(50), nullable=True),
    Column("provider_url", String(500), nullable=True),
    Column("payload_style", String(10), nullable=False),
    Column("timeout_seconds", Float, nullable=True),
    Column("enabled", Boolean, nullable=False),
    Column("transport_signature", String(10), nullable=False),  # none, optional or required: the client's hop
    Column("payload_signature", String(10), nullable=False),  # none, optional or required: the client's payload
    Column("signer_iin_field", String(50), nullable=True),  # payload element whose IIN the signer must hold
    Column("provider_signature", String(10), nullable=False),  # none, optional or required: the provider's payload
    Column("provider_bin", String(12), nullable=True),  # the BIN the provider's certificate must carry
    # How async messages reach the provider: sync (its SyncChannel answers; the answer is the RESPONSE),
    # push (its IAsyncChannelClient at async_url) or pull (it polls getMessages as provider_sender).
    Column("async_delivery", String(10), nullable=False, server_default="sync"),
    Column("async_url", String(500), nullable=True),
    Column("provider_sender", String(100), nullable=True),  # the senderId the provider answers as
    Column("response_window_seconds", Float, nullable=True),  # NULL: the instance's default (30 minutes)
    Column("schema_validation", Boolean, nullable=True),  # check what is sent for it; NULL: the instance's default
)

certificates = Table(
    "certificates",
    metadata,
    Column("serial", String(40), primary_key=True),  # hexadecimal, upper case
    Column("subject", Text, nullable=False),
    Column("iin", String(12), nullable=True),
    Column("bin", String(12), nullable=True),
    Column("role", String(10), nullable=False),
    Column("not_before", DateTime(timezone=True), nullable=False),
    Column("not_after", DateTime(timezone=True), nullable=False),
    Column("issued_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True), nullable=True),
    Column("revocation_reason", String(30), nullable=True),
    Column("certificate_pem", Text, nullable=False),
    Index(None, "iin"),
    Index(None, "revoked_at"),
)

_LOG_ID = BigInteger().with_variant(Integer, "sqlite")  # SQLite autoincrements only INTEGER PRIMARY KEY

message_log = Table(
    "message_log",
    metadata,
    Column("id", _LOG_ID, primary_key=True, autoincrement=True),
    Column("session_id", String(40), nullable=False, unique=True),
    Column("channel", String(10), nullable=False),
    Column("message_id", String(200), nullable=True),
    Column("correlation_id", String(200), nullable=True),
    Column("sender_id", String(100), nullable=True),
    Column("service_id", String(200), nullable=True),
    Column("subject_iin", String(12), nullable=True),
    Column("outcome", String(10), nullable=False),  # ok or fault
    Column("status_code", String(100), nullable=False),
    Column("status_message", Text, nullable=False),
    Column("fault_hop", String(10), nullable=True),
    Column("received_at", DateTime(timezone=True), nullable=False),
    Column("responded_at", DateTime(timezone=True), nullable=False),
    Column("timings", JSON, nullable=False),
    Column("client_address", String(100), nullable=True),
    Column("request_body", LargeBinary, nullable=False),
    Column("provider_request_body", LargeBinary, nullable=True),
    Column("provider_response_body", LargeBinary, nullable=True),
    Column("response_body", LargeBinary, nullable=False),
    Column("signatures", JSON, nullable=False),
    Column("run_id", String(64), nullable=True),  # the test run that sent it (mocks/runs.py), if any
    Index(None, "message_id"),
    Index(None, "sender_id", "received_at"),
    Index(None, "service_id", "received_at"),
    Index(None, "subject_iin"),
    Index(None, "received_at"),
    Index(None, "correlation_id"),
    Index(None, "run_id"),
)

clock_state = Table(
    "clock_state",
    metadata,
    Column("id", Integer, primary_key=True),  # one row, id 1
    Column("version", Integer, nullable=False),  # raised by every change: a process applies only newer states
    Column("offset_seconds", Float, nullable=False),
    Column("frozen_at", DateTime(timezone=True), nullable=True),
    Column("changed_at", DateTime(timezone=True), nullable=False),
)

run_clocks = Table(
    "run_clocks",
    metadata,
    Column("run_id", String(64), primary_key=True),  # a test run that moved its own clock (mocks/runs.py)
    Column("version", Integer, nullable=False),
    Column("offset_seconds", Float, nullable=False),
    Column("frozen_at", DateTime(timezone=True), nullable=True),
    Column("changed_at", DateTime(timezone=True), nullable=False),
)


_QUEUE_ID = _LOG_ID

async_messages = Table(
    "async_messages",
    metadata,
    Column("id", _QUEUE_ID, primary_key=True, autoincrement=True),
    Column("message_id", String(40), nullable=False, unique=True),  # assigned by the gateway
    Column("correlation_id", String(40), nullable=False),
    Column("service_id", String(200), nullable=False),
    Column("message_type", String(20), nullable=False),
    Column("sender_id", String(100), nullable=False),
    Column("sender_message_id", String(200), nullable=True),  # the sender's own messageId: a repeat is recognised
    Column("recipient", String(100), nullable=True),  # the consumer a message goes back to; NULL: the provider
    Column("delivery", String(10), nullable=False),  # sync, push or pull
    Column("target_url", String(500), nullable=True),
    Column("state", String(20), nullable=False),
    Column("status_code", String(100), nullable=False),
    Column("status_message", Text, nullable=False),
    Column("status_date", DateTime(timezone=True), nullable=False),
    Column("received_at", DateTime(timezone=True), nullable=False),
    Column("deadline_at", DateTime(timezone=True), nullable=True),  # a REQUEST's RESPONSE is due by then
    Column("answered_at", DateTime(timezone=True), nullable=True),  # when a REQUEST's RESPONSE came
    Column("late", Boolean, nullable=False),  # a RESPONSE that came after its window closed
    Column("attempts", Integer, nullable=False),
    Column("next_attempt_at", DateTime(timezone=True), nullable=True),  # NULL: no push is due
    Column("claimed_until", DateTime(timezone=True), nullable=True),  # wall time: a worker or a poller has it
    Column("fault", String(500), nullable=True),  # X-Qaqpa-Fault of the sendMessage, for a built-in mock
    Column("session_id", String(40), nullable=False),
    Column("message", LargeBinary, nullable=False),  # the AsyncMessage as its recipient receives it
    UniqueConstraint("sender_id", "sender_message_id"),
    Index(None, "correlation_id"),
    Index(None, "next_attempt_at"),
    Index(None, "state", "deadline_at"),
    Index(None, "service_id", "delivery", "state"),
)

async_notifications = Table(
    "async_notifications",
    metadata,
    Column("id", _QUEUE_ID, primary_key=True, autoincrement=True),
    Column("notification_id", String(40), nullable=False, unique=True),
    Column("message_id", String(40), nullable=False),
    Column("sender_id", String(100), nullable=False),
    Column("url", String(500), nullable=False),
    Column("message_state", String(20), nullable=False),
    Column("body", LargeBinary, nullable=False),  # the changeMassageStatusNotification wrapper
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("next_attempt_at", DateTime(timezone=True), nullable=True),  # NULL: sent, or given up
    Column("claimed_until", DateTime(timezone=True), nullable=True),
    Column("sent_at", DateTime(timezone=True), nullable=True),
    Column("last_error", Text, nullable=True),
    Index(None, "message_id"),
    Index(None, "next_attempt_at"),
)

cases = Table(
    "cases",
    metadata,
    Column("case_id", String(40), primary_key=True),
    Column("run_id", String(64), nullable=True),  # the test run that opened it; NULL: the default namespace
    Column("regulation", String(100), nullable=False),  # the catalogue slug
    Column("service_id", String(200), nullable=False),
    Column("purpose", String(20), nullable=False),  # information, application or proactive
    Column("channel", String(30), nullable=False),  # portal, state-corporation, proactive
    Column("applicant_iin", String(12), nullable=False),
    Column("subject_iin", String(12), nullable=True),
    Column("sender_id", String(100), nullable=False),
    Column("correlation_id", String(40), nullable=True),  # the async chain its updates go on; NULL: none
    Column("mode", String(10), nullable=False),  # auto or officer
    Column("pace", String(10), nullable=False),  # instant or deadlines
    Column("state", String(30), nullable=False),
    Column("decision", String(20), nullable=True),  # granted, refused, answered
    Column("ground", String(60), nullable=True),
    Column("received_at", DateTime(timezone=True), nullable=False),
    Column("deadline_at", DateTime(timezone=True), nullable=True),  # when the applicant must have the result
    Column("due_at", DateTime(timezone=True), nullable=True),  # when the clock next moves this case on; NULL: never
    Column("decided_at", DateTime(timezone=True), nullable=True),
    Column("request", JSON, nullable=False),  # what the applicant gave: documents, bank account, phone, language
    Column("file", JSON, nullable=False),  # the electronic case file: what the checks found, the pending outcome
    Column("result_document", LargeBinary, nullable=True),
    Column("claimed_until", DateTime(timezone=True), nullable=True),  # wall time: a process is moving it on
    Index(None, "state", "due_at"),
    Index(None, "applicant_iin"),
    Index(None, "run_id"),
)

case_events = Table(
    "case_events",
    metadata,
    Column("id", _QUEUE_ID, primary_key=True, autoincrement=True),
    Column("case_id", String(40), ForeignKey("cases.case_id"), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("kind", String(20), nullable=False),  # received, query, check, step, documents, sms, decision, ...
    Column("flow", String(30), nullable=True),
    Column("step", Integer, nullable=True),
    Column("actor", String(200), nullable=True),
    Column("does", Text, nullable=False),
    Column("outcome", String(200), nullable=True),
    Column("deadline_at", DateTime(timezone=True), nullable=True),
    Column("signer", String(200), nullable=True),
    Column("session_id", String(40), nullable=True),  # the gateway exchange a query or an SMS went through
    Column("service_id", String(100), nullable=True),  # and the serviceId it asked
    Column("lines", String(20), nullable=True),  # where the order says so
    Index(None, "case_id"),
)
