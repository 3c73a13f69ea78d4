"""The message log: every exchange the gateway handled, failed ones included, with its raw messages.

One row per exchange, keyed by the gateway's ``sessionId`` (which every answer and fault carries), and
findable by the sender's ``messageId``. Bodies are stored as the exact bytes received and sent, so nothing
a client sent is lost even when it was not valid UTF-8 or not XML at all — but for the sender's password,
whose characters are replaced by ``***`` before the request is written (:func:`without_passwords`): the log
is read by operators and testers, and a secret has no place in it.

The same rows read as X-Road's operational monitoring data (:meth:`MessageLog.operational`): per exchange,
when the request came in and went out and when the answer came in and went out, the sizes of the four
messages, whether it succeeded and the fault code — without the bodies.

Entries are written by group commit (mocks.storage.GroupCommit): each exchange's answer waits for its own
row to be committed, in one transaction with the rows of the exchanges that ended meanwhile.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Select, func, insert, select

from gateway.storage.tables import message_log
from mocks.runs import current_run
from mocks.storage import GroupCommit, Storage


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
    run_id: str | None = field(default_factory=current_run.get)
    """The test run of the request being handled (``X-Qaqpa-Run``), when the exchange began."""


@dataclass(frozen=True, slots=True)
class LogQuery:
    message_id: str | None = None
    session_id: str | None = None
    session_ids: tuple[str, ...] | None = None
    """Any of these sessions (a case's exchanges), read in one query."""
    correlation_id: str | None = None
    sender_id: str | None = None
    service_id: str | None = None
    subject_iin: str | None = None
    outcome: str | None = None
    status_code: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    run_id: str | None = None
    """Only this test run's exchanges; None: every run's and those of no run."""
    limit: int = 50


class MessageLog:
    def __init__(self, storage: Storage) -> None:
        self._storage = storage
        self._rows = GroupCommit[dict[str, Any]](
            storage, lambda connection, rows: connection.execute(LOG_INSERT, rows), "qaqpa-message-log"
        )

    async def record(self, exchange: Exchange) -> None:
        """Write the exchange's row; returns once it is committed (with the others waiting then)."""
        await self._rows.add(log_row(exchange))

    async def find(self, query: LogQuery) -> list[dict[str, Any]]:
        statement = _select(query)
        rows = await self._storage.read(lambda connection: connection.execute(statement).mappings().all())
        return [_as_json(row) for row in rows]

    async def summaries(self, query: LogQuery) -> list[dict[str, Any]]:
        """The matching exchanges without their bodies, newest first: what a list of them shows."""
        statement = _select(query).with_only_columns(*_SUMMARY_COLUMNS)
        rows = await self._storage.read(lambda connection: connection.execute(statement).mappings().all())
        return [_summary_json(row) for row in rows]

    async def operational(self, query: LogQuery) -> list[dict[str, Any]]:
        """Operational records of the matching exchanges, newest first."""
        statement = _select(query).with_only_columns(*_OPERATIONAL_COLUMNS)
        rows = await self._storage.read(lambda connection: connection.execute(statement).mappings().all())
        return [_operational_json(row) for row in rows]


LOG_INSERT = insert(message_log)


_PASSWORD = re.compile(rb"(<(?:[\w.-]+:)?password(?:\s[^>]*)?>)(.*?)(</(?:[\w.-]+:)?password\s*>)", re.DOTALL)
PASSWORD_MASK = b"***"


def without_passwords(body: bytes) -> bytes:
    """``body`` with the content of every ``password`` element (any prefix) replaced by ``***``."""
    return _PASSWORD.sub(lambda found: found[1] + PASSWORD_MASK + found[3], body)


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
        "request_body": without_passwords(exchange.request_body),
        "provider_request_body": exchange.provider_request_body,
        "provider_response_body": exchange.provider_response_body,
        "response_body": exchange.response_body,
        "signatures": exchange.signatures,
        "run_id": exchange.run_id,
    }


def _select(query: LogQuery) -> Select[Any]:
    statement = select(message_log).order_by(message_log.c.id.desc()).limit(query.limit)
    filters = {
        message_log.c.message_id: query.message_id,
        message_log.c.session_id: query.session_id,
        message_log.c.correlation_id: query.correlation_id,
        message_log.c.sender_id: query.sender_id,
        message_log.c.service_id: query.service_id,
        message_log.c.subject_iin: query.subject_iin,
        message_log.c.outcome: query.outcome,
        message_log.c.status_code: query.status_code,
        message_log.c.run_id: query.run_id,
    }
    for column, value in filters.items():
        if value is not None:
            statement = statement.where(column == value)
    if query.session_ids is not None:
        statement = statement.where(message_log.c.session_id.in_(query.session_ids))
    if query.since is not None:
        statement = statement.where(message_log.c.received_at >= query.since.astimezone(UTC))
    if query.until is not None:
        statement = statement.where(message_log.c.received_at < query.until.astimezone(UTC))
    return statement


_OPERATIONAL_COLUMNS = (
    message_log.c.session_id,
    message_log.c.channel,
    message_log.c.message_id,
    message_log.c.sender_id,
    message_log.c.service_id,
    message_log.c.outcome,
    message_log.c.status_code,
    message_log.c.fault_hop,
    message_log.c.received_at,
    message_log.c.responded_at,
    message_log.c.timings,
    func.length(message_log.c.request_body).label("request_size"),
    func.length(message_log.c.provider_request_body).label("provider_request_size"),
    func.length(message_log.c.provider_response_body).label("provider_response_size"),
    func.length(message_log.c.response_body).label("response_size"),
)


def _operational_json(row: Any) -> dict[str, Any]:
    """One exchange as X-Road's operational data names it (timestamps in epoch milliseconds)."""
    request_in = _epoch_ms(row["received_at"])
    timings = row["timings"] or {}
    through_provider = row["provider_request_size"] is not None
    request_out = request_in + round(timings.get("client", 0.0)) if through_provider else None
    response_in = request_out + round(timings.get("provider", 0.0)) if request_out is not None else None
    succeeded = row["outcome"] == "ok"
    return {
        "xRequestId": row["session_id"],
        "channel": row["channel"],
        "messageId": row["message_id"],
        "clientId": row["sender_id"],
        "serviceId": row["service_id"],
        "requestInTs": request_in,
        "requestOutTs": request_out,
        "responseInTs": response_in,
        "responseOutTs": _epoch_ms(row["responded_at"]),
        "requestSize": row["request_size"],
        "requestOutSize": row["provider_request_size"],
        "responseInSize": row["provider_response_size"],
        "responseSize": row["response_size"],
        "succeeded": succeeded,
        "statusCode": row["status_code"] if succeeded else None,
        "faultCode": None if succeeded else row["status_code"],
        "faultHop": row["fault_hop"],
    }


def _epoch_ms(moment: datetime) -> int:
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return round(aware.timestamp() * 1000)


def _utc(moment: datetime) -> str:
    # SQLite hands back naive datetimes; they were written in UTC.
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.astimezone(UTC).isoformat(timespec="milliseconds")


def _text(body: bytes | None) -> str | None:
    return None if body is None else body.decode("utf-8", errors="replace")


_SUMMARY_COLUMNS = (
    *(column for column in message_log.c if not column.name.endswith("_body") and column.name != "signatures"),
    message_log.c.provider_request_body.is_not(None).label("provider_reached"),
    message_log.c.provider_response_body.is_not(None).label("provider_answered"),
)


def _summary_json(row: Any) -> dict[str, Any]:
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
        "run": row["run_id"],
        # Whether the gateway sent the provider its request, and got an answer: what a diagram draws.
        "providerReached": _flag(row, "provider_reached", "provider_request_body"),
        "providerAnswered": _flag(row, "provider_answered", "provider_response_body"),
    }


def _flag(row: Any, label: str, body: str) -> bool:
    return bool(row[label]) if label in row else row[body] is not None


def _as_json(row: Any) -> dict[str, Any]:
    return {
        **_summary_json(row),
        "request": _text(row["request_body"]),
        "providerRequest": _text(row["provider_request_body"]),
        "providerResponse": _text(row["provider_response_body"]),
        "response": _text(row["response_body"]),
        "signatures": row["signatures"],
    }
