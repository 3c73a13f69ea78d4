"""The three ways a business payload travels in ShEP's ``data`` element (anyType).

shared/notes/protocols-shep-xroad.md §1.6: real clients send

- ``inline``: ``data`` itself is the payload, typed with ``xsi:type`` (ГБД ФЛ:
  ``<data xsi:type="m:Request">…children…</data>``);
- ``string``: an escaped XML document as text (ГБД ЮЛ: ``<data>&lt;ns:Request …</data>``);
- ``element``: the payload's root element as the only child of ``data`` (what a zeep client sends when it
  is given an lxml element).

:func:`read_payload` turns any of them into a standalone document rooted at the contract's element, so
it can be validated and read the same way; :func:`write_payload` writes a payload in the style asked for.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Literal

from lxml import etree

from contracts import namespaces as ns
from contracts.errors import SchemaIssue, SchemaViolation
from contracts.parsing import DEFAULT_LIMITS, XmlLimits, parse_untrusted

PayloadStyle = Literal["inline", "element", "string"]

_XSI_TYPE = ns.qname(ns.XSI, "type")


_DS_SIGNATURE = ns.qname(ns.DS, "Signature")


@dataclass(frozen=True, slots=True)
class Payload:
    root: etree._Element
    """The payload as a standalone element (``{…message…}Request``, …)."""
    style: PayloadStyle
    text: str | None = None
    """For the ``string`` style, the string exactly as received: forwarding it verbatim keeps signatures intact."""
    document: etree._Element | None = None
    """The payload as transmitted, a standalone document: the ``data`` element itself for the inline style, the
    payload root otherwise. An enveloped signature signs this document."""

    @property
    def signed_document(self) -> etree._Element:
        return self.document if self.document is not None else self.root

    @property
    def is_signed(self) -> bool:
        return any(child.tag == _DS_SIGNATURE for child in self.signed_document)


def read_payload(
    data: etree._Element, root_element: str, *, limits: XmlLimits = DEFAULT_LIMITS, what: str = "data"
) -> Payload:
    """Extract the payload of ``data`` as a standalone element named ``root_element`` (Clark notation)."""
    children = list(data.iterchildren(tag=etree.Element))
    if not children:
        text = data.text or ""
        if not text.strip():
            raise SchemaViolation(what, (SchemaIssue(data.sourceline or 0, "data", "the payload is empty"),))
        root = parse_untrusted(text, limits, what=f"{what} (escaped XML string)")
        return Payload(root, "string", text, root)
    if len(children) == 1 and children[0].tag == root_element and data.get(_XSI_TYPE) is None:
        element = copy.deepcopy(children[0])
        return Payload(element, "element", None, element)
    namespace, _ = ns.split_qname(root_element)
    root = etree.Element(root_element, nsmap={"p": namespace} if namespace else None)
    for child in children:
        root.append(copy.deepcopy(child))
    # A deep copy keeps the declarations `data` carries and those its content uses, and no others: the same
    # standalone document its signer signed.
    return Payload(root, "inline", None, copy.deepcopy(data))


def write_payload(payload: Payload, style: PayloadStyle, type_qname: str) -> etree._Element:
    """A ``data`` element carrying ``payload`` in ``style``; ``type_qname`` is used for the inline style.

    In the style it arrived in, a payload is written back as it was received (so its signatures still verify).
    """
    if style == payload.style and payload.document is not None:
        return _verbatim(payload)
    if style == "string":
        data = etree.Element("data", nsmap={"xsi": ns.XSI, "xsd": ns.XSD})
        data.set(_XSI_TYPE, "xsd:string")
        data.text = (
            payload.text
            if payload.style == "string" and payload.text
            else etree.tostring(payload.root, encoding="unicode")
        )
        return data
    if style == "element":
        data = etree.Element("data")
        data.append(copy.deepcopy(payload.root))
        return data
    namespace, local = ns.split_qname(type_qname)
    data = etree.Element("data", nsmap={"xsi": ns.XSI, "p": namespace or ""})
    data.set(_XSI_TYPE, f"p:{local}")
    for child in payload.root.iterchildren():
        data.append(copy.deepcopy(child))
    return data


def _verbatim(payload: Payload) -> etree._Element:
    assert payload.document is not None
    if payload.style == "inline":
        return copy.deepcopy(payload.document)
    if payload.style == "element":
        data = etree.Element("data")
        data.append(copy.deepcopy(payload.document))
        return data
    data = etree.Element("data", nsmap={"xsi": ns.XSI, "xsd": ns.XSD})
    data.set(_XSI_TYPE, "xsd:string")
    data.text = payload.text
    return data
