"""ShEP's transport signature: WS-Security over the SOAP Body (shared/notes/protocols-shep-xroad.md §1.7).

``soap:Header/wsse:Security`` (``mustUnderstand="1"``) holds one ``ds:Signature`` whose single Reference
points at ``soap:Body/@wsu:Id`` with an exclusive-C14N transform; KeyInfo is a ``SecurityTokenReference``
whose ``KeyIdentifier`` (ValueType X509v3) carries the whole certificate, base64. No Timestamp: replay
protection is the messageId.
"""

from __future__ import annotations

import base64
import hashlib
import uuid

from lxml import etree

from contracts import namespaces as ns
from signing import oids
from signing.xmldsig.keys import SigningKey, rsa_sha256

SECURITY = ns.qname(ns.WSSE, "Security")
WSU_ID = ns.qname(ns.WSU, "Id")
_HEADER = ns.qname(ns.SOAP11_ENV, "Header")
_BODY = ns.qname(ns.SOAP11_ENV, "Body")
_DS_SIGNATURE = ns.qname(ns.DS, "Signature")


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

    # Written here rather than by xmlsec's templates: the same XML, signed by `cryptography` (keys.rsa_sha256).
    signature = etree.SubElement(security, _DS_SIGNATURE, nsmap={"ds": ns.DS})
    signed_info = etree.SubElement(signature, ns.qname(ns.DS, "SignedInfo"))
    etree.SubElement(signed_info, ns.qname(ns.DS, "CanonicalizationMethod"), Algorithm=oids.EXC_C14N)
    etree.SubElement(signed_info, ns.qname(ns.DS, "SignatureMethod"), Algorithm=oids.RSA_SHA256)
    reference = etree.SubElement(signed_info, ns.qname(ns.DS, "Reference"), URI=f"#{body_id}")
    transforms = etree.SubElement(reference, ns.qname(ns.DS, "Transforms"))
    etree.SubElement(transforms, ns.qname(ns.DS, "Transform"), Algorithm=oids.EXC_C14N)
    etree.SubElement(reference, ns.qname(ns.DS, "DigestMethod"), Algorithm=oids.SHA256)
    digest = hashlib.sha256(etree.tostring(body, method="c14n", exclusive=True)).digest()
    etree.SubElement(reference, ns.qname(ns.DS, "DigestValue")).text = base64.b64encode(digest).decode("ascii")
    value = etree.SubElement(signature, ns.qname(ns.DS, "SignatureValue"))
    key_info = etree.SubElement(signature, ns.qname(ns.DS, "KeyInfo"))
    token = etree.SubElement(key_info, ns.qname(ns.WSSE, "SecurityTokenReference"), nsmap={"wsse": ns.WSSE})
    identifier = etree.SubElement(
        token, ns.qname(ns.WSSE, "KeyIdentifier"), ValueType=oids.WSS_X509V3, EncodingType=oids.WSS_BASE64
    )
    identifier.text = base64.b64encode(key.certificate_der).decode("ascii")
    signed = etree.tostring(signed_info, method="c14n", exclusive=True)
    value.text = rsa_sha256(key, signed)
    return signature
