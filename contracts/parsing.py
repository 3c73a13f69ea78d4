"""Hardened parsing of XML that comes from outside.

Every byte that reaches Qaqpa from a client or a provider goes through :func:`parse_untrusted`
(shared/notes/signing-kz-pki-xmldsig.md §4): no DTD (so no entity of any kind), no network, no
XInclude, libxml2's own size guards kept (``huge_tree`` off), a byte limit and a depth limit of our
own, and comments and processing instructions dropped *at parse time*, so that a value read later
(an IIN, an amount) can never be truncated by a comment planted inside it (§4.5).
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass

from lxml import etree

from contracts.errors import ContractError, ForbiddenDtd, MalformedXml, XmlTooDeep, XmlTooLarge


@dataclass(frozen=True, slots=True)
class XmlLimits:
    """Limits applied to one document. The defaults suit ShEP messages with inline payloads."""

    max_bytes: int = 2 * 1024 * 1024
    max_depth: int = 64


DEFAULT_LIMITS = XmlLimits()

_local = threading.local()
_DOCTYPE_IN_PROLOG = re.compile(rb"(?:\xef\xbb\xbf)?\s*(?:<\?.*?\?>\s*|<!--.*?-->\s*)*<!DOCTYPE", re.DOTALL)


def _parser() -> etree.XMLParser:
    # lxml parsers keep per-document state; one per thread is the documented safe use.
    parser: etree.XMLParser | None = getattr(_local, "parser", None)
    if parser is None:
        parser = etree.XMLParser(
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            dtd_validation=False,
            huge_tree=False,
            remove_comments=True,
            remove_pis=True,
            recover=False,
            collect_ids=False,
        )
        _local.parser = parser
    return parser


def parse_untrusted(data: bytes | str, limits: XmlLimits = DEFAULT_LIMITS, *, what: str = "document") -> etree._Element:
    """Parse ``data`` and return its root element, or raise a :class:`contracts.errors.XmlRejected`.

    ``what`` names the document in error messages ("request", "requestData/data string", …).
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if len(raw) > limits.max_bytes:
        raise XmlTooLarge(f"{what} is {len(raw)} bytes; the limit is {limits.max_bytes}")
    if _DOCTYPE_IN_PROLOG.match(raw):
        # Refused before libxml2 sees it: an external DTD would otherwise fail as a network error.
        raise ForbiddenDtd(f"{what} carries a DOCTYPE; DTDs and entity declarations are not accepted")
    if isinstance(data, str) and data.lstrip().startswith("<?xml"):
        # A text payload that declares its own encoding must be parsed from its bytes.
        data = raw
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as error:
        raise _syntax_error(error, what, limits) from None
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise ForbiddenDtd(f"{what} carries a DOCTYPE; DTDs and entity declarations are not accepted")
    _check_depth(root, limits, what)
    return root


def indented(element: etree._Element) -> str:
    """``element`` as indented text for people to read."""
    copy = etree.fromstring(etree.tostring(element))
    etree.cleanup_namespaces(copy)  # declarations copied from the enclosing document say nothing here
    etree.indent(copy, space="  ")
    return etree.tostring(copy, encoding="unicode")


def indented_text(text: str, limits: XmlLimits = DEFAULT_LIMITS, *, what: str = "document") -> str:
    """``text`` indented when it is XML (parsed as hardened as any), else as it was."""
    try:
        return indented(parse_untrusted(text.encode(), limits, what=what))
    except ContractError:
        return text


def _syntax_error(error: etree.XMLSyntaxError, what: str, limits: XmlLimits) -> Exception:
    message = str(error.msg or error)
    if "Excessive depth" in message:
        return XmlTooDeep(f"{what} nests elements deeper than {limits.max_depth} levels")
    if "DOCTYPE" in message or ("Entity" in message and "not defined" in message):
        # Without a DTD an entity reference can only be undefined: report it as the DTD problem it is.
        return ForbiddenDtd(f"{what} uses entities or a DTD, which are not accepted: {message}")
    position = f" (line {error.lineno}, column {error.offset})" if error.lineno else ""
    return MalformedXml(f"{what} is not well-formed XML{position}: {message}")


_ABSOLUTE_URI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


def _check_depth(root: etree._Element, limits: XmlLimits, what: str) -> None:
    """The depth limit, and namespace names that are absolute URIs (canonical XML, which every signature and
    every copy of a payload goes through, refuses a relative one: W3C deprecated them)."""
    depth = 0
    for event, item in etree.iterwalk(root, events=("start", "end", "start-ns")):
        if event == "start":
            depth += 1
            if depth > limits.max_depth:
                raise XmlTooDeep(f"{what} nests elements deeper than {limits.max_depth} levels")
        elif event == "end":
            depth -= 1
        else:
            prefix, uri = item  # type: ignore[misc]
            if uri and not _ABSOLUTE_URI.match(str(uri)):
                declared = f"xmlns:{prefix}" if prefix else "xmlns"
                raise MalformedXml(f"{what} declares {declared}={uri!r}: a namespace name must be an absolute URI")
