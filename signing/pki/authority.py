"""The test PKI of one data directory: a root CA, an issuing CA under it, and the certificates they issue.

Shaped like НУЦ РК (shared/notes/signing-kz-pki-xmldsig.md §1.1-1.5, §2.7): a self-signed root, an issuing
"NCA" with ``pathLenConstraint 0``, end-entity certificates of the profiles in :mod:`signing.pki.profiles`,
CRLs and OCSP responses signed by the issuing CA. The CA keys are created on first use and kept in the data
directory (``pki/``, mode 0600); nothing is committed to the repository. Processes sharing a data directory
(``qaqpa up --workers N``, the CLI) take :func:`directory_lock` to create or change what is kept there, so
they all end up with one CA.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509 import ocsp
from cryptography.x509.oid import NameOID

from signing import oids
from signing.pki.profiles import PublicationUrls, Role, Subject, end_entity_extensions
from signing.pki.revocation import Revocation

KEY_SIZE = 2048
ROOT_NAME = x509.Name(
    [
        x509.NameAttribute(NameOID.COMMON_NAME, "QAQPA ТҮБІРЛІК КО (RSA)"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Qaqpa (simulated НУЦ РК)"),
        x509.NameAttribute(NameOID.COUNTRY_NAME, "KZ"),
    ]
)
ISSUING_NAME = x509.Name(
    [
        x509.NameAttribute(NameOID.COMMON_NAME, "QAQPA ҰЛТТЫҚ КО (RSA)"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Qaqpa (simulated НУЦ РК)"),
        x509.NameAttribute(NameOID.COUNTRY_NAME, "KZ"),
    ]
)
END_ENTITY_VALIDITY = timedelta(days=365)


@dataclass(frozen=True, slots=True)
class IssuedCertificate:
    certificate: x509.Certificate
    private_key: rsa.RSAPrivateKey

    def certificate_pem(self) -> bytes:
        return self.certificate.public_bytes(serialization.Encoding.PEM)

    def private_key_pem(self) -> bytes:
        return self.private_key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )


def new_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=KEY_SIZE)


def write_private_file(path: Path, data: bytes) -> None:
    """Write a private key readable by its owner only."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)


@contextmanager
def directory_lock(directory: Path) -> Iterator[None]:
    """Hold the PKI directory's lock (``.lock``, an advisory ``flock``) against every other process.

    Not re-entrant: a process holding it must not take it again.
    """
    directory.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(directory / ".lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # closing releases the lock


def _ca_certificate(
    name: x509.Name, key: rsa.RSAPrivateKey, issuer: IssuedCertificate | None, now: datetime, path_length: int | None
) -> x509.Certificate:
    signer_key = issuer.private_key if issuer else key
    builder = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(issuer.certificate.subject if issuer else name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=365 * (20 if issuer is None else 10)))
        .add_extension(x509.BasicConstraints(ca=True, path_length=path_length), critical=True)
        .add_extension(x509.KeyUsage(True, False, False, False, False, True, True, False, False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.CertificatePolicies([x509.PolicyInformation(oids.POLICY_NCA_REGULATION, None)]), critical=False
        )
    )
    if issuer is not None:
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.private_key.public_key()), critical=False
        )
    return builder.sign(signer_key, hashes.SHA256())


class TestPki:
    """The root and issuing CA of a data directory. Build it once per process with :meth:`open`."""

    __test__ = False  # a name pytest must not collect

    def __init__(self, root: IssuedCertificate, issuing: IssuedCertificate) -> None:
        self.root = root
        self.issuing = issuing

    @classmethod
    def open(cls, directory: Path, now: datetime) -> TestPki:
        """Load the PKI kept in ``directory``, creating it on first use (once, whoever else opens it at once)."""
        with directory_lock(directory):
            return cls._open_locked(directory, now)

    @classmethod
    def _open_locked(cls, directory: Path, now: datetime) -> TestPki:
        paths = {name: directory / name for name in ("root.crt", "root.key", "ca.crt", "ca.key")}
        if all(path.is_file() for path in paths.values()):
            return cls(_load(paths["root.crt"], paths["root.key"]), _load(paths["ca.crt"], paths["ca.key"]))
        root_key, issuing_key = new_key(), new_key()
        root = IssuedCertificate(_ca_certificate(ROOT_NAME, root_key, None, now, None), root_key)
        issuing = IssuedCertificate(_ca_certificate(ISSUING_NAME, issuing_key, root, now, 0), issuing_key)
        for certificate_path, key_path, issued in (
            (paths["root.crt"], paths["root.key"], root),
            (paths["ca.crt"], paths["ca.key"], issuing),
        ):
            write_private_file(key_path, issued.private_key_pem())
            certificate_path.write_bytes(issued.certificate_pem())
        return cls(root, issuing)

    @property
    def issuing_certificate(self) -> x509.Certificate:
        return self.issuing.certificate

    def chain_pem(self) -> bytes:
        """The issuing CA then the root, PEM: what a relying party needs to trust this PKI."""
        return self.issuing.certificate_pem() + self.root.certificate_pem()

    def issue(
        self,
        subject: Subject,
        role: Role,
        urls: PublicationUrls,
        *,
        now: datetime,
        not_before: datetime | None = None,
        not_after: datetime | None = None,
        key: rsa.RSAPrivateKey | None = None,
    ) -> IssuedCertificate:
        key = key or new_key()
        start = not_before or now - timedelta(minutes=5)
        builder = (
            x509.CertificateBuilder()
            .subject_name(subject.x509_name())
            .issuer_name(self.issuing.certificate.subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(start)
            .not_valid_after(not_after or start + END_ENTITY_VALIDITY)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        )
        builder = end_entity_extensions(builder, subject, role, self.issuing.certificate, urls)
        return IssuedCertificate(builder.sign(self.issuing.private_key, hashes.SHA256()), key)

    def sign_crl(
        self, revocations: list[Revocation], this_update: datetime, next_update: datetime
    ) -> x509.CertificateRevocationList:
        builder = (
            x509.CertificateRevocationListBuilder()
            .issuer_name(self.issuing.certificate.subject)
            .last_update(this_update)
            .next_update(next_update)
            .add_extension(x509.CRLNumber(int(this_update.timestamp())), critical=False)
        )
        for revocation in revocations:
            builder = builder.add_revoked_certificate(
                x509.RevokedCertificateBuilder()
                .serial_number(revocation.serial)
                .revocation_date(revocation.revoked_at)
                .add_extension(x509.CRLReason(revocation.reason), critical=False)
                .build()
            )
        return builder.sign(self.issuing.private_key, hashes.SHA256())

    def sign_ocsp(
        self, certificate: x509.Certificate, revocation: Revocation | None, this_update: datetime, next_update: datetime
    ) -> ocsp.OCSPResponse:
        builder = ocsp.OCSPResponseBuilder().add_response(
            cert=certificate,
            issuer=self.issuing.certificate,
            algorithm=hashes.SHA256(),
            cert_status=ocsp.OCSPCertStatus.REVOKED if revocation else ocsp.OCSPCertStatus.GOOD,
            this_update=this_update,
            next_update=next_update,
            revocation_time=revocation.revoked_at if revocation else None,
            revocation_reason=revocation.reason if revocation else None,
        )
        builder = builder.responder_id(ocsp.OCSPResponderEncoding.HASH, self.issuing.certificate)
        return builder.sign(self.issuing.private_key, hashes.SHA256())


def _load(certificate_path: Path, key_path: Path) -> IssuedCertificate:
    certificate = x509.load_pem_x509_certificate(certificate_path.read_bytes())
    key = serialization.load_pem_private_key(key_path.read_bytes(), password=None)
    if not isinstance(key, rsa.RSAPrivateKey):
        raise ValueError(f"{key_path} does not hold an RSA key")
    return IssuedCertificate(certificate, key)
