"""XML namespace URIs used on the wire, in one place.

The ShEP namespaces are those of the public BIP v10 contract (shared/notes/protocols-shep-xroad.md §1.2).
Note the two spellings: the wrapper elements live in ``…/SyncChannel/v10/Types`` (capital T) while the
message-header types live in ``…/SyncChannel/v10/types``; copies of the contract in the wild disagree, so
readers accept both (see :data:`SYNC_WRAPPER_ALIASES`).
"""

from __future__ import annotations

from typing import Final

SOAP11_ENV: Final = "http://schemas.xmlsoap.org/soap/envelope/"
SOAP12_ENV: Final = "http://www.w3.org/2003/05/soap-envelope"
XSI: Final = "http://www.w3.org/2001/XMLSchema-instance"
XSD: Final = "http://www.w3.org/2001/XMLSchema"
WSDL: Final = "http://schemas.xmlsoap.org/wsdl/"
WSDL_SOAP: Final = "http://schemas.xmlsoap.org/wsdl/soap/"

SHEP_COMMON: Final = "http://bip.bee.kz/common/v10/types"
SYNC_WRAPPER: Final = "http://bip.bee.kz/SyncChannel/v10/Types"
SYNC_WRAPPER_ALIASES: Final = frozenset({SYNC_WRAPPER, "http://bip.bee.kz/SyncChannel/v10/types"})
SYNC_INTERFACES: Final = "http://bip.bee.kz/SyncChannel/v10/Interfaces"
SYNC_BINDING: Final = "http://bip.bee.kz/SyncChannel/v10/Interfaces/Binding2"
ASYNC_WRAPPER: Final = "http://bip.bee.kz/AsyncChannel/v10/Types"
ASYNC_WRAPPER_ALIASES: Final = frozenset({ASYNC_WRAPPER, "http://bip.bee.kz/AsyncChannel/v10/types"})
ASYNC_CLIENT_WRAPPER: Final = "http://bip.bee.kz/AsyncChannel/v10/Types/Client"
ASYNC_INTERFACES: Final = "http://bip.bee.kz/AsyncChannel/v10/Interfaces"
ASYNC_BINDING: Final = "http://bip.bee.kz/AsyncChannel/v10/Interfaces/Binding2"

WSSE: Final = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd"
WSU: Final = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd"
DS: Final = "http://www.w3.org/2000/09/xmldsig#"

GBDFL_MESSAGE: Final = "http://message.persistence.interactive.nat"
GBDFL_PERSON: Final = "http://person.persistence.interactive.nat"
GBDFL_DOCUMENT: Final = "http://document.persistence.interactive.nat"
GBDFL_DICTIONARIES: Final = "http://dictionaries.persistence.interactive.nat"


def tag_of(element: object) -> str:
    """An element's tag as text (lxml's stubs allow bytes and QName too; lxml itself returns str)."""
    return str(getattr(element, "tag", ""))


def qname(namespace: str, local: str) -> str:
    """Clark notation ``{namespace}local``, the form lxml uses for tags."""
    return f"{{{namespace}}}{local}"


def split_qname(tag: object) -> tuple[str | None, str]:
    """Split a Clark-notation tag (an lxml ``element.tag``) into (namespace or None, local name)."""
    tag = str(tag)
    if tag.startswith("{"):
        namespace, _, local = tag[1:].partition("}")
        return namespace, local
    return None, tag


def _register_prefixes() -> None:
    # When lxml must declare one of these namespaces on the fly, it uses the conventional prefix.
    from lxml import etree

    for prefix, uri in (("wsse", WSSE), ("wsu", WSU), ("ds", DS), ("soap", SOAP11_ENV), ("xsi", XSI)):
        etree.register_namespace(prefix, uri)


_register_prefixes()
