from __future__ import annotations

import pytest
from lxml import etree

from contracts import namespaces as ns
from contracts import soap
from contracts.errors import NotSoapEnvelope, SoapVersionMismatch


def _parse(text: str) -> etree._Element:
    return etree.fromstring(text.encode())


def test_an_envelope_is_read_apart() -> None:
    envelope = soap.read_envelope(
        _parse(f'<s:Envelope xmlns:s="{ns.SOAP11_ENV}"><s:Header><h/></s:Header><s:Body><op/></s:Body></s:Envelope>')
    )
    assert envelope.header is not None and envelope.payload.tag == "op" and not envelope.is_fault


@pytest.mark.parametrize(
    ("document", "error"),
    [
        (f'<s:Envelope xmlns:s="{ns.SOAP12_ENV}"><s:Body><op/></s:Body></s:Envelope>', SoapVersionMismatch),
        ("<Envelope><Body/></Envelope>", NotSoapEnvelope),
        (f'<s:Envelope xmlns:s="{ns.SOAP11_ENV}"/>', NotSoapEnvelope),
        (f'<s:Envelope xmlns:s="{ns.SOAP11_ENV}"><s:Body/></s:Envelope>', NotSoapEnvelope),
        (f'<s:Envelope xmlns:s="{ns.SOAP11_ENV}"><s:Body><a/><b/></s:Body></s:Envelope>', NotSoapEnvelope),
        (f'<s:Envelope xmlns:s="{ns.SOAP11_ENV}"><s:Body><a/></s:Body><s:Body/></s:Envelope>', NotSoapEnvelope),
    ],
    ids=["soap12", "no-namespace", "no-body", "empty-body", "two-operations", "two-bodies"],
)
def test_what_is_not_a_soap_11_message(document: str, error: type[Exception]) -> None:
    with pytest.raises(error):
        soap.read_envelope(_parse(document))


def test_a_fault_round_trips() -> None:
    detail = etree.Element("detail-content")
    envelope = soap.fault_envelope("Client", "bad", "urn:x", detail)
    read = soap.read_envelope(etree.fromstring(soap.serialize(envelope)))
    assert read.is_fault
    fault = soap.read_fault(read.payload)
    assert (fault.code, fault.string, fault.actor) == ("soap:Client", "bad", "urn:x")
    assert fault.detail is not None and fault.detail[0].tag == "detail-content"
