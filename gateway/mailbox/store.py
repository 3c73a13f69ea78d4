"""The async channel's messages in the database: accepted, chained, handed out, delivered, expired.

Every change of a message is one transaction, so "accepted" means committed and nothing half-done survives a
crash. Work is shared between processes through the rows themselves: a worker or a poller takes a row with
``SELECT … FOR UPDATE SKIP LOCKED`` (PostgreSQL; SQLite has one writer and ignores the clause) and marks it
taken until ``claimed_until``, a wall-clock lease that a killed process simply lets run out. State changes are
guarded by the state they leave, so two processes never both apply one.

Two clocks meet here on purpose: the product's clock (virtual in dev mode) decides what is due and when a
window closes; the wall clock bounds leases, because they protect against dead processes, not product time.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from lxml import etree
from sqlalchemy import ColumnElement, Connection, Row, Table, and_, insert, or_, select, update
from sqlalchemy.exc import IntegrityError

from contracts.shep import xml_datetime
from contracts.shep.asynchronous import MessageState, MessageStatus, build_change_status
from gateway import errors
from gateway.clock import Clock
from gateway.message_log import LOG_INSERT, Exchange, log_row
from gateway.registry import Service
from gateway.storage.tables import async_messages, async_notifications, senders
from mocks.storage import Storage

GIVE_UP_AFTER = timedelta(hours=24)
"""A message without a response window that could not be pushed for this long is NOT_DELIVERED."""

_M = async_messages.c
_N = async_notifications.c


def new_id() -> str:
    return str(uuid.uuid4())


def utc(moment: datetime) -> datetime:
    """Aware UTC: SQLite hands back naive datetimes (written in UTC), and stores aware ones without offset."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


@dataclass(frozen=True, slots=True)
class StoredMessage:
    message_id: str
    correlation_id: str
    service_id: str
    message_type: str
    sender_id: str
    recipient: str | None
    delivery: str
    target_url: str | None
    state: MessageState
    status_code: str
    status_message: str
    status_date: datetime
    received_at: datetime
    deadline_at: datetime | None
    answered_at: datetime | None
    late: bool
    attempts: int
    fault: str | None
    session_id: str
    message: bytes

    @classmethod
    def of(cls, row: Row[Any]) -> StoredMessage:
        values = dict(row._mapping)
        for moment in _MOMENTS:
            if values[moment] is not None:
                values[moment] = utc(values[moment])
        return cls(**{name: values[name] for name in cls.__slots__})

    def status(self, now: datetime) -> MessageStatus:
        """The status as a sender sees it now: for a REQUEST still waiting, with the time left."""
        message = self.status_message
        left = self.time_left(now)
        if left is not None:
            message = f"{message}; RESPONSE due {xml_datetime(_deadline(self))} ({_duration(left)} left)"
        return MessageStatus(self.state, self.status_code, message, xml_datetime(self.status_date))

    def time_left(self, now: datetime) -> timedelta | None:
        """For a REQUEST still waiting for its RESPONSE, what is left of its window; None otherwise."""
        if self.deadline_at is None or self.answered_at is not None or self.state not in ("ON_DELIVERY", "DELIVERED"):
            return None
        return max(self.deadline_at - now, timedelta(0))


_MOMENTS = ("status_date", "received_at", "deadline_at", "answered_at")


def _duration(span: timedelta) -> str:
    seconds = int(span.total_seconds())
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}h {minutes:02d}m {seconds:02d}s" if hours else f"{minutes}m {seconds:02d}s"


@dataclass(frozen=True, slots=True)
class NewMessage:
    """A message the channel accepted, before it is stored: ids assigned, chain checked, AsyncMessage built."""

    message_id: str
    correlation_id: str
    service: Service
    message_type: str
    sender_id: str
    sender_message_id: str | None
    session_id: str
    message: bytes
    fault: str | None = None


@dataclass(frozen=True, slots=True)
class Accepted:
    message_id: str
    correlation_id: str
    repeated: bool = False
    late: bool = False


@dataclass(frozen=True, slots=True)
class Notification:
    notification_id: str
    message_id: str
    sender_id: str
    url: str
    body: bytes
    attempts: int
    created_at: datetime


class Mailbox:
    def __init__(self, storage: Storage, clock: Clock) -> None:
        self._storage = storage
        self._clock = clock

    # ---- accepting ---------------------------------------------------------------------------------------

    async def accept(self, new: NewMessage) -> Accepted:
        """Store a message from a sender, or recognise a repeat of one (same sender, same own messageId)."""
        try:
            return await self._storage.write(lambda connection: self._accept(connection, new))
        except IntegrityError:
            # A repeat that raced its original: the original is committed now.
            repeat = await self._storage.read(lambda connection: _repeat_of(connection, new))
            if repeat is None:
                raise
            return repeat

    def _accept(self, connection: Connection, new: NewMessage) -> Accepted:
        repeat = _repeat_of(connection, new)
        if repeat is not None:
            return repeat
        now = utc(self._clock.now())
        service = new.service
        values = _row(new, now)
        if new.message_type == "REQUEST":
            values.update(_to_provider(service), deadline_at=now + timedelta(seconds=service.response_window_seconds))
            return _store(connection, values, now)
        request = _request_of(connection, new.correlation_id)
        if request is None or request.service_id != service.service_id:
            raise errors.UnknownCorrelation(
                f"no REQUEST to {service.service_id} has correlationId {new.correlation_id!r}",
                detail="a chain starts with a REQUEST; its sendMessage answer carries the correlationId",
            )
        if new.sender_id == request.sender_id:
            if new.message_type == "RESPONSE":
                raise errors.InvalidMessageChain("a RESPONSE comes from the provider, not from the requester")
            if service.async_delivery == "sync":
                raise errors.InvalidMessageChain(
                    f"{service.service_id} answers synchronously: it takes a REQUEST, not an {new.message_type}"
                )
            values.update(_to_provider(service))
        elif new.sender_id == service.provider_sender:
            values.update(_to_consumer(connection, request.sender_id))
        else:
            raise errors.AccessDenied(f"sender {new.sender_id!r} is not a party to correlation {new.correlation_id}")
        if new.message_type == "RESPONSE":
            return self._store_response(connection, request, values, now)
        return _store(connection, values, now)

    def _store_response(
        self, connection: Connection, request: StoredMessage, values: dict[str, Any], now: datetime
    ) -> Accepted:
        """A RESPONSE answers its REQUEST and goes to the requester; after the window it is kept as late."""
        if self._answer(connection, request, now):
            return _store(connection, values, now)
        values.update(
            state="NOT_DELIVERED",
            status_code="Async.Late",
            status_message=f"came after the REQUEST's window closed at {xml_datetime(_deadline(request))}",
            late=True,
        )
        connection.execute(insert(async_messages).values(values))
        return Accepted(values["message_id"], values["correlation_id"], late=True)

    def _answer(self, connection: Connection, request: StoredMessage, now: datetime) -> bool:
        """Mark a REQUEST answered; False when its window has closed (it is then stopped, if it was not yet)."""
        if request.answered_at is not None:
            return True
        if request.state == "DELIVERY_STOPPED" or _deadline(request) <= now:
            self._stop(connection, [request.message_id], now)
            return False
        connection.execute(
            update(async_messages)
            .where(_M.message_id == request.message_id)
            .values(
                answered_at=now,
                state="DELIVERED",
                next_attempt_at=None,
                claimed_until=None,
                status_code="Async.Answered",
                status_message="the provider answered with a RESPONSE",
                status_date=now,
            )
        )
        if request.state != "DELIVERED":
            self._notify(connection, request.message_id, now)
        return True

    # ---- reading -----------------------------------------------------------------------------------------

    async def find(self, message_id: str) -> StoredMessage | None:
        return await self._storage.read(lambda connection: _message(connection, message_id))

    async def take(
        self,
        service: Service,
        caller: str,
        *,
        amount: int,
        lease: timedelta,
        correlation_id: str | None = None,
        message_id: str | None = None,
    ) -> list[StoredMessage]:
        """Hand ``caller`` up to ``amount`` of the messages waiting for it to pull; each is offered again when
        not acknowledged within ``lease``."""

        def work(connection: Connection) -> list[StoredMessage]:
            mine = _M.recipient == caller
            if caller == service.provider_sender:
                mine = or_(mine, _M.recipient.is_(None))
            conditions = [
                _M.service_id == service.service_id,
                _M.delivery == "pull",
                _M.state == "ON_DELIVERY",
                mine,
            ]
            if correlation_id is not None:
                conditions.append(_M.correlation_id == correlation_id)
            if message_id is not None:
                conditions.append(_M.message_id == message_id)
            rows = _claim(connection, async_messages, conditions, _M.id, amount, lease)
            return sorted((StoredMessage.of(row) for row in rows), key=lambda message: message.received_at)

        return await self._storage.write(work)

    # ---- delivery outcomes -------------------------------------------------------------------------------

    async def acknowledge(
        self,
        message_id: str,
        caller: str,
        service: Service | None,
        *,
        accepted: bool,
        resend: bool,
        reason: str | None = None,
    ) -> StoredMessage:
        """A recipient's sendDeliveryNotification for a message it took."""

        def work(connection: Connection) -> StoredMessage:
            message = _message(connection, message_id)
            provider = service.provider_sender if service is not None else None
            if message is None or not _is_recipient(message, caller, provider):
                raise errors.UnknownMessage(f"sender {caller!r} received no message {message_id!r}")
            if message.state != "ON_DELIVERY":
                return message
            now = utc(self._clock.now())
            if accepted:
                self._settle(connection, message, now, "DELIVERED", "Async.Delivered", f"accepted by {caller}")
            elif resend:
                connection.execute(
                    update(async_messages)
                    .where(_M.message_id == message_id)
                    .values(
                        claimed_until=None,
                        status_code="Async.Resend",
                        status_message=f"{caller} did not accept it and asked for it again: {reason or '-'}",
                        status_date=now,
                    )
                )
            else:
                self._settle(
                    connection,
                    message,
                    now,
                    "NOT_DELIVERED",
                    "Async.Refused",
                    f"refused by {caller}: {reason or 'MESSAGE_NOT_ACCTEPTED'}",
                )
            result = _message(connection, message_id)
            assert result is not None
            return result

        return await self._storage.write(work)

    async def due(self, limit: int, lease: timedelta) -> list[StoredMessage]:
        """Claim up to ``limit`` messages whose push is due (sync or push delivery)."""

        def work(connection: Connection) -> list[StoredMessage]:
            conditions = (_M.next_attempt_at <= utc(self._clock.now()), _M.state == "ON_DELIVERY")
            rows = _claim(connection, async_messages, conditions, _M.next_attempt_at, limit, lease)
            return [StoredMessage.of(row) for row in rows]

        return await self._storage.write(work)

    async def delivered(self, message: StoredMessage, exchange: Exchange) -> None:
        """A push the recipient accepted."""

        def work(connection: Connection) -> None:
            now = utc(self._clock.now())
            self._settle(connection, message, now, "DELIVERED", "Async.Delivered", "accepted by the recipient")
            connection.execute(LOG_INSERT, log_row(exchange))

        await self._storage.write(work)

    async def answered(self, request: StoredMessage, response: NewMessage, exchange: Exchange) -> bool:
        """A REQUEST delivered to a provider that answered synchronously: its answer is stored as the RESPONSE.
        False when the answer came after the window closed (it is kept as late, and not delivered)."""

        def work(connection: Connection) -> bool:
            now = utc(self._clock.now())
            connection.execute(LOG_INSERT, log_row(exchange))
            current = _message(connection, request.message_id)
            if current is None or current.answered_at is not None:
                return True  # answered already, by an earlier delivery of this REQUEST
            values = {**_row(response, now), **_to_consumer(connection, current.sender_id)}
            return not self._store_response(connection, current, values, now).late

        return await self._storage.write(work)

    async def retry(self, message: StoredMessage, fault: errors.GatewayFault, exchange: Exchange) -> None:
        """A push that failed for a reason that may pass: tried again later, with a growing pause."""

        def work(connection: Connection) -> None:
            now = utc(self._clock.now())
            if message.deadline_at is None and now - message.received_at > GIVE_UP_AFTER:
                self._settle(
                    connection, message, now, "NOT_DELIVERED", "Async.GaveUp", f"{fault.code}: {fault.message}"
                )
            else:
                pause = backoff(message.attempts)
                connection.execute(
                    update(async_messages)
                    .where(
                        _M.message_id == message.message_id, _M.state == "ON_DELIVERY", _M.attempts == message.attempts
                    )
                    .values(
                        next_attempt_at=now + pause,
                        claimed_until=None,
                        status_code="Async.Retrying",
                        status_message=f"attempt {message.attempts} failed ({fault.code}: {fault.message}); "
                        f"next in {_duration(pause)}",
                        status_date=now,
                    )
                )
            connection.execute(LOG_INSERT, log_row(exchange))

        await self._storage.write(work)

    async def undeliverable(self, message: StoredMessage, fault: errors.GatewayFault, exchange: Exchange) -> None:
        """A push that failed for a reason that will not pass: NOT_DELIVERED, with the fault's code."""

        def work(connection: Connection) -> None:
            now = utc(self._clock.now())
            self._settle(connection, message, now, "NOT_DELIVERED", fault.code, fault.message)
            connection.execute(LOG_INSERT, log_row(exchange))

        await self._storage.write(work)

    def _settle(
        self, connection: Connection, message: StoredMessage, now: datetime, state: MessageState, code: str, text: str
    ) -> None:
        changed = connection.execute(
            update(async_messages)
            .where(_M.message_id == message.message_id, _M.state == "ON_DELIVERY")
            .values(
                state=state,
                next_attempt_at=None,
                claimed_until=None,
                status_code=code,
                status_message=text,
                status_date=now,
            )
        ).rowcount
        if changed:
            self._notify(connection, message.message_id, now)

    # ---- the window --------------------------------------------------------------------------------------

    async def expire(self, limit: int = 500) -> list[StoredMessage]:
        """Stop every REQUEST whose window has closed without a RESPONSE; each sender is notified."""

        def work(connection: Connection) -> list[StoredMessage]:
            now = utc(self._clock.now())
            chosen = connection.execute(
                select(_M.message_id)
                .where(
                    _M.state.in_(("ON_DELIVERY", "DELIVERED")),
                    _M.deadline_at <= now,
                    _M.answered_at.is_(None),
                )
                .order_by(_M.deadline_at)
                .limit(limit)
                .with_for_update(skip_locked=True)
            ).scalars()
            return self._stop(connection, list(chosen), now)

        return await self._storage.write(work)

    def _stop(self, connection: Connection, message_ids: Sequence[str], now: datetime) -> list[StoredMessage]:
        if not message_ids:
            return []
        rows = connection.execute(
            update(async_messages)
            .where(
                _M.message_id.in_(message_ids),
                _M.state.in_(("ON_DELIVERY", "DELIVERED")),
                _M.answered_at.is_(None),
            )
            .values(
                state="DELIVERY_STOPPED",
                next_attempt_at=None,
                claimed_until=None,
                status_code="Async.WindowClosed",
                status_message="no RESPONSE within the response window",
                status_date=now,
            )
            .returning(*async_messages.c)
        ).all()
        stopped = [StoredMessage.of(row) for row in rows]
        for message in stopped:
            self._notify(connection, message.message_id, now)
            connection.execute(LOG_INSERT, log_row(_expiry_exchange(message, now)))
        return stopped

    # ---- status notifications ----------------------------------------------------------------------------

    def _notify(self, connection: Connection, message_id: str, now: datetime) -> None:
        """Queue a changeMassageStatusNotification for the message's sender, if it registered an endpoint."""
        message = _message(connection, message_id)
        if message is None:
            return
        url = connection.execute(
            select(senders.c.async_endpoint).where(senders.c.sender_id == message.sender_id)
        ).scalar()
        if not url:
            return
        notification_id = new_id()
        body = build_change_status(notification_id, message_id, message.status(now), xml_datetime(now), None)
        connection.execute(
            insert(async_notifications).values(
                notification_id=notification_id,
                message_id=message_id,
                sender_id=message.sender_id,
                url=url,
                message_state=message.state,
                body=etree.tostring(body),
                created_at=now,
                attempts=0,
                next_attempt_at=now,
            )
        )

    async def due_notifications(self, limit: int, lease: timedelta) -> list[Notification]:
        def work(connection: Connection) -> list[Notification]:
            conditions = (_N.next_attempt_at <= utc(self._clock.now()),)
            rows = _claim(connection, async_notifications, conditions, _N.next_attempt_at, limit, lease)
            return [
                Notification(
                    notification_id=row.notification_id,
                    message_id=row.message_id,
                    sender_id=row.sender_id,
                    url=row.url,
                    body=row.body,
                    attempts=row.attempts,
                    created_at=utc(row.created_at),
                )
                for row in rows
            ]

        return await self._storage.write(work)

    async def notification_sent(self, notification: Notification, error: str | None) -> None:
        def work(connection: Connection) -> None:
            now = utc(self._clock.now())
            if error is None:
                values: dict[str, Any] = {"next_attempt_at": None, "claimed_until": None, "sent_at": now}
            elif now - notification.created_at > GIVE_UP_AFTER:
                values = {"next_attempt_at": None, "claimed_until": None, "last_error": f"gave up: {error}"}
            else:
                values = {
                    "next_attempt_at": now + backoff(notification.attempts),
                    "claimed_until": None,
                    "last_error": error,
                }
            connection.execute(
                update(async_notifications).where(_N.notification_id == notification.notification_id).values(values)
            )

        await self._storage.write(work)

    async def notifications_of(self, message_id: str) -> list[dict[str, Any]]:
        def work(connection: Connection) -> list[dict[str, Any]]:
            rows = connection.execute(
                select(_N.notification_id, _N.message_state, _N.url, _N.sent_at, _N.attempts, _N.last_error)
                .where(_N.message_id == message_id)
                .order_by(_N.id)
            ).mappings()
            return [dict(row) for row in rows]

        return await self._storage.read(work)

    # ---- endpoints ---------------------------------------------------------------------------------------

    async def set_endpoint(self, sender_id: str, url: str | None) -> None:
        await self._storage.write(
            lambda connection: connection.execute(
                update(senders).where(senders.c.sender_id == sender_id).values(async_endpoint=url)
            )
        )

    async def endpoint(self, sender_id: str) -> str | None:
        return await self._storage.read(
            lambda connection: connection.execute(
                select(senders.c.async_endpoint).where(senders.c.sender_id == sender_id)
            ).scalar()
        )


def _claim(
    connection: Connection,
    table: Table,
    conditions: Sequence[ColumnElement[bool]],
    order: ColumnElement[Any],
    limit: int,
    lease: timedelta,
) -> Sequence[Row[Any]]:
    """Take up to ``limit`` rows of a queue table that match and that nobody holds, for ``lease`` of wall time.

    ``FOR UPDATE SKIP LOCKED`` lets concurrent claimers on PostgreSQL pass each other's rows instead of
    waiting for them or taking them twice; SQLite, one writer at a time, needs no such clause.
    """
    wall = datetime.now(UTC)
    free = or_(table.c.claimed_until.is_(None), table.c.claimed_until < wall)
    chosen = select(table.c.id).where(*conditions, free).order_by(order).limit(limit).with_for_update(skip_locked=True)
    return connection.execute(
        update(table)
        .where(table.c.id.in_(chosen.scalar_subquery()))
        .values(claimed_until=wall + lease, attempts=table.c.attempts + 1)
        .returning(*table.c)
    ).all()


def backoff(attempts: int) -> timedelta:
    """1 s, 2 s, 4 s … of the product's clock, at most 5 minutes between attempts."""
    return timedelta(seconds=min(2 ** max(attempts - 1, 0), 300))


def _row(new: NewMessage, now: datetime) -> dict[str, Any]:
    """The stored row of a message just accepted; where it goes is added by the caller."""
    return {
        "message_id": new.message_id,
        "correlation_id": new.correlation_id,
        "service_id": new.service.service_id,
        "message_type": new.message_type,
        "sender_id": new.sender_id,
        "sender_message_id": new.sender_message_id,
        "state": "ON_DELIVERY",
        "status_code": "Async.Accepted",
        "status_message": "accepted by the gateway",
        "status_date": now,
        "received_at": now,
        "late": False,
        "attempts": 0,
        "fault": new.fault,
        "session_id": new.session_id,
        "message": new.message,
    }


def _store(connection: Connection, values: dict[str, Any], now: datetime) -> Accepted:
    """Insert a message to deliver: a push is due at once, a pull waits for its recipient's getMessages."""
    if values["delivery"] != "pull":
        values["next_attempt_at"] = now
    connection.execute(insert(async_messages).values(values))
    return Accepted(values["message_id"], values["correlation_id"])


def _to_provider(service: Service) -> dict[str, Any]:
    target = {"sync": service.provider_url, "push": service.async_url, "pull": None}[service.async_delivery]
    return {"recipient": None, "delivery": service.async_delivery, "target_url": target}


def _to_consumer(connection: Connection, consumer: str) -> dict[str, Any]:
    url = connection.execute(select(senders.c.async_endpoint).where(senders.c.sender_id == consumer)).scalar()
    return {"recipient": consumer, "delivery": "push" if url else "pull", "target_url": url}


def _is_recipient(message: StoredMessage, caller: str, provider_sender: str | None) -> bool:
    if message.recipient is not None:
        return message.recipient == caller
    return provider_sender is not None and caller == provider_sender


def _deadline(request: StoredMessage) -> datetime:
    assert request.deadline_at is not None, "a REQUEST always has a deadline"
    return request.deadline_at


def _message(connection: Connection, message_id: str) -> StoredMessage | None:
    row = connection.execute(select(async_messages).where(_M.message_id == message_id)).first()
    return StoredMessage.of(row) if row is not None else None


def _request_of(connection: Connection, correlation_id: str) -> StoredMessage | None:
    row = connection.execute(
        select(async_messages).where(and_(_M.correlation_id == correlation_id, _M.message_type == "REQUEST"))
    ).first()
    return StoredMessage.of(row) if row is not None else None


def _repeat_of(connection: Connection, new: NewMessage) -> Accepted | None:
    if new.sender_message_id is None:
        return None
    row = connection.execute(
        select(_M.message_id, _M.correlation_id).where(
            _M.sender_id == new.sender_id, _M.sender_message_id == new.sender_message_id
        )
    ).first()
    return Accepted(row[0], row[1], repeated=True) if row is not None else None


def _expiry_exchange(message: StoredMessage, now: datetime) -> Exchange:
    return Exchange(
        session_id="{" + new_id() + "}",
        channel="async",
        received_at=now,
        request_body=b"",
        message_id=message.message_id,
        correlation_id=message.correlation_id,
        sender_id=message.sender_id,
        service_id=message.service_id,
        outcome="expired",
        status_code="Async.WindowClosed",
        status_message=f"no RESPONSE by {xml_datetime(_deadline(message))}: DELIVERY_STOPPED",
        responded_at=now,
    )
