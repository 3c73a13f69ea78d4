"""The Kalkan/NCANode enveloped signature (shared/notes/signing-kz-pki-xmldsig.md §1.4).

``ds:Signature`` is appended as the last child of the document element; SignedInfo is canonicalised with
C14N 1.0; one Reference with ``URI=""`` and the transforms enveloped-signature then C14N-with-comments;
RSA-SHA256 over SHA-256; KeyInfo holds the signer's certificate only.
"""

from __future__ import annotations

import base64
import hashlib

from lxml import etree

from contracts import namespaces as ns
from signing import oids
from signing.xmldsig.keys import SigningKey, rsa_sha256

_DS_SIGNATURE = ns.qname(ns.DS, "Signature")


def sign_enveloped(root: etree._Element, key: SigningKey) -> etree._Element:
    """Sign ``root``, the document element of its own document, in place; returns the new ``ds:Signature``.

    A document that already carries signatures gets one more, appended after them (each covers the earlier).
    """
    if root.getparent() is not None:
        raise ValueError('an enveloped signature with URI="" signs a whole document: pass its root element')
    # The document as the Reference sees it: URI="" takes it without comments, and the enveloped transform
    # leaves out the signature being made, which is not in it yet.
    digest = hashlib.sha256(etree.tostring(root, method="c14n", with_comments=False)).digest()
    signature = etree.SubElement(root, _DS_SIGNATURE, nsmap={"ds": ns.DS})
    signed_info = etree.SubElement(signature, ns.qname(ns.DS, "SignedInfo"))
    etree.SubElement(signed_info, ns.qname(ns.DS, "CanonicalizationMethod"), Algorithm=oids.C14N)
    etree.SubElement(signed_info, ns.qname(ns.DS, "SignatureMethod"), Algorithm=oids.RSA_SHA256)
    reference = etree.SubElement(signed_info, ns.qname(ns.DS, "Reference"), URI="")
    transforms = etree.SubElement(reference, ns.qname(ns.DS, "Transforms"))
    etree.SubElement(transforms, ns.qname(ns.DS, "Transform"), Algorithm=oids.ENVELOPED)
    etree.SubElement(transforms, ns.qname(ns.DS, "Transform"), Algorithm=oids.C14N_COMMENTS)
    etree.SubElement(reference, ns.qname(ns.DS, "DigestMethod"), Algorithm=oids.SHA256)
    etree.SubElement(reference, ns.qname(ns.DS, "DigestValue")).text = base64.b64encode(digest).decode("ascii")
    value = etree.SubElement(signature, ns.qname(ns.DS, "SignatureValue"))
    x509_data = etree.SubElement(etree.SubElement(signature, ns.qname(ns.DS, "KeyInfo")), ns.qname(ns.DS, "X509Data"))
    certificate = etree.SubElement(x509_data, ns.qname(ns.DS, "X509Certificate"))
    certificate.text = base64.b64encode(key.certificate_der).decode("ascii")
    value.text = rsa_sha256(key, etree.tostring(signed_info, method="c14n"))
    return signature
