from __future__ import annotations

import pytest
from lxml import etree

from contracts import namespaces as ns
from contracts.errors import ForbiddenDtd, SchemaViolation
from contracts.loader import load_contracts
from contracts.shep import PayloadStyle, read_payload, write_payload

CHILDREN = "<messageId>1</messageId><messageDate>2026-01-01T00:00:00Z</messageDate><senderCode>X</senderCode>"
REQUEST = ns.qname(ns.GBDFL_MESSAGE, "Request")


def _data(inner: str, attributes: str = "") -> etree._Element:
    return etree.fromstring(
        f'<data xmlns:xsi="{ns.XSI}" xmlns:m="{ns.GBDFL_MESSAGE}" {attributes}>{inner}</data>'.encode()
    )


@pytest.mark.parametrize(
    ("data", "style"),
    [
        (_data(CHILDREN, 'xsi:type="m:Request"'), "inline"),
        (_data(f"<m:Request>{CHILDREN}</m:Request>"), "element"),
        (
            _data(f"&lt;m:Request xmlns:m='{ns.GBDFL_MESSAGE}'&gt;{CHILDREN.replace('<', '&lt;')}&lt;/m:Request&gt;"),
            "string",
        ),
    ],
)
def test_every_style_reads_to_the_same_standalone_request(data: etree._Element, style: PayloadStyle) -> None:
    payload = read_payload(data, REQUEST)
    assert payload.style == style
    assert payload.root.tag == REQUEST
    assert load_contracts().payload("gbdfl").schema.validate(payload.root)
    assert payload.root.findtext("senderCode") == "X"


@pytest.mark.parametrize("style", ["inline", "element", "string"])
def test_writing_then_reading_gives_the_payload_back(style: PayloadStyle) -> None:
    original = read_payload(_data(CHILDREN, 'xsi:type="m:Request"'), REQUEST)
    data = write_payload(original, style, REQUEST)
    again = read_payload(etree.fromstring(etree.tostring(data)), REQUEST)
    assert again.style == style
    assert etree.tostring(again.root, method="c14n") == etree.tostring(original.root, method="c14n")


def test_a_string_payload_is_forwarded_verbatim() -> None:
    text = f"<m:Request xmlns:m='{ns.GBDFL_MESSAGE}'>{CHILDREN}</m:Request>"
    data = etree.Element("data")
    data.text = text
    assert write_payload(read_payload(data, REQUEST), "string", REQUEST).text == text


def test_an_empty_payload_and_a_hostile_string_are_refused() -> None:
    with pytest.raises(SchemaViolation, match="empty"):
        read_payload(_data("  "), REQUEST)
    hostile = etree.Element("data")
    hostile.text = '<!DOCTYPE x [<!ENTITY e "e">]><x>&e;</x>'
    with pytest.raises(ForbiddenDtd):
        read_payload(hostile, REQUEST)
