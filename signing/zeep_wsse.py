"""A zeep ``wsse`` plugin that signs and checks messages the way ShEP does.

zeep's own ``zeep.wsse.Signature`` signs with RSA-SHA1 by default, puts the certificate in ``X509Data``,
and verifies answers against the *client's* certificate without chain or revocation checks
(shared/notes/signing-kz-pki-xmldsig.md §3.4). This one writes ShEP's form (RSA-SHA256, exclusive C14N,
the certificate in a ``KeyIdentifier``) and, given a verifier, runs the gateway's own pipeline on answers::

    from signing.zeep_wsse import ShepWsse
    from signing.xmldsig import SigningKey

    key = SigningKey.from_pem(open("portal/key.pem", "rb").read(), open("portal/cert.pem", "rb").read())
    client = zeep.Client("http://127.0.0.1:8080/bip-sync/?wsdl", wsse=ShepWsse(key))
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from signing.verification import Expectation, Verifier
from signing.xmldsig import SigningKey, sign_envelope


class ShepWsse:
    def __init__(
        self, key: SigningKey, verifier: Verifier | None = None, expectation: Expectation | None = None
    ) -> None:
        self.key = key
        self.verifier = verifier
        self.expectation = expectation or Expectation(key_kind="any", subject_kind="legal")

    def apply(self, envelope: etree._Element, headers: dict[str, Any]) -> tuple[etree._Element, dict[str, Any]]:
        sign_envelope(envelope, self.key)
        return envelope, headers

    def verify(self, envelope: etree._Element) -> etree._Element:
        """Raise :class:`signing.errors.SignatureRejected` if the answer's signature does not hold."""
        if self.verifier is not None:
            self.verifier.verify_transport(envelope, self.expectation)
        return envelope
