"""``qaqpa up`` serving HTTPS, and mutual TLS (docs/security.md): the clients that get in and those that do not.

A test CA issues the server's certificate (for 127.0.0.1) and a client's; a second CA issues a stranger's.
"""

from __future__ import annotations

import ipaddress
import ssl
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from gateway.testing import free_port
from tests.support.processes import QaqpaProcess
from tests.support.shep import gbdfl_request, inline_data, send_message


@dataclass(frozen=True)
class Issued:
    certificate: Path
    key: Path


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _write(folder: Path, stem: str, certificate: x509.Certificate, key: ec.EllipticCurvePrivateKey) -> Issued:
    issued = Issued(folder / f"{stem}.pem", folder / f"{stem}.key")
    issued.certificate.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    issued.key.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return issued


class LocalCa:
    def __init__(self, folder: Path, name: str) -> None:
        self.folder, self.key = folder, ec.generate_private_key(ec.SECP256R1())
        self.name = _name(name)
        now = datetime.now(UTC)
        certificate = (
            x509.CertificateBuilder()
            .subject_name(self.name)
            .issuer_name(self.name)
            .public_key(self.key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(minutes=5))
            .not_valid_after(now + timedelta(days=1))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .sign(self.key, hashes.SHA256())
        )
        self.root = _write(folder, name, certificate, self.key)

    def issue(self, stem: str, *, server: bool) -> Issued:
        key = ec.generate_private_key(ec.SECP256R1())
        now = datetime.now(UTC)
        builder = (
            x509.CertificateBuilder()
            .subject_name(_name(stem))
            .issuer_name(self.name)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(minutes=5))
            .not_valid_after(now + timedelta(days=1))
            .add_extension(
                x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH if server else ExtendedKeyUsageOID.CLIENT_AUTH]),
                critical=False,
            )
        )
        if server:
            builder = builder.add_extension(
                x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False
            )
        return _write(self.folder, stem, builder.sign(self.key, hashes.SHA256()), key)


@dataclass(frozen=True)
class Pki:
    ca: LocalCa
    server: Issued
    client: Issued
    stranger: Issued


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    folder = tmp_path_factory.mktemp("tls")
    ca, other = LocalCa(folder, "test-ca"), LocalCa(folder, "other-ca")
    return Pki(ca, ca.issue("server", server=True), ca.issue("portal", server=False), other.issue("x", server=False))


@pytest.fixture(scope="module")
def served(pki: Pki, tmp_path_factory: pytest.TempPathFactory) -> Iterator[QaqpaProcess]:
    """``qaqpa up`` over HTTPS, and mutual TLS with the test CA as the clients' CA."""
    tls = ["--tls-certificate", str(pki.server.certificate), "--tls-key", str(pki.server.key)]
    tls += ["--tls-client-ca", str(pki.ca.root.certificate)]
    client_options = {"verify": _context(pki.ca, pki.client)}
    process = QaqpaProcess(
        ["up", "--population-size", "100", *tls],
        tmp_path_factory.mktemp("tls-instance"),
        free_port(),
        scheme="https",
        client_options=client_options,
    ).start()
    try:
        yield process
    finally:
        process.stop()


def _context(trusted: LocalCa | None, presented: Issued | None) -> ssl.SSLContext:
    """A client's TLS: the CA it trusts for the server (None: the system's), the certificate it presents."""
    context = ssl.create_default_context(cafile=str(trusted.root.certificate) if trusted else None)
    if presented is not None:
        context.load_cert_chain(presented.certificate, presented.key)
    return context


def test_a_client_with_a_certificate_of_the_client_ca_calls_over_https(served: QaqpaProcess, pki: Pki) -> None:
    with httpx.Client(base_url=served.base_url, timeout=30, **served.client_options) as client:
        [iin] = client.get("/api/v1/population/sample").raise_for_status().json()["iins"]
        body = send_message(inline_data(gbdfl_request(iin)))
        answer = client.post("/bip-sync/", content=body, headers={"Content-Type": "text/xml; charset=utf-8"})
        assert answer.status_code == 200, answer.text[:500]
        assert b"SCSS001" in answer.content, "the mocks are reached in process behind TLS"
        assert "https://127.0.0.1" in client.get("/bip-sync/?wsdl").text, "the WSDL names the HTTPS address"


@pytest.mark.parametrize("who", ["no certificate", "a certificate of another CA"])
def test_other_clients_do_not_get_in(served: QaqpaProcess, pki: Pki, who: str) -> None:
    context = _context(pki.ca, None if who == "no certificate" else pki.stranger)
    with pytest.raises(httpx.TransportError):
        httpx.get(f"{served.base_url}/health", verify=context, timeout=10)


def test_plain_http_to_the_tls_port_gets_nothing(served: QaqpaProcess) -> None:
    with pytest.raises(httpx.TransportError):
        httpx.get(f"http://127.0.0.1:{served.port}/health", timeout=10)


def test_a_client_that_does_not_trust_the_server_refuses_it(served: QaqpaProcess, pki: Pki) -> None:
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{served.base_url}/health", verify=_context(None, pki.client), timeout=10)
