"""The verification pipeline: every check a signature must pass, each failure with its own reason.

The steps of shared/notes/signing-kz-pki-xmldsig.md §2.6, in order:

1. locate the signature(s) where the shape says they must be, and nowhere else;
2. structure: one Reference pointing where the shape says (the document for an enveloped signature, the
   Body that is the Envelope's child for WS-Security: no signature wrapping), allowlisted algorithms and
   transforms (the Kazakh GOST URIs are *unsupported*, never *invalid*; SHA-1 only if allowed), the key
   from one X.509 certificate and nothing else, no comment splitting a signed value (§4.5);
3. cryptography with xmlsec, the key pinned to that certificate; a failure is diagnosed into what changed:
   the signed content, the SignedInfo, or the key;
4. the certificate: it chains to the test CA at the clock's *now*, its dates, revocation by CRL and/or OCSP
   (their own signatures and freshness checked);
5. its profile: a SIGN key to sign, the expected kind of subject;
6. the binding: the IIN or BIN the caller expects.

python-xmlsec checks chains only against the real current time and cannot load CRLs (§2.2), so it is used
for the cryptography alone and the rest is done here with ``cryptography``.
"""

from __future__ import annotations

import base64
import binascii
import copy
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

import xmlsec
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509 import ocsp
from cryptography.x509.verification import ExtensionPolicy, PolicyBuilder, Store, VerificationError
from lxml import etree

from contracts import namespaces as ns
from signing import oids
from signing.certificates import CertificateInfo, KeyKind, SubjectKind, describe
from signing.errors import Reason, SignatureRejected
from signing.pki.revocation import RevocationSource
from signing.xmldsig.keys import verification_key

RevocationCheck = Literal["crl", "ocsp", "both", "none"]
Layer = Literal["transport", "payload"]

_DS = oids.DS
_SIGNATURE = ns.qname(_DS, "Signature")
_BODY = ns.qname(ns.SOAP11_ENV, "Body")
_HEADER = ns.qname(ns.SOAP11_ENV, "Header")
_SECURITY = ns.qname(ns.WSSE, "Security")
_WSU_ID = ns.qname(ns.WSU, "Id")
_SIGNATURE_METHODS = {oids.RSA_SHA256: hashes.SHA256(), oids.RSA_SHA512: hashes.SHA512()}
_WEAK_SIGNATURE_METHODS = {oids.RSA_SHA1: hashes.SHA1(), oids.RSA_SHA1_MORE: hashes.SHA1()}
_DIGESTS = {oids.SHA256: hashes.SHA256(), oids.SHA512: hashes.SHA512()}
_WEAK_DIGESTS = {oids.SHA1: hashes.SHA1(), oids.SHA1_MORE: hashes.SHA1()}
_XMLSEC_TRANSFORMS = (
    xmlsec.constants.TransformEnveloped,
    xmlsec.constants.TransformInclC14N,
    xmlsec.constants.TransformInclC14NWithComments,
    xmlsec.constants.TransformExclC14N,
    xmlsec.constants.TransformExclC14NWithComments,
    xmlsec.constants.TransformInclC14N11,
    xmlsec.constants.TransformInclC14N11WithComments,
)
_XMLSEC_DIGESTS = (xmlsec.constants.TransformSha256, xmlsec.constants.TransformSha512, xmlsec.constants.TransformSha1)
_XMLSEC_SIGNATURE_METHODS = (
    xmlsec.constants.TransformRsaSha256,
    xmlsec.constants.TransformRsaSha512,
    xmlsec.constants.TransformRsaSha1,
)
# A comment glued to text on either side splits a value (<iin>8508<!---->08310738</iin>).
_SPLITTING_COMMENT = re.compile(r"[^\s>]<!--.*?-->|<!--.*?-->[^\s<]", re.DOTALL)


@dataclass(frozen=True, slots=True)
class Expectation:
    """What a signature must be beyond cryptographically sound: whose, which key, bound to what."""

    key_kind: KeyKind | Literal["any"] = "sign"
    subject_kind: SubjectKind | None = None
    iin: str | None = None
    bin: str | None = None


@dataclass(frozen=True, slots=True)
class Verdict:
    layer: Layer
    valid: bool
    reason: Reason | None
    message: str
    signer: CertificateInfo | None = None
    algorithm: str | None = None
    revocation: dict[str, str] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {
            "layer": self.layer,
            "valid": self.valid,
            "reason": self.reason,
            "message": self.message,
            "algorithm": self.algorithm,
            "revocation": self.revocation,
            "signer": self.signer.as_json() if self.signer else None,
        }


@dataclass(slots=True)
class _Inspected:
    signature: etree._Element
    certificate: x509.Certificate
    info: CertificateInfo
    signature_method: str
    referenced: etree._Element | None
    """For an ``#id`` reference, the one element that carries the id."""


class TrustStore:
    """The CA certificates signatures must chain to, built once."""

    def __init__(self, roots: list[x509.Certificate], intermediates: list[x509.Certificate]) -> None:
        self.roots = roots
        self.intermediates = intermediates
        self._store = Store(roots)
        self._issuers = {certificate.subject: certificate for certificate in roots + intermediates}
        self._windows: dict[bytes, tuple[datetime, datetime]] = {}

    def issuer_of(self, certificate: x509.Certificate) -> x509.Certificate | None:
        return self._issuers.get(certificate.issuer)

    def chain(self, leaf: x509.Certificate, at: datetime) -> None:
        """Raise VerificationError unless ``leaf`` chains to a root at ``at``.

        A chain that held once holds for as long as every certificate in it is valid: that window is
        remembered per leaf, so the path is built once per certificate, not once per message.
        """
        fingerprint = leaf.fingerprint(hashes.SHA256())
        window = self._windows.get(fingerprint)
        if window is not None and window[0] <= at <= window[1]:
            return
        verifier = (
            PolicyBuilder()
            .store(self._store)
            .time(at)
            .extension_policies(ee_policy=ExtensionPolicy.permit_all(), ca_policy=ExtensionPolicy.webpki_defaults_ca())
            .build_client_verifier()
        )
        chain = verifier.verify(leaf, self.intermediates).chain
        if len(self._windows) > 4096:
            self._windows.clear()
        self._windows[fingerprint] = (
            max(certificate.not_valid_before_utc for certificate in chain),
            min(certificate.not_valid_after_utc for certificate in chain),
        )


class Verifier:
    """Verifies signatures against one trust store and one source of revocation answers. Build once."""

    def __init__(
        self,
        trust: TrustStore,
        revocation: RevocationSource,
        now: Callable[[], datetime],
        *,
        check: RevocationCheck = "both",
        allow_sha1: bool = False,
    ) -> None:
        self._trust = trust
        self._revocation = revocation
        self.revocation_source = revocation
        self._now = now
        self.check = check
        self.allow_sha1 = allow_sha1
        self._signed: set[tuple[bytes, bytes]] = set()

    # --- the two shapes ---------------------------------------------------------------------------------

    def verify_enveloped(
        self, root: etree._Element, expectation: Expectation, *, source: str | bytes | None = None
    ) -> list[Verdict]:
        """Verify every enveloped signature of the document ``root`` (last first, as Kalkan signs).

        Raises :class:`SignatureRejected` for the first that fails; ``source`` is the document's text as
        received, for the comment check.
        """
        document = copy.deepcopy(root)
        signatures = [child for child in document if child.tag == _SIGNATURE]
        self._refuse_stray_signatures(document, signatures)
        if not signatures:
            raise SignatureRejected("Missing", "the document carries no enveloped ds:Signature")
        trailing = list(document)[-len(signatures) :]
        if trailing != signatures:
            raise SignatureRejected("Misplaced", "enveloped signatures must be the last children of the document")
        self._refuse_splitting_comments(source)
        verdicts = []
        for signature in reversed(signatures):
            inspected = self._inspect(signature, document, expected_uri="")
            verdicts.append(self._conclude(inspected, document, "payload", expectation))
            document.remove(signature)
        return verdicts

    def verify_transport(
        self, envelope: etree._Element, expectation: Expectation, *, source: str | bytes | None = None
    ) -> Verdict:
        """Verify the WS-Security signature of a SOAP envelope over its Body (the envelope is not changed)."""
        document = envelope
        header = document.find(_HEADER)
        security = header.find(_SECURITY) if header is not None else None
        signatures = security.findall(_SIGNATURE) if security is not None else []
        # Signatures inside the Body belong to the payload (the business layer); only the Header's are ours.
        if header is not None:
            self._refuse_stray_signatures(header, signatures)
        if not signatures:
            raise SignatureRejected("Missing", "soap:Header/wsse:Security/ds:Signature is missing")
        if len(signatures) > 1:
            raise SignatureRejected("Misplaced", f"wsse:Security holds {len(signatures)} signatures; one is expected")
        body = document.find(_BODY)
        if body is None or not body.get(_WSU_ID):
            raise SignatureRejected("WrongReference", "the soap:Body carries no wsu:Id for the signature to point at")
        self._refuse_splitting_comments(source)
        inspected = self._inspect(signatures[0], document, expected_uri=f"#{body.get(_WSU_ID)}", body=body)
        return self._conclude(inspected, document, "transport", expectation)

    # --- steps ------------------------------------------------------------------------------------------

    def _refuse_stray_signatures(self, scope: etree._Element, allowed: list[etree._Element]) -> None:
        for element in scope.iter(_SIGNATURE):
            if not any(element is signature for signature in allowed):
                where = scope.getroottree().getpath(element)
                raise SignatureRejected("Misplaced", f"a ds:Signature at {where} is where no signature may be")

    def _refuse_splitting_comments(self, source: str | bytes | None) -> None:
        if source is None:
            return
        text = source.decode("utf-8", errors="replace") if isinstance(source, bytes) else source
        match = _SPLITTING_COMMENT.search(text)
        if match:
            raise SignatureRejected(
                "CommentInSignedValue",
                f"a comment splits a value of the signed document ({match.group(0)[:60]!r}); comments lie outside "
                "the digest, so the value a careless reader sees is not the value that was signed",
            )

    def _inspect(
        self,
        signature: etree._Element,
        document: etree._Element,
        *,
        expected_uri: str,
        body: etree._Element | None = None,
    ) -> _Inspected:
        signed_info = signature.find(f"{{{_DS}}}SignedInfo")
        if signed_info is None or signature.find(f"{{{_DS}}}SignatureValue") is None:
            raise SignatureRejected("Malformed", "ds:Signature lacks SignedInfo or SignatureValue")
        if signature.find(f"{{{_DS}}}Object") is not None or signature.find(f".//{{{_DS}}}Manifest") is not None:
            raise SignatureRejected("Malformed", "ds:Object and ds:Manifest are not accepted in a signature")
        canonicalization = _algorithm(signed_info, "CanonicalizationMethod")
        if canonicalization not in oids.CANONICALIZATIONS:
            raise SignatureRejected("ForbiddenTransform", f"canonicalization {canonicalization!r} is not accepted")
        signature_method = _algorithm(signed_info, "SignatureMethod")
        self._check_algorithm(signature_method, oids.GOST_SIGNATURES, _SIGNATURE_METHODS, _WEAK_SIGNATURE_METHODS)
        references = signed_info.findall(f"{{{_DS}}}Reference")
        if len(references) != 1:
            raise SignatureRejected(
                "Malformed", f"the signature has {len(references)} references; exactly one is expected"
            )
        reference = references[0]
        uri = reference.get("URI")
        if uri != expected_uri:
            where = 'the whole document (URI="")' if expected_uri == "" else "the soap:Body"
            raise SignatureRejected("WrongReference", f"the signature references {uri!r}; it must sign {where}")
        self._check_algorithm(_algorithm(reference, "DigestMethod"), oids.GOST_DIGESTS, _DIGESTS, _WEAK_DIGESTS)
        for transform in reference.iterfind(f"{{{_DS}}}Transforms/{{{_DS}}}Transform"):
            algorithm = transform.get("Algorithm", "")
            if algorithm not in oids.TRANSFORMS or len(transform):
                raise SignatureRejected("ForbiddenTransform", f"transform {algorithm!r} is not accepted")
        referenced = None
        if body is not None:
            carriers = [
                e for e in document.iter() if e.get(_WSU_ID) == body.get(_WSU_ID) or e.get("Id") == body.get(_WSU_ID)
            ]
            if carriers != [body]:
                raise SignatureRejected(
                    "WrongReference",
                    f"the id {uri!r} must be carried by the soap:Body alone; {len(carriers)} elements carry it",
                )
            referenced = body
        certificate, info = self._certificate(signature)
        return _Inspected(signature, certificate, info, signature_method, referenced)

    def _check_algorithm(self, uri: str, gost: frozenset[str], strong: dict[str, Any], weak: dict[str, Any]) -> None:
        if uri in strong:
            return
        if uri in gost:
            raise SignatureRejected(
                "UnsupportedAlgorithm",
                f"{uri} is a Kazakh GOST algorithm; this sandbox verifies RSA only (not a verdict on the signature)",
            )
        if uri in weak:
            if self.allow_sha1:
                return
            raise SignatureRejected("WeakAlgorithm", f"{uri} uses SHA-1, which the signature policy forbids")
        raise SignatureRejected("UnsupportedAlgorithm", f"algorithm {uri!r} is not supported")

    def _certificate(self, signature: etree._Element) -> tuple[x509.Certificate, CertificateInfo]:
        key_info = signature.find(f"{{{_DS}}}KeyInfo")
        if key_info is None:
            raise SignatureRejected("KeyNotCertificate", "the signature has no KeyInfo: no certificate to trust")
        for forbidden in ("KeyValue", "RetrievalMethod", "DEREncodedKeyValue"):
            if key_info.find(f".//{{{_DS}}}{forbidden}") is not None:
                raise SignatureRejected(
                    "KeyNotCertificate", f"KeyInfo/{forbidden} is not accepted: keys come from X.509 certificates only"
                )
        texts = [e.text or "" for e in key_info.iterfind(f".//{{{_DS}}}X509Certificate")]
        texts += [
            e.text or ""
            for e in key_info.iterfind(f".//{{{ns.WSSE}}}KeyIdentifier")
            if e.get("ValueType") == oids.WSS_X509V3
        ]
        if len(texts) != 1:
            raise SignatureRejected(
                "KeyNotCertificate", f"KeyInfo must carry exactly one certificate, not {len(texts)}"
            )
        try:
            return _read_certificate("".join(texts[0].split()))
        except Exception as error:  # whatever the parser raises on these bytes (ValueError, DuplicateExtension, …)
            raise SignatureRejected(
                "KeyNotCertificate", f"the certificate in KeyInfo cannot be read: {error}"
            ) from None

    def _conclude(
        self, inspected: _Inspected, document: etree._Element, layer: Layer, expectation: Expectation
    ) -> Verdict:
        self._cryptography(inspected, document)
        revocation = self._certificate_checks(inspected)
        self._profile(inspected.info, expectation)
        return Verdict(
            layer=layer,
            valid=True,
            reason=None,
            message=f"signed by {inspected.info.subject}",
            signer=inspected.info,
            algorithm=inspected.signature_method,
            revocation=revocation,
        )

    def _cryptography(self, inspected: _Inspected, document: etree._Element) -> None:
        context = xmlsec.SignatureContext()
        try:
            context.key = verification_key(inspected.certificate.public_bytes(Encoding.DER))
        except xmlsec.Error:  # a certificate cryptography reads but libxmlsec1 cannot take a key from
            raise SignatureRejected(
                "Malformed", "the certificate in KeyInfo holds no key this verifier can use", inspected.info
            ) from None
        for transform in _XMLSEC_TRANSFORMS:
            context.enable_reference_transform(transform)
        for digest in _XMLSEC_DIGESTS:
            context.enable_reference_transform(digest)
        for method in _XMLSEC_SIGNATURE_METHODS:
            context.enable_signature_transform(method)
        for transform in _XMLSEC_TRANSFORMS[1:]:
            context.enable_signature_transform(transform)
        if inspected.referenced is not None:
            context.register_id(inspected.referenced, "Id", ns.WSU)
        try:
            context.verify(inspected.signature)
        except xmlsec.Error:
            raise _diagnose(inspected, document) from None

    def _certificate_checks(self, inspected: _Inspected) -> dict[str, str]:
        certificate, info = inspected.certificate, inspected.info
        now = self._now()
        if now < info.not_before:
            raise SignatureRejected(
                "CertificateNotYetValid",
                f"the certificate of {info.common_name} (serial {info.serial}) is valid from "
                f"{info.not_before:%Y-%m-%d %H:%M} UTC",
                info,
            )
        if now > info.not_after:
            raise SignatureRejected(
                "CertificateExpired",
                f"the certificate of {info.common_name} (serial {info.serial}) expired on "
                f"{info.not_after:%Y-%m-%d %H:%M} UTC",
                info,
            )
        issuer = self._trust.issuer_of(certificate)
        try:
            if issuer is None:
                raise VerificationError(f"no trusted CA is named {certificate.issuer.rfc4514_string()}")
            self._trust.chain(certificate, now)
        except VerificationError as error:
            raise SignatureRejected(
                "UntrustedCertificate",
                f"the certificate of {info.subject} (issuer {info.issuer}) does not chain to the test CA: {error}",
                info,
            ) from None
        assert issuer is not None
        return self._revocation_checks(certificate, issuer, info, now)

    def _revocation_checks(
        self, certificate: x509.Certificate, issuer: x509.Certificate, info: CertificateInfo, now: datetime
    ) -> dict[str, str]:
        checked: dict[str, str] = {}
        if self.check in ("crl", "both"):
            checked["crl"] = self._crl(certificate, issuer, info, now)
        if self.check in ("ocsp", "both"):
            checked["ocsp"] = self._ocsp(certificate, issuer, info, now)
        return checked

    def _crl(
        self, certificate: x509.Certificate, issuer: x509.Certificate, info: CertificateInfo, now: datetime
    ) -> str:
        crl = self._revocation.crl(issuer)
        if crl is None:
            raise SignatureRejected("RevocationUnknown", f"no CRL of {info.issuer} could be had", info)
        if not self._signed_by(issuer, crl.signature, lambda key: crl.is_signature_valid(key)):
            raise SignatureRejected("CrlInvalid", f"the CRL of {info.issuer} is not signed by its issuer", info)
        next_update = crl.next_update_utc
        if next_update is None or next_update < now:
            raise SignatureRejected(
                "CrlStale", f"the CRL of {info.issuer} expired at {next_update:%Y-%m-%d %H:%M} UTC (nextUpdate)", info
            )
        entry = crl.get_revoked_certificate_by_serial_number(certificate.serial_number)
        if entry is not None and entry.revocation_date_utc <= now:
            raise SignatureRejected(
                "RevokedByCrl",
                f"the certificate of {info.common_name} (serial {info.serial}) was revoked on "
                f"{entry.revocation_date_utc:%Y-%m-%d %H:%M} UTC ({_reason(entry)}), says the CRL of "
                f"{crl.last_update_utc:%Y-%m-%d %H:%M} UTC",
                info,
            )
        return f"good (CRL of {crl.last_update_utc:%Y-%m-%d %H:%M} UTC)"

    def _ocsp(
        self, certificate: x509.Certificate, issuer: x509.Certificate, info: CertificateInfo, now: datetime
    ) -> str:
        response = self._revocation.ocsp(certificate, issuer)
        if response is None:
            raise SignatureRejected("RevocationUnknown", f"the OCSP responder of {info.issuer} gave no answer", info)
        if response.response_status != ocsp.OCSPResponseStatus.SUCCESSFUL:
            raise SignatureRejected("OcspInvalid", f"the OCSP responder answered {response.response_status.name}", info)
        if not self._signed_by(issuer, response.signature, lambda key: _ocsp_signed_by(response, key)):
            raise SignatureRejected("OcspInvalid", f"the OCSP response is not signed by {info.issuer}", info)
        if response.serial_number != certificate.serial_number:
            raise SignatureRejected("OcspInvalid", "the OCSP response is about another certificate", info)
        next_update = response.next_update_utc
        if next_update is None or next_update < now or response.this_update_utc > now:
            raise SignatureRejected("OcspInvalid", "the OCSP response is not current (thisUpdate/nextUpdate)", info)
        if response.certificate_status == ocsp.OCSPCertStatus.REVOKED:
            revoked = response.revocation_time_utc
            raise SignatureRejected(
                "RevokedByOcsp",
                f"the certificate of {info.common_name} (serial {info.serial}) was revoked on "
                f"{revoked:%Y-%m-%d %H:%M} UTC, says OCSP",
                info,
            )
        if response.certificate_status == ocsp.OCSPCertStatus.UNKNOWN:
            raise SignatureRejected("RevocationUnknown", f"OCSP does not know serial {info.serial}", info)
        return f"good (OCSP of {response.this_update_utc:%Y-%m-%d %H:%M} UTC)"

    def _signed_by(self, issuer: x509.Certificate, signature: bytes, check: Callable[[rsa.RSAPublicKey], bool]) -> bool:
        """Whether a CRL or OCSP response carrying ``signature`` is signed by ``issuer``; remembered, since the
        same response serves many messages."""
        key = (issuer.fingerprint(hashes.SHA256()), signature)
        if key in self._signed:
            return True
        public_key = issuer.public_key()
        if not isinstance(public_key, rsa.RSAPublicKey) or not check(public_key):
            return False
        if len(self._signed) > 1024:
            self._signed.clear()
        self._signed.add(key)
        return True

    def _profile(self, info: CertificateInfo, expectation: Expectation) -> None:
        if expectation.key_kind != "any" and info.key_kind != expectation.key_kind:
            raise SignatureRejected(
                "WrongKeyUsage",
                f"the certificate of {info.common_name} (serial {info.serial}) is for a {info.key_kind.upper()} key; "
                f"this signature needs a {expectation.key_kind.upper()} key",
                info,
            )
        if expectation.subject_kind and info.subject_kind != expectation.subject_kind:
            wanted = (
                "an employee of a legal entity (OU=BIN…)" if expectation.subject_kind == "legal" else "an individual"
            )
            raise SignatureRejected(
                "WrongSubjectType", f"the signer {info.subject} is not {wanted}, as this signature requires", info
            )
        if expectation.iin is not None and info.iin != expectation.iin:
            raise SignatureRejected(
                "IinMismatch",
                f"the request is about IIN {expectation.iin} but signed by the holder of IIN {info.iin} "
                f"({info.common_name})",
                info,
            )
        if expectation.bin is not None and info.bin != expectation.bin:
            raise SignatureRejected(
                "BinMismatch",
                f"the signature must be by BIN {expectation.bin}; the certificate carries BIN {info.bin}",
                info,
            )


def _ocsp_signed_by(response: ocsp.OCSPResponse, public_key: rsa.RSAPublicKey) -> bool:
    algorithm = response.signature_hash_algorithm
    if algorithm is None:
        return False
    try:
        public_key.verify(response.signature, response.tbs_response_bytes, padding.PKCS1v15(), algorithm)
    except InvalidSignature:
        return False
    return True


@functools.lru_cache(maxsize=1024)
def _read_certificate(text: str) -> tuple[x509.Certificate, CertificateInfo]:
    """A certificate from its base64 text, and what it says: parsed once per certificate."""
    certificate = x509.load_der_x509_certificate(base64.b64decode(text))
    certificate.public_key()  # cryptography parses lazily: an unreadable key must fail here, not mid-check
    return certificate, describe(certificate)


def _algorithm(parent: etree._Element, name: str) -> str:
    element = parent.find(f"{{{_DS}}}{name}")
    if element is None:
        raise SignatureRejected("Malformed", f"ds:{name} is missing")
    return element.get("Algorithm", "")


def _reason(entry: x509.RevokedCertificate) -> str:
    try:
        reason = entry.extensions.get_extension_for_class(x509.CRLReason).value.reason
    except x509.ExtensionNotFound:
        return "no reason given"
    return reason.name


def _diagnose(inspected: _Inspected, document: etree._Element) -> SignatureRejected:
    """Work out which part of a signature that xmlsec refused no longer matches."""
    info = inspected.info
    signed_info = inspected.signature.find(f"{{{_DS}}}SignedInfo")
    assert signed_info is not None
    try:
        value = base64.b64decode("".join((inspected.signature.findtext(f"{{{_DS}}}SignatureValue") or "").split()))
    except (binascii.Error, ValueError):  # ValueError: not even ASCII
        return SignatureRejected("Malformed", "the SignatureValue is not base64", info)
    exclusive = _algorithm(signed_info, "CanonicalizationMethod").startswith(oids.EXC_C14N)
    try:
        canonical = etree.tostring(signed_info, method="c14n", exclusive=exclusive, with_comments=False)
    except etree.C14NError:  # e.g. a relative namespace URI, which canonical XML refuses
        return SignatureRejected("Malformed", "the SignedInfo cannot be canonicalised", info)
    algorithm = {**_SIGNATURE_METHODS, **_WEAK_SIGNATURE_METHODS}[inspected.signature_method]
    public_key = inspected.certificate.public_key()
    try:
        assert isinstance(public_key, rsa.RSAPublicKey)
        public_key.verify(value, canonical, padding.PKCS1v15(), algorithm)
        signature_ok = True
    except (InvalidSignature, AssertionError):
        signature_ok = False
    if signature_ok:
        return SignatureRejected(
            "DigestMismatch", "the signed content was changed after signing (the Reference digest does not match)", info
        )
    digest_ok = _reference_digest_matches(inspected, document)
    if digest_ok is False:
        return SignatureRejected(
            "SignedInfoAltered", "the SignedInfo (its DigestValue) was altered after signing", info
        )
    if digest_ok is True:
        return SignatureRejected(
            "KeyMismatch",
            "the signature was not made with the key of the certificate in KeyInfo "
            f"({info.subject}, serial {info.serial})",
            info,
        )
    return SignatureRejected("SignatureInvalid", "the signature value does not verify", info)


def _reference_digest_matches(inspected: _Inspected, document: etree._Element) -> bool | None:
    """Recompute the one Reference's digest for the shapes this pipeline accepts; None if it cannot tell."""
    reference = inspected.signature.find(f"{{{_DS}}}SignedInfo/{{{_DS}}}Reference")
    assert reference is not None
    transforms = [t.get("Algorithm") for t in reference.iterfind(f"{{{_DS}}}Transforms/{{{_DS}}}Transform")]
    digest_method = _algorithm(reference, "DigestMethod")
    algorithm = {**_DIGESTS, **_WEAK_DIGESTS}.get(digest_method)
    if algorithm is None:
        return None
    if inspected.referenced is not None:
        target = inspected.referenced
    else:
        target = copy.deepcopy(document)
        for signature in target.findall(_SIGNATURE):
            if etree.tostring(signature) == etree.tostring(inspected.signature):
                target.remove(signature)
    exclusive = any(t is not None and t.startswith(oids.EXC_C14N) for t in transforms)
    try:
        canonical = etree.tostring(target, method="c14n", exclusive=exclusive, with_comments=False)
    except etree.C14NError:
        return None
    computed = hashes.Hash(algorithm)
    computed.update(canonical)
    try:
        stated = base64.b64decode("".join((reference.findtext(f"{{{_DS}}}DigestValue") or "").split()))
    except (binascii.Error, ValueError):
        return None
    return computed.finalize() == stated
