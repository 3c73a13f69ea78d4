"""Revocation: which certificates the test CA has revoked, and the CRL and OCSP answers that say so.

The list lives in memory (each process refreshes it from the database, see gateway/pki.py); CRLs and OCSP
responses are built from it, signed by the issuing CA, and cached until the list changes or they near
their ``nextUpdate``. Verifiers consume them through the :class:`RevocationSource` protocol, so a test can
hand over a stale CRL or a forged OCSP response.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.x509 import ocsp

CRL_VALIDITY = timedelta(hours=24)
OCSP_VALIDITY = timedelta(minutes=30)
_REFRESH_BEFORE = timedelta(minutes=5)


@dataclass(frozen=True, slots=True)
class Revocation:
    serial: int
    revoked_at: datetime
    reason: x509.ReasonFlags = x509.ReasonFlags.unspecified


class RevocationList:
    """The CA's revocations as this process knows them; ``version`` changes whenever they do."""

    def __init__(self, entries: Iterable[Revocation] = ()) -> None:
        self._entries = {entry.serial: entry for entry in entries}
        self.version = 0

    def get(self, serial: int) -> Revocation | None:
        return self._entries.get(serial)

    def all(self) -> list[Revocation]:
        return sorted(self._entries.values(), key=lambda entry: entry.serial)

    def add(self, revocation: Revocation) -> None:
        self._entries[revocation.serial] = revocation
        self.version += 1

    def replace(self, entries: Iterable[Revocation], *, read_at: int | None = None) -> None:
        """Take ``entries`` as the whole list; ``read_at`` is :attr:`version` when they were read from
        storage: if this process changed the list since, they are older than it, and are left for the next
        read."""
        if read_at is not None and read_at != self.version:
            return
        fresh = {entry.serial: entry for entry in entries}
        if fresh != self._entries:
            self._entries = fresh
            self.version += 1


class RevocationSource(Protocol):
    def crl(self, issuer: x509.Certificate) -> x509.CertificateRevocationList | None:
        """The current CRL of ``issuer``, or None if there is none to be had."""
        ...

    def ocsp(self, certificate: x509.Certificate, issuer: x509.Certificate) -> ocsp.OCSPResponse | None:
        """An OCSP response about ``certificate``, or None if the responder cannot be reached."""
        ...


class CrlSigner(Protocol):
    def sign_crl(
        self, revocations: list[Revocation], this_update: datetime, next_update: datetime
    ) -> x509.CertificateRevocationList: ...

    def sign_ocsp(
        self, certificate: x509.Certificate, revocation: Revocation | None, this_update: datetime, next_update: datetime
    ) -> ocsp.OCSPResponse: ...

    @property
    def issuing_certificate(self) -> x509.Certificate: ...


class LocalRevocationSource:
    """CRL and OCSP answers made in-process by the issuing CA, cached while they stay fresh and true."""

    def __init__(self, signer: CrlSigner, revocations: RevocationList, now: Callable[[], datetime]) -> None:
        self._signer = signer
        self._revocations = revocations
        self._now = now
        self._crl: tuple[int, x509.CertificateRevocationList] | None = None
        self._ocsp: dict[int, tuple[int, ocsp.OCSPResponse]] = {}

    def crl(self, issuer: x509.Certificate) -> x509.CertificateRevocationList | None:
        if issuer != self._signer.issuing_certificate:
            return None
        now = self._now()
        cached = self._crl
        if (
            cached is None
            or cached[0] != self._revocations.version
            or _stale(cached[1].last_update_utc, cached[1].next_update_utc, now)
        ):
            this_update = now - timedelta(minutes=1)
            crl = self._signer.sign_crl(self._revocations.all(), this_update, this_update + CRL_VALIDITY)
            cached = self._crl = (self._revocations.version, crl)
        return cached[1]

    def ocsp(self, certificate: x509.Certificate, issuer: x509.Certificate) -> ocsp.OCSPResponse | None:
        if issuer != self._signer.issuing_certificate:
            return None
        now = self._now()
        cached = self._ocsp.get(certificate.serial_number)
        if (
            cached is None
            or cached[0] != self._revocations.version
            or _stale(cached[1].this_update_utc, cached[1].next_update_utc, now)
        ):
            this_update = now - timedelta(minutes=1)
            response = self._signer.sign_ocsp(
                certificate, self._revocations.get(certificate.serial_number), this_update, this_update + OCSP_VALIDITY
            )
            cached = self._ocsp[certificate.serial_number] = (self._revocations.version, response)
        return cached[1]


def _stale(this_update: datetime | None, next_update: datetime | None, now: datetime) -> bool:
    """Due for renewal, or issued after ``now``: a virtual clock moved back must not meet tomorrow's answers."""
    if this_update is None or this_update > now:
        return True
    return next_update is None or next_update - _REFRESH_BEFORE <= now


def ocsp_request_for(certificate: x509.Certificate, issuer: x509.Certificate) -> ocsp.OCSPRequest:
    """An OCSP request with a SHA-256 CertID, as НУЦ РК's responder expects (§1.5 of the signing notes)."""
    return ocsp.OCSPRequestBuilder().add_certificate(certificate, issuer, hashes.SHA256()).build()
