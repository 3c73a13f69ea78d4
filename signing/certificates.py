"""What a certificate says about its holder, read the way Kazakh relying parties read it.

Subject conventions of НУЦ РК (shared/notes/signing-kz-pki-xmldsig.md §1.1): SERIALNUMBER ``IIN`` + 12 digits,
CN ``SURNAME NAME``, SURNAME, GIVENNAME holding the *patronymic*, and for an employee of a legal entity O and
OU ``BIN`` + 12 digits. Key kind (§1.2): SIGN keys carry nonRepudiation, AUTH keys keyEncipherment without it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.x509.oid import ExtensionOID, NameOID

KeyKind = Literal["sign", "auth", "unknown"]
SubjectKind = Literal["individual", "legal"]

_PREFIXED_NUMBER = re.compile(r"(IIN|BIN)(\d{12})")
_NAMES = {NameOID.SERIAL_NUMBER: "SERIALNUMBER", NameOID.SURNAME: "SURNAME", NameOID.GIVEN_NAME: "G"}


@dataclass(frozen=True, slots=True)
class CertificateInfo:
    serial: str
    subject: str
    issuer: str
    common_name: str | None
    surname: str | None
    patronymic: str | None
    iin: str | None
    bin: str | None
    organization: str | None
    not_before: datetime
    not_after: datetime
    key_kind: KeyKind
    subject_kind: SubjectKind
    fingerprint_sha256: str

    def as_json(self) -> dict[str, Any]:
        return {
            "serial": self.serial,
            "subject": self.subject,
            "issuer": self.issuer,
            "iin": self.iin,
            "bin": self.bin,
            "organization": self.organization,
            "notBefore": self.not_before.isoformat(),
            "notAfter": self.not_after.isoformat(),
            "keyKind": self.key_kind,
            "subjectKind": self.subject_kind,
            "fingerprintSha256": self.fingerprint_sha256,
        }


def _attribute(name: x509.Name, oid: x509.ObjectIdentifier) -> str | None:
    values = name.get_attributes_for_oid(oid)
    return str(values[0].value) if values else None


def _prefixed(value: str | None, prefix: str) -> str | None:
    match = _PREFIXED_NUMBER.fullmatch(value or "")
    return match.group(2) if match and match.group(1) == prefix else None


def key_kind(certificate: x509.Certificate) -> KeyKind:
    try:
        usage = certificate.extensions.get_extension_for_oid(ExtensionOID.KEY_USAGE).value
    except x509.ExtensionNotFound:
        return "unknown"
    assert isinstance(usage, x509.KeyUsage)
    if usage.digital_signature and usage.content_commitment:
        return "sign"
    if usage.digital_signature and usage.key_encipherment:
        return "auth"
    return "unknown"


def describe(certificate: x509.Certificate) -> CertificateInfo:
    subject = certificate.subject
    serial_number = _attribute(subject, NameOID.SERIAL_NUMBER)
    bin_ = _prefixed(_attribute(subject, NameOID.ORGANIZATIONAL_UNIT_NAME), "BIN") or _prefixed(serial_number, "BIN")
    return CertificateInfo(
        serial=f"{certificate.serial_number:X}",
        subject=subject.rfc4514_string(_NAMES),
        issuer=certificate.issuer.rfc4514_string(_NAMES),
        common_name=_attribute(subject, NameOID.COMMON_NAME),
        surname=_attribute(subject, NameOID.SURNAME),
        patronymic=_attribute(subject, NameOID.GIVEN_NAME),
        iin=_prefixed(serial_number, "IIN"),
        bin=bin_,
        organization=_attribute(subject, NameOID.ORGANIZATION_NAME),
        not_before=certificate.not_valid_before_utc,
        not_after=certificate.not_valid_after_utc,
        key_kind=key_kind(certificate),
        subject_kind="legal" if bin_ else "individual",
        fingerprint_sha256=certificate.fingerprint(hashes.SHA256()).hex(),
    )


def certificate_pem(certificate: x509.Certificate) -> bytes:
    return certificate.public_bytes(serialization.Encoding.PEM)
