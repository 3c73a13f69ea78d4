"""The message log: every exchange the gateway handled, failed ones included, with its raw messages.

One row per exchange, keyed by the gateway's ``sessionId`` (which every answer and fault carries), and
findable by the sender's ``messageId``. Bodies are stored as the exact bytes received and sent, so nothing
a client sent is lost even when it was not valid UTF-8 or not XML at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Select, insert, select

from gateway.storage.tables import message_log
from mocks.storage import Storage


@dataclass(slots=True)
class Exchange:
    """What is known about one exchange while it is being handled; written to the log when it ends."""

    session_id: str
    channel: str
    received_at: datetime
    request_body: bytes
    client_address: str | None = None
    message_id: str | None = None
    correlation_id: str | None = None
    sender_id: str | None = None
    service_id: str | None = None
    subject_iin: str | None = None
    outcome: str = "fault"
    status_code: str = ""
    status_message: str = ""
    fault_hop: str | None = None
    responded_at: datetime | None = None
    timings: dict[str, float] = field(default_factory=dict)
    provider_request_body: bytes | None = None
    provider_response_body: bytes | None = None
    response_body: bytes = b""
    signatures: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class LogQuery:
    message_id: str | None = None
    session_id: str | None = None
    sender_id: str | None = None
    service_id: str | None = None
    subject_iin: str | None = None
    outcome: str | None = None
    limit: int = 50


class MessageLog:
    def __init__(self, storage: Storage) -> None:
        self._storage = storage

    async def record(self, exchange: Exchange) -> None:
        values = log_row(exchange)
        await self._storage.write(lambda connection: connection.execute(LOG_INSERT, values))

    async def find(self, query: LogQuery) -> list[dict[str, Any]]:
        statement = _select(query)
        rows = await self._storage.read(lambda connection: connection.execute(statement).mappings().all())
        return [_as_json(row) for row in rows]


LOG_INSERT = insert(message_log)


def log_row(exchange: Exchange) -> dict[str, Any]:
    """The message-log row of ``exchange``, for :data:`LOG_INSERT` (also inside another unit of work)."""
    return {
        "session_id": exchange.session_id,
        "channel": exchange.channel,
        "message_id": exchange.message_id,
        "correlation_id": exchange.correlation_id,
        "sender_id": exchange.sender_id,
        "service_id": exchange.service_id,
        "subject_iin": exchange.subject_iin,
        "outcome": exchange.outcome,
        "status_code": exchange.status_code,
        "status_message": exchange.status_message,
        "fault_hop": exchange.fault_hop,
        "received_at": exchange.received_at,
        "responded_at": exchange.responded_at or exchange.received_at,
        "timings": exchange.timings,
        "client_address": exchange.client_address,
        "request_body": exchange.request_body,
        "provider_request_body": exchange.provider_request_body,
        "provider_response_body": exchange.provider_response_body,
        "response_body": exchange.response_body,
        "signatures": exchange.signatures,
    }


def _select(query: LogQuery) -> Select[Any]:
    statement = select(message_log).order_by(message_log.c.id.desc()).limit(query.limit)
    filters = {
        message_log.c.message_id: query.message_id,
        message_log.c.session_id: query.session_id,
        message_log.c.sender_id: query.sender_id,
        message_log.c.service_id: query.service_id,
        message_log.c.subject_iin: query.subject_iin,
        message_log.c.outcome: query.outcome,
    }
    for column, value in filters.items():
        if value is not None:
            statement = statement.where(column == value)
    return statement


def _utc(moment: datetime) -> str:
    # SQLite hands back naive datetimes; they were written in UTC.
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.astimezone(UTC).isoformat(timespec="milliseconds")


def _text(body: bytes | None) -> str | None:
    return None if body is None else body.decode("utf-8", errors="replace")


def _as_json(row: Any) -> dict[str, Any]:
    return {
        "sessionId": row["session_id"],
        "channel": row["channel"],
        "messageId": row["message_id"],
        "correlationId": row["correlation_id"],
        "senderId": row["sender_id"],
        "serviceId": row["service_id"],
        "subjectIin": row["subject_iin"],
        "outcome": row["outcome"],
        "statusCode": row["status_code"],
        "statusMessage": row["status_message"],
        "faultHop": row["fault_hop"],
        "receivedAt": _utc(row["received_at"]),
        "respondedAt": _utc(row["responded_at"]),
        "timingsMs": row["timings"],
        "clientAddress": row["client_address"],
        "request": _text(row["request_body"]),
        "providerRequest": _text(row["provider_request_body"]),
        "providerResponse": _text(row["provider_response_body"]),
        "response": _text(row["response_body"]),
        "signatures": row["signatures"],
    }
