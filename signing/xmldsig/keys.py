"""Keys parsed once: a signer's private key with its certificate (for xmlsec and for ``cryptography``), and
verification keys by certificate."""

from __future__ import annotations

import base64
import functools
from dataclasses import dataclass, field

import xmlsec
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey
from cryptography.hazmat.primitives.hashes import SHA256

from signing.certificates import CertificateInfo, describe


@dataclass(frozen=True, slots=True)
class SigningKey:
    """A private key and its certificate, parsed once; hand it to every signature it makes."""

    key: xmlsec.Key
    certificate: x509.Certificate
    info: CertificateInfo
    private_key: RSAPrivateKey
    certificate_der: bytes = field(repr=False)

    @classmethod
    def from_pem(cls, key_pem: bytes, certificate_pem: bytes) -> SigningKey:
        key = xmlsec.Key.from_memory(key_pem, xmlsec.constants.KeyDataFormatPem)
        key.load_cert_from_memory(certificate_pem, xmlsec.constants.KeyDataFormatPem)
        certificate = x509.load_pem_x509_certificate(certificate_pem)
        private_key = serialization.load_pem_private_key(key_pem, password=None)
        if not isinstance(private_key, RSAPrivateKey):
            raise ValueError("only RSA keys sign here (the Kazakh GOST keys are recognised, not used)")
        der = certificate.public_bytes(serialization.Encoding.DER)
        return cls(key, certificate, describe(certificate), private_key, der)


def rsa_sha256(key: SigningKey, canonical_signed_info: bytes) -> str:
    """The SignatureValue (base64) of RSA-SHA256 over a canonical SignedInfo.

    Signing goes through `cryptography` rather than xmlsec: its OpenSSL makes the RSA operation about twice as
    fast as the one bundled in the xmlsec wheel, and there is no template round trip (bench/README.md). Only
    verification, where xmlsec's checks matter, stays with xmlsec.
    """
    signature = key.private_key.sign(canonical_signed_info, PKCS1v15(), SHA256())
    return base64.b64encode(signature).decode("ascii")


@functools.lru_cache(maxsize=1024)
def verification_key(certificate_der: bytes) -> xmlsec.Key:
    """The public key of a certificate as an xmlsec key, parsed once per certificate."""
    return xmlsec.Key.from_memory(certificate_der, xmlsec.constants.KeyDataFormatCertDer)
