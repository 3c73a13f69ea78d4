"""SOAP 1.1 envelopes: reading one apart and building one, including Faults.

ShEP's channels are SOAP 1.1, document/literal (shared/notes/protocols-shep-xroad.md §1.3). A SOAP 1.2
envelope is recognised so that it can be refused as a version mismatch rather than as garbage.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from lxml import etree

from contracts import namespaces as ns
from contracts.errors import NotSoapEnvelope, SoapVersionMismatch

FaultCode = Literal["Client", "Server", "VersionMismatch", "MustUnderstand"]

_ENVELOPE = ns.qname(ns.SOAP11_ENV, "Envelope")
_HEADER = ns.qname(ns.SOAP11_ENV, "Header")
_BODY = ns.qname(ns.SOAP11_ENV, "Body")
_FAULT = ns.qname(ns.SOAP11_ENV, "Fault")


@dataclass(frozen=True, slots=True)
class Envelope:
    root: etree._Element
    header: etree._Element | None
    body: etree._Element
    payload: etree._Element
    """The one element inside Body: the operation's wrapper, or a Fault."""

    @property
    def is_fault(self) -> bool:
        return self.payload.tag == _FAULT


@dataclass(frozen=True, slots=True)
class Fault:
    code: str
    string: str
    actor: str | None
    detail: etree._Element | None


def read_envelope(root: etree._Element, what: str = "message") -> Envelope:
    if root.tag == ns.qname(ns.SOAP12_ENV, "Envelope"):
        raise SoapVersionMismatch(f"{what} is a SOAP 1.2 envelope; this endpoint speaks SOAP 1.1 ({ns.SOAP11_ENV})")
    if root.tag != _ENVELOPE:
        raise NotSoapEnvelope(f"{what} is not a SOAP 1.1 Envelope (root element is {ns.tag_of(root)})")
    header: etree._Element | None = None
    body: etree._Element | None = None
    for child in root.iterchildren(tag=etree.Element):
        if child.tag == _HEADER and header is None and body is None:
            header = child
        elif child.tag == _BODY and body is None:
            body = child
        else:
            raise NotSoapEnvelope(f"{what} has an unexpected element {ns.tag_of(child)} in its Envelope")
    if body is None:
        raise NotSoapEnvelope(f"{what} has no SOAP Body")
    elements = list(body.iterchildren(tag=etree.Element))
    if len(elements) != 1:
        raise NotSoapEnvelope(f"{what} must carry exactly one element in its SOAP Body, not {len(elements)}")
    return Envelope(root=root, header=header, body=body, payload=elements[0])


def read_fault(fault: etree._Element) -> Fault:
    detail = fault.find("detail")
    return Fault(
        code=(fault.findtext("faultcode") or "").strip(),
        string=(fault.findtext("faultstring") or "").strip(),
        actor=fault.findtext("faultactor"),
        detail=detail,
    )


def build_envelope(payload: etree._Element, header: etree._Element | None = None) -> etree._Element:
    envelope = etree.Element(_ENVELOPE, nsmap={"soap": ns.SOAP11_ENV})
    if header is not None:
        envelope.append(header)
    etree.SubElement(envelope, _BODY).append(payload)
    return envelope


def fault_envelope(code: FaultCode, string: str, actor: str | None, detail: etree._Element | None) -> etree._Element:
    fault = etree.Element(_FAULT, nsmap={"soap": ns.SOAP11_ENV})
    # faultcode is a QName: its prefix must be the one bound to the envelope namespace.
    etree.SubElement(fault, "faultcode").text = f"soap:{code}"
    etree.SubElement(fault, "faultstring").text = string
    if actor:
        etree.SubElement(fault, "faultactor").text = actor
    if detail is not None:
        etree.SubElement(fault, "detail").append(detail)
    return build_envelope(fault)


def serialize(envelope: etree._Element) -> bytes:
    return etree.tostring(envelope, xml_declaration=True, encoding="UTF-8")
