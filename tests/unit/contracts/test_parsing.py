from __future__ import annotations

import pytest

from contracts.errors import ForbiddenDtd, MalformedXml, XmlTooDeep, XmlTooLarge
from contracts.parsing import XmlLimits, parse_untrusted


def test_comments_are_gone_before_any_value_is_read() -> None:
    root = parse_untrusted(b"<r><iin>8508<!-- split -->08310738</iin><?pi x?></r>")
    assert root.findtext("iin") == "850808310738"


@pytest.mark.parametrize(
    "document",
    [
        b'<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>',
        b'<!DOCTYPE r [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]><r>&b;</r>',
        b'<!DOCTYPE r SYSTEM "http://example.invalid/r.dtd"><r/>',
        b"<!DOCTYPE r><r/>",
        b"<r>&undefined;</r>",
    ],
    ids=["xxe", "entity-expansion", "external-dtd", "bare-doctype", "undefined-entity"],
)
def test_dtds_and_entities_are_refused(document: bytes) -> None:
    with pytest.raises(ForbiddenDtd):
        parse_untrusted(document)


def test_size_and_depth_limits() -> None:
    limits = XmlLimits(max_bytes=100, max_depth=5)
    with pytest.raises(XmlTooLarge, match="101 bytes"):
        parse_untrusted(b"<r>" + b"x" * 94 + b"</r>", limits)
    with pytest.raises(XmlTooDeep, match="5 levels"):
        parse_untrusted(b"<a><a><a><a><a><a/></a></a></a></a></a>", limits)
    parse_untrusted(b"<a><a><a><a><a/></a></a></a></a>", limits)


def test_libxml2_own_depth_guard_is_reported_as_too_deep() -> None:
    with pytest.raises(XmlTooDeep):
        parse_untrusted(b"<a>" * 300 + b"</a>" * 300, XmlLimits(max_depth=250))


@pytest.mark.parametrize("document", [b"", b"<a>", b"<a></b>", b"\xff\xfe<a/>", b"plain text"])
def test_malformed_documents_say_where(document: bytes) -> None:
    with pytest.raises(MalformedXml, match="not well-formed"):
        parse_untrusted(document, what="request")


def test_text_that_declares_its_encoding_is_parsed() -> None:
    root = parse_untrusted('<?xml version="1.0" encoding="UTF-8"?><r>Қазақстан</r>')
    assert root.text == "Қазақстан"


def test_a_relative_namespace_name_is_malformed() -> None:
    """Found by hypothesis (tests/integration/test_fuzzing.py): canonical XML refuses it, deep in the gateway."""
    with pytest.raises(MalformedXml, match="absolute URI"):
        parse_untrusted(b'<a><data xmlns:xsi="//www.w3.org/2001/XMLSchema-instance"/></a>')
    assert parse_untrusted(b'<a xmlns="" xmlns:u="urn:x"><b xmlns="http://example.com/"/></a>').tag == "a"
