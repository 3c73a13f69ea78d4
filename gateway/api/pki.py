"""The test PKI over HTTP: CA certificates, the CRL and a real OCSP responder for relying parties, and an
operator API to issue and revoke test certificates.

Public: ``GET /pki/root.crt``, ``/pki/ca.crt``, ``/pki/chain.pem``, ``GET /pki/crl`` (DER), ``POST /pki/ocsp``
(RFC 6960, DER in and out). Operator (admin token outside dev mode): ``/api/v1/pki/certificates``.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated, Any, Literal

import anyio.to_thread
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.x509 import ocsp
from fastapi import APIRouter, Query, Request, Response
from pydantic import BaseModel, Field

from gateway.api.deps import AdminDep, RuntimeDep
from gateway.api.fields import Flag
from gateway.errors import NotFound, SchemaViolation
from gateway.pki import CertificateRequest, issue, issued_certificate, list_certificates, revoke, subject_for
from gateway.runtime import Runtime
from signing.iin import bin_problem, iin_problem
from signing.pki.authority import TestPki
from signing.pki.profiles import PublicationUrls
from signing.pki.revocation import OCSP_VALIDITY, Revocation

router = APIRouter(tags=["PKI"])

_PEM = "application/x-pem-file"
_CRL = "application/pkix-crl"
_OCSP = "application/ocsp-response"


def _answers(media_type: str) -> dict[int | str, dict[str, Any]]:
    return {200: {"content": {media_type: {}}}}


def _authority(runtime: Runtime) -> TestPki:
    if runtime.pki.authority is None:
        raise NotFound("the test PKI is not loaded yet")
    return runtime.pki.authority


@router.get(
    "/pki/root.crt", summary="The test root CA certificate (PEM)", response_class=Response, responses=_answers(_PEM)
)
async def root_certificate(runtime: RuntimeDep) -> Response:
    return Response(_authority(runtime).root.certificate_pem(), media_type=_PEM)


@router.get(
    "/pki/ca.crt", summary="The issuing CA certificate (PEM)", response_class=Response, responses=_answers(_PEM)
)
async def issuing_certificate(runtime: RuntimeDep) -> Response:
    return Response(_authority(runtime).issuing.certificate_pem(), media_type=_PEM)


@router.get(
    "/pki/chain.pem",
    summary="Issuing CA then root, PEM: what a relying party must trust",
    response_class=Response,
    responses=_answers(_PEM),
)
async def chain(runtime: RuntimeDep) -> Response:
    return Response(_authority(runtime).chain_pem(), media_type=_PEM)


@router.get("/pki/crl", summary="The issuing CA's current CRL (DER)", response_class=Response, responses=_answers(_CRL))
async def crl(runtime: RuntimeDep) -> Response:
    authority = _authority(runtime)
    verifier = runtime.pki.verifier
    assert verifier is not None
    current = verifier.revocation_source.crl(authority.issuing.certificate)
    assert current is not None
    return Response(current.public_bytes(serialization.Encoding.DER), media_type=_CRL)


@router.post(
    "/pki/ocsp",
    summary="OCSP responder (RFC 6960): DER request in, DER response out",
    response_class=Response,
    responses=_answers(_OCSP),
)
async def ocsp_responder(request: Request, runtime: RuntimeDep) -> Response:
    authority = _authority(runtime)
    try:
        query = ocsp.load_der_ocsp_request(await request.body())
    except ValueError:
        return _ocsp(ocsp.OCSPResponseBuilder.build_unsuccessful(ocsp.OCSPResponseStatus.MALFORMED_REQUEST))
    if query.issuer_key_hash != _key_hash(authority.issuing.certificate, query.hash_algorithm):
        return _ocsp(ocsp.OCSPResponseBuilder.build_unsuccessful(ocsp.OCSPResponseStatus.UNAUTHORIZED))
    engine = runtime.database.sync_engine

    def lookup() -> x509.Certificate | None:
        with engine.connect() as connection:
            return issued_certificate(connection, query.serial_number)

    certificate = await anyio.to_thread.run_sync(lookup)
    if certificate is None:
        return _ocsp(ocsp.OCSPResponseBuilder.build_unsuccessful(ocsp.OCSPResponseStatus.UNAUTHORIZED))
    now = runtime.clock.now()
    revocation = runtime.pki.revocations.get(query.serial_number)
    builder = ocsp.OCSPResponseBuilder().add_response(
        cert=certificate,
        issuer=authority.issuing.certificate,
        algorithm=query.hash_algorithm,
        cert_status=ocsp.OCSPCertStatus.REVOKED if revocation else ocsp.OCSPCertStatus.GOOD,
        this_update=now - timedelta(minutes=1),
        next_update=now + OCSP_VALIDITY,
        revocation_time=revocation.revoked_at if revocation else None,
        revocation_reason=revocation.reason if revocation else None,
    )
    builder = builder.responder_id(ocsp.OCSPResponderEncoding.HASH, authority.issuing.certificate)
    try:
        nonce = query.extensions.get_extension_for_class(x509.OCSPNonce).value
        builder = builder.add_extension(nonce, critical=False)
    except x509.ExtensionNotFound:
        pass
    return _ocsp(builder.sign(authority.issuing.private_key, hashes.SHA256()))


def _key_hash(certificate: x509.Certificate, algorithm: hashes.HashAlgorithm) -> bytes:
    """CertID.issuerKeyHash: the hash of the issuer's subjectPublicKey BIT STRING (for RSA, the PKCS#1 key)."""
    digest = hashes.Hash(algorithm)
    digest.update(certificate.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.PKCS1))
    return digest.finalize()


def _ocsp(response: ocsp.OCSPResponse) -> Response:
    return Response(response.public_bytes(serialization.Encoding.DER), media_type=_OCSP)


class IssueRequest(BaseModel):
    iin: str = Field(description="The holder's IIN; names are taken from the population when it has this IIN")
    bin: str | None = Field(default=None, description="A BIN makes it a legal entity employee's certificate")
    organization: str | None = None
    role: Literal["sign", "auth"] = "sign"
    surname: str | None = None
    name: str | None = None
    patronymic: str | None = None
    revoked: Flag = False
    expired: Flag = False
    not_yet_valid: Flag = Field(default=False, alias="notYetValid")


@router.get("/api/v1/pki/certificates", summary="Certificates the test CA issued, newest first")
async def certificates(runtime: RuntimeDep, _: AdminDep) -> dict[str, Any]:
    engine = runtime.database.sync_engine

    def read() -> list[dict[str, Any]]:
        with engine.connect() as connection:
            return list_certificates(connection)

    return {"certificates": await anyio.to_thread.run_sync(read)}


@router.post("/api/v1/pki/certificates", summary="Issue a test certificate (private key included)", status_code=201)
async def issue_certificate(body: IssueRequest, runtime: RuntimeDep, _: AdminDep) -> dict[str, Any]:
    problem = iin_problem(body.iin) or (bin_problem(body.bin) if body.bin else None)
    if problem:
        raise SchemaViolation(f"cannot issue a certificate: {problem}")
    authority = _authority(runtime)
    engine = runtime.database.sync_engine
    urls = PublicationUrls(runtime.settings.advertised_url)
    now = runtime.clock.now()

    def work() -> dict[str, Any]:
        with engine.begin() as connection:
            subject = subject_for(
                connection, body.iin, body.bin, body.organization, body.surname, body.name, body.patronymic
            )
            request = CertificateRequest(subject, body.role, body.revoked, body.expired, body.not_yet_valid)
            issued = issue(authority, connection, request, urls, now)
        return {
            "serial": f"{issued.certificate.serial_number:X}",
            "certificatePem": issued.certificate_pem().decode(),
            "privateKeyPem": issued.private_key_pem().decode(),
            "chainPem": authority.chain_pem().decode(),
        }

    result = await anyio.to_thread.run_sync(work)
    if body.revoked:
        runtime.pki.revocations.add(Revocation(int(result["serial"], 16), now, x509.ReasonFlags.key_compromise))
    return result


@router.post("/api/v1/pki/certificates/{serial}/revoke", summary="Revoke a certificate now")
async def revoke_certificate(
    serial: str, runtime: RuntimeDep, _: AdminDep, reason: Annotated[str, Query()] = "key_compromise"
) -> dict[str, Any]:
    try:
        number, flag = int(serial, 16), x509.ReasonFlags[reason]
    except (ValueError, KeyError):
        raise SchemaViolation(f"not a hexadecimal serial and a CRL reason: {serial!r}, {reason!r}") from None
    engine = runtime.database.sync_engine
    now = runtime.clock.now()

    def work() -> bool:
        with engine.begin() as connection:
            return revoke(connection, number, now, flag)

    if not await anyio.to_thread.run_sync(work):
        raise NotFound(f"the test CA never issued serial {serial}")
    runtime.pki.revocations.add(Revocation(number, now, flag))
    return {"serial": serial.upper(), "revokedAt": now.isoformat(), "reason": flag.name}
