"""The gateway's signature policy: which signatures it checks on each hop, what it expects of them, and the
signatures it makes.

- The client's **transport** signature (WS-Security over the Body), by the stricter of the sender's policy
  and the service's: ``required`` (``DEMO_PORTAL_STRICT``), ``optional`` (verified when present:
  ``DEMO_PORTAL``) or ``none``. The signer is a legal entity's system (OU=BIN), holding the sender's BIN if
  one is registered.
- The client's **payload** signature (enveloped, Kalkan shape), by the service's policy; a SIGN key, and the
  IIN the service names when the signature binds to one.
- The provider's **payload** signature, by the service's policy: the provider's legal-entity SIGN certificate
  carrying its BIN (shared/notes/signing-kz-pki-xmldsig.md §1.9).
- The gateway signs what it sends on both hops (WS-Security) as the simulated ShEP operator.

Every verdict, valid or not, is kept for the message log.
"""

from __future__ import annotations

from typing import Any, Literal

from lxml import etree

from contracts import namespaces as ns
from contracts.shep import Payload
from gateway.errors import ClientSignatureFault, ProviderSignatureFault
from gateway.pki import Pki
from gateway.registry import Service
from gateway.senders import Sender
from signing.errors import SignatureRejected
from signing.verification import Expectation, Verdict, Verifier
from signing.xmldsig import sign_envelope

Hop = Literal["client", "provider"]

_SECURITY_SIGNATURE = f"{{{ns.SOAP11_ENV}}}Header/{{{ns.WSSE}}}Security/{{{ns.DS}}}Signature"


class Signatures:
    def __init__(self, pki: Pki, *, sign_messages: bool = True) -> None:
        self._pki = pki
        self._sign_messages = sign_messages

    @property
    def _verifier(self) -> Verifier:
        if self._pki.verifier is None:
            raise RuntimeError("the PKI is not loaded")
        return self._pki.verifier

    def client_transport(
        self, envelope: etree._Element, source: bytes, sender: Sender, service: Service, record: list[dict[str, Any]]
    ) -> None:
        present = envelope.find(_SECURITY_SIGNATURE) is not None
        policy = _strictest(sender.signature_policy, service.transport_signature)
        if policy == "none" or (not present and policy == "optional"):
            return
        expectation = Expectation(key_kind="any", subject_kind="legal", bin=sender.bin)
        try:
            if not present:
                who = f"sender {sender.sender_id!r}" if sender.signature_policy == "required" else service.service_id
                raise SignatureRejected(
                    "Missing", f"{who} requires a signed request: soap:Header/wsse:Security is missing"
                )
            verdict = self._verifier.verify_transport(envelope, expectation, source=source)
        except SignatureRejected as rejected:
            record.append(_refusal("client", "transport", rejected))
            raise ClientSignatureFault(rejected, "transport") from None
        record.append(_accepted("client", verdict))

    def client_payload(self, payload: Payload, source: bytes, service: Service, record: list[dict[str, Any]]) -> None:
        if service.payload_signature == "none" or (not payload.is_signed and service.payload_signature == "optional"):
            return
        iin = payload.root.findtext(service.signer_iin_field) if service.signer_iin_field else None
        expectation = Expectation(key_kind="sign", iin=iin.strip() if iin else None)
        try:
            if not payload.is_signed:
                raise SignatureRejected(
                    "Missing", f"{service.service_id} needs a signed payload: no enveloped ds:Signature"
                )
            verdicts = self._verifier.verify_enveloped(
                payload.signed_document, expectation, source=payload.text or source
            )
        except SignatureRejected as rejected:
            record.append(_refusal("client", "payload", rejected))
            raise ClientSignatureFault(rejected, "payload") from None
        record.extend(_accepted("client", verdict) for verdict in verdicts)

    def provider_payload(self, payload: Payload, source: bytes, service: Service, record: list[dict[str, Any]]) -> None:
        if service.provider_signature == "none" or (not payload.is_signed and service.provider_signature == "optional"):
            return
        expectation = Expectation(key_kind="sign", subject_kind="legal", bin=service.provider_bin)
        try:
            if not payload.is_signed:
                raise SignatureRejected("Missing", f"{service.system} must sign its answer: no enveloped ds:Signature")
            verdicts = self._verifier.verify_enveloped(
                payload.signed_document, expectation, source=payload.text or source
            )
        except SignatureRejected as rejected:
            record.append(_refusal("provider", "payload", rejected))
            raise ProviderSignatureFault(rejected, service.system) from None
        record.extend(_accepted("provider", verdict) for verdict in verdicts)

    def sign(self, envelope: etree._Element) -> None:
        """Sign an envelope the gateway sends (WS-Security), as the simulated ShEP operator."""
        if self._sign_messages and self._pki.gateway_key is not None:
            sign_envelope(envelope, self._pki.gateway_key)


_STRICTNESS = {"none": 0, "optional": 1, "required": 2}


def _strictest(first: str, second: str) -> str:
    return max(first, second, key=lambda policy: _STRICTNESS[policy])


def _accepted(hop: Hop, verdict: Verdict) -> dict[str, Any]:
    return {"hop": hop, **verdict.as_json()}


def _refusal(hop: Hop, layer: Literal["transport", "payload"], rejected: SignatureRejected) -> dict[str, Any]:
    verdict = Verdict(
        layer=layer, valid=False, reason=rejected.reason, message=rejected.message, signer=rejected.signer
    )
    return {"hop": hop, **verdict.as_json()}
