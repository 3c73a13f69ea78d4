"""What a portal team writes: a client of the e-government gateway (ShEP) for a regulation's information flow.

The applicant signs the request payload (Kalkan's enveloped signature, here from the sandbox's test CA) and
the portal signs the SOAP envelope with WS-Security as its own system. Nothing in it knows about Qaqpa: it is
pointed at the gateway's WSDL, the sandbox's in the tests, the real one in production.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass
from typing import Any

import httpx
import zeep
from lxml import etree

from signing.xmldsig import SigningKey, sign_enveloped

SOCPROT = "urn:qaqpa:sim:socprot:v1"
GBDFL = "http://message.persistence.interactive.nat"
SYNC = "http://bip.bee.kz/SyncChannel/v10/Types"
XSI = "http://www.w3.org/2001/XMLSchema-instance"


@dataclass(frozen=True)
class Answer:
    state: str
    decision: str | None
    ground: str | None


class PensionPortal:
    def __init__(self, client: zeep.Client, sender_id: str, password: str) -> None:
        self.client = client
        self.sender_id = sender_id
        self.password = password

    def age_pension_information(self, iin: str, applicant: SigningKey) -> Answer:
        """Regulation 1 of Order 407, the portal's information flow: is an age pension assigned to ``iin``?"""
        now = datetime.datetime.now(datetime.UTC)
        payload = etree.fromstring(
            f'<r:Request xmlns:r="{SOCPROT}"><messageId>{uuid.uuid4()}</messageId>'
            f"<messageDate>{now.isoformat()}</messageDate><senderCode>{self.sender_id}</senderCode>"
            f"<iin>{iin}</iin></r:Request>"
        )
        sign_enveloped(payload, applicant)
        answer = self.client.service.SendMessage(
            request={
                "requestInfo": {
                    "messageId": str(uuid.uuid4()),
                    "serviceId": "SOCPROT_AgePension_Information",
                    "messageDate": now,
                    "sender": {"senderId": self.sender_id, "password": self.password},
                },
                "requestData": {"data": etree.tostring(payload, encoding="unicode")},
            }
        )
        case = _case(answer.responseData.data)
        ground = case.find("ground/code")
        return Answer(case.findtext("state") or "", case.findtext("decision"), None if ground is None else ground.text)


def _case(data: Any) -> etree._Element:
    """The ``case`` of the answer, whichever way zeep hands the payload over (typed, or as XML)."""
    elements = data if isinstance(data, list) else getattr(data, "_value_1", None) or [data]
    for element in elements:
        if isinstance(element, etree._Element):
            found = element if element.tag == "case" else element.find(".//case")
            if found is not None:
                return found
    raise ValueError(f"no case in the answer: {data!r}")


def person_surname(http: httpx.Client, iin: str, sender_id: str, password: str) -> str:
    """The Individuals DB over plain httpx, as a portal's back end might call it."""
    body = (
        f'<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>'
        f'<s:SendMessage xmlns:s="{SYNC}"><request><requestInfo><messageId>{uuid.uuid4()}</messageId>'
        f"<serviceId>GBDFL_UniversalServiceSync</serviceId><messageDate>2026-12-01T10:00:00+05:00</messageDate>"
        f"<sender><senderId>{sender_id}</senderId><password>{password}</password></sender></requestInfo>"
        f'<requestData><data xmlns:xsi="{XSI}" xmlns:m="{GBDFL}" xsi:type="m:Request">'
        f"<messageId>{uuid.uuid4()}</messageId><messageDate>2026-12-01T10:00:00+05:00</messageDate>"
        f"<senderCode>{sender_id}</senderCode><iin>{iin}</iin></data></requestData></request></s:SendMessage>"
        f"</soap:Body></soap:Envelope>"
    )
    response = http.post("/bip-sync/", content=body, headers={"Content-Type": "text/xml; charset=utf-8"})
    root = etree.fromstring(response.content)
    if response.status_code != 200:
        raise RuntimeError(root.findtext(".//errorCode") or response.text)
    return root.findtext(".//person/surname") or ""
