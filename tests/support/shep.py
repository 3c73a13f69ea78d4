"""Building ShEP SyncChannel requests and reading answers and faults, as a client would on the wire."""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

import zeep
from lxml import etree

from contracts import namespaces as ns

GBDFL_SERVICE = "GBDFL_UniversalServiceSync"
SOAP11 = ns.SOAP11_ENV


def gbdfl_request(iin: str | None = None, *, sender_code: str = "DEMO_PORTAL", **fields: str) -> str:
    """The children of a ГБД ФЛ Request (no wrapper), in schema order."""
    parts = [
        f"<messageId>{uuid.uuid4()}</messageId>",
        "<messageDate>2026-11-22T10:00:00+05:00</messageDate>",
        f"<senderCode>{sender_code}</senderCode>",
    ]
    if iin is not None:
        parts.append(f"<iin>{iin}</iin>")
    for name in ("surname", "name", "patronymic", "birthDate", "birthDateFrom", "birthDateTo", "documentNumber"):
        if name in fields:
            parts.append(f"<{name}>{fields[name]}</{name}>")
    return "".join(parts)


def inline_data(children: str, xsi_type: str = "m:Request") -> str:
    return f'<data xmlns:xsi="{ns.XSI}" xmlns:m="{ns.GBDFL_MESSAGE}" xsi:type="{xsi_type}">{children}</data>'


def simulated_data(contract: str, iin: str, *, sender_code: str = "DEMO_PORTAL", **fields: str) -> str:
    """The inline ``data`` of a request to a simulated system (``contracts/sim/<contract>.xsd``)."""
    extra = "".join(f"<{name}>{content}</{name}>" for name, content in fields.items())
    children = (
        f"<messageId>{uuid.uuid4()}</messageId><messageDate>2026-11-22T10:00:00+05:00</messageDate>"
        f"<senderCode>{sender_code}</senderCode><iin>{iin}</iin>{extra}"
    )
    return f'<data xmlns:xsi="{ns.XSI}" xmlns:r="urn:qaqpa:sim:{contract}:v1" xsi:type="r:Request">{children}</data>'


def string_data(children: str) -> str:
    document = f'<?xml version="1.0" encoding="UTF-8"?><m:Request xmlns:m="{ns.GBDFL_MESSAGE}">{children}</m:Request>'
    return f"<data>{escape(document)}</data>"


def element_data(children: str) -> str:
    return f'<data><m:Request xmlns:m="{ns.GBDFL_MESSAGE}">{children}</m:Request></data>'


def send_message(
    data: str,
    *,
    service_id: str = GBDFL_SERVICE,
    sender_id: str = "DEMO_PORTAL",
    password: str | None = "demo",
    message_id: str | None = None,
    header: str = "",
) -> bytes:
    password_xml = f"<password>{password}</password>" if password is not None else ""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>'
        f'<soapenv:Envelope xmlns:soapenv="{SOAP11}">{header}<soapenv:Body>'
        f'<sync:SendMessage xmlns:sync="{ns.SYNC_WRAPPER}"><request><requestInfo>'
        f"<messageId>{message_id or uuid.uuid4()}</messageId>"
        f"<serviceId>{service_id}</serviceId>"
        f"<messageDate>2026-11-22T10:00:00+05:00</messageDate>"
        f"<sender><senderId>{sender_id}</senderId>{password_xml}</sender>"
        f"</requestInfo><requestData>{data}</requestData></request></sync:SendMessage>"
        f"</soapenv:Body></soapenv:Envelope>"
    ).encode()


@dataclass(frozen=True)
class Fault:
    faultcode: str
    actor: str | None
    code: str
    message: str
    data: str | None
    session_id: str | None
    sub_code: str | None


def read_fault(body: bytes) -> Fault:
    root = etree.fromstring(body)
    fault = root.find(f"{{{SOAP11}}}Body/{{{SOAP11}}}Fault")
    assert fault is not None, body[:500]
    info = fault.find(f"detail/{{{ns.SYNC_WRAPPER}}}SendMessageFault1_SendMessageFault")
    assert info is not None, body[:500]
    return Fault(
        faultcode=fault.findtext("faultcode") or "",
        actor=fault.findtext("faultactor"),
        code=info.findtext("errorCode") or "",
        message=info.findtext("errorMessage") or "",
        data=info.findtext("errorData"),
        session_id=info.findtext("sessionId"),
        sub_code=info.findtext("subError/errorCode"),
    )


def response_wrapper(body: bytes) -> etree._Element:
    root = etree.fromstring(body)
    wrapper = root.find(f"{{{SOAP11}}}Body/{{{ns.SYNC_WRAPPER}}}SendMessageResponse")
    assert wrapper is not None, body[:500]
    return wrapper


def response_payload(body: bytes) -> etree._Element:
    """The ГБД ФЛ Response of a successful answer, whatever its style."""
    data = response_wrapper(body).find("response/responseData/data")
    assert data is not None
    children = list(data)
    if not children:
        return etree.fromstring((data.text or "").encode())
    if len(children) == 1 and children[0].tag == f"{{{ns.GBDFL_MESSAGE}}}Response":
        return children[0]
    return data


def zeep_lookup(client: zeep.Client, iin: str, *, sender: str = "DEMO_PORTAL") -> Any:
    """A ГБД ФЛ lookup of ``iin`` the way a portal's zeep client sends it: a typed payload in SendMessage."""
    request_type = client.get_type(f"{{{ns.GBDFL_MESSAGE}}}Request")
    now = datetime.datetime.now(datetime.UTC)
    payload = request_type(messageId=str(uuid.uuid4()), messageDate=now, senderCode="DEMO_PORTAL", iin=iin)
    return client.service.SendMessage(
        request={
            "requestInfo": {
                "messageId": str(uuid.uuid4()),
                "serviceId": GBDFL_SERVICE,
                "messageDate": now,
                "sender": {"senderId": sender, "password": "demo"},
            },
            "requestData": {"data": zeep.AnyObject(request_type, payload)},
        }
    )
