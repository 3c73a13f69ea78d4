"""Certificate profiles shaped like НУЦ РК's: individuals and employees of legal entities, SIGN and AUTH keys.

Key usages, extended key usages and policies as in shared/notes/signing-kz-pki-xmldsig.md §1.2; subject names
as in §1.1. Every end-entity certificate also carries the CRL distribution point, the OCSP responder and the
CA issuer address of the instance that issued it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from cryptography import x509
from cryptography.x509.oid import AuthorityInformationAccessOID, NameOID

from signing import oids

Role = Literal["sign", "auth"]


@dataclass(frozen=True, slots=True)
class Subject:
    """Who a certificate is for. ``bin`` (with ``organization``) makes it a legal-entity employee's certificate."""

    iin: str
    surname: str
    name: str
    patronymic: str | None = None
    bin: str | None = None
    organization: str | None = None

    def x509_name(self) -> x509.Name:
        attributes = [
            x509.NameAttribute(NameOID.COMMON_NAME, f"{self.surname} {self.name}"),
            x509.NameAttribute(NameOID.SURNAME, self.surname),
            x509.NameAttribute(NameOID.SERIAL_NUMBER, f"IIN{self.iin}"),
            x509.NameAttribute(NameOID.COUNTRY_NAME, "KZ"),
        ]
        if self.patronymic:
            attributes.append(x509.NameAttribute(NameOID.GIVEN_NAME, self.patronymic))
        if self.bin:
            attributes.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, self.organization or f"BIN{self.bin}"))
            attributes.append(x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, f"BIN{self.bin}"))
        return x509.Name(attributes)


@dataclass(frozen=True, slots=True)
class PublicationUrls:
    """Where an instance publishes its CA certificate, CRL and OCSP responder."""

    base_url: str

    @property
    def ca_certificate(self) -> str:
        return f"{self.base_url}/pki/ca.crt"

    @property
    def crl(self) -> str:
        return f"{self.base_url}/pki/crl"

    @property
    def ocsp(self) -> str:
        return f"{self.base_url}/pki/ocsp"


def end_entity_extensions(
    builder: x509.CertificateBuilder, subject: Subject, role: Role, issuer: x509.Certificate, urls: PublicationUrls
) -> x509.CertificateBuilder:
    legal = subject.bin is not None
    if role == "sign":
        usage = x509.KeyUsage(True, True, False, False, False, False, False, False, False)
        eku = [oids.EKU_SIGN]
        policy = oids.POLICY_LEGAL_SIGN if legal else oids.POLICY_INDIVIDUAL_SIGN
    else:
        usage = x509.KeyUsage(True, False, True, False, False, False, False, False, False)
        eku = [oids.EKU_AUTH]
        policy = oids.POLICY_LEGAL_AUTH if legal else oids.POLICY_INDIVIDUAL_AUTH
    eku += [oids.ROLE_LEGAL_ENTITY, oids.ROLE_RIGHT_TO_SIGN] if legal else [oids.ROLE_INDIVIDUAL]
    return (
        builder.add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(usage, critical=True)
        .add_extension(x509.ExtendedKeyUsage(eku), critical=False)
        .add_extension(x509.CertificatePolicies([x509.PolicyInformation(policy, None)]), critical=False)
        .add_extension(
            x509.CRLDistributionPoints(
                [x509.DistributionPoint([x509.UniformResourceIdentifier(urls.crl)], None, None, None)]
            ),
            critical=False,
        )
        .add_extension(
            x509.AuthorityInformationAccess(
                [
                    x509.AccessDescription(
                        AuthorityInformationAccessOID.OCSP, x509.UniformResourceIdentifier(urls.ocsp)
                    ),
                    x509.AccessDescription(
                        AuthorityInformationAccessOID.CA_ISSUERS, x509.UniformResourceIdentifier(urls.ca_certificate)
                    ),
                ]
            ),
            critical=False,
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.public_key()),  # type: ignore[arg-type]
            critical=False,
        )
    )
