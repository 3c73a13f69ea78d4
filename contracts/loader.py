"""The contract files of ``contracts/`` compiled once into validators.

Schemas are compiled from local files only (no network), once per process (:func:`load_contracts` is
cached), and shared read-only: lxml creates a fresh validation context per call.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from lxml import etree

from contracts import namespaces as ns
from contracts.errors import SchemaIssue, SchemaViolation

CONTRACTS_DIR = Path(__file__).resolve().parent

_SCHEMA_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


@dataclass(frozen=True, slots=True)
class PayloadContract:
    """The business payload of one mock system: its schema, and the root element and type of request and answer.

    The types are the QNames written in ``xsi:type`` when the payload travels inline in ``data``; the
    elements are the roots of the payload as a standalone document (escaped-string style).
    """

    name: str
    schema_file: str
    request_element: str
    request_type: str
    response_element: str
    response_type: str
    schema: etree.XMLSchema


@dataclass(frozen=True, slots=True)
class _PayloadSpec:
    schema_file: str
    namespace: str
    request: str
    response: str


_SIMULATED = ("zags", "eopeka", "cbdi", "sud", "isna", "enbek", "enpf", "gfss", "emaket", "epay", "sms", "socprot")

# Every payload schema a mock system speaks.
_PAYLOADS: Mapping[str, _PayloadSpec] = {
    "gbdfl": _PayloadSpec("gbdfl/message.xsd", ns.GBDFL_MESSAGE, "Request", "Response"),
    **{name: _PayloadSpec(f"sim/{name}.xsd", f"urn:qaqpa:sim:{name}:v1", "Request", "Response") for name in _SIMULATED},
}

SYNC_CHANNEL_SCHEMA = "shep/sync-channel.xsd"
SYNC_SERVICE_WSDL = "shep/SyncChannelHttp_Service.wsdl"
ASYNC_CHANNEL_SCHEMA = "shep/async-channel.xsd"
ASYNC_CLIENT_SCHEMA = "shep/async-client.xsd"
ASYNC_SERVICE_WSDL = "shep/AsyncChannelHttp_Service.wsdl"
ASYNC_CLIENT_WSDL = "shep/AsyncChannelClientHttp_Service.wsdl"


@dataclass(frozen=True, slots=True)
class Contracts:
    """Compiled validators for the ShEP channels and every payload."""

    sync_channel: etree.XMLSchema
    async_channel: etree.XMLSchema
    """The operations the gateway serves on the AsyncChannel (``sendMessage``, ``getMessages``, …)."""
    async_client: etree.XMLSchema
    """What the gateway pushes to recipients and reads back (``IAsyncChannelClient``)."""
    payloads: Mapping[str, PayloadContract]

    def payload(self, name: str) -> PayloadContract:
        return self.payloads[name]


def _compile(*relative_paths: str) -> etree.XMLSchema:
    """Compile one schema that imports every file named, so ``xsi:type`` can resolve across them."""
    imports = []
    for relative in relative_paths:
        path = CONTRACTS_DIR / relative
        target = etree.parse(str(path), _SCHEMA_PARSER).getroot().get("targetNamespace")
        imports.append(f'<xsd:import namespace="{target}" schemaLocation="{path.as_uri()}"/>')
    bundle = f'<xsd:schema xmlns:xsd="{ns.XSD}">{"".join(imports)}</xsd:schema>'
    document = etree.fromstring(bundle, _SCHEMA_PARSER, base_url=CONTRACTS_DIR.as_uri() + "/")
    return etree.XMLSchema(document)


@functools.cache
def load_contracts() -> Contracts:
    payload_files = [spec.schema_file for spec in _PAYLOADS.values()]
    payloads = {
        name: PayloadContract(
            name=name,
            schema_file=spec.schema_file,
            request_element=ns.qname(spec.namespace, spec.request),
            request_type=ns.qname(spec.namespace, spec.request),
            response_element=ns.qname(spec.namespace, spec.response),
            response_type=ns.qname(spec.namespace, spec.response),
            schema=_compile(spec.schema_file),
        )
        for name, spec in _PAYLOADS.items()
    }
    # The channel schema also knows every payload type, so inline typed data is validated in the same pass.
    sync_channel = _compile(SYNC_CHANNEL_SCHEMA, *payload_files)
    return Contracts(
        sync_channel=sync_channel,
        async_channel=_compile(ASYNC_CHANNEL_SCHEMA, *payload_files),
        async_client=_compile(ASYNC_CLIENT_SCHEMA, *payload_files),
        payloads=MappingProxyType(payloads),
    )


def validate(schema: etree.XMLSchema, element: etree._Element, what: str, *, max_issues: int = 5) -> None:
    """Raise :class:`SchemaViolation` naming the failing paths if ``element`` breaks ``schema``."""
    if schema.validate(element):
        return
    issues = tuple(
        SchemaIssue(line=entry.line, path=entry.path or "/", message=entry.message)
        for entry in list(schema.error_log)[:max_issues]
    )
    raise SchemaViolation(what, issues)


EXAMPLE_REQUESTS_DIR = CONTRACTS_DIR / "examples" / "requests"


def example_request(service_id: str, **values: str) -> etree._Element:
    """The golden request payload of ``service_id`` (``contracts/examples/requests/<serviceId>.xml``), a fresh
    copy each call, with the named elements' text replaced (``iin="…"``); KeyError when the contract has none
    or its request has no such element."""
    path = EXAMPLE_REQUESTS_DIR / f"{service_id}.xml"
    if not path.is_file():
        raise KeyError(service_id)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, remove_comments=True)
    payload = etree.parse(str(path), parser).getroot()
    for name, value in values.items():
        element = payload.find(name)
        if element is None:
            raise KeyError(f"{service_id}'s request has no element {name!r}")
        element.text = value
    return payload
