"""Keys loaded into xmlsec once: a signer's private key with its certificate, and verification keys by certificate."""

from __future__ import annotations

import functools
from dataclasses import dataclass

import xmlsec
from cryptography import x509
from cryptography.hazmat.primitives import serialization

from signing.certificates import CertificateInfo, describe


@dataclass(frozen=True, slots=True)
class SigningKey:
    """A private key and its certificate, parsed once; hand it to every signature it makes."""

    key: xmlsec.Key
    certificate: x509.Certificate
    info: CertificateInfo

    @classmethod
    def from_pem(cls, key_pem: bytes, certificate_pem: bytes) -> SigningKey:
        key = xmlsec.Key.from_memory(key_pem, xmlsec.constants.KeyDataFormatPem)
        key.load_cert_from_memory(certificate_pem, xmlsec.constants.KeyDataFormatPem)
        certificate = x509.load_pem_x509_certificate(certificate_pem)
        return cls(key, certificate, describe(certificate))

    @property
    def certificate_der(self) -> bytes:
        return self.certificate.public_bytes(serialization.Encoding.DER)


@functools.lru_cache(maxsize=1024)
def verification_key(certificate_der: bytes) -> xmlsec.Key:
    """The public key of a certificate as an xmlsec key, parsed once per certificate."""
    return xmlsec.Key.from_memory(certificate_der, xmlsec.constants.KeyDataFormatCertDer)
