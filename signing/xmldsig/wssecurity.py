"""ShEP's transport signature: WS-Security over the SOAP Body (shared/notes/protocols-shep-xroad.md §1.7).

``soap:Header/wsse:Security`` (``mustUnderstand="1"``) holds one ``ds:Signature`` whose single Reference
points at ``soap:Body/@wsu:Id`` with an exclusive-C14N transform; KeyInfo is a ``SecurityTokenReference``
whose ``KeyIdentifier`` (ValueType X509v3) carries the whole certificate, base64. No Timestamp: replay
protection is the messageId.
"""

from __future__ import annotations

import base64
import uuid

import xmlsec
from lxml import etree

from contracts import namespaces as ns
from signing import oids
from signing.xmldsig.keys import SigningKey

SECURITY = ns.qname(ns.WSSE, "Security")
WSU_ID = ns.qname(ns.WSU, "Id")
_HEADER = ns.qname(ns.SOAP11_ENV, "Header")
_BODY = ns.qname(ns.SOAP11_ENV, "Body")


def sign_envelope(envelope: etree._Element, key: SigningKey) -> etree._Element:
    """Sign the Body of a SOAP 1.1 envelope in place; returns the new ``ds:Signature``."""
    body = envelope.find(_BODY)
    if body is None:
        raise ValueError("a SOAP envelope without a Body cannot be signed")
    header = envelope.find(_HEADER)
    if header is None:
        header = etree.Element(_HEADER)
        envelope.insert(0, header)
    security = etree.SubElement(header, SECURITY, nsmap={"wsse": ns.WSSE})
    security.set(ns.qname(ns.SOAP11_ENV, "mustUnderstand"), "1")
    body_id = body.get(WSU_ID) or f"id-{uuid.uuid4()}"
    body.set(WSU_ID, body_id)

    signature = xmlsec.template.create(
        envelope, xmlsec.constants.TransformExclC14N, xmlsec.constants.TransformRsaSha256, ns="ds"
    )
    security.append(signature)
    reference = xmlsec.template.add_reference(signature, xmlsec.constants.TransformSha256, uri=f"#{body_id}")
    xmlsec.template.add_transform(reference, xmlsec.constants.TransformExclC14N)
    key_info = xmlsec.template.ensure_key_info(signature)
    token = etree.SubElement(key_info, ns.qname(ns.WSSE, "SecurityTokenReference"), nsmap={"wsse": ns.WSSE})
    identifier = etree.SubElement(
        token, ns.qname(ns.WSSE, "KeyIdentifier"), ValueType=oids.WSS_X509V3, EncodingType=oids.WSS_BASE64
    )
    identifier.text = base64.b64encode(key.certificate_der).decode("ascii")

    context = xmlsec.SignatureContext()
    context.key = key.key
    context.register_id(body, "Id", ns.WSU)
    context.sign(signature)
    return signature
