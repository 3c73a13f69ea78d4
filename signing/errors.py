"""Why a signature was refused: one stable reason per failure, and a message that names what failed.

The gateway prefixes a reason with the hop whose signature it was (``Client.Signature.IinMismatch``,
``Provider.Signature.CertificateExpired``); docs/errors.md explains each. The reasons, in the order the
verification pipeline meets them (shared/notes/signing-kz-pki-xmldsig.md §2.6)::

    SignatureRejected
      structure    Missing, Misplaced, Malformed, UnsupportedAlgorithm, WeakAlgorithm, ForbiddenTransform,
                   WrongReference, KeyNotCertificate, CommentInSignedValue
      cryptography DigestMismatch, SignedInfoAltered, KeyMismatch, SignatureInvalid
      certificate  UntrustedCertificate, CertificateExpired, CertificateNotYetValid
      revocation   RevokedByCrl, RevokedByOcsp, RevocationUnknown, CrlStale, CrlInvalid, OcspInvalid
      profile      WrongKeyUsage, WrongSubjectType
      binding      IinMismatch, BinMismatch
"""

from __future__ import annotations

from typing import Final, Literal

from signing.certificates import CertificateInfo

Reason = Literal[
    "Missing",
    "Misplaced",
    "Malformed",
    "UnsupportedAlgorithm",
    "WeakAlgorithm",
    "ForbiddenTransform",
    "WrongReference",
    "KeyNotCertificate",
    "CommentInSignedValue",
    "DigestMismatch",
    "SignedInfoAltered",
    "KeyMismatch",
    "SignatureInvalid",
    "UntrustedCertificate",
    "CertificateExpired",
    "CertificateNotYetValid",
    "RevokedByCrl",
    "RevokedByOcsp",
    "RevocationUnknown",
    "CrlStale",
    "CrlInvalid",
    "OcspInvalid",
    "WrongKeyUsage",
    "WrongSubjectType",
    "IinMismatch",
    "BinMismatch",
]

REASONS: Final[tuple[str, ...]] = Reason.__args__  # type: ignore[attr-defined]


class SignatureRejected(Exception):
    def __init__(self, reason: Reason, message: str, signer: CertificateInfo | None = None) -> None:
        super().__init__(message)
        self.reason: Reason = reason
        self.message = message
        self.signer = signer
