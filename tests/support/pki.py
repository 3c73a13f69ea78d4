"""A throw-away test PKI for tests of signatures: a CA, certificates of every profile, and verifiers."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.x509 import ocsp

from signing.pki.authority import IssuedCertificate, TestPki
from signing.pki.profiles import PublicationUrls, Role, Subject
from signing.pki.revocation import LocalRevocationSource, Revocation, RevocationList
from signing.verification import RevocationCheck, TrustStore, Verifier
from signing.xmldsig import SigningKey

URLS = PublicationUrls("http://127.0.0.1:8080")
IIN = "061211600012"
OTHER_IIN = "850808310738"
BIN = "040340200027"


@dataclass
class Clock:
    moment: datetime = field(default_factory=lambda: datetime.now(UTC))

    def now(self) -> datetime:
        return self.moment


@dataclass
class Lab:
    """A CA in a temporary directory and what a test needs around it."""

    authority: TestPki
    clock: Clock
    revocations: RevocationList

    def issue(
        self,
        role: Role = "sign",
        *,
        iin: str = IIN,
        bin_: str | None = None,
        not_before: datetime | None = None,
        not_after: datetime | None = None,
    ) -> IssuedCertificate:
        subject = Subject(iin, "ТЕСТОВ", "ТЕСТ", "ТЕСТОВИЧ", bin_, "ТОО «ТЕСТ»" if bin_ else None)
        return self.authority.issue(
            subject, role, URLS, now=self.clock.now(), not_before=not_before, not_after=not_after
        )

    def key(self, role: Role = "sign", **kwargs: object) -> SigningKey:
        issued = self.issue(role, **kwargs)  # type: ignore[arg-type]
        return SigningKey.from_pem(issued.private_key_pem(), issued.certificate_pem())

    def revoke(self, key: SigningKey, *, hours_ago: float = 1) -> None:
        when = self.clock.now() - timedelta(hours=hours_ago)
        self.revocations.add(Revocation(key.certificate.serial_number, when, x509.ReasonFlags.key_compromise))

    def verifier(self, check: RevocationCheck = "both", *, allow_sha1: bool = False, source: object = None) -> Verifier:
        trust = TrustStore([self.authority.root.certificate], [self.authority.issuing.certificate])
        revocation = source or LocalRevocationSource(self.authority, self.revocations, self.clock.now)
        return Verifier(trust, revocation, self.clock.now, check=check, allow_sha1=allow_sha1)  # type: ignore[arg-type]


def open_lab(directory: Path) -> Lab:
    clock = Clock()
    return Lab(TestPki.open(directory, clock.now()), clock, RevocationList())


class FixedRevocationSource:
    """Hands over whatever CRL and OCSP response a test prepared (stale, forged, missing)."""

    def __init__(self, crl: x509.CertificateRevocationList | None, response: ocsp.OCSPResponse | None) -> None:
        self._crl = crl
        self._response = response

    def crl(self, issuer: x509.Certificate) -> x509.CertificateRevocationList | None:
        return self._crl

    def ocsp(self, certificate: x509.Certificate, issuer: x509.Certificate) -> ocsp.OCSPResponse | None:
        return self._response


def forged_crl(lab: Lab, other: Lab) -> x509.CertificateRevocationList:
    """A CRL in the name of ``lab``'s CA but signed by ``other``'s key."""
    now = lab.clock.now()
    return (
        x509.CertificateRevocationListBuilder()
        .issuer_name(lab.authority.issuing.certificate.subject)
        .last_update(now - timedelta(hours=1))
        .next_update(now + timedelta(hours=1))
        .sign(other.authority.issuing.private_key, hashes.SHA256())
    )
