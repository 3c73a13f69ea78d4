from __future__ import annotations

from datetime import UTC, datetime

import pytest
from lxml import etree

from contracts import namespaces as ns
from contracts.loader import load_contracts
from contracts.shep import (
    ErrorInfo,
    Property,
    RequestInfo,
    ResponseInfo,
    Status,
    build_error_info,
    build_request,
    build_response,
    canonicalize,
    new_session_id,
    read_error_info,
    read_request,
    read_response,
    xml_datetime,
)


def test_a_request_round_trips_and_is_schema_valid() -> None:
    info = RequestInfo(
        message_id="m1",
        service_id="S",
        message_date="2026-11-22T10:00:00+05:00",
        sender_id="P",
        password="pw",
        correlation_id="c1",
        route_id="r1",
        properties=(Property("k", "v"),),
        session_id=new_session_id(),
    )
    wrapper = build_request(info, etree.Element("data"))
    assert load_contracts().sync_channel.validate(wrapper), load_contracts().sync_channel.error_log
    read, data = read_request(etree.fromstring(etree.tostring(wrapper)))
    assert read == info and data.tag == "data"


def test_a_response_round_trips_and_is_schema_valid() -> None:
    info = ResponseInfo("m2", "2026-11-22T10:00:00+05:00", Status("SCSS001", "ok"), "c1", new_session_id())
    wrapper = build_response(info, etree.Element("data"))
    assert load_contracts().sync_channel.validate(wrapper)
    assert read_response(wrapper)[0] == info


def test_error_info_with_sub_error_is_schema_valid() -> None:
    inner = ErrorInfo("P-1", "provider broke", "2026-11-22T10:00:00+05:00")
    outer = ErrorInfo("Provider.Fault", "x", "2026-11-22T10:00:00+05:00", "detail", inner, new_session_id())
    element = build_error_info(outer)
    assert load_contracts().sync_channel.validate(element), load_contracts().sync_channel.error_log
    assert read_error_info(element) == outer


@pytest.mark.parametrize("wrapper_namespace", sorted(ns.SYNC_WRAPPER_ALIASES))
def test_canonicalize_accepts_both_spellings_and_qualified_children(wrapper_namespace: str) -> None:
    document = (
        f'<w:SendMessage xmlns:w="{wrapper_namespace}"><w:request><w:requestInfo><w:messageId>1</w:messageId>'
        '</w:requestInfo><w:requestData><w:data><keep:x xmlns:keep="http://bip.bee.kz/payload"/></w:data>'
        "</w:requestData></w:request></w:SendMessage>"
    )
    wrapper = etree.fromstring(document.encode())
    canonicalize(wrapper)
    assert wrapper.tag == f"{{{ns.SYNC_WRAPPER}}}SendMessage"
    assert wrapper.find("request/requestInfo/messageId") is not None
    assert wrapper.find("request/requestData/data/{http://bip.bee.kz/payload}x") is not None


def test_session_ids_are_braced_guids_and_dates_are_kazakhstan_time() -> None:
    assert new_session_id().startswith("{") and len(new_session_id()) == 38
    assert xml_datetime(datetime(2026, 1, 1, 5, 0, tzinfo=UTC)) == "2026-01-01T10:00:00.000+05:00"
    with pytest.raises(ValueError):
        xml_datetime(datetime(2026, 1, 1))
