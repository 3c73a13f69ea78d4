"""The two signature shapes, as the Kazakh systems write them."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from contracts import namespaces as ns
from contracts import soap
from signing import oids
from signing.xmldsig import sign_envelope, sign_enveloped
from tests.support.pki import open_lab

DS = ns.DS


def test_the_enveloped_signature_is_appended_last_in_kalkan_shape(tmp_path: Path) -> None:
    key = open_lab(tmp_path).key("sign")
    root = etree.fromstring(b"<doc><value>1</value></doc>")
    sign_enveloped(root, key)
    signature = root[-1]
    assert signature.tag == f"{{{DS}}}Signature" and signature.prefix == "ds"
    signed_info = signature.find(f"{{{DS}}}SignedInfo")
    assert signed_info is not None
    assert signed_info.find(f"{{{DS}}}CanonicalizationMethod").get("Algorithm") == oids.C14N  # type: ignore[union-attr]
    assert signed_info.find(f"{{{DS}}}SignatureMethod").get("Algorithm") == oids.RSA_SHA256  # type: ignore[union-attr]
    assert signature.find(f".//{{{DS}}}DigestMethod").get("Algorithm") == oids.SHA256  # type: ignore[union-attr]
    assert signature.find(f".//{{{DS}}}KeyValue") is None


def test_only_a_whole_document_can_carry_an_enveloped_signature(tmp_path: Path) -> None:
    key = open_lab(tmp_path).key("sign")
    root = etree.fromstring(b"<doc><part/></doc>")
    with pytest.raises(ValueError, match="whole document"):
        sign_enveloped(root[0], key)


def test_the_ws_security_signature_is_shep_shaped(tmp_path: Path) -> None:
    key = open_lab(tmp_path).key("sign", bin_="040340200027")
    envelope = soap.build_envelope(etree.fromstring(b"<op/>"))
    sign_envelope(envelope, key)
    text = etree.tostring(envelope).decode()
    security = envelope.find(f"{{{ns.SOAP11_ENV}}}Header/{{{ns.WSSE}}}Security")
    assert security is not None and security.get(f"{{{ns.SOAP11_ENV}}}mustUnderstand") == "1"
    assert (
        security.find(f"{{{DS}}}Signature/{{{DS}}}SignedInfo/{{{DS}}}CanonicalizationMethod").get(  # type: ignore[union-attr]
            "Algorithm"
        )
        == oids.EXC_C14N
    )
    assert 'xmlns:wsu="' in text and "wsu:Id=" in text, "the conventional prefixes are used"
    assert security.find(f".//{{{ns.WSSE}}}KeyIdentifier").get("EncodingType") == oids.WSS_BASE64  # type: ignore[union-attr]
