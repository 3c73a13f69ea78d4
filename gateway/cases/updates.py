"""What happens to a case after its first answer goes back to the applicant's system as an ``UPDATE`` on the
async chain the request came on (shared/notes/protocols-shep-xroad.md §1.5): SOCPROT is the provider of the
chain, so the gateway takes the UPDATE from it and delivers it to the requester like any other."""

from __future__ import annotations

import uuid

from lxml import etree

from contracts.loader import PayloadContract
from contracts.shep import Payload, write_payload, xml_datetime
from contracts.shep.asynchronous import MessageInfo
from gateway import errors
from gateway.cases.answers import case_answer
from gateway.cases.services import SENDER_ID
from gateway.cases.store import Case
from gateway.clock import Clock
from gateway.shep.async_channel import AsyncChannel


class CaseUpdates:
    def __init__(self, channel: AsyncChannel, contract: PayloadContract, clock: Clock, password: str) -> None:
        self._channel = channel
        self._contract = contract
        self._clock = clock
        self._password = password

    async def send(self, case: Case) -> tuple[str, str]:
        """Post the case's current state; returns the outcome (``Async.Accepted`` or a fault code) and the
        gateway session it went through."""
        assert case.correlation_id is not None
        now = self._clock.now()
        request = etree.Element("request")
        etree.SubElement(request, "messageId").text = case.case_id
        etree.SubElement(request, "senderCode").text = case.sender_id
        answer = case_answer(case, request, now)
        data = write_payload(Payload(answer, "element"), "inline", self._contract.response_type)
        info = MessageInfo(
            service_id=case.service_id,
            message_type="UPDATE",
            message_date=xml_datetime(now),
            sender_id=SENDER_ID,
            password=self._password,
            message_id=str(uuid.uuid4()),
            correlation_id=case.correlation_id,
        )
        body = etree.tostring(data)
        exchange = self._channel.exchange("internal", body, "socprot")
        try:
            await self._channel.run(exchange, lambda: self._channel.send(info, data, exchange, None))
            outcome = "Async.Accepted"
        except errors.GatewayFault as fault:
            outcome = fault.code
        finally:
            await self._channel.finish(exchange)
        return outcome, exchange.session_id
