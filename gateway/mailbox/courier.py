"""The courier: the background work of the async channel in one gateway process.

Each round it stops the REQUESTs whose response window has closed, takes the messages whose push is due and
delivers them (to a provider's SyncChannel, whose answer becomes the RESPONSE, or to a recipient's
``IAsyncChannelClient``), and pushes queued status notifications. Every process with the same database runs
one; they share the rows through the mailbox's row claims (gateway/mailbox/store.py), so a message is
delivered by one of them, and by another after a crash (its recipient recognises it by ``messageId``).
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import time
from collections.abc import Coroutine
from datetime import timedelta
from typing import Any

from lxml import etree

from contracts import namespaces as ns
from contracts import soap
from contracts.loader import Contracts, validate
from contracts.parsing import XmlLimits, parse_untrusted
from contracts.shep import Property, RequestInfo, new_session_id, write_payload, xml_datetime
from contracts.shep.asynchronous import (
    CHANGE_STATUS_RESPONSE,
    CLIENT_SEND_MESSAGE,
    CLIENT_SEND_MESSAGE_RESPONSE,
    MessageInfo,
    build_message,
    build_send_message,
    read_message,
)
from gateway import errors
from gateway.clock import Clock
from gateway.mailbox.store import Mailbox, NewMessage, Notification, StoredMessage, new_id
from gateway.message_log import Exchange
from gateway.metrics import Metrics
from gateway.registry import Service, ServiceRegistry
from gateway.shep.inbound import fault_in, ms_since, request_payload, subject_iin
from gateway.shep.outbound import check_outbound
from gateway.shep.sync_channel import SyncChannel
from gateway.signatures import Signatures
from gateway.storage.database import log_failure
from gateway.upstream import Upstream
from mocks.storage import StorageUnavailable

log = logging.getLogger(__name__)

INSTANCE_HEADER = "X-Qaqpa-Instance"
"""Names the gateway process that pushed (host:pid), on every push: which of N gateways delivered what."""
INSTANCE = f"{socket.gethostname()}:{os.getpid()}"

EXPIRY_BATCH = 500

TICK_SECONDS = 0.2
"""How often an idle courier looks for due work (sooner when this process accepts a message)."""

_TRANSIENT = (
    errors.ProviderTimeout,
    errors.ProviderUnreachable,
    errors.ProviderConnectionReset,
    errors.ProviderHttpError,
    errors.ProviderUnavailable,
    errors.InternalError,
    errors.DatabaseUnavailable,
)
"""Failures of a synchronous provider that may pass; the others are its definite answer (NOT_DELIVERED)."""


class Courier:
    def __init__(
        self,
        *,
        mailbox: Mailbox,
        registry: ServiceRegistry,
        sync_channel: SyncChannel,
        upstream: Upstream,
        signatures: Signatures,
        contracts: Contracts,
        limits: XmlLimits,
        metrics: Metrics,
        clock: Clock,
        concurrency: int,
    ) -> None:
        self._mailbox = mailbox
        self._registry = registry
        self._sync = sync_channel
        self._upstream = upstream
        self._signatures = signatures
        self._contracts = contracts
        self._limits = limits
        self._metrics = metrics
        self._clock = clock
        self._concurrency = concurrency
        self._wake = asyncio.Event()
        self._running: set[asyncio.Task[None]] = set()

    def wake(self) -> None:
        """Look for work now (a message was accepted, the clock moved)."""
        self._wake.set()

    async def run(self) -> None:
        last_expiry = 0.0
        while True:
            claimed = 0
            try:
                if time.monotonic() - last_expiry >= TICK_SECONDS:
                    last_expiry = time.monotonic()
                    await self.expire()
                claimed = await self.round()
            except Exception:
                log_failure(log, "the courier's round failed; trying again")
            if claimed and len(self._running) < self._concurrency:
                await asyncio.sleep(0)  # the deliveries just started take their first step; then claim more
                continue
            woken = asyncio.ensure_future(self._wake.wait())
            await asyncio.wait({woken, *self._running}, timeout=TICK_SECONDS, return_when=asyncio.FIRST_COMPLETED)
            woken.cancel()
            self._wake.clear()

    async def round(self) -> int:
        """Claim and start as much due work as there is room for; how many pieces were claimed."""
        free = self._concurrency - len(self._running)
        if free <= 0:
            return 0
        lease = self._lease()
        messages = await self._mailbox.due(free, lease)
        notifications = await self._mailbox.due_notifications(max(free - len(messages), 1), lease)
        for message in messages:
            self._start(self._deliver(message))
        for notification in notifications:
            self._start(self._notify(notification))
        return len(messages) + len(notifications)

    async def expire(self) -> int:
        """Stop every REQUEST whose window has closed (in batches, until none is left); how many."""
        total = 0
        while True:
            stopped = await self._mailbox.expire(EXPIRY_BATCH)
            for message in stopped:
                self._metrics.deadlines_missed.labels(message.service_id).inc()
            total += len(stopped)
            if len(stopped) < EXPIRY_BATCH:
                break
        if total:
            self.wake()  # their senders' notifications are due
        return total

    def _start(self, work: Coroutine[Any, Any, None]) -> None:
        task = asyncio.create_task(work)
        self._running.add(task)
        task.add_done_callback(self._running.discard)

    def _lease(self) -> timedelta:
        """Longer than any delivery can take: a live courier never loses a message it is delivering."""
        slowest = max((service.timeout_seconds for service in self._registry.all()), default=10.0)
        return timedelta(seconds=slowest * 2 + 10)

    async def _deliver(self, message: StoredMessage) -> None:
        try:
            await self._attempt(message)
        except StorageUnavailable as error:
            # Neither the answer nor the failure could be stored: the message keeps its lease and is due again
            # when the lease ends, as after a kill (the provider may see it twice; nothing is lost).
            log.warning("delivering async message %s: %s; due again when its lease ends", message.message_id, error)

    async def _attempt(self, message: StoredMessage) -> None:
        started = time.perf_counter()
        exchange = Exchange(
            session_id=new_session_id(),
            channel="async",
            received_at=self._clock.now(),
            request_body=message.message,
            message_id=message.message_id,
            correlation_id=message.correlation_id,
            sender_id=message.sender_id,
            service_id=message.service_id,
        )
        try:
            service = self._registry.get(message.service_id)
            if service is None:
                raise errors.UnknownService(f"serviceId {message.service_id!r} is no longer registered")
            if message.delivery == "sync":
                await self._through_sync_channel(message, service, exchange)
            else:
                await self._push(message, service, exchange)
        except errors.GatewayFault as fault:
            fault_in(exchange, fault)
            exchange.timings["total"] = ms_since(started)
            if isinstance(fault, _TRANSIENT) or message.delivery == "push":
                await self._mailbox.retry(message, fault, exchange)
            else:
                await self._mailbox.undeliverable(message, fault, exchange)
        except StorageUnavailable:
            raise
        except Exception:
            log.exception("delivering async message %s failed", message.message_id)
            internal = errors.InternalError(f"delivery failed inside the gateway; session {exchange.session_id}")
            fault_in(exchange, internal)
            await self._mailbox.retry(message, internal, exchange)

    async def _through_sync_channel(self, message: StoredMessage, service: Service, exchange: Exchange) -> None:
        """A REQUEST to a provider that answers synchronously: its answer becomes the RESPONSE of the chain."""
        started = time.perf_counter()
        info, data = read_message(parse_untrusted(message.message, self._limits, what="a stored message"))
        payload = request_payload(data, service, self._limits, "messageData/data")
        exchange.subject_iin = subject_iin(payload.root)
        request = RequestInfo(
            message_id=message.message_id,
            correlation_id=message.correlation_id,
            service_id=service.service_id,
            message_date=info.message_date,
            sender_id=message.sender_id,
            properties=info.properties,
        )
        answer_info, answer = await self._sync.call_provider(request, payload, service, exchange, message.fault)
        style = answer.style if answer.is_signed else payload.style
        response_info = MessageInfo(
            message_id=new_id(),
            correlation_id=message.correlation_id,
            service_id=service.service_id,
            message_type="RESPONSE",
            message_date=xml_datetime(self._clock.now()),
            sender_id=service.system,
            properties=(
                Property("statusCode", answer_info.status.code[:500]),
                Property("statusMessage", answer_info.status.message[:500]),
            ),
            session_id=exchange.session_id,
        )
        element = build_message("message", response_info, write_payload(answer, style, service.contract.response_type))
        exchange.outcome = "ok"
        exchange.status_code = answer_info.status.code
        exchange.status_message = answer_info.status.message
        exchange.response_body = etree.tostring(element)
        exchange.timings["total"] = ms_since(started)
        response = NewMessage(
            message_id=response_info.message_id or "",
            correlation_id=message.correlation_id,
            service=service,
            message_type="RESPONSE",
            sender_id=service.system,
            sender_message_id=None,
            session_id=exchange.session_id,
            message=exchange.response_body,
        )
        if not await self._mailbox.answered(message, response, exchange):
            self._metrics.late_responses.labels(service.service_id).inc()

    async def _push(self, message: StoredMessage, service: Service, exchange: Exchange) -> None:
        """``sendMessage`` to the recipient's IAsyncChannelClient; its answer acknowledges the message."""
        started = time.perf_counter()
        stored = parse_untrusted(message.message, self._limits, what="a stored message")
        info, data = read_message(stored)
        recipient = message.recipient or service.system
        wrapper = build_send_message(CLIENT_SEND_MESSAGE, info, data)
        if service.validate_outbound:
            check_outbound(self._contracts.async_client, wrapper, f"the sendMessage to {recipient}")
        envelope = soap.build_envelope(wrapper)
        self._signatures.sign(envelope)
        body = soap.serialize(envelope)
        exchange.provider_request_body = body
        reply = await self._post(message.target_url, body, recipient, service.timeout_seconds)
        exchange.provider_response_body = reply
        self._acknowledgement(reply, recipient, CLIENT_SEND_MESSAGE_RESPONSE)
        exchange.outcome = "ok"
        exchange.status_code = "Async.Delivered"
        exchange.status_message = f"pushed to {recipient}"
        exchange.timings["total"] = ms_since(started)
        await self._mailbox.delivered(message, exchange)

    async def _notify(self, notification: Notification) -> None:
        request = etree.fromstring(notification.body)
        envelope = soap.build_envelope(request)
        self._signatures.sign(envelope)
        try:
            reply = await self._post(notification.url, soap.serialize(envelope), notification.sender_id, 10.0)
            self._acknowledgement(reply, notification.sender_id, CHANGE_STATUS_RESPONSE)
        except errors.GatewayFault as fault:
            await self._mailbox.notification_sent(notification, f"{fault.code}: {fault.message}")
        except Exception as error:
            log.exception("pushing notification %s failed", notification.notification_id)
            await self._mailbox.notification_sent(notification, f"Gateway.InternalError: {error}")
        else:
            await self._mailbox.notification_sent(notification, None)

    async def _post(self, url: str | None, body: bytes, recipient: str, timeout: float) -> bytes:
        if not url:
            raise errors.ProviderUnreachable(f"{recipient} registered no address to push to", system=recipient)
        reply = await self._upstream.post(
            url, body, timeout=timeout, system=recipient, headers={INSTANCE_HEADER: INSTANCE}
        )
        if reply.status_code != 200:
            raise errors.ProviderHttpError(f"{recipient} answered HTTP {reply.status_code}", system=recipient)
        return reply.body

    def _acknowledgement(self, reply: bytes, recipient: str, expected: str) -> None:
        """The recipient's answer must be the operation's response element, valid by the client contract."""
        try:
            envelope = soap.read_envelope(parse_untrusted(reply, self._limits, what=f"the {recipient} answer"))
            if envelope.is_fault:
                fault = soap.read_fault(envelope.payload)
                raise errors.ProviderFaulted(
                    f"{recipient} refused the message: {fault.string or fault.code}", system=recipient
                )
            if envelope.payload.tag != expected:
                raise errors.ProviderMalformedResponse(
                    f"{recipient} answered with {ns.tag_of(envelope.payload)}, not {expected}", system=recipient
                )
            validate(self._contracts.async_client, envelope.payload, f"the {recipient} answer")
        except errors.GatewayFault:
            raise
        except Exception as error:
            raise errors.ProviderMalformedResponse(
                f"the {recipient} answer is unusable: {error}", system=recipient
            ) from None
