"""The instance's test PKI at work: its CA, its own signing keys, revocation, and the verifier.

Built once per process (:meth:`Pki.load` in the app's start-up). The CA lives in the data directory
(``pki/``); every certificate it issues is recorded in the ``certificates`` table, whose revocations every
process reloads every second, so a revocation made by another process or the CLI takes effect everywhere.
The gateway signs with a legal-entity certificate of the simulated ShEP operator; each mock system with
one carrying its own BIN.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from sqlalchemy import Connection, Engine, insert, select, update

from gateway.clock import Clock
from gateway.storage.tables import certificates
from mocks.catalogue import MockSystem
from mocks.population.tables import persons
from mocks.provider import KeyVariant
from signing.certificates import describe
from signing.iin import make_iin
from signing.pki.authority import IssuedCertificate, TestPki, directory_lock, write_private_file
from signing.pki.profiles import PublicationUrls, Role, Subject
from signing.pki.revocation import LocalRevocationSource, Revocation, RevocationList
from signing.verification import RevocationCheck, TrustStore, Verifier
from signing.xmldsig import SigningKey

GATEWAY_BIN = "040340100013"
GATEWAY_ORGANIZATION = "QAQPA ЭҮШ (ШЭП)"
_RESPONSIBLE_PERSON = make_iin(date(1980, 4, 7), "M", 1234) or "800407312345"
_RENEW_BEFORE = timedelta(days=30)


@dataclass(frozen=True, slots=True)
class CertificateRequest:
    """What ``qaqpa pki issue`` and the admin API ask for."""

    subject: Subject
    role: Role
    revoked: bool = False
    expired: bool = False
    not_yet_valid: bool = False


class Pki:
    """Filled by :meth:`load` at start-up; until then nothing can be signed or verified."""

    def __init__(self) -> None:
        self.authority: TestPki | None = None
        self.revocations = RevocationList()
        self.verifier: Verifier | None = None
        self.gateway_key: SigningKey | None = None
        self.system_keys: dict[str, SigningKey] = {}
        self._faulty_keys: dict[tuple[str, KeyVariant], SigningKey] = {}
        self._faulty_lock = threading.Lock()
        self._issuing: _Issuing | None = None

    def load(
        self,
        directory: Path,
        engine: Engine,
        clock: Clock,
        urls: PublicationUrls,
        systems: Sequence[MockSystem],
        *,
        check: RevocationCheck,
        allow_sha1: bool,
    ) -> None:
        authority = TestPki.open(directory, clock.now())
        # Another worker may be issuing the same keys into the same files: one at a time, the later one reuses them.
        with directory_lock(directory), engine.begin() as connection:
            gateway_key = _own_key(
                authority, connection, directory / "gateway", clock, urls, GATEWAY_BIN, GATEWAY_ORGANIZATION
            )
            system_keys = {
                system.name: _own_key(
                    authority,
                    connection,
                    directory / "systems" / system.name,
                    clock,
                    urls,
                    system.bin,
                    system.organization,
                )
                for system in systems
            }
            self.revocations.replace(load_revocations(connection))
        source = LocalRevocationSource(authority, self.revocations, clock.now)
        trust = TrustStore([authority.root.certificate], [authority.issuing.certificate])
        self.verifier = Verifier(trust, source, clock.now, check=check, allow_sha1=allow_sha1)
        self.authority, self.gateway_key, self.system_keys = authority, gateway_key, system_keys
        self._issuing = _Issuing(directory, engine, clock, urls, {system.name: system for system in systems})

    def refresh_revocations(self, engine: Engine) -> None:
        version = self.revocations.version
        with engine.connect() as connection:
            self.revocations.replace(load_revocations(connection), read_at=version)

    def system_key(self, name: str, variant: KeyVariant = "valid") -> SigningKey:
        """The signing key of mock system ``name``; for fault injection, one with an expired or a revoked
        certificate (issued on first use, kept in ``pki/systems/<name>-<variant>.*``). Blocks: call from a thread
        for those."""
        if variant != "valid":
            return self._faulty_key(name, variant)
        key = self.system_keys.get(name)
        if key is None:
            raise LookupError(f"the PKI is not loaded, or knows no system {name!r}")
        return key

    def _faulty_key(self, name: str, variant: KeyVariant) -> SigningKey:
        with self._faulty_lock:
            key = self._faulty_keys.get((name, variant))
            if key is None:
                key = self._faulty_keys[(name, variant)] = self._issue_faulty_key(name, variant)
            return key

    def _issue_faulty_key(self, name: str, variant: KeyVariant) -> SigningKey:
        if self._issuing is None or self.authority is None or name not in self._issuing.systems:
            raise LookupError(f"the PKI is not loaded, or knows no system {name!r}")
        issuing, system = self._issuing, self._issuing.systems[name]
        stem = issuing.directory / "systems" / f"{name}-{variant}"
        key_path, certificate_path = stem.with_suffix(".key"), stem.with_suffix(".crt")
        with directory_lock(issuing.directory):
            if key_path.is_file() and certificate_path.is_file():
                key = SigningKey.from_pem(key_path.read_bytes(), certificate_path.read_bytes())
                serial = key.certificate.serial_number
                if (variant == "revoked") == (self.revocations.get(serial) is not None):
                    return key
            now = issuing.clock.now()
            subject = _operator(system.bin, system.organization)
            request = CertificateRequest(subject, "sign", revoked=variant == "revoked", expired=variant == "expired")
            with issuing.engine.begin() as connection:
                key = _issue_to_files(self.authority, connection, stem, request, issuing.urls, now)
        if variant == "revoked":
            self.revocations.add(Revocation(key.certificate.serial_number, now, x509.ReasonFlags.key_compromise))
        return key


@dataclass(frozen=True, slots=True)
class _Issuing:
    """What issuing a certificate after start-up needs."""

    directory: Path
    engine: Engine
    clock: Clock
    urls: PublicationUrls
    systems: dict[str, MockSystem]


def issue(
    authority: TestPki, connection: Connection, request: CertificateRequest, urls: PublicationUrls, now: datetime
) -> IssuedCertificate:
    """Issue a certificate from the test CA and record it (revoked at once if asked)."""
    not_before = not_after = None
    if request.expired:
        not_before, not_after = now - timedelta(days=400), now - timedelta(days=1)
    elif request.not_yet_valid:
        not_before = now + timedelta(days=30)
    issued = authority.issue(request.subject, request.role, urls, now=now, not_before=not_before, not_after=not_after)
    record(connection, issued.certificate, request.role, now)
    if request.revoked:
        revoke(connection, issued.certificate.serial_number, now, x509.ReasonFlags.key_compromise)
    return issued


def record(connection: Connection, certificate: x509.Certificate, role: Role, now: datetime) -> None:
    info = describe(certificate)
    connection.execute(
        insert(certificates).values(
            serial=info.serial,
            subject=info.subject,
            iin=info.iin,
            bin=info.bin,
            role=role,
            not_before=info.not_before,
            not_after=info.not_after,
            issued_at=now,
            revoked_at=None,
            revocation_reason=None,
            certificate_pem=certificate.public_bytes(Encoding.PEM).decode("ascii"),
        )
    )


def revoke(connection: Connection, serial: int, when: datetime, reason: x509.ReasonFlags) -> bool:
    """Revoke the certificate with this serial; False if the CA never issued it."""
    result = connection.execute(
        update(certificates)
        .where(certificates.c.serial == f"{serial:X}", certificates.c.revoked_at.is_(None))
        .values(revoked_at=when, revocation_reason=reason.name)
    )
    return result.rowcount > 0 or _issued(connection, serial)


def load_revocations(connection: Connection) -> list[Revocation]:
    rows = connection.execute(
        select(certificates.c.serial, certificates.c.revoked_at, certificates.c.revocation_reason).where(
            certificates.c.revoked_at.is_not(None)
        )
    )
    return [
        Revocation(int(serial, 16), _aware(revoked_at), x509.ReasonFlags[reason or "unspecified"])
        for serial, revoked_at, reason in rows
    ]


def issued_certificate(connection: Connection, serial: int) -> x509.Certificate | None:
    pem = connection.execute(
        select(certificates.c.certificate_pem).where(certificates.c.serial == f"{serial:X}")
    ).scalar_one_or_none()
    return x509.load_pem_x509_certificate(pem.encode("ascii")) if pem else None


def list_certificates(connection: Connection, limit: int = 200) -> list[dict[str, Any]]:
    rows = connection.execute(select(certificates).order_by(certificates.c.issued_at.desc()).limit(limit)).mappings()
    return [
        {
            "serial": row["serial"],
            "subject": row["subject"],
            "iin": row["iin"],
            "bin": row["bin"],
            "role": row["role"],
            "notBefore": _aware(row["not_before"]).isoformat(),
            "notAfter": _aware(row["not_after"]).isoformat(),
            "revokedAt": _aware(row["revoked_at"]).isoformat() if row["revoked_at"] else None,
            "revocationReason": row["revocation_reason"],
        }
        for row in rows
    ]


def _issued(connection: Connection, serial: int) -> bool:
    return issued_certificate(connection, serial) is not None


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _own_key(
    authority: TestPki,
    connection: Connection,
    stem: Path,
    clock: Clock,
    urls: PublicationUrls,
    bin_: str,
    organization: str,
) -> SigningKey:
    """The signing key of the gateway or of a mock system, issued on first use and renewed before it expires."""
    key_path, certificate_path = stem.with_suffix(".key"), stem.with_suffix(".crt")
    now = clock.now()
    if key_path.is_file() and certificate_path.is_file():
        certificate = x509.load_pem_x509_certificate(certificate_path.read_bytes())
        fresh = certificate.not_valid_after_utc - _RENEW_BEFORE > now >= certificate.not_valid_before_utc
        if fresh and certificate.issuer == authority.issuing.certificate.subject:
            return SigningKey.from_pem(key_path.read_bytes(), certificate_path.read_bytes())
    request = CertificateRequest(_operator(bin_, organization), "sign")
    return _issue_to_files(authority, connection, stem, request, urls, now)


def _operator(bin_: str, organization: str) -> Subject:
    """The legal-entity subject the gateway and each mock system sign as."""
    return Subject(_RESPONSIBLE_PERSON, "ҚАҚПАЕВ", "ЖҮЙЕ", "ТЕСТҰЛЫ", bin=bin_, organization=organization)


def _issue_to_files(
    authority: TestPki,
    connection: Connection,
    stem: Path,
    request: CertificateRequest,
    urls: PublicationUrls,
    now: datetime,
) -> SigningKey:
    """Issue and record a certificate, keep it and its key as ``<stem>.crt`` / ``<stem>.key``."""
    issued = issue(authority, connection, request, urls, now)
    stem.parent.mkdir(parents=True, exist_ok=True)
    write_private_file(stem.with_suffix(".key"), issued.private_key_pem())
    stem.with_suffix(".crt").write_bytes(issued.certificate_pem())
    return SigningKey.from_pem(issued.private_key_pem(), issued.certificate_pem())


def subject_for(
    connection: Connection,
    iin: str,
    bin_: str | None,
    organization: str | None,
    surname: str | None,
    name: str | None,
    patronymic: str | None,
) -> Subject:
    """The subject for a certificate: given names, else the citizen's from the population, else placeholders."""
    if not (surname and name):
        row = connection.execute(
            select(persons.c.surname, persons.c.name, persons.c.patronymic).where(persons.c.iin == iin)
        ).first()
        if row is not None:
            surname, name, patronymic = surname or row[0], name or row[1], patronymic or row[2]
    return Subject(iin, surname or "ТЕСТОВ", name or "ТЕСТ", patronymic, bin_, organization)
