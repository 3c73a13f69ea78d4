"""The test PKI over HTTP, as a relying party (a portal, an OCSP client) sees it."""

from __future__ import annotations

import os

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509 import ocsp

from tests.support.gateway import LiveGateway


def _ca(gateway: LiveGateway) -> x509.Certificate:
    return x509.load_pem_x509_certificate(gateway.http.get("/pki/ca.crt").content)


def _issue(gateway: LiveGateway, **fields: object) -> x509.Certificate:
    response = gateway.http.post("/api/v1/pki/certificates", json={"iin": "061211600012", **fields})
    assert response.status_code == 201, response.text
    return x509.load_pem_x509_certificate(response.json()["certificatePem"].encode())


def _ask(gateway: LiveGateway, certificate: x509.Certificate, nonce: bytes | None = None) -> ocsp.OCSPResponse:
    builder = ocsp.OCSPRequestBuilder().add_certificate(certificate, _ca(gateway), hashes.SHA256())
    if nonce:
        builder = builder.add_extension(x509.OCSPNonce(nonce), critical=False)
    request = builder.build().public_bytes(serialization.Encoding.DER)
    response = gateway.http.post("/pki/ocsp", content=request, headers={"Content-Type": "application/ocsp-request"})
    assert response.headers["content-type"] == "application/ocsp-response"
    return ocsp.load_der_ocsp_response(response.content)


def test_the_chain_is_root_and_issuing_ca(gateway: LiveGateway) -> None:
    chain = x509.load_pem_x509_certificates(gateway.http.get("/pki/chain.pem").content)
    issuing, root = chain
    assert issuing.issuer == root.subject == root.issuer
    assert issuing.extensions.get_extension_for_class(x509.BasicConstraints).value.path_length == 0


def test_the_ocsp_responder_answers_good_then_revoked_signed_and_with_the_nonce(gateway: LiveGateway) -> None:
    certificate = _issue(gateway)
    nonce = os.urandom(16)
    answer = _ask(gateway, certificate, nonce)
    assert answer.response_status == ocsp.OCSPResponseStatus.SUCCESSFUL
    assert answer.certificate_status == ocsp.OCSPCertStatus.GOOD
    assert answer.extensions.get_extension_for_class(x509.OCSPNonce).value.nonce == nonce
    public_key = _ca(gateway).public_key()
    assert isinstance(public_key, rsa.RSAPublicKey)
    public_key.verify(answer.signature, answer.tbs_response_bytes, padding.PKCS1v15(), hashes.SHA256())

    revoked = gateway.http.post(f"/api/v1/pki/certificates/{certificate.serial_number:X}/revoke")
    assert revoked.status_code == 200, revoked.text
    again = _ask(gateway, certificate)
    assert again.certificate_status == ocsp.OCSPCertStatus.REVOKED
    assert again.revocation_reason == x509.ReasonFlags.key_compromise


def test_the_crl_is_signed_and_lists_revoked_certificates(gateway: LiveGateway) -> None:
    certificate = _issue(gateway, revoked=True)
    response = gateway.http.get("/pki/crl")
    assert response.headers["content-type"] == "application/pkix-crl"
    crl = x509.load_der_x509_crl(response.content)
    public_key = _ca(gateway).public_key()
    assert isinstance(public_key, rsa.RSAPublicKey) and crl.is_signature_valid(public_key)
    assert crl.get_revoked_certificate_by_serial_number(certificate.serial_number) is not None


def test_the_ocsp_responder_does_not_vouch_for_certificates_it_never_issued(
    gateway: LiveGateway, tmp_path: object
) -> None:
    from tests.support.pki import open_lab

    stranger = open_lab(tmp_path / "pki")  # type: ignore[operator]
    foreign = stranger.issue("sign")
    request = (
        ocsp.OCSPRequestBuilder()
        .add_certificate(foreign.certificate, stranger.authority.issuing.certificate, hashes.SHA256())
        .build()
        .public_bytes(serialization.Encoding.DER)
    )
    answer = ocsp.load_der_ocsp_response(gateway.http.post("/pki/ocsp", content=request).content)
    assert answer.response_status == ocsp.OCSPResponseStatus.UNAUTHORIZED
    garbage = ocsp.load_der_ocsp_response(gateway.http.post("/pki/ocsp", content=b"not DER").content)
    assert garbage.response_status == ocsp.OCSPResponseStatus.MALFORMED_REQUEST


def test_issuing_refuses_an_impossible_iin(gateway: LiveGateway) -> None:
    response = gateway.http.post("/api/v1/pki/certificates", json={"iin": "061211600013"})
    assert response.status_code == 400
    assert "check digit" in response.json()["message"]


def test_revoking_an_unknown_serial_is_not_found(gateway: LiveGateway) -> None:
    assert gateway.http.post("/api/v1/pki/certificates/ABCDEF/revoke").json()["code"] == "Client.NotFound"
