"""The verification pipeline: valid signatures pass, and broken parts are refused, never an unexpected exception.

The attacks are a corpus of files: tests/corpora/signature-attacks/, run by test_signature_attacks.py."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import xmlsec
from lxml import etree

from contracts import namespaces as ns
from contracts import soap
from signing import oids
from signing.errors import SignatureRejected
from signing.verification import Expectation, Verifier
from signing.xmldsig import SigningKey, sign_envelope, sign_enveloped
from tests.support.pki import BIN, IIN, OTHER_IIN, Lab, open_lab

DS = ns.DS
REQUEST = f'<m:Request xmlns:m="{ns.GBDFL_MESSAGE}"><messageId>1</messageId><iin>{IIN}</iin></m:Request>'


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Lab:
    return open_lab(tmp_path_factory.mktemp("pki"))


@pytest.fixture(scope="module")
def signer(lab: Lab) -> SigningKey:
    return lab.key("sign")


def signed(key: SigningKey, document: str = REQUEST) -> bytes:
    root = etree.fromstring(document.encode())
    sign_enveloped(root, key)
    return etree.tostring(root)


def signed_envelope(key: SigningKey) -> bytes:
    envelope = soap.build_envelope(etree.fromstring(REQUEST.encode()))
    sign_envelope(envelope, key)
    return etree.tostring(envelope)


def refusal(action: Callable[[], object]) -> SignatureRejected:
    with pytest.raises(SignatureRejected) as raised:
        action()
    return raised.value


ANY_SIGNER = Expectation()


def enveloped(verifier: Verifier, document: bytes, expectation: Expectation = ANY_SIGNER) -> Callable[[], object]:
    return lambda: verifier.verify_enveloped(etree.fromstring(document), expectation, source=document)


# --- what passes ------------------------------------------------------------------------------------------


def test_a_kalkan_shaped_signature_verifies_and_names_its_signer(lab: Lab, signer: SigningKey) -> None:
    document = signed(signer)
    (verdict,) = lab.verifier().verify_enveloped(etree.fromstring(document), Expectation(iin=IIN), source=document)
    assert verdict.valid and verdict.signer is not None
    assert verdict.signer.iin == IIN and verdict.signer.key_kind == "sign"
    assert set(verdict.revocation) == {"crl", "ocsp"}
    signature = etree.fromstring(document)[-1]
    transforms = [t.get("Algorithm") for t in signature.iter(f"{{{DS}}}Transform")]
    assert transforms == [oids.ENVELOPED, oids.C14N_COMMENTS]
    assert signature.find(f"{{{DS}}}SignedInfo/{{{DS}}}Reference").get("URI") == ""  # type: ignore[union-attr]
    assert len(signature.findall(f".//{{{DS}}}X509Certificate")) == 1


def test_several_signatures_are_verified_last_first(lab: Lab, signer: SigningKey) -> None:
    second = lab.key("sign", iin=OTHER_IIN)
    root = etree.fromstring(signed(signer))
    sign_enveloped(root, second)
    verdicts = lab.verifier().verify_enveloped(root, Expectation())
    assert [v.signer.iin for v in verdicts if v.signer] == [OTHER_IIN, IIN]


def test_a_ws_security_signature_verifies(lab: Lab) -> None:
    key = lab.key("auth", bin_=BIN)
    document = signed_envelope(key)
    verdict = lab.verifier().verify_transport(
        etree.fromstring(document), Expectation(key_kind="any", subject_kind="legal", bin=BIN)
    )
    assert verdict.valid and verdict.signer and verdict.signer.bin == BIN
    envelope = etree.fromstring(document)
    identifier = envelope.find(f".//{{{ns.WSSE}}}KeyIdentifier")
    assert identifier is not None and identifier.get("ValueType") == oids.WSS_X509V3
    body_id = envelope.find(f"{{{ns.SOAP11_ENV}}}Body").get(f"{{{ns.WSU}}}Id")  # type: ignore[union-attr]
    assert envelope.find(f".//{{{DS}}}Reference").get("URI") == f"#{body_id}"  # type: ignore[union-attr]


def test_sha1_passes_only_where_the_policy_allows_it(lab: Lab, signer: SigningKey) -> None:
    document = _signed_with(signer, xmlsec.constants.TransformRsaSha1, xmlsec.constants.TransformSha1)
    assert refusal(enveloped(lab.verifier(), document)).reason == "WeakAlgorithm"
    assert lab.verifier(allow_sha1=True).verify_enveloped(etree.fromstring(document), Expectation())[0].valid


def _signed_with(key: SigningKey, method: object, digest: object) -> bytes:
    root = etree.fromstring(REQUEST.encode())
    signature = xmlsec.template.create(root, xmlsec.constants.TransformInclC14N, method, ns="ds")  # type: ignore[arg-type]
    root.append(signature)
    reference = xmlsec.template.add_reference(signature, digest, uri="")  # type: ignore[arg-type]
    xmlsec.template.add_transform(reference, xmlsec.constants.TransformEnveloped)
    xmlsec.template.x509_data_add_certificate(xmlsec.template.add_x509_data(xmlsec.template.ensure_key_info(signature)))
    context = xmlsec.SignatureContext()
    context.key = key.key
    context.sign(signature)
    return etree.tostring(root)


# --- what the fuzzer found (tests/fuzz/run.py): broken parts are refused, never an unexpected exception -----


def _with_signature_value(document: bytes, value: str) -> bytes:
    root = etree.fromstring(document)
    element = root.find(f".//{{{DS}}}SignatureValue")
    assert element is not None
    element.text = value
    return etree.tostring(root)


@pytest.mark.parametrize("value", ["@@@not*base64", "Ж" * 8, "QUJDR"], ids=["not-base64", "not-ascii", "bad-length"])
def test_a_signature_value_that_is_not_base64_is_malformed(lab: Lab, signer: SigningKey, value: str) -> None:
    document = _with_signature_value(signed(signer), value)
    assert refusal(enveloped(lab.verifier(), document)).reason == "Malformed"


def test_a_signed_info_that_cannot_be_canonicalised_is_malformed(lab: Lab, signer: SigningKey) -> None:
    """Canonical XML refuses a relative namespace URI; so does the check of a signature that failed."""
    document = signed(signer).replace(b"<ds:SignedInfo>", b'<ds:SignedInfo xmlns:r="relative/uri">', 1)
    assert b'xmlns:r="relative/uri"' in document
    rejected = refusal(enveloped(lab.verifier(), document))
    assert rejected.reason in ("Malformed", "SignedInfoAltered", "SignatureInvalid"), rejected.message
