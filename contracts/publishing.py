"""Serving the contract files over HTTP, with every reference turned into an absolute URL.

A WSDL fetched from ``http://host:port/bip-sync/?wsdl`` imports ``ISyncChannel.wsdl`` and the XSDs; the
files in ``contracts/`` refer to each other by relative paths, so before serving, ``location`` and
``schemaLocation`` become ``{base}/contracts/<path>`` and ``soap:address`` becomes the endpoint that serves
the channel. Results are cached per (file, base URL).
"""

from __future__ import annotations

import functools
import posixpath

from lxml import etree

from contracts import namespaces as ns
from contracts.loader import CONTRACTS_DIR

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
_REFERENCES = (
    (ns.qname(ns.XSD, "import"), "schemaLocation"),
    (ns.qname(ns.XSD, "include"), "schemaLocation"),
    (ns.qname(ns.WSDL, "import"), "location"),
)


class UnknownContractFile(LookupError):
    pass


def contract_path(relative: str) -> str:
    """Normalise a requested path and make sure it names a published contract file."""
    clean = posixpath.normpath(relative.lstrip("/"))
    if clean.startswith("..") or not clean.endswith((".wsdl", ".xsd")):
        raise UnknownContractFile(relative)
    if not (CONTRACTS_DIR / clean).is_file():
        raise UnknownContractFile(relative)
    return clean


@functools.lru_cache(maxsize=256)
def published(relative: str, base_url: str, endpoint_url: str | None = None) -> bytes:
    """The contract file ``relative`` as served from ``base_url`` (no trailing slash).

    ``endpoint_url`` replaces every ``soap:address`` location (service WSDLs only).
    """
    path = contract_path(relative)
    tree = etree.parse(str(CONTRACTS_DIR / path), _PARSER)
    directory = posixpath.dirname(path)
    for tag, attribute in _REFERENCES:
        for element in tree.iter(tag):
            target = element.get(attribute)
            if target and "://" not in target:
                resolved = posixpath.normpath(posixpath.join(directory, target))
                element.set(attribute, f"{base_url}/contracts/{resolved}")
    if endpoint_url is not None:
        for address in tree.iter(ns.qname(ns.WSDL_SOAP, "address")):
            address.set("location", endpoint_url)
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8")
