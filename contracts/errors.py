"""What can be wrong with a document, before anyone decides whose fault it is.

The same checks run on a client's request and on a provider's answer; the gateway maps each class to a
fault code with the hop that failed (``gateway/errors.py``). The tree::

    ContractError
    ├── XmlRejected              the bytes are not acceptable XML
    │   ├── MalformedXml         not well-formed, bad encoding, undefined entity
    │   ├── ForbiddenDtd         a DOCTYPE (and with it any entity declaration)
    │   ├── XmlTooLarge          more bytes than the limit
    │   └── XmlTooDeep           nesting deeper than the limit
    ├── SoapError                well-formed XML, but not the SOAP 1.1 message expected
    │   ├── NotSoapEnvelope      no Envelope, no Body, or an empty Body
    │   └── SoapVersionMismatch  a SOAP 1.2 envelope on a SOAP 1.1 endpoint
    └── SchemaViolation          valid XML that breaks its schema; carries the errors with their paths
"""

from __future__ import annotations

from dataclasses import dataclass


class ContractError(Exception):
    """Base of every document-level rejection. ``str(error)`` is a message fit for a human."""


class XmlRejected(ContractError):
    pass


class MalformedXml(XmlRejected):
    pass


class ForbiddenDtd(XmlRejected):
    pass


class XmlTooLarge(XmlRejected):
    pass


class XmlTooDeep(XmlRejected):
    pass


class SoapError(ContractError):
    pass


class NotSoapEnvelope(SoapError):
    pass


class SoapVersionMismatch(SoapError):
    pass


@dataclass(frozen=True, slots=True)
class SchemaIssue:
    """One schema error: where (line and XPath-like path) and what."""

    line: int
    path: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line}, {self.path}: {self.message}"


class SchemaViolation(ContractError):
    def __init__(self, what: str, issues: tuple[SchemaIssue, ...]) -> None:
        self.what = what
        self.issues = issues
        first = str(issues[0]) if issues else "no detail"
        more = f" (and {len(issues) - 1} more)" if len(issues) > 1 else ""
        super().__init__(f"{what} does not match its schema: {first}{more}")
