"""The verification pipeline: a valid signature passes; each attack of the negative corpus is refused with its
own reason (the issue's list: shared/notes/signing-kz-pki-xmldsig.md §2.6, §4.4-4.7)."""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import timedelta

import pytest
import xmlsec
from cryptography.hazmat.primitives.serialization import Encoding
from lxml import etree

from contracts import namespaces as ns
from contracts import soap
from signing import oids
from signing.errors import SignatureRejected
from signing.verification import Expectation, Verifier
from signing.xmldsig import SigningKey, sign_envelope, sign_enveloped
from tests.support.pki import BIN, IIN, OTHER_IIN, FixedRevocationSource, Lab, forged_crl, open_lab

DS = ns.DS
REQUEST = f'<m:Request xmlns:m="{ns.GBDFL_MESSAGE}"><messageId>1</messageId><iin>{IIN}</iin></m:Request>'


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Lab:
    return open_lab(tmp_path_factory.mktemp("pki"))


@pytest.fixture(scope="module")
def stranger(tmp_path_factory: pytest.TempPathFactory) -> Lab:
    """Another CA altogether: the foreign issuer of the corpus."""
    return open_lab(tmp_path_factory.mktemp("foreign-pki"))


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


# --- the negative corpus: one case, one reason ------------------------------------------------------------


def _edit(document: bytes, change: Callable[[etree._Element], None]) -> bytes:
    root = etree.fromstring(document)
    change(root)
    return etree.tostring(root)


def _set(path: str, attribute: str, value: str) -> Callable[[etree._Element], None]:
    def change(root: etree._Element) -> None:
        element = root.find(path)
        assert element is not None, path
        element.set(attribute, value)

    return change


def value_changed(lab: Lab, signer: SigningKey, stranger: Lab) -> Callable[[], object]:
    return enveloped(lab.verifier(), signed(signer).replace(IIN.encode(), OTHER_IIN.encode()))


def digest_changed(lab: Lab, signer: SigningKey, stranger: Lab) -> Callable[[], object]:
    def change(root: etree._Element) -> None:
        digest = root.find(f".//{{{DS}}}DigestValue")
        assert digest is not None and digest.text
        digest.text = ("B" if digest.text[0] == "A" else "A") + digest.text[1:]

    return enveloped(lab.verifier(), _edit(signed(signer), change))


def wrong_key(lab: Lab, signer: SigningKey, stranger: Lab) -> Callable[[], object]:
    impostor = lab.issue("sign")
    key = SigningKey.from_pem(impostor.private_key_pem(), signer.certificate.public_bytes(Encoding.PEM))
    return enveloped(lab.verifier(), signed(key))


def foreign_ca_certificate(lab: Lab, signer: SigningKey, stranger: Lab) -> Callable[[], object]:
    return enveloped(lab.verifier(), signed(stranger.key("sign")))


def self_signed_certificate(lab: Lab, signer: SigningKey, stranger: Lab) -> Callable[[], object]:
    root = stranger.authority.root
    key = SigningKey.from_pem(root.private_key_pem(), root.certificate_pem())
    return enveloped(lab.verifier(), signed(key))


def expired(lab: Lab, signer: SigningKey, stranger: Lab) -> Callable[[], object]:
    now = lab.clock.now()
    key = lab.key("sign", not_before=now - timedelta(days=400), not_after=now - timedelta(days=1))
    return enveloped(lab.verifier(), signed(key))


def not_yet_valid(lab: Lab, signer: SigningKey, stranger: Lab) -> Callable[[], object]:
    key = lab.key("sign", not_before=lab.clock.now() + timedelta(days=3))
    return enveloped(lab.verifier(), signed(key))


def revoked_by_crl(lab: Lab, signer: SigningKey, stranger: Lab) -> Callable[[], object]:
    key = lab.key("sign")
    lab.revoke(key)
    return enveloped(lab.verifier(check="crl"), signed(key))


def revoked_by_ocsp(lab: Lab, signer: SigningKey, stranger: Lab) -> Callable[[], object]:
    key = lab.key("sign")
    lab.revoke(key)
    return enveloped(lab.verifier(check="ocsp"), signed(key))


def stale_crl(lab: Lab, signer: SigningKey, stranger: Lab) -> Callable[[], object]:
    then = lab.clock.now() - timedelta(days=3)
    old = lab.authority.sign_crl([], then, then + timedelta(days=1))
    return enveloped(lab.verifier(check="crl", source=FixedRevocationSource(old, None)), signed(signer))


def forged_crl_case(lab: Lab, signer: SigningKey, stranger: Lab) -> Callable[[], object]:
    source = FixedRevocationSource(forged_crl(lab, stranger), None)
    return enveloped(lab.verifier(check="crl", source=source), signed(signer))


def forged_ocsp(lab: Lab, signer: SigningKey, stranger: Lab) -> Callable[[], object]:
    now = lab.clock.now()
    answer = stranger.authority.sign_ocsp(signer.certificate, None, now, now + timedelta(hours=1))
    return enveloped(lab.verifier(check="ocsp", source=FixedRevocationSource(None, answer)), signed(signer))


def no_revocation_answer(lab: Lab, signer: SigningKey, stranger: Lab) -> Callable[[], object]:
    return enveloped(lab.verifier(check="ocsp", source=FixedRevocationSource(None, None)), signed(signer))


def auth_key_used_to_sign(lab: Lab, signer: SigningKey, stranger: Lab) -> Callable[[], object]:
    return enveloped(lab.verifier(), signed(lab.key("auth")), Expectation(key_kind="sign"))


def individual_where_legal_entity_required(lab: Lab, signer: SigningKey, stranger: Lab) -> Callable[[], object]:
    return enveloped(lab.verifier(), signed(signer), Expectation(subject_kind="legal"))


def iin_mismatch(lab: Lab, signer: SigningKey, stranger: Lab) -> Callable[[], object]:
    return enveloped(lab.verifier(), signed(signer), Expectation(iin=OTHER_IIN))


def bin_mismatch(lab: Lab, signer: SigningKey, stranger: Lab) -> Callable[[], object]:
    return enveloped(lab.verifier(), signed(lab.key("sign", bin_=BIN)), Expectation(bin="940140000385"))


def comment_in_signed_value(lab: Lab, signer: SigningKey, stranger: Lab) -> Callable[[], object]:
    document = signed(signer).replace(IIN.encode(), f"{IIN[:4]}<!---->{IIN[4:]}".encode())
    return enveloped(lab.verifier(), document)


def signature_wrapping(lab: Lab, signer: SigningKey, stranger: Lab) -> Callable[[], object]:
    def wrap(root: etree._Element) -> None:
        body, security = root.find(f"{{{ns.SOAP11_ENV}}}Body"), root.find(f".//{{{ns.WSSE}}}Security")
        assert body is not None and security is not None
        etree.SubElement(security, "Wrapper").append(body)  # the signed Body, moved out of the way
        attacker = etree.SubElement(root, f"{{{ns.SOAP11_ENV}}}Body")
        attacker.append(etree.fromstring(REQUEST.replace(IIN, OTHER_IIN).encode()))

    document = _edit(signed_envelope(lab.key("sign", bin_=BIN)), wrap)
    expectation = Expectation(key_kind="any", subject_kind="legal")
    return lambda: lab.verifier().verify_transport(etree.fromstring(document), expectation, source=document)


def duplicated_id(lab: Lab, signer: SigningKey, stranger: Lab) -> Callable[[], object]:
    def duplicate(root: etree._Element) -> None:
        body, header = root.find(f"{{{ns.SOAP11_ENV}}}Body"), root.find(f"{{{ns.SOAP11_ENV}}}Header")
        assert body is not None and header is not None
        etree.SubElement(header, "Decoy").set(f"{{{ns.WSU}}}Id", body.get(f"{{{ns.WSU}}}Id") or "")

    document = _edit(signed_envelope(lab.key("sign", bin_=BIN)), duplicate)
    expectation = Expectation(key_kind="any", subject_kind="legal")
    return lambda: lab.verifier().verify_transport(etree.fromstring(document), expectation)


def xslt_transform(lab: Lab, signer: SigningKey, stranger: Lab) -> Callable[[], object]:
    path = f".//{{{DS}}}Transform"
    return enveloped(
        lab.verifier(), _edit(signed(signer), _set(path, "Algorithm", "http://www.w3.org/TR/1999/REC-xslt-19991116"))
    )


def gost_algorithm(lab: Lab, signer: SigningKey, stranger: Lab) -> Callable[[], object]:
    gost = "urn:ietf:params:xml:ns:pkigovkz:xmlsec:algorithms:gostr34102015-gostr34112015-512"
    return enveloped(lab.verifier(), _edit(signed(signer), _set(f".//{{{DS}}}SignatureMethod", "Algorithm", gost)))


def rsa_sha1_forbidden(lab: Lab, signer: SigningKey, stranger: Lab) -> Callable[[], object]:
    document = _signed_with(signer, xmlsec.constants.TransformRsaSha1, xmlsec.constants.TransformSha256)
    return enveloped(lab.verifier(), document)


def missing_signature(lab: Lab, signer: SigningKey, stranger: Lab) -> Callable[[], object]:
    return enveloped(lab.verifier(), REQUEST.encode())


def second_signature_in_the_wrong_place(lab: Lab, signer: SigningKey, stranger: Lab) -> Callable[[], object]:
    def nest(root: etree._Element) -> None:
        signature = root[-1]
        root.find("iin").append(copy.deepcopy(signature))  # type: ignore[union-attr]

    return enveloped(lab.verifier(), _edit(signed(signer), nest))


def key_value_instead_of_certificate(lab: Lab, signer: SigningKey, stranger: Lab) -> Callable[[], object]:
    def swap(root: etree._Element) -> None:
        key_info = root.find(f".//{{{DS}}}KeyInfo")
        assert key_info is not None
        for child in list(key_info):
            key_info.remove(child)
        etree.SubElement(etree.SubElement(key_info, f"{{{DS}}}KeyValue"), f"{{{DS}}}RSAKeyValue")

    return enveloped(lab.verifier(), _edit(signed(signer), swap))


def two_references(lab: Lab, signer: SigningKey, stranger: Lab) -> Callable[[], object]:
    def double(root: etree._Element) -> None:
        reference = root.find(f".//{{{DS}}}Reference")
        assert reference is not None
        reference.addnext(copy.deepcopy(reference))

    return enveloped(lab.verifier(), _edit(signed(signer), double))


CORPUS: dict[str, tuple[Callable[[Lab, SigningKey, Lab], Callable[[], object]], str]] = {
    "value changed": (value_changed, "DigestMismatch"),
    "digest changed": (digest_changed, "SignedInfoAltered"),
    "wrong key": (wrong_key, "KeyMismatch"),
    "foreign-CA certificate": (foreign_ca_certificate, "UntrustedCertificate"),
    "self-signed certificate": (self_signed_certificate, "UntrustedCertificate"),
    "expired": (expired, "CertificateExpired"),
    "not yet valid": (not_yet_valid, "CertificateNotYetValid"),
    "revoked by CRL": (revoked_by_crl, "RevokedByCrl"),
    "revoked by OCSP": (revoked_by_ocsp, "RevokedByOcsp"),
    "stale CRL": (stale_crl, "CrlStale"),
    "CRL signed by another key": (forged_crl_case, "CrlInvalid"),
    "OCSP answer signed by another key": (forged_ocsp, "OcspInvalid"),
    "no revocation answer": (no_revocation_answer, "RevocationUnknown"),
    "AUTH key used to sign": (auth_key_used_to_sign, "WrongKeyUsage"),
    "individual where a legal entity must sign": (individual_where_legal_entity_required, "WrongSubjectType"),
    "IIN mismatch": (iin_mismatch, "IinMismatch"),
    "BIN mismatch": (bin_mismatch, "BinMismatch"),
    "comment inserted into a signed value": (comment_in_signed_value, "CommentInSignedValue"),
    "signature wrapping: signed Body moved, attacker's Body processed": (signature_wrapping, "WrongReference"),
    "signature wrapping: the Body's id carried twice": (duplicated_id, "WrongReference"),
    "XSLT transform": (xslt_transform, "ForbiddenTransform"),
    "RSA-SHA1 where the policy forbids it": (rsa_sha1_forbidden, "WeakAlgorithm"),
    "GOST algorithm URI": (gost_algorithm, "UnsupportedAlgorithm"),
    "missing signature": (missing_signature, "Missing"),
    "a second signature in the wrong place": (second_signature_in_the_wrong_place, "Misplaced"),
    "KeyValue instead of a certificate": (key_value_instead_of_certificate, "KeyNotCertificate"),
    "two references": (two_references, "Malformed"),
}


@pytest.mark.parametrize("case", sorted(CORPUS))
def test_the_negative_corpus(case: str, lab: Lab, signer: SigningKey, stranger: Lab) -> None:
    build, reason = CORPUS[case]
    rejected = refusal(build(lab, signer, stranger))
    assert rejected.reason == reason, rejected.message
    assert rejected.message


def test_each_kind_of_attack_has_its_own_reason() -> None:
    by_reason: dict[str, list[str]] = {}
    for case, (_, reason) in CORPUS.items():
        by_reason.setdefault(reason, []).append(case)
    shared = {reason: cases for reason, cases in by_reason.items() if len(cases) > 1}
    # Two variants of the same attack may share a reason; different attacks may not.
    assert set(shared) == {"UntrustedCertificate", "WrongReference"}, shared


def test_messages_name_what_failed(lab: Lab, signer: SigningKey, stranger: Lab) -> None:
    assert OTHER_IIN in refusal(iin_mismatch(lab, signer, stranger)).message
    assert "expired on" in refusal(expired(lab, signer, stranger)).message
    assert "serial" in refusal(revoked_by_crl(lab, signer, stranger)).message
    assert "GOST" in refusal(gost_algorithm(lab, signer, stranger)).message


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
