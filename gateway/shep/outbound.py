"""What the gateway sends, checked against contracts/ before it leaves (docs/contracts.md: validation).

Inbound messages are always checked: the gateway must read them. What it builds itself — the SendMessage it
forwards, the answer it returns, the async channel's answers — is checked when the instance and the service
ask for it (``schema_validation``: on by default in dev mode), so that a gateway that would put a message
breaking its WSDL on the wire fails loudly, naming the path, instead of leaving a client to find out.
"""

from __future__ import annotations

from lxml import etree

from contracts import errors as contract_errors
from contracts.loader import validate
from gateway import errors


def check_outbound(schema: etree.XMLSchema, element: etree._Element, what: str) -> None:
    """Raise :class:`~gateway.errors.OutboundSchemaViolation` naming the failing paths if ``element`` breaks
    ``schema``."""
    try:
        validate(schema, element, what)
    except contract_errors.SchemaViolation as error:
        raise errors.OutboundSchemaViolation(str(error), detail="\n".join(map(str, error.issues))) from None
