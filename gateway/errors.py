"""Every fault the gateway answers with: a stable code, a human message and the hop that failed.

Codes are Qaqpa's own (ShEP publishes none; shared/notes/protocols-shep-xroad.md §1.4) and follow
X-Road's idea of naming the hop first (§2.4). The tree, with the code of each leaf::

    GatewayFault
    ├── ClientFault                      hop "client": the request is at fault
    │   ├── InvalidContentType           Client.InvalidContentType
    │   ├── SoapVersionMismatch          Client.SoapVersionMismatch
    │   ├── BodyTooLarge                 Client.BodyTooLarge
    │   ├── MalformedXml                 Client.MalformedXml
    │   ├── ForbiddenDtd                 Client.ForbiddenDtd
    │   ├── XmlTooDeep                   Client.XmlTooDeep
    │   ├── InvalidSoap                  Client.InvalidSoap
    │   ├── SchemaViolation              Client.SchemaViolation
    │   ├── PayloadSchemaViolation       Client.PayloadSchemaViolation
    │   ├── AuthenticationFailed         Client.AuthenticationFailed
    │   ├── TooManyFailedSignIns         Client.TooManyFailedSignIns (throttled after repeated failed sign-ins)
    │   ├── AccessDenied                 Client.AccessDenied
    │   ├── UnknownService               Client.UnknownService
    │   ├── InvalidFaultHeader           Client.InvalidFaultHeader   (X-Qaqpa-Fault names no fault a mock can commit)
    │   ├── InvalidRunHeader             Client.InvalidRunHeader     (X-Qaqpa-Run is not a run identifier)
    │   ├── ClientSignatureFault         Client.Signature.<reason>   (the client's transport or payload signature)
    │   ├── NotFound                     Client.NotFound             (REST: no such resource)
    │   ├── InvalidRecord                Client.InvalidRecord        (REST: a population record a mock could not read)
    │   ├── Conflict                     Client.Conflict             (REST: the change contradicts what is stored)
    │   ├── UnknownMessage               Client.UnknownMessage       (async: no such message for this sender)
    │   ├── UnknownCorrelation           Client.UnknownCorrelation   (async: no REQUEST has this correlationId)
    │   ├── InvalidMessageChain          Client.InvalidMessageChain  (async: wrong message type for the chain)
    │   └── ResponseWindowClosed         Client.ResponseWindowClosed (async: a RESPONSE after the window; kept as late)
    ├── GatewayInternalFault             hop "gateway": Qaqpa itself failed
    │   ├── InternalError                Gateway.InternalError
    │   ├── OutboundSchemaViolation      Gateway.OutboundSchemaViolation (what the gateway built breaks contracts/)
    │   ├── ServiceDisabled              Gateway.ServiceDisabled
    │   └── DatabaseUnavailable          Gateway.DatabaseUnavailable (its database away: nothing done, try again)
    └── ProviderFault                    hop "provider": the information system behind the gateway
        ├── ProviderUnreachable          Provider.Unreachable
        ├── ProviderTimeout              Provider.Timeout
        ├── ProviderConnectionReset      Provider.ConnectionReset
        ├── ProviderHttpError            Provider.HttpError
        ├── ProviderFaulted              Provider.Fault              (the provider's ErrorInfo is the subError)
        ├── ProviderUnavailable          Provider.Unavailable        (a Fault with HTTP 503: it may pass)
        ├── ProviderMalformedResponse    Provider.MalformedResponse
        ├── ProviderSchemaViolation      Provider.SchemaViolation
        └── ProviderSignatureFault       Provider.Signature.<reason> (the provider's payload signature)

A signature fault's ``<reason>`` is one of signing/errors.py's (``Client.Signature.IinMismatch``, …).

docs/errors.md explains each code with its cause and fix; a test keeps that page and this tree in step.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from contracts import errors as contract_errors
from contracts.shep import ErrorInfo
from signing.errors import REASONS, SignatureRejected

Hop = Literal["client", "gateway", "provider"]
SoapFaultCode = Literal["Client", "Server", "VersionMismatch"]


class GatewayFault(Exception):
    code: str
    hop: ClassVar[Hop]
    http_status: ClassVar[int]
    soap_fault_code: ClassVar[SoapFaultCode]

    def __init__(
        self, message: str, *, detail: str | None = None, sub_error: ErrorInfo | None = None, system: str | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail
        self.sub_error = sub_error
        self.system = system

    @property
    def actor(self) -> str:
        """The SOAP ``faultactor``: a URI naming the hop (and the system, for a provider)."""
        if self.hop == "provider" and self.system:
            return f"urn:qaqpa:hop:provider:{self.system}"
        return f"urn:qaqpa:hop:{self.hop}"


class ClientFault(GatewayFault):
    hop: ClassVar[Hop] = "client"
    http_status = 400
    soap_fault_code: ClassVar[SoapFaultCode] = "Client"


class InvalidContentType(ClientFault):
    code = "Client.InvalidContentType"
    http_status = 415


class SoapVersionMismatch(ClientFault):
    code = "Client.SoapVersionMismatch"
    soap_fault_code = "VersionMismatch"


class BodyTooLarge(ClientFault):
    code = "Client.BodyTooLarge"
    http_status = 413


class MalformedXml(ClientFault):
    code = "Client.MalformedXml"


class ForbiddenDtd(ClientFault):
    code = "Client.ForbiddenDtd"


class XmlTooDeep(ClientFault):
    code = "Client.XmlTooDeep"


class InvalidSoap(ClientFault):
    code = "Client.InvalidSoap"


class SchemaViolation(ClientFault):
    code = "Client.SchemaViolation"


class PayloadSchemaViolation(ClientFault):
    code = "Client.PayloadSchemaViolation"


class AuthenticationFailed(ClientFault):
    code = "Client.AuthenticationFailed"
    http_status = 401


class TooManyFailedSignIns(ClientFault):
    code = "Client.TooManyFailedSignIns"
    http_status = 429


class AccessDenied(ClientFault):
    code = "Client.AccessDenied"
    http_status = 403


class UnknownService(ClientFault):
    code = "Client.UnknownService"
    http_status = 404


class InvalidFaultHeader(ClientFault):
    code = "Client.InvalidFaultHeader"


class InvalidRunHeader(ClientFault):
    code = "Client.InvalidRunHeader"


class ClientSignatureFault(ClientFault):
    """The client's signature was missing or refused; the code carries the reason."""

    http_status = 403

    def __init__(self, rejected: SignatureRejected, layer: str) -> None:
        super().__init__(f"{_LAYER_NAMES[layer]} signature refused: {rejected.message}", detail=rejected.reason)
        self.code = f"Client.Signature.{rejected.reason}"
        self.rejected = rejected


class NotFound(ClientFault):
    code = "Client.NotFound"
    http_status = 404


class InvalidRecord(ClientFault):
    code = "Client.InvalidRecord"


class Conflict(ClientFault):
    code = "Client.Conflict"
    http_status = 409


class UnknownMessage(ClientFault):
    code = "Client.UnknownMessage"
    http_status = 404


class UnknownCorrelation(ClientFault):
    code = "Client.UnknownCorrelation"
    http_status = 404


class InvalidMessageChain(ClientFault):
    code = "Client.InvalidMessageChain"
    http_status = 409


class ResponseWindowClosed(ClientFault):
    code = "Client.ResponseWindowClosed"
    http_status = 409


class GatewayInternalFault(GatewayFault):
    hop = "gateway"
    http_status = 500
    soap_fault_code = "Server"


class InternalError(GatewayInternalFault):
    code = "Gateway.InternalError"


class OutboundSchemaViolation(GatewayInternalFault):
    code = "Gateway.OutboundSchemaViolation"


class ServiceDisabled(GatewayInternalFault):
    code = "Gateway.ServiceDisabled"
    http_status = 503


class DatabaseUnavailable(GatewayInternalFault):
    code = "Gateway.DatabaseUnavailable"
    http_status = 503

    def __init__(self) -> None:
        super().__init__(
            "the gateway's database is unavailable: nothing of this request was done or kept; try again once "
            "/health answers 200"
        )


class ProviderFault(GatewayFault):
    hop = "provider"
    http_status = 502
    soap_fault_code = "Server"


class ProviderUnreachable(ProviderFault):
    code = "Provider.Unreachable"


class ProviderTimeout(ProviderFault):
    code = "Provider.Timeout"
    http_status = 504


class ProviderConnectionReset(ProviderFault):
    code = "Provider.ConnectionReset"


class ProviderHttpError(ProviderFault):
    code = "Provider.HttpError"


class ProviderFaulted(ProviderFault):
    code = "Provider.Fault"


class ProviderUnavailable(ProviderFault):
    """A SOAP Fault sent with HTTP 503: the provider says it cannot serve for now, not that the request is wrong."""

    code = "Provider.Unavailable"
    http_status = 503


class ProviderMalformedResponse(ProviderFault):
    code = "Provider.MalformedResponse"


class ProviderSchemaViolation(ProviderFault):
    code = "Provider.SchemaViolation"


class ProviderSignatureFault(ProviderFault):
    """The provider's signature on its answer was missing or refused; the code carries the reason."""

    def __init__(self, rejected: SignatureRejected, system: str) -> None:
        super().__init__(f"the {system} answer's signature was refused: {rejected.message}", system=system)
        self.detail = rejected.reason
        self.code = f"Provider.Signature.{rejected.reason}"
        self.rejected = rejected


_LAYER_NAMES = {"transport": "the WS-Security (transport)", "payload": "the payload's (enveloped)"}


def all_fault_classes() -> list[type[GatewayFault]]:
    """Every concrete fault with a fixed code (the leaves of the tree)."""
    leaves: list[type[GatewayFault]] = []
    pending: list[type[GatewayFault]] = [GatewayFault]
    while pending:
        cls = pending.pop()
        children = cls.__subclasses__()
        if children:
            pending.extend(children)
        elif "code" in cls.__dict__:
            leaves.append(cls)
    return sorted(leaves, key=lambda leaf: leaf.code)


def all_fault_codes() -> list[str]:
    """Every code a fault can carry, signature reasons included: what docs/errors.md must explain."""
    codes = [fault.code for fault in all_fault_classes()]
    codes += [f"{hop}.Signature.{reason}" for hop in ("Client", "Provider") for reason in REASONS]
    return sorted(codes)


_CLIENT_DOCUMENT_FAULTS: dict[type[contract_errors.ContractError], type[ClientFault]] = {
    contract_errors.MalformedXml: MalformedXml,
    contract_errors.ForbiddenDtd: ForbiddenDtd,
    contract_errors.XmlTooLarge: BodyTooLarge,
    contract_errors.XmlTooDeep: XmlTooDeep,
    contract_errors.NotSoapEnvelope: InvalidSoap,
    contract_errors.SoapVersionMismatch: SoapVersionMismatch,
    contract_errors.SchemaViolation: SchemaViolation,
}


def client_fault_for(error: contract_errors.ContractError) -> ClientFault:
    """Translate a rejection of the client's document into the client-hop fault."""
    fault_class = _CLIENT_DOCUMENT_FAULTS.get(type(error), InvalidSoap)
    return fault_class(str(error), detail=_issues(error))


def provider_fault_for(error: contract_errors.ContractError, system: str) -> ProviderFault:
    """Translate a rejection of a provider's answer into the provider-hop fault."""
    if isinstance(error, contract_errors.SchemaViolation):
        return ProviderSchemaViolation(
            f"the {system} answer breaks the contract: {error}", detail=_issues(error), system=system
        )
    return ProviderMalformedResponse(f"the {system} answer is unusable: {error}", system=system)


def _issues(error: contract_errors.ContractError) -> str | None:
    if isinstance(error, contract_errors.SchemaViolation):
        return "\n".join(str(issue) for issue in error.issues)
    return None
