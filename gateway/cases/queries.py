"""The orchestrator's data queries: ordinary ShEP requests of sender SOCPROT through the gateway's own
SyncChannel pipeline (authentication, access rights, payload schema, provider hop, signature checks, message
log), as shared/DESIGN.md has it: the orchestrator is one more consumer of the pipeline."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from lxml import etree

from contracts import soap
from contracts.parsing import XmlLimits, parse_untrusted
from contracts.shep import Payload, RequestInfo, build_request, read_payload, read_response, write_payload, xml_datetime
from gateway.cases.services import SENDER_ID
from gateway.clock import Clock
from gateway.registry import ServiceRegistry
from gateway.shep.inbound import IncomingMessage
from gateway.shep.sync_channel import SyncChannel

OK = "00000"
NO_DATA = "10001"


@dataclass(frozen=True, slots=True)
class Ask:
    """One data query: ``service_id`` about ``iin``, with the request's further elements in schema order."""

    service_id: str
    iin: str
    extra: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Answer:
    ask: Ask
    code: str
    """The system's messageResult code (``00000`` data, ``10001`` no data, …) or the gateway's fault code."""
    message: str
    root: etree._Element | None
    """The answer payload when the system answered; None after a fault."""
    session_id: str

    @property
    def answered(self) -> bool:
        return self.root is not None

    def items(self, tag: str) -> list[etree._Element]:
        """The answer's records named ``tag`` (``disability``, ``act``, ``person``, …)."""
        return [] if self.root is None else list(self.root.iter(tag))


class DataQueries:
    """Sends the orchestrator's queries; one instance per process, built with the runtime."""

    def __init__(
        self, sync_channel: SyncChannel, registry: ServiceRegistry, clock: Clock, limits: XmlLimits, password: str
    ) -> None:
        self._channel = sync_channel
        self._registry = registry
        self._clock = clock
        self._limits = limits
        self._password = password

    async def ask_all(self, asks: Iterable[Ask]) -> list[Answer]:
        """Every query at once (the fan-out), answers in the order asked."""
        return list(await asyncio.gather(*(self.ask(ask) for ask in asks)))

    async def ask(self, ask: Ask) -> Answer:
        service = self._registry.get(ask.service_id)
        if service is None:
            return Answer(ask, "Client.Service.Unknown", f"no service {ask.service_id}", None, "")
        contract = service.contract
        now = xml_datetime(self._clock.now())
        root = etree.Element(
            contract.request_element, nsmap={"r": etree.QName(contract.request_element).namespace or ""}
        )
        for name, content in (("messageId", str(uuid.uuid4())), ("messageDate", now), ("senderCode", SENDER_ID)):
            etree.SubElement(root, name).text = content
        etree.SubElement(root, "iin").text = ask.iin
        for name, content in ask.extra:
            etree.SubElement(root, name).text = content
        data = write_payload(Payload(root, "element"), "inline", contract.request_type)
        info = RequestInfo(
            message_id=str(uuid.uuid4()),
            service_id=ask.service_id,
            message_date=now,
            sender_id=SENDER_ID,
            password=self._password,
        )
        body = soap.serialize(soap.build_envelope(build_request(info, data)))
        reply = await self._channel.handle(IncomingMessage(body, "text/xml; charset=utf-8", client_address="socprot"))
        return self._read(ask, reply.status_code, reply.body, reply.session_id, contract.response_element)

    def _read(self, ask: Ask, status: int, body: bytes, session_id: str, response_element: str) -> Answer:
        envelope = soap.read_envelope(parse_untrusted(body, self._limits, what="the gateway's answer"), "answer")
        if status != 200 or envelope.is_fault:
            code = envelope.payload.findtext(".//errorCode") or "Server.Unknown"
            message = envelope.payload.findtext(".//errorMessage") or ""
            return Answer(ask, code, message, None, session_id)
        _, data = read_response(envelope.payload)
        payload = read_payload(data, response_element, limits=self._limits)
        result = payload.root.find("messageResult")
        code = (result.findtext("code") if result is not None else None) or OK
        message = (result.findtext("nameRu") if result is not None else None) or ""
        return Answer(ask, code, message, payload.root, session_id)


def first(answers: Sequence[Answer], service_id: str, iin: str | None = None) -> Answer | None:
    for answer in answers:
        if answer.ask.service_id == service_id and (iin is None or answer.ask.iin == iin):
            return answer
    return None
