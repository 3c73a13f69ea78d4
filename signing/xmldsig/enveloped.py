"""The Kalkan/NCANode enveloped signature (shared/notes/signing-kz-pki-xmldsig.md §1.4).

``ds:Signature`` is appended as the last child of the document element; SignedInfo is canonicalised with
C14N 1.0; one Reference with ``URI=""`` and the transforms enveloped-signature then C14N-with-comments;
RSA-SHA256 over SHA-256; KeyInfo holds the signer's certificate only.
"""

from __future__ import annotations

import xmlsec
from lxml import etree

from signing.xmldsig.keys import SigningKey


def sign_enveloped(root: etree._Element, key: SigningKey) -> etree._Element:
    """Sign ``root``, the document element of its own document, in place; returns the new ``ds:Signature``.

    A document that already carries signatures gets one more, appended after them (each covers the earlier).
    """
    if root.getparent() is not None:
        raise ValueError('an enveloped signature with URI="" signs a whole document: pass its root element')
    signature = xmlsec.template.create(
        root, xmlsec.constants.TransformInclC14N, xmlsec.constants.TransformRsaSha256, ns="ds"
    )
    root.append(signature)
    reference = xmlsec.template.add_reference(signature, xmlsec.constants.TransformSha256, uri="")
    xmlsec.template.add_transform(reference, xmlsec.constants.TransformEnveloped)
    xmlsec.template.add_transform(reference, xmlsec.constants.TransformInclC14NWithComments)
    key_info = xmlsec.template.ensure_key_info(signature)
    xmlsec.template.x509_data_add_certificate(xmlsec.template.add_x509_data(key_info))
    context = xmlsec.SignatureContext()
    context.key = key.key
    context.sign(signature)
    return signature
