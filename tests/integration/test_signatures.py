"""Signatures through the real HTTP endpoint: the client's transport and payload signatures, the provider's
signature on its answer, the gateway's own signature on what it sends, and every verdict in the log."""

from __future__ import annotations

import base64
import copy
import subprocess
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from lxml import etree

from contracts import namespaces as ns
from gateway.pki import GATEWAY_BIN
from mocks.catalogue import GBDFL
from signing.verification import Expectation, TrustStore, Verifier
from signing.xmldsig import SigningKey, sign_envelope, sign_enveloped
from tests.support.gateway import LiveGateway
from tests.support.pki import FixedRevocationSource
from tests.support.shep import gbdfl_request, inline_data, read_fault, response_wrapper, send_message, zeep_lookup
from tests.support.tools import require

COMPANY_BIN = "100140300032"


def _issue(gateway: LiveGateway, iin: str, **fields: Any) -> SigningKey:
    response = gateway.http.post("/api/v1/pki/certificates", json={"iin": iin, **fields})
    assert response.status_code == 201, response.text
    issued = response.json()
    return SigningKey.from_pem(issued["privateKeyPem"].encode(), issued["certificatePem"].encode())


def _signed_request(body: bytes, key: SigningKey) -> bytes:
    envelope = etree.fromstring(body)
    sign_envelope(envelope, key)
    return etree.tostring(envelope)


def _exchange(gateway: LiveGateway, session_id: str) -> dict[str, Any]:
    (entry,) = gateway.http.get("/api/v1/messages", params={"sessionId": session_id}).json()["exchanges"]
    return entry  # type: ignore[no-any-return]


def _gateway_verifier(gateway: LiveGateway) -> Verifier:
    root = x509.load_pem_x509_certificate(gateway.http.get("/pki/root.crt").content)
    issuing = x509.load_pem_x509_certificate(gateway.http.get("/pki/ca.crt").content)
    return Verifier(TrustStore([root], [issuing]), FixedRevocationSource(None, None), _now, check="none")


def _now() -> Any:
    from datetime import UTC, datetime

    return datetime.now(UTC)


def test_the_strict_sender_signs_and_everyone_s_signature_is_logged(gateway: LiveGateway) -> None:
    iin = gateway.sample("alive")[0]
    key = _issue(gateway, iin, bin=COMPANY_BIN, organization="ТОО «ПОРТАЛ»", role="auth")
    body = _signed_request(send_message(inline_data(gbdfl_request(iin)), sender_id="DEMO_PORTAL_STRICT"), key)
    response = gateway.post(body)
    assert response.status_code == 200, response.text

    verdicts = _exchange(gateway, response.headers["X-Qaqpa-Session-Id"])["signatures"]
    by_hop = {(v["hop"], v["layer"]): v for v in verdicts}
    client = by_hop[("client", "transport")]
    assert client["valid"] and client["signer"]["bin"] == COMPANY_BIN
    provider = by_hop[("provider", "payload")]
    assert provider["valid"] and provider["signer"]["bin"] == GBDFL.bin
    assert set(provider["revocation"]) == {"crl", "ocsp"}

    # The gateway signs its answer as the simulated ShEP operator.
    answer = etree.fromstring(response.content)
    verdict = _gateway_verifier(gateway).verify_transport(
        answer, Expectation(key_kind="sign", subject_kind="legal", bin=GATEWAY_BIN)
    )
    assert verdict.valid


@pytest.mark.parametrize(
    ("certificate", "code"),
    [
        ({"bin": None}, "Client.Signature.WrongSubjectType"),
        ({"bin": COMPANY_BIN, "revoked": True}, "Client.Signature.RevokedByCrl"),
        ({"bin": COMPANY_BIN, "expired": True}, "Client.Signature.CertificateExpired"),
    ],
    ids=["individual-certificate", "revoked", "expired"],
)
def test_a_refused_transport_signature_names_its_reason(
    gateway: LiveGateway, certificate: dict[str, Any], code: str
) -> None:
    key = _issue(gateway, "061211600012", **{k: v for k, v in certificate.items() if v is not None})
    body = _signed_request(send_message(inline_data(gbdfl_request("061211600012"))), key)
    response = gateway.post(body)
    fault = read_fault(response.content)
    assert (response.status_code, fault.code, fault.actor) == (500, code, "urn:qaqpa:hop:client")
    (verdict,) = _exchange(gateway, response.headers["X-Qaqpa-Session-Id"])["signatures"]
    assert verdict["valid"] is False and code.endswith(verdict["reason"]) and verdict["signer"]["iin"] == "061211600012"


def test_a_service_may_require_a_signature_from_every_sender(gateway: LiveGateway) -> None:
    response = gateway.post(send_message(inline_data(gbdfl_request("061211600012")), service_id="TEST_SignedOnly"))
    fault = read_fault(response.content)
    assert fault.code == "Client.Signature.Missing" and "TEST_SignedOnly" in fault.message


def test_a_request_changed_after_signing_is_refused(gateway: LiveGateway) -> None:
    key = _issue(gateway, "061211600012", bin=COMPANY_BIN)
    body = _signed_request(send_message(inline_data(gbdfl_request("061211600012"))), key)
    response = gateway.post(body.replace(b"061211600012</iin>", b"790504317641</iin>"))
    assert read_fault(response.content).code == "Client.Signature.DigestMismatch"


def test_a_signed_payload_is_verified_and_a_changed_one_refused(gateway: LiveGateway) -> None:
    iin = gateway.sample("adult")[0]
    key = _issue(gateway, iin)
    data = etree.fromstring(inline_data(gbdfl_request(iin)).encode())
    sign_enveloped(data, key)  # the applicant signs the payload document: the `data` element itself
    signed_data = etree.tostring(data, encoding="unicode")

    response = gateway.post(send_message(signed_data))
    assert response.status_code == 200, response.text
    verdicts = _exchange(gateway, response.headers["X-Qaqpa-Session-Id"])["signatures"]
    assert any(v["hop"] == "client" and v["layer"] == "payload" and v["valid"] for v in verdicts)

    changed = gateway.post(send_message(signed_data.replace("DEMO_PORTAL</senderCode>", "OTHER</senderCode>")))
    fault = read_fault(changed.content)
    assert fault.code == "Client.Signature.DigestMismatch" and "payload" in fault.message


@pytest.mark.parametrize(
    ("service_id", "code"),
    [
        ("TEST_Unsigned", "Provider.Signature.Missing"),
        ("TEST_ForeignSigned", "Provider.Signature.UntrustedCertificate"),
    ],
)
def test_a_bad_provider_signature_is_a_provider_fault(gateway: LiveGateway, service_id: str, code: str) -> None:
    response = gateway.post(send_message(inline_data(gbdfl_request("061211600012")), service_id=service_id))
    fault = read_fault(response.content)
    assert (fault.code, fault.actor) == (code, "urn:qaqpa:hop:provider:TESTPROV")


def test_independent_verifiers_accept_the_gateway_and_provider_signatures(gateway: LiveGateway, tmp_path: Path) -> None:
    xmlsec1 = require("xmlsec1")
    (tmp_path / "root.pem").write_bytes(gateway.http.get("/pki/root.crt").content)
    (tmp_path / "ca.pem").write_bytes(gateway.http.get("/pki/ca.crt").content)
    response = gateway.post(send_message(inline_data(gbdfl_request(gateway.sample()[0]))))
    answer = etree.fromstring(response.content)
    (tmp_path / "answer.xml").write_bytes(response.content)
    identifier = answer.find(f".//{{{ns.WSSE}}}KeyIdentifier")
    assert identifier is not None and identifier.text
    certificate = x509.load_der_x509_certificate(base64.b64decode(identifier.text))
    (tmp_path / "gateway.pem").write_bytes(certificate.public_bytes(_pem()))
    transport = subprocess.run(
        [xmlsec1, "--verify", "--pubkey-cert-pem", tmp_path / "gateway.pem", "--id-attr:Id",
         "http://schemas.xmlsoap.org/soap/envelope/:Body", tmp_path / "answer.xml"],
        capture_output=True, text=True,
    )  # fmt: skip
    assert transport.returncode == 0, transport.stderr

    data = response_wrapper(response.content).find("response/responseData/data")
    assert data is not None
    (tmp_path / "payload.xml").write_bytes(etree.tostring(copy.deepcopy(data)))
    payload = subprocess.run(
        [xmlsec1, "--verify", "--trusted-pem", tmp_path / "root.pem", "--untrusted-pem", tmp_path / "ca.pem",
         "--enabled-key-data", "x509", tmp_path / "payload.xml"],
        capture_output=True, text=True,
    )  # fmt: skip
    assert payload.returncode == 0, payload.stderr


def _pem() -> Any:
    from cryptography.hazmat.primitives.serialization import Encoding

    return Encoding.PEM


def test_a_zeep_client_signs_with_the_shep_plugin_and_checks_the_answer(gateway: LiveGateway) -> None:

    import zeep

    from signing.zeep_wsse import ShepWsse

    iin = gateway.sample("adult")[0]
    key = _issue(gateway, iin, bin=COMPANY_BIN)
    plugin = ShepWsse(key, _gateway_verifier(gateway), Expectation(subject_kind="legal", bin=GATEWAY_BIN))
    with zeep.Client(f"{gateway.base_url}/bip-sync/?wsdl", wsse=plugin) as client:
        result = zeep_lookup(client, iin, sender="DEMO_PORTAL_STRICT")
        assert result.responseData.data.persons.person[0].iin == iin
        gateway.session_ids.append(result.responseInfo.sessionId)
